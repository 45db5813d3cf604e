// Every audit rule of rules.md at its boundary: the last allowed day gives no violation,
// the day after gives one, and before the deadline the finding is 'open' with the days
// left. Due dates are hand-computed from the State Council's arrangements (article 75):
//   2024 国庆 rest 10-01..10-07 → a period ending 10-05 ends 10-08 (Tue)
//   2024 春节 rest 02-10..02-17, Sun 02-18 a make-up working day → 02-10 ends on 02-18
//   2025 清明 rest 04-04..04-06 → 04-05 ends on 04-07
import { describe, expect, it } from "vitest";
import { computeFindings, PROMPT_NOTICE_DAYS, type Finding } from "../loaders/audit/audit.ts";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";

async function audit(rule: string, asOf: string, batches: FixtureBatch[], events: FixtureEvent[] = []): Promise<Finding[]> {
  const db = await createFixtureDb(batches, events);
  try {
    return await computeFindings(db.conn, { asOf, rule });
  } finally {
    db.close();
  }
}

/** The finding's key facts, for compact assertions. */
function brief(findings: Finding[]) {
  return findings.map((f) => ({ sample_id: f.sample_id, status: f.status, due: f.due, days_over: f.days_over, days_left: f.days_left }));
}

const violation = (sample_id: string, due: string, days_over: number | null) => ({ sample_id, status: "violation", due, days_over, days_left: null });
const open = (sample_id: string, due: string, days_left: number) => ({ sample_id, status: "open", due, days_over: null, days_left });

it("the prompt-notice allowance the tests below assume is 15 days", () => {
  expect(PROMPT_NOTICE_DAYS).toBe(15);
});

describe("A20 at least 2 samplers (article 20)", () => {
  it("accepts exactly 2 distinct samplers and flags fewer", async () => {
    const findings = await audit("A20", "2025-06-30", [
      { sample_id: "TWO", sampler_ids: ["S001", "S002"] },
      { sample_id: "ONE", sampler_ids: ["S001"] },
      { sample_id: "SAME-TWICE", sampler_ids: ["S001", "S001"] },
    ]);
    expect(brief(findings)).toEqual([violation("ONE", "2025-03-10", null), violation("SAME-TWICE", "2025-03-10", null)]);
    expect(findings[0].sentence).toContain("第二十条");
    expect(findings[0].article).toBe(20);
  });

  it("ignores batches sampled after the as-of date", async () => {
    expect(await audit("A20", "2025-03-09", [{ sample_id: "ONE", sampler_ids: ["S001"] }])).toEqual([]);
  });
});

describe("A16 sampling and inspection separated (article 16)", () => {
  it("flags a sampler who inspected, unless the inspection was on site", async () => {
    const findings = await audit("A16", "2025-06-30", [
      { sample_id: "SEPARATE", sampler_ids: ["S001", "S002"], inspector_ids: ["I001"] },
      { sample_id: "MIXED", sampler_ids: ["S001", "S002"], inspector_ids: ["I001", "S002"] },
      { sample_id: "ONSITE", sampler_ids: ["S001", "S002"], inspector_ids: ["S002"], onsite: true },
    ]);
    expect(brief(findings)).toEqual([violation("MIXED", "2025-03-20", null)]);
    expect(findings[0].sentence).toContain("S002");
  });
});

describe("A22 no repeat sampling within 6 months (article 22)", () => {
  const product = { producer_name: "重庆甲电缆厂", standard: "GB/T 5023.3-2008", brand: "甲", model: "BV 2.5" };
  const national = { sample_id: "NAT", level: "国家", sampling_date: "2024-03-31", report_date: "2024-04-10", ...product };

  it("flags a district sampling on the last day of the six months, not the day after", async () => {
    const findings = await audit("A22", "2024-12-31", [
      national,
      { sample_id: "LAST-DAY", level: "区县级", sampling_date: "2024-09-30", report_date: "2024-10-12", ...product },
      { sample_id: "DAY-AFTER", level: "区县级", sampling_date: "2024-10-01", report_date: "2024-10-12", ...product },
    ]);
    expect(brief(findings)).toEqual([violation("LAST-DAY", "2024-09-30", null)]);
    expect(findings[0].sentence).toContain("NAT");
  });

  it("exempts special checks, follow-up of a failed product, other products and a higher level coming later", async () => {
    const findings = await audit("A22", "2024-12-31", [
      national,
      { sample_id: "SPECIAL", level: "市级", kind: "专项", sampling_date: "2024-05-01", ...product },
      { sample_id: "OTHER-MODEL", level: "市级", sampling_date: "2024-05-01", ...product, model: "BV 4" },
      { sample_id: "SAME-LEVEL", level: "国家", sampling_date: "2024-05-01", ...product },
      { sample_id: "FAILED-CITY", level: "市级", sampling_date: "2024-01-10", conclusion: "不合格", failed_items: ["导体电阻"], ...product, brand: "乙" },
      { sample_id: "FOLLOW-UP", level: "区县级", sampling_date: "2024-02-10", ...product, brand: "乙" },
      { sample_id: "DISTRICT-FIRST", level: "区县级", sampling_date: "2024-01-05", ...product, brand: "丙" },
      { sample_id: "CITY-AFTER", level: "市级", sampling_date: "2024-02-05", ...product, brand: "丙" },
    ]);
    expect(findings).toEqual([]);
  });

  it("flags a city check after a national one", async () => {
    const findings = await audit("A22", "2024-12-31", [national, { sample_id: "CITY", level: "市级", sampling_date: "2024-04-01", ...product }]);
    expect(brief(findings)).toEqual([violation("CITY", "2024-04-01", null)]);
  });
});

describe("A15 channel mix (article 15, informational)", () => {
  const task = (id: string, channels: string[]) =>
    channels.map((channel, i) => ({ sample_id: `${id}-${i}`, task_id: id, channel, platform: channel === "电商" ? "某平台" : null }));

  it("is open until the plan year ends, informational after it, and silent for a full mix", async () => {
    const batches = [...task("MIXED", ["生产", "流通", "电商"]), ...task("NO-ECOM", ["生产", "流通"])];
    const lastDay = await audit("A15", "2025-12-31", batches);
    expect(brief(lastDay)).toEqual([open("NO-ECOM", "2025-12-31", 0)]);
    const after = await audit("A15", "2026-01-01", batches);
    expect(brief(after)).toEqual([violation("NO-ECOM", "2025-12-31", null)]);
    expect(after[0].severity).toBe("informational");
    expect(after[0].task_id).toBe("NO-ECOM");
    expect(after[0].sentence).toContain("电子商务领域 0 批次");
  });

  it("leaves national tasks (planned by SAMR, articles 2 and 5) out", async () => {
    const national = task("GJ", ["生产"]).map((b) => ({ ...b, level: "国家" }));
    expect(await audit("A15", "2026-01-01", national)).toEqual([]);
  });
});

describe("A49 report sent within 3 working days (article 49)", () => {
  // report Fri 2024-09-27 → Sun 09-29 (make-up, 1), Mon 09-30 (2), holiday, Tue 10-08 (3)
  const inspected = (sample_id: string) => ({ sample_id, sampling_date: "2024-09-10", report_date: "2024-09-27" });

  it("accepts the report on the third working day across National Day, flags the day after", async () => {
    const findings = await audit("A49", "2024-10-31", [inspected("ON-TIME"), inspected("LATE")], [
      { sample_id: "ON-TIME", event: "报告报送", date: "2024-10-08" },
      { sample_id: "LATE", event: "报告报送", date: "2024-10-09" },
    ]);
    expect(brief(findings)).toEqual([violation("LATE", "2024-10-08", 1)]);
    expect(findings[0].sentence).toMatch(/2024-09-27.*第四十九条.*2024-10-08.*2024-10-09.*逾期 1 日/);
  });

  it("is open with days left until the due date, then a violation while missing", async () => {
    expect(brief(await audit("A49", "2024-09-30", [inspected("X")]))).toEqual([open("X", "2024-10-08", 8)]);
    expect(brief(await audit("A49", "2024-10-08", [inspected("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    expect(brief(await audit("A49", "2024-10-09", [inspected("X")]))).toEqual([violation("X", "2024-10-08", 1)]);
  });

  it("ignores events after the as-of date and reports not yet inspected batches not at all", async () => {
    const events = [{ sample_id: "X", event: "报告报送", date: "2024-10-20" }];
    expect(brief(await audit("A49", "2024-10-10", [inspected("X")], events))).toEqual([violation("X", "2024-10-08", 2)]);
    expect(await audit("A49", "2024-09-26", [inspected("X")], events)).toEqual([]);
  });
});

describe("A49P producer told when sampled at a seller (article 49)", () => {
  // report 2025-03-20, reached the organiser 03-21; + 15 = Sat 04-05 (清明) → Mon 04-07
  const atSeller = (sample_id: string, channel = "流通") => ({ sample_id, channel, platform: channel === "电商" ? "某平台" : null });
  const sent = (sample_id: string) => ({ sample_id, event: "报告报送", date: "2025-03-21" });

  it("is open on the last allowed day and a violation the day after", async () => {
    expect(brief(await audit("A49P", "2025-04-07", [atSeller("X")], [sent("X")]))).toEqual([open("X", "2025-04-07", 0)]);
    expect(brief(await audit("A49P", "2025-04-08", [atSeller("X")], [sent("X")]))).toEqual([violation("X", "2025-04-07", 1)]);
  });

  it("is satisfied by 告知生产者, and does not apply to production sampling", async () => {
    const findings = await audit("A49P", "2025-06-30",
      [atSeller("TOLD", "电商"), { sample_id: "FACTORY", channel: "生产" }],
      [sent("TOLD"), { sample_id: "TOLD", event: "告知生产者", date: "2025-03-25" }, sent("FACTORY")]);
    expect(findings).toEqual([]);
  });

  it("counts from the A49 due date when the report was never sent", async () => {
    // 3 working days after Thu 03-20: 03-21, 03-24, 03-25; + 15 = Wed 04-09
    expect(brief(await audit("A49P", "2025-04-09", [atSeller("X")]))).toEqual([open("X", "2025-04-09", 0)]);
  });
});

describe("A51 failure notified (article 51)", () => {
  const failed = (sample_id: string) => ({ sample_id, conclusion: "不合格", failed_items: ["绝缘厚度"] });
  const sent = (sample_id: string) => ({ sample_id, event: "报告报送", date: "2025-03-21" });

  it("is open on the last allowed day and a violation the day after", async () => {
    expect(brief(await audit("A51", "2025-04-07", [failed("X")], [sent("X")]))).toEqual([open("X", "2025-04-07", 0)]);
    const late = await audit("A51", "2025-04-08", [failed("X")], [sent("X")]);
    expect(brief(late)).toEqual([violation("X", "2025-04-07", 1)]);
    expect(late[0].sentence).toContain("第五十一条");
  });

  it("accepts a written notice or a public notice, and ignores passing batches", async () => {
    const findings = await audit("A51", "2025-06-30",
      [failed("WRITTEN"), failed("PUBLIC"), { sample_id: "PASSED" }],
      [sent("WRITTEN"), sent("PUBLIC"), sent("PASSED"),
        { sample_id: "WRITTEN", event: "不合格告知", date: "2025-03-24" },
        { sample_id: "PUBLIC", event: "公示送达", date: "2025-03-28" }]);
    expect(findings).toEqual([]);
  });
});

describe("A52 objection window (article 52)", () => {
  // notice 2024-09-20 + 15 = Sat 10-05, inside National Day → 10-08
  const failed = (sample_id: string) => ({ sample_id, sampling_date: "2024-09-01", report_date: "2024-09-12", conclusion: "不合格", failed_items: ["x"] });
  const notice = (sample_id: string): FixtureEvent => ({ sample_id, event: "不合格告知", date: "2024-09-20" });

  it("accepts an objection on the last day of the window, flags an accepted one the day after", async () => {
    const findings = await audit("A52", "2024-10-31", [failed("LAST-DAY"), failed("DAY-AFTER"), failed("REFUSED")], [
      notice("LAST-DAY"), { sample_id: "LAST-DAY", event: "异议申请", date: "2024-10-08", result: "检验结论" },
      { sample_id: "LAST-DAY", event: "复检通知", date: "2024-10-10" },
      notice("DAY-AFTER"), { sample_id: "DAY-AFTER", event: "异议申请", date: "2024-10-09", result: "抽样过程" },
      { sample_id: "DAY-AFTER", event: "异议结论", date: "2024-10-20", result: "维持" },
      notice("REFUSED"), { sample_id: "REFUSED", event: "异议申请", date: "2024-10-09", result: "检验结论" },
      { sample_id: "REFUSED", event: "不予复检", date: "2024-10-11" },
    ]);
    expect(brief(findings)).toEqual([violation("DAY-AFTER", "2024-10-08", 1)]);
    expect(findings[0].sentence).toContain("第五十五条");
  });

  it("shows the running window as open until its last day", async () => {
    expect(brief(await audit("A52", "2024-10-08", [failed("X")], [notice("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    expect(await audit("A52", "2024-10-09", [failed("X")], [notice("X")])).toEqual([]);
  });
});

describe("A54 re-inspection procedure within 7 days (article 54)", () => {
  // 复检通知 2024-09-30 + 7 = 10-07, inside National Day → 10-08
  const batch = (sample_id: string) => ({ sample_id, conclusion: "不合格", failed_items: ["x"] });
  const notice = (sample_id: string): FixtureEvent => ({ sample_id, event: "复检通知", date: "2024-09-30" });

  it("accepts the procedure on the last day and flags the day after", async () => {
    const findings = await audit("A54", "2024-10-31", [batch("ON-TIME"), batch("LATE")], [
      notice("ON-TIME"), { sample_id: "ON-TIME", event: "办理复检手续", date: "2024-10-08" },
      notice("LATE"), { sample_id: "LATE", event: "办理复检手续", date: "2024-10-09" },
    ]);
    expect(brief(findings)).toEqual([violation("LATE", "2024-10-08", 1)]);
  });

  it("is open while the 7 days run; a lapsed right is not a finding", async () => {
    expect(brief(await audit("A54", "2024-10-08", [batch("X")], [notice("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    expect(await audit("A54", "2024-10-09", [batch("X")], [notice("X")])).toEqual([]);
  });
});

describe("A56 re-inspection agency within 10 days, and different (article 56)", () => {
  // 办理复检手续 2024-01-31 + 10 = Sat 02-10, 春节 → Sun 02-18, a make-up working day
  const batch = (sample_id: string) => ({ sample_id, sampling_date: "2024-01-02", report_date: "2024-01-10", conclusion: "不合格", failed_items: ["x"], inspection_agency: "甲检测院" });
  const procedure = (sample_id: string): FixtureEvent => ({ sample_id, event: "办理复检手续", date: "2024-01-31" });
  const fixed = (sample_id: string, date: string, agency = "乙检测院"): FixtureEvent => ({ sample_id, event: "确定复检机构", date, agency });

  it("accepts the agency fixed on the make-up Sunday 02-18 and flags 02-19", async () => {
    const findings = await audit("A56", "2024-03-31", [batch("ON-TIME"), batch("LATE")], [
      procedure("ON-TIME"), fixed("ON-TIME", "2024-02-18"),
      procedure("LATE"), fixed("LATE", "2024-02-19"),
    ]);
    expect(brief(findings)).toEqual([violation("LATE", "2024-02-18", 1)]);
  });

  it("is open until the due date, a violation after it, unless the re-inspection was ended", async () => {
    expect(brief(await audit("A56", "2024-02-18", [batch("X")], [procedure("X")]))).toEqual([open("X", "2024-02-18", 0)]);
    expect(brief(await audit("A56", "2024-02-19", [batch("X")], [procedure("X")]))).toEqual([violation("X", "2024-02-18", 1)]);
    expect(await audit("A56", "2024-03-31", [batch("X")], [procedure("X"), { sample_id: "X", event: "终止复检", date: "2024-02-05" }])).toEqual([]);
  });

  it("flags the first inspection agency chosen again", async () => {
    const findings = await audit("A56", "2024-03-31", [batch("X")], [procedure("X"), fixed("X", "2024-02-05", "甲检测院")]);
    expect(brief(findings)).toEqual([violation("X", "2024-02-05", null)]);
    expect(findings[0].sentence).toContain("甲检测院");
  });
});

describe("A65 rectification within 60 days (article 65)", () => {
  // 责令整改 2024-08-06 + 60 = Sat 10-05 → 10-08
  const batch = (sample_id: string) => ({ sample_id, sampling_date: "2024-07-01", report_date: "2024-07-10", conclusion: "不合格", failed_items: ["x"] });
  const order = (sample_id: string): FixtureEvent => ({ sample_id, event: "责令整改", date: "2024-08-06" });

  it("accepts a report on the last day (either kind) and flags the day after", async () => {
    const findings = await audit("A65", "2024-10-31", [batch("REPORT"), batch("STOPPED"), batch("LATE")], [
      order("REPORT"), { sample_id: "REPORT", event: "整改报告", date: "2024-10-08" },
      order("STOPPED"), { sample_id: "STOPPED", event: "停产停售报告", date: "2024-10-08" },
      order("LATE"), { sample_id: "LATE", event: "整改报告", date: "2024-10-09" },
    ]);
    expect(brief(findings)).toEqual([violation("LATE", "2024-10-08", 1)]);
  });

  it("is open until the due date, then a violation", async () => {
    expect(brief(await audit("A65", "2024-10-08", [batch("X")], [order("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    expect(brief(await audit("A65", "2024-10-09", [batch("X")], [order("X")]))).toEqual([violation("X", "2024-10-08", 1)]);
  });
});

describe("A66 re-check within 75 days (article 66)", () => {
  // 责令整改 2024-07-22 + 75 = Sat 10-05 → 10-08
  const batch = (sample_id: string) => ({ sample_id, sampling_date: "2024-06-01", report_date: "2024-06-20", conclusion: "不合格", failed_items: ["x"] });
  const order = (sample_id: string): FixtureEvent => ({ sample_id, event: "责令整改", date: "2024-07-22" });

  it("accepts a re-check on the last day and flags the day after", async () => {
    const findings = await audit("A66", "2024-10-31", [batch("ON-TIME"), batch("LATE")], [
      order("ON-TIME"), { sample_id: "ON-TIME", event: "复查", date: "2024-10-08", result: "合格" },
      order("LATE"), { sample_id: "LATE", event: "复查", date: "2024-10-09", result: "合格" },
    ]);
    expect(brief(findings)).toEqual([violation("LATE", "2024-10-08", 1)]);
  });

  it("is open until the due date, then a violation", async () => {
    expect(brief(await audit("A66", "2024-09-30", [batch("X")], [order("X")]))).toEqual([open("X", "2024-10-08", 8)]);
    expect(brief(await audit("A66", "2024-10-09", [batch("X")], [order("X")]))).toEqual([violation("X", "2024-10-08", 1)]);
  });
});

describe("A67 announcement after a failed re-check (article 67)", () => {
  // failed 复查 2024-09-20 + 15 = 10-05 → 10-08
  const batch = (sample_id: string) => ({ sample_id, sampling_date: "2024-05-01", report_date: "2024-05-10", conclusion: "不合格", failed_items: ["x"] });
  const failedRecheck = (sample_id: string, result = "不合格"): FixtureEvent => ({ sample_id, event: "复查", date: "2024-09-20", result });

  it("is open on the last allowed day, a violation the day after", async () => {
    expect(brief(await audit("A67", "2024-10-08", [batch("X")], [failedRecheck("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    expect(brief(await audit("A67", "2024-10-09", [batch("X")], [failedRecheck("X")]))).toEqual([violation("X", "2024-10-08", 1)]);
  });

  it("is satisfied by a 社会公告 and does not apply to a passing re-check", async () => {
    const findings = await audit("A67", "2024-12-31", [batch("ANNOUNCED"), batch("PASSED")], [
      failedRecheck("ANNOUNCED"), { sample_id: "ANNOUNCED", event: "社会公告", date: "2024-10-15" },
      failedRecheck("PASSED", "合格"),
    ]);
    expect(findings).toEqual([]);
  });
});

describe("A68 second re-check 60 to 90 days after the announcement (article 68)", () => {
  // 社会公告 2024-07-07: day 60 = 09-05 (window opens), day 90 = Sat 10-05 → 10-08
  const batch = (sample_id: string) => ({ sample_id, sampling_date: "2024-03-01", report_date: "2024-03-12", conclusion: "不合格", failed_items: ["x"] });
  const announced = (sample_id: string): FixtureEvent => ({ sample_id, event: "社会公告", date: "2024-07-07" });
  const second = (sample_id: string, date: string): FixtureEvent => ({ sample_id, event: "再次复查", date, result: "合格" });

  it("accepts both ends of the window and flags the day before and the day after", async () => {
    const findings = await audit("A68", "2024-12-31", [batch("FIRST-DAY"), batch("LAST-DAY"), batch("EARLY"), batch("LATE")], [
      announced("FIRST-DAY"), second("FIRST-DAY", "2024-09-05"),
      announced("LAST-DAY"), second("LAST-DAY", "2024-10-08"),
      announced("EARLY"), second("EARLY", "2024-09-04"),
      announced("LATE"), second("LATE", "2024-10-09"),
    ]);
    expect(brief(findings)).toEqual([violation("EARLY", "2024-10-08", 1), violation("LATE", "2024-10-08", 1)]);
    expect(findings.find((f) => f.sample_id === "EARLY")!.sentence).toContain("提前 1 日");
  });

  it("is open until the window ends, then a violation while missing", async () => {
    expect(brief(await audit("A68", "2024-10-08", [batch("X")], [announced("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    expect(brief(await audit("A68", "2024-10-09", [batch("X")], [announced("X")]))).toEqual([violation("X", "2024-10-08", 1)]);
  });
});

describe("A70 failing producer stops selling (article 70, informational)", () => {
  const product = { producer_name: "重庆乙电器有限公司", product_name: "电热水壶" };
  const failing = { sample_id: "FAILED", sampling_date: "2024-03-01", report_date: "2024-03-12", conclusion: "不合格", failed_items: ["x"], ...product };
  const atMarket = (sample_id: string, sampling_date: string, channel = "流通") =>
    ({ sample_id, sampling_date, report_date: null, conclusion: null, channel, platform: channel === "电商" ? "某平台" : null, ...product });
  const order: FixtureEvent = { sample_id: "FAILED", event: "责令整改", date: "2024-05-10" };

  it("flags the same product on the market after the order and before a passing re-check", async () => {
    const findings = await audit("A70", "2024-12-31",
      [failing, atMarket("ORDER-DAY", "2024-05-10"), atMarket("DAY-AFTER", "2024-05-11", "电商"), atMarket("DAY-BEFORE-PASS", "2024-05-31"),
        atMarket("PASS-DAY", "2024-06-01"), atMarket("FACTORY", "2024-05-20", "生产"), { ...atMarket("OTHER", "2024-05-20"), product_name: "电饭锅" }],
      [order, { sample_id: "FAILED", event: "复查", date: "2024-06-01", result: "合格" }]);
    expect(brief(findings)).toEqual([violation("DAY-AFTER", "2024-05-11", null), violation("DAY-BEFORE-PASS", "2024-05-31", null)]);
    expect(findings.every((f) => f.severity === "informational")).toBe(true);
    expect(findings[0].sentence).toContain("FAILED");
  });
});

describe("A74 out-of-city producer's regulator informed (article 74)", () => {
  // 不合格告知 2024-09-05, objection window ends Fri 09-20 (final); + 15 = 10-05 → 10-08
  const failed = (sample_id: string, producer_region = "市外:四川省") =>
    ({ sample_id, sampling_date: "2024-08-01", report_date: "2024-08-20", conclusion: "不合格", failed_items: ["x"], producer_region });
  const notice = (sample_id: string): FixtureEvent => ({ sample_id, event: "不合格告知", date: "2024-09-05" });

  it("is open on the last allowed day and a violation the day after", async () => {
    expect(brief(await audit("A74", "2024-10-08", [failed("X")], [notice("X")]))).toEqual([open("X", "2024-10-08", 0)]);
    const late = await audit("A74", "2024-10-09", [failed("X")], [notice("X")]);
    expect(brief(late)).toEqual([violation("X", "2024-10-08", 1)]);
    expect(late[0].sentence).toContain("四川省");
  });

  it("needs a final 不合格 of an out-of-city producer with no 通报市外", async () => {
    const findings = await audit("A74", "2024-12-31",
      [failed("INFORMED"), failed("IN-CITY", "500112"), failed("PASSED-RECHECK"), failed("REVOKED"), failed("PENDING")],
      [
        notice("INFORMED"), { sample_id: "INFORMED", event: "通报市外", date: "2024-09-25" },
        notice("IN-CITY"),
        notice("PASSED-RECHECK"), { sample_id: "PASSED-RECHECK", event: "异议申请", date: "2024-09-10", result: "检验结论" },
        { sample_id: "PASSED-RECHECK", event: "复检结论", date: "2024-10-20", result: "合格" },
        notice("REVOKED"), { sample_id: "REVOKED", event: "异议申请", date: "2024-09-10", result: "抽样过程" },
        { sample_id: "REVOKED", event: "异议结论", date: "2024-09-30", result: "撤销" },
        notice("PENDING"), { sample_id: "PENDING", event: "异议申请", date: "2024-09-10", result: "检验结论" },
      ]);
    expect(findings).toEqual([]);
  });

  it("counts from a failed re-inspection's day when there was one", async () => {
    const events: FixtureEvent[] = [notice("X"), { sample_id: "X", event: "异议申请", date: "2024-09-10", result: "检验结论" },
      { sample_id: "X", event: "复检结论", date: "2024-11-01", result: "不合格" }];
    // 2024-11-01 + 15 = Sat 11-16 → Mon 11-18
    expect(brief(await audit("A74", "2024-11-18", [failed("X")], events))).toEqual([open("X", "2024-11-18", 0)]);
  });
});
