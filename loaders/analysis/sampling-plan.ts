// Next year's sampling plan (article 11: 年度市级监督抽查计划, drawn up from the key-product
// catalogue of article 10): N batches allocated across the catalogue's product categories by
// risk and by what is still unknown, and within each category across 生产 / 流通 / 电商
// (article 15). The catalogue's empirical-Bayes model is reused as it is (computeCatalogue),
// not re-derived; its posterior is read back from its outputs. Method: loaders/analysis/README.md,
// "Sampling plan (article 11)". The allocation itself is src/components/sampling-allocation.ts (pure,
// shared with the workbench page); this module gathers its inputs from the database.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { UsageError } from "../core/errors.ts";
import { xlsxTable } from "../core/xlsx-table.ts";
import { querySqlFile } from "../db/connection.ts";
import {
  DEFAULT_FLOOR, PLAN_CHANNELS, PlanInfeasible, SAMPLING_PLAN_COLUMNS, SAMPLING_PLAN_HEADER, allocateSamplingPlan, posteriorSize, samplingPlanCells,
  samplingPlanTitle,
  type PlanCategoryInput, type SamplingPlan,
} from "../../src/components/sampling-allocation.ts";
import { CATALOGUE_WINDOW_YEARS, computeCatalogue } from "./catalogue.ts";
import { POOLED_PERIOD, analyseFlags } from "./flags.ts";
import { betaInterval } from "./statistics.ts";

const PlanYearSchema = z.object({ plan_year: z.number().int() });
const InputRowSchema = z.object({
  product_category: z.string(), channel: z.enum(PLAN_CHANNELS), base_batches: z.number().int(),
  window_inspected: z.number().int(), window_failed: z.number().int(), producers: z.number().int(),
});

/** What the allocation is computed from, and the years it speaks of (the workbench page recomputes the plan from these). */
export interface SamplingPlanInputs {
  plan_year: number;
  /** the plan year the plan is compared with: "this year" */
  base_year: number;
  /** the catalogue's window, "2023-2025" */
  window_years: string;
  /** sampled batches in the base year, all the plan's categories: the default N */
  base_total: number;
  categories: PlanCategoryInput[];
}

/**
 * The base year is the latest plan year before the plan year (and not after the as-of year) with
 * final conclusions — normally the year before, "this year". The catalogue is computed for the year
 * after it, so that its window is the three plan years ending with it (article 10).
 */
export async function readSamplingPlanInputs(conn: DuckDBConnection, opts: { year?: number; asOf: string }): Promise<SamplingPlanInputs> {
  const asOfYear = Number(opts.asOf.slice(0, 4));
  const years = (await querySqlFile(conn, "loaders/analysis/plan_years.sql", undefined, PlanYearSchema)).map((r) => r.plan_year)
    .filter((y) => y <= asOfYear && (opts.year === undefined || y < opts.year));
  if (years.length === 0) {
    throw new UsageError(`${opts.year ? `${opts.year}年之前、` : ""}截至 ${opts.asOf} 没有已出具最终结论的计划年度，无法编制抽查计划（第十一条）。`);
  }
  const baseYear = years[years.length - 1];
  const catalogue = await computeCatalogue(conn, { year: baseYear + 1 });
  const firstYear = baseYear - CATALOGUE_WINDOW_YEARS + 1;
  const inputRows = await querySqlFile(conn, "loaders/analysis/sampling_plan_inputs.sql", { first_year: firstYear, base_year: baseYear }, InputRowSchema);
  // open flags (article 72): of the run ending in the base year, those flagged in the base year itself or in the
  // window pooled; a flag of an earlier year alone is a problem that did not recur
  const { flags } = await analyseFlags(conn, { lastYear: baseYear, pool: true });
  const open = flags.filter((f) => f.period === String(baseYear) || f.period === POOLED_PERIOD);
  const distinct = (category: string, rule: string) =>
    new Set(open.filter((f) => f.product_category === category && f.rule === rule).map((f) => f.region_code ?? f.item ?? "")).size;
  const categories = catalogue.map((row): PlanCategoryInput => {
    const own = inputRows.filter((r) => r.product_category === row.product_category);
    const size = posteriorSize({ window_batches: row.batches, own_weight: row.own_weight });
    const interval = betaInterval(row.shrunken_rate * size, (1 - row.shrunken_rate) * size);
    return {
      product_category: row.product_category, window_batches: row.batches, window_failed: row.failed,
      shrunken_rate: row.shrunken_rate, own_weight: row.own_weight, interval_low: interval.low, interval_high: interval.high,
      serious_count: row.serious_count, producers: own[0]?.producers ?? 0,
      industry_flag: distinct(row.product_category, "industry") > 0,
      regional_flags: distinct(row.product_category, "regional"), item_flags: distinct(row.product_category, "item"),
      channels: PLAN_CHANNELS.map((channel) => {
        const r = own.find((o) => o.channel === channel);
        return { channel, base_batches: r?.base_batches ?? 0, window_inspected: r?.window_inspected ?? 0, window_failed: r?.window_failed ?? 0 };
      }),
    };
  });
  return {
    plan_year: opts.year ?? baseYear + 1, base_year: baseYear, window_years: catalogue[0]?.window_years ?? `${firstYear}-${baseYear}`,
    base_total: categories.reduce((s, c) => s + c.channels.reduce((t, ch) => t + ch.base_batches, 0), 0), categories,
  };
}

/** The plan from its inputs; a plan that cannot be drawn up as asked is a usage error (its message names the numbers). */
export function planFromInputs(inputs: SamplingPlanInputs, opts: { total?: number; floor?: number } = {}): SamplingPlan {
  try {
    return allocateSamplingPlan(inputs.categories, {
      planYear: inputs.plan_year, baseYear: inputs.base_year, windowYears: inputs.window_years,
      total: opts.total ?? inputs.base_total, floor: opts.floor ?? DEFAULT_FLOOR,
    });
  } catch (error) {
    if (error instanceof PlanInfeasible) throw new UsageError(error.message);
    throw error;
  }
}

export interface SamplingPlanOptions {
  /** the plan year (default: the year after the base year) */
  year?: number;
  /** batches to plan (default: the base year's sampled batches in the plan's categories) */
  total?: number;
  /** batches every category gets at least (default DEFAULT_FLOOR) */
  floor?: number;
  /** plan years after the as-of year are not judged yet: the base year is at most the as-of year */
  asOf: string;
}

export async function computeSamplingPlan(conn: DuckDBConnection, opts: SamplingPlanOptions): Promise<SamplingPlan> {
  return planFromInputs(await readSamplingPlanInputs(conn, opts), opts);
}

/** The number format of each xlsx column: rates and shares as percentages. */
export const SAMPLING_PLAN_XLSX_FORMATS = SAMPLING_PLAN_COLUMNS.map((c) =>
  /share|rate|interval|weight/.test(c) ? "0.0%" : undefined);

/** The plan as an .xlsx: title row, Chinese headings, one row per category (numbers stay numbers). `date`: the as-of date, never the wall clock. */
export function samplingPlanWorkbook(plan: SamplingPlan, date: string): Promise<Uint8Array> {
  return xlsxTable(SAMPLING_PLAN_COLUMNS.map((c) => SAMPLING_PLAN_HEADER[c]), samplingPlanCells(plan), {
    title: samplingPlanTitle(plan), sheetName: `${plan.plan_year}年抽查计划`, date, author: "重庆市市场监督管理局", formats: SAMPLING_PLAN_XLSX_FORMATS,
  });
}

export {
  DEFAULT_FLOOR, PLAN_CHANNELS, SAMPLING_PLAN_COLUMNS, SAMPLING_PLAN_HEADER, SAMPLING_PLAN_WEIGHTS, allocateSamplingPlan, apportion,
  explainPlanRow, samplingPlanCells, samplingPlanTitle, type PlanCategoryInput, type SamplingPlan, type SamplingPlanRow,
} from "../../src/components/sampling-allocation.ts";
