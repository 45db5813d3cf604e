// The data-status page's chart (src/data-status.md): batches by plan year, faceted by
// level of the spot check (article 5), coloured by sampling channel (article 15).
import * as Plot from "@observablehq/plot";

export interface BatchCount { plan_year: number; level: string; channel: string; batches: number }

export function batchesByYearChart(rows: readonly BatchCount[]) {
  return Plot.plot({
    marginLeft: 60,
    x: {label: "计划年度", tickFormat: "d"},
    y: {label: "批次", grid: true},
    color: {legend: true, label: "抽样环节", domain: ["生产", "流通", "电商"]},
    fx: {label: "抽查级别", domain: ["国家", "市级", "区县级"]},
    marks: [
      Plot.barY(rows, {fx: "level", x: "plan_year", y: "batches", fill: "channel", tip: true}),
      Plot.ruleY([0]),
    ],
  });
}
