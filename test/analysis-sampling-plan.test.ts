// Next year's sampling plan (article 11; channels, article 15): the allocation's properties on
// hand-built and seeded random inputs, one row computed by hand, its inputs read from a fixture
// database (the catalogue's posterior, exposure, this year's batches, open flags), and the CLI
// (csv, json, --xlsx read back with exceljs). Oracles: hand arithmetic in the comments, SciPy for
// the Beta quantiles (the script is quoted beside each number).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFixtureDb } from "./helpers/fixture-db.ts";
import type { Database } from "../loaders/db/connection.ts";
import { appendRows } from "../loaders/analysis/persist.ts";
import { Rng } from "../loaders/sample/random.ts";
import { UsageError } from "../loaders/core/errors.ts";
import { computeCatalogue } from "../loaders/analysis/catalogue.ts";
import { analyseFlags } from "../loaders/analysis/flags.ts";
import {
  PLAN_CHANNELS, SAMPLING_PLAN_COLUMNS, SAMPLING_PLAN_HEADER, allocateSamplingPlan, apportion,
  planFromInputs, readSamplingPlanInputs, type PlanCategoryInput, type SamplingPlan,
} from "../loaders/analysis/sampling-plan.ts";
import { planCommand } from "../loaders/analysis/cli.ts";
import { SiteWriter } from "../loaders/site/site-writer.ts";
import { exportSamplingPlan } from "../loaders/site/workbench/sampling-plan.ts";
import { samplingPlanCsv } from "../src/components/sampling-plan.ts";

const YEARS = { planYear: 2026, baseYear: 2025, windowYears: "2023-2025" };

/** A category input with everything a test does not care about set to something plausible. */
function category(name: string, over: Partial<PlanCategoryInput> & { base?: [number, number, number] } = {}): PlanCategoryInput {
  const base = over.base ?? [20, 15, 5];
  return {
    product_category: name, window_batches: 120, window_failed: 12, shrunken_rate: 0.1, own_weight: 0.6,
    interval_low: 0.06, interval_high: 0.15, serious_count: 0, producers: 60,
    industry_flag: false, regional_flags: 0, item_flags: 0,
    channels: PLAN_CHANNELS.map((channel, i) => ({ channel, base_batches: base[i], window_inspected: 3 * base[i], window_failed: Math.round(0.3 * base[i]) })),
    ...over,
  };
}

/** Seeded random categories: sizes, rates, exposure, serious failures, flags and channel mixes all vary (industry flags unless told not to). */
function randomCategories(seed: number, count: number, { industry = true } = {}): PlanCategoryInput[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = rng.int(20, 900);
    const p = 0.01 + 0.4 * rng.next();
    const base: [number, number, number] = [rng.int(0, 120), rng.int(0, 120), rng.int(0, 40)];
    if (base[0] + base[1] + base[2] === 0) base[1] = 1;
    return category(`类别${String.fromCharCode(0x4e00 + i * 7)}`, {
      window_batches: n, window_failed: Math.round(n * p), shrunken_rate: p, own_weight: 0.2 + 0.79 * rng.next(),
      serious_count: rng.chance(0.3) ? rng.int(1, 5) : 0, producers: rng.int(5, 400),
      industry_flag: rng.chance(0.1) && industry, regional_flags: rng.chance(0.2) ? rng.int(1, 4) : 0, item_flags: rng.chance(0.1) ? 1 : 0,
      base,
      channels: PLAN_CHANNELS.map((channel, c) => {
        const inspected = base[c] === 0 && rng.chance(0.5) ? 0 : rng.int(1, 300);
        return { channel, base_batches: base[c], window_inspected: inspected, window_failed: Math.round(inspected * p * (0.5 + rng.next())) };
      }),
    });
  });
}

const plan = (categories: PlanCategoryInput[], total: number, floor = 10) => allocateSamplingPlan(categories, { ...YEARS, total, floor });
const planned = (p: SamplingPlan, name: string) => p.rows.find((r) => r.product_category === name)!.planned;

describe("apportionment (largest remainder with minimums)", () => {
  it("rounds by the largest remainder, ties to the lower order, and keeps minimums", () => {
    // quotas 10·(0.5, 0.3, 0.2) = 5, 3, 2 exactly
    expect(Object.fromEntries(apportion(10, [{ key: "a", weight: 5, minimum: 0, order: 0 }, { key: "b", weight: 3, minimum: 0, order: 1 }, { key: "c", weight: 2, minimum: 0, order: 2 }])))
      .toEqual({ a: 5, b: 3, c: 2 });
    // 7 over three equal weights: 2⅓ each → 2, 2, 2 and the one left goes to the lowest order
    expect(Object.fromEntries(apportion(7, [{ key: "x", weight: 1, minimum: 0, order: 2 }, { key: "y", weight: 1, minimum: 0, order: 0 }, { key: "z", weight: 1, minimum: 0, order: 1 }])))
      .toEqual({ x: 2, y: 3, z: 2 });
    // a (weight 1 of 100) would get 0.2 of 20: fixed at its minimum 5; the other 15 go 50:49 → 7.58, 7.42 → 8, 7
    expect(Object.fromEntries(apportion(20, [{ key: "a", weight: 1, minimum: 5, order: 0 }, { key: "b", weight: 50, minimum: 0, order: 1 }, { key: "c", weight: 49, minimum: 0, order: 2 }])))
      .toEqual({ a: 5, b: 8, c: 7 });
  });
});

describe("the plan's four properties", () => {
  const AWKWARD = [410, 411, 413, 997, 1000, 1009, 2047, 4999, 6471, 10007, 99991];

  it("sums exactly to N and gives every category at least the floor, over many N and seeded inputs", () => {
    // with industry flags their minimums need more than 10 × 41 batches: those runs start at 997
    const runs = [1, 2, 3, 4, 5].flatMap((seed) => [
      { seed, categories: randomCategories(seed, 41, { industry: false }), totals: AWKWARD },
      { seed, categories: randomCategories(seed, 41), totals: AWKWARD.filter((n) => n >= 997) },
    ]);
    for (const { seed, categories, totals } of runs) {
      for (const total of totals) {
        const p = plan(categories, total);
        expect(p.rows.reduce((s, r) => s + r.planned, 0), `seed ${seed}, N ${total}`).toBe(total);
        for (const r of p.rows) {
          expect(r.planned).toBeGreaterThanOrEqual(10);
          // the channels of article 15 sum to the category's total, each channel sampled in the window at least 1
          expect(r.planned_production + r.planned_distribution + r.planned_ecommerce).toBe(r.planned);
          const c = categories.find((x) => x.product_category === r.product_category)!;
          const split = [r.planned_production, r.planned_distribution, r.planned_ecommerce];
          c.channels.forEach((ch, i) => {
            if (ch.window_inspected > 0 || ch.base_batches > 0) expect(split[i]).toBeGreaterThanOrEqual(1);
            else expect(split[i]).toBe(0);
          });
        }
      }
    }
  });

  it("at N = floor × categories every category gets exactly the floor", () => {
    const p = plan(randomCategories(9, 41, { industry: false }), 410);
    expect(new Set(p.rows.map((r) => r.planned))).toEqual(new Set([10]));
  });

  it("with equal history, a riskier category never gets fewer batches (seeded random fixtures)", () => {
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const rng = new Rng(seed);
      const others = randomCategories(seed, 12);
      // two categories with the same batches, exposure, serious failures, flags and channels; only the
      // posterior rate (and so the failures behind it) differs
      const twin = randomCategories(seed + 100, 1)[0];
      const low = 0.01 + 0.45 * rng.next();
      const high = low + 0.001 + (0.6 - low) * rng.next();
      const lower = { ...twin, product_category: "甲低", shrunken_rate: low, window_failed: Math.round(twin.window_batches * low) };
      const higher = { ...twin, product_category: "乙高", shrunken_rate: high, window_failed: Math.round(twin.window_batches * high) };
      for (const total of AWKWARD.slice(0, 8).map((n) => n + 20)) {
        const p = plan([...others, lower, higher], total);
        expect(planned(p, "乙高"), `seed ${seed}, N ${total}: ${low} vs ${high}`).toBeGreaterThanOrEqual(planned(p, "甲低"));
        expect(p.rows.find((r) => r.product_category === "乙高")!.weight).toBeGreaterThan(p.rows.find((r) => r.product_category === "甲低")!.weight);
      }
    }
  });

  it("a category under an industry-wide flag gets more than its historical share, even when its risk alone would give it less", () => {
    // 丙 had a third of this year's batches (100 of 300) but little exposure and a low rate: without the
    // flag it gets well under a third; with it, more than a third of N for every N
    const others = [category("甲", { producers: 200, shrunken_rate: 0.15, base: [50, 40, 10] }), category("乙", { producers: 200, shrunken_rate: 0.12, base: [60, 30, 10] })];
    const quiet = category("丙", { producers: 20, shrunken_rate: 0.05, base: [60, 30, 10] });
    for (const total of [40, 100, 299, 300, 301, 997, 3000]) {
      const without = plan([...others, quiet], total);
      expect(planned(without, "丙") / total).toBeLessThan(1 / 3);
      const flagged = plan([...others, { ...quiet, industry_flag: true }], total);
      const row = flagged.rows.find((r) => r.product_category === "丙")!;
      expect(row.base_share).toBeCloseTo(1 / 3, 12);
      expect(row.planned / total, `N ${total}`).toBeGreaterThan(1 / 3);
      expect(flagged.rows.reduce((s, r) => s + r.planned, 0)).toBe(total);
    }
    // N = 300: at least max(⌊100·300/300⌋ + 1, ⌈1.2·100⌉) = 120, and the explanation says why
    const at300 = plan([...others, { ...quiet, industry_flag: true }], 300).rows.find((r) => r.product_category === "丙")!;
    expect(at300).toMatchObject({ planned: 120, minimum: 120, minimum_reason: "行业性问题", at_minimum: true });
    expect(at300.explanation).toContain("建议抽查120批（行业性问题类别不少于今年占比的1.2倍，即120批）");
    expect(at300.explanation).toContain("有行业性问题标记（第七十二条）");
  });
});

describe("refusals", () => {
  it("N below floor × categories is refused in Chinese, naming both numbers", () => {
    const categories = randomCategories(3, 41);
    expect(() => plan(categories, 409)).toThrow(/计划批次数 409 少于保底要求 10 批 × 41 个产品类别 = 410 批/);
    expect(() => plan(categories, 200, 5)).toThrow(/计划批次数 200 少于保底要求 5 批 × 41 个产品类别 = 205 批/);
    // from the database's side the same refusal is a usage error (exit status 2 in the CLI)
    const inputs = { plan_year: 2026, base_year: 2025, window_years: "2023-2025", base_total: 1000, categories };
    expect(() => planFromInputs(inputs, { total: 409 })).toThrow(UsageError);
  });
});

describe("one row by hand", () => {
  // 电线电缆: 100 batches, posterior 0.2 with own weight 0.5 → posterior size 200, Beta(40, 160);
  // 儿童玩具: the same history with posterior 0.1 → Beta(20, 180). Exposure 50 producers each.
  // Risk: 50·0.2 = 10 and 50·0.1 = 5 → shares 2/3, 1/3.
  // Neyman: σ = √(p(1−p)/201) → ratio √0.16 : √0.09 = 4 : 3 → shares 4/7, 3/7.
  // weight(电线电缆) = 0.6·2/3 + 0.4·4/7 = 0.4 + 0.228571 = 0.628571 (62.9%); N = 70 → quota 44.000 → 44, the other 26.
  // Channels of 电线电缆 (44): 生产 60 inspected, 15 failed; 流通 40, 5; 电商 none.
  //   shrunk rates (15 + 20·0.2)/80 = 0.2375 and (5 + 4)/60 = 0.15; tilts 1 + 0.5·(0.2375/0.2 − 1) = 1.09375, 1 + 0.5·(0.75 − 1) = 0.875;
  //   weights 0.6·1.09375 = 0.65625 and 0.4·0.875 = 0.35 → 44·0.65625/1.00625 = 28.696, 15.304 → 28 + 15 = 43, the 1 left to 生产: 29, 15, 0.
  // This year: 30 + 20 = 50 of 100 batches (50.0%); 44 − 50 = −6.
  // 95% interval: scipy.stats.beta.ppf([0.025, 0.975], 40, 160) = [0.14765455, 0.25802522].
  const wire = category("电线电缆", {
    window_batches: 100, window_failed: 20, shrunken_rate: 0.2, own_weight: 0.5, interval_low: 0.14765455, interval_high: 0.25802522, producers: 50,
    channels: [
      { channel: "生产", base_batches: 30, window_inspected: 60, window_failed: 15 },
      { channel: "流通", base_batches: 20, window_inspected: 40, window_failed: 5 },
      { channel: "电商", base_batches: 0, window_inspected: 0, window_failed: 0 },
    ],
  });
  const toys = category("儿童玩具", {
    window_batches: 100, window_failed: 10, shrunken_rate: 0.1, own_weight: 0.5, interval_low: 0.06247738, interval_high: 0.14508195, producers: 50,
    base: [25, 25, 0],
  });

  it("gives 44 batches (29 / 15 / 0) and says so in words", () => {
    const p = plan([wire, toys], 70);
    const row = p.rows[0];
    expect(row).toMatchObject({ product_category: "电线电缆", planned: 44, planned_production: 29, planned_distribution: 15, planned_ecommerce: 0, base_batches: 50, change: -6 });
    expect(row.risk_share).toBeCloseTo(2 / 3, 12);
    expect(row.precision_share).toBeCloseTo(4 / 7, 12);
    expect(row.weight).toBeCloseTo(0.6 * 2 / 3 + 0.4 * 4 / 7, 12);
    expect(p.rows[1]).toMatchObject({ product_category: "儿童玩具", planned: 26, change: -24 });
    expect(row.explanation).toBe(
      "电线电缆：2023—2025年抽查100批次、不合格20批次，经验贝叶斯收缩后不合格率20.0%（95%区间14.8%–25.8%）；无严重质量问题；无未消除的问题标记；" +
      "近三年抽到生产者50家；风险份额66.7%、精度份额57.1%，综合权重62.9%；建议抽查44批（生产29、流通15、电商0，第十五条），" +
      "占计划62.9%，比今年（2025年50批）少6批（今年占比50.0%）。",
    );
  });

  it("names the year compared with when it is not the year before the plan", () => {
    const p = allocateSamplingPlan([wire, toys], { planYear: 2027, baseYear: 2025, windowYears: "2023-2025", total: 140, floor: 10 });
    expect(p.rows[0].explanation).toContain("比2025年（50批）多38批（2025年占比50.0%）");
  });
});

// ---------------------------------------------------------------------------------------------
// From the database: the inputs are the catalogue's outputs, the exposure, this year's batches, open flags.

const REGIONS = ["500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108", "500109", "500117"];

/** The fields of a batch these tests vary; the rest are the fixture's defaults. */
interface PlanBatch {
  sample_id: string; product_category: string; plan_year: number; sampled_region: string; producer_name: string;
  producer_uscc: string | null; channel: string; outcome: string; conclusion: string | null; failed_item: string | null; serious: boolean;
}

/** n batches of one category and plan year; those with i < failed fail; regions and producers rotate. */
function batchesOf(category: string, year: number, n: number, failed: number, over: (i: number) => Partial<PlanBatch> = () => ({})): PlanBatch[] {
  return Array.from({ length: n }, (_, i) => ({
    sample_id: `${category}-${year}-${i}`, product_category: category, plan_year: year,
    sampled_region: REGIONS[i % REGIONS.length], producer_name: `${category}厂${i % 10}`, producer_uscc: null,
    channel: "生产", outcome: "已抽样", conclusion: i < failed ? "不合格" : "合格", failed_item: i < failed ? "标志" : null, serious: false,
    ...over(i),
  }));
}

/**
 * A fixture database (the real schema, test/helpers/fixture-db.ts) holding these batches: one template
 * row inserted by the helper, copied once per batch in one statement with the varied fields replaced
 * (a row at a time took 6 ms; the flag tests need a thousand).
 */
async function databaseOf(batches: PlanBatch[]): Promise<Database> {
  const db = await createFixtureDb([{ sample_id: "TEMPLATE" }]);
  await db.conn.run(`CREATE TEMP TABLE wanted (sample_id VARCHAR, product_category VARCHAR, plan_year INTEGER, sampled_region VARCHAR,
    producer_name VARCHAR, producer_uscc VARCHAR, channel VARCHAR, outcome VARCHAR, conclusion VARCHAR, failed_item VARCHAR, serious BOOLEAN)`);
  await appendRows(db.conn, "wanted", batches);
  await db.conn.run(`INSERT INTO batches BY NAME
    SELECT t.* REPLACE (w.sample_id AS sample_id, w.product_category AS product_category, w.plan_year AS plan_year,
      w.sampled_region AS sampled_region, w.producer_name AS producer_name, w.producer_uscc AS producer_uscc, w.channel AS channel,
      CASE WHEN w.channel = '电商' THEN '示例平台' END AS platform, w.outcome AS outcome, w.conclusion AS conclusion,
      CASE WHEN w.conclusion IS NULL THEN NULL ELSE make_date(w.plan_year, 3, 20) END AS report_date,
      make_date(w.plan_year, 3, 10) AS sampling_date,
      CASE WHEN w.failed_item IS NULL THEN NULL ELSE [w.failed_item] END AS failed_items, w.serious AS serious)
    FROM batches t, wanted w WHERE t.sample_id = 'TEMPLATE'`);
  await db.conn.run("DELETE FROM batches WHERE sample_id = 'TEMPLATE'");
  return db;
}

describe("inputs from a fixture database", () => {
  // 电线电缆: 2024 20 batches (生产), 2 failing; 2025 30 batches, 10 per channel, failures 3 (生产) and 1 (流通);
  //   2 more in 2025 that were refused (拒检: not batches of product), 1 in 2022 (outside the window),
  //   1 in 2026 (after the as-of year). Producers: 电线电缆厂0…9, and 厂0 carries a USCC on its 2025 batches
  //   (so it counts once as the USCC, once by name in 2024) → 11 distinct.
  // 儿童玩具: 2025 30 batches, 15 生产 and 15 流通, one failing with a serious problem.
  const USCC = "91500000MA5U000000";
  const fixture: PlanBatch[] = [
    ...batchesOf("电线电缆", 2024, 20, 2),
    ...batchesOf("电线电缆", 2025, 30, 0, (i) => ({
      channel: PLAN_CHANNELS[Math.floor(i / 10)],
      ...((i < 3) || (i === 10) ? { conclusion: "不合格", failed_item: "导体电阻" } : {}),
      ...(i % 10 === 0 ? { producer_uscc: USCC } : {}),
    })),
    ...batchesOf("电线电缆", 2025, 2, 0, (i) => ({ sample_id: `REFUSED-${i}`, producer_name: "拒检单位", outcome: "拒检", conclusion: null })),
    ...batchesOf("电线电缆", 2022, 1, 1),
    ...batchesOf("电线电缆", 2026, 1, 1),
    ...batchesOf("儿童玩具", 2025, 30, 1, (i) => ({ channel: i < 15 ? "生产" : "流通", serious: i === 0 })),
  ];

  it("reads this year's batches, the window's record per channel, exposure and the catalogue's posterior", async () => {
    const db = await databaseOf(fixture);
    try {
      const inputs = await readSamplingPlanInputs(db.conn, { asOf: "2025-12-31" });
      expect(inputs).toMatchObject({ plan_year: 2026, base_year: 2025, window_years: "2023-2025", base_total: 60 });
      const wire = inputs.categories.find((c) => c.product_category === "电线电缆")!;
      expect(wire).toMatchObject({ window_batches: 50, window_failed: 6, serious_count: 0, producers: 11, industry_flag: false, regional_flags: 0 });
      expect(wire.channels).toEqual([
        { channel: "生产", base_batches: 10, window_inspected: 30, window_failed: 5 },
        { channel: "流通", base_batches: 10, window_inspected: 10, window_failed: 1 },
        { channel: "电商", base_batches: 10, window_inspected: 10, window_failed: 0 },
      ]);
      const toys = inputs.categories.find((c) => c.product_category === "儿童玩具")!;
      expect(toys).toMatchObject({ window_batches: 30, window_failed: 1, serious_count: 1, producers: 10 });
      // the catalogue's own figures, not re-derived
      const catalogue = await computeCatalogue(db.conn, { year: 2026 });
      for (const c of inputs.categories) {
        const row = catalogue.find((r) => r.product_category === c.product_category)!;
        expect([c.shrunken_rate, c.own_weight]).toEqual([row.shrunken_rate, row.own_weight]);
      }
      // by hand (oracle sheet): μ = 7/80; χ² = (50(0.12 − μ)² + 30(1/30 − μ)²)/(μ(1 − μ)) = 1.763862; N − Σn²/N = 37.5;
      // ρ = (χ² − 1)/37.5 = 0.0203696; M = 1/ρ − 1 = 48.09266; α = μM = 4.208107, β = (1 − μ)M = 43.88455.
      // 电线电缆's posterior Beta(α + 6, β + 44), mean 10.208107/98.09266 = 0.104066;
      // scipy.stats.beta.ppf([0.025, 0.975], 10.208107, 87.88455) = [0.05203672, 0.17131514]
      expect(wire.shrunken_rate).toBeCloseTo(0.104066, 5);
      expect(wire.interval_low).toBeCloseTo(0.05203672, 5);
      expect(wire.interval_high).toBeCloseTo(0.17131514, 5);
      // N defaults to this year's 60 batches (the refused ones are not batches of product)
      const p = planFromInputs(inputs, { floor: 10 });
      expect(p.total).toBe(60);
      expect(p.rows.reduce((s, r) => s + r.planned, 0)).toBe(60);
    } finally {
      db.close();
    }
  });

  it("the base year is the latest plan year before the plan year and not after the as-of year", async () => {
    const db = await databaseOf(fixture);
    try {
      // as of mid-2026 the 2026 batch counts: base year 2026, its window 2024–2026
      const later = await readSamplingPlanInputs(db.conn, { asOf: "2026-06-30" });
      expect([later.base_year, later.plan_year, later.window_years]).toEqual([2026, 2027, "2024-2026"]);
      // planning 2025 itself: the base year is 2024, only 电线电缆 was sampled then
      const earlier = await readSamplingPlanInputs(db.conn, { year: 2025, asOf: "2026-06-30" });
      expect([earlier.base_year, earlier.base_total]).toEqual([2024, 20]);
      await expect(readSamplingPlanInputs(db.conn, { year: 2022, asOf: "2025-12-31" })).rejects.toThrow(/2022年之前、截至 2025-12-31 没有已出具最终结论的计划年度/);
    } finally {
      db.close();
    }
  });

  it("an open industry-wide flag counts, one of an earlier year alone does not; the flagged category gets more than its share", async () => {
    // eight ordinary categories at 3 of 60 a year; 塑料一次性餐饮具 at 24 of 60 in 2025 (failures spread
    // over 10 regions and 10 producers: an industry-wide problem, article 72); 燃气用具 at 24 of 60 in 2023 only,
    // then 0 of 150 in 2024 and 2025 (pooled 24/360 ≈ 6.7% is within the limits: the flag is closed)
    const ordinary = ["电线电缆", "儿童玩具", "插头插座", "服装", "鞋类", "家具", "眼镜", "童车"];
    const batches: PlanBatch[] = [
      ...ordinary.flatMap((c) => [2023, 2024, 2025].flatMap((y) => batchesOf(c, y, 60, 3))),
      ...batchesOf("塑料一次性餐饮具", 2023, 60, 3), ...batchesOf("塑料一次性餐饮具", 2024, 60, 3), ...batchesOf("塑料一次性餐饮具", 2025, 60, 24),
      ...batchesOf("燃气用具", 2023, 60, 24), ...batchesOf("燃气用具", 2024, 150, 0), ...batchesOf("燃气用具", 2025, 150, 0),
    ];
    const db = await databaseOf(batches);
    try {
      // the run does flag 燃气用具 — in 2023 only
      const { flags } = await analyseFlags(db.conn, { lastYear: 2025, pool: true });
      expect(flags.filter((f) => f.rule === "industry").map((f) => `${f.product_category} ${f.period}`).sort())
        .toEqual(["塑料一次性餐饮具 2025", "塑料一次性餐饮具 all", "燃气用具 2023"]);
      const inputs = await readSamplingPlanInputs(db.conn, { asOf: "2025-12-31" });
      const flagged = inputs.categories.filter((c) => c.industry_flag).map((c) => c.product_category);
      expect(flagged).toEqual(["塑料一次性餐饮具"]);
      for (const total of [120, 740, 1000]) {
        const p = planFromInputs(inputs, { total, floor: 10 });
        const row = p.rows.find((r) => r.product_category === "塑料一次性餐饮具")!;
        expect(row.base_share).toBeCloseTo(60 / 690, 12);
        expect(row.planned / total).toBeGreaterThan(60 / 690);
      }
    } finally {
      db.close();
    }
  });

  it("with equal history in the database, the category with more failures never gets fewer batches (seeded)", async () => {
    for (const seed of [21, 22, 23]) {
      const rng = new Rng(seed);
      const batches: PlanBatch[] = [];
      for (const c of ["电线电缆", "儿童玩具", "插头插座", "服装"]) {
        for (const y of [2023, 2024, 2025]) batches.push(...batchesOf(c, y, rng.int(15, 60), rng.int(0, 8), (i) => ({ channel: PLAN_CHANNELS[i % 3] })));
      }
      // 甲 and 乙: the same batches, regions, producers and channels each year; 乙's failures are 甲's and more
      for (const y of [2023, 2024, 2025]) {
        const n = rng.int(20, 60);
        const fewer = rng.int(0, 6);
        const more = fewer + rng.int(1, 6);
        batches.push(...batchesOf("甲类", y, n, fewer, (i) => ({ channel: PLAN_CHANNELS[i % 3] })));
        batches.push(...batchesOf("乙类", y, n, more, (i) => ({ channel: PLAN_CHANNELS[i % 3] })));
      }
      const db = await databaseOf(batches);
      try {
        const inputs = await readSamplingPlanInputs(db.conn, { asOf: "2025-12-31" });
        const [a, b] = ["甲类", "乙类"].map((name) => inputs.categories.find((c) => c.product_category === name)!);
        expect([a.window_batches, a.producers, a.channels.map((c) => c.base_batches)]).toEqual([b.window_batches, b.producers, b.channels.map((c) => c.base_batches)]);
        expect(b.shrunken_rate).toBeGreaterThan(a.shrunken_rate);
        for (const total of [60, 61, 97, 150, 333]) {
          const p = planFromInputs(inputs, { total, floor: 10 });
          expect(planned(p, "乙类"), `seed ${seed}, N ${total}`).toBeGreaterThanOrEqual(planned(p, "甲类"));
        }
      } finally {
        db.close();
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The command: csv, json and the xlsx read back.

describe("spotcheck plan", () => {
  let dir: string;
  let dbPath: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
    dbPath = join(dir, "spotcheck.duckdb");
    const db = await databaseOf([
      ...batchesOf("电线电缆", 2025, 40, 6, (i) => ({ channel: PLAN_CHANNELS[i % 3] })),
      ...batchesOf("儿童玩具", 2025, 30, 2, (i) => ({ channel: i % 2 ? "流通" : "生产" })),
      ...batchesOf("插头插座", 2024, 25, 1),
    ]);
    await db.conn.run(`ATTACH '${dbPath}' AS out; COPY FROM DATABASE memory TO out; DETACH out`);
    db.close();
  });
  afterAll(() => vi.restoreAllMocks());

  async function run(argv: string[]): Promise<string> {
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => { out += String(chunk); return true; });
    try {
      expect(await planCommand([...argv, "--db", dbPath, "--as-of", "2025-12-31"])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    return out;
  }

  it("prints the same rows as json and csv, and writes them to an xlsx exceljs can read", async () => {
    const xlsx = join(dir, "计划.xlsx");
    const json = JSON.parse(await run(["--year", "2026", "--batches", "97", "--floor", "10", "--format", "json", "--xlsx", xlsx]));
    expect(json.map((r: { planned: number }) => r.planned).reduce((s: number, n: number) => s + n, 0)).toBe(97);
    expect(json.map((r: { product_category: string }) => r.product_category).sort()).toEqual(["儿童玩具", "插头插座", "电线电缆"].sort());
    const csvText = await run(["--year", "2026", "--batches", "97", "--floor", "10", "--format", "csv"]);
    expect(csvText.startsWith("\uFEFF")).toBe(true);
    const csv = Papa.parse<Record<string, string>>(csvText.slice(1).trim(), { header: true }).data;
    expect(csv.map((r) => [r.product_category, Number(r.planned), r.explanation])).toEqual(json.map((r: Record<string, unknown>) => [r.product_category, r.planned, r.explanation]));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("2026年抽查计划");
    expect(String(sheet.getCell(1, 1).value)).toContain("2026年市级监督抽查计划（建议稿，第十一条）：97批次");
    const headings = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(headings).toEqual(SAMPLING_PLAN_COLUMNS.map((c) => SAMPLING_PLAN_HEADER[c]));
    const at = (column: string) => SAMPLING_PLAN_COLUMNS.indexOf(column as never) + 1;
    const rows = json.map((_: unknown, i: number) => sheet.getRow(3 + i));
    expect(rows.map((r: ExcelJS.Row) => [r.getCell(at("product_category")).value, r.getCell(at("planned")).value, r.getCell(at("explanation")).value]))
      .toEqual(json.map((r: Record<string, unknown>) => [r.product_category, r.planned, r.explanation]));
    expect(sheet.getCell(3, at("shrunken_rate")).numFmt).toBe("0.0%");
    expect(sheet.getCell(3, at("industry_flag")).value).toBe("否");
    expect(sheet.rowCount).toBe(2 + json.length);
  });

  it("refuses too few batches for the floor with exit status 2 and both numbers", async () => {
    await expect(planCommand(["--batches", "25", "--db", dbPath, "--as-of", "2025-12-31"])).rejects.toThrow(/计划批次数 25 少于保底要求 10 批 × 3 个产品类别 = 30 批/);
    await expect(planCommand(["--batches", "0", "--db", dbPath])).rejects.toThrow(/--batches 需要不小于 1 的整数/);
    await expect(planCommand(["--xlsx", "plan.csv", "--db", dbPath])).rejects.toThrow(/--xlsx 需要以 .xlsx 结尾/);
  });
});

// ---------------------------------------------------------------------------------------------
// The workbench export: the inputs the page recomputes from, the default plan, the workbook.

describe("the workbench's sampling-plan files", () => {
  it("ship the inputs and the default plan (N = this year's batches), and the same plan as xlsx", async () => {
    const db = await databaseOf([
      ...batchesOf("电线电缆", 2025, 40, 6, (i) => ({ channel: PLAN_CHANNELS[i % 3] })),
      ...batchesOf("儿童玩具", 2024, 30, 2),
      ...batchesOf("儿童玩具", 2025, 25, 2),
    ]);
    const srcDir = mkdtempSync(join(tmpdir(), "plan-export-"));
    try {
      const writer = new SiteWriter("workbench", srcDir);
      await exportSamplingPlan({ conn: db.conn, asOf: "2025-12-31" }, writer);
      expect(writer.files.map((f) => f.path).sort()).toEqual(["workbench/_data/sampling-plan.json", "workbench/_data/sampling-plan.xlsx.bin"]);
      const data = JSON.parse(readFileSync(join(srcDir, "workbench/_data/sampling-plan.json"), "utf8"));
      expect(data.inputs).toMatchObject({ plan_year: 2026, base_year: 2025, base_total: 65 });
      expect(data.plan.total).toBe(65);
      // the page's recomputation from the shipped inputs gives the shipped plan
      expect(allocateSamplingPlan(data.inputs.categories, { ...YEARS, total: 65, floor: 10 })).toEqual(data.plan);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(srcDir, "workbench/_data/sampling-plan.xlsx.bin"));
      const sheet = workbook.worksheets[0];
      const at = SAMPLING_PLAN_COLUMNS.indexOf("planned") + 1;
      expect([3, 4].map((r) => sheet.getCell(r, at).value)).toEqual(data.plan.rows.map((r: { planned: number }) => r.planned));
    } finally {
      db.close();
      rmSync(srcDir, { recursive: true, force: true });
    }
  });
});

describe("the page's CSV download", () => {
  it("has the xlsx's Chinese headings and one row per category, flags as 是/否", () => {
    const p = plan([category("电线电缆", { industry_flag: true }), category("儿童玩具")], 100);
    const parsed = Papa.parse<string[]>(samplingPlanCsv(p).slice(1).trim()).data;
    expect(parsed[0]).toEqual(SAMPLING_PLAN_COLUMNS.map((c) => SAMPLING_PLAN_HEADER[c]));
    expect(parsed.slice(1).map((r) => [r[0], Number(r[1]), r[SAMPLING_PLAN_COLUMNS.indexOf("industry_flag")]]))
      .toEqual(p.rows.map((r) => [r.product_category, r.planned, r.industry_flag ? "是" : "否"]));
  });
});
