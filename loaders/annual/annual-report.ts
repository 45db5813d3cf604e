// The annual report of supervision spot checks (issue 14), in the structure of the national
// administration's annual announcement (产品质量国家监督抽查情况的通告, reference
// publication-formats.md): 一、总体情况 (figures, the rate's change against the previous year,
// a five-year trend), 二、区域分布, 三、大中小型企业, 四、生产、流通、电商, 五、产品 (bands,
// the five worst, the main failing items), 六、跟踪抽查 (repeat offenders).
//
// Two scopes, one code path (annual_batches_macro.sql): "published" for the public page
// /public/annual/<year> (only results that passed every publication gate, article 62) and
// "all" for the leadership's version and `spotcheck annual`. The SQL counts; this file only
// slices the rows into sections.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { execSqlFile, querySqlFile } from "../db/sql.ts";
import { readAsOf, tableExists } from "../db/metadata.ts";
import { computeRepeatOffenders, type RepeatOffender } from "../analysis/repeat-offenders.ts";

export type AnnualScope = "published" | "all";

/** The six section headings, as the national announcement numbers them (the PDF check looks for them). */
export const ANNUAL_SECTIONS = {
  overview: "一、总体情况",
  regions: "二、区域分布",
  sizes: "三、大中小型企业",
  channels: "四、生产、流通、电商",
  products: "五、产品",
  repeat: "六、跟踪抽查",
} as const;

/**
 * The leadership's version's address in the briefing audience (written by
 * loaders/site/briefing/annual-briefing-pages.ts, printed by `spotcheck annual --pdf`).
 */
export const annualBriefingPath = (year: number) => `/briefing/annual/${year}`;

/** The bands of 五、产品, in the order the announcement lists them (the boundaries: annual_figures.sql). */
export const RATE_BANDS = [
  { band: "none", label: "未发现不合格" },
  { band: "under_10", label: "不合格发现率低于10%" },
  { band: "10_to_20", label: "不合格发现率10%～20%（含10%和20%）" },
  { band: "over_20", label: "不合格发现率高于20%" },
] as const;
export type RateBand = (typeof RATE_BANDS)[number]["band"];

/** How many categories 五、产品 names as the worst. */
export const WORST_CATEGORIES = 5;
/** The enterprise sizes' trend covers this many years (the national announcement: three). */
export const SIZE_TREND_YEARS = 3;
/** The five-year chart: the year and up to four before. */
export const TREND_YEARS = 5;

const count = z.number().int().nonnegative();
const FigureRowSchema = z.object({
  year: z.number().int(),
  dimension: z.enum(["total", "region", "size", "channel", "category"]),
  value: z.string().nullable(),
  label: z.string().nullable(),
  batches: count,
  failed: count,
  rate: z.number(),
  share: z.number(),
  enterprises: count,
  failed_enterprises: count,
  categories: count,
  regions: count,
  band: z.enum(["none", "under_10", "10_to_20", "over_20"]).nullable(),
});
type FigureRow = z.output<typeof FigureRowSchema>;
const ItemRowSchema = z.object({ product_category: z.string(), item: z.string(), batches: count });
const YearRowSchema = z.object({ year: z.number().int() });
const IdRowSchema = z.object({ sample_id: z.string() });

export interface YearFigures {
  year: number;
  categories: number;
  enterprises: number;
  batches: number;
  failed_batches: number;
  failed_enterprises: number;
  regions: number;
  rate: number;
}

export interface Cell { key: string; label: string; batches: number; share: number; failed: number; rate: number }
export interface SizeCell extends Cell { year: number }
export interface ChannelCell extends Cell { previous_rate: number | null; change_pp: number | null }
export interface CategoryCell extends Cell { enterprises: number; band: RateBand }

/** A repeat offender as the report lists it (the public version carries no USCC and no bureau actions). */
export type AnnualRepeatOffender = Omit<RepeatOffender, "producer_uscc" | "bureau_actions"> & {
  producer_uscc: string | null;
  bureau_actions: string[];
};

export interface AnnualReport {
  year: number;
  scope: AnnualScope;
  /** the day repeat offenders are judged as of: the year's last day, or the data's as-of date if earlier */
  repeat_as_of: string;
  /** 一、总体情况: the year's figures, the previous year's, and the change in percentage points */
  overview: YearFigures;
  previous: YearFigures | null;
  change_pp: number | null;
  /** the five-year chart: the year and up to four before, oldest first, years with data only */
  trend: YearFigures[];
  /** 二、区域分布: per sampled region, most batches first */
  regions: Cell[];
  /** 三、大中小型企业: per enterprise size and year (the year and up to two before) */
  sizes: SizeCell[];
  /** 四、生产、流通、电商 */
  channels: ChannelCell[];
  /** 五、产品: every category, highest rate first; the bands; the five worst; the main failing items */
  categories: CategoryCell[];
  bands: { band: RateBand; label: string; categories: number; names: string[] }[];
  worst: CategoryCell[];
  failing_items: { product_category: string; items: { item: string; batches: number }[] }[];
  /** 六、跟踪抽查: producers that failed again in the same category, the repeat sampled in the year */
  repeat_offenders: AnnualRepeatOffender[];
}

/** Change of a rate in percentage points, one decimal (as the announcements print it). */
export function changeInPoints(rate: number, previous: number): number {
  return Math.round((rate - previous) * 1000) / 10;
}

const SIZE_ORDER = ["大型", "中型", "小型", "微型", "未填报"];
const CHANNEL_ORDER = ["生产", "流通", "电商"];
const orderOf = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

function yearFigures(r: FigureRow): YearFigures {
  return {
    year: r.year, categories: r.categories, enterprises: r.enterprises, batches: r.batches,
    failed_batches: r.failed, failed_enterprises: r.failed_enterprises, regions: r.regions, rate: r.rate,
  };
}

const cell = (r: FigureRow): Cell => ({ key: r.value ?? "", label: r.label ?? r.value ?? "", batches: r.batches, share: r.share, failed: r.failed, rate: r.rate });

/**
 * Defines TEMP view annual_publication and macro annual_batches on the connection. The published
 * scope needs the persisted gate decisions; the "all" scope reads without them.
 */
async function defineAnnualBatches(conn: DuckDBConnection, scope: AnnualScope): Promise<void> {
  const decided = await tableExists(conn, "disclosure_status");
  if (!decided && scope === "published") {
    throw new Error("数据库中没有 disclosure_status 表：请先运行 `npx spotcheck refresh`（或重新导入）以按截止日期计算公开闸门（第六十二条）");
  }
  await execSqlFile(conn, decided ? "loaders/annual/annual_publication.sql" : "loaders/annual/annual_publication_none.sql");
  await execSqlFile(conn, "loaders/annual/annual_batches_macro.sql");
}

/** The sampling years that have an annual report in this scope. */
export async function annualYears(conn: DuckDBConnection, scope: AnnualScope): Promise<number[]> {
  await defineAnnualBatches(conn, scope);
  return (await querySqlFile(conn, "loaders/annual/annual_years.sql", { published_only: scope === "published" }, YearRowSchema)).map((r) => r.year);
}

/**
 * The whole report of one sampling year, or null when the scope has no batch of that year.
 * `asOf` (default: the database's as-of date) bounds the repeat offenders, with the year's end.
 */
export async function buildAnnualReport(
  conn: DuckDBConnection,
  year: number,
  { scope, asOf }: { scope: AnnualScope; asOf?: string | null },
): Promise<AnnualReport | null> {
  await defineAnnualBatches(conn, scope);
  const published_only = scope === "published";
  const rows = await querySqlFile(conn, "loaders/annual/annual_figures.sql", { published_only, year }, FigureRowSchema);
  const total = rows.find((r) => r.dimension === "total" && r.year === year);
  if (!total) return null;
  const of = (dimension: FigureRow["dimension"], y = year) => rows.filter((r) => r.dimension === dimension && r.year === y);

  const previousRow = rows.find((r) => r.dimension === "total" && r.year === year - 1);
  const trend = rows.filter((r) => r.dimension === "total").map(yearFigures);

  const regions = of("region").map(cell).sort((a, b) => b.batches - a.batches || (a.key < b.key ? -1 : 1));
  const sizes = rows
    .filter((r) => r.dimension === "size" && r.year > year - SIZE_TREND_YEARS)
    .map((r): SizeCell => ({ ...cell(r), year: r.year }))
    .sort((a, b) => a.year - b.year || orderOf(SIZE_ORDER, a.key) - orderOf(SIZE_ORDER, b.key));
  const previousChannels = new Map(of("channel", year - 1).map((r) => [r.value, r.rate]));
  const channels = of("channel")
    .map((r): ChannelCell => {
      const previous = previousChannels.get(r.value) ?? null;
      return { ...cell(r), previous_rate: previous, change_pp: previous === null ? null : changeInPoints(r.rate, previous) };
    })
    .sort((a, b) => orderOf(CHANNEL_ORDER, a.key) - orderOf(CHANNEL_ORDER, b.key));
  // rows come highest rate first (annual_figures.sql ORDER BY rate DESC, failed DESC, batches DESC)
  const categories = of("category").map((r): CategoryCell => ({ ...cell(r), enterprises: r.enterprises, band: r.band! }));
  const bands = RATE_BANDS.map(({ band, label }) => {
    const names = categories.filter((c) => c.band === band).map((c) => c.key).sort();
    return { band, label, categories: names.length, names };
  });
  // the five worst: the highest rates among categories with a failure (a category with none is not "worst")
  const worst = categories.filter((c) => c.failed > 0).slice(0, WORST_CATEGORIES);

  const itemRows = await querySqlFile(conn, "loaders/annual/annual_failed_items.sql", { published_only, year }, ItemRowSchema);
  const failing_items = [...new Set(itemRows.map((r) => r.product_category))].map((product_category) => ({
    product_category,
    items: itemRows.filter((r) => r.product_category === product_category).map(({ item, batches }) => ({ item, batches })),
  }));

  const yearEnd = `${year}-12-31`;
  const dataAsOf = asOf === undefined ? await readAsOf(conn) : asOf;
  const repeat_as_of = dataAsOf && dataAsOf < yearEnd ? dataAsOf : yearEnd;
  const repeat_offenders = await annualRepeatOffenders(conn, year, repeat_as_of, scope);

  return {
    year, scope, repeat_as_of,
    overview: yearFigures(total),
    previous: previousRow ? yearFigures(previousRow) : null,
    change_pp: previousRow ? changeInPoints(total.rate, previousRow.rate) : null,
    trend, regions, sizes, channels, categories, bands, worst, failing_items, repeat_offenders,
  };
}

/** The ids of the published 不合格 batches (every gate passed, article 62). */
async function publishedFailureIds(conn: DuckDBConnection): Promise<Set<string>> {
  return new Set((await querySqlFile(conn, "loaders/annual/annual_published_failures.sql", {}, IdRowSchema)).map((r) => r.sample_id));
}

/** Only what may be public of a repeat offender: no USCC, no internal steps (whitelist, P4). */
const publicOffender = (r: RepeatOffender): AnnualRepeatOffender => ({ ...r, producer_id: r.producer_name, producer_uscc: null, bureau_actions: [] });

/**
 * The repeat offenders (computeRepeatOffenders, as of `asOf`) whose both failures are published
 * — the public lists (附件2 跟踪抽查仍不合格企业名单 of the announcements and the annual page) —
 * without what is not public.
 */
export async function publishedRepeatOffenders(conn: DuckDBConnection, asOf: string): Promise<AnnualRepeatOffender[]> {
  const published = await publishedFailureIds(conn);
  return (await computeRepeatOffenders(conn, { asOf }))
    .filter((r) => published.has(r.first_sample_id) && published.has(r.repeat_sample_id))
    .map(publicOffender);
}

/**
 * 六、跟踪抽查: the repeat offenders as of `asOf` whose repeat batch was sampled in `year`;
 * in the published scope only those whose both failures are published.
 */
async function annualRepeatOffenders(conn: DuckDBConnection, year: number, asOf: string, scope: AnnualScope): Promise<AnnualRepeatOffender[]> {
  const list = scope === "all" ? await computeRepeatOffenders(conn, { asOf }) : await publishedRepeatOffenders(conn, asOf);
  return list.filter((r) => r.repeat_sampling_date.startsWith(`${year}-`));
}
