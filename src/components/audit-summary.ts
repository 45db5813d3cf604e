// The audit page's summaries (src/workbench/audit.md): findings per rule and per region,
// split into 违规 (the deadline has passed, or the rule was broken) and 计时中 (still
// running, can be done in time), and the chart of findings per rule.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {MIN_WIDTH} from "./rate-charts.js";

export const STATUS: Record<string, string> = {violation: "违规", open: "计时中"};

/** A row of the audit summary's counts: one rule, status and region. */
export interface FindingCount { rule: string; status: string; region_name: string | null; findings: number; max_days_over: number | null }
export interface AuditRule { id: string; article: number | string; title: string }

export interface RuleTotal { rule: string; title: string; violation: number; open: number }

/** "A49 第49条 …": the heading of a rule. */
export function ruleTitles(rules: readonly AuditRule[]): Map<string, string> {
  return new Map(rules.map((r) => [r.id, `${r.id} 第${r.article}条 ${r.title}`]));
}

/** Violations and running findings of each rule, in the rules' order. */
export function ruleTotals(rules: readonly AuditRule[], counts: readonly FindingCount[]): RuleTotal[] {
  const title = ruleTitles(rules);
  const sum = (rule: string, status: string) => d3.sum(counts.filter((c) => c.rule === rule && c.status === status), (c) => c.findings);
  return rules.map((r) => ({rule: r.id, title: title.get(r.id)!, violation: sum(r.id, "violation"), open: sum(r.id, "open")}));
}

/** Violations, running findings and the longest overrun of each region, most violations first. */
export function regionTotals(counts: readonly FindingCount[]) {
  const regions = d3.rollups(counts, (v) => ({
    violation: d3.sum(v.filter((c) => c.status === "violation"), (c) => c.findings),
    open: d3.sum(v.filter((c) => c.status === "open"), (c) => c.findings),
    max_days_over: d3.max(v, (c) => c.max_days_over),
  }), (c) => c.region_name).map(([region_name, s]) => ({region_name, ...s}));
  return d3.sort(regions, (d) => -d.violation);
}

/** Stacked bars per rule: violations red, running findings amber. */
export function auditRuleChart(totals: readonly RuleTotal[], {width = 640}: { width?: number } = {}) {
  return Plot.plot({
    width: Math.max(MIN_WIDTH, width),
    height: 40 + totals.length * 22,
    marginLeft: 300,
    x: {label: "发现数", grid: true},
    y: {label: null, domain: totals.map((r) => r.title)},
    color: {legend: true, domain: Object.values(STATUS), range: ["#c0392b", "#f0ad4e"]},
    marks: [
      Plot.barX(totals.flatMap((r) => [{title: r.title, status: STATUS.violation, n: r.violation}, {title: r.title, status: STATUS.open, n: r.open}]),
        Plot.stackX({y: "title", x: "n", fill: "status", tip: true})),
    ],
  });
}
