// 跟踪抽查仍不合格 (issue 14 item 1), on hand-built batches: who is a repeat offender and who
// is not, each case from the definition's own words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRepeatOffenders, type RepeatOffender } from "../loaders/analysis/repeat-offenders.ts";
import type { Database } from "../loaders/db/connection.ts";
import { createFixtureDb, type FixtureBatch } from "./helpers/fixture-db.ts";

const fail = (items: string[]) => ({ conclusion: "不合格", failed_items: items });
const USCC_A = "91500000MA5U0A0A0A"; // producer identity only: the check digit is not what is tested here

const batches: FixtureBatch[] = [
  // A: fails, then fails again in the same category after the first report → a repeat offender
  { sample_id: "A1", producer_name: "甲电缆厂", producer_uscc: USCC_A, product_category: "电线电缆", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["导体电阻"]) },
  { sample_id: "A2", producer_name: "甲电缆厂（更名）", producer_uscc: USCC_A, product_category: "电线电缆", sampling_date: "2024-09-01", report_date: "2024-09-15", ...fail(["绝缘厚度"]) },
  { sample_id: "A3", producer_name: "甲电缆厂", producer_uscc: USCC_A, product_category: "电线电缆", sampling_date: "2025-02-01", report_date: "2025-02-15", ...fail(["导体电阻"]) },
  // B: fails, then passes when sampled again → not one
  { sample_id: "B1", producer_name: "乙灯具厂", product_category: "LED灯具", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["标记"]) },
  { sample_id: "B2", producer_name: "乙灯具厂", product_category: "LED灯具", sampling_date: "2024-10-01", report_date: "2024-10-20", conclusion: "合格" },
  // C: passes first, fails only the second time → not one
  { sample_id: "C1", producer_name: "丙插座厂", product_category: "插头插座", sampling_date: "2024-03-01", report_date: "2024-03-20", conclusion: "合格" },
  { sample_id: "C2", producer_name: "丙插座厂", product_category: "插头插座", sampling_date: "2024-10-01", report_date: "2024-10-20", ...fail(["插合尺寸"]) },
  // D: fails in two different categories → not one
  { sample_id: "D1", producer_name: "丁电器厂", product_category: "电热水壶", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["泄漏电流"]) },
  { sample_id: "D2", producer_name: "丁电器厂", product_category: "电吹风", sampling_date: "2024-10-01", report_date: "2024-10-20", ...fail(["发热"]) },
  // E: the second failure was sampled BEFORE the first one's report (the producer could not yet know) → not one
  { sample_id: "E1", producer_name: "戊童车厂", product_category: "童车", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["稳定性"]) },
  { sample_id: "E2", producer_name: "戊童车厂", product_category: "童车", sampling_date: "2024-03-10", report_date: "2024-03-25", ...fail(["稳定性"]) },
  // F: the second failure's 复检 found it conforming (article 58: the re-inspection is final) → not one
  { sample_id: "F1", producer_name: "己玩具厂", product_category: "塑胶玩具", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["小零件"]) },
  { sample_id: "F2", producer_name: "己玩具厂", product_category: "塑胶玩具", sampling_date: "2024-09-01", report_date: "2024-09-10", ...fail(["小零件"]) },
  // G: the first failure was revoked (撤销, article 54); the later failure stands alone → not one
  { sample_id: "G1", producer_name: "庚头盔厂", product_category: "头盔", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["冲击吸收"]) },
  { sample_id: "G2", producer_name: "庚头盔厂", product_category: "头盔", sampling_date: "2024-09-01", report_date: "2024-09-10", ...fail(["冲击吸收"]) },
  // H: the same name with no USCC, a different USCC for a namesake elsewhere → only the name-keyed pair counts
  { sample_id: "H1", producer_name: "辛鞋厂", product_category: "鞋类", sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["耐折"]) },
  { sample_id: "H2", producer_name: "辛鞋厂", product_category: "鞋类", sampling_date: "2024-09-01", report_date: "2024-09-10", ...fail(["耐折"]) },
  { sample_id: "H3", producer_name: "辛鞋厂", producer_uscc: "91330000MA2A1B2C3D", product_category: "鞋类", sampling_date: "2024-10-01", report_date: "2024-10-10", ...fail(["耐折"]) },
  // I: the first failure was reported late, a second one early, and the producer failed again after that
  // second report (before the first's) → a repeat offender, the pair being the second and the third
  { sample_id: "I1", producer_name: "壬门锁厂", product_category: "机械锁", sampling_date: "2024-03-01", report_date: "2024-06-30", ...fail(["互开率"]) },
  { sample_id: "I2", producer_name: "壬门锁厂", product_category: "机械锁", sampling_date: "2024-03-10", report_date: "2024-03-25", ...fail(["互开率"]) },
  { sample_id: "I3", producer_name: "壬门锁厂", product_category: "机械锁", sampling_date: "2024-04-15", report_date: "2024-05-05", ...fail(["钥匙牙花数"]) },
];

const events = [
  { sample_id: "A1", event: "责令整改", date: "2024-04-10" },
  { sample_id: "A1", event: "复查", date: "2024-05-20", result: "合格" },
  { sample_id: "F2", event: "复检结论", date: "2024-10-01", result: "合格" },
  { sample_id: "G1", event: "异议结论", date: "2024-04-01", result: "撤销" },
];

let db: Database;
let found: RepeatOffender[];

beforeAll(async () => {
  db = await createFixtureDb(batches, events);
  found = await computeRepeatOffenders(db.conn, { asOf: "2025-12-31" });
});
afterAll(() => db?.close());

describe("repeat offenders (跟踪抽查仍不合格)", () => {
  it("finds exactly the producers that failed again in the same category after knowing of the first failure", () => {
    expect(found.map((r) => `${r.producer_id}/${r.product_category}`).sort()).toEqual([`${USCC_A}/电线电缆`, "name:壬门锁厂/机械锁", "name:辛鞋厂/鞋类"].sort());
  });

  it("pairs a later failure with any earlier failure already reported, not only the first sampled", () => {
    const i = found.find((r) => r.producer_id === "name:壬门锁厂")!;
    expect(i).toMatchObject({ first_sample_id: "I2", first_report_date: "2024-03-25", repeat_sample_id: "I3", repeat_sampling_date: "2024-04-15", failures: 3 });
  });

  it("names both batches, all failures and what the bureau did", () => {
    const a = found.find((r) => r.producer_id === USCC_A)!;
    expect(a).toMatchObject({
      first_sample_id: "A1", first_sampling_date: "2024-03-01", first_report_date: "2024-03-20", first_failed_items: ["导体电阻"],
      repeat_sample_id: "A2", repeat_sampling_date: "2024-09-01", repeat_failed_items: ["绝缘厚度"],
      failures: 3, bureau_actions: ["责令整改 2024-04-10", "复查 2024-05-20"],
    });
  });

  it("counts only what was sampled and reported by the as-of day", async () => {
    const early = await computeRepeatOffenders(db.conn, { asOf: "2024-09-10" }); // A2 sampled, not yet reported; H2 reported that day
    expect(early.map((r) => r.producer_id).sort()).toEqual(["name:壬门锁厂", "name:辛鞋厂"]);
    expect(early.find((r) => r.producer_id === "name:辛鞋厂")!.failures).toBe(2);
  });
});
