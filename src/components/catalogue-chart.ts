// The catalogue draft (article 10, src/workbench/catalogue.md): each category's score as
// the stack of its parts, ranked, and the columns of its table and CSV export.
import * as Plot from "@observablehq/plot";
import {MIN_WIDTH} from "./rate-charts.js";

/** The parts of a category's score (loaders/analysis/catalogue.ts), in stacking order. */
export const CATALOGUE_PARTS: [key: string, label: string][] = [
  ["rate_points", "发现率（收缩后）"],
  ["serious_points", "严重质量问题（第七十一条）"],
  ["flag_points", "问题标记（第七十二条）"],
  ["trend_points", "上升趋势"],
  ["uncertainty_points", "数据不足"],
];

/** A row of the catalogue draft: the fields the chart reads (the table shows more). */
export interface CatalogueRow { product_category: string; rank: number; score: number; [part: string]: unknown }

/** Every column of the CSV export, in order. */
export const CATALOGUE_COLUMNS = ["rank", "product_category", "score", ...CATALOGUE_PARTS.map(([key]) => key), "batches", "failed", "raw_rate",
  "shrunken_rate", "probability_above", "serious_count", "flag_count", "trend", "explanation"];

/** The Chinese heading of each column. */
export const CATALOGUE_HEADER: Record<string, string> = {
  rank: "排名", product_category: "产品类别", score: "得分", ...Object.fromEntries(CATALOGUE_PARTS.map(([key, label]) => [key, `得分：${label}`])),
  batches: "检验批次", failed: "不合格批次", raw_rate: "原始发现率", shrunken_rate: "收缩后发现率", probability_above: "高于全市水平的概率",
  serious_count: "严重质量问题批次", flag_count: "问题标记数", trend: "趋势（百分点/年）", explanation: "说明",
};

/** The first `top` categories as stacked bars of their score parts, with rank and score at the end. */
export function catalogueScoreChart(rows: readonly CatalogueRow[], top: number, {width = 640}: { width?: number } = {}) {
  const shown = rows.slice(0, top);
  const parts = shown.flatMap((r) => CATALOGUE_PARTS.map(([key, label]) => ({product_category: r.product_category, rank: r.rank, part: label, points: (r[key] as number | null) ?? 0})));
  return Plot.plot({
    width: Math.max(MIN_WIDTH, width),
    height: 60 + Math.min(top, rows.length) * 20,
    marginLeft: 160,
    x: {label: "得分（各部分之和）", grid: true},
    y: {label: null, domain: shown.map((r) => r.product_category)},
    color: {legend: true, domain: CATALOGUE_PARTS.map(([, label]) => label), scheme: "tableau10"},
    marks: [
      Plot.barX(parts, Plot.stackX({y: "product_category", x: "points", fill: "part", tip: true})),
      Plot.text(shown, {y: "product_category", x: "score", text: (r: CatalogueRow) => `${r.rank}. ${r.score.toFixed(1)}`, dx: 4, textAnchor: "start", fontSize: 10}),
    ],
  });
}
