// Rates (Wilson intervals computed in SQL) and the circular-style headline, on fixture
// databases whose figures are counted by hand.
import { afterEach, describe, expect, it } from "vitest";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import type { Database } from "../loaders/db/connection.ts";
import { computeRates, RATE_DIMENSIONS } from "../loaders/analysis/rates.ts";
import { computeHeadline, headlineSentence } from "../loaders/analysis/headline.ts";
import { percent1 } from "../loaders/core/format.ts";

let db: Database | undefined;
afterEach(() => db?.close());

let serial = 0;
/** n batches alike; the first `failed` of them fail. */
function batches(n: number, failed: number, common: Partial<FixtureBatch>): FixtureBatch[] {
  return Array.from({ length: n }, (_, i) => ({
    sample_id: `S${serial++}`, ...common,
    conclusion: i < failed ? "不合格" : "合格", failed_items: i < failed ? ["标志"] : null,
  }));
}

describe("rates by dimensions", () => {
  it("gives the Wilson 95% interval of the oracle sheet: 8 of 50 and 0 of 20", async () => {
    db = await createFixtureDb([
      ...batches(50, 8, { sampled_region: "500112" }),
      ...batches(20, 0, { sampled_region: "500117" }),
    ]);
    const rows = await computeRates(db.conn, { by: ["sampled_region"] });
    expect(rows).toHaveLength(2);
    const [yubei, hechuan] = rows;
    expect(yubei).toMatchObject({ sampled_region: "500112", sampled_region_name: "渝北区", inspected: 50, failed: 8, rate: 0.16 });
    expect(yubei.ci_low).toBeCloseTo(0.083374, 6);
    expect(yubei.ci_high).toBeCloseTo(0.285142, 6);
    expect(hechuan).toMatchObject({ sampled_region_name: "合川区", inspected: 20, failed: 0, rate: 0, ci_low: 0 });
    expect(hechuan.ci_high).toBeCloseTo(0.161125, 6);
  });

  it("counts final conclusions only: re-inspection wins, revoked and unsampled batches are left out", async () => {
    db = await createFixtureDb([
      { sample_id: "A", conclusion: "不合格", failed_items: ["标志"] },          // re-inspected: 合格 (article 58)
      { sample_id: "B", conclusion: "不合格", failed_items: ["标志"] },          // revoked by 异议结论 撤销 (article 54)
      { sample_id: "C", conclusion: "不合格", failed_items: ["标志"] },          // stands
      { sample_id: "D", conclusion: "合格" },
      { sample_id: "E", outcome: "拒检", conclusion: null, report_date: null, inspection_agency: null },
    ], [
      { sample_id: "A", event: "复检结论", date: "2025-04-20", result: "合格" },
      { sample_id: "B", event: "异议结论", date: "2025-04-10", result: "撤销" },
    ] satisfies FixtureEvent[]);
    const [row] = await computeRates(db.conn, { by: ["product_category"] });
    expect(row).toMatchObject({ product_category: "电线电缆", inspected: 3, failed: 1 });
    expect(row.rate).toBeCloseTo(1 / 3, 12);
  });

  it("splits by any pair of dimensions and filters by plan year, quarter and dimension values", async () => {
    db = await createFixtureDb([
      ...batches(4, 1, { channel: "生产", sampling_date: "2025-08-01", producer_region: "500112" }),
      ...batches(6, 3, { channel: "电商", platform: "某电商平台", sampling_date: "2025-08-02", producer_region: "市外:广东省" }),
      ...batches(5, 5, { channel: "电商", platform: "某电商平台", sampling_date: "2025-02-02", producer_region: "市外:广东省" }),
      ...batches(7, 1, { channel: "生产", plan_year: 2024, sampling_date: "2024-08-01" }),
    ]);
    const byChannelScope = await computeRates(db.conn, { by: ["channel", "producer_region"], year: 2025 });
    // ordered by the dimension values (code point order: 生 U+751F before 电 U+7535)
    expect(byChannelScope.map((r) => [r.channel, r.producer_region, r.inspected, r.failed])).toEqual([
      ["生产", "市内", 4, 1],
      ["电商", "市外", 11, 8],
    ]);
    expect(Object.keys(byChannelScope[0])).toEqual(["channel", "producer_region", "inspected", "failed", "rate", "ci_low", "ci_high"]);
    const q3 = await computeRates(db.conn, { by: ["quarter"], quarter: "2025Q3" });
    expect(q3).toEqual([expect.objectContaining({ quarter: "2025Q3", inspected: 10, failed: 4 })]);
    const filtered = await computeRates(db.conn, { by: ["plan_year"], filters: { channel: "生产" } });
    expect(filtered.map((r) => [r.plan_year, r.inspected, r.failed])).toEqual([[2024, 7, 1], [2025, 4, 1]]);
  });

  it("rejects a dimension outside the whitelist before it reaches SQL", async () => {
    db = await createFixtureDb([{ sample_id: "A" }]);
    await expect(computeRates(db.conn, { by: ["sampled_phone"] })).rejects.toThrow(/不支持维度 "sampled_phone"/);
    await expect(computeRates(db.conn, { by: ["channel"], filters: { "1=1; DROP TABLE batches; --": "x" } })).rejects.toThrow(/不支持维度/);
    await expect(computeRates(db.conn, { by: ["channel"], quarter: "2025-3" })).rejects.toThrow(/--quarter/);
    expect(RATE_DIMENSIONS).toContain("enterprise_size");
  });
});

describe("headline", () => {
  // 2025Q3: 生产 11 sampled (1 still without report) 1 failed; 流通 8, 2 failed; 电商 2, 1 failed;
  // plus one 拒检 (not a batch of product). Categories 电线电缆 and 儿童玩具. Producers: 甲 (with
  // and without USCC: one producer), 乙, 丙 → 3.
  // 2025Q2: 25 inspected, 3 failed (12.0%). 2024Q3: 20 inspected, 5 failed (25.0%).
  const USCC = "91500000MA5U7G4X1K";
  function fixture(): FixtureBatch[] {
    const q3 = { plan_year: 2025, sampling_date: "2025-08-15" };
    return [
      ...batches(6, 1, { ...q3, channel: "生产", producer_name: "甲公司", producer_uscc: USCC }),
      ...batches(4, 0, { ...q3, channel: "生产", producer_name: "甲公司", producer_uscc: null }),
      { sample_id: "PENDING", ...q3, channel: "生产", producer_name: "甲公司", conclusion: null, report_date: null },
      ...batches(8, 2, { ...q3, channel: "流通", producer_name: "乙公司", product_category: "儿童玩具" }),
      ...batches(2, 1, { ...q3, channel: "电商", platform: "某平台", producer_name: "丙公司" }),
      { sample_id: "REFUSED", ...q3, channel: "流通", producer_name: "丁公司", outcome: "拒检", conclusion: null, report_date: null, inspection_agency: null },
      ...batches(25, 3, { plan_year: 2025, sampling_date: "2025-05-15", channel: "生产" }),
      ...batches(20, 5, { plan_year: 2024, sampling_date: "2024-07-15", channel: "流通" }),
    ];
  }

  it("computes a quarter's figures and its changes in percentage points", async () => {
    db = await createFixtureDb(fixture());
    const h = await computeHeadline(db.conn, { year: 2025, quarter: 3 });
    expect(h).toMatchObject({ categories: 2, producers: 3, batches: 21, inspected: 20, failed: 4, rate: 0.2 });
    expect(h.previous).toMatchObject({ label: "2025年第二季度", inspected: 25, failed: 3 });
    expect(h.yearAgo).toMatchObject({ label: "2024年第三季度", inspected: 20, failed: 5 });
    expect(h.changeVsPrevious).toBe(8);   // 20.0 − 12.0
    expect(h.changeVsYearAgo).toBe(-5);   // 20.0 − 25.0
    expect(h.channels.map((c) => [c.channel, c.batches, c.inspected, c.failed])).toEqual([
      ["生产", 11, 10, 1], ["流通", 8, 8, 2], ["电商", 2, 2, 1],
    ]);
    expect(h.channels[0].changeVsPrevious).toBe(-2); // 10.0 − 12.0 (Q2 is all 生产)
    expect(h.channels[1].changeVsYearAgo).toBe(0);   // 25.0 − 25.0 (2024Q3 is all 流通)
    expect(headlineSentence(h)).toBe(
      "2025年第三季度，共抽查2类产品3家企业的21批次产品，其中20批次已有最终检验结论，发现不合格产品4批次，" +
      "不合格发现率为20.0%，比上季度上升8.0个百分点，比上年同期下降5.0个百分点。" +
      "其中生产环节抽查11批次（10批次已有最终结论），不合格发现率为10.0%；流通环节抽查8批次，不合格发现率为25.0%；" +
      "电商环节抽查2批次，不合格发现率为50.0%。",
    );
  });

  it("compares a plan year with the year before only", async () => {
    db = await createFixtureDb(fixture());
    const h = await computeHeadline(db.conn, { year: 2025 });
    // 2025: 21 + 25 sampled, 45 inspected, 7 failed → 15.6%; 2024: 5/20 = 25.0% → −9.4
    expect(h).toMatchObject({ batches: 46, inspected: 45, failed: 7, changeVsPrevious: -9.4 });
    const sentence = headlineSentence(h);
    expect(sentence).toContain("2025年，共抽查2类产品");
    expect(sentence).toContain("不合格发现率为15.6%，比上年下降9.4个百分点。");
    expect(sentence).not.toContain("上年同期");
  });

  it("rounds rates as published and says when there is nothing", async () => {
    expect(percent1(1, 8)).toBe(12.5);
    expect(percent1(2, 3)).toBe(66.7);
    db = await createFixtureDb([]);
    expect(headlineSentence(await computeHeadline(db.conn, { year: 2025, quarter: 1 }))).toBe("2025年第一季度无已抽样批次。");
  });
});
