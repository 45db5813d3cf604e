// The 附件 of a quarterly 抽查结果通告 (issue 12): 附件1 不合格产品及企业名单 and 附件2 合格产品名单,
// as .xlsx — the bureau publishes its lists as spreadsheets. Columns: 序号, then the
// whitelisted fields (P4) in PUBLIC_FIELDS order with their Chinese headings.
//
// Every cell is a TEXT cell: a string value (a shared string, t="s", which a spreadsheet never
// evaluates) in the text format "@", so "-10号（VI）", "+1.50D" or "=HYPERLINK(…)" are shown
// exactly as they are — no formula guard (the CSV's leading apostrophe) is needed, or added.
// The workbook's dates are the announcement's 发布日期, not the wall clock.
import { PassThrough } from "node:stream";
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
 * Written with exceljs's streaming writer, row by row: the whole-workbook model took 21 s and
 * 0.8 GB for 20,000 rows (measured), and a quarter at a million batches has some 80,000.
 */
export async function attachmentWorkbook(rows: readonly PublishedRow[], { title, sheetName, date, author }: { title: string; sheetName: string; date: string; author: string }): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = author;
  workbook.lastModifiedBy = author;
  workbook.title = title;
  workbook.created = new Date(`${date}T00:00:00+08:00`);
  workbook.modified = workbook.created;
  // the column widths come first (a streamed sheet writes them before its rows): one pass over the values
  const widths = ATTACHMENT_COLUMNS.map((label) => displayWidth(label));
  rows.forEach((row, i) => {
    widths[0] = Math.max(widths[0], String(i + 1).length);
    PUBLIC_FIELDS.forEach((f, c) => { widths[c + 1] = Math.max(widths[c + 1], displayWidth(publicFieldText(row, f.key))); });
  });
  // sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, "").slice(0, 31), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 2 }],
    properties: { defaultRowHeight: 18 },
  });
  sheet.columns = widths.map((width) => ({ width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2)), style: { numFmt: "@" } }));
  const addTextRow = (values: string[], font?: Partial<ExcelJS.Font>, beforeCommit?: () => void) => {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell) => { cell.numFmt = "@"; if (font) cell.font = font; });
    beforeCommit?.();
    row.commit();
  };
  // the title: one value in the first cell, merged across the columns before the row is written
  addTextRow([title], { bold: true, size: 14 }, () => sheet.mergeCells(1, 1, 1, ATTACHMENT_COLUMNS.length));
  addTextRow([...ATTACHMENT_COLUMNS], { bold: true });
  rows.forEach((row, i) => addTextRow([String(i + 1), ...PUBLIC_FIELDS.map((f) => publicFieldText(row, f.key))]));
  if (rows.length) sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: ATTACHMENT_COLUMNS.length } };
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
