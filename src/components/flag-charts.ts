// The problem flags of article 72 (src/workbench/flags.md): their kinds, periods, and the
// count of flags of each kind.
import * as Plot from "@observablehq/plot";

export const FLAG_RULES: Record<string, string> = {regional: "区域性问题", industry: "行业性问题", item: "不合格项目集中"};

/** "2025年", or 近三年合计 for the pooled period. */
export function periodLabel(period: string): string {
  return period === "all" ? "近三年合计" : `${period}年`;
}

/** Bars: how many flags of each kind, coloured by period. */
export function flagCountChart(flags: readonly { rule: string; period: string }[]) {
  return Plot.plot({
    height: 40 + 3 * 30,
    marginLeft: 110,
    x: {label: "标记数", grid: true, tickFormat: (d: number) => (Number.isInteger(d) ? d : "")},
    y: {label: null, domain: Object.values(FLAG_RULES)},
    color: {legend: true, label: "期间"},
    marks: [Plot.barX(flags, Plot.groupY({x: "count"}, {y: (d: { rule: string }) => FLAG_RULES[d.rule] ?? d.rule, fill: (d: { period: string }) => periodLabel(d.period), tip: true}))],
  });
}
