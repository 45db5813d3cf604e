// The pieces of the quarterly briefing (src/briefing/[quarter].md): numbered figures,
// plain tables with right-aligned numbers, and the overdue statutory steps by region.
// Everything is kept whole on paper by print.css (.briefing-block, figure, table).
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {el, type Child} from "./dom.js";
import {noChartData} from "./rate-charts.js";
import {producerHref} from "./producer-shard.js";
import {offenceBatch} from "./repeat-offenders.js";

/** A page a leader reads in five minutes: long lists stop after this many rows (the CLI prints them all). */
export const TABLE_ROWS = 15;

/** 1,234 style; "—" when missing. */
export function count(v: number | null | undefined): string {
  return v == null ? "—" : v.toLocaleString("zh-CN");
}

/** A change of rate in percentage points: "+1.2 个百分点", "持平", "—". */
export function pointChange(c: number | null | undefined): string {
  return c == null ? "—" : c === 0 ? "持平" : `${c > 0 ? "+" : "−"}${Math.abs(c).toFixed(1)} 个百分点`;
}

/** A column: [field, heading, numeric (right-aligned), format (value, row) → content]. */
export type BriefingColumn<T> = readonly [key: keyof T & string, label: string, numeric?: boolean, format?: (value: any, row: T) => Child];

/** The document's title: the quarter and its 文号, so that every quarter's PDF has its own. */
export function briefingTitle(data: { label: string; document: { number: string } }): string {
  return `${data.label}产品质量监督抽查简报（${data.document.number}）`;
}

/** A block that stays on one page in print. */
export function briefingBlock(...children: Child[]): HTMLDivElement {
  return el("div", {class: "briefing-block"}, ...children);
}

/** A table of `rows` with a header row; numeric columns right-aligned in tabular figures. */
export function briefingTable<T extends object>(columns: readonly BriefingColumn<T>[], rows: readonly T[]): HTMLTableElement {
  return el("table", {class: "briefing-table"},
    el("thead", null, el("tr", null, columns.map(([, label, numeric]) => el("th", {scope: "col", class: numeric ? "num" : ""}, label)))),
    el("tbody", null, rows.map((row) => el("tr", null, columns.map(([key, , numeric, format]) =>
      el("td", {class: numeric ? "num" : ""}, format ? format(row[key], row) : (row[key] as Child)))))));
}

/**
 * 图n with its caption under the chart. Plot names each mark's <g> with an English
 * aria-label ("dot", "rule", "tip") that ARIA does not allow on an element without a role
 * (axe: aria-prohibited-attr, serious) and that says nothing to a reader: they are dropped.
 * The figure is named by its caption; the numbers are in the text and the tables beside it.
 */
export function briefingFigure(number: number, caption: string, chart: Child): HTMLElement {
  if (chart instanceof Element) {
    for (const group of chart.querySelectorAll("g[aria-label]:not([role])")) group.removeAttribute("aria-label");
  }
  return el("figure", {class: "briefing-chart briefing-block"}, chart, el("figcaption", null, `图${number}　${caption}`));
}

/**
 * When a list was cut at TABLE_ROWS: how many regions are left out, and, on screen only, the
 * command that lists them all — a briefing sent up to leadership carries no command line.
 */
export function regionsLeftOut(total: number, quarter: string): Child {
  return total > TABLE_ROWS
    ? el("p", {class: "briefing-meta"}, `另有 ${total - TABLE_ROWS} 个区县未列出`,
      el("span", {class: "no-print"}, "；完整清单：", el("code", null, `npx spotcheck briefing ${quarter}`)), "。")
    : "";
}

/** A row of loaders/briefing/briefing_overdue_by_region.sql: one rule's overdue steps in one region. */
export interface OverdueRow { region_name: string; rule: string; article: number; overdue: number; max_days_over: number }

export interface OverdueRegion { region_name: string; overdue: number; max_days_over: number | undefined; rules: string }

/** Overdue steps summed by region, most first; `rules` lists each rule with its article and count. */
export function overdueByRegion(rows: readonly OverdueRow[]): OverdueRegion[] {
  const regions = d3.rollups(rows, (v) => ({
    overdue: d3.sum(v, (d) => d.overdue),
    max_days_over: d3.max(v, (d) => d.max_days_over),
    rules: d3.sort(v, (d) => -d.overdue).map((d) => `${d.rule}（第${d.article}条）${d.overdue}件`).join("、"),
  }), (d) => d.region_name).map(([region_name, s]) => ({region_name, ...s}));
  return d3.sort(regions, (d) => -d.overdue);
}

/** Margins of the overdue chart: the bars' band is what is left of the height, never nothing. */
const OVERDUE_MARGIN_TOP = 10;
const OVERDUE_MARGIN_BOTTOM = 40;
const OVERDUE_ROW_HEIGHT = 22;

/**
 * Bars of overdue steps for the 20 regions with the most. The height is the margins plus a
 * row per region: with one region, a height that did not leave room for the x axis gave the
 * bar a band of zero height (an empty chart, issue 12). No region with an overdue step: words.
 */
export function overdueChart(regions: readonly OverdueRegion[], {width, empty = "本季度没有逾期的法定程序。"}: { width: number; empty?: string }) {
  const shown = regions.filter((d) => d.overdue > 0).slice(0, 20);
  if (shown.length === 0) return noChartData(empty);
  return Plot.plot({
    width,
    height: OVERDUE_MARGIN_TOP + OVERDUE_MARGIN_BOTTOM + shown.length * OVERDUE_ROW_HEIGHT,
    marginTop: OVERDUE_MARGIN_TOP,
    marginBottom: OVERDUE_MARGIN_BOTTOM,
    marginLeft: 130,
    marginRight: 30,
    x: {label: "逾期件数", grid: true, tickFormat: "d", ticks: Math.min(8, d3.max(shown, (d) => d.overdue) ?? 1)},
    y: {label: null, domain: shown.map((d) => d.region_name)},
    marks: [
      Plot.barX(shown, {y: "region_name", x: "overdue", fill: "#8c2d04"}),
      Plot.text(shown, {y: "region_name", x: "overdue", text: "overdue", dx: 4, textAnchor: "start"}),
    ],
  });
}

/** A row of the briefing's 跟踪抽查仍不合格企业 (loaders/analysis/repeat_offenders.sql, the quarter's new ones). */
export interface BriefingRepeatOffender {
  producer_id: string; producer_name: string; producer_uscc: string | null; product_category: string;
  first_sample_id: string; first_sampling_date: string; first_failed_items: string[];
  repeat_sample_id: string; repeat_sampling_date: string; repeat_failed_items: string[];
  failures: number; bureau_actions: string[];
}


/** The bureau's steps without their dates ("责令整改 2025-02-01" → "责令整改"): a leader reads what was done; the workbench has the days. */
export function actionNames(actions: readonly string[]): string {
  return actions.map((a) => a.split(" ")[0]).join("、") || "未见记录";
}

/**
 * Rows of the repeat-offender table on paper: its cells run to two or three lines (two batches
 * with their items), and a table is kept whole on one A4 page (print.css) — 12 such rows fit one
 * with the section's heading; more split the table over two pages. The CLI prints them all.
 */
export const REPEAT_ROWS = 12;

/** The section's table: the producer, both batches, the failures in all, the bureau's steps on the first failure. */
export function repeatOffendersBlock(rows: readonly BriefingRepeatOffender[], quarter: string): HTMLDivElement {
  const table = briefingTable<BriefingRepeatOffender>([
    // on screen each producer links its record in the workbench (the same intranet site); on paper it is plain text (print.css)
    ["producer_name", "标称生产者", false, (name: string, r) => el("a", {href: producerHref(r.producer_id, "../workbench/producer")}, name)],
    ["product_category", "产品类别"],
    ["first_sample_id", "首次不合格", false, (_, r) => offenceBatch(r.first_sample_id, r.first_sampling_date, r.first_failed_items)],
    ["repeat_sample_id", "再次不合格", false, (_, r) => offenceBatch(r.repeat_sample_id, r.repeat_sampling_date, r.repeat_failed_items)],
    ["failures", "不合格次数", true, count],
    ["bureau_actions", "对首次不合格的处置", false, (v: string[]) => actionNames(v)],
  ], rows.slice(0, REPEAT_ROWS));
  return briefingBlock(table, rows.length > REPEAT_ROWS
    ? el("p", {class: "briefing-meta"}, `另有 ${rows.length - REPEAT_ROWS} 家次未列出`,
      el("span", {class: "no-print"}, "；完整清单：", el("code", null, `npx spotcheck briefing ${quarter}`)), "。")
    : "");
}
