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

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Writes one year's CSV and JSON through `write(path, text)` (paths relative to /public/) and returns their entry of the index. */
export function writeYearDownloads(year: string, rows: PublishedRow[], asOf: string, write: (path: string, text: string) => void): DownloadFile {
  const csv = publishedRowsCsv(rows);
  const file: DownloadFile = { year, rows: rows.length,
    csv: { path: `downloads/${year}.csv`, bytes: Buffer.byteLength(csv), sha256: sha256(csv) },
    json: { path: `downloads/${year}.json`, bytes: 0, sha256: "" } };
  write(file.csv.path, csv);
  const json = JSON.stringify({ as_of: asOf, year, fields: PUBLIC_FIELDS, rows });
  file.json.bytes = Buffer.byteLength(json);
  file.json.sha256 = sha256(json);
  write(file.json.path, json);
  return file;
}

/** The index of the downloads (/public/downloads/index.json), newest year first. */
export function writeDownloadIndex(years: DownloadFile[], asOf: string, write: (path: string, text: string) => void): DownloadIndex {
  const index: DownloadIndex = { as_of: asOf, fields: PUBLIC_FIELDS, years };
  write("downloads/index.json", JSON.stringify(index, null, 1));
  return index;
}
