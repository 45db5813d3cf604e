// The Chinese label of every field a report, page or download heads a column with, by the
// field's English key — one copy. A field of the bureau's exports is labelled with its header
// in the data contract (BATCH_COLUMNS in columns.ts: the header ingest maps, data-contract.md);
// the fields the platform derives (batch_results, the disclosure gates) are labelled here.
// The labels live in the contract, not in loaders/core/: they are the contract's own words,
// and the kernel imports nothing of the layers above it.
import { BATCH_COLUMNS } from "./columns.ts";

/** Fields the platform derives: batch_results (loaders/db/batch_results.sql) and the disclosure gates. */
const DERIVED_LABELS: Readonly<Record<string, string>> = {
  /** the sampling quarter, '2025Q3' */
  quarter: "抽样季度",
  /** 市内 / 市外, from the producer's region */
  producer_scope: "生产者所在地",
  /** 初检 / 复检: what decided the final conclusion (article 58) */
  conclusion_by: "结论依据",
  /** the 同意公开 date (P1, article 62) */
  approved_on: "同意公开日期",
  /** the day the conclusion became final (P3) */
  final_on: "结论生效日期",
};

const LABELS: ReadonlyMap<string, string> = new Map([
  ...BATCH_COLUMNS.map((c): [string, string] => [c.key, c.zh]),
  ...Object.entries(DERIVED_LABELS),
]);

/** The Chinese label of a field; an unknown key is a programming error and fails at once. */
export function fieldLabel(key: string): string {
  const label = LABELS.get(key);
  if (label === undefined) throw new Error(`字段 ${key} 没有中文名称（loaders/contract/field-labels.ts）`);
  return label;
}
