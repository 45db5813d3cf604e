// /public/producer/<key> (issue 14): a producer's page lists only its published results. On
// hand-built batches run through the real gates (writeDisclosureTable) and the real public
// export: a producer with a USCC with two published results and one never approved (P1,
// article 62), the same name without a USCC (another producer, another page), and a
// producer known by its name only. Oracles: the fixture's own ids, which batch each gate
// holds worked out by hand, and the personal data read back from the fixture.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import type { Database } from "../loaders/db/connection.ts";
import { writeDisclosureTable } from "../loaders/disclosure/gates.ts";
import { producerPagePath, resultPagePath } from "../loaders/site/public/pages/paths.ts";
import { createFixtureDb, type FixtureBatch } from "./helpers/fixture-db.ts";
import { exportPublicTo, type PublicExport } from "./helpers/public-export.ts";

const AS_OF = "2025-12-31";
const USCC = "91500000MA5U9X9X9X";
const NAME = "公测档案电器有限公司";
const CONTACT = "档案测试联系人丙";
const PHONE = "13987659999";
const base: Partial<FixtureBatch> = { product_category: "插头插座", product_name: "转换器", sampled_contact: CONTACT, sampled_phone: PHONE, report_date: "2025-05-28" };

const batches: FixtureBatch[] = [
  { sample_id: "PRD-PASS-1", ...base, producer_name: NAME, producer_uscc: USCC, product_name: "延长线插座", sampling_date: "2025-05-06", conclusion: "合格" },
  { sample_id: "PRD-FAIL-1", ...base, producer_name: NAME, producer_uscc: USCC, sampling_date: "2025-05-07", conclusion: "不合格", failed_items: ["插头尺寸"] },
  // the same producer's result that was never approved for publication (P1): must not appear
  { sample_id: "PRD-HELD-1", ...base, producer_name: NAME, producer_uscc: USCC, product_name: "未批准转换器", sampling_date: "2025-05-08", conclusion: "不合格", failed_items: ["标志和说明"] },
  // the same name without a USCC: another producer
  { sample_id: "PRD-NOUSCC-1", ...base, producer_name: NAME, sampling_date: "2025-05-09", conclusion: "合格" },
  { sample_id: "PRD-NAME-1", ...base, producer_name: "公测无代码厂", sampling_date: "2025-05-10", conclusion: "合格" },
];
const published = ["PRD-PASS-1", "PRD-FAIL-1", "PRD-NOUSCC-1", "PRD-NAME-1"];
const events = [
  ...published.flatMap((id) => [
    { sample_id: id, event: "报告报送", date: "2025-05-29" },
    ...(id === "PRD-FAIL-1" ? [{ sample_id: id, event: "不合格告知", date: "2025-06-02" }] : []),
    { sample_id: id, event: "同意公开", date: "2025-06-25" },
  ]),
  { sample_id: "PRD-HELD-1", event: "报告报送", date: "2025-05-29" },
  { sample_id: "PRD-HELD-1", event: "不合格告知", date: "2025-06-02" },
];

let db: Database;
let exported: PublicExport;
const pages = new Map<string, string>();
const pageOf = (sitePath: string) => pages.get(sitePath);

beforeAll(async () => {
  db = await createFixtureDb(batches, events);
  await createTempCalendarTable(db.conn);
  await writeDisclosureTable(db.conn, { asOf: AS_OF });
  exported = await exportPublicTo(db.conn);
  const dir = join(exported.srcDir, "public", "_pages");
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) {
      const file = join(entry.parentPath, entry.name);
      pages.set(`/public/${file.slice(dir.length + 1).replace(/\.html$/, "")}`, readFileSync(file, "utf8"));
    }
  }
}, 120_000);
afterAll(() => {
  db?.close();
  if (exported) rmSync(exported.srcDir, { recursive: true, force: true });
});

/** The result pages a producer page links, by sample id. */
function linkedResults(html: string): string[] {
  return [...html.matchAll(/href="[^"]*\/result\/2025\/([A-Z0-9-]+)"/g)].map((m) => m[1]).sort();
}

describe("public producer pages", () => {
  it("writes one page per producer with published results: USCC and name-only producers apart", () => {
    const producerPages = [...pages.keys()].filter((p) => p.startsWith("/public/producer/")).sort();
    expect(producerPages).toEqual([producerPagePath(USCC), producerPagePath(`name:${NAME}`), producerPagePath("name:公测无代码厂")].sort());
  });

  it("lists only the published results, verdict first: the withheld batch of the same producer is absent", () => {
    const html = pageOf(producerPagePath(USCC))!;
    expect(linkedResults(html)).toEqual(["PRD-FAIL-1", "PRD-PASS-1"]);
    expect(html).not.toContain("PRD-HELD-1");
    expect(html).not.toContain("未批准转换器");
    expect(html).not.toContain("标志和说明");
    expect(html).toContain("已公开该企业作为标称生产者的产品抽查结果 2 批次，其中不合格 1 批次");
    // in each row the verdict cell comes before the product
    const row = /<tr><td data-label="检验结论"[^]*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(row.indexOf("检验结论")).toBeLessThan(row.indexOf("产品名称"));
    expect(pageOf(producerPagePath(`name:${NAME}`))).toContain("PRD-NOUSCC-1");
    expect(linkedResults(pageOf(producerPagePath(`name:${NAME}`))!)).toEqual(["PRD-NOUSCC-1"]);
  });

  it("carries no personal data and no USCC", () => {
    for (const [path, html] of pages) {
      if (!path.startsWith("/public/producer/")) continue;
      for (const secret of [CONTACT, PHONE, USCC]) expect(html, `${path} ${secret}`).not.toContain(secret);
    }
  });

  it("is linked from each published result page's 标称生产者, and listed in the sitemap", () => {
    const result = pageOf(resultPagePath({ sample_id: "PRD-FAIL-1", sampling_date: "2025-05-07" }))!;
    expect(result).toMatch(new RegExp(`<dd><a href="\\.\\./\\.\\./producer/${producerPagePath(USCC).split("/").at(-1)}">${NAME}</a></dd>`));
    expect(pageOf(resultPagePath({ sample_id: "PRD-HELD-1", sampling_date: "2025-05-08" }))).toBeUndefined();
    const sitemap = exported.read("_pages/sitemap.xml").toString("utf8");
    expect(sitemap).toContain(producerPagePath(USCC).slice(1));
  });

  it("keeps a producer's address from build to build", () => {
    expect(producerPagePath(USCC)).toBe(producerPagePath(USCC));
    expect(producerPagePath(USCC)).toMatch(/^\/public\/producer\/p-[0-9a-f]{16}$/);
    expect(producerPagePath(USCC)).not.toBe(producerPagePath(`name:${NAME}`));
  });
});
