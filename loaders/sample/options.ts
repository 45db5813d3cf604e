// The options of `spotcheck generate` (and of generateSample), their defaults, and
// the checks that turn options the generator cannot honour into clear errors before
// anything is written. The CLI reports a RangeError or CalendarCoverageError thrown
// here as a usage error.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CalendarCoverageError, coveredYears } from "../calendar/statutory-calendar.ts";
import type { OutputEncoding } from "./csv-sink.ts";
import { dayOf, isoOf, yearOf } from "./days.ts";
import { hashText } from "./random.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface GenerateOptions {
  /** First and last sampling year (default 2023–2025). */
  years?: [number, number];
  /** Number of sampled batches (default 20,000). */
  batches?: number;
  seed?: number | string;
  /** Output folder (default data/sample). */
  out?: string;
  /** No event after it and no sampling after it (default: asOf of spotcheck.config.json). */
  asOf?: string;
  /** The null data set: every batch fails with this probability; no patterns, no lapses. */
  uniformRate?: number | null;
  /** Plant bad rows (default true). */
  badRows?: boolean;
  /** Encoding of batches.csv (events.csv is always UTF-8 with a BOM). */
  encoding?: OutputEncoding;
}

export const DEFAULTS = { years: [2023, 2025] as [number, number], batches: 20_000, seed: 20251231, out: "data/sample" };

export function defaultAsOf(): string {
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, "spotcheck.config.json"), "utf8")) as { asOf: string };
  return config.asOf;
}

/** The options with their defaults filled in and checked. */
export interface Settings {
  years: [number, number];
  batches: number;
  /** The seed as the 32-bit number the generators start from. */
  seed: number;
  /** The seed as given (a number or a text), for planted.json. */
  seedText: string;
  outDir: string;
  asOfText: string;
  /** The as-of date as a day number (days.ts). */
  asOf: number;
  uniformRate: number | null;
  withBadRows: boolean;
  encoding: OutputEncoding;
}

/** Fills in the defaults; throws RangeError / CalendarCoverageError for options the generator cannot honour. */
export function resolveOptions(options: GenerateOptions): Settings {
  const seed = options.seed ?? DEFAULTS.seed;
  const asOfText = options.asOf ?? defaultAsOf();
  const settings: Settings = {
    years: options.years ?? DEFAULTS.years,
    batches: options.batches ?? DEFAULTS.batches,
    // An integer seed is used as it is, so `--seed 7` means 7; any other seed is hashed.
    seed: typeof seed === "number" && Number.isInteger(seed) ? seed >>> 0 : hashText(String(seed)),
    seedText: String(seed),
    outDir: resolve(options.out ?? join(PROJECT_ROOT, DEFAULTS.out)),
    asOfText,
    asOf: dayOf(asOfText),
    uniformRate: options.uniformRate ?? null,
    withBadRows: options.badRows ?? true,
    encoding: options.encoding ?? "utf8",
  };
  checkSettings(settings);
  return settings;
}

function checkSettings(settings: Settings): void {
  const { asOf, asOfText, batches, uniformRate } = settings;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOfText) || isoOf(asOf) !== asOfText) {
    throw new RangeError(`截止日期须为有效的 YYYY-MM-DD，收到 "${asOfText}"`);
  }
  const [first, last] = settings.years;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) throw new RangeError(`年份范围无效：${first}-${last}`);
  if (!Number.isInteger(batches) || batches < 1) throw new RangeError(`批次数须为正整数，收到 ${batches}`);
  if (uniformRate !== null && !(uniformRate >= 0 && uniformRate <= 1)) {
    throw new RangeError(`--uniform-rate 须在 0 到 1 之间，收到 ${uniformRate}`);
  }
  // Every deadline is counted in working days or moved off rest days (article 75): the
  // calendar must know each year from the first sampling to the as-of date.
  const covered = coveredYears();
  if (first < covered.first || yearOf(asOf) > covered.last) {
    throw new CalendarCoverageError(
      `示例数据需要 ${first} 年至截止日期 ${asOfText} 的法定节假日数据，法定日历只覆盖 ${covered.first}–${covered.last} 年（第七十五条）`,
    );
  }
  if (dayOf(`${first}-01-01`) > asOf) throw new RangeError(`截止日期 ${asOfText} 早于抽样年份 ${first} 年`);
}
