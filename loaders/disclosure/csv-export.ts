// CSV for the public downloads, written by the platform's one Excel-safe CSV writer
// (toExcelCsv in loaders/core/report-output.ts, also behind every command's --format csv): UTF-8
// with a byte-order mark, so Excel on a Chinese Windows opens the Chinese text correctly,
// CRLF, and every cell that a spreadsheet would read as a formula (starting with =, +, -,
// @, tab, CR or LF, also after leading white space) prefixed with ' (OWASP "CSV Injection").
// A producer name is data; it must never run in an analyst's Excel.
// The browser's filtered download (src/components/public-csv.js) uses the same rules.
import { toExcelCsv } from "../core/report-output.ts";
import { PUBLIC_FIELDS, publicFieldText, type PublishedRow } from "./whitelist.ts";

/** The published rows as the public CSV download: Chinese column headings, whitelisted fields only (P4). */
export function publishedRowsCsv(rows: PublishedRow[]): string {
  return toExcelCsv(
    PUBLIC_FIELDS.map((f) => f.label),
    rows.map((row) => PUBLIC_FIELDS.map((f) => publicFieldText(row, f.key))),
  );
}
