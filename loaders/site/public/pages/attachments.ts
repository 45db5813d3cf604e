// The 附件 of a quarterly 抽查结果通告 (issue 12): 附件1 不合格产品及企业名单 and 附件2 合格产品名单,
// as .xlsx — the bureau publishes its lists as spreadsheets. Columns: 序号, then the
// whitelisted fields (P4) in PUBLIC_FIELDS order with their Chinese headings.
//
// Every cell is a TEXT cell: a string value (a shared string, t="s", which a spreadsheet never
// evaluates) in the text format "@", so "-10号（VI）", "+1.50D" or "=HYPERLINK(…)" are shown
// exactly as they are — no formula guard (the CSV's leading apostrophe) is needed, or added.
// The workbook's dates are the announcement's 发布日期, not the wall clock.
import ExcelJS from "exceljs";
import { PUBLIC_FIELDS, publicFieldText, type PublishedRow } from "../../../disclosure/whitelist.ts";

export const ATTACHMENT_COLUMNS: readonly string[] = ["序号", ...PUBLIC_FIELDS.map((f) => f.label)];

/** Display width of text in a spreadsheet column: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return width;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 48;

/**
 * One list as an .xlsx: row 1 the title, row 2 the headings (bold, frozen with the title),
 * then one row per batch. `date` (YYYY-MM-DD) becomes the workbook's created/modified date.
 */
export async function attachmentWorkbook(rows: readonly PublishedRow[], { title, sheetName, date, author }: { title: string; sheetName: string; date: string; author: string }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = author;
  workbook.lastModifiedBy = author;
  workbook.title = title;
  workbook.created = new Date(`${date}T00:00:00+08:00`);
  workbook.modified = workbook.created;
  // sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, "").slice(0, 31), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 2 }],
    properties: { defaultRowHeight: 18 },
  });
  const widths = ATTACHMENT_COLUMNS.map((label) => displayWidth(label));
  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, ATTACHMENT_COLUMNS.length);
  const header = sheet.addRow([...ATTACHMENT_COLUMNS]);
  header.font = { bold: true };
  rows.forEach((row, i) => {
    const values = [String(i + 1), ...PUBLIC_FIELDS.map((f) => publicFieldText(row, f.key))];
    values.forEach((v, c) => { widths[c] = Math.max(widths[c], displayWidth(v)); });
    sheet.addRow(values);
  });
  for (const [c, width] of widths.entries()) {
    const column = sheet.getColumn(c + 1);
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  }
  sheet.eachRow((row) => row.eachCell({ includeEmpty: true }, (cell) => { cell.numFmt = "@"; }));
  if (rows.length) sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: ATTACHMENT_COLUMNS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
