// The filtered download of /public/results: the same CSV rules as the server-side
// download (loaders/disclosure/csv-export.ts) — UTF-8 with BOM for Excel, CRLF, and any
// cell starting with =, +, -, @, tab, CR or LF prefixed with ' against formula injection.
import Papa from "papaparse";

export const UTF8_BOM = "\uFEFF";
export const FORMULA_START = /^[=+\-@\t\r\n]/;

export function toExcelCsv(header, rows) {
  return UTF8_BOM + Papa.unparse({fields: header, data: rows}, {escapeFormulae: FORMULA_START, newline: "\r\n"}) + "\r\n";
}

/** Starts a download of `text` as `filename` (no server round trip). */
export function downloadText(text, filename, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = Object.assign(document.createElement("a"), {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
