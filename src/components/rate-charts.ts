// Charts of 不合格发现率 with their 95% Wilson intervals, shared by the workbench and the
// briefing. Every chart states in its caption that it shows the non-conformity rate
// (not the pass rate) and that bars are 95% intervals.
//
// A chart with nothing to draw says so in words (noChartData): an axis frame with no marks
// reads as a drawing error, or as "zero" where there may simply be no batch (issue 12).
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {el} from "./dom.js";
import {percent, type RateInterval} from "./workbench-stats.js";

/** What a rate chart draws of a group: its counts, rate and 95% interval. */
export type RateStats = RateInterval & { inspected: number; failed: number };

/** Framework's `width` can be 0 for a moment (a hidden or resizing page): never lay a chart out narrower than its margins. */
export const MIN_WIDTH = 320;

/**
 * What every chart helper returns instead of a chart when nothing would be drawn: the reason,
 * in words. A block of text, so it prints as a line of the page (print.css keeps it whole).
 */
export function noChartData(message: string): HTMLParagraphElement {
  return el("p", {class: "chart-empty"}, message);
}

/** The words of a rate chart with no inspected batch, unless the caller names them. */
export const NO_RATE_DATA = "没有已检验的批次，无不合格发现率可绘。";

/** Groups a rate can be drawn for: at least one inspected batch. */
function withRate<T extends RateStats>(rows: readonly T[]): T[] {
  return rows.filter((d) => d.inspected > 0 && d.rate != null);
}

export interface RateIntervalOptions<T> {
  /** the field naming each group */
  key: keyof T & string;
  /** the y axis label; the key when not given */
  label?: string | null;
  width?: number;
  /** the groups from top to bottom; by falling rate when not given */
  order?: readonly (string | null)[];
  /** the group's label (the key's value when not given; a group without one is left out, as Plot leaves out null) */
  labelOf?: (d: T) => string | null;
  /** groups drawn red with a ▲ */
  marked?: (d: T) => boolean;
  /** the words shown instead of the chart when no group has an inspected batch */
  empty?: string;
}

/**
 * One row per group: a dot at the rate, a line for the 95% interval, the batch count
 * beside it. rows: [{[key], inspected, failed, rate, ci_low, ci_high}].
 */
export function rateIntervalChart<T extends RateStats>(rows: T[], {key, label = key, width = 640, order, labelOf = (d) => d[key] as string | null, marked = () => false, empty = NO_RATE_DATA}: RateIntervalOptions<T>) {
  if (withRate(rows).length === 0) return noChartData(empty);
  width = Math.max(MIN_WIDTH, width);
  const names = order ?? d3.sort(rows, (d) => -(d.rate ?? 0)).map(labelOf);
  const longest = d3.max(names, (s) => String(s).length) ?? 4;
  return Plot.plot({
    width,
    height: 50 + names.length * 24,
    marginLeft: Math.min(220, 14 * longest + 16),
    marginRight: 130,
    marginBottom: 40,
    x: {
      label: "不合格发现率（点：发现率；线：95% Wilson 区间）", labelAnchor: "center", labelArrow: "none",
      tickFormat: (d: number) => percent(d, 0), grid: true, domain: [0, Math.max(0.05, d3.max(rows, (d) => d.ci_high) ?? 0)],
    },
    y: {label, domain: names},
    marks: [
      Plot.ruleY(rows, {y: labelOf, x1: "ci_low", x2: "ci_high", stroke: "#777", strokeWidth: 2}),
      Plot.dot(rows, {
        y: labelOf, x: "rate", r: 4,
        fill: (d) => (marked(d) ? "#c0392b" : "#1f4e79"),
        symbol: (d) => (marked(d) ? "triangle" : "circle"),
      }),
      Plot.text(rows, {
        y: labelOf, x: "ci_high", dx: 6, textAnchor: "start", fontSize: 10,
        text: (d) => `${percent(d.rate)}（${d.failed}/${d.inspected}）${marked(d) ? " ▲" : ""}`,
      }),
      Plot.tip(rows, Plot.pointerY({
        y: labelOf, x: "rate",
        title: (d) => `${labelOf(d)}\n检验 ${d.inspected} 批次，不合格 ${d.failed} 批次\n发现率 ${percent(d.rate)}，95% 区间 ${percent(d.ci_low)}–${percent(d.ci_high)}`,
      })),
    ],
  });
}

/** Rate by quarter: a line with its 95% interval band, one series per `series` value when given. */
export function rateTrendChart<T extends RateStats>(rows: T[], {x = "quarter" as keyof T & string, series, width = 640, height = 260, minPoints = 1, empty = NO_RATE_DATA}: {
  x?: keyof T & string; series?: keyof T & string; width?: number; height?: number;
  /** fewer x values with an inspected batch than this: the words instead (a trend needs two quarters, and its band two points) */
  minPoints?: number;
  empty?: string;
} = {}) {
  if (new Set(withRate(rows).map((d) => String(d[x]))).size < Math.max(1, minPoints)) return noChartData(empty);
  width = Math.max(MIN_WIDTH, width);
  const quarters = [...new Set(rows.map((d) => String(d[x])))].sort();
  return Plot.plot({
    width,
    height,
    marginBottom: 40,
    x: {label: "抽样季度", domain: quarters, type: "point", padding: 0.3},
    y: {label: "不合格发现率（带：95% 区间）", tickFormat: (d: number) => percent(d, 0), grid: true, zero: true},
    color: series ? {legend: true, label: "抽样环节"} : undefined,
    marks: [
      Plot.areaY(rows, {x, y1: "ci_low", y2: "ci_high", z: series, fill: series ?? "#1f4e79", fillOpacity: 0.15}),
      Plot.line(rows, {x, y: "rate", z: series, stroke: series ?? "#1f4e79", strokeWidth: 2}),
      Plot.dot(rows, {x, y: "rate", fill: series ?? "#1f4e79", symbol: series, r: 3}),
      Plot.tip(rows, Plot.pointer({
        x, y: "rate",
        title: (d: T) => `${d[x]}${series ? " " + d[series] : ""}\n检验 ${d.inspected} 批次，不合格 ${d.failed} 批次\n发现率 ${percent(d.rate)}，95% 区间 ${percent(d.ci_low)}–${percent(d.ci_high)}`,
      })),
    ],
  });
}
