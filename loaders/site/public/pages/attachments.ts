// The 附件 of a quarterly 抽查结果通告 (issue 12): 附件1 不合格产品及企业名单 and 附件2 合格产品名单,
// as .xlsx — the bureau publishes its lists as spreadsheets. Columns: 序号, then the
// whitelisted fields (P4) in PUBLIC_FIELDS order with their Chinese headings.
//
// Every cell is a TEXT cell: a string value (a shared string, t="s", which a spreadsheet never
// evaluates) in the text format "@", so "-10号（VI）", "+1.50D" or "=HYPERLINK(…)" are shown
// exactly as they are — no formula guard (the CSV's leading apostrophe) is needed, or added.
// The workbook's dates are the announcement's 发布日期, not the wall clock.
import { xlsxTable } from "../../../core/xlsx-table.ts";
import { PUBLIC_FIELDS, publicFieldText, type PublishedRow } from "../../../disclosure/whitelist.ts";

export const ATTACHMENT_COLUMNS: readonly string[] = ["序号", ...PUBLIC_FIELDS.map((f) => f.label)];

/**
 * One list as an .xlsx (loaders/core/xlsx-table.ts): row 1 the title, row 2 the headings (bold,
 * frozen with the title), then one row per batch, every cell text. `date` (YYYY-MM-DD) becomes
 * the workbook's created/modified date.
 */
export function attachmentWorkbook(rows: readonly PublishedRow[], options: { title: string; sheetName: string; date: string; author: string }): Promise<Uint8Array> {
  return xlsxTable(ATTACHMENT_COLUMNS, rows.map((row, i) => [String(i + 1), ...PUBLIC_FIELDS.map((f) => publicFieldText(row, f.key))]), { ...options, allText: true });
}
