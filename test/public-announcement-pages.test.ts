// The static announcement pages (loaders/site/public/pages/announcement-*.ts, notice-pages.ts,
// public-index.ts) and their .xlsx 附件, on a small hand-made database: the oracles are the
// batches listed below, counted by hand, and a direct SQL query on the same database.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import { readPublicationConfig } from "../loaders/core/config.ts";
import type { Database } from "../loaders/db/connection.ts";
import { writeDisclosureTable } from "../loaders/disclosure/gates.ts";
import { PUBLIC_FIELDS } from "../loaders/disclosure/whitelist.ts";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import { exportPublicTo, type PublicExport } from "./helpers/public-export.ts";

const XSS = "<img src=x onerror=alert(1)>";
const labelOf = (key: string) => PUBLIC_FIELDS.find((f) => f.key === key)!.label;
const ORG = readPublicationConfig().publisher.orgCode;

const FAIL = { conclusion: "不合格", failed_items: ["导体电阻"] };
const batches: FixtureBatch[] = [
  // 2025Q1: 3 pass, 2 published failures, 1 failure withheld (no 同意公开)
  { sample_id: "A1", model: "-10号（VI）", producer_name: "重庆合格一厂" },
  { sample_id: "A2", ...FAIL, producer_name: XSS, sampled_name: "渝测公开甲乙丙商行" },
  { sample_id: "A3", ...FAIL, producer_name: "重庆甲电缆有限公司", sampled_name: "公告商行" },
  { sample_id: "A4", ...FAIL, producer_name: "未公开不得出现的企业" },
  { sample_id: "A5", model: "+1.50D", producer_name: "重庆合格二厂" },
  { sample_id: "A6", model: "=HYPERLINK(\"http://x\")", producer_name: "重庆合格三厂" },
  // 2025Q2: 1 failure, 1 pass; B1's producer failed the same category in 2024Q4 (C1, reported
  // 2024-11-20): a repeat offender (跟踪抽查仍不合格) with both results published → Q2's 附件2
  { sample_id: "B1", ...FAIL, sampling_date: "2025-05-10", report_date: "2025-05-20", producer_name: "重庆丙电缆有限公司" },
  { sample_id: "B2", sampling_date: "2025-05-12", report_date: "2025-05-20", producer_name: "重庆合格四厂" },
  // 2024Q4: another year (the export reads a year at a time)
  { sample_id: "C1", ...FAIL, sampling_date: "2024-11-05", report_date: "2024-11-20", producer_name: "重庆丙电缆有限公司" },
  // a 公示送达 (article 51): the producer's address unknown, not yet final
  { sample_id: "N1", ...FAIL, sampling_date: "2025-08-20", report_date: "2025-09-10", producer_name: "公示送达电器有限公司" },
];
const approved = (id: string, date = "2025-04-30"): FixtureEvent => ({ sample_id: id, event: "同意公开", date });
const notified = (id: string, date = "2025-03-25"): FixtureEvent => ({ sample_id: id, event: "不合格告知", date });
const events: FixtureEvent[] = [
  approved("A1"), approved("A2"), notified("A2"), approved("A3"), notified("A3"), notified("A4"), approved("A5", "2025-05-08"), approved("A6"),
  approved("B1", "2025-07-01"), notified("B1", "2025-05-25"), approved("B2", "2025-06-20"),
  approved("C1", "2025-01-10"), notified("C1", "2024-11-25"),
  { sample_id: "A3", event: "社会公告", date: "2025-06-10" },
  { sample_id: "N1", event: "公示送达", date: "2025-09-16" }, // 15 days end 10-01 (国庆) → 10-09
];
const AS_OF = "2025-10-09";

let db: Database | undefined;
afterEach(() => db?.close());

async function exported(): Promise<PublicExport> {
  db?.close();
  db = await createFixtureDb(batches, events);
  await createTempCalendarTable(db.conn);
  await writeDisclosureTable(db.conn, { asOf: AS_OF });
  return exportPublicTo(db.conn);
}

const page = (e: PublicExport, sitePath: string) => e.read(`_pages/${`${sitePath.replace(/^\/public\//, "")}`.replace(/(^|\/)$/, "$1index")}.html`).toString("utf8");
const fact = (htmlText: string, label: string) => htmlText.match(new RegExp(`<dt>${label}</dt><dd>(.*?)</dd>`))?.[1].replace(/<[^>]+>/g, "");
const pagesDir = (e: PublicExport) => join(e.srcDir, "public", "_pages");
function htmlPages(e: PublicExport): string[] {
  return readdirSync(pagesDir(e), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html")).map((f) => f.split("\\").join("/"));
}
/** Does a site path, as a static server maps it (x → x.html, x/ → x/index.html), name a written page? */
const pageExists = (e: PublicExport, sitePath: string) => {
  const rel = posix.relative("/public", decodeURIComponent(sitePath));
  return existsSync(join(pagesDir(e), sitePath.endsWith("/") ? `${rel}/index.html` : `${rel}.html`));
};

async function readSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe("quarterly announcement pages", () => {
  it("carry the disclosure metadata: a unique 索引号 the same in every build, 发布机构, 成文日期 and 发布日期", async () => {
    const first = await exported();
    const q1 = page(first, "/public/announcements/2025Q1");
    expect(fact(q1, "索引号")).toBe(`${ORG}/2025-TG-Q1`);
    expect(fact(q1, "发布机构")).toBe("重庆市市场监督管理局");
    // the newest approval among the quarter's published rows is A5's, 2025-05-08 (every
    // finality, 2025-03-25 + 15 days, is earlier): both dates are that day
    expect(fact(q1, "成文日期")).toBe("2025-05-08");
    expect(fact(q1, "发布日期")).toBe("2025-05-08");
    // Q2: B1 approved 07-01 after its window closed (05-25 + 15 days)
    expect(fact(page(first, "/public/announcements/2025Q2"), "发布日期")).toBe("2025-07-01");
    expect(fact(page(first, "/public/announcements/2024Q4"), "索引号")).toBe(`${ORG}/2024-TG-Q4`);

    const numbers = (e: PublicExport) => new Map(htmlPages(e).filter((f) => /^(announcements|notices\/(social|service))\//.test(f)).map((f) => [f, fact(readFileSync(join(pagesDir(e), f), "utf8"), "索引号")]));
    const once = numbers(first);
    // 3 quarters, 1 社会公告, 1 公示送达
    expect([...once.keys()].sort()).toEqual(["announcements/2024Q4.html", "announcements/2025Q1.html", "announcements/2025Q2.html", "notices/service/N1.html", "notices/social/A3.html"]);
    expect(new Set(once.values()).size).toBe(once.size);
    for (const n of once.values()) expect(n).toMatch(new RegExp(`^${ORG}/\\d{4}-`));
    const again = numbers(await exported());
    expect(again).toEqual(once);
  });

  it("lists the quarter's failing products inline and links an .xlsx of exactly its failing producers, in text cells", async () => {
    const e = await exported();
    const q1 = page(e, "/public/announcements/2025Q1");
    expect(q1).toContain('href="./2025Q1/attachment-1.xlsx"');
    expect(q1).toContain('href="./2025Q1/attachment-2.xlsx"');
    expect(q1).toContain('href="./2025Q1/attachment-3.xlsx"');
    // the numbers are the same in every announcement: 附件2 is the repeat offenders, 附件3 the passes
    expect(q1).toMatch(/download="附件2 [^"]*跟踪抽查仍不合格企业名单\.xlsx"/);
    expect(q1).toMatch(/download="附件3 [^"]*合格产品名单\.xlsx"/);
    expect(q1).toMatch(/download="附件1 [^"]*不合格产品及企业名单\.xlsx"/);
    // the failing producers of 2025Q1 by a direct query on the fixture (published, 不合格) …
    const reader = await db!.conn.runAndReadAll(
      `SELECT b.producer_name FROM batches b JOIN disclosure_status d USING (sample_id)
       WHERE d.published AND b.conclusion = '不合格' AND b.sampling_date BETWEEN DATE '2025-01-01' AND DATE '2025-03-31'`);
    const bySql = reader.getRowObjects().map((r) => String(r.producer_name)).sort();
    // … and by hand: A2 and A3 (A4 is withheld)
    expect(bySql).toEqual([XSS, "重庆甲电缆有限公司"].sort());

    const sheet = await readSheet(e.read("_pages/announcements/2025Q1/attachment-1.xlsx"));
    expect(sheet.name).toBe("不合格产品及企业名单");
    expect(String(sheet.getCell(1, 1).value)).toContain("不合格产品及企业名单");
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(["序号", ...PUBLIC_FIELDS.map((f) => f.label)]);
    sheet.getRow(2).eachCell((cell) => expect(cell.font?.bold, `heading ${cell.col}`).toBe(true));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const producerColumn = header.indexOf(labelOf("producer_name")) + 1;
    const producers: string[] = [];
    for (let r = 3; r <= sheet.rowCount; r++) producers.push(String(sheet.getCell(r, producerColumn).value));
    expect(producers.sort()).toEqual(bySql);
    // the inline list: the same two, each with its verdict
    const inline = q1.slice(q1.indexOf('id="failed"'), q1.indexOf('id="passed"'));
    expect(inline.match(/<tr><td/g)).toHaveLength(2);
    expect(inline.match(/verdict--fail/g)).toHaveLength(2);

    // 附件3: the 3 published 合格 batches of Q1; every cell a string in the text format, values as they are
    const passed = await readSheet(e.read("_pages/announcements/2025Q1/attachment-3.xlsx"));
    expect(passed.rowCount).toBe(2 + 3);
    const modelColumn = header.indexOf(labelOf("model")) + 1;
    const models: string[] = [];
    passed.eachRow((row, n) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        // the title (row 1) is one cell merged across the columns
        const expected = n === 1 && Number(cell.col) > 1 ? ExcelJS.ValueType.Merge : ExcelJS.ValueType.String;
        expect(cell.type, `row ${n} col ${cell.col}`).toBe(expected);
        expect(cell.numFmt).toBe("@");
      });
      if (n > 2) models.push(String(row.getCell(modelColumn).value));
    });
    expect(models.sort()).toEqual(["+1.50D", "-10号（VI）", "=HYPERLINK(\"http://x\")"].sort());
    const q2 = await readSheet(e.read("_pages/announcements/2025Q2/attachment-1.xlsx"));
    expect(q2.rowCount - 2).toBe(1);
  });

  it("attaches 附件2 跟踪抽查仍不合格企业名单: the repeat offenders whose follow-up is in the quarter and both results published; an empty quarter says so", async () => {
    const e = await exported();
    // Q2: B1 failed again after C1 (2024Q4), same producer and category, both published
    const q2 = page(e, "/public/announcements/2025Q2");
    const section = q2.slice(q2.indexOf('id="repeat"'), q2.indexOf('id="passed"'));
    expect(section.match(/<tr><td/g)).toHaveLength(1);
    expect(section).toContain("重庆丙电缆有限公司");
    expect(section).toContain("2024-11-05");
    const sheet = await readSheet(e.read("_pages/announcements/2025Q2/attachment-2.xlsx"));
    expect(sheet.name).toBe("跟踪抽查仍不合格企业名单");
    expect(String(sheet.getCell(1, 1).value)).toBe("附件2　2025年第2季度跟踪抽查仍不合格企业名单");
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    expect(sheet.rowCount - 2).toBe(1);
    expect(String(sheet.getCell(3, header.indexOf("标称生产者名称") + 1).value)).toBe("重庆丙电缆有限公司");
    expect(String(sheet.getCell(3, header.indexOf("首次不合格样品编号") + 1).value)).toBe("C1");
    expect(String(sheet.getCell(3, header.indexOf("跟踪抽查样品编号") + 1).value)).toBe("B1");
    // Q1 has none: the page says so, and the file keeps its number with headings and no row
    const q1 = page(e, "/public/announcements/2025Q1");
    expect(q1).toContain("没有跟踪抽查仍不合格的企业");
    const empty = await readSheet(e.read("_pages/announcements/2025Q1/attachment-2.xlsx"));
    expect(String(empty.getCell(1, 1).value)).toMatch(/跟踪抽查仍不合格企业名单（无）$/);
    expect(empty.rowCount).toBe(2);
  });

  it("escapes hostile text in the pages and the spreadsheet, and never shows a withheld batch", async () => {
    const e = await exported();
    const q1 = page(e, "/public/announcements/2025Q1");
    expect(q1).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(q1).not.toContain("<img");
    const zip = await JSZip.loadAsync(e.read("_pages/announcements/2025Q1/attachment-1.xlsx"));
    const xml = (await Promise.all(Object.values(zip.files).map((f) => f.async("string")))).join("\n");
    expect(xml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(xml).not.toContain("<img");
    expect(xml).not.toMatch(/<f>/); // no formula anywhere
    const everything = htmlPages(e).map((f) => readFileSync(join(pagesDir(e), f), "utf8")).join("\n") +
      (await readSheet(e.read("_pages/announcements/2025Q1/attachment-1.xlsx"))).getSheetValues().join();
    expect(everything).not.toContain("未公开不得出现的企业");
    expect(everything).not.toContain("13800000000"); // the fixture's contact phone (personal data)
  });
});

describe("notice pages, the notices index and /public/", () => {
  it("gives each 社会公告 and 公示送达 its own page with the legal basis, and lists them newest first", async () => {
    const e = await exported();
    const social = page(e, "/public/notices/social/A3");
    expect(fact(social, "索引号")).toBe(`${ORG}/2025-SHGG-A3`);
    expect(fact(social, "发布日期")).toBe("2025-06-10");
    expect(social).toContain("第六十七条");
    expect(social).toContain("重庆甲电缆有限公司");
    const service = page(e, "/public/notices/service/N1");
    expect(fact(service, "发布日期")).toBe("2025-09-16");
    expect(fact(service, "公示期满")).toBe("2025-10-09");
    expect(service).toContain("第五十一条");
    expect(service).toContain("第五十二条");
    expect(service).toContain(readPublicationConfig().objections.phone);
    const index = page(e, "/public/notices/");
    expect(index.indexOf("./social/A3")).toBeGreaterThan(0);
    expect(index.indexOf("./service/N1")).toBeGreaterThan(0);

    const home = page(e, "/public/");
    // cumulative: A1 A2 A3 A5 A6 B1 B2 C1 published = 8 batches, 4 failed
    expect(home).toMatch(/<dt>公开批次<\/dt><dd>8<\/dd>/);
    expect(home).toMatch(/<dt>不合格批次<\/dt><dd>4<\/dd>/);
    // the 通告 newest first (2025Q2 07-01, 2025Q1 05-08, 2024Q4), then the notices newest first (N1 09-16, A3 06-10)
    const order = ["./announcements/2025Q2", "./announcements/2025Q1", "./announcements/2024Q4", "./notices/service/N1", "./notices/social/A3"]
      .map((href) => home.indexOf(`href="${href}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe("feeds", () => {
  it("links every entry of the site-wide and the per-category feeds to a page that exists", async () => {
    const e = await exported();
    const feeds: [string, string][] = [["/public/feed.xml", e.read("feed.xml").toString("utf8")]];
    for (const f of readdirSync(join(pagesDir(e), "feeds"))) feeds.push([`/public/feeds/${f}`, e.read(`_pages/feeds/${f}`).toString("utf8")]);
    expect(feeds.map(([p]) => p).sort()).toEqual(["/public/feed.xml", "/public/feeds/电线电缆.xml"]);
    for (const [feedPath, xml] of feeds) {
      const entries = xml.split("<entry>").slice(1);
      expect(entries.length, feedPath).toBeGreaterThan(0);
      for (const entry of entries) {
        const href = entry.match(/<link rel="alternate" type="text\/html" href="([^"]+)"/)![1];
        const target = posix.join(posix.dirname(feedPath), href);
        expect(pageExists(e, target), `${feedPath} → ${href}`).toBe(true);
      }
    }
    const site = feeds[0][1];
    // 3 quarters + 1 社会公告 (a 公示送达 is no announcement of a result: not in the feed)
    expect(site.match(/<entry>/g)).toHaveLength(4);
    expect(site).toContain('href="./notices/social/A3"');
    expect(site).not.toContain("notices#");
    // the category feed: its paragraph of each quarter and its 社会公告
    expect(feeds[1][1].match(/<entry>/g)).toHaveLength(4);
    expect(feeds[1][1]).toContain('href="../announcements/2025Q1"');
  });
});
