// Rates in the workbench: the browser's arithmetic (src/components/workbench-stats.ts) on the
// explorer's Arrow cube as the export writes it,
// against the oracles of shared/reference/statistics-oracles.md and against the SQL the
// CLI and briefings use (loaders/analysis/rates.ts) — the explorer must show the same
// numbers as everything else — and the overview loader on the same hand-counted fixture.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import type { Database } from "../loaders/db/connection.ts";
import { computeRates } from "../loaders/analysis/rates.ts";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { buildCubeCells, cubeSetJson, cubeTable, CUBES } from "../loaders/site/workbench/cube.ts";
import { buildWorkbenchOverview } from "../loaders/site/workbench/overview.ts";
import { SiteWriter } from "../loaders/site/site-writer.ts";
import { cubesFromArrow, decodeCubes, funnelLimits, pickCube, rollupCube, wilson, Z998 } from "../src/components/workbench-stats.js";
import { csvForExcel } from "../src/components/excel-csv.js";

/**
 * The fixture (hand counts in the comments):
 *   电线电缆 · 渝北 · 生产 · 2025Q1 · 市级 · 日常   10 batches, 2 failed
 *   电线电缆 · 渝中 · 流通 · 2025Q2 · 市级 · 专项    6 batches, 3 failed
 *   儿童玩具 · 渝北 · 电商 · 2025Q3 · 区县级 · 日常  4 batches, 1 failed
 *   儿童玩具 · 渝中 · 生产 · 2025Q3 · 市级 · 日常    1 batch, 不合格 at first, 复检结论 合格 (article 58): passes
 *   电线电缆 · 渝北 · 生产 · 2025Q1                1 batch 不合格, revoked by 异议结论 撤销 (article 54): left out
 *   one refusal (拒检, no conclusion): left out
 */
function rateFixture(): { batches: FixtureBatch[]; events: FixtureEvent[] } {
  const batches: FixtureBatch[] = [];
  const group = (prefix: string, n: number, failed: number, b: Partial<FixtureBatch>) => {
    for (let i = 0; i < n; i++) {
      const fails = i < failed;
      batches.push({ ...b, sample_id: `${prefix}${String(i).padStart(2, "0")}`, conclusion: fails ? "不合格" : "合格", failed_items: fails ? ["标志"] : null });
    }
  };
  group("A", 10, 2, { product_category: "电线电缆", sampled_region: "500112", channel: "生产", sampling_date: "2025-03-10", level: "市级", kind: "日常" });
  group("B", 6, 3, { product_category: "电线电缆", sampled_region: "500103", channel: "流通", sampling_date: "2025-05-10", level: "市级", kind: "专项" });
  group("C", 4, 1, { product_category: "儿童玩具", sampled_region: "500112", channel: "电商", platform: "某电商平台", sampling_date: "2025-08-01", level: "区县级", kind: "日常" });
  batches.push(
    { sample_id: "R1", product_category: "儿童玩具", sampled_region: "500103", channel: "生产", sampling_date: "2025-08-05", conclusion: "不合格", failed_items: ["标志"] },
    { sample_id: "X1", product_category: "电线电缆", sampled_region: "500112", channel: "生产", sampling_date: "2025-03-12", conclusion: "不合格", failed_items: ["标志"] },
    { sample_id: "Z1", outcome: "拒检", conclusion: null, report_date: null, report_no: null, inspection_agency: null, inspector_ids: null },
  );
  const events: FixtureEvent[] = [
    { sample_id: "R1", event: "复检结论", date: "2025-09-10", result: "合格" },
    { sample_id: "X1", event: "异议结论", date: "2025-04-01", result: "撤销" },
  ];
  return { batches, events };
}

describe("wilson() against the oracles", () => {
  it("8 failures out of 50, 95%: [0.083374, 0.285142]", () => {
    const w = wilson(8, 50);
    expect(w.rate).toBe(0.16);
    expect(w.ci_low).toBeCloseTo(0.083374, 6);
    expect(w.ci_high).toBeCloseTo(0.285142, 6);
  });
  it("8 out of 50 at 99.8%: [0.057917, 0.371130]", () => {
    const w = wilson(8, 50, Z998);
    expect(w.ci_low).toBeCloseTo(0.057917, 6);
    expect(w.ci_high).toBeCloseTo(0.37113, 6);
  });
  it("0 out of 20: [0, 0.161125]", () => {
    const w = wilson(0, 20);
    expect(w.ci_low).toBe(0);
    expect(w.ci_high).toBeCloseTo(0.161125, 6);
  });
  it("no inspected batches: no rate", () => {
    expect(wilson(0, 0)).toEqual({ rate: null, ci_low: null, ci_high: null });
  });
});

describe("funnelLimits() against the oracles", () => {
  it("ten-district example at n=100: τ-adjusted 99.8% limits [−0.013973 → 0, 0.236373]", () => {
    const limits = funnelLimits(0.1112, 0.00065239, 100);
    expect(limits.upper_998).toBeCloseTo(0.236373, 5);
    expect(limits.lower_998).toBe(0);
  });
  it("without overdispersion, n=50, θ0=0.1: 95% [0.016846, 0.183154]", () => {
    const limits = funnelLimits(0.1, 0, 50);
    expect(limits.lower_95).toBeCloseTo(0.016846, 6);
    expect(limits.upper_95).toBeCloseTo(0.183154, 6);
  });
});

describe("the explorer's cubes", () => {
  let db: Database;
  let srcDir: string;
  let shipped: ReturnType<typeof cubeSetJson>;
  let cube: ReturnType<typeof cubesFromArrow>;
  beforeAll(async () => {
    const { batches, events } = rateFixture();
    db = await createFixtureDb(batches, events);
    const cells = await buildCubeCells(db.conn);
    shipped = cubeSetJson(cells);
    // what the page reads: the Arrow stream the export writes (src/workbench/_data/cube.arrows), decoded as the page does
    srcDir = mkdtempSync(join(tmpdir(), "cube-"));
    new SiteWriter("workbench", srcDir).arrows("cube.arrows", cubeTable(cells));
    cube = cubesFromArrow(tableFromIPC(readFileSync(join(srcDir, "workbench", "_data", "cube.arrows"))));
  });
  afterAll(() => { db.close(); rmSync(srcDir, { recursive: true, force: true }); });

  it("the Arrow stream: dictionary-encoded dimensions whose dictionaries are the sorted values, Int32 counts", () => {
    const table = tableFromIPC(readFileSync(join(srcDir, "workbench", "_data", "cube.arrows")));
    const category = table.getChild("product_category")!;
    expect(category.type.toString()).toBe("Dictionary<Int8, Utf8>");
    expect(Array.from(category.data[0].dictionary!.toArray())).toEqual(["电线电缆", "儿童玩具"]); // pinyin: dian before er
    expect(table.getChild("inspected")!.type.toString()).toBe("Int32");
    // the region_detail cube keeps no category: those cells are null in that column
    const meta = JSON.parse(table.schema.metadata.get("spotcheck")!);
    const regionDetail = meta.cubes.find((c: { name: string }) => c.name === "region_detail");
    expect(category.get(regionDetail.offset)).toBeNull();
    expect(table.numRows).toBe(meta.cubes.reduce((n: number, c: { length: number }) => n + c.length, 0));
  });

  it("the Arrow form and the JSON form it replaced give the same rollups", () => {
    const fromJson = decodeCubes(shipped);
    for (const by of [["channel"], ["product_category", "region_code"], ["quarter", "level"]]) {
      expect(rollupCube(cube, by)).toEqual(rollupCube(fromJson, by));
    }
  });

  const byKey = <T extends Record<string, unknown>>(rows: T[], key: string) =>
    Object.fromEntries(rows.map((r) => [String(r[key]), [r.inspected, r.failed]]));

  it("ships each cell's position as ascending mixed-radix keys, sent as differences", () => {
    const dims = new Map(shipped.dimensions.map((d) => [d.key, d.values]));
    const regionCube = shipped.cubes.find((c) => c.name === "category_region")!;
    expect(regionCube.key_deltas.slice(1).every((d) => d > 0)).toBe(true);
    // first cell: the first category in pinyin order (电 dian before 儿 er), then the lowest region code, …
    const sizes = regionCube.dims.map((d) => dims.get(d)!.length);
    let rest = regionCube.key_deltas[0];
    const first = [...sizes].reverse().map((size) => { const i = rest % size; rest = Math.floor(rest / size); return i; }).reverse();
    const values = first.map((i, d) => dims.get(regionCube.dims[d])![i]);
    expect(values).toEqual(["电线电缆", "500103", "2025Q2", "流通"]); // group B: 6 batches, 3 failed
    expect([regionCube.inspected[0], regionCube.failed[0]]).toEqual([6, 3]);
  });

  it("every cube adds up to 21 inspected batches with a final conclusion and 6 failures", () => {
    for (const c of cube.cubes) {
      expect(Array.from(c.inspected).reduce((a, b) => a + b, 0)).toBe(21);
      expect(Array.from(c.failed).reduce((a, b) => a + b, 0)).toBe(6);
    }
    expect(cube.cubes.map((c) => c.name).sort()).toEqual(Object.keys(CUBES).sort());
  });

  it("rates by channel: 生产 2/11 (the re-checked batch passes), 流通 3/6, 电商 1/4", () => {
    expect(byKey(rollupCube(cube, ["channel"]), "channel")).toEqual({ 生产: [11, 2], 流通: [6, 3], 电商: [4, 1] });
  });

  it("category × region: the four cells by hand", () => {
    const rows = rollupCube(cube, ["product_category", "region_code"]);
    const cells = Object.fromEntries(rows.map((r) => [`${r.product_category}/${r.region_code}`, [r.inspected, r.failed]]));
    expect(cells).toEqual({ "电线电缆/500112": [10, 2], "电线电缆/500103": [6, 3], "儿童玩具/500112": [4, 1], "儿童玩具/500103": [1, 0] });
  });

  it("filters: quarters of 生产 batches only are 2025Q1 2/10 and 2025Q3 0/1", () => {
    expect(byKey(rollupCube(cube, ["quarter"], { channel: ["生产"] }), "quarter")).toEqual({ "2025Q1": [10, 2], "2025Q3": [1, 0] });
  });

  it("an empty filter keeps everything; level 区县级 is 1/4", () => {
    expect(byKey(rollupCube(cube, ["level"], { channel: [] }), "level")).toEqual({ 市级: [17, 5], 区县级: [4, 1] });
  });

  it("uses the smallest cube that has the dimensions, and refuses a combination no cube holds", () => {
    expect(pickCube(cube, ["product_category", "level"])?.name).toBe("category_detail");
    expect(pickCube(cube, ["region_code"], { kind: ["专项"] })?.name).toBe("region_detail");
    expect(pickCube(cube, ["product_category", "region_code"], { level: ["市级"] })).toBeNull();
    expect(() => rollupCube(cube, ["product_category", "region_code"], { level: ["市级"] })).toThrow(/请减少一个维度/);
  });

  it.each([["channel"], ["quarter"], ["level"], ["kind"], ["product_category"]])(
    "agrees with the SQL rates and Wilson intervals (computeRates) by %s",
    async (dimension) => {
      const sql = await computeRates(db.conn, { by: [dimension] });
      const browser = rollupCube(cube, [dimension]);
      expect(browser).toHaveLength(sql.length);
      for (const row of sql) {
        const mine = browser.find((r) => r[dimension] === (row as unknown as Record<string, unknown>)[dimension])!;
        expect([mine.inspected, mine.failed]).toEqual([row.inspected, row.failed]);
        expect(mine.rate).toBeCloseTo(row.rate, 12);
        expect(mine.ci_low).toBeCloseTo(row.ci_low, 12);
        expect(mine.ci_high).toBeCloseTo(row.ci_high, 12);
      }
    },
  );

  it("agrees with the SQL by region, with a filter", async () => {
    const sql = await computeRates(db.conn, { by: ["sampled_region"], filters: { product_category: "电线电缆" } });
    const browser = rollupCube(cube, ["region_code"], { product_category: ["电线电缆"] });
    expect(Object.fromEntries(browser.map((r) => [r.region_code, [r.inspected, r.failed, r.ci_high]])))
      .toEqual(Object.fromEntries(sql.map((r) => [r.sampled_region, [r.inspected, r.failed, expect.closeTo(r.ci_high, 12)]])));
  });
});

describe("overview loader", () => {
  let db: Database;
  beforeAll(async () => {
    const { batches, events } = rateFixture();
    db = await createFixtureDb(batches, events);
  });
  afterAll(() => db.close());

  it("gives the quarterly trend, the channel rates and the latest period from the fixture's hand counts", async () => {
    const overview = await buildWorkbenchOverview(db.conn);
    expect(overview.latest_quarter).toBe("2025Q3");
    expect(overview.latest_year).toBe(2025);
    expect(overview.trend.map((r) => [r.quarter, r.inspected, r.failed])).toEqual([
      ["2025Q1", 10, 2], ["2025Q2", 6, 3], ["2025Q3", 5, 1],
    ]);
    expect(Object.fromEntries(overview.by_channel.map((r) => [r.channel, [r.inspected, r.failed]])))
      .toEqual({ 生产: [11, 2], 流通: [6, 3], 电商: [4, 1] });
    expect(overview.year_headline!.sentence).toMatch(/^2025年，共抽查2类产品/);
    expect(overview.quarter_headline!.figures.label).toBe("2025年第三季度");
  });

  it("says the derived tables are missing (null) before the first refresh, not zero", async () => {
    const overview = await buildWorkbenchOverview(db.conn);
    expect(overview.pending).toEqual({ flags: null, violations: null, open_findings: null, catalogue: null });
    expect(overview.as_of).toBeNull();
  });
});

describe("CSV export for Excel", () => {
  it("starts with a UTF-8 BOM, uses the Chinese headers, quotes commas and defuses formulas", () => {
    const csv = csvForExcel(
      [{ name: "电线电缆, 电缆", score: -1.5, note: "=HYPERLINK(\"x\")" }],
      ["name", "score", "note"],
      { name: "产品类别", score: "得分", note: "说明" },
    );
    expect(csv.startsWith("\ufeff产品类别,得分,说明\r\n")).toBe(true);
    expect(csv).toContain("\"电线电缆, 电缆\",-1.5,");
    expect(csv).toContain("\"'=HYPERLINK(\"\"x\"\")\"");
  });
});
