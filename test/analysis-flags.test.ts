// Problem flags (article 72) on synthetic cells with planted patterns, hand-checked figures,
// and a null data set with one rate everywhere. Independent figures come from SciPy
// (scripts quoted beside each number) or from the oracle sheet's formulas done by hand.
import { afterEach, describe, expect, it } from "vitest";
import { createFixtureDb } from "./helpers/fixture-db.ts";
import type { Database } from "../loaders/db/connection.ts";
import { query, readSql } from "../loaders/db/connection.ts";
import { computeFlags, writeFlagsTable, analyseFlags, MIN_BATCHES } from "../loaders/analysis/flags.ts";
import { computeCatalogue, writeCatalogueTable } from "../loaders/analysis/catalogue.ts";
import { appendRows } from "../loaders/analysis/persist.ts";

interface Cell {
  category: string; region: string; year: number; n: number; x: number;
  /** failing batches i < itemCount list `item`, the others list `otherItem` */
  item?: string; itemCount?: number; otherItem?: string;
  /** failures come from this many producers (default: 3 per region) */
  producers?: number;
  serious?: number;
}

let db: Database | undefined;
afterEach(() => db?.close());

async function databaseOf(cells: Cell[]): Promise<Database> {
  const created = await createFixtureDb([{ sample_id: "TEMPLATE" }]);
  await created.conn.run(`CREATE TEMP TABLE cells (cell INTEGER, year INTEGER, category VARCHAR, region VARCHAR, n INTEGER, x INTEGER,
    producers INTEGER, item VARCHAR, item_count INTEGER, other_item VARCHAR, serious INTEGER)`);
  await appendRows(created.conn, "cells", cells.map((c, cell) => ({
      cell, year: c.year, category: c.category, region: c.region, n: c.n, x: c.x, producers: c.producers ?? 3,
      item: c.item ?? "标志", item_count: c.itemCount ?? 0, other_item: c.otherItem ?? "标志", serious: c.serious ?? 0,
    })));
  // one batch per (cell, i < n): batches i < x fail, i < item_count of those list `item`
  await created.conn.run(
    `INSERT INTO batches BY NAME
     SELECT t.* REPLACE (
       'C' || c.cell || '-' || c.i AS sample_id, c.year AS plan_year, c.category AS product_category, c.region AS sampled_region,
       'P-' || c.region || '-' || CAST(c.i % c.producers AS VARCHAR) AS producer_name,
       make_date(c.year, 1 + CAST(c.i % 12 AS INTEGER), 10) AS sampling_date,
       CASE WHEN c.i < c.x THEN '不合格' ELSE '合格' END AS conclusion,
       CASE WHEN c.i >= c.x THEN NULL WHEN c.i < c.item_count THEN [c.item] ELSE [c.other_item] END AS failed_items,
       c.i < c.serious AS serious)
     FROM batches t, (SELECT *, unnest(range(n)) AS i FROM cells) c
     WHERE t.sample_id = 'TEMPLATE'`,
  );
  await created.conn.run(`DELETE FROM batches WHERE sample_id = 'TEMPLATE'`);
  return created;
}

// 10 regions of article 5 (codes from loaders/contract/regions.csv); 500117 is 合川区.
const REGIONS = ["500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108", "500109", "500117"];

/** Deterministic PRNG (mulberry32) and binomial draws, for the null data set. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const binomialDraw = (n: number, p: number, random: () => number) => Array.from({ length: n }, random).filter((u) => u < p).length;

describe("regional problems", () => {
  it("flags the planted district and not the small noisy cells", async () => {
    // 电动自行车: 9 districts at 4/50 = 8%, 合川区 24/60 = 40%; plus two small noisy cells in another year.
    const cells: Cell[] = REGIONS.slice(0, 9).map((region) => ({ category: "电动自行车", region, year: 2025, n: 50, x: 4 }));
    cells.push({ category: "电动自行车", region: "500117", year: 2025, n: 60, x: 24 });
    cells.push({ category: "电动自行车", region: "500110", year: 2025, n: 3, x: 1 }); // 3 batches, 1 failure: not a problem
    cells.push({ category: "电动自行车", region: "500111", year: 2025, n: 6, x: 6 }); // below the minimum batch count
    db = await databaseOf(cells);
    const flags = await computeFlags(db.conn, { year: 2025 });
    const regional = flags.filter((f) => f.rule === "regional");
    expect(regional.map((f) => f.region_code)).toEqual(["500117"]);
    const f = regional[0];
    // city-wide rate of the category, by hand: (9·4 + 24 + 1 + 6) / (9·50 + 60 + 3 + 6) = 67/519
    expect(f.expected).toBeCloseTo(67 / 519, 12);
    expect(f).toMatchObject({ inspected: 60, failed: 24, rate: 0.4, article: 72, region_name: "合川区", period: "2025" });
    // τ² from the 10 cells with n ≥ 10 (SciPy/numpy re-implementation of the oracle-sheet formulas):
    //   z = (y−θ0)/√(θ0(1−θ0)/n); winsorise at np.quantile(z,[.1,.9]); φ = mean(zw²);
    //   τ² = max(0,(Iφ−(I−1))/(Σw−Σw²/Σw)) → 0.00018151; limit θ0 + 3.090232·√(θ0(1−θ0)/60 + τ²) = 0.269192
    expect(f.limit).toBeCloseTo(0.269192, 6);
    expect(f.sentence).toContain("合川区电动自行车抽查60批次");
    expect(f.sentence).toContain("第七十二条");
    expect(MIN_BATCHES).toBe(10);
  });

  it("does not flag everywhere in a noisy (overdispersed) category", async () => {
    // rates spread 1%…28% across districts of 100 batches each: the plain 99.8% funnel puts two
    // districts above the limit, the τ²-adjusted one none.
    const xs = [1, 3, 5, 7, 9, 11, 13, 15, 24, 28];
    db = await databaseOf(REGIONS.map((region, i) => ({ category: "纸制品", region, year: 2025, n: 100, x: xs[i] })));
    const theta0 = 116 / 1000;
    const plainUpper = theta0 + 3.090232 * Math.sqrt((theta0 * (1 - theta0)) / 100);
    expect(xs.filter((x) => x / 100 > plainUpper).length).toBeGreaterThanOrEqual(2);
    const analysis = await analyseFlags(db.conn, { lastYear: 2025, pool: false });
    expect(analysis.flags.filter((f) => f.rule === "regional")).toEqual([]);
    const target = analysis.targets.find((t) => t.product_category === "纸制品")!;
    expect(target.tau2).toBeGreaterThan(0);
    expect(target.expected).toBeCloseTo(theta0, 12);
  });
});

describe("industry-wide problems", () => {
  it("flags a category high everywhere with failures spread over regions and producers", async () => {
    const cells: Cell[] = [];
    // 18 ordinary categories at 7.5%, 10% or 12.5%; winsorising at the 10th/90th percentiles needs
    // the high categories to be few among many for the spread estimate (τ²) not to absorb them
    const ordinary = ["电线电缆", "纸制品", "家具", "服装", "鞋类", "灯具", "插头插座", "儿童玩具", "电动自行车", "燃气热水器",
      "安全帽", "化肥", "水泥", "钢筋", "涂料", "食品相关产品", "童车", "文具"];
    ordinary.forEach((category, k) => REGIONS.slice(0, 5).forEach((region) =>
      cells.push({ category, region, year: 2025, n: 40, x: 3 + (k % 3) })));
    REGIONS.slice(0, 5).forEach((region) => cells.push({ category: "塑料一次性餐饮具", region, year: 2025, n: 40, x: 14 }));
    // as high, but every failure from one producer in one district: not industry-wide
    cells.push({ category: "燃气灶具", region: "500101", year: 2025, n: 200, x: 70, producers: 1 });
    db = await databaseOf(cells);
    const industry = (await computeFlags(db.conn, { year: 2025 })).filter((f) => f.rule === "industry");
    expect(industry.map((f) => f.product_category)).toEqual(["塑料一次性餐饮具"]);
    expect(industry[0]).toMatchObject({ inspected: 200, failed: 70, rate: 0.35 });
    // all-category rate by hand: ordinary failures 5 regions · 6 · (3+4+5) = 360, plus 70 and 70, over 4,000 batches
    const failedOrdinary = 5 * 6 * (3 + 4 + 5);
    expect(industry[0].expected).toBeCloseTo((failedOrdinary + 70 + 70) / (18 * 200 + 200 + 200), 12);
    expect(industry[0].sentence).toMatch(/分布于5个区县、15家生产者/);
  });
});

describe("failing-item hot spots", () => {
  it("finds an item whose share of failures jumps in the last year", async () => {
    const cells: Cell[] = [];
    for (const year of [2023, 2024]) {
      REGIONS.slice(0, 4).forEach((region) =>
        cells.push({ category: "儿童玩具", region, year, n: 50, x: 5, item: "邻苯二甲酸酯增塑剂", itemCount: year === 2023 ? 1 : 0, otherItem: "小零件" }));
    }
    REGIONS.slice(0, 4).forEach((region) =>
      cells.push({ category: "儿童玩具", region, year: 2025, n: 50, x: 5, item: "邻苯二甲酸酯增塑剂", itemCount: 4, otherItem: "小零件" }));
    db = await databaseOf(cells);
    const items = (await computeFlags(db.conn, {})).filter((f) => f.rule === "item");
    expect(items.map((f) => [f.period, f.item])).toEqual([["2025", "邻苯二甲酸酯增塑剂"]]);
    const f = items[0];
    // 16 of 20 failing batches in 2025; 4 of 40 in 2023–2024.
    expect(f).toMatchObject({ inspected: 20, failed: 16, rate: 0.8, expected: 0.1 });
    // scipy.stats.fisher_exact([[16,4],[4,36]], alternative='greater').pvalue = 1.0835248e-07
    expect(f.p).toBeCloseTo(1.0835248e-7, 13);
    expect(f.q).toBeLessThanOrEqual(0.05);
  });
});

describe("item cells", () => {
  it("count a failing batch once per item, and compare a year with the two before it", async () => {
    db = await createFixtureDb([
      { sample_id: "A", plan_year: 2025, conclusion: "不合格", failed_items: ["标志", "标志", "绝缘电阻"] },
      { sample_id: "B", plan_year: 2025, conclusion: "不合格", failed_items: ["标志"] },
      { sample_id: "C", plan_year: 2024, conclusion: "不合格", failed_items: ["绝缘电阻"] },
      { sample_id: "D", plan_year: 2023, conclusion: "不合格", failed_items: ["标志"] },
      { sample_id: "E", plan_year: 2022, conclusion: "不合格", failed_items: ["标志"] }, // three years before 2025: outside its baseline
    ]);
    const rows = await query(db.conn, readSql("loaders/analysis/flag_cells.sql"), { last_year: null, pool: false });
    const item = (period: string, name: string) => rows.find((r) => r.kind === "item" && r.period === period && r.item === name);
    expect(item("2025", "标志")).toMatchObject({ inspected: 2, failed: 2, baseline_inspected: 2, baseline_failed: 1 });
    expect(item("2025", "绝缘电阻")).toMatchObject({ inspected: 2, failed: 1, baseline_inspected: 2, baseline_failed: 1 });
    // the window is the three latest plan years: 2022 has no cells of its own
    expect(rows.some((r) => r.period === "2022")).toBe(false);
  });
});

describe("no planted pattern", () => {
  it("flags nothing when every category and district has the same rate", async () => {
    const random = rng(20250101);
    const categories = ["电线电缆", "纸制品", "家具", "服装", "鞋类", "灯具", "插头插座", "儿童玩具", "电动自行车", "塑料一次性餐饮具"];
    const allRegions = [...REGIONS, "500110", "500111", "500112", "500113", "500114", "500115", "500116", "500118", "500119", "500120"];
    const cells: Cell[] = [];
    for (const year of [2023, 2024, 2025]) {
      for (const category of categories) {
        for (const region of allRegions) {
          const n = 5 + Math.floor(random() * 40);
          const x = binomialDraw(n, 0.1, random);
          const itemCount = binomialDraw(x, 0.3, random);
          cells.push({ category, region, year, n, x, item: "甲项目", itemCount, otherItem: "乙项目" });
        }
      }
    }
    db = await databaseOf(cells);
    const analysis = await analyseFlags(db.conn, { pool: true });
    const tested = analysis.points.filter((p) => p.q !== null).length;
    expect(tested).toBeGreaterThan(500);
    expect(analysis.flags).toEqual([]);
  });
});

describe("persisted tables", () => {
  it("writes flags, funnel_points and funnel_targets for the window up to the as-of year", async () => {
    const cells: Cell[] = [];
    for (const year of [2023, 2024, 2025, 2026]) {
      REGIONS.slice(0, 9).forEach((region) => cells.push({ category: "电动自行车", region, year, n: 20, x: 2 }));
      cells.push({ category: "电动自行车", region: "500117", year, n: 20, x: 8 });
    }
    db = await databaseOf(cells);
    await writeFlagsTable(db.conn, { asOf: "2025-12-31" }); // plan year 2026 is not judged yet
    const stored = await query(db.conn, `SELECT rule, period, region_code, inspected, failed, "limit", q, article FROM flags WHERE rule = 'regional' ORDER BY period`);
    const run = await analyseFlags(db.conn, { lastYear: 2025, pool: true });
    expect(stored.map((r) => [r.period, r.q])).toEqual(run.flags.filter((f) => f.rule === "regional").map((f) => [f.period, f.q]));
    expect(stored.find((r) => r.period === "all")).toMatchObject({ region_code: "500117", inspected: 60, failed: 24, article: 72 });
    const points = await query(db.conn, `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE flagged)::INTEGER AS flagged FROM funnel_points WHERE period = 'all'`);
    expect(points[0]).toEqual({ n: 10, flagged: 1 });
    const targets = await query(db.conn, `SELECT period, expected, cells FROM funnel_targets ORDER BY period`);
    expect(targets.map((t) => t.period)).toEqual(["2023", "2024", "2025", "all"]);
    expect(targets[3]).toMatchObject({ expected: 78 / 600, cells: 10 });
    // the CLI's run without an as-of date is the latest window, 2024–2026
    const latest = await computeFlags(db.conn, {});
    expect([...new Set(latest.map((f) => f.period))].sort()).toEqual(expect.arrayContaining(["2026", "all"]));
    expect(latest.some((f) => f.period === "2023")).toBe(false);
    // one year: its flags in the latest run that contains it
    expect((await computeFlags(db.conn, { year: 2023 })).map((f) => f.region_code)).toEqual(["500117"]);
  });
});

describe("the pooled period", () => {
  // 电动自行车 each year: 9 districts at 2 of 20, 合川区 (500117) at 8 of 20; pooled over the
  // years given, 合川区 is 8·k of 20·k. Another category sorts first ("A" < any Chinese character)
  // and exists only in some years: the pooled window must not depend on it.
  const bikes = (years: number[]): Cell[] => years.flatMap((year) => [
    ...REGIONS.slice(0, 9).map((region) => ({ category: "电动自行车", region, year, n: 20, x: 2 })),
    { category: "电动自行车", region: "500117", year, n: 20, x: 8 },
  ]);

  it("keeps its flags when the alphabetically first category has batches in the last year only", async () => {
    db = await databaseOf([...bikes([2023, 2024, 2025]), { category: "ABS测试品", region: "500101", year: 2025, n: 1, x: 0 }]);
    const analysis = await analyseFlags(db.conn, { pool: true });
    expect(analysis.pooledYears).toEqual([2023, 2024, 2025]);
    const pooled = analysis.flags.filter((f) => f.period === "all");
    expect(pooled.map((f) => [f.rule, f.region_code, f.inspected, f.failed])).toEqual([["regional", "500117", 60, 24]]);
    expect(pooled[0].sentence.startsWith("2023—2025年合计，合川区电动自行车抽查60批次，不合格24批次")).toBe(true);
    // the yearly flags are there too
    expect(analysis.flags.filter((f) => f.period !== "all").map((f) => f.period)).toEqual(["2023", "2024", "2025"]);
    // and the persisted table holds the pooled funnel
    await writeFlagsTable(db.conn, { asOf: "2025-12-31" });
    const stored = await query(db.conn, `SELECT period, region_code FROM flags WHERE period = 'all'`);
    expect(stored).toEqual([{ period: "all", region_code: "500117" }]);
  });

  it("names the years it counts, not those of the first category", async () => {
    db = await databaseOf([...bikes([2023, 2024, 2025]),
      ...[2024, 2025].map((year) => ({ category: "ABS测试品", region: "500101", year, n: 12, x: 1 }))]);
    const pooled = (await computeFlags(db.conn, {})).filter((f) => f.period === "all");
    // 60 batches = 20 in each of 2023, 2024 and 2025: the label says 2023—2025
    expect(pooled.map((f) => [f.region_code, f.inspected])).toEqual([["500117", 60]]);
    expect(pooled[0].sentence).toMatch(/^2023—2025年合计，/);
  });

  it("lists the years when the window has a gap", async () => {
    // no batches at all in 2024: the window (three latest plan years) is 2023 and 2025
    db = await databaseOf(bikes([2023, 2025]));
    const analysis = await analyseFlags(db.conn, { pool: true });
    expect(analysis.pooledYears).toEqual([2023, 2025]);
    const pooled = analysis.flags.filter((f) => f.period === "all");
    expect(pooled.map((f) => [f.region_code, f.inspected])).toEqual([["500117", 40]]);
    expect(pooled[0].sentence).toMatch(/^2023、2025年合计，/);
  });

  it("is not formed from a single plan year", async () => {
    db = await databaseOf(bikes([2025]));
    const analysis = await analyseFlags(db.conn, { pool: true });
    expect(analysis.pooledYears).toEqual([]);
    expect(analysis.flags.map((f) => f.period)).toEqual(["2025"]);
  });
});

describe("catalogue draft (article 10)", () => {
  it("ranks by the shrunken rate and explains every score by its parts", async () => {
    const cells: Cell[] = [];
    for (const year of [2023, 2024, 2025]) {
      REGIONS.slice(0, 5).forEach((region) => {
        cells.push({ category: "塑料一次性餐饮具", region, year, n: 20, x: 7, producers: 3, serious: year === 2025 ? 1 : 0 });
        cells.push({ category: "电线电缆", region, year, n: 20, x: 2 });
        cells.push({ category: "纸制品", region, year, n: 20, x: 1 });
      });
      // a category backed by few batches: 1 of 4 failed each year
      cells.push({ category: "燃气灶具", region: "500101", year, n: 4, x: 1 });
    }
    db = await databaseOf(cells);
    const rows = await computeCatalogue(db.conn, { year: 2026 });
    expect(rows[0].product_category).toBe("塑料一次性餐饮具");
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    const top = rows[0];
    expect(top.batches).toBe(300);
    expect(top.serious_count).toBe(5);
    expect(top.score).toBeCloseTo(top.rate_points + top.serious_points + top.flag_points + top.trend_points + top.uncertainty_points, 9);
    // pooled 2023–2025: 塑料 105/300, 电线电缆 30/300, 纸制品 15/300, 燃气灶具 3/12. Moment estimator
    // re-done in numpy: χ² = 111.6057, ρ = 0.176368, M = 4.669957; posterior means .347207 .101039
    // .051805 .226962; own weights n/(n+M) .984672 (n=300) and .719858 (n=12)
    const by = Object.fromEntries(rows.map((r) => [r.product_category, r]));
    expect(by["塑料一次性餐饮具"].shrunken_rate).toBeCloseTo(0.347207, 6);
    expect(by["电线电缆"].shrunken_rate).toBeCloseTo(0.101039, 6);
    expect(by["纸制品"].shrunken_rate).toBeCloseTo(0.051805, 6);
    expect(by["燃气灶具"].shrunken_rate).toBeCloseTo(0.226962, 6);
    expect(by["燃气灶具"].own_weight).toBeCloseTo(0.719858, 6);
    expect(by["燃气灶具"].uncertainty_points).toBeCloseTo(5 * (1 - 0.719858), 5);
    expect(rows.map((r) => r.product_category)).toEqual(["塑料一次性餐饮具", "燃气灶具", "电线电缆", "纸制品"]);
    // 5 serious of 300 batches = 1.67% at 5 points per percentage point
    expect(top.serious_points).toBeCloseTo(5 * (100 * 5) / 300, 9);
    // the same rate every year: no trend
    expect(top.trend).toBeCloseTo(0, 9);
    expect(top.trend_points).toBe(0);
    expect(top.explanation).toContain("严重质量问题5批次（第七十一条），占抽查批次1.7%，计8.3分");
    for (const r of rows) expect(r.explanation).toContain(r.product_category);
    await writeCatalogueTable(db.conn, { asOf: "2025-12-31", catalogueYear: 2026 });
    const stored = await query(db.conn, `SELECT rank, product_category FROM catalogue_draft ORDER BY rank`);
    expect(stored.map((r) => r.product_category)).toEqual(rows.map((r) => r.product_category));
  });
});
