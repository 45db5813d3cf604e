// spotcheck ingest accepts .parquet files with the contract's columns (issue 13), through the
// same validation as CSV: the same rows land, the same rows are quarantined for the same
// reasons, and a file that is not Parquet is refused whole with the database unchanged.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestIntoDatabase } from "../loaders/ingest/ingest.ts";
import { exportLake } from "../loaders/lake/lake-export.ts";
import { generateSample } from "../loaders/sample/generate.ts";

let work: string;
let sample: string;

/** Rows of a query on a database file, read by an independent DuckDB. */
async function rows(dbPath: string, sql: string) {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** A CSV turned into Parquet by DuckDB itself, every column as text (as a bureau's other system might). */
async function csvToParquet(csv: string, parquet: string) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await conn.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
}

const NO_REFRESH = {};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "ingest-parquet-"));
  sample = join(work, "sample");
  await generateSample({ out: sample, batches: 800 }); // with its planted bad rows
}, 120_000);

describe("ingest of Parquet", () => {
  it("quarantines the same rows for the same reasons as the CSV it was made from", async () => {
    const parquetDir = join(work, "as-parquet");
    mkdirSync(parquetDir);
    await csvToParquet(join(sample, "batches.csv"), join(parquetDir, "batches.parquet"));
    await csvToParquet(join(sample, "events.csv"), join(parquetDir, "events.parquet"));
    const fromCsv = await ingestIntoDatabase(join(work, "csv.duckdb"), [sample], NO_REFRESH);
    const fromParquet = await ingestIntoDatabase(join(work, "parquet.duckdb"), [parquetDir], NO_REFRESH);
    const pick = (s: typeof fromCsv) => s.files.map((f) => ({ status: f.status, kind: f.kind, read: f.rows_read, loaded: f.rows_loaded, rejected: f.rows_rejected, reasons: f.rejections_by_reason }));
    expect(pick(fromParquet)).toEqual(pick(fromCsv));
    expect(fromCsv.files[0].rows_rejected).toBeGreaterThan(0); // the sample's planted bad rows: the comparison means something
    const reasons = "SELECT row_number, column_name, reason_code, reason FROM rejected_rows ORDER BY ALL";
    expect(await rows(join(work, "parquet.duckdb"), reasons)).toEqual(await rows(join(work, "csv.duckdb"), reasons));
    const batches = "SELECT sample_id, plan_year, sampling_date::VARCHAR AS d, failed_items, onsite, conclusion FROM batches ORDER BY sample_id";
    expect(await rows(join(work, "parquet.duckdb"), batches)).toEqual(await rows(join(work, "csv.duckdb"), batches));
  }, 120_000);

  it("takes back a lake that spotcheck export wrote, typed columns and all", async () => {
    const dbPath = join(work, "source.duckdb");
    await ingestIntoDatabase(dbPath, [sample], { refresh: { asOf: "2025-12-31", catalogueYear: 2026 } }); // the export reads the derived tables
    const lake = join(work, "lake");
    await exportLake({ db: dbPath, out: lake });
    const leaves = (table: string) => readdirSync(join(lake, table), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    const copy = join(work, "copy.duckdb");
    const summary = await ingestIntoDatabase(copy, [...leaves("batches"), ...leaves("events")], NO_REFRESH);
    expect(summary.files.every((f) => f.status === "loaded" && f.rows_rejected === 0)).toBe(true);
    const compare = "SELECT sample_id, plan_year, product_category, producer_name, sampling_date::VARCHAR AS d, failed_items, serious, onsite, conclusion FROM batches ORDER BY sample_id";
    expect(await rows(copy, compare)).toEqual(await rows(dbPath, compare));
    const events = "SELECT sample_id, event, date::VARCHAR AS d, result FROM events ORDER BY ALL";
    expect(await rows(copy, events)).toEqual(await rows(dbPath, events));
  }, 120_000);

  it("refuses a file that is not Parquet and changes nothing", async () => {
    const dbPath = join(work, "refuse.duckdb");
    await ingestIntoDatabase(dbPath, [join(sample, "batches.csv")], NO_REFRESH);
    const before = await rows(dbPath, "SELECT count(*) AS n FROM batches");
    const fake = join(work, "fake.parquet");
    copyFileSync(join(sample, "events.csv"), fake);
    const empty = join(work, "empty.parquet");
    writeFileSync(empty, "");
    const summary = await ingestIntoDatabase(dbPath, [fake, empty], NO_REFRESH);
    expect(summary.files.map((f) => f.status)).toEqual(["rejected", "rejected"]);
    expect(JSON.stringify(summary.files)).toMatch(/不是 Parquet 文件/);
    expect(await rows(dbPath, "SELECT count(*) AS n FROM batches")).toEqual(before);
  }, 60_000);
});
