// A producer's page in the workbench (src/workbench/producer.md, issue 14): who it is,
// whether it failed again after a first failure (跟踪抽查仍不合格), every batch with its final
// conclusion, how that became final and its lifecycle steps, the audit findings on its
// batches and the problem flags whose cell holds one of them. The record is
// loaders/analysis/producer-record.ts's, as the export wrote it. Plain tables (each in a
// focusable, named scroll box: a phone scrolls them sideways inside the box, not the page).
import {el, type Child} from "./dom.js";
import {FLAG_RULES, periodLabel} from "./flag-charts.js";
import {STATUS} from "./audit-summary.js";

export interface RecordEvent { event: string; date: string; result: string | null; agency: string | null }
export interface RecordBatch {
  sample_id: string; task_id: string; product_category: string; product_name: string; brand: string | null; model: string | null;
  sampling_date: string; quarter: string; level: string; kind: string; channel: string; sampled_name: string; sampled_region: string;
  outcome: string; report_date: string | null; initial_conclusion: string | null; final_conclusion: string | null; final_by: string | null;
  revoked: boolean; how_final: string; failed_items: string[]; initial_failed_items: string[]; serious: boolean;
  events: RecordEvent[]; published: boolean | null; held_by: string | null;
}
export interface RecordFinding { sample_id: string; rule: string; article: number; severity: string; status: string; due: string | null; days_over: number | null; days_left: number | null; sentence: string }
export interface RecordFlag { rule: string; period: string; product_category: string; region_name: string | null; item: string | null; inspected: number; failed: number; sentence: string; sample_ids: string[] }
export interface RecordRepeat {
  product_category: string; first_sample_id: string; first_sampling_date: string; first_failed_items: string[];
  repeat_sample_id: string; repeat_sampling_date: string; repeat_failed_items: string[]; failures: number; bureau_actions: string[];
}
export interface ProducerRecord {
  producer: {
    producer_id: string; producer_uscc: string | null; producer_name: string; names: string[]; producer_address: string | null;
    producer_region: string | null; producer_scope: string | null; batches: number; concluded: number; failed: number;
    first_sampling_date: string; last_sampling_date: string;
  };
  batches: RecordBatch[]; findings: RecordFinding[]; flags: RecordFlag[]; repeat_offences: RecordRepeat[];
}
export interface ProducerIndex { as_of: string; producers: number; shards: number; derived: { audit_findings: boolean; flags: boolean; disclosure_status: boolean } }

const dash = (v: Child) => (v === null || v === undefined || v === "" ? "—" : v);

/** A table in a scroll box that the keyboard reaches and a screen reader names. */
function scrollTable(label: string, head: string[], rows: Child[][]): HTMLElement {
  return el("div", {class: "producer-scroll", tabindex: 0, role: "region", "aria-label": label},
    el("table", null,
      el("caption", {class: "producer-caption"}, label),
      el("thead", null, el("tr", null, head.map((h) => el("th", {scope: "col"}, h)))),
      el("tbody", null, rows.map((cells) => el("tr", null, cells.map((c, i) => (i === 0 ? el("th", {scope: "row"}, c) : el("td", null, c))))))));
}

/** The final conclusion (a symbol and words, never colour alone), with how it became final under it. */
function verdict(b: RecordBatch): Child {
  const fail = b.final_conclusion === "不合格";
  return [
    b.final_conclusion === null ? el("span", null, "无最终结论")
      : el("strong", {class: fail ? "producer-fail" : "producer-pass"}, `${fail ? "✗" : "✓"} ${b.final_conclusion}`),
    el("div", {class: "producer-how"}, b.how_final),
  ];
}

function publication(b: RecordBatch): string {
  if (b.published === null) return "—";
  return b.published ? "已公开" : `暂缓公开（${b.held_by ?? "—"}）`;
}

/** Each batch's lifecycle steps, one disclosure per batch (open for a failing one): readable on a phone without sideways scrolling. */
function steps(batches: readonly RecordBatch[]): Child {
  return batches.map((b) => el("details", {class: "producer-life", open: b.final_conclusion === "不合格"},
    el("summary", null, `${b.sample_id} · ${b.sampling_date} · ${b.product_name} · ${b.final_conclusion ?? "无最终结论"}（${b.events.length} 项）`),
    b.events.length
      ? el("ol", {class: "producer-steps"}, b.events.map((e) => el("li", null,
        `${e.date} ${e.event}${e.result ? `（${e.result}）` : ""}${e.agency ? ` · ${e.agency}` : ""}`)))
      : el("p", null, "没有登记任何后续事项。")));
}

/** 跟踪抽查仍不合格: one sentence per category in which it failed again. */
function repeatNotice(repeats: readonly RecordRepeat[]): HTMLElement {
  if (!repeats.length) return el("p", null, "不属于跟踪抽查仍不合格的生产者（同一产品类别在首次不合格报告之后抽样未再不合格）。");
  return el("div", {class: "producer-alert", role: "note"},
    el("p", null, el("strong", null, "跟踪抽查仍不合格"), "（同一产品类别，首次不合格报告之后抽样仍不合格）："),
    el("ul", null, repeats.map((r) => el("li", null,
      `${r.product_category}：首次 ${r.first_sample_id}（${r.first_sampling_date}，${r.first_failed_items.join("、") || "—"}），` +
      `再次 ${r.repeat_sample_id}（${r.repeat_sampling_date}，${r.repeat_failed_items.join("、") || "—"}），共 ${r.failures} 次不合格；` +
      `后续处置：${r.bureau_actions.join("；") || "未见责令整改、复查或社会公告记录"}。`))));
}

/** The page's body for one record; `null` when the id names no producer of the export. */
export function producerRecordView(record: ProducerRecord | undefined, {id, index}: { id: string | null; index: ProducerIndex }): HTMLElement {
  if (!id) {
    return el("p", null, "在下面按企业名称或统一社会信用代码搜索，或从分析工作台的列表（程序审计的证据、跟踪抽查仍不合格企业、季度简报）点击企业名称进入本页；命令行：",
      el("code", null, "npx spotcheck producer <统一社会信用代码或企业名称>"), "。");
  }
  if (!record) {
    return el("p", {class: "producer-alert", role: "alert"}, `截至 ${index.as_of}，没有编号为“${id}”的生产者（统一社会信用代码，或无代码时的 name:企业名称）。`);
  }
  const p = record.producer;
  const facts: [string, Child][] = [
    ["统一社会信用代码", p.producer_uscc ?? "（批次未登记，按名称识别）"],
    ["其他写法", p.names.length > 1 ? p.names.filter((n) => n !== p.producer_name).join("、") : "—"],
    ["地址", `${p.producer_address ?? "—"}（${p.producer_region ?? "—"}${p.producer_scope ? `，${p.producer_scope}` : ""}）`],
    ["抽查批次", `${p.batches} 批次（${p.first_sampling_date} 至 ${p.last_sampling_date}），有最终结论 ${p.concluded}，不合格 ${p.failed}`],
  ];
  const missing = (table: keyof ProducerIndex["derived"]) => (index.derived[table] ? null : el("p", {class: "producer-alert", role: "alert"}, "派生表尚未刷新（npx spotcheck refresh），此项暂无数据。"));
  return el("div", {class: "producer-record"},
    el("h1", null, p.producer_name),
    el("dl", {class: "producer-facts"}, facts.map(([k, v]) => el("div", null, el("dt", null, k), el("dd", null, v)))),
    repeatNotice(record.repeat_offences),
    el("h2", null, `抽查批次（${record.batches.length}）`),
    el("p", {class: "small muted"}, "最终结论：有复检结论的以复检为准（第五十八条）；异议成立撤销的初检结论不计（第五十四条）。不合格项目为最终结论的项目。"),
    scrollTable("抽查批次表", ["样品编号", "抽样日期", "产品", "级别 / 环节", "最终结论（如何生效）", "不合格项目", "公开"],
      record.batches.map((b) => [
        b.sample_id, b.sampling_date, `${b.product_category} · ${b.product_name}`, `${b.level} / ${b.channel}`,
        verdict(b), dash(b.failed_items.join("、")), publication(b),
      ])),
    el("h2", null, "各批次的后续事项"),
    el("p", {class: "small muted"}, "报告报送、不合格告知、异议与复检、责令整改、复查、社会公告等（第四十九至六十八条），按日期排列。"),
    steps(record.batches),
    el("h2", null, `程序审计发现（${record.findings.length}）`),
    missing("audit_findings") ?? (record.findings.length
      ? scrollTable("程序审计发现表", ["样品编号", "规则", "状态", "截止日", "说明"],
        record.findings.map((f) => [f.sample_id, `${f.rule}（第${f.article}条）`, STATUS[f.status] ?? f.status, dash(f.due), f.sentence]))
      : el("p", null, "该企业的批次没有程序审计发现。")),
    el("h2", null, `涉及本企业批次的问题标记（${record.flags.length}）`),
    missing("flags") ?? (record.flags.length
      ? scrollTable("问题标记表", ["期间", "类型", "产品类别", "区县 / 项目", "本企业批次", "说明"],
        record.flags.map((f) => [periodLabel(f.period), FLAG_RULES[f.rule] ?? f.rule, f.product_category, f.region_name ?? f.item ?? "（全市）", f.sample_ids.join("、"), f.sentence]))
      : el("p", null, "没有问题标记（第七十二条）的单元包含该企业的批次。")),
  );
}

/** One row of producer-names.json: [id, name, USCC, batches, failed, repeat offender (1/0)]. */
export type ProducerName = [id: string, name: string, uscc: string | null, batches: number, failed: number, repeat: number];

/** How many matches the search lists (the rest: refine the words). */
export const SEARCH_LIMIT = 50;

/** Producers whose name or USCC contains the text (case-insensitive), repeat offenders and most failures first. */
export function searchProducers(names: readonly ProducerName[], text: string): ProducerName[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  return names.filter(([, name, uscc]) => name.toLowerCase().includes(needle) || (uscc ?? "").toLowerCase().includes(needle))
    .sort((a, b) => b[5] - a[5] || b[4] - a[4] || a[1].localeCompare(b[1], "zh"));
}

/** The matches as a list of links to each producer's page. */
export function producerSearchResults(matches: readonly ProducerName[], text: string, href: (id: string) => string): HTMLElement {
  if (!text.trim()) return el("p", {class: "small muted"}, "输入企业名称或统一社会信用代码的任意片段。");
  if (!matches.length) return el("p", {role: "status"}, `没有名称或统一社会信用代码含“${text.trim()}”的生产者。`);
  return el("div", {role: "status"},
    el("p", null, matches.length > SEARCH_LIMIT ? `找到 ${matches.length} 个生产者，列出前 ${SEARCH_LIMIT} 个（跟踪抽查仍不合格、不合格多者在前）：` : `找到 ${matches.length} 个生产者：`),
    el("ul", null, matches.slice(0, SEARCH_LIMIT).map(([id, name, uscc, batches, failed, repeat]) => el("li", null,
      el("a", {href: href(id)}, name), `　${uscc ?? "无统一社会信用代码"} · ${batches} 批次，不合格 ${failed}${repeat ? " · 跟踪抽查仍不合格" : ""}`))));
}
