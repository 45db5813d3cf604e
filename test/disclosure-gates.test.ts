// Gates P1–P4 (rules.md, "Public disclosure gates"), one case per situation. Dates are
// hand-counted from the 2025 State Council holiday notice (国办发明电〔2024〕12号):
// 国庆 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) worked; 清明 04-04..04-06 off.
import { afterEach, describe, expect, it } from "vitest";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import type { Database } from "../loaders/db/connection.ts";
import {
  computeDisclosure, computeDisclosureStatus, readDisclosure, writeDisclosureTable, type DisclosureStatusRow,
} from "../loaders/disclosure/gates.ts";
import { PUBLIC_FIELD_KEYS } from "../loaders/disclosure/whitelist.ts";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";

let db: Database | undefined;
afterEach(() => db?.close());

const FAIL: Partial<FixtureBatch> = { conclusion: "不合格", failed_items: ["导体电阻", "绝缘厚度"], report_date: "2025-02-20" };
const approve = (id: string, date = "2025-02-25"): FixtureEvent => ({ sample_id: id, event: "同意公开", date });

async function statusOf(batches: FixtureBatch[], events: FixtureEvent[], asOf: string): Promise<Map<string, DisclosureStatusRow>> {
  db = await createFixtureDb(batches, events);
  await createTempCalendarTable(db.conn);
  const rows = await computeDisclosureStatus(db.conn, { asOf });
  return new Map(rows.map((r) => [r.sample_id, r]));
}

async function statusAt(batch: FixtureBatch, events: FixtureEvent[], asOf: string): Promise<DisclosureStatusRow> {
  db?.close();
  const rows = await statusOf([batch], events, asOf);
  return rows.get(batch.sample_id)!;
}

describe("P1 — approval to publish (article 62)", () => {
  it("holds a conforming, final batch that has no 同意公开", async () => {
    const s = await statusAt({ sample_id: "A1" }, [], "2025-12-31");
    expect(s).toMatchObject({ published: false, held_by: "P1", can_pass_on: null });
    expect(s.reason).toContain("第六十二条");
  });

  it("ignores an approval dated after the as-of date", async () => {
    const s = await statusAt({ sample_id: "A2" }, [approve("A2", "2025-06-01")], "2025-05-31");
    expect(s.held_by).toBe("P1");
    const later = await statusAt({ sample_id: "A2" }, [approve("A2", "2025-06-01")], "2025-06-01");
    expect(later).toMatchObject({ published: true, held_by: null, approved_on: "2025-06-01" });
  });

  it("is checked first: an unapproved refused batch is held by P1, not P2", async () => {
    const s = await statusAt({ sample_id: "A3", outcome: "拒检", conclusion: null, report_date: null }, [], "2025-12-31");
    expect(s.held_by).toBe("P1");
  });
});

describe("P2 — only inspected batches with a conclusion are result rows", () => {
  it("holds refused, terminated and not-yet-inspected batches even when approved", async () => {
    const rows = await statusOf(
      [
        { sample_id: "R1", outcome: "拒检", conclusion: null, report_date: null, inspection_agency: null },
        { sample_id: "R2", outcome: "终止抽样", conclusion: null, report_date: null },
        { sample_id: "R3", outcome: "已抽样", conclusion: null, report_date: null },
      ],
      [approve("R1"), approve("R2"), approve("R3")],
      "2025-12-31",
    );
    for (const id of ["R1", "R2", "R3"]) expect(rows.get(id)).toMatchObject({ published: false, held_by: "P2", can_pass_on: null });
    expect(rows.get("R1")!.reason).toContain("拒检");
    expect(rows.get("R3")!.reason).toContain("尚无检验结论");
  });
});

describe("P3 — the conclusion is final (articles 52, 54, 58, 75)", () => {
  it("publishes a conforming batch as soon as it is approved", async () => {
    const s = await statusAt({ sample_id: "C1" }, [approve("C1", "2025-03-25")], "2025-03-25");
    expect(s).toMatchObject({ published: true, conclusion: "合格", conclusion_by: "初检", final_on: "2025-03-20" });
  });

  it("holds a failure while the 15-day objection window is open, and releases it the day after", async () => {
    // 不合格告知 2025-03-03 (Mon); day 15 = 03-18 (Tue), a working day
    const events = [approve("W1"), { sample_id: "W1", event: "不合格告知", date: "2025-03-03" }];
    const open = await statusAt({ sample_id: "W1", ...FAIL }, events, "2025-03-18");
    expect(open).toMatchObject({ published: false, held_by: "P3", can_pass_on: "2025-03-19", objection_window_closes_on: "2025-03-18" });
    expect(open.reason).toContain("异议期未届满");
    const closed = await statusAt({ sample_id: "W1", ...FAIL }, events, "2025-03-19");
    expect(closed).toMatchObject({ published: true, held_by: null, conclusion: "不合格", final_on: "2025-03-19" });
  });

  it("extends a window whose 15th day falls in the National Day holiday to the next working day", async () => {
    // 不合格告知 2025-09-16; day 15 = 10-01 (国庆), holiday runs to 10-08, so the window ends 10-09
    const events = [approve("H1"), { sample_id: "H1", event: "不合格告知", date: "2025-09-16" }];
    const onLastDay = await statusAt({ sample_id: "H1", ...FAIL }, events, "2025-10-09");
    expect(onLastDay).toMatchObject({ held_by: "P3", can_pass_on: "2025-10-10", objection_window_closes_on: "2025-10-09" });
    expect(onLastDay.reason).toContain("顺延");
    // an objection on 10-09 is still in time
    const objected = await statusAt({ sample_id: "H1", ...FAIL },
      [...events, { sample_id: "H1", event: "异议申请", date: "2025-10-09", result: "检验结论" }], "2025-10-20");
    expect(objected).toMatchObject({ held_by: "P3", can_pass_on: null });
    const after = await statusAt({ sample_id: "H1", ...FAIL }, events, "2025-10-10");
    expect(after).toMatchObject({ published: true, final_on: "2025-10-10" });
  });

  it("extends a window ending on an ordinary Saturday to Monday", async () => {
    // 2025-03-07 (Fri) + 15 = 03-22 (Sat) → 03-24 (Mon)
    const s = await statusAt({ sample_id: "H2", ...FAIL },
      [approve("H2"), { sample_id: "H2", event: "不合格告知", date: "2025-03-07" }], "2025-03-23");
    expect(s).toMatchObject({ held_by: "P3", objection_window_closes_on: "2025-03-24", can_pass_on: "2025-03-25" });
  });

  it("holds a failure with no 不合格告知: the window never opened", async () => {
    const s = await statusAt({ sample_id: "N1", ...FAIL }, [approve("N1")], "2025-12-31");
    expect(s).toMatchObject({ published: false, held_by: "P3", can_pass_on: null, served_on: null });
    expect(s.reason).toContain("异议期尚未起算");
  });

  it("starts the window when a 公示送达 has run its 15 days (article 51)", async () => {
    // posted 2025-03-03 → served 03-18 → window ends 04-02 (Wed)
    const events = [approve("G1"), { sample_id: "G1", event: "公示送达", date: "2025-03-03" }];
    const s = await statusAt({ sample_id: "G1", ...FAIL }, events, "2025-04-02");
    expect(s).toMatchObject({ held_by: "P3", served_on: "2025-03-18", objection_window_closes_on: "2025-04-02", can_pass_on: "2025-04-03" });
    expect((await statusAt({ sample_id: "G1", ...FAIL }, events, "2025-04-03")).published).toBe(true);
  });

  it("holds a batch while an objection is pending, with no date it can pass on", async () => {
    const events = [approve("O1"), { sample_id: "O1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "O1", event: "异议申请", date: "2025-03-10", result: "检验结论" },
      { sample_id: "O1", event: "复检通知", date: "2025-03-12" }];
    const s = await statusAt({ sample_id: "O1", ...FAIL }, events, "2025-06-30");
    expect(s).toMatchObject({ published: false, held_by: "P3", can_pass_on: null });
    expect(s.reason).toContain("异议处理中");
  });

  it("publishes the initial conclusion once the objection is settled by 维持", async () => {
    const events = [approve("M1"), { sample_id: "M1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "M1", event: "异议申请", date: "2025-03-10", result: "抽样过程" },
      { sample_id: "M1", event: "异议结论", date: "2025-03-25", result: "维持" }];
    expect((await statusAt({ sample_id: "M1", ...FAIL }, events, "2025-03-24")).held_by).toBe("P3");
    const settled = await statusAt({ sample_id: "M1", ...FAIL }, events, "2025-03-25");
    expect(settled).toMatchObject({ published: true, conclusion: "不合格", conclusion_by: "初检", final_on: "2025-03-25" });
  });

  it("never publishes a conclusion revoked by 撤销", async () => {
    const events = [approve("X1"), { sample_id: "X1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "X1", event: "异议申请", date: "2025-03-10", result: "抽样过程" },
      { sample_id: "X1", event: "异议结论", date: "2025-03-25", result: "撤销" }];
    const s = await statusAt({ sample_id: "X1", ...FAIL }, events, "2026-06-30");
    expect(s).toMatchObject({ published: false, held_by: "P3", can_pass_on: null, conclusion: null });
    expect(s.reason).toContain("撤销");
  });

  it("publishes a re-inspection that overturned the failure as 合格 by 复检, with no failing item", async () => {
    const events = [approve("F1"), { sample_id: "F1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "F1", event: "异议申请", date: "2025-03-10", result: "检验结论" },
      { sample_id: "F1", event: "复检通知", date: "2025-03-12" },
      { sample_id: "F1", event: "复检结论", date: "2025-04-20", result: "合格" }];
    db = await createFixtureDb([{ sample_id: "F1", ...FAIL }], events);
    await createTempCalendarTable(db.conn);
    expect((await computeDisclosure(db.conn, { asOf: "2025-04-19" })).withheld[0]).toMatchObject({ held_by: "P3" });
    const { published } = await computeDisclosure(db.conn, { asOf: "2025-04-20" });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ conclusion: "合格", conclusion_by: "复检", failed_items: [], final_on: "2025-04-20" });
  });

  it("publishes the initial failure when the re-inspection is terminated (终止复检, article 61)", async () => {
    const events = [approve("T1"), { sample_id: "T1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "T1", event: "异议申请", date: "2025-03-10", result: "检验结论" },
      { sample_id: "T1", event: "复检通知", date: "2025-03-12" },
      { sample_id: "T1", event: "终止复检", date: "2025-04-02" }];
    const s = await statusAt({ sample_id: "T1", ...FAIL }, events, "2025-04-02");
    expect(s).toMatchObject({ published: true, conclusion: "不合格", conclusion_by: "初检", final_on: "2025-04-02" });
  });

  it("publishes after 不予复检 (articles 54, 55)", async () => {
    const events = [approve("D1"), { sample_id: "D1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "D1", event: "异议申请", date: "2025-03-10", result: "检验结论" },
      { sample_id: "D1", event: "不予复检", date: "2025-03-14" }];
    expect((await statusAt({ sample_id: "D1", ...FAIL }, events, "2025-03-14")).published).toBe(true);
  });

  it("does not let a late objection, never accepted, reopen a closed window", async () => {
    const events = [approve("L1"), { sample_id: "L1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "L1", event: "异议申请", date: "2025-03-25", result: "检验结论" }];
    expect((await statusAt({ sample_id: "L1", ...FAIL }, events, "2025-04-30")).published).toBe(true);
  });

  it("judges as of the date: a re-inspection concluded after the as-of date is still pending", async () => {
    const events = [approve("Y1"), { sample_id: "Y1", event: "不合格告知", date: "2025-03-03" },
      { sample_id: "Y1", event: "异议申请", date: "2025-03-10", result: "检验结论" },
      { sample_id: "Y1", event: "复检结论", date: "2025-05-10", result: "合格" }];
    const s = await statusAt({ sample_id: "Y1", ...FAIL }, events, "2025-05-09");
    expect(s).toMatchObject({ held_by: "P3", conclusion: "不合格", conclusion_by: "初检" });
  });
});

describe("P4 — whitelisted fields only", () => {
  it("puts exactly the whitelist in each published row, no personal data, staff codes or notes", async () => {
    db = await createFixtureDb(
      [{ sample_id: "P4", sampled_contact: "王秘密", sampled_phone: "13912345678", sampler_ids: ["SX-01", "SX-02"],
        inspector_ids: ["IX-09"], sampled_uscc: "91500000MA5U7XXX1X", producer_region: "市外:四川省", sampled_region: "500103" }],
      [{ ...approve("P4"), note: "内部备注勿外传" }],
    );
    await createTempCalendarTable(db.conn);
    const { published } = await computeDisclosure(db.conn, { asOf: "2025-12-31" });
    expect(Object.keys(published[0])).toEqual([...PUBLIC_FIELD_KEYS]);
    const text = JSON.stringify(published);
    for (const secret of ["王秘密", "13912345678", "SX-01", "IX-09", "91500000MA5U7XXX1X", "内部备注勿外传"]) {
      expect(text).not.toContain(secret);
    }
    expect(published[0]).toMatchObject({ producer_region: "市外（四川省）", sampled_region: "渝中区", quarter: "2025Q1" });
  });
});

describe("persisted table", () => {
  it("writeDisclosureTable persists the same decisions that readDisclosure turns into rows", async () => {
    const events = [approve("K1"), approve("K2"), { sample_id: "K2", event: "不合格告知", date: "2025-03-03" }];
    db = await createFixtureDb([{ sample_id: "K1" }, { sample_id: "K2", ...FAIL }, { sample_id: "K3" }], events);
    await createTempCalendarTable(db.conn);
    await writeDisclosureTable(db.conn, { asOf: "2025-03-10" });
    const persisted = await readDisclosure(db.conn);
    expect(persisted.asOf).toBe("2025-03-10");
    expect(persisted.published.map((r) => r.sample_id)).toEqual(["K1"]);
    expect(persisted.withheld.map((r) => [r.sample_id, r.held_by, r.can_pass_on])).toEqual([["K3", "P1", null], ["K2", "P3", "2025-03-19"]]);
    expect(persisted).toMatchObject(await computeDisclosure(db.conn, { asOf: "2025-03-10" }));
  });
});
