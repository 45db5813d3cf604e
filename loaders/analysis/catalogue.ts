// Draft of next year's key-product catalogue (article 10: 年度重点工业产品质量安全监管目录):
// product categories ranked from the three plan years before the catalogue year. Every
// score is the sum of named parts, each shown and explained (loaders/analysis/README.md).
import type { DuckDBConnection } from "@duckdb/node-api";
import { oneDecimal, percentText, pointsChangeText } from "../core/format.ts";
import { execSqlFile, querySqlFile } from "../db/connection.ts";
import { z } from "zod";
import { appendRows } from "./persist.ts";
import { analyseFlags } from "./flags.ts";
import { empiricalBayesBetaBinomial, type Unit } from "./statistics.ts";

/** why (article 10): "结合本行政区域产品质量状况" — the recent past: three plan years, as the national circulars' three-year trend. */
export const CATALOGUE_WINDOW_YEARS = 3;

/**
 * Policy weights of the score (points). The shrunken rate carries most of it (low past pass
 * rates, article 10); the other parts are capped so that none of them alone outranks a
 * category that really fails often.
 */
export const CATALOGUE_WEIGHTS = {
  /** points per percentage point of shrunken non-conformity rate */
  ratePerPoint: 1,
  /**
   * per percentage point of the category's batches failing with a serious quality problem
   * (article 71), at most seriousCap: a share, so that big categories do not collect points by size
   */
  perSeriousPoint: 5, seriousCap: 10,
  /** per distinct problem flag (article 72) in the window, at most flagCap */
  perFlag: 5, flagCap: 15,
  /** per percentage point a year of rising shrunken rate, at most trendCap; a falling rate adds nothing */
  perTrendPoint: 1, trendCap: 10,
  /** up to this many points for a category backed by few batches: (1 − own weight) × value */
  uncertainty: 5,
} as const;

export interface CatalogueRow {
  catalogue_year: number;
  window_years: string;
  rank: number;
  product_category: string;
  score: number;
  batches: number;
  failed: number;
  raw_rate: number;
  shrunken_rate: number;
  own_weight: number;
  probability_above: number;
  serious_count: number;
  flag_count: number;
  /** percentage points per year, from the shrunken yearly rates (null with fewer than two years) */
  trend: number | null;
  rate_points: number;
  serious_points: number;
  flag_points: number;
  trend_points: number;
  uncertainty_points: number;
  explanation: string;
}

/** The columns of catalogue_draft, in order (also the order of the CSV and JSON output). */
/** A row with its fields in the order of the JSON and CSV output (rank first, the explanation last). */
function inColumnOrder(r: CatalogueRow): CatalogueRow {
  return {
    rank: r.rank, product_category: r.product_category, catalogue_year: r.catalogue_year, window_years: r.window_years,
    score: r.score, batches: r.batches, failed: r.failed, raw_rate: r.raw_rate, shrunken_rate: r.shrunken_rate,
    own_weight: r.own_weight, probability_above: r.probability_above, serious_count: r.serious_count,
    flag_count: r.flag_count, trend: r.trend, rate_points: r.rate_points, serious_points: r.serious_points,
    flag_points: r.flag_points, trend_points: r.trend_points, uncertainty_points: r.uncertainty_points,
    explanation: r.explanation,
  };
}

/** One row of catalogue_inputs.sql. */
const YearCellSchema = z.object({
  product_category: z.string(), plan_year: z.number().int(), inspected: z.number().int(), failed: z.number().int(), serious: z.number().int(),
});

/** Least-squares slope of (year, value) points; null with fewer than two years. */
function slope(points: [number, number][]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

export async function computeCatalogue(conn: DuckDBConnection, opts: { year: number }): Promise<CatalogueRow[]> {
  const years = Array.from({ length: CATALOGUE_WINDOW_YEARS }, (_, i) => opts.year - CATALOGUE_WINDOW_YEARS + i);
  const windowYears = `${years[0]}-${years[years.length - 1]}`;
  const cells = (await querySqlFile(conn, "loaders/analysis/catalogue_inputs.sql", {
    first_year: years[0], last_year: years[years.length - 1],
  }, YearCellSchema));
  if (cells.length === 0) return [];

  // pooled window: one unit per category, shrunken towards the all-category rate
  const categories = [...new Set(cells.map((c) => c.product_category))];
  const pooled = categories.map((category) => {
    const own = cells.filter((c) => c.product_category === category);
    return {
      category,
      x: own.reduce((s, c) => s + c.failed, 0),
      n: own.reduce((s, c) => s + c.inspected, 0),
      serious: own.reduce((s, c) => s + c.serious, 0),
    };
  });
  const fit = empiricalBayesBetaBinomial(pooled);

  // trend: slope of each year's shrunken rate (each year shrunk with its own prior)
  const yearly = new Map<string, [number, number][]>();
  for (const year of years) {
    const units = cells.filter((c) => c.plan_year === year);
    if (units.length === 0) continue;
    const yearFit = empiricalBayesBetaBinomial(units.map((c): Unit => ({ x: c.failed, n: c.inspected })));
    units.forEach((c, i) => yearly.set(c.product_category, [...(yearly.get(c.product_category) ?? []), [year, yearFit.posteriorMean[i]]]));
  }

  // problem flags of the window: each plan year and the pooled window, counted once per (rule, region or item)
  const { flags } = await analyseFlags(conn, { lastYear: years[years.length - 1], pool: true });
  const flagKeys = new Map<string, Set<string>>();
  for (const f of flags) {
    const keys = flagKeys.get(f.product_category) ?? new Set<string>();
    keys.add(`${f.rule}:${f.region_code ?? f.item ?? ""}`);
    flagKeys.set(f.product_category, keys);
  }

  const W = CATALOGUE_WEIGHTS;
  const rows = pooled.map((u, i): Omit<CatalogueRow, "rank" | "explanation"> => {
    const shrunken = fit.posteriorMean[i];
    const trendPerYear = slope(yearly.get(u.category) ?? []);
    const trend = trendPerYear === null ? null : trendPerYear * 100;
    const flagCount = flagKeys.get(u.category)?.size ?? 0;
    const parts = {
      rate_points: W.ratePerPoint * shrunken * 100,
      serious_points: Math.min(W.seriousCap, W.perSeriousPoint * 100 * (u.serious / u.n)),
      flag_points: Math.min(W.flagCap, W.perFlag * flagCount),
      trend_points: trend === null ? 0 : Math.min(W.trendCap, Math.max(0, W.perTrendPoint * trend)),
      uncertainty_points: W.uncertainty * (1 - fit.ownWeight[i]),
    };
    return {
      catalogue_year: opts.year, window_years: windowYears, product_category: u.category,
      score: parts.rate_points + parts.serious_points + parts.flag_points + parts.trend_points + parts.uncertainty_points,
      batches: u.n, failed: u.x, raw_rate: u.x / u.n, shrunken_rate: shrunken, own_weight: fit.ownWeight[i],
      probability_above: fit.probabilityAbove[i], serious_count: u.serious, flag_count: flagCount, trend, ...parts,
    };
  });
  rows.sort((a, b) => b.score - a.score || b.batches - a.batches || a.product_category.localeCompare(b.product_category, "zh"));
  return rows.map((r, i) => inColumnOrder({ ...r, rank: i + 1, explanation: explain(r, years) }));
}

function explain(r: Omit<CatalogueRow, "rank" | "explanation">, years: number[]): string {
  const trendText = r.trend === null
    ? "年度数据不足，无法判断趋势，计0分"
    : `收缩后不合格率每年${pointsChangeText(r.trend)}，计${oneDecimal(r.trend_points)}分`;
  return [
    `${r.product_category}：${years[0]}—${years[years.length - 1]}年抽查${r.batches}批次、不合格${r.failed}批次（${percentText(r.raw_rate)}），` +
      `经验贝叶斯收缩后为${percentText(r.shrunken_rate)}（本类自身数据权重${r.own_weight.toFixed(2)}），计${oneDecimal(r.rate_points)}分`,
    `严重质量问题${r.serious_count}批次（第七十一条），占抽查批次${percentText(r.serious_count / r.batches)}，计${oneDecimal(r.serious_points)}分`,
    `问题标记${r.flag_count}项（第七十二条），计${oneDecimal(r.flag_points)}分`,
    trendText,
    `批次越少估计越不确定，不确定性计${oneDecimal(r.uncertainty_points)}分`,
    `合计${oneDecimal(r.score)}分。`,
  ].join("；");
}

/** Writer (refresh step only): table catalogue_draft for ctx.catalogueYear. */
export async function writeCatalogueTable(conn: DuckDBConnection, ctx: { asOf: string; catalogueYear: number }): Promise<void> {
  const rows = await computeCatalogue(conn, { year: ctx.catalogueYear });
  await execSqlFile(conn, "loaders/analysis/catalogue_draft_table.sql");
  await appendRows(conn, "catalogue_draft", rows);
}
