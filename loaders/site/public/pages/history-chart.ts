// A category's quarterly 不合格发现率 as an inline SVG, drawn in Node at export time (issue 12:
// the category page is readable with JavaScript off, so the chart cannot be drawn in the
// browser). d3-scale places the points and d3-shape draws the line as a path string; no DOM.
// The SVG is role="img" with a Chinese <title> and aria-label that say what it shows; the page
// puts the same numbers in a table beside it (the text alternative, WCAG 1.1.1).
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { percentText } from "../../../core/format.ts";
import { quarterLabelWithDigit } from "../../../core/periods.ts";
import { escapeHtml, raw, type SafeHtml } from "./html.ts";

export interface HistoryPoint { quarter: string; batches: number; failed: number; rate: number; ci_low: number; ci_high: number }

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 52 };

/** One sentence for the chart's title and aria-label: the span, the latest rate, the highest. */
export function historySummary(category: string, history: readonly HistoryPoint[]): string {
  if (!history.length) return `${category}：尚无已公开的季度数据`;
  const first = history[0];
  const last = history.at(-1)!;
  const highest = history.reduce((a, b) => (b.rate > a.rate ? b : a));
  const span = history.length === 1
    ? `${quarterLabelWithDigit(first.quarter)}`
    : `${quarterLabelWithDigit(first.quarter)}至${quarterLabelWithDigit(last.quarter)}共${history.length}个季度`;
  return `${category}各季度不合格发现率折线图（竖线为95%置信区间）：${span}；` +
    `${quarterLabelWithDigit(last.quarter)}为${percentText(last.rate)}（${last.failed}/${last.batches}批次）` +
    (history.length > 1 ? `，最高为${quarterLabelWithDigit(highest.quarter)}的${percentText(highest.rate)}` : "") + "。";
}

const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** The SVG markup (our own, numbers and escaped labels only). */
export function historyChartSvg(category: string, history: readonly HistoryPoint[]): SafeHtml {
  const summary = escapeHtml(historySummary(category, history));
  if (!history.length) return raw(`<p>${summary}</p>`);
  const x = scalePoint<string>().domain(history.map((d) => d.quarter)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.5);
  const top = Math.max(0.05, ...history.map((d) => d.ci_high));
  const y = scaleLinear().domain([0, top]).nice(4).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<HistoryPoint>().x((d) => x(d.quarter)!).y((d) => y(d.rate))(history) ?? "";
  const grid = y.ticks(4).map((t) =>
    `<g><line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n1(y(t))}" y2="${n1(y(t))}" class="hc-grid"/>` +
    `<text x="${MARGIN.left - 6}" y="${n1(y(t))}" dy="0.32em" text-anchor="end">${Math.round(t * 1000) / 10}%</text></g>`).join("");
  // at most 8 quarter labels, so they never overlap (every quarter is in the table below)
  const every = Math.ceil(history.length / 8);
  const labels = history.map((d, i) => i % every === 0
    ? `<text x="${n1(x(d.quarter)!)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escapeHtml(d.quarter)}</text>` : "").join("");
  const marks = history.map((d) => {
    const cx = n1(x(d.quarter)!);
    return `<line x1="${cx}" x2="${cx}" y1="${n1(y(d.ci_low))}" y2="${n1(y(d.ci_high))}" class="hc-ci"/>` +
      `<circle cx="${cx}" cy="${n1(y(d.rate))}" r="4" class="hc-dot"/>`;
  }).join("");
  return raw(`<svg class="history-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${summary}</title>${grid}` +
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}" class="hc-axis"/>` +
    `${labels}<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 4}" text-anchor="middle">抽查季度</text>` +
    `<path d="${path}" class="hc-line"/>${marks}</svg>`);
}
