// Problem flags (article 72: 区域性、行业性质量问题): which differences are real.
// SQL counts the cells (flag_cells.sql); this module runs the statistics on the
// aggregated cells (a few thousand at most). Method and reasons: loaders/analysis/README.md.
import type { DuckDBConnection } from "@duckdb/node-api";
import { percentText } from "../core/format.ts";
import { execSqlFile, querySqlFile } from "../db/connection.ts";
import { z } from "zod";
import { appendRows } from "./persist.ts";
import {
  Z_95, Z_998, benjaminiHochberg, binomialUpperTail, exactBinomialLimit, fisherUpperTail,
  normalFunnelLimits, normalUpperTail, overdispersion, type Unit,
} from "./statistics.ts";

/** why (article 72): a "region" or "category" is a pattern across batches; below 10 batches one producer's lot can make it, and the normal funnel is poor (nθ0 < 1 at θ0 ≈ 0.1). */
export const MIN_BATCHES = 10;
/** why (article 72): an item hot spot needs at least this many failing batches in the year and in its baseline. */
export const MIN_FAILING_FOR_ITEMS = 10;
/** why (article 72): at most 5% of a rule's flags in a run are expected to be false (Benjamini–Hochberg, one family per rule). */
export const FDR_LEVEL = 0.05;
/** why (article 72): an industry-wide problem spreads over several regions and producers (rules.md). */
export const INDUSTRY_MIN_REGIONS = 3;
export const INDUSTRY_MIN_PRODUCERS = 3;
export const POOLED_PERIOD = "all";
export const ARTICLE = 72;

export type FlagRule = "regional" | "industry" | "item";

export interface Flag {
  rule: FlagRule;
  /** plan year ('2025') or 'all' (pooled three latest plan years) */
  period: string;
  product_category: string;
  region_code: string | null;
  region_name: string | null;
  item: string | null;
  /** regional/industry: inspected batches; item: the category's failing batches in the year */
  inspected: number;
  /** regional/industry: failing batches; item: failing batches that list the item */
  failed: number;
  rate: number;
  expected: number;
  limit: number;
  p: number;
  q: number;
  article: number;
  sentence: string;
}

export interface FunnelPoint {
  period: string; product_category: string; region_code: string; region_name: string | null;
  inspected: number; failed: number; rate: number; expected: number;
  lower_998: number; upper_998: number; upper_95: number; phi: number; tau2: number;
  z: number; p: number; q: number | null; flagged: boolean;
}

export interface FunnelTarget {
  period: string; product_category: string; expected: number; phi: number; tau2: number;
  chi_square_p: number; cells: number; inspected: number; failed: number; min_batches: number;
}

export interface FlagAnalysis { flags: Flag[]; points: FunnelPoint[]; targets: FunnelTarget[]; pooledYears: number[] }

const qText = (q: number) => (q < 0.0001 ? "q<0.0001" : `q=${q.toPrecision(2)}`);

/** "2025年"; pooled: "2023—2025年合计", or "2023、2025年合计" when the window has a gap. */
function periodText(period: string, pooledYears: number[]): string {
  if (period !== POOLED_PERIOD) return `${period}年`;
  const first = pooledYears[0];
  const last = pooledYears[pooledYears.length - 1];
  return `${last - first === pooledYears.length - 1 ? `${first}—${last}` : pooledYears.join("、")}年合计`;
}

/** A funnel tested against its target: z^RE, p and the τ-adjusted limits of each unit. */
interface Tested<T> { unit: T; z: number; p: number; limits: { lower_998: number; upper_998: number; upper_95: number } }

/**
 * Tests units (n ≥ MIN_BATCHES for the estimates) against θ0 with the additive τ² adjustment
 * (Spiegelhalter 2005). p = max(exact binomial P(X ≥ x | n, θ0), 1 − Φ(z^RE)): the exact tail
 * guards small cells, the z^RE tail guards a noisy (overdispersed) funnel; both must agree.
 */
function testFunnel<T extends Unit>(units: T[], theta0: number) {
  const eligible = units.filter((u) => u.n >= MIN_BATCHES);
  const od = overdispersion(eligible, theta0);
  const tau2 = od.tau2;
  const tested: Tested<T>[] = units.map((unit) => {
    const variance = (theta0 * (1 - theta0)) / unit.n + tau2;
    const z = variance > 0 ? (unit.x / unit.n - theta0) / Math.sqrt(variance) : NaN;
    const p = variance > 0 ? Math.max(binomialUpperTail(unit.x, unit.n, theta0), normalUpperTail(z)) : 1;
    const l998 = normalFunnelLimits(unit.n, theta0, Z_998, tau2);
    return { unit, z, p, limits: { lower_998: l998.lower, upper_998: l998.upper, upper_95: normalFunnelLimits(unit.n, theta0, Z_95, tau2).upper } };
  });
  return { od, tau2, eligible: eligible.length, tested };
}

/** BH within one family; returns q per tested unit (null when the unit is not in the family). */
function familyQ<T>(members: T[], inFamily: (m: T) => boolean, pOf: (m: T) => number): Map<T, number> {
  const family = members.filter(inFamily);
  const q = benjaminiHochberg(family.map(pOf));
  return new Map(family.map((m, i) => [m, q[i]]));
}

/** One row of flag_cells.sql (its header says what each kind of cell holds). */
const count = z.number().int();
/**
 * One row of flag_cells.sql. failing_regions / failing_producers are counted for category
 * cells only, baseline_inspected / baseline_failed for item cells only: NULL elsewhere.
 */
const CellRowSchema = z.object({
  kind: z.enum(["region", "category", "item"]),
  period: z.string(), product_category: z.string(), region_code: z.string().nullable(), region_name: z.string().nullable(), item: z.string().nullable(),
  inspected: count, failed: count, failing_regions: count.nullable(), failing_producers: count.nullable(),
  baseline_inspected: count.nullable(), baseline_failed: count.nullable(), first_year: count, last_year: count,
});

export type CellRow = z.output<typeof CellRowSchema>;
type Cell = CellRow & Unit;

function regionalAnalysis(cells: Cell[], pooledYears: number[]) {
  const funnels = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = `${cell.period}\u0000${cell.product_category}`;
    const funnel = funnels.get(key);
    if (funnel) funnel.push(cell);
    else funnels.set(key, [cell]);
  }
  const points: FunnelPoint[] = [];
  const targets: FunnelTarget[] = [];
  for (const funnel of funnels.values()) {
    const inspected = funnel.reduce((s, c) => s + c.n, 0);
    const failed = funnel.reduce((s, c) => s + c.x, 0);
    const theta0 = failed / inspected; // the category's city-wide rate, all its regions
    const { od, tau2, eligible, tested } = testFunnel(funnel, theta0);
    const { period, product_category } = funnel[0];
    targets.push({ period, product_category, expected: theta0, phi: od.phi, tau2, chi_square_p: od.chiSquareP, cells: eligible, inspected, failed, min_batches: MIN_BATCHES });
    for (const t of tested) {
      const c = t.unit;
      points.push({
        period, product_category, region_code: c.region_code!, region_name: c.region_name,
        inspected: c.n, failed: c.x, rate: c.x / c.n, expected: theta0, ...t.limits, phi: od.phi, tau2,
        z: t.z, p: t.p, q: null, flagged: false,
      });
    }
  }
  // one BH family: every tested (category, region) cell of every period of the run
  const q = familyQ(points, (p) => p.inspected >= MIN_BATCHES && p.expected > 0 && p.expected < 1, (p) => p.p);
  for (const [point, value] of q) {
    point.q = value;
    // flagged iff above the τ-adjusted 99.8% limit AND within the 5% false discovery rate
    point.flagged = point.rate > point.upper_998 && value <= FDR_LEVEL;
  }
  const flags: Flag[] = points.filter((p) => p.flagged).map((p) => ({
    rule: "regional", period: p.period, product_category: p.product_category, region_code: p.region_code,
    region_name: p.region_name, item: null, inspected: p.inspected, failed: p.failed, rate: p.rate,
    expected: p.expected, limit: p.upper_998, p: p.p, q: p.q!, article: ARTICLE,
    sentence: `${periodText(p.period, pooledYears)}，${p.region_name ?? p.region_code}${p.product_category}抽查${p.inspected}批次，` +
      `不合格${p.failed}批次，不合格发现率${percentText(p.rate)}，高于全市该类产品${percentText(p.expected)}的水平，` +
      `超出99.8%控制上限${percentText(p.upper_998)}（${qText(p.q!)}），提示可能存在区域性质量问题（第七十二条）。`,
  }));
  return { flags, points, targets };
}

function industryAnalysis(categories: Cell[], pooledYears: number[]): Flag[] {
  // each period is its own funnel (categories against that period's all-category rate) ...
  const tested: (Tested<Cell> & { theta0: number })[] = [];
  for (const period of new Set(categories.map((c) => c.period))) {
    const units = categories.filter((c) => c.period === period);
    const theta0 = units.reduce((s, c) => s + c.x, 0) / units.reduce((s, c) => s + c.n, 0); // all-category rate
    if (!(theta0 > 0 && theta0 < 1)) continue;
    tested.push(...testFunnel(units, theta0).tested.map((t) => ({ ...t, theta0 })));
  }
  // ... and one BH family holds every category of every period of the run
  const flags: Flag[] = [];
  for (const [t, value] of familyQ(tested, (t) => t.unit.n >= MIN_BATCHES, (t) => t.p)) {
    const c = t.unit;
    // counted for every category cell (NULL only on the other kinds)
    const spread = (c.failing_regions ?? 0) >= INDUSTRY_MIN_REGIONS && (c.failing_producers ?? 0) >= INDUSTRY_MIN_PRODUCERS;
    if (!(c.x / c.n > t.limits.upper_998 && value <= FDR_LEVEL && spread)) continue;
    flags.push({
      rule: "industry", period: c.period, product_category: c.product_category, region_code: null, region_name: null, item: null,
      inspected: c.n, failed: c.x, rate: c.x / c.n, expected: t.theta0, limit: t.limits.upper_998, p: t.p, q: value, article: ARTICLE,
      sentence: `${periodText(c.period, pooledYears)}，${c.product_category}抽查${c.n}批次，不合格${c.x}批次，不合格发现率${percentText(c.x / c.n)}，` +
        `高于全部产品${percentText(t.theta0)}的水平，超出99.8%控制上限${percentText(t.limits.upper_998)}（${qText(value)}），` +
        `不合格批次分布于${c.failing_regions}个区县、${c.failing_producers}家生产者，提示可能存在行业性质量问题（第七十二条）。`,
    });
  }
  return flags;
}

/**
 * Item hot spots, per plan year: the item's share of the category's failing batches in the
 * year against its share in the two plan years before (one-sided Fisher exact test, BH
 * across all items of the year). Flagged iff the share is above the exact binomial 99.8%
 * upper limit around the baseline share AND q ≤ FDR_LEVEL.
 */
function itemAnalysis(cells: CellRow[]): Flag[] {
  // the baseline is counted for every item cell (0 without one; NULL only on the other kinds)
  const tested = cells
    .map((c) => ({ c, baselineInspected: c.baseline_inspected ?? 0, baselineFailed: c.baseline_failed ?? 0 }))
    .filter(({ c, baselineInspected }) => c.inspected >= MIN_FAILING_FOR_ITEMS && baselineInspected >= MIN_FAILING_FOR_ITEMS)
    .map(({ c, baselineInspected, baselineFailed }) => {
      const expected = baselineFailed / baselineInspected;
      return {
        cell: c, expected,
        limit: exactBinomialLimit(c.inspected, expected, 0.999).limit,
        p: fisherUpperTail(c.failed, c.inspected, baselineFailed, baselineInspected),
      };
    });
  // one BH family: every item of every plan year of the run
  const flags: Flag[] = [];
  for (const [t, value] of familyQ(tested, () => true, (t) => t.p)) {
    const c = t.cell;
    const share = c.failed / c.inspected;
    if (!(share > t.limit && value <= FDR_LEVEL)) continue;
    flags.push({
      rule: "item", period: c.period, product_category: c.product_category, region_code: null, region_name: null, item: c.item,
      inspected: c.inspected, failed: c.failed, rate: share, expected: t.expected, limit: t.limit,
      p: t.p, q: value, article: ARTICLE,
      sentence: `${c.period}年，${c.product_category}的${c.inspected}批次不合格产品中有${c.failed}批次涉及“${c.item}”，` +
        `占${percentText(share)}，前两年该项目占不合格批次的${percentText(t.expected)}，超出99.8%控制上限${percentText(t.limit)}` +
        `（${qText(value)}），为不合格项目集中点（第七十二条）。`,
    });
  }
  return flags;
}

export interface FlagScope {
  /** the run's window is the three latest plan years up to lastYear (undefined: the latest in the database) */
  lastYear?: number;
  /** also flag the window pooled (period 'all') */
  pool: boolean;
}

/**
 * One run: the three rules for each plan year of the window and, with scope.pool, the window
 * pooled. Benjamini–Hochberg runs once per rule over all the run's comparisons, so the flags
 * table (one run) holds at most 5% false flags per rule in expectation.
 */
export async function analyseFlags(conn: DuckDBConnection, scope: FlagScope): Promise<FlagAnalysis> {
  const rows = (await querySqlFile(conn, "loaders/analysis/flag_cells.sql", {
    last_year: scope.lastYear ?? null, pool: scope.pool,
  }, CellRowSchema));
  return flagsFromCells(rows);
}

/** The statistics part of analyseFlags, on cells already counted (pure: used by the calibration tests). */
export function flagsFromCells(rows: CellRow[]): FlagAnalysis {
  // The run's window is every plan year with cells of its own (flag_cells.sql's `years`: every
  // category's, not one category's), and the pooled cells sum exactly those years.
  const windowYears = [...new Set(rows
    .filter((r) => r.kind !== "item" && r.period !== POOLED_PERIOD)
    .map((r) => Number(r.period)))].sort((a, b) => a - b);
  // a pool of a single plan year would repeat that year's flags
  const pooledYears = windowYears.length > 1 && rows.some((r) => r.period === POOLED_PERIOD) ? windowYears : [];
  const cells: Cell[] = rows
    .filter((r) => r.period !== POOLED_PERIOD || pooledYears.length > 0)
    .map((r) => ({ ...r, x: r.failed, n: r.inspected }));
  const regional = regionalAnalysis(cells.filter((c) => c.kind === "region"), pooledYears);
  const industry = industryAnalysis(cells.filter((c) => c.kind === "category"), pooledYears);
  const items = itemAnalysis(cells.filter((c) => c.kind === "item"));
  const order: Record<FlagRule, number> = { regional: 0, industry: 1, item: 2 };
  const flags = [...regional.flags, ...industry, ...items].sort((a, b) =>
    a.period.localeCompare(b.period) || order[a.rule] - order[b.rule] || a.product_category.localeCompare(b.product_category, "zh") || a.q - b.q);
  return { flags, points: regional.points, targets: regional.targets, pooledYears };
}

/**
 * The flags of the latest run (the three latest plan years, each and pooled), or of one plan
 * year: that year's flags in the latest run that contains it, so they are the same flags as
 * the persisted table's (writeFlagsTable) whenever the year is in the table's window.
 */
export async function computeFlags(conn: DuckDBConnection, opts: { year?: number } = {}): Promise<Flag[]> {
  const latest = await analyseFlags(conn, { pool: true });
  if (opts.year === undefined) return latest.flags;
  const period = String(opts.year);
  const run = latest.points.some((p) => p.period === period) || latest.flags.some((f) => f.period === period)
    ? latest : await analyseFlags(conn, { lastYear: opts.year, pool: true });
  return run.flags.filter((f) => f.period === period);
}


/**
 * Writer (refresh step only): tables flags, funnel_points, funnel_targets for every plan
 * year up to the as-of year and the pooled three latest of them.
 */
export async function writeFlagsTable(conn: DuckDBConnection, ctx: { asOf: string }): Promise<void> {
  // plan years after the as-of date's year are not judged yet
  const analysis = await analyseFlags(conn, { lastYear: Number(ctx.asOf.slice(0, 4)), pool: true });
  await execSqlFile(conn, "loaders/analysis/flags_tables.sql");
  await appendRows(conn, "flags", analysis.flags);
  await appendRows(conn, "funnel_points", analysis.points);
  await appendRows(conn, "funnel_targets", analysis.targets);
}
