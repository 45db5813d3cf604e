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
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
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

/** Display width of text in a spreadsheet column: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return width;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 48;

interface WorkbookInfo { title: string; sheetName: string; date: string; author: string }

/** A list of published batches (附件1, 附件3): 序号 and the whitelisted fields. */
export function attachmentWorkbook(rows: readonly PublishedRow[], info: WorkbookInfo): Promise<Uint8Array> {
  return textWorkbook(ATTACHMENT_COLUMNS, rows.length, (i) => [String(i + 1), ...PUBLIC_FIELDS.map((f) => publicFieldText(rows[i], f.key))], info);
}

/**
 * 附件2 跟踪抽查仍不合格企业名单. With no repeat offender the file is still written (the 附件 keep
 * their numbers in every announcement), its title saying the list is empty and no data row.
 */
export function repeatOffenderWorkbook(list: readonly PublishedRepeatOffender[], info: WorkbookInfo): Promise<Uint8Array> {
  return textWorkbook(REPEAT_OFFENDER_COLUMNS, list.length, (i) => [String(i + 1), ...repeatOffenderCells(list[i])],
    list.length ? info : { ...info, title: `${info.title}（无）` });
}

/**
 * One list as an .xlsx: row 1 the title, row 2 the headings (bold, frozen with the title),
 * then one row per entry (`cells(i)`, every value text). `date` (YYYY-MM-DD) becomes the
 * workbook's created/modified date. Written with exceljs's streaming writer, row by row: the
 * whole-workbook model took 21 s and 0.8 GB for 20,000 rows (measured), and a quarter at a
 * million batches has some 80,000.
 */
async function textWorkbook(columns: readonly string[], count: number, cells: (i: number) => string[], { title, sheetName, date, author }: WorkbookInfo): Promise<Uint8Array> {
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
  const widths = columns.map((heading) => displayWidth(heading));
  for (let i = 0; i < count; i++) cells(i).forEach((text, c) => { widths[c] = Math.max(widths[c], displayWidth(text)); });
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
  addTextRow([title], { bold: true, size: 14 }, () => sheet.mergeCells(1, 1, 1, columns.length));
  addTextRow([...columns], { bold: true });
  for (let i = 0; i < count; i++) addTextRow(cells(i));
  if (count) sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
