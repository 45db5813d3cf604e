// P4 (rules.md, "Public disclosure gates"): only whitelisted fields leave the building.
// This list is the one place that says what a published row holds. Everything else of a
// batch — the contact person and phone (personal data), staff codes (sampler_ids,
// inspector_ids), USCCs, the sampled entity's address, notes, extra columns — is dropped
// by `toPublishedRow`, whatever a query happened to select.
import { z } from "zod";
import { fieldLabel } from "../contract/field-labels.ts";
import { parseRows } from "../db/sql.ts";

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

const text = z.string();
const optionalText = z.string().nullable();

/** A published row: exactly the whitelisted fields (checked by toPublishedRow). */
const PublishedRowSchema = z.object({
  sample_id: text,
  quarter: text,
  sampling_date: text,
  level: text,
  organizer: text,
  product_category: text,
  product_name: text,
  brand: optionalText,
  model: optionalText,
  batch_no: optionalText,
  producer_name: text,
  producer_address: optionalText,
  producer_region: optionalText,
  sampled_name: text,
  sampled_region: text,
  channel: text,
  platform: optionalText,
  inspection_agency: optionalText,
  failed_items: z.array(z.string()),
  conclusion: z.enum(["合格", "不合格"]),
  conclusion_by: z.enum(["初检", "复检"]),
  approved_on: text,
  final_on: text,
});

export type PublishedRow = z.output<typeof PublishedRowSchema>;

/**
 * Projects a record on the whitelist: exactly the PUBLIC_FIELDS keys, in their order.
 * Failing items are shown only with a 不合格 conclusion: a re-inspection that found the
 * product conforming (article 58) leaves no failing item to publish.
 */
export function toPublishedRow(record: Record<string, unknown>): PublishedRow {
  const row: Record<string, unknown> = {};
  for (const key of PUBLIC_FIELD_KEYS) row[key] = record[key] ?? null;
  const items = Array.isArray(record.failed_items) ? record.failed_items : [];
  row.failed_items = record.conclusion === "不合格" ? items : [];
  return parseRows([row], PublishedRowSchema, `公开批次 ${String(record.sample_id)}`)[0];
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

/** NOTICE_FIELD_KEYS as a schema (the same keys: toNoticeFields copies those, the schema checks them). */
const NoticeFieldsSchema = PublishedRowSchema.pick({
  sample_id: true, product_category: true, product_name: true, brand: true, model: true, batch_no: true,
  producer_name: true, producer_address: true, producer_region: true, sampled_name: true, sampled_region: true,
  organizer: true, inspection_agency: true, failed_items: true, conclusion: true,
});

export type NoticeFields = z.output<typeof NoticeFieldsSchema>;

export function toNoticeFields(record: Record<string, unknown>): NoticeFields {
  const row: Record<string, unknown> = {};
  for (const key of NOTICE_FIELD_KEYS) row[key] = record[key] ?? null;
  row.failed_items = Array.isArray(record.failed_items) ? record.failed_items : [];
  return parseRows([row], NoticeFieldsSchema, `公告批次 ${String(record.sample_id)}`)[0];
}
