// The explorer's heat map: 不合格发现率 of each product category (rows) in each region
// (columns). Regions run in the tile grid's order (north to south, west to east) so that
// neighbours sit together; categories by falling rate. The number in a cell is its failed
// batches; an empty cell has no inspected batch. Colour is the rate; the tooltip gives the
// counts and the 95% interval, which matter for small cells.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import type {RegionTile} from "../../loaders/site/workbench/tile-grid.ts";
import {MIN_WIDTH} from "./rate-charts.js";
import {percent, type RateRow} from "./workbench-stats.js";

export interface HeatmapOptions {
  /** the 41 tiles of article 5 (their order orders the columns; their short names label them) */
  tiles: RegionTile[];
  /** region code → full name, for the tooltip */
  regionNames: Record<string, string>;
  width?: number;
}

/** rows: rollupCube(cube, ["product_category", "region_code"], filters). */
export function categoryRegionHeatmap(rows: RateRow[], {tiles, regionNames, width = 640}: HeatmapOptions) {
  const regionOrder = d3.sort(tiles, (d) => d.row, (d) => d.col).map((d) => d.code);
  const categoryOrder = d3.sort(
    d3.rollups(rows, (v) => d3.sum(v, (d) => d.failed) / d3.sum(v, (d) => d.inspected), (d) => d.product_category),
    ([, rate]) => -rate,
  ).map(([category]) => category);
  const shortName = new Map(tiles.map((d) => [d.code, d.short_name]));
  return Plot.plot({
    width: Math.max(MIN_WIDTH, width),
    height: 40 + categoryOrder.length * 18,
    marginLeft: 150,
    marginBottom: 70,
    padding: 0.05,
    x: {label: "被抽样单位所在区县（按拼图网格自北向南排列）", domain: regionOrder, tickFormat: (code: string) => shortName.get(code), tickRotate: -90},
    y: {label: "产品类别", domain: categoryOrder},
    color: {type: "linear", scheme: "oranges", legend: true, label: "不合格发现率", tickFormat: (d: number) => percent(d, 0)},
    marks: [
      Plot.cell(rows, {x: "region_code", y: "product_category", fill: "rate"}),
      Plot.text(rows, {x: "region_code", y: "product_category", text: (d: RateRow) => (d.failed ? d.failed : ""), fontSize: 9}),
      Plot.tip(rows, Plot.pointer({
        x: "region_code", y: "product_category",
        title: (d: RateRow) => `${d.product_category} · ${regionNames[d.region_code]}\n检验 ${d.inspected} 批次，不合格 ${d.failed} 批次\n发现率 ${percent(d.rate)}，95% 区间 ${percent(d.ci_low)}–${percent(d.ci_high)}`,
      })),
    ],
  });
}
