// 不合格发现率 by any combination of dimensions, with a Wilson 95% interval (computed in SQL).
import type { DuckDBConnection } from "@duckdb/node-api";
import { fieldLabel } from "../contract/field-labels.ts";
import { UsageError } from "../core/errors.ts";
import { parseQuarter } from "../core/periods.ts";
import { querySqlFile, type Params } from "../db/connection.ts";
import { parseRows } from "../db/sql.ts";
import { z } from "zod";
import { Z_95 } from "./statistics.ts";

/**
 * The dimensions a rate can be split by (the whitelist: nothing else reaches SQL).
 * quarter is the sampling quarter ('2025Q3'); producer_region is 市内 / 市外.
 */
export const RATE_DIMENSIONS = [
  "product_category", "sampled_region", "channel", "plan_year", "quarter",
  "level", "kind", "enterprise_size", "producer_region",
] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];

/** Each dimension's Chinese label; producer_region splits by 市内 / 市外 (the field producer_scope). */
export const DIMENSION_LABELS: Record<RateDimension, string> = Object.fromEntries(RATE_DIMENSIONS.map((d) => [d,
  d === "producer_region" ? `${fieldLabel("producer_scope")}（市内/市外）` : fieldLabel(d)])) as Record<RateDimension, string>;

const dimensionText = z.string().nullable().optional();

/** One row of rates_by_dimensions.sql: the dimensions asked for (only those), the counts and the Wilson interval. */
const RateRowSchema = z.object({
  product_category: dimensionText,
  sampled_region: dimensionText,
  /** the region's name, beside its code, whenever sampled_region is a dimension */
  sampled_region_name: dimensionText,
  channel: dimensionText,
  plan_year: z.number().int().nullable().optional(),
  quarter: dimensionText,
  level: dimensionText,
  kind: dimensionText,
  enterprise_size: dimensionText,
  producer_region: dimensionText,
  inspected: z.number().int(),
  failed: z.number().int(),
  rate: z.number(),
  ci_low: z.number(),
  ci_high: z.number(),
});

export type RateRow = z.output<typeof RateRowSchema>;

export interface RateOptions {
  by: string[];
  /** plan year (计划年度) */
  year?: number;
  /** sampling quarter, '2025Q3' */
  quarter?: string;
  /** equality filters on whitelisted dimensions, e.g. { channel: "电商" } */
  filters?: Record<string, string>;
}

export function checkDimensions(names: string[], what = "--by"): RateDimension[] {
  for (const name of names) {
    if (!(RATE_DIMENSIONS as readonly string[]).includes(name)) {
      throw new UsageError(`${what} 不支持维度 "${name}"；可用维度：${RATE_DIMENSIONS.join(", ")}`);
    }
  }
  return names as RateDimension[];
}

export function checkQuarter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  parseQuarter(value, "--quarter ");
  return value;
}

export async function computeRates(conn: DuckDBConnection, opts: RateOptions): Promise<RateRow[]> {
  const by = checkDimensions([...new Set(opts.by)]);
  const filters = opts.filters ?? {};
  checkDimensions(Object.keys(filters), "筛选条件");
  // own properties only: an inherited name (constructor, toString) is no filter
  const filterOf = (dimension: RateDimension) => (Object.hasOwn(filters, dimension) ? filters[dimension] : null);
  const params: Params = {
    z: Z_95,
    year: opts.year ?? null,
    quarter: checkQuarter(opts.quarter) ?? null,
  };
  for (const dimension of RATE_DIMENSIONS) {
    params[`by_${dimension}`] = by.includes(dimension);
    params[`filter_${dimension}`] = filterOf(dimension);
  }
  const rows = await querySqlFile(conn, "loaders/analysis/rates_by_dimensions.sql", params);
  const columns = [
    ...by.flatMap((d) => (d === "sampled_region" ? ["sampled_region", "sampled_region_name"] : [d])),
    "inspected", "failed", "rate", "ci_low", "ci_high",
  ];
  const picked = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
  return parseRows(picked, RateRowSchema, "loaders/analysis/rates_by_dimensions.sql");
}
