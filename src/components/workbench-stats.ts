// Rates and Wilson score intervals in the browser, from the explorer's cubes
// (loaders/site/workbench/cube.ts, shipped as src/workbench/_data/cube.arrows). The Wilson formula is the one in
// shared/reference/statistics-oracles.md; test/workbench-rates.test.ts checks that it
// agrees with the oracles and with the SQL computation in loaders/analysis.
import type {CubeArrowMeta, CubeSet} from "../../loaders/site/workbench/cube.ts";

export interface RateInterval { rate: number | null; ci_low: number | null; ci_high: number | null }

/** A cube as rollupCube reads it (cubesFromArrow, decodeCubes): one value-index column per kept dimension. */
export interface DecodedCube { name: string; dims: string[]; columns: Record<string, ArrayLike<number>>; inspected: ArrayLike<number>; failed: ArrayLike<number> }
export interface DecodedCubeSet { dimensions: { key: string; label: string; values: string[] }[]; cubes: DecodedCube[] }

/** Allowed values per dimension key; an absent or empty filter keeps everything. */
export type Filters = Record<string, Iterable<string> | null | undefined>;

/** A group of rollupCube: its value of each grouped dimension, counts, rate and interval. */
export type RateRow = Record<string, string> & { inspected: number; failed: number } & RateInterval;

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for `failed` out of `inspected`:
 * centre = (p̂ + z²/2n)/(1 + z²/n), half-width = z/(1+z²/n)·√(p̂(1−p̂)/n + z²/4n²).
 * Returns nulls for n = 0 (no rate without inspected batches).
 */
export function wilson(failed: number, inspected: number, z = Z95): RateInterval {
  if (!inspected) return {rate: null, ci_low: null, ci_high: null};
  const n = inspected;
  const p = failed / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // exactly 0 / 1 at no / all failures (computed, they are off by ~1e-16)
  return {rate: p, ci_low: failed <= 0 ? 0 : Math.max(0, centre - half), ci_high: failed >= n ? 1 : Math.min(1, centre + half)};
}

/** z for two-sided 99.8% funnel limits. */
export const Z998 = 3.090232306167813;

/**
 * A funnel's control limits at batch count n, with the additive random-effects (τ²)
 * adjustment the analysis uses (loaders/analysis/flags_tables.sql, Spiegelhalter 2005):
 * expected ± z·√(expected(1−expected)/n + τ²), clamped to [0, 1].
 */
export function funnelLimits(expected: number, tau2: number | null | undefined, n: number) {
  const sd = Math.sqrt((expected * (1 - expected)) / n + (tau2 ?? 0));
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return {
    n,
    lower_998: clamp(expected - Z998 * sd), upper_998: clamp(expected + Z998 * sd),
    lower_95: clamp(expected - Z95 * sd), upper_95: clamp(expected + Z95 * sd),
  };
}

/** What cubesFromArrow reads of an apache-arrow Table (the page passes Arrow.tableFromIPC's result). */
export interface ArrowTableLike {
  schema: { metadata: Map<string, string> };
  getChild(name: string): { readonly data: readonly { values: ArrayLike<number> & { subarray(start: number, end: number): ArrayLike<number> }; dictionary?: { toArray(): ArrayLike<unknown> } }[] } | null;
}

/**
 * The cubes of cube.arrows (one Arrow record batch: a dictionary column per dimension whose
 * dictionary is the dimension's sorted values, Int32 inspected/failed, each cube a row range
 * given in the schema metadata "spotcheck"). The dictionary index arrays are used as they are
 * — views, no copy, no string is materialised per cell.
 */
export function cubesFromArrow(table: ArrowTableLike): Omit<CubeArrowMeta, "cubes" | "dimensions"> & DecodedCubeSet {
  const meta = JSON.parse(table.schema.metadata.get("spotcheck") ?? "null") as CubeArrowMeta | null;
  if (!meta) throw new Error("cube.arrows 缺少 spotcheck 元数据：请重新运行 spotcheck site-export");
  const chunk = (name: string) => {
    const data = table.getChild(name)?.data;
    if (!data || data.length !== 1) throw new Error(`cube.arrows 的列 ${name} 应为单一记录批`);
    return data[0];
  };
  const column = (name: string) => chunk(name).values;
  const counts = {inspected: column("inspected"), failed: column("failed")};
  return {
    as_of: meta.as_of,
    region_names: meta.region_names,
    dimensions: meta.dimensions.map((d) => ({...d, values: Array.from(chunk(d.key).dictionary?.toArray() ?? [], String)})),
    cubes: meta.cubes.map(({name, dims, offset, length}) => ({
      name, dims,
      columns: Object.fromEntries(dims.map((d) => [d, column(d).subarray(offset, offset + length)])),
      inspected: counts.inspected.subarray(offset, offset + length),
      failed: counts.failed.subarray(offset, offset + length),
    })),
  };
}

/**
 * Turns each shipped cube's cell keys (loaders/site/workbench-cube.ts: mixed-radix, sent
 * as differences) back into one index column per dimension. Call once after loading.
 */
export function decodeCubes(cubeSet: CubeSet): Omit<CubeSet, "cubes"> & DecodedCubeSet {
  const size = new Map<string, number>(cubeSet.dimensions.map((d) => [d.key, d.values.length]));
  const cubes = cubeSet.cubes.map((cube): DecodedCube => {
    const count = cube.key_deltas.length;
    const columns: Record<string, Uint32Array> = Object.fromEntries(cube.dims.map((d) => [d, new Uint32Array(count)]));
    let key = 0;
    for (let i = 0; i < count; i++) {
      key += cube.key_deltas[i];
      let rest = key;
      for (let d = cube.dims.length - 1; d >= 0; d--) {
        const radix = size.get(cube.dims[d])!;
        columns[cube.dims[d]][i] = rest % radix;
        rest = Math.floor(rest / radix);
      }
    }
    return {name: cube.name, dims: cube.dims, columns, inspected: cube.inspected, failed: cube.failed};
  });
  return {...cubeSet, cubes};
}

/** Which dimensions a choice needs: those grouped by, and those with a non-empty filter. */
function neededDimensions(by: readonly string[], filters: Filters): string[] {
  const filtered = Object.entries(filters).filter(([, allowed]) => allowed && [...allowed].length > 0).map(([key]) => key);
  return [...new Set([...by, ...filtered])];
}

/**
 * The smallest decoded cube (decodeCubes) that keeps every needed dimension,
 * or null when no cube holds that combination.
 */
export function pickCube(cubeSet: DecodedCubeSet, by: readonly string[], filters: Filters = {}): DecodedCube | null {
  const needed = neededDimensions(by, filters);
  const known = new Set(cubeSet.dimensions.map((d) => d.key));
  for (const key of needed) if (!known.has(key)) throw new Error(`未知维度：${key}`);
  const fitting = cubeSet.cubes.filter((cube) => needed.every((key) => cube.dims.includes(key)));
  return fitting.sort((a, b) => a.inspected.length - b.inspected.length)[0] ?? null;
}

/**
 * Sums the cells of the smallest fitting cube by the chosen dimensions, keeping only
 * cells whose value of every filtered dimension is in its allowed set, and adds rate and
 * Wilson interval. `filters` maps a dimension key to an array (or Set) of allowed values;
 * an absent or empty filter keeps everything. Throws (in Chinese) when no cube holds
 * all the dimensions asked for.
 */
export function rollupCube(cubeSet: DecodedCubeSet, by: readonly string[], filters: Filters = {}): RateRow[] {
  const cube = pickCube(cubeSet, by, filters);
  const dims = new Map(cubeSet.dimensions.map((d) => [d.key, d]));
  const dimension = (key: string) => dims.get(key)!;
  if (!cube) {
    const label = (keys: string[]) => keys.map((key) => dimension(key).label).join("、");
    throw new Error(`不能同时按“${label(neededDimensions(by, filters))}”分组或筛选（为控制数据量只预先汇总了以下组合：${
      cubeSet.cubes.map((c) => `〔${label(c.dims)}〕`).join("；")}）。请减少一个维度。`);
  }
  const tests = Object.entries(filters)
    .filter(([, allowed]) => allowed && [...allowed].length > 0)
    .map(([key, allowed]): [ArrayLike<number>, boolean[]] => {
      const wanted = new Set(allowed);
      return [cube.columns[key], dimension(key).values.map((v) => wanted.has(v))];
    });
  const groups = new Map<string, { cell: number; inspected: number; failed: number }>();
  const count = cube.inspected.length;
  for (let i = 0; i < count; i++) {
    if (!tests.every(([column, keep]) => keep[column[i]])) continue;
    const id = by.map((key) => cube.columns[key][i]).join(",");
    let group = groups.get(id);
    if (!group) groups.set(id, (group = {cell: i, inspected: 0, failed: 0}));
    group.inspected += cube.inspected[i];
    group.failed += cube.failed[i];
  }
  return [...groups.values()].map(({cell, inspected, failed}) => {
    const row: Record<string, string> = {};
    for (const key of by) row[key] = dimension(key).values[cube.columns[key][cell]];
    return {...row, inspected, failed, ...wilson(failed, inspected)} as RateRow;
  });
}

/** 12.3% style, one decimal (the circulars' format); "—" when there is no rate. */
export function percent(value: number | null | undefined, digits = 1): string {
  return value == null || Number.isNaN(value) ? "—" : `${(value * 100).toFixed(digits)}%`;
}

/** "[8.3%, 28.5%]" for an interval. */
export function interval(low: number | null | undefined, high: number | null | undefined): string {
  return low == null ? "—" : `[${percent(low)}, ${percent(high)}]`;
}

/** rollupCube, with its Chinese message returned (for the page to show) instead of thrown. */
export function tryRollup(cubeSet: DecodedCubeSet, by: readonly string[], filters: Filters = {}): { rows: RateRow[]; error: string | null } {
  try {
    return {rows: rollupCube(cubeSet, by, filters), error: null};
  } catch (error) {
    return {rows: [], error: (error as Error).message};
  }
}
