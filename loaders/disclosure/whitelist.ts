// P4 (rules.md, "Public disclosure gates"): only whitelisted fields leave the building.
// This list is the one place that says what a published row holds. Everything else of a
// batch — the contact person and phone (personal data), staff codes (sampler_ids,
// inspector_ids), USCCs, the sampled entity's address, notes, extra columns — is dropped
// by `toPublishedRow`, whatever a query happened to select.

export const PUBLIC_FIELDS = [
  { key: "sample_id", label: "样品编号" },
  { key: "quarter", label: "抽查季度" },
  { key: "sampling_date", label: "抽样日期" },
  { key: "level", label: "抽查级别" },
  { key: "organizer", label: "组织部门" },
  { key: "product_category", label: "产品类别" },
  { key: "product_name", label: "产品名称" },
  { key: "brand", label: "商标" },
  { key: "model", label: "规格型号" },
  { key: "batch_no", label: "生产日期/批号" },
  { key: "producer_name", label: "标称生产者名称" },
  { key: "producer_address", label: "标称生产者地址" },
  { key: "producer_region", label: "标称生产者所在地" },
  { key: "sampled_name", label: "被抽样单位名称" },
  { key: "sampled_region", label: "被抽样单位所在区县" },
  { key: "channel", label: "抽样环节" },
  { key: "platform", label: "电商平台" },
  { key: "inspection_agency", label: "检验机构" },
  { key: "failed_items", label: "不合格项目" },
  // the final conclusion (rules.md P3) and what decided it: 初检, or 复检 (article 58)
  { key: "conclusion", label: "检验结论" },
  { key: "conclusion_by", label: "结论依据" },
  // the gates each row passed, for traceability: P1's approval (article 62) and the day
  // the conclusion became final (P3: window closed, objection settled, or 复检结论)
  { key: "approved_on", label: "同意公开日期" },
  { key: "final_on", label: "结论生效日期" },
] as const;

export type PublicFieldKey = (typeof PUBLIC_FIELDS)[number]["key"];

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

export const PUBLIC_FIELD_KEYS: readonly PublicFieldKey[] = PUBLIC_FIELDS.map((f) => f.key);

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
