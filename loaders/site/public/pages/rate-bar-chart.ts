// 不合格发现率 as bars (the annual report's five-year chart, its enterprise sizes and channels,
// issue 14), an inline SVG drawn in Node at export time like history-chart.ts: readable with
// JavaScript off, printable, d3-scale places the bars, no DOM. role="img" with a Chinese
// <title> and aria-label; the page puts the same numbers in a table beside it (WCAG 1.1.1).
// Colours are presentation attributes, so the chart looks the same on the public pages and on
// the leadership's page, which has no public.css classes for it.
import { scaleBand, scaleLinear } from "d3-scale";
import { percentText } from "../../../core/format.ts";
import { escapeHtml, raw, type SafeHtml } from "./html.ts";

export interface RateBar { label: string; rate: number; failed: number; batches: number }

const WIDTH = 560;
const HEIGHT = 240;
// the labels are 17 units: a phone draws the 560-unit chart some 360 px wide, so they print at 11 px there
const MARGIN = { top: 26, right: 16, bottom: 46, left: 56 };
const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** One sentence for the title and aria-label: what is drawn, and every bar's rate. */
export function rateBarsSummary(what: string, bars: readonly RateBar[]): string {
  if (!bars.length) return `${what}：没有数据`;
  return `${what}柱状图：${bars.map((b) => `${b.label}${percentText(b.rate)}（${b.failed}/${b.batches}批次）`).join("，")}。`;
}

/** The SVG markup (our own: numbers and escaped labels only). `axis` names the bars' axis (年份, 抽样环节…). */
export function rateBarChartSvg(what: string, axis: string, bars: readonly RateBar[]): SafeHtml {
  const summary = escapeHtml(rateBarsSummary(what, bars));
  if (!bars.length) return raw(`<p>${summary}</p>`);
  const x = scaleBand<string>().domain(bars.map((b) => b.label)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.35);
  const y = scaleLinear().domain([0, Math.max(0.05, ...bars.map((b) => b.rate))]).nice(4).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const grid = y.ticks(4).map((t) =>
    `<g><line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n1(y(t))}" y2="${n1(y(t))}" stroke="#e0e0e0"/>` +
    `<text x="${MARGIN.left - 6}" y="${n1(y(t))}" dy="0.32em" text-anchor="end" fill="#545454">${Math.round(t * 1000) / 10}%</text></g>`).join("");
  const marks = bars.map((b) => {
    const left = x(b.label)!;
    const top = y(b.rate);
    const centre = n1(left + x.bandwidth() / 2);
    return `<rect x="${n1(left)}" y="${n1(top)}" width="${n1(x.bandwidth())}" height="${n1(HEIGHT - MARGIN.bottom - top)}" fill="#a4161a"/>` +
      `<text x="${centre}" y="${n1(top - 6)}" text-anchor="middle" fill="#1f1f1f">${escapeHtml(percentText(b.rate))}</text>` +
      `<text x="${centre}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle" fill="#545454">${escapeHtml(b.label)}</text>`;
  }).join("");
  return raw(`<svg class="history-chart rate-bars" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg" style="font-size:17px">` +
    `<title>${summary}</title>${grid}` +
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}" stroke="#545454"/>` +
    `${marks}<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 4}" text-anchor="middle" fill="#545454">${escapeHtml(axis)}</text></svg>`);
}
