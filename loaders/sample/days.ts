// Day arithmetic for the generator: dates as integer day numbers (days since
// 1970-01-01), with the statutory calendar of loaders/calendar (article 75) behind
// every working-day question. Its answers are memoised in flat arrays: a 1M-batch
// sample asks the same few hundred thousand (day, n) questions millions of times.
import {
  addWorkingDays, CalendarCoverageError, isWorkingDay, statutoryDeadline,
} from "../calendar/statutory-calendar.ts";

const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Date.parse(iso + "T00:00:00Z") / DAY_MS;
}

const ISO_BASE = dayOf("2000-01-01");
const isoCache: string[] = [];

export function isoOf(day: number): string {
  const index = day - ISO_BASE;
  if (index >= 0 && index < 20_000) return (isoCache[index] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}

/** Memo slots per day: period lengths 0…127 days. */
const SPAN = 128;
/** Days memoised from the first day asked about (about 11 years, 5.8 MB per table). */
const WINDOW = 4000;

export class DayCalendar {
  private readonly working = new Int8Array(WINDOW); // 0 unknown, 1 working, 2 rest
  private readonly workingAfter = new Int32Array(WINDOW * SPAN); // 0 unknown, else day + 1
  private readonly deadlines = new Int32Array(WINDOW * SPAN);
  private first = Number.NaN;

  /** Whether `day` is a working day; throws CalendarCoverageError outside the calendar's years. */
  isWorking(day: number): boolean {
    const i = this.slot(day);
    if (i < 0) return isWorkingDay(isoOf(day));
    if (this.working[i] === 0) this.working[i] = isWorkingDay(isoOf(day)) ? 1 : 2;
    return this.working[i] === 1;
  }

  /** The n-th working day after `day` (article 49: 3 个工作日). */
  addWorkingDays(day: number, n: number): number {
    const k = this.key(day, n);
    if (k >= 0 && this.workingAfter[k] !== 0) return this.workingAfter[k] - 1;
    let result: number;
    try {
      result = dayOf(addWorkingDays(isoOf(day), n));
    } catch (error) {
      result = beyondCoverage(error, day + Math.ceil((n * 7) / 5));
    }
    if (k >= 0) this.workingAfter[k] = result + 1;
    return result;
  }

  /** Article 75: day + n natural days, moved to the next working day when that is not one. */
  deadline(day: number, n: number): number {
    const k = this.key(day, n);
    if (k >= 0 && this.deadlines[k] !== 0) return this.deadlines[k] - 1;
    let result: number;
    try {
      result = dayOf(statutoryDeadline(isoOf(day), n));
    } catch (error) {
      result = beyondCoverage(error, day + n);
    }
    if (k >= 0) this.deadlines[k] = result + 1;
    return result;
  }

  private slot(day: number): number {
    if (Number.isNaN(this.first)) this.first = day - 31;
    const i = day - this.first;
    return i >= 0 && i < WINDOW ? i : -1;
  }

  /** Index of (day, n) in a memo table, or -1 outside the window. */
  private key(day: number, n: number): number {
    const i = this.slot(day);
    return i < 0 || n < 0 || n >= SPAN ? -1 : i * SPAN + n;
  }
}

/**
 * Past the last year the calendar knows, a date can only be after the as-of date
 * (the generator checks the as-of date is covered), and such events are never
 * written; an approximate day keeps the lifecycle going.
 */
function beyondCoverage(error: unknown, approximate: number): number {
  if (error instanceof CalendarCoverageError) return approximate;
  throw error;
}
