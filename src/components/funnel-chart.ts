// The funnel plot of one product category (article 72): each region's batch count (x)
// against its 不合格发现率 (y), the category's city-wide rate as the centre line, and the
// 95% (dashed) and 99.8% (solid) control limits widened by the between-region dispersion τ²
// (funnelLimits, ./workbench-stats.ts). Flagged regions are red triangles with their name —
// shape and label as well as colour; regions below the minimum batch count are hollow
// (drawn, not tested).
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import type {FunnelPointColumns} from "../../loaders/site/workbench/tables.ts";
import {MIN_WIDTH} from "./rate-charts.js";
import {funnelLimits, percent} from "./workbench-stats.js";

/** One funnel (a row of loaders/site/workbench_funnel_targets.sql). */
export interface FunnelTarget {
  period: string; product_category: string;
  expected: number; phi: number | null; tau2: number | null; chi_square_p: number | null;
  cells: number; inspected: number; failed: number; min_batches: number;
}

/** One region in one category's funnel. */
export interface FunnelPoint {
  period: string; product_category: string; region_code: string; region_name: string;
  inspected: number; failed: number; rate: number;
  /** random-effects z; q after Benjamini–Hochberg (null: below the minimum batch count, not tested) */
  z: number | null; q: number | null;
  flagged: boolean;
}

export type FunnelPointWithLimits = FunnelPoint & ReturnType<typeof funnelLimits>;

/** The shipped columns (loaders/site/workbench-tables.ts) as one object per point; none when the table is not computed yet. */
export function decodeFunnelPoints(columns: FunnelPointColumns | null): FunnelPoint[] {
  if (!columns) return [];
  return columns.inspected.map((inspected, i) => ({
    period: columns.periods[columns.period[i]],
    product_category: columns.categories[columns.category[i]],
    region_code: columns.regions[columns.region[i]],
    region_name: columns.region_names[columns.regions[columns.region[i]]],
    inspected,
    failed: columns.failed[i],
    rate: columns.failed[i] / inspected,
    z: columns.z[i],
    q: columns.q[i],
    flagged: columns.flagged[i] === 1,
  }));
}

/** The points of one funnel, each with its own control limits. */
export function funnelPoints(points: FunnelPoint[], target: FunnelTarget | undefined): FunnelPointWithLimits[] {
  if (!target) return [];
  return points
    .filter((d) => d.period === target.period && d.product_category === target.product_category)
    .map((d) => ({...d, ...funnelLimits(target.expected, target.tau2, d.inspected)}));
}

export interface FunnelChartOptions {
  width?: number;
  /** a log scale for the batch counts */
  logScale?: boolean;
  /** a region code to label even when it is not flagged (the flag page links here with it) */
  highlighted?: string | null;
}

export function funnelChart(points: FunnelPointWithLimits[], target: FunnelTarget, {width = 640, logScale = false, highlighted = null}: FunnelChartOptions = {}) {
  const maxN = d3.max(points, (d) => d.inspected) ?? 10;
  const minN = Math.max(1, d3.min(points, (d) => d.inspected) ?? 1);
  // 200 batch counts spread evenly on a log scale from the smallest to beyond the largest region
  const curve = d3.range(0, 201).map((i) => funnelLimits(target.expected, target.tau2, minN * Math.pow((maxN * 1.1) / minN, i / 200)));
  const tested = (d: FunnelPoint) => d.q != null;
  return Plot.plot({
    width: Math.max(MIN_WIDTH, width),
    height: 460,
    marginRight: 80,
    x: {label: `检验批次${logScale ? "（对数刻度）" : ""}`, type: logScale ? "log" : "linear", grid: true},
    y: {label: "不合格发现率", tickFormat: (d: number) => percent(d, 0), grid: true, domain: [0, Math.min(1, Math.max(d3.max(points, (d) => d.rate) ?? 0, d3.max(curve, (d) => d.upper_998) ?? 0) * 1.05)]},
    marks: [
      Plot.ruleY([target.expected], {stroke: "#444"}),
      Plot.text([target.expected], {y: (d: number) => d, x: maxN * 1.1, text: (d: number) => `全市 ${percent(d)}`, textAnchor: "start", dx: 4, fontSize: 10}),
      Plot.line(curve, {x: "n", y: "upper_998", stroke: "#8c2d04", strokeWidth: 1.5}),
      Plot.line(curve, {x: "n", y: "lower_998", stroke: "#8c2d04", strokeWidth: 1.5}),
      Plot.line(curve, {x: "n", y: "upper_95", stroke: "#8c2d04", strokeDasharray: "4,3"}),
      Plot.line(curve, {x: "n", y: "lower_95", stroke: "#8c2d04", strokeDasharray: "4,3"}),
      Plot.dot(points.filter((d) => !d.flagged), {
        x: "inspected", y: "rate", r: 4,
        stroke: "#1f4e79", fill: (d: FunnelPoint) => (tested(d) ? "#1f4e79" : "white"), fillOpacity: 0.7,
      }),
      Plot.dot(points.filter((d) => d.flagged), {x: "inspected", y: "rate", r: 7, symbol: "triangle", fill: "#c0392b", stroke: "black"}),
      Plot.text(points.filter((d) => d.flagged || d.region_code === highlighted), {x: "inspected", y: "rate", text: (d: FunnelPoint) => `${d.flagged ? "▲" : ""}${d.region_name}`, dy: -12, fontWeight: "bold"}),
      Plot.tip(points, Plot.pointer({
        x: "inspected", y: "rate",
        title: (d: FunnelPointWithLimits) => `${d.region_name}${d.flagged ? "（已标记）" : ""}\n检验 ${d.inspected} 批次，不合格 ${d.failed} 批次，发现率 ${percent(d.rate)}\n99.8% 上限 ${percent(d.upper_998)}，95% 上限 ${percent(d.upper_95)}\n${tested(d) ? `q = ${d.q!.toPrecision(2)}` : `少于 ${target.min_batches} 批次，未检验`}`,
      })),
    ],
  });
}
