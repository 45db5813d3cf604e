// CSV for the public downloads: UTF-8 with a byte-order mark, so Excel on a Chinese
// Windows opens the Chinese text correctly, and every cell that a spreadsheet would
// read as a formula (starting with =, +, -, @, tab, CR or LF) prefixed with ' (OWASP
// "CSV Injection"). A producer name is data; it must never run in an analyst's Excel.
// The browser's filtered download (src/components/public-csv.js) uses the same rules.
import Papa from "papaparse";
import { PUBLIC_FIELDS, publicFieldText, type PublishedRow } from "./whitelist.ts";

export const UTF8_BOM = "\uFEFF";

/** papaparse's own `escapeFormulae: true` misses a formula followed by a line break (`.*$` stops at \n). */
export const FORMULA_START = /^[=+\-@\t\r\n]/;

/** Rows of text cells → CSV text with BOM, CRLF line ends (what Excel writes), formula cells neutralised. */
export function toExcelCsv(header: string[], rows: string[][]): string {
  return UTF8_BOM + Papa.unparse({ fields: header, data: rows }, { escapeFormulae: FORMULA_START, newline: "\r\n" }) + "\r\n";
}

/** The published rows as the public CSV download: Chinese column headings, whitelisted fields only (P4). */
export function publishedRowsCsv(rows: PublishedRow[]): string {
  return toExcelCsv(
    PUBLIC_FIELDS.map((f) => f.label),
    rows.map((row) => PUBLIC_FIELDS.map((f) => publicFieldText(row, f.key))),
  );
}
