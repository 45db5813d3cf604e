// The sampling plan page (article 11, src/workbench/plan.md): this year's batches against the
// plan per category, the plan's table columns, the flags in words, and the CSV download. The plan
// itself is computed by ./sampling-allocation.ts (the same code as `spotcheck plan`).
import * as Plot from "@observablehq/plot";
import {MIN_WIDTH} from "./rate-charts.js";
import {toExcelCsv} from "./excel-csv.js";
import {SAMPLING_PLAN_COLUMNS, SAMPLING_PLAN_HEADER, samplingPlanCells, type SamplingPlan, type SamplingPlanRow} from "./sampling-allocation.js";

/** The open flags of a row in words: "行业性、区域性1项" or "—". */
export function flagText(r: Pick<SamplingPlanRow, "industry_flag" | "regional_flags" | "item_flags">): string {
  return [r.industry_flag ? "行业性" : "", r.regional_flags ? `区域性${r.regional_flags}项` : "", r.item_flags ? `项目集中${r.item_flags}项` : ""]
    .filter(Boolean).join("、") || "—";
}

/** "+40" / "−12" / "0": the change against this year. */
export function changeText(change: number): string {
  return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : "0";
}

/** The columns the page's table shows (the CSV and xlsx have all of SAMPLING_PLAN_COLUMNS); on a phone the first five. */
export const PLAN_TABLE_COLUMNS: (keyof SamplingPlanRow)[] = [
  "product_category", "planned", "base_batches", "change", "industry_flag",
  "planned_production", "planned_distribution", "planned_ecommerce", "shrunken_rate", "interval_low",
];
export const PLAN_TABLE_COLUMNS_NARROW = PLAN_TABLE_COLUMNS.slice(0, 5);
export const PLAN_TABLE_HEADER: Partial<Record<keyof SamplingPlanRow, string>> = {
  ...SAMPLING_PLAN_HEADER, interval_low: "95%区间", industry_flag: "问题标记",
};

/** The plan as the Excel-safe CSV the page offers (same columns and headings as the xlsx). */
export function samplingPlanCsv(plan: Pick<SamplingPlan, "rows">): string {
  return toExcelCsv(SAMPLING_PLAN_COLUMNS.map((c) => SAMPLING_PLAN_HEADER[c]), samplingPlanCells(plan));
}

const THIS_YEAR = "今年";
const PLANNED = "计划";

/**
 * One line per category, from this year's batches (grey dot) to the plan (coloured dot and
 * arrow: green up, orange down), categories in the plan's order (most batches first).
 */
export function planChangeChart(rows: readonly SamplingPlanRow[], {width = 640, baseYear, planYear}: { width?: number; baseYear: number; planYear: number }) {
  const domain = rows.map((r) => r.product_category);
  const narrow = width < 560;
  const direction = (r: SamplingPlanRow) => (r.change > 0 ? "增加" : r.change < 0 ? "减少" : "持平");
  const points = rows.flatMap((r) => [
    {product_category: r.product_category, batches: r.base_batches, which: `${THIS_YEAR}（${baseYear}年）`},
    {product_category: r.product_category, batches: r.planned, which: `${PLANNED}（${planYear}年）`},
  ]);
  return Plot.plot({
    width: Math.max(MIN_WIDTH, width),
    height: 50 + rows.length * 18,
    marginLeft: narrow ? 118 : 170,
    marginRight: 16,
    x: {label: "批次", grid: true, nice: true, zero: true},
    y: {label: null, domain, tickFormat: (c: string) => (narrow && c.length > 8 ? `${c.slice(0, 7)}…` : c)},
    color: {legend: true, domain: ["增加", "减少", "持平"], range: ["#1a7f37", "#bc4c00", "#57606a"], label: "与今年相比"},
    symbol: {domain: points.slice(0, 2).map((p) => p.which), range: ["circle", "diamond"]},
    caption: `灰色圆点：今年（${baseYear}年）批次；蓝色菱形：${planYear}年计划批次；箭头从今年指向计划。`,
    marks: [
      Plot.arrow(rows.filter((r) => r.change !== 0), {
        y1: "product_category", y2: "product_category", x1: "base_batches", x2: "planned", stroke: direction, headLength: 6, insetEnd: 3,
      }),
      Plot.dot(points, {
        y: "product_category", x: "batches", symbol: "which", r: 3.5,
        fill: (d: { which: string }) => (d.which.startsWith(THIS_YEAR) ? "#8c959f" : "#0969da"),
        tip: true, title: (d: { product_category: string; which: string; batches: number }) => `${d.product_category}\n${d.which}：${d.batches}批`,
      }),
    ],
  });
}
