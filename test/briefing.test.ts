// The quarterly briefing's data against hand-computed figures: the circular-style headline
// sentence, refusals, overdue statutory steps by region and the follow-up of earlier
// failures; the document's 文号, date and mark (issue 12, item 7); the `spotcheck briefing`
// command's messages; and the briefing's chart pieces in a DOM: a chart with nothing to
// draw says so in words.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import type { Database } from "../loaders/db/connection.ts";
import { FINDING_COLUMNS } from "../loaders/audit/audit.ts";
import { briefingDocument, buildBriefing, outcomeSentence, quarterBounds, type BriefingData } from "../loaders/briefing/briefing-data.ts";
import { footerTemplate, headerTemplate } from "../loaders/briefing/print-pdf.ts";
import { readPublicationConfig } from "../loaders/core/config.ts";
import { builtinEnvironments } from "vitest/runtime";
import { briefingCommand, briefingText } from "../loaders/briefing/cli.ts";
import { buildBriefingIndex } from "../loaders/site/briefing/briefings.ts";
import { exportBriefing } from "../loaders/site/briefing/export-briefing.ts";
import { SiteWriter } from "../loaders/site/site-writer.ts";
import { mkdtempSync as makeTempDir, readFileSync as readText, rmSync as removeDir } from "node:fs";
import { tmpdir as tempRoot } from "node:os";
import { join as joinPath } from "node:path";
import { UsageError } from "../loaders/core/errors.ts";

/**
 * 2025Q3: 8 sampled batches of 3 categories from 4 producers, 2 failing (25.0%):
 *   生产 5 batches, 1 failing (20.0%); 流通 3 batches, 1 failing (33.3%); plus 1 refusal (拒检).
 * 2025Q2: 10 batches, 1 failing (10.0%)      → +15.0 points on the last quarter
 * 2024Q3: 4 batches, 1 failing (25.0%)       → level with the same quarter last year
 * Earlier failures in the follow-up window [2024-07-01, 2025-07-01):
 *   P3-F (2024Q3, 渝北): 责令整改, 整改报告, 复查 合格
 *   P2-F (2025Q2, 渝北): 责令整改, 复查 不合格; 社会公告 on 2025-10-10, after the quarter: not counted
 *   P1-F (2025Q1, 渝中): nothing yet
 *   2024Q2 failure (渝中): before the window
 */
function briefingFixture(): { batches: FixtureBatch[]; events: FixtureEvent[] } {
  const batches: FixtureBatch[] = [];
  const add = (id: string, b: Partial<FixtureBatch>) => batches.push({ sample_id: id, ...b });
  const q3 = [
    ["电线电缆", "生产者甲", "生产", "合格"], ["电线电缆", "生产者甲", "生产", "不合格"], ["儿童玩具", "生产者乙", "生产", "合格"],
    ["儿童玩具", "生产者乙", "生产", "合格"], ["服装", "生产者丙", "生产", "合格"], ["服装", "生产者丙", "流通", "合格"],
    ["服装", "生产者丁", "流通", "不合格"], ["电线电缆", "生产者丁", "流通", "合格"],
  ];
  q3.forEach(([category, producer, channel, conclusion], i) =>
    add(`Q3-${i}`, { product_category: category, producer_name: producer, channel, sampling_date: "2025-08-0" + (i + 1),
      report_date: "2025-08-20", conclusion, failed_items: conclusion === "不合格" ? ["标志"] : null }));
  add("Q3-refused", { producer_name: "生产者戊", sampling_date: "2025-09-01", outcome: "拒检", conclusion: null,
    report_date: null, report_no: null, inspection_agency: null, inspector_ids: null });
  for (let i = 0; i < 10; i++) {
    add(`P2-${i}`, { sampling_date: "2025-05-10", report_date: "2025-05-20", sampled_region: "500112",
      conclusion: i === 0 ? "不合格" : "合格", failed_items: i === 0 ? ["标志"] : null });
  }
  for (let i = 0; i < 4; i++) {
    add(`P3-${i}`, { sampling_date: "2024-08-10", report_date: "2024-08-20", plan_year: 2024, sampled_region: "500112",
      conclusion: i === 0 ? "不合格" : "合格", failed_items: i === 0 ? ["标志"] : null });
  }
  add("P1-F", { sampling_date: "2025-02-10", report_date: "2025-02-20", sampled_region: "500103", conclusion: "不合格", failed_items: ["标志"] });
  add("P0-F", { sampling_date: "2024-05-10", report_date: "2024-05-20", plan_year: 2024, sampled_region: "500103", conclusion: "不合格", failed_items: ["标志"] });
  const events: FixtureEvent[] = [
    { sample_id: "P3-0", event: "责令整改", date: "2024-09-20" },
    { sample_id: "P3-0", event: "整改报告", date: "2024-10-30" },
    { sample_id: "P3-0", event: "复查", date: "2024-12-01", result: "合格" },
    { sample_id: "P2-0", event: "责令整改", date: "2025-06-20" },
    { sample_id: "P2-0", event: "复查", date: "2025-08-30", result: "不合格" },
    { sample_id: "P2-0", event: "社会公告", date: "2025-10-10" },
  ];
  return { batches, events };
}

/** Hand-made audit findings with the audit's columns, to test which ones count as overdue steps in 2025Q3. */
async function writeFindings(db: Database): Promise<void> {
  const columns = [...FINDING_COLUMNS, "as_of"];
  const rows: unknown[][] = [
    ["A49", 49, "statutory", "S1", "T", "500112", "violation", "2025-07-15", 5, null, "迟报"],       // counted
    ["A66", 66, "statutory", "S2", "T", "500112", "violation", "2025-09-30", 90, null, "未复查"],    // counted (last day)
    ["A51", 51, "statutory", "S3", "T", "500103", "violation", "2025-07-01", 10, null, "未告知"],    // counted (first day)
    ["A49", 49, "statutory", "S4", "T", "500112", "violation", "2025-10-01", 3, null, "下季度到期"], // next quarter
    ["A49", 49, "statutory", "S5", "T", "500112", "open", "2025-08-01", null, 0, "计时中"],           // not overdue
    ["A20", 20, "statutory", "S6", "T", "500112", "violation", "2025-08-01", null, null, "抽样人员不足"], // no deadline
    ["A70", 70, "informational", "S7", "T", "500112", "violation", "2025-08-01", 3, null, "提示"],     // informational
  ];
  await db.conn.run(`CREATE TABLE audit_findings (rule VARCHAR, article INTEGER, severity VARCHAR, sample_id VARCHAR,
    task_id VARCHAR, region_code VARCHAR, status VARCHAR, due VARCHAR, days_over INTEGER, days_left INTEGER,
    sentence VARCHAR, as_of VARCHAR)`);
  for (const row of rows) {
    await db.conn.run(`INSERT INTO audit_findings (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      [...row, "2025-12-31"] as never);
  }
}

describe("quarter bounds", () => {
  it("gives the first and last day and the start of the follow-up window four quarters back", () => {
    expect(quarterBounds("2025Q3")).toEqual({ start: "2025-07-01", end: "2025-09-30", followupFrom: "2024-07-01" });
    expect(quarterBounds("2024Q1")).toEqual({ start: "2024-01-01", end: "2024-03-31", followupFrom: "2023-01-01" });
    expect(quarterBounds("2025Q4").end).toBe("2025-12-31");
  });
});

describe("the briefing as a document: 文号, date and mark", () => {
  const config = { briefing: { docNumberPrefix: "测试简", mark: "内部资料 注意保存" }, publisher: { name: "某市场监督管理局" } } as const;

  it("numbers the document prefix〔year〕N号 with N the quarter, no 第 and no leading zero (GB/T 9704-2012 §7.2.5)", () => {
    expect(briefingDocument("2025Q3", "2025-12-31", config).number).toBe("测试简〔2025〕3号");
    expect(briefingDocument("2024Q1", "2025-12-31", config).number).toBe("测试简〔2024〕1号");
  });

  it("is dated the as-of day, written without leading zeros (GB/T 9704-2012 §7.3.5.1)", () => {
    expect(briefingDocument("2025Q3", "2026-01-05", config)).toEqual({
      number: "测试简〔2025〕3号", date: "2026-01-05", date_text: "2026年1月5日", mark: "内部资料 注意保存", publisher: "某市场监督管理局",
    });
  });

  it("is dated the quarter's last day while the derived tables (and so an as-of day) do not exist", () => {
    expect(briefingDocument("2025Q3", null, config)).toMatchObject({ date: "2025-09-30", date_text: "2025年9月30日" });
  });

  it("prints the mark and the 文号 in every page's header, and 第 N 页 共 M 页 in the footer, escaped as HTML", () => {
    const header = headerTemplate("内部<资料>", "渝市监质简〔2025〕3号");
    expect(header).toContain("内部&#60;资料&#62;");
    expect(header).not.toContain("<资料>");
    expect(header).toContain("渝市监质简〔2025〕3号");
    expect(footerTemplate()).toContain('第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页');
  });
});

describe("the 2025Q3 briefing", () => {
  let db: Database;
  let srcDir: string;
  let writer: SiteWriter;
  /** what the site export wrote for a quarter: src/briefing/_data/<quarter>.json, as the page reads it */
  const exported = (quarter: string): BriefingData => JSON.parse(readText(joinPath(srcDir, "briefing", "_data", `${quarter}.json`), "utf8"));
  beforeAll(async () => {
    const { batches, events } = briefingFixture();
    db = await createFixtureDb(batches, events);
    await writeFindings(db);
    srcDir = makeTempDir(joinPath(tempRoot(), "briefing-"));
    writer = new SiteWriter("briefing", srcDir);
    await exportBriefing({ conn: db.conn, asOf: null }, writer);
  });
  afterAll(() => { db.close(); removeDir(srcDir, { recursive: true, force: true }); });

  it("the export writes the index, the tile grid and one file and one page per quarter", async () => {
    const quarters = ["2024Q2", "2024Q3", "2025Q1", "2025Q2", "2025Q3"]; // the fixture's sampling quarters (see the index below)
    expect(writer.routes).toEqual(quarters.map((q) => `/briefing/${q}`));
    expect(writer.files.map((f) => f.path).filter((p) => p.startsWith("briefing/_data/")).sort()).toEqual(
      ["quarters.json", "tile-grid.json", ...quarters.map((q) => `${q}.json`)].map((f) => `briefing/_data/${f}`).sort());
    // and the static leadership annual report of each sampling year (issue 14, annual-briefing-pages.ts)
    expect(writer.files.map((f) => f.path).filter((p) => !p.startsWith("briefing/_data/")).sort()).toEqual(["briefing/_pages/annual/2024.html", "briefing/_pages/annual/2025.html"]);
  });

  it("each quarter's exported briefing, from the rates computed once for all quarters, is that quarter's briefing computed alone", async () => {
    for (const route of writer.routes) {
      const quarter = route.split("/").pop()!;
      expect(exported(quarter)).toEqual(JSON.parse(JSON.stringify(await buildBriefing(db.conn, quarter))));
    }
  });

  it("opens with the circular-style sentence, figures computed by hand", async () => {
    const b = exported("2025Q3");
    expect(b.sentence).toBe(
      "2025年第三季度，共抽查3类产品4家企业的8批次产品，发现不合格产品2批次，不合格发现率为25.0%，" +
        "比上季度上升15.0个百分点，与上年同期持平。" +
        "其中生产环节抽查5批次，不合格发现率为20.0%；流通环节抽查3批次，不合格发现率为33.3%。",
    );
    expect(b.outcome_sentence).toBe("另有1批次被抽样单位拒绝抽样（拒检），不计入上述批次。");
    expect(b.label).toBe("2025年第三季度");
  });

  it("charts the channels in the circulars' order with their Wilson intervals", async () => {
    const b = exported("2025Q3");
    expect(b.channel_rates.map((r) => [r.channel, r.inspected, r.failed])).toEqual([["生产", 5, 1], ["流通", 3, 1]]);
    // Wilson 95% for 1/5: centre (0.2 + 1.920729/5)/(1 + 3.841459/5) = 0.330345, upper 0.624465
    expect(b.channel_rates[0].ci_high).toBeCloseTo(0.624465, 6);
  });

  it("indexes every quarter with its rate, for the trend chart and the list of briefings", async () => {
    const index = await buildBriefingIndex(db.conn);
    expect(index.quarters.map((r) => [r.quarter, r.inspected, r.failed])).toEqual([
      ["2024Q2", 1, 1], ["2024Q3", 4, 1], ["2025Q1", 1, 1], ["2025Q2", 10, 1], ["2025Q3", 8, 2],
    ]);
  });

  it("counts the statutory steps that fell due in the quarter and were missed, by region", async () => {
    const b = exported("2025Q3");
    expect(b.overdue_by_region!.map((r) => [r.region_name, r.rule, r.overdue, r.max_days_over]).sort()).toEqual([
      ["渝中区", "A51", 1, 10], ["渝北区", "A49", 1, 5], ["渝北区", "A66", 1, 90],
    ].sort());
  });

  it("follows up the earlier failures as things stood at the quarter's end", async () => {
    const b = exported("2025Q3");
    const [total, ...regions] = b.followup;
    expect(total).toEqual({ region_code: null, region_name: "全市", failures: 3, ordered: 2, rectified: 1, rechecked: 2,
      recheck_passed: 1, recheck_failed: 1, announced: 0, not_ordered: 1 });
    expect(regions.map((r) => [r.region_name, r.failures, r.not_ordered])).toEqual([["渝北区", 2, 0], ["渝中区", 1, 1]]);
    expect(b.followup_from).toBe("2024-07-01");
  });

  it("reports the fixture's default producer as a repeat offender in 2024Q3 only: P0-F, then P3-0 after P0-F's report", async () => {
    // every batch without a named producer is 重庆示例电缆有限公司 (no USCC) in 电线电缆
    expect(exported("2024Q2").repeat_offenders).toEqual([]);
    expect(exported("2024Q3").repeat_offenders.map((r) => [r.producer_id, r.first_sample_id, r.repeat_sample_id, r.failures]))
      .toEqual([["name:重庆示例电缆有限公司", "P0-F", "P3-0", 2]]);
    expect(exported("2025Q3").repeat_offenders).toEqual([]);
    expect(exported("2025Q3").repeat_offenders_total).toBe(1);
  });

  it("carries the 文号, mark and issuing office of spotcheck.config.json, dated the quarter's end before any refresh", () => {
    const config = readPublicationConfig();
    expect(exported("2025Q3").document).toEqual({
      number: `${config.briefing.docNumberPrefix}〔2025〕3号`, date: "2025-09-30", date_text: "2025年9月30日",
      mark: config.briefing.mark, publisher: config.publisher.name,
    });
    expect(exported("2024Q2").document.number).toBe(`${config.briefing.docNumberPrefix}〔2024〕2号`);
  });

  it("says the flags are not computed (null) when the refresh has not run", async () => {
    expect(exported("2025Q3").flags).toBeNull();
  });

  it("describes refusals, terminations and unavailable samples only when there are some", () => {
    expect(outcomeSentence({ refused: 0, terminated: 0, unavailable: 0 })).toBeNull();
    expect(outcomeSentence({ refused: 2, terminated: 1, unavailable: 0 }))
      .toBe("另有2批次被抽样单位拒绝抽样（拒检），1批次终止抽样，不计入上述批次。");
  });
});

// 跟踪抽查仍不合格企业 (issue 14): a producer is reported in the briefing of the quarter it
// became a repeat offender — as of that quarter's end, not on the list as of the day before
// the quarter began. Hand-built: 甲 fails on 2025-01-10 (report 01-20), fails again in a batch
// sampled 2025-03-25 but reported only on 2025-04-05 → new in 2025Q2, not in 2025Q1 (the repeat
// is not known by 03-31); 乙 fails on 2025-04-02 and again on 2025-05-10 → new in 2025Q2 too;
// 丙 fails twice before the first report → never one. In 2025Q3 both are still on the list,
// neither is new.
describe("the briefing's repeat offenders (跟踪抽查仍不合格企业)", () => {
  const USCC_JIA = "91500000MA5UJIA00X";
  const fail = (id: string, producer: Partial<FixtureBatch>, sampled: string, reported: string): FixtureBatch => ({
    sample_id: id, ...producer, product_category: "电线电缆", sampling_date: sampled, report_date: reported, conclusion: "不合格", failed_items: ["导体电阻"],
  });
  const jia = { producer_name: "甲电缆厂", producer_uscc: USCC_JIA };
  const yi = { producer_name: "乙电缆厂" };
  const bing = { producer_name: "丙电缆厂" };
  let db: Database;
  beforeAll(async () => {
    db = await createFixtureDb([
      fail("J1", jia, "2025-01-10", "2025-01-20"), fail("J2", jia, "2025-03-25", "2025-04-05"),
      fail("Y1", yi, "2025-04-02", "2025-04-12"), fail("Y2", yi, "2025-05-10", "2025-05-20"),
      fail("B1", bing, "2025-04-02", "2025-04-20"), fail("B2", bing, "2025-04-10", "2025-04-25"),
      { sample_id: "Q3-pass", sampling_date: "2025-08-01", report_date: "2025-08-10", conclusion: "合格" },
    ], [{ sample_id: "J1", event: "责令整改", date: "2025-02-01" }]);
  });
  afterAll(() => db?.close());

  it("lists a producer in the quarter its repeat failure became known, with both batches and the bureau's steps", async () => {
    expect((await buildBriefing(db.conn, "2025Q1")).repeat_offenders).toEqual([]);
    const q2 = await buildBriefing(db.conn, "2025Q2");
    // by category, then name (乙 U+4E59 before 甲 U+7532)
    expect(q2.repeat_offenders.map((r) => [r.producer_id, r.first_sample_id, r.repeat_sample_id, r.failures, r.bureau_actions])).toEqual([
      ["name:乙电缆厂", "Y1", "Y2", 2, []],
      [USCC_JIA, "J1", "J2", 2, ["责令整改 2025-02-01"]],
    ]);
    expect(q2.repeat_offenders_total).toBe(2);
    const q3 = await buildBriefing(db.conn, "2025Q3");
    expect(q3.repeat_offenders).toEqual([]);
    expect(q3.repeat_offenders_total).toBe(2);
  });

  it("prints the section in the text briefing", async () => {
    const text = briefingText(await buildBriefing(db.conn, "2025Q2"));
    expect(text).toContain("跟踪抽查仍不合格企业（本季度新增 2 家次，截至 2025-06-30 累计 2 家次）");
    expect(text).toContain("J1（2025-01-10，导体电阻）");
    expect(briefingText(await buildBriefing(db.conn, "2025Q3"))).toContain("（本季度无新增）");
  });
});

describe("spotcheck briefing", () => {
  let dir: string;
  let dbPath: string;
  let out: string[] = [];
  let err: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "spotcheck-briefing-"));
    dbPath = join(dir, "fixture.duckdb");
    const { batches, events } = briefingFixture();
    const db = await createFixtureDb(batches, events);
    await db.conn.run(`ATTACH '${dbPath}' AS file_db; COPY FROM DATABASE memory TO file_db; DETACH file_db;`);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); out = []; err = []; });
  const capture = () => {
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => { out.push(String(chunk)); return true; });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => { err.push(String(chunk)); return true; });
  };

  it("prints the briefing as text, headed by its mark and 文号, then the headline", async () => {
    capture();
    expect(await briefingCommand(["2025q3", "--db", dbPath])).toBe(0);
    const text = out.join("");
    const config = readPublicationConfig();
    expect(text.split("\n")[0]).toContain(`${config.briefing.mark}　${config.briefing.docNumberPrefix}〔2025〕3号`);
    expect(text).toContain("2025年第三季度，共抽查3类产品4家企业的8批次产品");
  });

  it("says which quarters exist when asked for one without data", async () => {
    capture();
    expect(await briefingCommand(["2023Q1", "--db", dbPath])).toBe(1);
    expect(err.join("")).toMatch(/没有 2023Q1 抽样的批次；可用季度：2024Q2、2024Q3、2025Q1、2025Q2、2025Q3/);
  });

  it("refuses a malformed quarter", async () => {
    await expect(briefingCommand(["2025-3", "--db", dbPath])).rejects.toThrow(UsageError);
    await expect(briefingCommand(["--db", dbPath])).rejects.toThrow(/一个季度/);
  });

  it("--pdf without Chromium exits 1 and says how to install it", async () => {
    capture();
    vi.stubEnv("CHROMIUM_PATH", join(dir, "no-chromium-here"));
    expect(await briefingCommand(["2025Q3", "--pdf", join(dir, "out.pdf"), "--site", dir])).toBe(1);
    const message = err.join("");
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("CHROMIUM_PATH");
  });

  it("--pdf on a site without that quarter's page exits 1 and says to build the site", async () => {
    capture();
    vi.stubEnv("CHROMIUM_PATH", process.execPath); // any existing file: the site check comes next
    expect(await briefingCommand(["2025Q3", "--pdf", join(dir, "out.pdf"), "--site", dir])).toBe(1);
    expect(err.join("")).toContain("npm run build");
  });
});

// The chart pieces need a DOM: jsdom for this block only (the blocks above need Node's globals for DuckDB).
describe("the briefing's charts in a DOM", () => {
  let teardown: (() => unknown) | undefined;
  let charts: typeof import("../src/components/briefing.ts");
  let rateCharts: typeof import("../src/components/rate-charts.ts");
  let tileGrid: typeof import("../src/components/tile-grid.ts");
  beforeAll(async () => {
    const env = await builtinEnvironments.jsdom.setup(globalThis, { jsdom: {} });
    teardown = () => env.teardown(globalThis);
    charts = await import("../src/components/briefing.ts");
    rateCharts = await import("../src/components/rate-charts.ts");
    tileGrid = await import("../src/components/tile-grid.ts");
  });
  afterAll(() => teardown?.());

  /** A chart helper's answer for nothing to draw: its words, and no drawing. */
  const words = (node: Element) => {
    expect(node.querySelector("svg")).toBeNull();
    expect(node.tagName).toBe("P");
    return node.textContent;
  };

  it("draws one region's overdue steps as a bar with a height, not a zero-height band (figure 5, issue 12)", () => {
    const chart = charts.overdueChart([{ region_name: "渝中区", overdue: 2, max_days_over: 5, rules: "A49（第49条）2件" }], { width: 600 }) as Element;
    const bars = [...chart.querySelectorAll("rect")];
    expect(bars).toHaveLength(1);
    expect(Number(bars[0].getAttribute("height"))).toBeGreaterThan(10);
    expect(Number(bars[0].getAttribute("width"))).toBeGreaterThan(0);
  });

  it("says in words that nothing is overdue rather than draw an empty chart", () => {
    expect(words(charts.overdueChart([], { width: 600 }) as Element)).toBe("本季度没有逾期的法定程序。");
    expect(words(charts.overdueChart([{ region_name: "渝中区", overdue: 0, max_days_over: undefined, rules: "" }], { width: 600 }) as Element))
      .toBe("本季度没有逾期的法定程序。");
  });

  it("rate charts and the tile grid with no inspected batch say so in words, or in the caller's words", () => {
    const none = [{ channel: "生产", inspected: 0, failed: 0, rate: 0, ci_low: 0, ci_high: 0 }];
    expect(words(rateCharts.rateIntervalChart(none, { key: "channel" }) as Element)).toBe("没有已检验的批次，无不合格发现率可绘。");
    expect(words(rateCharts.rateIntervalChart([], { key: "channel", empty: "本季度没有检验结论。" }) as Element)).toBe("本季度没有检验结论。");
    expect(words(rateCharts.rateTrendChart([]) as Element)).toBe("没有已检验的批次，无不合格发现率可绘。");
    const tiles = [{ code: "500103", name: "渝中区", short_name: "渝中", type: "区", col: 0, row: 0 }];
    expect(words(tileGrid.tileGridMap(tiles, new Map(), { width: 400 }) as Element)).toBe("没有已检验的批次，无不合格发现率可绘。");
  });

  it("a trend asked for two quarters says so in words with one, and draws one quarter when not asked (the workbench's)", () => {
    const oneQuarter = [{ quarter: "2023Q1", inspected: 159, failed: 18, rate: 18 / 159, ci_low: 0.07, ci_high: 0.17 }];
    expect(words(rateCharts.rateTrendChart(oneQuarter, { minPoints: 2, empty: "只有一个季度。" }) as Element)).toBe("只有一个季度。");
    expect((rateCharts.rateTrendChart(oneQuarter) as Element).tagName.toLowerCase()).toBe("svg");
    const twoQuarters = [...oneQuarter, { ...oneQuarter[0], quarter: "2023Q2" }];
    expect((rateCharts.rateTrendChart(twoQuarters, { minPoints: 2 }) as Element).tagName.toLowerCase()).toBe("svg");
  });

  it("still draws a rate chart when one group has an inspected batch", () => {
    const rows = [{ channel: "生产", inspected: 5, failed: 1, rate: 0.2, ci_low: 0.036, ci_high: 0.624 }];
    const chart = rateCharts.rateIntervalChart(rows, { key: "channel" }) as Element;
    expect(chart.tagName.toLowerCase()).toBe("svg");
    expect(chart.querySelectorAll("circle, path").length).toBeGreaterThan(0);
  });

  it("a figure keeps its number and caption around the words, and drops Plot's English mark names (axe: aria-prohibited-attr)", () => {
    const empty = charts.briefingFigure(5, "逾期件数", charts.overdueChart([], { width: 600 }));
    expect(empty.querySelector("p.chart-empty")?.textContent).toBe("本季度没有逾期的法定程序。");
    expect(empty.querySelector("figcaption")?.textContent).toBe("图5　逾期件数");
    const drawn = charts.briefingFigure(5, "逾期件数", charts.overdueChart([{ region_name: "渝中区", overdue: 2, max_days_over: 5, rules: "" }], { width: 600 }));
    expect(drawn.querySelector("svg")).not.toBeNull();
    expect(drawn.querySelectorAll("g[aria-label]")).toHaveLength(0);
  });

  it("keeps the command that lists every region out of print (class no-print), the count in", () => {
    const note = charts.regionsLeftOut(charts.TABLE_ROWS + 4, "2025Q3") as Element;
    const printed = note.cloneNode(true) as Element;
    for (const hidden of printed.querySelectorAll(".no-print")) hidden.remove();
    expect(printed.textContent).toBe("另有 4 个区县未列出。");
    expect(note.querySelector(".no-print code")?.textContent).toBe("npx spotcheck briefing 2025Q3");
  });
});
