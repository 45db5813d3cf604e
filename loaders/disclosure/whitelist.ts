// P4 (rules.md, "Public disclosure gates"): only whitelisted fields leave the building.
// This list is the one place that says what a published row holds. Everything else of a
// batch — the contact person and phone (personal data), staff codes (sampler_ids,
// inspector_ids), USCCs, the sampled entity's address, notes, extra columns — is dropped
// by `toPublishedRow`, whatever a query happened to select.
import { fieldLabel } from "../contract/field-labels.ts";

export const PUBLIC_FIELD_KEYS = [
  "sample_id", "quarter", "sampling_date", "level", "organizer", "product_category", "product_name",
  "brand", "model", "batch_no", "producer_name", "producer_address", "producer_region",
  "sampled_name", "sampled_region", "channel", "platform", "inspection_agency", "failed_items",
  // the final conclusion (rules.md P3) and what decided it: 初检, or 复检 (article 58)
  "conclusion", "conclusion_by",
  // the gates each row passed, for traceability: P1's approval (article 62) and the day
  // the conclusion became final (P3: window closed, objection settled, or 复检结论)
  "approved_on", "final_on",
] as const;

export type PublicFieldKey = (typeof PUBLIC_FIELD_KEYS)[number];

/**
 * The whitelisted fields with their Chinese headings (loaders/contract/field-labels.ts), in
 * the order of the public list and download. The public pages head the sampling quarter
 * 抽查季度 (the workbench: 抽样季度), as they always have.
 */
export const PUBLIC_FIELDS: readonly { key: PublicFieldKey; label: string }[] = PUBLIC_FIELD_KEYS.map((key) => ({
  key, label: key === "quarter" ? "抽查季度" : fieldLabel(key),
}));

export interface PublishedRow {
  sample_id: string;
  quarter: string;
  sampling_date: string;
  level: string;
  organizer: string;
  product_category: string;
  product_name: string;
  brand: string | null;
  model: string | null;
  batch_no: string | null;
  producer_name: string;
  producer_address: string | null;
  producer_region: string | null;
  sampled_name: string;
  sampled_region: string;
  channel: string;
  platform: string | null;
  inspection_agency: string | null;
  failed_items: string[];
  conclusion: "合格" | "不合格";
  conclusion_by: "初检" | "复检";
  approved_on: string;
  final_on: string;
}

/**
 * Projects a record on the whitelist: exactly the PUBLIC_FIELDS keys, in their order.
 * Failing items are shown only with a 不合格 conclusion: a re-inspection that found the
 * product conforming (article 58) leaves no failing item to publish.
 */
export function toPublishedRow(record: Record<string, unknown>): PublishedRow {
  const row: Record<string, unknown> = {};
  for (const key of PUBLIC_FIELD_KEYS) row[key] = record[key] ?? null;
  const items = Array.isArray(record.failed_items) ? (record.failed_items as string[]) : [];
  row.failed_items = record.conclusion === "不合格" ? items : [];
  return row as unknown as PublishedRow;
}

/** A published row as display text per field (lists joined with 、), for CSV and tables. */
export function publicFieldText(row: PublishedRow, key: PublicFieldKey): string {
  const value = row[key];
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("、");
  return String(value);
}

/**
 * The notices beside the results (社会公告, article 67; 公示送达, article 51) show these
 * whitelisted fields of their batch, nothing more.
 */
export const NOTICE_FIELD_KEYS = [
  "sample_id", "product_category", "product_name", "brand", "model", "batch_no",
  "producer_name", "producer_address", "producer_region", "sampled_name", "sampled_region",
  "organizer", "inspection_agency", "failed_items", "conclusion",
] as const satisfies readonly PublicFieldKey[];

export type NoticeFields = Pick<PublishedRow, (typeof NOTICE_FIELD_KEYS)[number]>;

export function toNoticeFields(record: Record<string, unknown>): NoticeFields {
  const row: Record<string, unknown> = {};
  for (const key of NOTICE_FIELD_KEYS) row[key] = record[key] ?? null;
  row.failed_items = Array.isArray(record.failed_items) ? record.failed_items : [];
  return row as unknown as NoticeFields;
}
