// The public pages' data (loaders/site/public/*.ts) on small hand-made databases, the CSV
// rules of the downloads, and the browser-side reading and search of the Arrow shards
// (src/components/public-results.ts).
import { createHash } from "node:crypto";
import { tableFromIPC } from "apache-arrow";
import Papa from "papaparse";
import { afterEach, describe, expect, it } from "vitest";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import { toExcelCsv } from "../loaders/core/report-output.ts";
import type { Database } from "../loaders/db/connection.ts";
import { publishedRowsCsv } from "../loaders/disclosure/csv-export.ts";
import { createPublicFieldsView, readPublished, writeDisclosureTable } from "../loaders/disclosure/gates.ts";
import { buildWithheldPage } from "../loaders/site/workbench/withheld.ts";
import { PUBLIC_FIELDS, PUBLIC_FIELD_KEYS, type PublishedRow } from "../loaders/disclosure/whitelist.ts";
import { buildAnnouncements } from "../loaders/site/public/announcements.ts";
import { categorySlug } from "../loaders/site/public/categories.ts";
import type { PublicContext } from "../loaders/site/public/public-context.ts";
import { buildFeed, xmlText } from "../loaders/site/public/feed.ts";
import { buildNotices } from "../loaders/site/public/notices.ts";
import { resultsShard } from "../loaders/site/public/results-shards.ts";
// the browser modules, run here as plain ES modules
import * as browserCsv from "../src/components/excel-csv.ts";
import { RESULT_COLUMNS, ResultList, conclusionText, readShard, searchKey, searchTerms, type DecodedRow, type Filters } from "../src/components/public-results.ts";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import { categoryPageOf, exportPublicTo, categoriesOf } from "./helpers/public-export.ts";

let db: Database | undefined;
afterEach(() => db?.close());

async function publicContext(batches: FixtureBatch[], events: FixtureEvent[], asOf: string): Promise<PublicContext> {
  db = await createFixtureDb(batches, events);
  await createTempCalendarTable(db.conn);
  await writeDisclosureTable(db.conn, { asOf });
  await createPublicFieldsView(db.conn);
  return { conn: db.conn, asOf };
}

const approved = (id: string, date = "2025-04-30"): FixtureEvent => ({ sample_id: id, event: "同意公开", date });
const notified = (id: string, date = "2025-03-25"): FixtureEvent => ({ sample_id: id, event: "不合格告知", date });
const FAIL = { conclusion: "不合格", failed_items: ["导体电阻"] };

describe("CSV downloads (UTF-8 BOM for Excel, formula injection neutralised)", () => {
  const cells = [["=1+1", "+86", "-5", "@SUM(A1)", "\tx", "=cmd|' /C calc'!A0\n第二行", "普通文字", "a=b", "中文，含逗号"]];

  it("starts with a BOM, ends lines with CRLF, and prefixes every formula-looking cell with '", () => {
    const text = toExcelCsv(["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬"], cells);
    expect(text.startsWith("\uFEFF甲,乙")).toBe(true);
    expect(text.split("\r\n")[0]).toBe("\uFEFF甲,乙,丙,丁,戊,己,庚,辛,壬");
    const parsed = Papa.parse<string[]>(text.slice(1), { newline: "\r\n" }).data;
    expect(parsed[1]).toEqual(["'=1+1", "'+86", "'-5", "'@SUM(A1)", "'\tx", "'=cmd|' /C calc'!A0\n第二行", "普通文字", "a=b", "中文，含逗号"]);
  });

  it("is the same text in the browser's filtered download", () => {
    expect(browserCsv.toExcelCsv(["甲", "乙"], [["=1", "-2"], ["x", "中文"]])).toBe(toExcelCsv(["甲", "乙"], [["=1", "-2"], ["x", "中文"]]));
  });

  it("has the whitelist's Chinese headings, and the browser's columns are whitelisted ones with the same headings", () => {
    const header = publishedRowsCsv([]).slice(1).split("\r\n")[0].split(",");
    expect(header).toEqual(PUBLIC_FIELDS.map((f) => f.label));
    const labels = new Map<string, string>(PUBLIC_FIELDS.map((f) => [f.key, f.label]));
    for (const [key, label] of RESULT_COLUMNS) expect(labels.get(key)).toBe(label);
  });
});

describe("published rows", () => {
  it("carry exactly the whitelisted fields, and the final conclusion", async () => {
    const ctx = await publicContext(
      [{ sample_id: "A", sampled_contact: "赵某某", sampled_phone: "13700000001" }, { sample_id: "B", ...FAIL }],
      [approved("A"), approved("B"), notified("B")], "2025-05-01");
    const rows = await readPublished(ctx.conn);
    expect(rows.map((r) => r.sample_id).sort()).toEqual(["A", "B"]);
    for (const r of rows) expect(Object.keys(r)).toEqual([...PUBLIC_FIELD_KEYS]);
    expect(JSON.stringify(rows)).not.toMatch(/赵某某|13700000001|S001|I001/);
  });
});

describe("results list data: Arrow shards, read and searched in the browser", () => {
  const row = (over: Partial<PublishedRow>): PublishedRow => ({
    sample_id: "X", quarter: "2025Q1", sampling_date: "2025-03-10", level: "市级", organizer: "重庆市市场监督管理局",
    product_category: "电线电缆", product_name: "聚氯乙烯绝缘电缆", brand: null, model: "BV 2.5", batch_no: null,
    producer_name: "重庆示例电缆有限公司", producer_address: "重庆市渝北区示例路1号", producer_region: "渝北区",
    sampled_name: "重庆示例五金经营部", sampled_region: "渝中区", channel: "流通", platform: null,
    inspection_agency: "重庆市质量检验检测研究院", failed_items: [], conclusion: "合格", conclusion_by: "初检",
    approved_on: "2025-04-30", final_on: "2025-03-20", ...over,
  });
  const rows = [
    row({ sample_id: "R1" }),
    row({ sample_id: "R2", sampling_date: "2025-05-02", quarter: "2025Q2", producer_name: "重庆ＡＢＣ电器有限公司", conclusion: "不合格", failed_items: ["绝缘电阻", "标志"] }),
    row({ sample_id: "R3", sampling_date: "2024-12-30", quarter: "2024Q4", conclusion: "合格", conclusion_by: "复检", channel: "电商", platform: "某平台", sampled_region: "万州区" }),
  ];
  const expectSameRow = (r: DecodedRow, original: PublishedRow) => {
    for (const [key] of RESULT_COLUMNS) {
      const expected = key === "failed_items" ? original.failed_items.join("、") : (original as unknown as Record<string, unknown>)[key];
      expect((r as unknown as Record<string, unknown>)[key], `${original.sample_id}.${key}`).toEqual(expected);
    }
  };

  it("round-trips every field through the exported shards: the newest rows first, then one shard per year", async () => {
    const exported = await exportPublicTo(await fakeConnWith(rows));
    const shardRows = (path: string) => new ResultList([readShard(exported.read(`_data/${path}`))]).all();
    const head = shardRows("results/head.arrows");
    expect(head.map((r) => r.sample_id)).toEqual(["R2", "R1", "R3"]); // newest first
    const byId = new Map(head.map((r) => [r.sample_id, r]));
    for (const original of rows) expectSameRow(byId.get(original.sample_id)!, original);
    expect(shardRows("results/2025.arrows").map((r) => r.sample_id)).toEqual(["R2", "R1"]);
    expect(shardRows("results/2024.arrows").map((r) => r.sample_id)).toEqual(["R3"]);
    // the module the page imports attaches each shard by a literal path
    const module = exported.read("_data/results-shards.js").toString("utf8");
    expect(module).toContain('FileAttachment("./results/head.arrows")');
    expect(module).toContain('FileAttachment("./results/2025.arrows")');
    expect(module).toContain('FileAttachment("./results/2024.arrows")');
    expect(module).not.toMatch(/FileAttachment\(`/);
  });

  it("stores repeated text once, in the shard's own dictionary", () => {
    const many = Array.from({ length: 500 }, (_, i) => row({ sample_id: `M${i}` }));
    const table = tableFromIPC(resultsShard(many));
    const producer = table.getChild("producer_name")!.data[0];
    expect(producer.dictionary!.length).toBe(1);
    expect(producer.dictionary!.get(0)).toBe("重庆示例电缆有限公司");
    expect(new ResultList([readShard(resultsShard(many))]).all().every((r) => r.producer_name === "重庆示例电缆有限公司")).toBe(true);
    // a shard of some rows carries only their values, not the whole history's dictionary
    const other = tableFromIPC(resultsShard([row({ sample_id: "O1", producer_name: "另一家企业" })]));
    expect(other.getChild("producer_name")!.data[0].dictionary!.toArray()).toEqual(["另一家企业"]);
  });

  it("finds Chinese text by any substring, folds full-width letters, and combines terms and filters", () => {
    const shard = readShard(resultsShard(rows));
    const ids = (filters: Filters) => new ResultList([shard], filters).all().map((r) => r.sample_id).sort();
    expect(ids({ terms: searchTerms("示例电") })).toEqual(["R1", "R3"]);
    expect(ids({ terms: searchTerms("abc") })).toEqual(["R2"]); // ＡＢＣ in the name
    expect(ids({ terms: searchTerms("缘电阻") })).toEqual(["R2"]); // inside a failing item
    expect(ids({ terms: searchTerms("渝北 标志") })).toEqual(["R2"]); // every term, in any field
    expect(ids({ terms: searchTerms("渝北 绝缘") })).toEqual(["R1", "R2", "R3"]);
    expect(ids({ channel: "电商" })).toEqual(["R3"]);
    expect(ids({ conclusion: "合格", quarter: "2025Q1" })).toEqual(["R1"]);
    expect(ids({ region: "万州区", terms: searchTerms("不存在的企业") })).toEqual([]);
    expect(ids({ category: "没有这个类别" })).toEqual([]);
    expect(conclusionText(new ResultList([shard], { terms: ["r3"] }).all()[0])).toBe("合格（复检后）");
  });

  it("answers every search like a plain scan of each field, also where folding changes a value's length", () => {
    // ㈱ folds to "(株)" (1 → 3 characters), ﬁ to "fi", a decomposed é to one character: the
    // value boundaries of the folded text move; a term must still match within one value only
    const names = ["重庆㈱示例有限公司", "ﬁne电器", "cafe\u0301商行", "重庆示例电缆有限公司", "渝北ABC", "ＡＢＣ渝北", "有限"];
    const many = Array.from({ length: 60 }, (_, i) => row({
      sample_id: `S${i}`, producer_name: names[i % names.length], brand: i % 3 ? names[(i + 2) % names.length] : null,
      model: `M-${i % 9}`, sampled_name: names[(i * 5) % names.length], failed_items: i % 4 ? [] : ["标志", "(株)"],
      conclusion: i % 4 ? "合格" : "不合格",
    }));
    const shard = readShard(resultsShard(many));
    const searched = ["sample_id", "product_category", "product_name", "brand", "model", "batch_no", "producer_name", "producer_address",
      "producer_region", "sampled_name", "sampled_region", "channel", "platform", "inspection_agency", "organizer"] as const;
    const scan = (terms: string[]) => many.filter((r) => terms.every((t) =>
      searched.some((f) => searchKey(r[f]).includes(t)) || searchKey(r.failed_items.join("、")).includes(t))).map((r) => r.sample_id);
    for (const q of ["(株)", "株", "fine", "fi", "café", "cafe", "abc渝北", "渝北abc", "司重", "有限 渝北", "m-3", "公司ﬁ", "商行"]) {
      const terms = searchTerms(q);
      expect(new ResultList([shard], { terms }).all().map((r) => r.sample_id), q).toEqual(scan(terms));
    }
  });
});

/** A database whose published rows are exactly `rows` (the results file only reads those). */
async function fakeConnWith(rows: PublishedRow[]) {
  const ctx = await publicContext(
    rows.map((r) => ({
      sample_id: r.sample_id, sampling_date: r.sampling_date, producer_name: r.producer_name, product_name: r.product_name,
      channel: r.channel, platform: r.platform, sampled_region: r.sampled_region === "万州区" ? "500101" : "500103",
      producer_region: "500112", conclusion: r.conclusion_by === "复检" ? "不合格" : r.conclusion,
      failed_items: r.conclusion_by === "复检" ? ["绝缘电阻"] : r.failed_items.length ? r.failed_items : null,
      brand: r.brand, batch_no: r.batch_no, report_date: r.sampling_date, sampled_name: r.sampled_name,
    })),
    rows.flatMap((r) => [
      approved(r.sample_id, "2025-06-01"),
      ...(r.conclusion_by === "复检"
        ? [{ sample_id: r.sample_id, event: "异议申请", date: "2025-01-05", result: "检验结论" },
          { sample_id: r.sample_id, event: "复检结论", date: "2025-02-01", result: "合格" }]
        : r.conclusion === "不合格" ? [notified(r.sample_id, "2025-05-05")] : []),
    ]),
    "2025-06-30",
  );
  return ctx.conn;
}

describe("announcements (figures over published batches only)", () => {
  it("writes the bureau's per-product paragraph and the quarter's headline, hand-counted", async () => {
    const ctx = await publicContext(
      [
        // 2025Q1, 电线电缆: 3 published in 2 regions, 1 failure → 33.3%
        { sample_id: "Q1A", sampled_region: "500103" },
        { sample_id: "Q1B", sampled_region: "500112", ...FAIL },
        { sample_id: "Q1C", sampled_region: "500112" },
        // 2025Q1, 儿童玩具: 1 published, no failure
        { sample_id: "Q1D", product_category: "儿童玩具", sampled_region: "500101" },
        // withheld (no approval): must not count
        { sample_id: "Q1E", ...FAIL },
        // 2024Q4: 2 published, 0 failures → the change is +25.0 points
        { sample_id: "Q4A", sampling_date: "2024-11-05", report_date: "2024-11-20" },
        { sample_id: "Q4B", sampling_date: "2024-12-05", report_date: "2024-12-20" },
      ],
      [approved("Q1A"), approved("Q1B"), notified("Q1B"), approved("Q1C"), approved("Q1D", "2025-05-08"), notified("Q1E"),
        approved("Q4A", "2025-01-10"), approved("Q4B", "2025-01-10")],
      "2025-06-30",
    );
    const { announcements, overall } = await buildAnnouncements(ctx);
    expect(announcements.map((a) => a.quarter)).toEqual(["2025Q1", "2024Q4"]);
    const q1 = announcements[0];
    expect(q1.figures).toMatchObject({ batches: 4, failed: 1, categories: 2, regions: 3 });
    expect(q1.figures.rate).toBeCloseTo(0.25, 12);
    expect(q1.change_pp).toBe(25);
    expect(q1.updated).toBe("2025-05-08");
    const cable = q1.categories.find((c) => c.product_category === "电线电缆")!;
    expect(cable.sentence).toBe("共抽查了2个区县的3批次产品，发现1批次产品不合格，不合格发现率为33.3%，不合格项目为导体电阻。");
    expect(q1.categories.find((c) => c.product_category === "儿童玩具")!.sentence).toBe("共抽查了1个区县的1批次产品，未发现不合格产品。");
    expect(announcements[1].change_pp).toBeNull();
    expect(overall).toMatchObject({ batches: 6, failed: 1 });
  });
});

describe("categories", () => {
  it("keeps a Chinese name as its path and gives a stable hash slug to a name that would break a URL", () => {
    expect(categorySlug("电线电缆")).toBe("电线电缆");
    expect(categorySlug("食品相关产品（纸）")).toBe("食品相关产品（纸）");
    const slashed = categorySlug("电器/附件");
    expect(slashed).toMatch(/^c-[0-9a-f]{10}$/);
    expect(categorySlug("电器/附件")).toBe(slashed);
    expect(categorySlug("电器 附件")).not.toBe(slashed);
  });

  it("gives each category with published results a page: history with Wilson intervals and its non-conforming list", async () => {
    const ctx = await publicContext(
      [{ sample_id: "C1" }, { sample_id: "C2", ...FAIL }, { sample_id: "C3", product_category: "电器/附件" },
        { sample_id: "C4", product_category: "未公开类别" }],
      [approved("C1"), approved("C2"), notified("C2"), approved("C3")], "2025-06-30");
    const categories = await categoriesOf(ctx);
    expect(categories.map((c) => c.product_category).sort()).toEqual(["电器/附件", "电线电缆"]);
    const exported = await exportPublicTo(ctx.conn);
    // static pages (issue 12), no Framework route
    const pages = exported.files.map((f) => f.path).filter((p) => p.startsWith("public/_pages/category/"));
    expect(pages.sort()).toEqual(["public/_pages/category/电线电缆.html", `public/_pages/category/${categorySlug("电器/附件")}.html`].sort());
    expect(exported.routes.filter((r) => r.startsWith("/public/category/"))).toEqual([]);
    expect(exported.files.map((f) => f.path).join()).not.toContain("未公开类别");
    expect(exported.routes).toContain("/public/feed.xml");
    const page = await categoryPageOf(ctx, "电线电缆");
    expect(page.nonconforming.map((r) => r.sample_id)).toEqual(["C2"]);
    // Wilson 95% for 1 of 2: centre (0.5 + 1.92/2)/(1 + 3.84/2) … low 0.0945, high 0.9055
    expect(page.history[0]).toMatchObject({ quarter: "2025Q1", batches: 2, failed: 1 });
    expect(page.history[0].ci_low).toBeCloseTo(0.094531, 5);
    expect(page.history[0].ci_high).toBeCloseTo(0.905469, 5);
    // the export's page shows the same, grouped from the one read of the published rows
    const written = exported.read("_pages/category/电线电缆.html").toString("utf8");
    expect(written).toContain("本类别已公开 2 批次");
    expect(written).toContain('href="../result/2025/C2"');
    expect(written).not.toContain('href="../result/2025/C1"');
    expect(written).toContain("<td>9.5%–90.5%</td>");
  });
});

describe("downloads: one CSV and one JSON per sampling year at stable addresses, and their index", () => {
  it("splits the published rows by year, CSV with BOM, CRLF and formula guard, and lists each file with its size and hash", async () => {
    const ctx = await publicContext(
      [{ sample_id: "D1", sampling_date: "2025-03-10", producer_name: "=HYPERLINK(\"x\")公司" },
        { sample_id: "D2", sampling_date: "2024-11-05", report_date: "2024-11-20" },
        { sample_id: "D3", sampling_date: "2024-02-05", report_date: "2024-02-20", sampled_contact: "孙某某", sampled_phone: "13500000007" },
        { sample_id: "D4", sampling_date: "2025-01-10" }],
      [approved("D1"), approved("D2", "2025-01-10"), approved("D3", "2025-01-10")], "2025-06-30");
    const exported = await exportPublicTo(ctx.conn);
    for (const stable of ["/public/downloads/2025.csv", "/public/downloads/2025.json", "/public/downloads/2024.csv", "/public/downloads/2024.json",
      "/public/downloads/index.json", "/public/feed.xml", "/public/inputs.css"]) expect(exported.routes).toContain(stable);
    const csv2025 = exported.read("downloads/2025.csv").toString("utf8");
    expect(csv2025.startsWith("\uFEFF样品编号,")).toBe(true);
    const lines = csv2025.slice(1).split("\r\n");
    expect(lines).toHaveLength(3); // header, D1, final line break (D4 is not published)
    expect(lines[1]).toContain("'=HYPERLINK");
    const csv2024 = Papa.parse<string[]>(exported.read("downloads/2024.csv").toString("utf8").slice(1), { newline: "\r\n", skipEmptyLines: true }).data;
    expect(csv2024.slice(1).map((r) => r[0])).toEqual(["D2", "D3"]); // newest first
    const json2024 = JSON.parse(exported.read("downloads/2024.json").toString("utf8"));
    expect(json2024).toMatchObject({ as_of: "2025-06-30", year: "2024" });
    expect(json2024.rows.map((r: PublishedRow) => r.sample_id)).toEqual(["D2", "D3"]);
    expect(json2024.fields).toEqual(PUBLIC_FIELDS);
    expect(JSON.stringify(json2024) + exported.read("downloads/2024.csv").toString("utf8")).not.toMatch(/孙某某|13500000007/);
    const index = JSON.parse(exported.read("downloads/index.json").toString("utf8"));
    expect(index.years.map((y: { year: string; rows: number }) => [y.year, y.rows])).toEqual([["2025", 1], ["2024", 2]]);
    for (const y of index.years) {
      for (const file of [y.csv, y.json]) {
        const bytes = exported.read(file.path);
        expect(file.bytes).toBe(bytes.length);
        expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      }
    }
  });
});

describe("notices (article 51 公示送达, article 67 社会公告)", () => {
  const batches: FixtureBatch[] = [
    { sample_id: "S1", ...FAIL, sampled_contact: "钱某", sampled_phone: "13600000009" },
    { sample_id: "S2", ...FAIL },
    { sample_id: "N1", ...FAIL },
  ];
  const events: FixtureEvent[] = [
    approved("S1"), notified("S1"), { sample_id: "S1", event: "社会公告", date: "2025-06-10" },
    { sample_id: "S1", event: "再次复查", date: "2025-08-20", result: "合格" },
    notified("S2"), { sample_id: "S2", event: "社会公告", date: "2025-06-10" }, // not approved: not listed
    { sample_id: "N1", event: "公示送达", date: "2025-09-16" }, // 15 days end 10-01 (国庆) → 10-09
  ];

  it("lists a 公示送达 while its 15 days run, through the holiday extension, and not after", async () => {
    let ctx = await publicContext(batches, events, "2025-10-09");
    let notices = await buildNotices(ctx);
    expect(notices.service.map((n) => [n.sample_id, n.posted_on, n.ends_on])).toEqual([["N1", "2025-09-16", "2025-10-09"]]);
    db!.close();
    ctx = await publicContext(batches, events, "2025-10-10");
    notices = await buildNotices(ctx);
    expect(notices.service).toEqual([]);
  });

  it("lists 社会公告 of published batches only, with the follow-up known by the as-of date, and no personal data", async () => {
    const ctx = await publicContext(batches, events, "2025-09-01");
    const { social } = await buildNotices(ctx);
    expect(social.map((s) => [s.sample_id, s.posted_on, s.latest_step])).toEqual([["S1", "2025-06-10", "2025-08-20 再次复查：合格"]]);
    expect(JSON.stringify(social)).not.toMatch(/钱某|13600000009/);
  });
});

describe("Atom feed", () => {
  it("has one entry per announcement and per 社会公告, stable ids, data dates and escaped text", async () => {
    const batches: FixtureBatch[] = [
      { sample_id: "F1", product_category: "<b>类别&</b>", ...FAIL },
      { sample_id: "F2" },
    ];
    const events = [approved("F1"), notified("F1"), approved("F2"), { sample_id: "F1", event: "社会公告", date: "2025-06-10" }];
    const first = await buildFeed(await publicContext(batches, events, "2025-07-01"));
    db!.close();
    const again = await buildFeed(await publicContext(batches, events, "2025-07-01"));
    expect(again).toBe(first);
    expect(first.match(/<entry>/g)).toHaveLength(2);
    expect(first).toContain("&lt;b&gt;类别&amp;&lt;/b&gt;");
    expect(first).not.toContain("<b>类别");
    expect(first).toContain("<updated>2025-06-10T00:00:00+08:00</updated>");
    expect(first).toMatch(/<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/id>/);
    expect(xmlText("a\u0001b<")).toBe("ab&lt;");
  });
});

describe("withheld page (analysts)", () => {
  it("names each withheld batch's gate without company names or conclusions", async () => {
    const ctx = await publicContext(
      [{ sample_id: "W1", ...FAIL, producer_name: "不应出现的企业" }, { sample_id: "W2" }],
      [approved("W1", "2025-03-26"), notified("W1", "2025-03-25")], "2025-03-30");
    const page = await buildWithheldPage(ctx);
    expect(page.rows.map((r) => [r.sample_id, r.held_by, r.can_pass_on])).toEqual([["W2", "P1", null], ["W1", "P3", "2025-04-10"]]);
    expect(page.by_gate.map((g) => g.batches)).toEqual([1, 0, 1]);
    expect(JSON.stringify(page)).not.toMatch(/不应出现的企业|不合格"/);
  });
});
