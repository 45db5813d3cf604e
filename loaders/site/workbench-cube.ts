// The explorer's aggregated cubes (workbench_cube.sql), shipped as compact JSON: each
// dimension's distinct values once; per cube, each cell's position as one mixed-radix
// number (the cell's value index in every dimension, first dimension most significant),
// sorted and sent as differences from the previous cell, which are small — about half
// the bytes of one column per dimension at a million batches. The page decodes them
// (decodeCubes in src/components/workbench-stats.js), sums cells and computes rates and
// Wilson intervals itself; it never sees a batch.
import type { DuckDBConnection } from "@duckdb/node-api";
import { fieldLabel } from "../contract/field-labels.ts";
import { query, querySqlFile } from "../db/connection.ts";

const CUBE_DIMENSION_KEYS = ["product_category", "region_code", "channel", "quarter", "level", "kind", "producer_scope", "enterprise_size"] as const;

export type CubeDimension = (typeof CUBE_DIMENSION_KEYS)[number];

/** Every dimension of the cubes, with its Chinese label (region_code is the sampled unit's region). */
export const CUBE_DIMENSIONS: readonly { key: CubeDimension; label: string }[] = CUBE_DIMENSION_KEYS.map((key) => ({
  key, label: fieldLabel(key === "region_code" ? "sampled_region" : key),
}));

/** The cubes of workbench_cube.sql and the dimensions each keeps. */
export const CUBES: Record<string, CubeDimension[]> = {
  category_region: ["product_category", "region_code", "quarter", "channel"],
  category_detail: ["product_category", "quarter", "channel", "level", "kind", "producer_scope", "enterprise_size"],
  region_detail: ["region_code", "quarter", "channel", "level", "kind", "producer_scope", "enterprise_size"],
};

export interface Cube {
  name: string;
  dims: CubeDimension[];
  /**
   * Cell positions: key = Σ index_d · Π(sizes of the dimensions after d), ascending;
   * key_deltas[0] is the first key, key_deltas[i] = key[i] − key[i−1].
   */
  key_deltas: number[];
  inspected: number[];
  failed: number[];
}

export interface CubeSet {
  as_of: string | null;
  dimensions: { key: CubeDimension; label: string; values: string[] }[];
  /** Region code → name, for labelling the region dimension. */
  region_names: Record<string, string>;
  cubes: Cube[];
}

export async function buildWorkbenchCube(conn: DuckDBConnection): Promise<CubeSet> {
  const rows = await querySqlFile(conn, "loaders/site/workbench_cube.sql");
  const dimensions = CUBE_DIMENSIONS.map(({ key, label }) => ({
    key,
    label,
    values: [...new Set(rows.map((r) => r[key]).filter((v) => v !== null).map(String))].sort(compareValues),
  }));
  const indexOf = Object.fromEntries(dimensions.map(({ key, values }) => [key, new Map(values.map((v, i) => [v, i]))]));
  const sizeOf = Object.fromEntries(dimensions.map(({ key, values }) => [key, values.length]));
  const cubes = Object.entries(CUBES).map(([name, dims]) => {
    const cells = rows
      .filter((r) => r.cube === name)
      .map((r) => ({ key: dims.reduce((key, d) => key * sizeOf[d] + indexOf[d].get(String(r[d]))!, 0), row: r }))
      .sort((a, b) => a.key - b.key);
    return {
      name,
      dims,
      key_deltas: cells.map((c, i) => (i === 0 ? c.key : c.key - cells[i - 1].key)),
      inspected: cells.map((c) => Number(c.row.inspected)),
      failed: cells.map((c) => Number(c.row.failed)),
    };
  });
  const regions = await query(conn, "SELECT code, name FROM regions ORDER BY code");
  return {
    as_of: await readAsOf(conn),
    dimensions,
    region_names: Object.fromEntries(regions.map((r) => [String(r.code), String(r.name)])),
    cubes,
  };
}

function compareValues(a: string, b: string): number {
  return a.localeCompare(b, "zh-Hans-CN");
}

/** The as-of date of the persisted derived tables (meta key 'as_of'), or null before the first refresh. */
export async function readAsOf(conn: DuckDBConnection): Promise<string | null> {
  const rows = await query(conn, "SELECT value FROM meta WHERE key = 'as_of'");
  return rows.length ? String(rows[0].value) : null;
}
