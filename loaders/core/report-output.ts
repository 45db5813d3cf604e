// Printing report rows the way every command does: a readable table by default,
// JSON or CSV for machines (`--format table|json|csv`). All CSV the platform writes goes
// through toExcelCsv (the public download too, loaders/disclosure/csv-export.ts).
import { UsageError } from "./errors.ts";

/** A report row: column name → value (the shape loaders/db/connection.ts's query returns). */
export type Row = Record<string, unknown>;

// The one Excel-safe CSV writer (BOM, CRLF, RFC 4180 quoting, the OWASP formula guard) is
// src/components/excel-csv.ts: Framework bundles for the browser only what lies under src/,
// so the browser's downloads and the server's (this module, the public yearly files) share
// that one file. It is pure and imports nothing (test/architecture.test.ts holds it to that).
export { toExcelCsv, UTF8_BOM, type CsvCell } from "../../src/components/excel-csv.ts";
import type { CsvCell } from "../../src/components/excel-csv.ts";
import { toExcelCsv } from "../../src/components/excel-csv.ts";

export type OutputFormat = "table" | "json" | "csv";

export function parseFormat(value: string | undefined, allowed: OutputFormat[] = ["table", "json", "csv"]): OutputFormat {
  const format = (value ?? allowed[0]) as OutputFormat;
  if (!allowed.includes(format)) {
    throw new UsageError(`--format 只能是 ${allowed.join(" / ")}，收到 "${value}"`);
  }
  return format;
}

/** Rows of any object type (a report's typed rows need no cast): their own fields, in their own order. */
export function formatRows(typedRows: readonly object[], format: OutputFormat, columns?: string[]): string {
  const rows: Row[] = typedRows.map((row) => ({ ...row }));
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  if (format === "json") return JSON.stringify(rows, null, 2) + "\n";
  if (format === "csv") return toExcelCsv(cols, rows.map((r) => cols.map((c) => csvCell(r[c]))));
  return formatTable(rows, cols);
}

/** CSV keeps numbers whole (a q of 6.2e-16 is not 0): they are for machines. */
function csvCell(value: unknown): CsvCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return value;
  return cellText(value);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("、");
  if (typeof value === "number" && !Number.isInteger(value)) return String(Number(value.toFixed(6)));
  return String(value);
}

/** Display width: CJK and full-width characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000) ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export function formatTable(rows: Row[], cols: string[]): string {
  if (rows.length === 0) return "（无数据）\n";
  const cells = rows.map((r) => cols.map((c) => cellText(r[c])));
  const numeric = cols.map((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number"));
  const widths = cols.map((c, i) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i]))));
  const line = (values: string[]) => values.map((v, i) => pad(v, widths[i], numeric[i])).join("  ").trimEnd();
  return [line(cols), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n") + "\n";
}
