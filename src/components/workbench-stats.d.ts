// Types for workbench-stats.js, so the Node tests (TypeScript) can import it.
export interface RateInterval { rate: number | null; ci_low: number | null; ci_high: number | null }
export interface CubeSetLike {
  dimensions: { key: string; label: string; values: string[] }[];
  cubes: { name: string; dims: string[]; columns: Record<string, ArrayLike<number> | undefined>; inspected: number[]; failed: number[] }[];
}
export type Filters = Record<string, Iterable<string> | null | undefined>;
export const Z95: number;
export const Z998: number;
export function wilson(failed: number, inspected: number, z?: number): RateInterval;
export function funnelLimits(expected: number, tau2: number | null, n: number): {
  n: number; lower_998: number; upper_998: number; lower_95: number; upper_95: number;
};
export function pickCube(cubeSet: CubeSetLike, by: string[], filters?: Filters): CubeSetLike["cubes"][number] | null;
export function rollupCube(cubeSet: CubeSetLike, by: string[], filters?: Filters): (Record<string, string> & { inspected: number; failed: number } & RateInterval)[];
export function percent(value: number | null | undefined, digits?: number): string;
export function interval(low: number | null, high: number | null): string;
export function decodeCubes<T extends { dimensions: { key: string; values: string[] }[]; cubes: { name: string; dims: string[]; key_deltas: number[]; inspected: number[]; failed: number[] }[] }>(
  cubeSet: T,
): Omit<T, "cubes"> & CubeSetLike;
