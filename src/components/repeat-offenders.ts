// The list of 跟踪抽查仍不合格的生产者 (src/workbench/repeat-offenders.md, issue 14): a
// producer that failed in a product category, then failed again in the same category in a
// batch sampled after the first failure's report (loaders/analysis/repeat_offenders.sql).
// Each row: the producer (linked to its page), both batches, the failures in all, and what
// the bureau did about the first failure (articles 65–68). The CSV has the same rows.
import {el} from "./dom.js";
import {csvForExcel} from "./excel-csv.js";
import {producerHref} from "./producer-shard.js";

export interface RepeatOffenderRow {
  producer_id: string; producer_name: string; producer_uscc: string | null; product_category: string;
  first_sample_id: string; first_sampling_date: string; first_report_date: string; first_failed_items: string[];
  repeat_sample_id: string; repeat_sampling_date: string; repeat_failed_items: string[];
  failures: number; bureau_actions: string[];
}

/** One batch of a repeat offence: "CQ2025-0001（2025-03-01，导体电阻）" (the briefing's table too). */
export function offenceBatch(sampleId: string, date: string, items: readonly string[]): string {
  return `${sampleId}（${date}，${items.join("、") || "—"}）`;
}

/** The table, every producer linked to /workbench/producer?id=…; no rows: a sentence. */
export function repeatOffendersTable(rows: readonly RepeatOffenderRow[], asOf: string): HTMLElement {
  if (!rows.length) return el("p", null, `截至 ${asOf}，没有跟踪抽查仍不合格的生产者。`);
  const head = ["标称生产者", "统一社会信用代码", "产品类别", "首次不合格", "再次不合格", "不合格次数", "后续处置"];
  return el("div", {class: "producer-scroll", tabindex: 0, role: "region", "aria-label": "跟踪抽查仍不合格企业表"},
    el("table", null,
      el("thead", null, el("tr", null, head.map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", null, rows.map((r) => el("tr", null,
        el("th", {scope: "row"}, el("a", {href: producerHref(r.producer_id)}, r.producer_name)),
        el("td", null, r.producer_uscc ?? "—"),
        el("td", null, r.product_category),
        el("td", null, offenceBatch(r.first_sample_id, r.first_sampling_date, r.first_failed_items)),
        el("td", null, offenceBatch(r.repeat_sample_id, r.repeat_sampling_date, r.repeat_failed_items)),
        el("td", {class: "num"}, r.failures),
        el("td", null, r.bureau_actions.length ? el("ol", {class: "producer-steps"}, r.bureau_actions.map((a) => el("li", null, a))) : "未见记录"),
      )))));
}

/** The rows as an Excel-safe CSV (excel-csv.ts): lists joined with 、 and ；. */
export function repeatOffendersCsv(rows: readonly RepeatOffenderRow[]): string {
  const flat = rows.map((r) => ({
    producer_name: r.producer_name, producer_uscc: r.producer_uscc ?? "", product_category: r.product_category,
    first_sample_id: r.first_sample_id, first_sampling_date: r.first_sampling_date, first_report_date: r.first_report_date,
    first_failed_items: r.first_failed_items.join("、"), repeat_sample_id: r.repeat_sample_id, repeat_sampling_date: r.repeat_sampling_date,
    repeat_failed_items: r.repeat_failed_items.join("、"), failures: r.failures, bureau_actions: r.bureau_actions.join("；"),
  }));
  return csvForExcel(flat, ["producer_name", "producer_uscc", "product_category", "first_sample_id", "first_sampling_date", "first_report_date",
    "first_failed_items", "repeat_sample_id", "repeat_sampling_date", "repeat_failed_items", "failures", "bureau_actions"], {
    producer_name: "标称生产者", producer_uscc: "统一社会信用代码", product_category: "产品类别",
    first_sample_id: "首次不合格样品编号", first_sampling_date: "首次抽样日期", first_report_date: "首次报告日期", first_failed_items: "首次不合格项目",
    repeat_sample_id: "再次不合格样品编号", repeat_sampling_date: "再次抽样日期", repeat_failed_items: "再次不合格项目",
    failures: "不合格次数", bureau_actions: "后续处置",
  });
}
