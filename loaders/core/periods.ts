// Plan years, sampling quarters and calendar dates as the platform writes them:
// quarters '2025Q3' (batch_results.quarter), dates 'YYYY-MM-DD' (the database's VARCHAR dates).
import { UsageError } from "./errors.ts";

/** A sampling quarter as batch_results writes it. */
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/** A plan year, or a sampling quarter of a year (quarter 1–4). */
export interface Period { year: number; quarter?: number }

/** A quarter of a year. */
export interface Quarter { year: number; quarter: number }

export function isQuarter(text: string): boolean {
  return QUARTER_PATTERN.test(text);
}

/** '2025Q3' → { year: 2025, quarter: 3 }; a UsageError naming `what` (an option, or 季度) for anything else. */
export function parseQuarter(text: string, what = "季度"): Quarter {
  const match = QUARTER_PATTERN.exec(text);
  if (!match) throw new UsageError(`${what}需要 2025Q3 这样的格式，收到 "${text}"`);
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

/** { year: 2025, quarter: 3 } → '2025Q3'; null for a whole year. */
export function quarterKey(period: Period): string | null {
  return period.quarter ? `${period.year}Q${period.quarter}` : null;
}

/** The quarter before (2025Q1 → 2024Q4), or for a year the year before. */
export function previousPeriod(period: Period): Period {
  if (!period.quarter) return { year: period.year - 1 };
  return period.quarter === 1 ? { year: period.year - 1, quarter: 4 } : { year: period.year, quarter: period.quarter - 1 };
}

/** '2025Q1' → '2024Q4' */
export function previousQuarter(quarter: string): string {
  return quarterKey(previousPeriod(parseQuarter(quarter)))!;
}

const QUARTER_NAMES = ["", "第一季度", "第二季度", "第三季度", "第四季度"];

/** '2025年', or '2025年第三季度' — the form national circulars use (headline, briefing, workbench). */
export function periodLabel(period: Period): string {
  return period.quarter ? `${period.year}年${QUARTER_NAMES[period.quarter]}` : `${period.year}年`;
}

/**
 * '2025Q3' → '2025年第3季度', the form of the public result announcements (anything that
 * is not a quarter comes back as it is).
 */
export function quarterLabelWithDigit(quarter: string): string {
  const match = QUARTER_PATTERN.exec(quarter);
  return match ? `${match[1]}年第${match[2]}季度` : quarter;
}

/** The first and the last day of a quarter, 'YYYY-MM-DD'. */
export function quarterDates({ year, quarter }: Quarter): { start: string; end: string } {
  return {
    start: isoDay(year, 3 * (quarter - 1), 1),
    end: isoDay(year, 3 * quarter, 0), // day 0 of the next month is the quarter's last day
  };
}

/** A day as 'YYYY-MM-DD' from year, month index (0 = January, may overflow) and day of month (UTC: no time zone shifts it). */
export function isoDay(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** The written form of a date: YYYY-MM-DD (isIsoDate also checks that the day exists). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is 'YYYY-MM-DD' and a real calendar day (2025-02-30 is not). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE_PATTERN.test(text)) return false;
  const ms = Date.parse(text + "T00:00:00Z");
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}
