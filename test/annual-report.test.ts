// The annual report (loaders/annual/, issue 14) on a hand-built database: every figure below
// is counted by hand from the batches listed here, not taken from the code's output.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import { readPublicationConfig } from "../loaders/core/config.ts";
import type { Database } from "../loaders/db/connection.ts";
import { writeDisclosureTable } from "../loaders/disclosure/gates.ts";
import { annualYears, buildAnnualReport, type AnnualReport } from "../loaders/annual/annual-report.ts";
import { annualText } from "../loaders/annual/cli.ts";
import { writeAnnualBriefingPages } from "../loaders/site/briefing/annual-briefing-pages.ts";
import { SiteWriter } from "../loaders/site/site-writer.ts";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import { exportPublicTo, type PublicExport } from "./helpers/public-export.ts";

// 2025, by category (producer "P-<id>" unless named; region 渝北 500112, 生产, 小型 unless said):
//   A 电线电缆  10 batches, 1 failed (X)          10%  → 10–20% (the lower boundary)  大型
//   B 插座       5 batches, 1 failed (4 items)     20%  → 10–20% (the upper boundary)  中型
//   C 童装       3 batches, 1 failed            33.3%  → > 20%      渝中 500103, 电商
//   D 文具      11 batches, 1 failed             9.1%  → < 10%      流通
//   E 餐具       2 batches, none                       → none       size not given (未填报)
//   F 玩具       1 batch, failed (Z), WITHHELD (no 同意公开): in "all", not in "published"
//   G 床上用品   4 batches, 2 failed (both Y)      50%  → > 20%      万州 500101
// 2024: A 4 batches, 1 failed (X); F 1 batch failed (Z)   → 5 batches, 2 failed, 40%
// 2021: 1 batch passed (in the five years); 2020: 1 batch passed (before them: not in the chart)
// Repeat offenders with the repeat in 2025: X (A), Y (G), Z (F, the repeat withheld).
const batches: FixtureBatch[] = [];
const events: FixtureEvent[] = [];
let serial = 0;
function add(category: string, n: number, failed: { producer?: string; items: string[]; date?: string; report?: string; withheld?: boolean }[], extra: Partial<FixtureBatch> = {}, year = "2025"): void {
  for (let i = 0; i < n; i++) {
    const id = `S${String(++serial).padStart(3, "0")}`;
    const f = failed[i];
    const sampling = f?.date ?? `${year}-03-10`;
    const report = f?.report ?? `${year}-03-20`;
    batches.push({
      sample_id: id, product_category: category, product_name: `${category}产品`, producer_name: f?.producer ?? `P-${id}`,
      sampling_date: sampling, report_date: report, plan_year: Number(year),
      ...(f ? { conclusion: "不合格", failed_items: f.items } : {}), ...extra,
    });
    if (f) events.push({ sample_id: id, event: "不合格告知", date: report.replace(/-(\d\d)$/, (_, d) => `-${String(Number(d) + 3).padStart(2, "0")}`) });
    if (!f?.withheld) events.push({ sample_id: id, event: "同意公开", date: `${year}-09-01` });
  }
}
add("电线电缆", 10, [{ producer: "企业X", items: ["导体电阻"] }], { enterprise_size: "大型" });
add("插座", 5, [{ items: ["阻燃", "标志", "结构", "材料"] }], { enterprise_size: "中型" });
add("童装", 3, [{ items: ["纤维含量"] }], { sampled_region: "500103", channel: "电商", platform: "某电商平台" });
add("文具", 11, [{ items: ["外观"] }], { channel: "流通" });
add("餐具", 2, [], { enterprise_size: null });
add("玩具", 1, [{ producer: "企业Z", items: ["迁移量"], withheld: true }]);
add("床上用品", 4, [{ producer: "企业Y", items: ["甲醛", "pH值"] }, { producer: "企业Y", items: ["甲醛"], date: "2025-06-01", report: "2025-06-10" }], { sampled_region: "500101" });
add("电线电缆", 4, [{ producer: "企业X", items: ["绝缘厚度"], date: "2024-05-10", report: "2024-05-20" }], {}, "2024");
add("玩具", 1, [{ producer: "企业Z", items: ["迁移量"], date: "2024-05-10", report: "2024-05-20" }], {}, "2024");
add("电线电缆", 1, [], {}, "2021");
add("电线电缆", 1, [], {}, "2020");
const AS_OF = "2025-12-31";

let db: Database;
let all: AnnualReport;
let pub: AnnualReport;
beforeAll(async () => {
  db = await createFixtureDb(batches, events);
  await createTempCalendarTable(db.conn);
  await writeDisclosureTable(db.conn, { asOf: AS_OF });
  all = (await buildAnnualReport(db.conn, 2025, { scope: "all", asOf: AS_OF }))!;
  pub = (await buildAnnualReport(db.conn, 2025, { scope: "published", asOf: AS_OF }))!;
});
afterAll(() => db?.close());

describe("buildAnnualReport — 一、总体情况", () => {
  it("counts categories, enterprises, batches, failing enterprises and batches; the withheld failure only in 'all'", () => {
    // 36 batches of 7 categories; 35 producers (Y has two); failing: X, B's, C's, D's, Z, Y (twice) = 6 enterprises, 7 batches
    expect(all.overview).toEqual({ year: 2025, categories: 7, enterprises: 35, batches: 36, failed_batches: 7, failed_enterprises: 6, regions: 3, rate: 7 / 36 });
    // published: F (Z's batch) is withheld — 6 categories, 34 producers, 35 batches, 5 failing enterprises, 6 failing batches
    expect(pub.overview).toEqual({ year: 2025, categories: 6, enterprises: 34, batches: 35, failed_batches: 6, failed_enterprises: 5, regions: 3, rate: 6 / 35 });
  });

  it("changes against the previous year in percentage points, one decimal", () => {
    expect(all.previous).toMatchObject({ year: 2024, batches: 5, failed_batches: 2, rate: 0.4 });
    expect(all.change_pp).toBe(-20.6); // 19.44% − 40%
    expect(pub.change_pp).toBe(-22.9); // 17.14% − 40%
  });

  it("draws the five years: the year and up to four before, with data only (2020 is six years back)", () => {
    expect(all.trend.map((y) => [y.year, y.batches, y.failed_batches])).toEqual([[2021, 1, 0], [2024, 5, 2], [2025, 36, 7]]);
  });

  it("lists the years with data, per scope", async () => {
    expect(await annualYears(db.conn, "all")).toEqual([2020, 2021, 2024, 2025]);
    expect(await annualYears(db.conn, "published")).toEqual([2020, 2021, 2024, 2025]);
    expect(await buildAnnualReport(db.conn, 2019, { scope: "all", asOf: AS_OF })).toBeNull();
  });
});

describe("buildAnnualReport — regions, sizes, channels", () => {
  it("二、区域分布: batches, share, failures and rate per sampled region, most batches first", () => {
    expect(all.regions.map((r) => [r.label, r.batches, r.failed])).toEqual([["渝北区", 29, 4], ["万州区", 4, 2], ["渝中区", 3, 1]]);
    expect(all.regions[0].share).toBeCloseTo(29 / 36, 12);
    expect(all.regions[1].rate).toBe(0.5);
    expect(pub.regions.map((r) => [r.label, r.batches, r.failed])).toEqual([["渝北区", 28, 3], ["万州区", 4, 2], ["渝中区", 3, 1]]);
  });

  it("三、大中小型企业: rate by enterprise size, with the years before; a missing size is 未填报", () => {
    const y2025 = all.sizes.filter((s) => s.year === 2025).map((s) => [s.label, s.batches, s.failed]);
    expect(y2025).toEqual([["大型", 10, 1], ["中型", 5, 1], ["小型", 19, 5], ["未填报", 2, 0]]);
    expect(all.sizes.filter((s) => s.year === 2024).map((s) => [s.label, s.batches, s.failed])).toEqual([["小型", 5, 2]]);
    expect(all.sizes.find((s) => s.year === 2025 && s.label === "小型")!.rate).toBeCloseTo(5 / 19, 12);
    // published: Z's withheld 小型 failure is gone
    expect(pub.sizes.find((s) => s.year === 2025 && s.label === "小型")).toMatchObject({ batches: 18, failed: 4 });
  });

  it("四、生产、流通、电商: rate per channel and its change against the previous year", () => {
    expect(all.channels.map((c) => [c.label, c.batches, c.failed, c.change_pp])).toEqual([["生产", 22, 5, -17.3], ["流通", 11, 1, null], ["电商", 3, 1, null]]);
    expect(pub.channels[0]).toMatchObject({ label: "生产", batches: 21, failed: 4, previous_rate: 0.4, change_pp: -21 });
  });
});

describe("buildAnnualReport — 五、产品 and 六、跟踪抽查", () => {
  it("bands the categories: 0, < 10%, 10–20% with both 10% and 20% inside, > 20%", () => {
    const bands = (r: AnnualReport) => Object.fromEntries(r.bands.map((b) => [b.band, b.names]));
    expect(bands(all)).toEqual({ none: ["餐具"], under_10: ["文具"], "10_to_20": ["插座", "电线电缆"].sort(), over_20: ["床上用品", "玩具", "童装"].sort() });
    expect(bands(pub)).toEqual({ none: ["餐具"], under_10: ["文具"], "10_to_20": ["插座", "电线电缆"].sort(), over_20: ["床上用品", "童装"].sort() });
  });

  it("names the five worst by rate (six categories failed in 'all': 文具 at 9.1% is sixth)", () => {
    expect(all.worst.map((c) => c.label)).toEqual(["玩具", "床上用品", "童装", "插座", "电线电缆"]);
    expect(pub.worst.map((c) => c.label)).toEqual(["床上用品", "童装", "插座", "电线电缆", "文具"]);
  });

  it("gives each category's main failing items, at most three, most frequent first", () => {
    const items = Object.fromEntries(all.failing_items.map((f) => [f.product_category, f.items.map((i) => `${i.item}:${i.batches}`)]));
    expect(items["床上用品"]).toEqual(["甲醛:2", "pH值:1"]);
    // four items once each: three kept, by name (code point order: 材 < 标 < 结 < 阻)
    expect(items["插座"]).toEqual(["材料:1", "标志:1", "结构:1"]);
    expect(items["玩具"]).toEqual(["迁移量:1"]);
    expect(pub.failing_items.map((f) => f.product_category)).not.toContain("玩具");
  });

  it("lists the repeat offenders of the year; the published list only those with both results published", () => {
    expect(all.repeat_offenders.map((o) => o.producer_name).sort()).toEqual(["企业X", "企业Y", "企业Z"]);
    expect(pub.repeat_offenders.map((o) => o.producer_name).sort()).toEqual(["企业X", "企业Y"]);
    expect(pub.repeat_offenders.every((o) => o.producer_uscc === null && o.bureau_actions.length === 0)).toBe(true);
    expect(all.repeat_as_of).toBe("2025-12-31");
  });

  it("judges repeat offenders as of the year's end, or the data's as-of day when earlier", async () => {
    // on 2025-05-01 Y's second failure (sampled 06-01) has not happened: only X and Z
    const early = (await buildAnnualReport(db.conn, 2025, { scope: "all", asOf: "2025-05-01" }))!;
    expect(early.repeat_as_of).toBe("2025-05-01");
    expect(early.repeat_offenders.map((o) => o.producer_name).sort()).toEqual(["企业X", "企业Z"]);
    // 2024 holds only X's and Z's first failures: no repeat, whatever came after the year's end
    const y2024 = (await buildAnnualReport(db.conn, 2024, { scope: "all", asOf: AS_OF }))!;
    expect(y2024.repeat_as_of).toBe("2024-12-31");
    expect(y2024.repeat_offenders).toEqual([]);
    expect(y2024.previous).toBeNull(); // no 2023 batches: no change to report
    expect(y2024.change_pp).toBeNull();
  });

  it("prints every section for the terminal", () => {
    const text = annualText(all);
    for (const h of ["一、总体情况", "二、区域分布", "三、大中小型企业", "四、生产、流通、电商", "五、产品", "六、跟踪抽查"]) expect(text).toContain(h);
    expect(text).toContain("不合格发现率为19.4%，比上年下降20.6个百分点");
  });
});

// ---- the public page /public/annual/<year> and its 附件 (loaders/site/public/pages/annual-pages.ts)
describe("the public annual page", () => {
  let e: PublicExport;
  beforeAll(async () => { e = await exportPublicTo(db.conn); });
  const page = (year: number) => e.read(`_pages/annual/${year}.html`).toString("utf8");

  it("is written for every year with published results, holds its figures in the HTML (no script needed) and is in the sitemap", () => {
    for (const y of [2020, 2021, 2024, 2025]) expect(e.files.some((f) => f.path === `public/_pages/annual/${y}.html`), String(y)).toBe(true);
    const html = page(2025);
    // the one script shows the print button; everything else is HTML
    expect(html.replace(/<script>[^<]*\.print-button[^<]*<\/script>/, "")).not.toContain("<script");
    for (const h of ["一、总体情况", "二、区域分布", "三、大中小型企业", "四、生产、流通、电商", "五、产品", "六、跟踪抽查"]) expect(html).toContain(h);
    // the published figures, never the withheld batch
    expect(html).toContain("共抽查6类产品35批次");
    expect(html).toContain("不合格发现率为17.1%，比上年下降22.9个百分点");
    expect(html).not.toContain("企业Z");
    expect(html).not.toContain("玩具产品");
    // each chart has its table
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(html).toMatch(/<table class="result-table[^"]*">\s*<caption>[^<]*五年/);
    expect(e.read("_pages/sitemap.xml").toString("utf8")).toContain("/public/annual/2025</loc>");
    expect(e.read("_pages/index.html").toString("utf8")).toContain('href="./annual/2025"');
  });

  it("attaches 附件1 (the year's published failures) and 附件2 (repeat offenders, both results published) as text-cell .xlsx", async () => {
    const read = async (n: number) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(e.read(`_pages/annual/2025/attachment-${n}.xlsx`) as unknown as ArrayBuffer);
      return wb.worksheets[0];
    };
    const one = await read(1);
    expect(String(one.getCell(1, 1).value)).toContain("附件1");
    expect(one.rowCount - 2).toBe(6); // the six published failures of 2025
    const two = await read(2);
    expect(String(two.getCell(1, 1).value)).toContain("跟踪抽查仍不合格企业名单");
    const header = (two.getRow(2).values as unknown[]).slice(1).map(String);
    const producer = header.indexOf("标称生产者名称") + 1;
    const names: string[] = [];
    for (let r = 3; r <= two.rowCount; r++) names.push(String(two.getCell(r, producer).value));
    expect(names.sort()).toEqual(["企业X", "企业Y"]);
    expect(header).not.toContain("统一社会信用代码");
    two.eachRow((row, n) => row.eachCell((cell) => { if (n > 1) expect(cell.type, `row ${n}`).toBe(ExcelJS.ValueType.String); }));
  });
});

// ---- the leadership's version /briefing/annual/<year> (loaders/site/briefing/annual-briefing-pages.ts)
describe("the leadership's annual page", () => {
  it("counts every result, withheld ones too, lists the full repeat offenders and is marked 内部资料 with a 文号", async () => {
    const srcDir = mkdtempSync(join(tmpdir(), "spotcheck-annual-briefing-"));
    const writer = new SiteWriter("briefing", srcDir);
    expect(await writeAnnualBriefingPages(writer, db.conn)).toEqual([2020, 2021, 2024, 2025]);
    const html = readFileSync(join(srcDir, "briefing", "_pages", "annual", "2025.html"), "utf8");
    const config = readPublicationConfig();
    expect(html).toContain(`<p class="briefing-mark">${config.briefing.mark}</p>`);
    expect(html).toContain(`<span class="briefing-docnumber">${config.briefing.docNumberPrefix}〔2025〕年报</span>`);
    expect(html).not.toContain("<script");
    for (const h of ["一、总体情况", "二、区域分布", "三、大中小型企业", "四、生产、流通、电商", "五、产品", "六、跟踪抽查"]) expect(html).toContain(h);
    expect(html).toContain("共抽查7类产品36批次");
    expect(html).toContain("不合格发现率为19.4%，比上年下降20.6个百分点");
    // the withheld failure and its repeat offender are in the leadership's version
    expect(html).toContain("企业Z");
    expect(html).toMatch(/不合格发现率高于20%<\/td><td[^>]*>3</);
  });
});
