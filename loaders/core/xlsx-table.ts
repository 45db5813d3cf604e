// One table as an .xlsx workbook: a title row, a bold heading row (both frozen), then the
// rows — what the bureau's spreadsheets look like (the public 附件 of an announcement, the
// workbench's sampling plan). In the kernel so that the public pages (site) and the analysis
// commands write workbooks the same way without importing each other.
//
// Text cells are shared strings (t="s") in the text format "@": a spreadsheet never evaluates
// them, so "-10号（VI）" or "=HYPERLINK(…)" are shown exactly as they are — no formula guard
// (the CSV's leading apostrophe) is needed, or added. Numbers stay numbers unless `allText`.
// Written with exceljs's streaming writer, row by row: the whole-workbook model took 21 s and
// 0.8 GB for 20,000 rows (measured), and a quarter at a million batches has some 80,000.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

export type XlsxCell = string | number | null;

export interface XlsxTableOptions {
  title: string;
  sheetName: string;
  /** YYYY-MM-DD: the workbook's created/modified date (a publication or as-of date, never the wall clock) */
  date: string;
  author: string;
  /** every cell as text ("@"), numbers too (the public lists: a 规格型号 of "1.50" must stay "1.50") */
  allText?: boolean;
  /** a number format per column ("0.0%" for a rate), undefined for the default */
  formats?: readonly (string | undefined)[];
}

/** Display width of text in a spreadsheet column: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return width;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 48;

/** `columns` are the headings of row 2; each row has one cell per column. */
export async function xlsxTable(columns: readonly string[], rows: readonly (readonly XlsxCell[])[], { title, sheetName, date, author, allText = false, formats = [] }: XlsxTableOptions): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = author;
  workbook.lastModifiedBy = author;
  workbook.title = title;
  workbook.created = new Date(`${date}T00:00:00+08:00`);
  workbook.modified = workbook.created;
  const cellValue = (v: XlsxCell): string | number => (v === null ? "" : allText ? String(v) : v);
  // the column widths come first (a streamed sheet writes them before its rows): one pass over the values
  const widths = columns.map((label) => displayWidth(label));
  for (const row of rows) row.forEach((v, c) => { widths[c] = Math.max(widths[c] ?? 0, displayWidth(String(v ?? ""))); });
  // sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, "").slice(0, 31), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 2 }],
    properties: { defaultRowHeight: 18 },
  });
  sheet.columns = widths.map((width) => ({ width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2)), ...(allText ? { style: { numFmt: "@" } } : {}) }));
  const addRow = (values: (string | number)[], font?: Partial<ExcelJS.Font>, beforeCommit?: () => void) => {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      if (allText || typeof cell.value === "string") cell.numFmt = "@";
      else if (formats[column - 1]) cell.numFmt = formats[column - 1]!;
      if (font) cell.font = font;
    });
    beforeCommit?.();
    row.commit();
  };
  // the title: one value in the first cell, merged across the columns before the row is written
  addRow([title], { bold: true, size: 14 }, () => sheet.mergeCells(1, 1, 1, columns.length));
  addRow([...columns], { bold: true });
  for (const row of rows) addRow(row.map(cellValue));
  if (rows.length) sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
