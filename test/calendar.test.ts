// The statutory calendar (article 75) against the State Council's published
// arrangements, written out by hand here as the oracle:
//   2024 春节: rest 02-10..02-17, make-up working days Sun 02-04 and Sun 02-18
//   2024 国庆: rest 10-01..10-07, make-up working days Sun 09-29 and Sat 10-12
//   2025 清明: rest 04-04..04-06;  2025 国庆+中秋: rest 10-01..10-08, make-up Sun 09-28, Sat 10-11
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addNaturalDays, addWorkingDays, CalendarCoverageError, coveredYears, daysBetween, HolidayOverrideError,
  isWorkingDay, StatutoryCalendar, statutoryDeadline,
} from "../loaders/calendar/statutory-calendar.ts";

describe("working days", () => {
  it("knows the 2024 Spring Festival holiday and its make-up working days", () => {
    for (const d of ["2024-02-10", "2024-02-12", "2024-02-15", "2024-02-17"]) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay("2024-02-04")).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay("2024-02-18")).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay("2024-02-09")).toBe(true); // Friday before the holiday
    expect(isWorkingDay("2024-02-03")).toBe(false); // ordinary Saturday
  });

  it("knows the 2024 National Day holiday and its make-up working days", () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2024-10-0${d}`)).toBe(false);
    expect(isWorkingDay("2024-09-29")).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay("2024-10-12")).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay("2024-10-08")).toBe(true);
    expect(isWorkingDay("2024-10-13")).toBe(false); // ordinary Sunday
  });

  it("counts the n-th working day after a date, the start not counted (article 49)", () => {
    // Thu 02-08 → Fri 02-09 (1), holiday 02-10..17, Sun 02-18 make-up (2), Mon 02-19 (3)
    expect(addWorkingDays("2024-02-08", 3)).toBe("2024-02-19");
    // Fri 09-27 → Sun 09-29 make-up (1), Mon 09-30 (2), holiday, Tue 10-08 (3)
    expect(addWorkingDays("2024-09-27", 3)).toBe("2024-10-08");
    // an ordinary week: Mon 2024-03-04 → Thu 03-07
    expect(addWorkingDays("2024-03-04", 3)).toBe("2024-03-07");
    // a start on a rest day: the first working day after it
    expect(addWorkingDays("2024-10-03", 1)).toBe("2024-10-08");
    expect(addWorkingDays("2024-10-03", 0)).toBe("2024-10-03");
  });
});

describe("article 75 deadlines", () => {
  it("runs a 15-day window from the day after the start", () => {
    expect(addNaturalDays("2025-03-20", 15)).toBe("2025-04-04");
    expect(statutoryDeadline("2024-03-10", 15)).toBe("2024-03-25"); // a Monday: nothing to move
  });

  it("moves a 15-day window ending inside National Day to the first working day after it", () => {
    expect(addNaturalDays("2024-09-20", 15)).toBe("2024-10-05");
    expect(statutoryDeadline("2024-09-20", 15)).toBe("2024-10-08");
  });

  it("does not move a window ending on a make-up working Saturday", () => {
    expect(statutoryDeadline("2024-09-27", 15)).toBe("2024-10-12");
  });

  it("moves a window ending inside the Spring Festival to the make-up working Sunday after it", () => {
    expect(addNaturalDays("2024-02-01", 15)).toBe("2024-02-16");
    expect(statutoryDeadline("2024-02-01", 15)).toBe("2024-02-18");
  });

  it("moves a window ending on 清明 2025 and on an ordinary weekend", () => {
    expect(statutoryDeadline("2025-03-20", 15)).toBe("2025-04-07");
    expect(statutoryDeadline("2025-03-07", 15)).toBe("2025-03-24"); // Sat 03-22 → Mon 03-24
  });

  it("handles the 2025 National Day + Mid-Autumn holiday (10-01..10-08)", () => {
    expect(statutoryDeadline("2025-09-20", 15)).toBe("2025-10-09");
    expect(isWorkingDay("2025-09-28")).toBe(true);
    expect(isWorkingDay("2025-10-11")).toBe(true);
  });

  it("counts natural days between dates", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2); // leap year
    expect(daysBetween("2024-10-08", "2024-10-05")).toBe(-3);
  });
});

describe("coverage", () => {
  it("covers at least 2019 to 2026 from chinese-days", () => {
    const { first, last } = coveredYears();
    expect(first).toBeLessThanOrEqual(2019);
    expect(last).toBeGreaterThanOrEqual(2026);
  });

  it("refuses dates beyond the covered years instead of guessing ordinary weeks", () => {
    const { first, last } = coveredYears();
    expect(() => isWorkingDay(`${last + 1}-03-01`)).toThrow(CalendarCoverageError);
    expect(() => isWorkingDay(`${first - 1}-12-31`)).toThrow(CalendarCoverageError);
    // a deadline that would end in an uncovered year
    expect(() => statutoryDeadline(`${last}-12-25`, 15)).toThrow(CalendarCoverageError);
    expect(() => addWorkingDays(`${last}-12-31`, 1)).toThrow(CalendarCoverageError);
  });

  it("rejects malformed dates", () => {
    expect(() => isWorkingDay("2024-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay("2024/02/03")).toThrow(RangeError);
  });
});

describe("config/holidays override files", () => {
  const base = StatutoryCalendar.load(mkdtempSync(join(tmpdir(), "holidays-empty-")));
  const next = base.last + 1;
  // a hypothetical arrangement for the first uncovered year: first Monday of February off,
  // the Saturday before it worked
  const firstMonday = (() => {
    for (let d = 1; ; d++) {
      const date = `${next}-02-${String(d).padStart(2, "0")}`;
      if (new Date(date + "T00:00:00Z").getUTCDay() === 1) return date;
    }
  })();
  const saturdayBefore = addNaturalDays(firstMonday, -2);

  function dirWith(files: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), "holidays-"));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
    return dir;
  }

  it("adds next year from a file, without a code change", () => {
    const calendar = StatutoryCalendar.load(dirWith({
      [`${next}.json`]: { year: next, source: "测试通知", holidays: { [`${next}-01-01`]: "元旦", [firstMonday]: "测试假日" }, workdays: { [saturdayBefore]: "测试假日" } },
    }));
    expect(calendar.coveredYears()).toEqual({ first: base.first, last: next });
    expect(calendar.isWorkingDay(firstMonday)).toBe(false);
    expect(calendar.isWorkingDay(saturdayBefore)).toBe(true);
    expect(calendar.statutoryDeadline(addNaturalDays(firstMonday, -15), 15)).toBe(addNaturalDays(firstMonday, 1));
  });

  it("refuses a malformed file, a weekday listed as make-up working day, and a gap in the years", () => {
    expect(() => StatutoryCalendar.load(dirWith({ [`${next}.json`]: { year: next, holidays: {} } }))).toThrow(HolidayOverrideError);
    expect(() => StatutoryCalendar.load(dirWith({
      [`${next}.json`]: { year: next, source: "x", holidays: { [`${next}-01-01`]: "元旦" }, workdays: { [firstMonday]: "x" } },
    }))).toThrow(/不是周六或周日/);
    expect(() => StatutoryCalendar.load(dirWith({
      [`${next + 1}.json`]: { year: next + 1, source: "x", holidays: { [`${next + 1}-01-01`]: "元旦" } },
    }))).toThrow(new RegExp(`缺少 ${next} 年`));
  });
});
