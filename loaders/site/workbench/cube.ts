// The explorer's aggregated cubes (cube.sql): every non-empty combination of the dimensions
// analysts slice by, with inspected and failed batches. The page sums cells for any choice of
// dimensions and filters and computes rates and Wilson intervals itself; it never sees a batch.
//
// Shipped as one Arrow IPC stream, src/workbench/_data/cube.arrows (cubeTable): the cells of
// the three cubes one after another, a dictionary-encoded column per dimension (dictionary =
// the dimension's distinct values, sorted; index Int8/Int16/Int32 by size; null where a cube
// does not keep that dimension) and Int32 inspected and failed. The schema's metadata
// "spotcheck" holds as_of, labels, region names and each cube's dimensions and row range; the
// page (src/components/workbench-stats.ts cubesFromArrow) takes the index arrays as they are.
// cubeSetJson is the compact JSON this replaced (mixed-radix cell keys sent as differences),
// kept only so that bench/site-build.ts can compare the two (bytes and decode time).
import { Dictionary, Int16, Int32, Int8, makeData, makeVector, Schema, Table, Utf8, vectorFromArray, type Vector } from "apache-arrow";
import type { DuckDBConnection } from "@duckdb/node-api";
import { fieldLabel } from "../../contract/field-labels.ts";
import { querySqlFile, type Row } from "../../db/connection.ts";
import { readAsOf } from "../../db/metadata.ts";
import { regionNames } from "../database-reads.ts";

const CUBE_DIMENSION_KEYS = ["product_category", "region_code", "channel", "quarter", "level", "kind", "producer_scope", "enterprise_size"] as const;

export type CubeDimension = (typeof CUBE_DIMENSION_KEYS)[number];

/** Every dimension of the cubes, with its Chinese label (region_code is the sampled unit's region). */
export const CUBE_DIMENSIONS: readonly { key: CubeDimension; label: string }[] = CUBE_DIMENSION_KEYS.map((key) => ({
  key, label: fieldLabel(key === "region_code" ? "sampled_region" : key),
}));

/** The cubes of cube.sql and the dimensions each keeps. */
export const CUBES: Record<string, CubeDimension[]> = {
  category_region: ["product_category", "region_code", "quarter", "channel"],
  category_detail: ["product_category", "quarter", "channel", "level", "kind", "producer_scope", "enterprise_size"],
  region_detail: ["region_code", "quarter", "channel", "level", "kind", "producer_scope", "enterprise_size"],
};

/** The cubes as computed, before encoding: per cube, the value index of each kept dimension per cell. */
export interface CubeCells {
  as_of: string | null;
  dimensions: { key: CubeDimension; label: string; values: string[] }[];
  /** Region code → name, for labelling the region dimension. */
  region_names: Record<string, string>;
  cubes: { name: string; dims: CubeDimension[]; columns: Partial<Record<CubeDimension, number[]>>; inspected: number[]; failed: number[] }[];
}

/** What the schema metadata "spotcheck" of cube.arrows holds. */
export interface CubeArrowMeta {
  as_of: string | null;
  dimensions: { key: CubeDimension; label: string }[];
  region_names: Record<string, string>;
  /** each cube's cells are rows offset … offset + length − 1 */
  cubes: { name: string; dims: CubeDimension[]; offset: number; length: number }[];
}

export async function buildCubeCells(conn: DuckDBConnection, asOf?: string | null, regions?: Record<string, string>): Promise<CubeCells> {
  const rows = await querySqlFile(conn, "loaders/site/workbench/cube.sql");
  return cubeCellsFromRows(rows, asOf !== undefined ? asOf : await readAsOf(conn), regions ?? (await regionNames(conn)));
}

export function cubeCellsFromRows(rows: Row[], asOf: string | null, regions: Record<string, string>): CubeCells {
  const dimensions = CUBE_DIMENSIONS.map(({ key, label }) => ({
    key,
    label,
    values: [...new Set(rows.map((r) => r[key]).filter((v) => v !== null).map(String))].sort(compareValues),
  }));
  const indexOf = Object.fromEntries(dimensions.map(({ key, values }) => [key, new Map(values.map((v, i) => [v, i]))]));
  const sizeOf = Object.fromEntries(dimensions.map(({ key, values }) => [key, values.length]));
  const cubes = Object.entries(CUBES).map(([name, dims]) => {
    // cells in mixed-radix key order (first dimension most significant): stable, and what the JSON form needs
    const cells = rows
      .filter((r) => r.cube === name)
      .map((r) => ({ index: dims.map((d) => indexOf[d].get(String(r[d]))!), row: r }))
      .map((c) => ({ ...c, key: dims.reduce((key, d, i) => key * sizeOf[d] + c.index[i], 0) }))
      .sort((a, b) => a.key - b.key);
    return {
      name,
      dims,
      columns: Object.fromEntries(dims.map((d, i) => [d, cells.map((c) => c.index[i])])),
      inspected: cells.map((c) => Number(c.row.inspected)),
      failed: cells.map((c) => Number(c.row.failed)),
    };
  });
  return { as_of: asOf, dimensions, region_names: regions, cubes };
}

function compareValues(a: string, b: string): number {
  return a.localeCompare(b, "zh-Hans-CN");
}

/** The smallest signed index type for a dictionary of `size` values. */
function indexType(size: number): Int8 | Int16 | Int32 {
  return size <= 127 ? new Int8() : size <= 32767 ? new Int16() : new Int32();
}

/** The cells as one Arrow table (see the header): what src/workbench/_data/cube.arrows holds. */
export function cubeTable(cells: CubeCells): Table {
  const total = cells.cubes.reduce((n, c) => n + c.inspected.length, 0);
  const offsets: number[] = [];
  let offset = 0;
  for (const cube of cells.cubes) { offsets.push(offset); offset += cube.inspected.length; }
  const vectors: Record<string, Vector> = {};
  for (const { key, values } of cells.dimensions) {
    const type = new Dictionary(new Utf8(), indexType(values.length));
    const indices = new type.indices.ArrayType(total);
    const valid = new Uint8Array(Math.ceil(total / 8));
    let nulls = 0;
    cells.cubes.forEach((cube, c) => {
      const column = cube.columns[key];
      for (let i = 0; i < cube.inspected.length; i++) {
        const row = offsets[c] + i;
        if (column) { indices[row] = column[i]; valid[row >> 3] |= 1 << (row & 7); } else nulls++;
      }
    });
    vectors[key] = makeVector(makeData({
      type, length: total, nullCount: nulls, nullBitmap: nulls ? valid : undefined, data: indices,
      dictionary: vectorFromArray(values, new Utf8()),
    }));
  }
  vectors.inspected = makeVector(Int32Array.from(cells.cubes.flatMap((c) => c.inspected)));
  vectors.failed = makeVector(Int32Array.from(cells.cubes.flatMap((c) => c.failed)));
  const meta: CubeArrowMeta = {
    as_of: cells.as_of,
    dimensions: cells.dimensions.map(({ key, label }) => ({ key, label })),
    region_names: cells.region_names,
    cubes: cells.cubes.map((c, i) => ({ name: c.name, dims: c.dims, offset: offsets[i], length: c.inspected.length })),
  };
  const table = new Table(vectors);
  return new Table(new Schema(table.schema.fields, new Map([["spotcheck", JSON.stringify(meta)]])), table.batches);
}

export interface CubeJson {
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
  region_names: Record<string, string>;
  cubes: CubeJson[];
}

/** The compact JSON form the Arrow file replaced (for the bench's comparison only). */
export function cubeSetJson(cells: CubeCells): CubeSet {
  const sizeOf = Object.fromEntries(cells.dimensions.map(({ key, values }) => [key, values.length]));
  return {
    as_of: cells.as_of,
    dimensions: cells.dimensions,
    region_names: cells.region_names,
    cubes: cells.cubes.map(({ name, dims, columns, inspected, failed }) => {
      const keys = inspected.map((_, i) => dims.reduce((key, d) => key * sizeOf[d] + columns[d]![i], 0));
      return { name, dims, key_deltas: keys.map((k, i) => (i === 0 ? k : k - keys[i - 1])), inspected, failed };
    }),
  };
}
