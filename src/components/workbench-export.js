// Exporting workbench tables for Excel users: CSV with a UTF-8 byte-order mark (so a
// Chinese Excel reads it as UTF-8, not GB18030) and Chinese headers. Text cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) are prefixed
// with an apostrophe (CSV injection); numbers are left as they are.
import * as d3 from "d3";

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value) {
  if (value == null) return "";
  if (typeof value === "string" && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** rows: objects; columns: keys in order; header: key → Chinese label. */
export function csvForExcel(rows, columns, header = {}) {
  const body = d3.csvFormatRows([
    columns.map((key) => header[key] ?? key),
    ...rows.map((row) => columns.map((key) => safeCell(row[key]))),
  ]);
  return "\ufeff" + body + "\n";
}
