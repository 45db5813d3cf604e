// A producer's record (issue 14 item 2), on hand-built batches: a producer with a USCC whose
// batches include one overturned by 复检, one revoked (撤销), an audit finding and flags; a
// producer known only by its name; and a name two producers share. Every expectation is
// worked out by hand from the fixture below, not read from the code's output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAuditFindingsTable } from "../loaders/audit/audit.ts";
import { computeProducerRecord, readProducerRecords, type ProducerRecord } from "../loaders/analysis/producer-record.ts";
import { producerText } from "../loaders/analysis/cli.ts";
import { UsageError } from "../loaders/core/errors.ts";
import { execSqlFile, type Database } from "../loaders/db/connection.ts";
import { createFixtureDb, type FixtureBatch } from "./helpers/fixture-db.ts";

const AS_OF = "2025-12-31";
const USCC_P = "91500000MA5U0A0A0A";
const USCC_C = "91500000MA5U0C0C0C";
const fail = (items: string[]) => ({ conclusion: "不合格", failed_items: items });
const P = { producer_name: "甲电缆厂", producer_uscc: USCC_P, product_category: "电线电缆", sampled_region: "500112" };

const batches: FixtureBatch[] = [
  // overturned: failed at first, the 复检 found it conforming (article 58)
  { sample_id: "P1", ...P, plan_year: 2024, sampling_date: "2024-03-01", report_date: "2024-03-20", ...fail(["导体电阻"]) },
  // revoked: the objection was upheld (撤销, article 54); only one sampler (A20, article 20)
  { sample_id: "P2", ...P, plan_year: 2024, sampling_date: "2024-06-01", report_date: "2024-06-15", sampler_ids: ["S009"], ...fail(["绝缘厚度"]) },
  // the first failure that stands, then the repeat after its report: a repeat offender
  { sample_id: "P3", ...P, plan_year: 2024, sampling_date: "2024-09-01", report_date: "2024-09-10", ...fail(["导体电阻"]) },
  { sample_id: "P4", ...P, plan_year: 2025, sampling_date: "2025-02-01", report_date: "2025-02-15", ...fail(["导体电阻", "标志"]) },
  // a pass under another name (the same USCC), sampled at a seller in another region
  { sample_id: "P5", ...P, producer_name: "甲电缆厂（更名）", plan_year: 2025, sampling_date: "2025-03-10", report_date: "2025-03-20", sampled_region: "500103", channel: "流通", conclusion: "合格" },
  // sampled after the as-of day: not in the record
  { sample_id: "P6", ...P, plan_year: 2026, sampling_date: "2026-01-10", report_date: "2026-01-20", conclusion: "合格" },
  // a producer known only by its name
  { sample_id: "N1", producer_name: "乙灯具厂", product_category: "LED灯具", plan_year: 2025, sampling_date: "2025-04-01", report_date: "2025-04-10", conclusion: "合格" },
  // one name, two producers: one with a USCC, one without
  { sample_id: "C1", producer_name: "丙插座厂", producer_uscc: USCC_C, product_category: "插头插座", plan_year: 2025, sampling_date: "2025-05-01", conclusion: "合格" },
  { sample_id: "C2", producer_name: "丙插座厂", product_category: "插头插座", plan_year: 2025, sampling_date: "2025-06-01", conclusion: "合格" },
];

const events = [
  { sample_id: "P1", event: "复检结论", date: "2024-04-20", result: "合格", agency: "复检机构甲" },
  { sample_id: "P2", event: "异议结论", date: "2024-07-01", result: "撤销" },
  { sample_id: "P3", event: "不合格告知", date: "2024-09-12" },
  { sample_id: "P3", event: "责令整改", date: "2024-10-01" },
  { sample_id: "P3", event: "复查", date: "2026-02-01", result: "合格" }, // after the as-of day
];

let db: Database;
let record: ProducerRecord;

beforeAll(async () => {
  db = await createFixtureDb(batches, events);
  await writeAuditFindingsTable(db.conn, { asOf: AS_OF });
  // Flags by hand (the cells, not the statistics, are under test): the record lists a flag
  // when its cell holds one of the producer's batches (flag_cells.sql's cells).
  await execSqlFile(db.conn, "loaders/analysis/flags_tables.sql");
  await db.conn.run(`INSERT INTO funnel_points (period, product_category, region_code) VALUES ('2024', '电线电缆', '500112'), ('2025', '电线电缆', '500112')`);
  await db.conn.run(`INSERT INTO flags (rule, period, product_category, region_code, region_name, item, inspected, failed, rate, expected, "limit", p, q, article, sentence) VALUES
    ('regional', '2025', '电线电缆', '500112', '渝北区', NULL, 20, 8, 0.4, 0.1, 0.3, 0.001, 0.01, 72, 'R2025-500112'),
    ('regional', '2025', '电线电缆', '500103', '渝中区', NULL, 20, 8, 0.4, 0.1, 0.3, 0.001, 0.01, 72, 'R2025-500103'),
    ('regional', '2024', '电线电缆', '500101', '万州区', NULL, 20, 8, 0.4, 0.1, 0.3, 0.001, 0.01, 72, 'R2024-500101'),
    ('item', '2024', '电线电缆', NULL, NULL, '导体电阻', 30, 12, 0.4, 0.1, 0.3, 0.001, 0.01, 72, 'I2024-导体电阻'),
    ('item', '2025', '电线电缆', NULL, NULL, '绝缘厚度', 30, 12, 0.4, 0.1, 0.3, 0.001, 0.01, 72, 'I2025-绝缘厚度'),
    ('industry', 'all', '电线电缆', NULL, NULL, NULL, 300, 60, 0.2, 0.1, 0.15, 0.001, 0.01, 72, 'Dall'),
    ('industry', '2025', '插头插座', NULL, NULL, NULL, 300, 60, 0.2, 0.1, 0.15, 0.001, 0.01, 72, 'D2025-插头插座')`);
  record = await computeProducerRecord(db.conn, { query: USCC_P, asOf: AS_OF });
}, 60_000);
afterAll(() => db?.close());

describe("a producer's record (spotcheck producer)", () => {
  it("names the producer by its latest batch and counts its batches up to the as-of day", () => {
    expect(record.producer).toMatchObject({
      producer_id: USCC_P, producer_uscc: USCC_P, producer_name: "甲电缆厂（更名）", names: ["甲电缆厂", "甲电缆厂（更名）"],
      batches: 5, concluded: 4, failed: 2, first_sampling_date: "2024-03-01", last_sampling_date: "2025-03-10",
    });
    expect(record.batches.map((b) => b.sample_id)).toEqual(["P5", "P4", "P3", "P2", "P1"]); // newest first, P6 is after the as-of day
  });

  it("gives each batch its final conclusion, how it became final and the final failing items", () => {
    const by = new Map(record.batches.map((b) => [b.sample_id, b]));
    expect(by.get("P1")).toMatchObject({ initial_conclusion: "不合格", final_conclusion: "合格", final_by: "复检", failed_items: [], initial_failed_items: ["导体电阻"] });
    expect(by.get("P1")!.how_final).toContain("复检");
    expect(by.get("P1")!.how_final).toContain("2024-04-20");
    expect(by.get("P2")).toMatchObject({ final_conclusion: null, final_by: null, revoked: true, failed_items: [] });
    expect(by.get("P2")!.how_final).toContain("撤销");
    expect(by.get("P3")).toMatchObject({ final_conclusion: "不合格", final_by: "初检", failed_items: ["导体电阻"] });
    expect(by.get("P5")).toMatchObject({ final_conclusion: "合格", channel: "流通" });
  });

  it("lists each batch's lifecycle steps up to the as-of day, in date order", () => {
    const p3 = record.batches.find((b) => b.sample_id === "P3")!;
    expect(p3.events.map((e) => `${e.date} ${e.event}`)).toEqual(["2024-09-12 不合格告知", "2024-10-01 责令整改"]);
    expect(record.batches.find((b) => b.sample_id === "P1")!.events).toEqual([{ event: "复检结论", date: "2024-04-20", result: "合格", agency: "复检机构甲" }]);
  });

  it("carries the audit findings on its batches only", () => {
    const a20 = record.findings.filter((f) => f.rule === "A20");
    expect(a20.map((f) => f.sample_id)).toEqual(["P2"]);
    expect(record.findings.every((f) => ["P1", "P2", "P3", "P4", "P5"].includes(f.sample_id))).toBe(true);
  });

  it("lists the flags whose cell holds one of its batches, with those batches", () => {
    const flags = record.flags.map((f) => `${f.sentence}:${f.sample_ids.join(",")}`).sort();
    expect(flags).toEqual([
      // the pooled window (2024, 2025): every batch with a final conclusion; P2's was revoked
      "Dall:P1,P3,P4,P5",
      // 导体电阻 in 2024: P3 fails on it; P1 listed it but the 复检 found it conforming
      "I2024-导体电阻:P3",
      "R2025-500103:P5",
      "R2025-500112:P4",
    ]);
  });

  it("says it is a repeat offender: P3 failed, then P4 after P3's report", () => {
    expect(record.repeat_offences).toHaveLength(1);
    expect(record.repeat_offences[0]).toMatchObject({ first_sample_id: "P3", repeat_sample_id: "P4", failures: 2, bureau_actions: ["责令整改 2024-10-01"] });
    expect(producerText(record)).toContain("跟踪抽查仍不合格：电线电缆（P3 → P4");
  });

  it("finds a producer without a USCC by its name, and by its name:… id", async () => {
    for (const query of ["乙灯具厂", "name:乙灯具厂"]) {
      const r = await computeProducerRecord(db.conn, { query, asOf: AS_OF });
      expect(r.producer).toMatchObject({ producer_id: "name:乙灯具厂", producer_uscc: null, batches: 1 });
      expect(r.repeat_offences).toEqual([]);
      expect(r.flags).toEqual([]);
    }
  });

  it("asks which one when a name belongs to several producers, in Chinese, listing each", async () => {
    const error = await computeProducerRecord(db.conn, { query: "丙插座厂", asOf: AS_OF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain("对应 2 个生产者");
    expect(message).toContain(USCC_C);
    expect(message).toContain("name:丙插座厂");
    // either one, asked by its key
    expect((await computeProducerRecord(db.conn, { query: USCC_C, asOf: AS_OF })).batches.map((b) => b.sample_id)).toEqual(["C1"]);
    expect((await computeProducerRecord(db.conn, { query: "name:丙插座厂", asOf: AS_OF })).batches.map((b) => b.sample_id)).toEqual(["C2"]);
  });

  it("says so when nothing matches", async () => {
    await expect(computeProducerRecord(db.conn, { query: "丁不存在厂", asOf: AS_OF })).rejects.toThrow(/没有统一社会信用代码或标称生产者名称为“丁不存在厂”/);
  });

  it("reads every producer at once the same as one at a time", async () => {
    const all = await readProducerRecords(db.conn, { asOf: AS_OF });
    expect(all.map((r) => r.producer.producer_id)).toEqual([USCC_P, USCC_C, "name:丙插座厂", "name:乙灯具厂"]) // by id: ...A0A0A0A before ...C0C0C0C;
    expect(all.find((r) => r.producer.producer_id === USCC_P)).toEqual(record);
  });
});
