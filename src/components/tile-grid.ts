// A tile-grid map of the 41 units of article 5 (positions: loaders/site/region-tile-grid.ts).
// No boundary map: boundary maps of China need official approval to publish, and
// 两江新区, 重庆高新区 and 万盛经开区 have no boundary of their own. Functional zones
// get a dashed outline; marked regions a heavy outline and a ▲ in the label, so colour
// is never the only signal.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import type {RegionTile} from "../../loaders/site/workbench/tile-grid.ts";
import {percent} from "./workbench-stats.js";
import {MIN_WIDTH, NO_RATE_DATA, noChartData, type RateStats} from "./rate-charts.js";

export interface TileGridOptions {
  width?: number;
  /** codes to outline (e.g. flagged regions) */
  marked?: ReadonlySet<string>;
  /** the colour legend's label */
  label?: string;
  /** the second line of a tile; the rate, or 无数据, when not given */
  valueText?: (tile: RegionTile) => string;
  /** the words shown instead of the map when no tile has an inspected batch */
  empty?: string;
}

/**
 * Room left of the colour ramp for its first tick label: without it "0%" prints as "%". Plot
 * passes a scale's other options to its legend (legends.js legendOptions) though its types
 * name only label, ticks and tickFormat.
 */
const RAMP_LEGEND = {marginLeft: 12};

/** values: region code → its counts, rate and interval. */
export function tileGridMap(tiles: RegionTile[], values: ReadonlyMap<string, RateStats>, {width = 640, marked = new Set(), label = "不合格发现率", valueText, empty = NO_RATE_DATA}: TileGridOptions = {}) {
  // every tile grey and 无数据 is a map of nothing: say so instead
  if (!tiles.some((d) => (values.get(d.code)?.inspected ?? 0) > 0)) return noChartData(empty);
  width = Math.max(MIN_WIDTH, width);
  const cols = (d3.max(tiles, (d) => d.col) ?? 0) + 1;
  const rows = (d3.max(tiles, (d) => d.row) ?? 0) + 1;
  const valueOf = (d: RegionTile) => values.get(d.code)?.rate ?? null;
  const text = valueText ?? ((d: RegionTile) => {
    const v = values.get(d.code);
    return v?.inspected ? percent(v.rate) : "无数据";
  });
  const max = d3.max(tiles, valueOf) || 0.01;
  return Plot.plot({
    width,
    height: (width / cols) * rows * 0.8,
    padding: 0,
    x: {axis: null, domain: d3.range(cols)},
    y: {axis: null, domain: d3.range(rows)},
    color: {type: "linear", domain: [0, max], scheme: "oranges", legend: true, label, tickFormat: (d: number) => percent(d, 0), ...RAMP_LEGEND},
    marks: [
      // Fills: the rate through the colour scale, or grey without data (a channel cannot mix
      // the two: Plot would drop the grey tiles). Outlines on top, dashed for the functional
      // zones (a dash pattern is one per mark in Plot, not a channel).
      Plot.cell(tiles.filter((d) => valueOf(d) !== null), {x: "col", y: "row", inset: 2, fill: valueOf}),
      Plot.cell(tiles.filter((d) => valueOf(d) === null), {x: "col", y: "row", inset: 2, fill: "#f0f0f0"}),
      ...[false, true].map((zone) => Plot.cell(tiles.filter((d) => (d.type === "功能区") === zone), {
        x: "col", y: "row", inset: 2, fill: "none",
        stroke: (d: RegionTile) => (marked.has(d.code) ? "#000" : "#999"),
        strokeWidth: (d: RegionTile) => (marked.has(d.code) ? 2.5 : 0.8),
        strokeDasharray: zone ? "3,2" : undefined,
      })),
      Plot.text(tiles, {
        x: "col", y: "row", fontSize: Math.max(8, Math.min(12, width / cols / 6)), lineWidth: 5,
        text: (d) => `${marked.has(d.code) ? "▲" : ""}${d.short_name}\n${text(d)}`,
        fill: (d) => ((valueOf(d) ?? 0) > max * 0.6 ? "white" : "black"),
      }),
      Plot.tip(tiles, Plot.pointer({
        x: "col", y: "row",
        title: (d) => {
          const v = values.get(d.code);
          const numbers = v?.inspected
            ? `检验 ${v.inspected} 批次，不合格 ${v.failed} 批次，发现率 ${percent(v.rate)}（95% 区间 ${percent(v.ci_low)}–${percent(v.ci_high)}）`
            : "无检验批次";
          return `${d.name}${d.type === "功能区" ? "（功能区）" : ""}\n${numbers}`;
        },
      })),
    ],
  });
}
