// The 附件 of a quarterly 抽查结果通告 and of the annual report (issues 12, 14), as .xlsx — the
// bureau publishes its lists as spreadsheets: 附件1 不合格产品及企业名单 and 附件3 合格产品名单
// (columns: 序号, then the whitelisted fields (P4) in PUBLIC_FIELDS order with their Chinese
// headings), and 附件2 跟踪抽查仍不合格企业名单 (repeatOffenderWorkbook: the producer, its first
// failure and the follow-up batch that failed again — whitelisted fields of both, no USCC).
//
// Every cell is a TEXT cell: a string value (a shared string, t="s", which a spreadsheet never
// evaluates) in the text format "@", so "-10号（VI）", "+1.50D" or "=HYPERLINK(…)" are shown
// exactly as they are — no formula guard (the CSV's leading apostrophe) is needed, or added.
// The workbook's dates are the announcement's 发布日期, not the wall clock.
import { xlsxTable } from "../../../core/xlsx-table.ts";
import type { AnnualRepeatOffender } from "../../../annual/annual-report.ts";
import { PUBLIC_FIELDS, publicFieldText, type PublicFieldKey, type PublishedRow } from "../../../disclosure/whitelist.ts";

export const ATTACHMENT_COLUMNS: readonly string[] = ["序号", ...PUBLIC_FIELDS.map((f) => f.label)];

/** A repeat offender on a public list: its record (published scope) and its follow-up batch's published row. */
export interface PublishedRepeatOffender { offender: AnnualRepeatOffender; repeat: PublishedRow }

const label = (key: PublicFieldKey) => PUBLIC_FIELDS.find((f) => f.key === key)!.label;
/** 附件2's columns after 序号: the producer, the first failure, then the follow-up batch's whitelisted fields. */
const REPEAT_FIELDS: readonly PublicFieldKey[] = ["product_name", "model", "batch_no", "sampled_name", "sampled_region", "channel", "sampling_date", "failed_items", "inspection_agency", "sample_id"];
export const REPEAT_OFFENDER_COLUMNS: readonly string[] = [
  "序号", label("producer_name"), label("producer_region"), label("product_category"),
  "首次不合格样品编号", "首次抽样日期", "首次不合格项目",
  ...REPEAT_FIELDS.map((key) => `跟踪抽查${label(key)}`),
];

function repeatOffenderCells({ offender, repeat }: PublishedRepeatOffender): string[] {
  return [
    offender.producer_name, repeat.producer_region ?? "", offender.product_category,
    offender.first_sample_id, offender.first_sampling_date, offender.first_failed_items.join("、"),
    ...REPEAT_FIELDS.map((key) => publicFieldText(repeat, key)),
  ];
}

interface WorkbookInfo { title: string; sheetName: string; date: string; author: string }

/**
 * A list of published batches (附件1, 附件3) as an .xlsx (loaders/core/xlsx-table.ts): row 1 the
 * title, row 2 the headings (bold, frozen with the title), then one row per batch, every cell
 * text. `date` (YYYY-MM-DD) becomes the workbook's created/modified date.
 */
export function attachmentWorkbook(rows: readonly PublishedRow[], info: WorkbookInfo): Promise<Uint8Array> {
  return xlsxTable(ATTACHMENT_COLUMNS, rows.map((row, i) => [String(i + 1), ...PUBLIC_FIELDS.map((f) => publicFieldText(row, f.key))]), { ...info, allText: true });
}

/**
 * 附件2 跟踪抽查仍不合格企业名单. With no repeat offender the file is still written (the 附件 keep
 * their numbers in every announcement), its title saying the list is empty and no data row.
 */
export function repeatOffenderWorkbook(list: readonly PublishedRepeatOffender[], info: WorkbookInfo): Promise<Uint8Array> {
  return xlsxTable(REPEAT_OFFENDER_COLUMNS, list.map((entry, i) => [String(i + 1), ...repeatOffenderCells(entry)]),
    { ...(list.length ? info : { ...info, title: `${info.title}（无）` }), allText: true });
}
