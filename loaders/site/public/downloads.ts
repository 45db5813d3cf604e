// The public downloads, one pair of files per sampling year, at stable addresses
// (/public/downloads/<year>.csv and .json) so the press can link them, and an index of them
// (/public/downloads/index.json). Every published row, whitelisted fields only (P4).
// CSV: UTF-8 with BOM, CRLF and formula cells neutralised — the platform's one Excel-safe
// writer (toExcelCsv, through loaders/disclosure/csv-export.ts).
// JSON: { as_of, year, fields: [{ key, label }], rows: [...] } for the press and re-users.
// Split by year so that no single file grows with the whole history (issue 11).
import { createHash } from "node:crypto";
import { publishedRowsCsv } from "../../disclosure/csv-export.ts";
import { PUBLIC_FIELDS, type PublishedRow } from "../../disclosure/whitelist.ts";

export interface DownloadFile { year: string; rows: number; csv: { path: string; bytes: number; sha256: string }; json: { path: string; bytes: number; sha256: string } }
export interface DownloadIndex { as_of: string; fields: typeof PUBLIC_FIELDS; years: DownloadFile[] }

/** The year a row belongs to: the year of its sampling date (the year of its quarter). */
export const rowYear = (row: Pick<PublishedRow, "sampling_date">): string => row.sampling_date.slice(0, 4);

/** Published rows (newest first) grouped by sampling year, newest year first, order kept within a year. */
export function rowsByYear(published: PublishedRow[]): Map<string, PublishedRow[]> {
  const years = new Map<string, PublishedRow[]>();
  for (const r of published) {
    const y = rowYear(r);
    const list = years.get(y);
    if (list) list.push(r);
    else years.set(y, [r]);
  }
  return new Map([...years].sort(([a], [b]) => (a < b ? 1 : -1)));
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Writes each year's CSV and JSON through `write(path, text)` (paths relative to /public/),
 * one year at a time so only one year's text is held, and returns the index.
 */
export function writeDownloads(byYear: Map<string, PublishedRow[]>, asOf: string, write: (path: string, text: string) => void): DownloadIndex {
  const years: DownloadFile[] = [];
  for (const [year, rows] of byYear) {
    const csv = publishedRowsCsv(rows);
    const json = JSON.stringify({ as_of: asOf, year, fields: PUBLIC_FIELDS, rows });
    const file = { year, rows: rows.length,
      csv: { path: `downloads/${year}.csv`, bytes: Buffer.byteLength(csv), sha256: sha256(csv) },
      json: { path: `downloads/${year}.json`, bytes: Buffer.byteLength(json), sha256: sha256(json) } };
    write(file.csv.path, csv);
    write(file.json.path, json);
    years.push(file);
  }
  const index: DownloadIndex = { as_of: asOf, fields: PUBLIC_FIELDS, years };
  write("downloads/index.json", JSON.stringify(index, null, 1));
  return index;
}
