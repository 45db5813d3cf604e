// The one CSV writer of the browser: every download a page offers (the filtered public
// results, the catalogue draft) goes through toExcelCsv. What Excel on a Chinese Windows
// needs, and what keeps a producer's name from running as a formula there:
//   - UTF-8 with a byte-order mark (without it Excel reads the bytes as GB18030);
//   - CRLF line ends, after the last row too (what Excel itself writes);
//   - RFC 4180 quoting: a cell holding a comma, a double quote, CR or LF is quoted, its
//     quotes doubled — and, as the server's writer (papaparse) does, a cell with a leading
//     or trailing space or a BOM character is quoted as well;
//   - the OWASP formula guard ("CSV Injection"): a text cell whose first character is
//     = + - @ TAB CR or LF, or whose first character after trimming the leading white space
//     is = + - @, gets a leading apostrophe (and is quoted). Numbers are left as numbers:
//     a score of -1.5 is a number, not a formula.
// The server's download (loaders/disclosure/csv-export.ts) writes the same bytes for the
// same rows; test/components-excel-csv.test.ts feeds both the same rows and compares.
// No DOM at import time: the unit tests import this module in Node.

export const UTF8_BOM = "\uFEFF";

/** A cell as the pages hold it: text, a number, or nothing (written as an empty cell). */
export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

/** = + - @ TAB CR LF as the first character, or = + - @ after leading white space (a spreadsheet may trim it). */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@])/;
/** What makes a cell need quotes: RFC 4180's comma, quote, CR, LF; and a BOM character inside. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]/;

/** Whether a spreadsheet would read this text as a formula (the OWASP list, leading white space trimmed). */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One cell as CSV text: guarded against formulas when it is text, quoted when it must be. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text: string;
  let quote = false;
  if (value instanceof Date) {
    text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  } else if (typeof value === "string") {
    text = value;
    if (isFormulaLike(text)) {
      text = `'${text}`;
      quote = true;
    }
  } else {
    text = String(value); // numbers, bigints, booleans: never a formula
  }
  if (quote || NEEDS_QUOTES.test(text) || text.startsWith(" ") || text.endsWith(" ")) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/**
 * Header and rows of cells → the text of an Excel-safe CSV file (BOM, CRLF, quoting, formula
 * guard). Each row is written to the header's width: missing cells are empty, extra cells
 * dropped; a row without any cell is an empty line.
 */
export function toExcelCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const width = header.length;
  const line = (cells: readonly CsvCell[], n: number) => (cells.length === 0 ? "" : Array.from({length: n}, (_, i) => csvField(cells[i])).join(","));
  const lines = width ? [line(header, width)] : [];
  for (const row of rows) lines.push(line(row, width || row.length));
  return UTF8_BOM + (lines.length ? lines.map((l) => `${l}\r\n`).join("") : "\r\n");
}

/** Objects → Excel-safe CSV: `columns` are the keys in order, `header` maps a key to its Chinese heading. */
export function csvForExcel<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[], header: Partial<Record<keyof T & string, string>> = {}): string {
  return toExcelCsv(
    columns.map((key) => header[key] ?? key),
    rows.map((row) => columns.map((key) => row[key] as CsvCell)),
  );
}

/** Starts a download of `text` as `filename`, in the browser, with no server round trip. */
export function downloadText(text: string, filename: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = Object.assign(document.createElement("a"), {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
