// The statutory calendar of mainland China, for the day counting of article 75:
// natural days, working days, statutory holidays and the official make-up working
// days (调休上班) announced each year by the State Council.
//
// Source of truth: the bundled data of the `chinese-days` package (2004 onwards, no
// network), plus the bureau's override files in config/holidays/<year>.json, which
// add a year the package does not know yet (or correct one) without a code change —
// see loaders/calendar/README.md for the file format.
//
// `chinese-days` answers any date, silently treating a year beyond its data as
// ordinary Monday-to-Friday weeks. A deadline computed that way could be wrong by a
// whole holiday week, so this module refuses every date outside the covered years
// with a CalendarCoverageError.
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ISO_DATE_PATTERN, isIsoDate } from "../core/periods.ts";

export class CalendarCoverageError extends Error {}

/** A malformed file in config/holidays/: fails loudly, never guessed around. */
export class HolidayOverrideError extends Error {}

export const HOLIDAY_OVERRIDE_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "config", "holidays");

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → days since 1970-01-01 (UTC, so no time zone can shift a day). */
function dayNumber(date: string): number {
  if (typeof date !== "string" || !ISO_DATE_PATTERN.test(date)) throw new RangeError(`日期须为 YYYY-MM-DD 格式，收到 "${date}"`);
  if (!isIsoDate(date)) throw new RangeError(`不存在的日期 "${date}"`);
  return Date.parse(date + "T00:00:00Z") / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: number): number {
  return new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday, 6 = Saturday
}

/** One year's official arrangement: rest days of the statutory holidays, and make-up working days. */
interface YearArrangement {
  year: number;
  source: string;
  holidays: Map<string, string>; // date → holiday name (includes weekend days inside a holiday block)
  workdays: Map<string, string>; // date → holiday whose 调休 makes this weekend day a working day
}

const overrideFileSchema = z.object({
  year: z.number().int().min(1990).max(2200),
  source: z.string().min(1),
  holidays: z.record(z.string().regex(ISO_DATE_PATTERN), z.string().min(1)),
  workdays: z.record(z.string().regex(ISO_DATE_PATTERN), z.string().min(1)).default({}),
}).strict();

/** Reads chinese-days' bundled JSON: { holidays, workdays } keyed by date, value "English,中文,n". */
function packageArrangements(): Map<number, YearArrangement> {
  const data = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const years = new Map<number, YearArrangement>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { year, source: "chinese-days", holidays: new Map(), workdays: new Map() }));
    return entry;
  };
  const chineseName = (value: string) => value.split(",")[1] ?? value;
  for (const [date, value] of Object.entries(data.holidays)) yearOf(date).holidays.set(date, chineseName(value));
  for (const [date, value] of Object.entries(data.workdays)) yearOf(date).workdays.set(date, chineseName(value));
  return years;
}

function readOverride(path: string): YearArrangement {
  const name = path.split(/[\\/]/).pop()!;
  let parsed: z.infer<typeof overrideFileSchema>;
  try {
    parsed = overrideFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new HolidayOverrideError(`节假日配置文件 ${path} 格式不正确：${(error as Error).message}`);
  }
  const problems: string[] = [];
  if (name !== `${parsed.year}.json`) problems.push(`文件名应为 ${parsed.year}.json`);
  if (Object.keys(parsed.holidays).length === 0) problems.push("holidays 为空（国务院通知总有放假日期）");
  for (const [list, dates] of [["holidays", parsed.holidays], ["workdays", parsed.workdays]] as const) {
    for (const date of Object.keys(dates)) {
      try {
        dayNumber(date);
      } catch {
        problems.push(`${list} 中的 ${date} 不是有效日期`);
        continue;
      }
      if (Number(date.slice(0, 4)) !== parsed.year) problems.push(`${list} 中的 ${date} 不在 ${parsed.year} 年`);
    }
  }
  for (const date of Object.keys(parsed.workdays)) {
    if (date in parsed.holidays) problems.push(`${date} 同时列为放假日和调休上班日`);
    else if (ISO_DATE_PATTERN.test(date) && ![0, 6].includes(weekday(dayNumber(date)))) {
      problems.push(`调休上班日 ${date} 不是周六或周日（周一至周五本来就上班）`);
    }
  }
  if (problems.length) throw new HolidayOverrideError(`节假日配置文件 ${path} 有误：${problems.join("；")}`);
  return {
    year: parsed.year,
    source: parsed.source,
    holidays: new Map(Object.entries(parsed.holidays)),
    workdays: new Map(Object.entries(parsed.workdays)),
  };
}

/**
 * The calendar over a contiguous run of covered years. Working-day flags are
 * precomputed once (about 8,000 days), so every question is an array lookup.
 */
export class StatutoryCalendar {
  readonly first: number;
  readonly last: number;
  readonly sources: ReadonlyMap<number, string>;
  private readonly firstDay: number;
  private readonly working: Uint8Array; // 1 = working day, indexed by day - firstDay

  constructor(arrangements: Map<number, YearArrangement>) {
    const years = [...arrangements.keys()].sort((a, b) => a - b);
    if (years.length === 0) throw new CalendarCoverageError("没有任何年份的节假日数据");
    this.first = years[0];
    this.last = years[years.length - 1];
    for (let year = this.first; year <= this.last; year++) {
      if (!arrangements.has(year)) {
        throw new HolidayOverrideError(
          `节假日数据在 ${this.first}–${this.last} 年之间缺少 ${year} 年：请在 config/holidays/${year}.json 补充国务院办公厅当年的放假安排`,
        );
      }
    }
    this.sources = new Map(years.map((y) => [y, arrangements.get(y)!.source]));
    this.firstDay = dayNumber(`${this.first}-01-01`);
    const end = dayNumber(`${this.last}-12-31`);
    this.working = new Uint8Array(end - this.firstDay + 1);
    for (let day = this.firstDay; day <= end; day++) {
      const date = isoDate(day);
      const year = arrangements.get(Number(date.slice(0, 4)))!;
      // Make-up working days count as working days; statutory holidays do not;
      // otherwise Monday to Friday work and weekends rest (data-contract.md, "Days").
      const works = year.workdays.has(date) ? true : year.holidays.has(date) ? false : ![0, 6].includes(weekday(day));
      this.working[day - this.firstDay] = works ? 1 : 0;
    }
  }

  /** Loads chinese-days' data and the override files of `overrideDir` (an override replaces that whole year). */
  static load(overrideDir: string = HOLIDAY_OVERRIDE_DIR): StatutoryCalendar {
    const arrangements = packageArrangements();
    if (existsSync(overrideDir)) {
      for (const file of readdirSync(overrideDir).filter((f) => /^\d{4}\.json$/.test(f)).sort()) {
        const override = readOverride(join(overrideDir, file));
        arrangements.set(override.year, override);
      }
    }
    return new StatutoryCalendar(arrangements);
  }

  coveredYears(): { first: number; last: number } {
    return { first: this.first, last: this.last };
  }

  private checkCovered(day: number, what: string): void {
    if (day < this.firstDay || day - this.firstDay >= this.working.length) {
      throw new CalendarCoverageError(
        `${what} ${isoDate(day)} 超出法定节假日数据的覆盖范围（${this.first}–${this.last} 年），无法按第七十五条判断工作日；` +
          `国务院公布新一年放假安排后，请在 config/holidays/ 下添加该年的 JSON 文件（格式见 loaders/calendar/README.md）`,
      );
    }
  }

  isWorkingDay(date: string): boolean {
    const day = dayNumber(date);
    this.checkCovered(day, "日期");
    return this.working[day - this.firstDay] === 1;
  }

  /** The n-th working day after `date`, the start day not counted (article 49: "3个工作日内"). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数须为非负整数，收到 ${n}`);
    let day = dayNumber(date);
    this.checkCovered(day, "起算日");
    for (let counted = 0; counted < n; ) {
      day += 1;
      this.checkCovered(day, "期间内的日期");
      if (this.working[day - this.firstDay] === 1) counted += 1;
    }
    return isoDate(day);
  }

  /**
   * Article 75 (read with Civil Code arts. 201, 203, as data-contract.md does): a period of
   * `days` natural days starting on `start` — the start day not counted — ends on
   * start + days; when that day is not a working day (a statutory holiday, or a weekend
   * that is not a make-up working day) the period ends on the next working day.
   */
  statutoryDeadline(start: string, days: number): string {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`期间天数须为非负整数，收到 ${days}`);
    let day = dayNumber(start) + days;
    this.checkCovered(day, "期间届满日");
    while (this.working[day - this.firstDay] !== 1) {
      day += 1;
      this.checkCovered(day, "顺延后的期间届满日");
    }
    return isoDate(day);
  }

  /** Every covered day as one '0'/'1' character (1 = working day), from `${first}-01-01`. */
  workingDayFlags(): { firstDate: string; flags: string } {
    return { firstDate: `${this.first}-01-01`, flags: Array.from(this.working, (w) => (w ? "1" : "0")).join("") };
  }
}

let defaultCalendar: StatutoryCalendar | undefined;

/** The calendar of chinese-days plus config/holidays/, loaded once. */
export function statutoryCalendar(): StatutoryCalendar {
  return (defaultCalendar ??= StatutoryCalendar.load());
}

/** Years with official data (chinese-days + config/holidays overrides). */
export function coveredYears(): { first: number; last: number } {
  return statutoryCalendar().coveredYears();
}

/** Throws CalendarCoverageError outside the covered years. */
export function isWorkingDay(date: string): boolean {
  return statutoryCalendar().isWorkingDay(date);
}

/** Natural days (article 75: "日"为自然日); no calendar data needed. */
export function addNaturalDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`天数须为整数，收到 ${days}`);
  return isoDate(dayNumber(date) + days);
}

/** The n-th working day after date, the start not counted (article 49). */
export function addWorkingDays(date: string, n: number): string {
  return statutoryCalendar().addWorkingDays(date, n);
}

/** Article 75: start + days natural days, rolled forward to the next working day when that day is not one. */
export function statutoryDeadline(start: string, days: number): string {
  return statutoryCalendar().statutoryDeadline(start, days);
}

/** Natural days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
