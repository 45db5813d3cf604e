// spotcheck export (issue 13): the database as a Hive-partitioned Parquet lake that DuckDB
// reads back with read_parquet(…, hive_partitioning = true) — same rows, same values — with a
// manifest naming every column, no personal data, and a refusal to overwrite a folder it did
// not write.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestIntoDatabase } from "../loaders/ingest/ingest.ts";
import { exportLake, type LakeManifest } from "../loaders/lake/lake-export.ts";
import { generateSample } from "../loaders/sample/generate.ts";

let work: string;
let dbPath: string;
let lake: string;
let manifest: LakeManifest;
let reader: DuckDBConnection; // an independent in-memory DuckDB: reads the lake and ATTACHes the database
let closeReader: () => void;

const rowsOf = async (sql: string) => (await reader.runAndReadAll(sql)).getRowObjectsJson();
const countOf = async (sql: string) => Number((await rowsOf(sql))[0].n);
const parquet = (table: string) => `read_parquet('${join(lake, table)}/**/*.parquet', hive_partitioning = true)`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "lake-export-"));
  await generateSample({ out: join(work, "sample"), batches: 1500 });
  dbPath = join(work, "spotcheck.duckdb");
  await ingestIntoDatabase(dbPath, [join(work, "sample")], { refresh: { asOf: "2025-12-31", catalogueYear: 2026 } });
  lake = join(work, "lake");
  manifest = await exportLake({ db: dbPath, out: lake });
  const instance = await DuckDBInstance.create(":memory:", { autoload_known_extensions: "false", autoinstall_known_extensions: "false" });
  reader = await instance.connect();
  await reader.run(`ATTACH '${dbPath}' AS source (READ_ONLY)`);
  closeReader = () => { reader.closeSync(); instance.closeSync(); };
}, 180_000);

afterAll(() => closeReader?.());

describe("spotcheck export", () => {
  it("writes the six tables, batches and events in Hive partitions", () => {
    expect(manifest.tables.map((t) => t.name)).toEqual(["batches", "events", "flags", "audit_findings", "disclosure_status", "catalogue_draft"]);
    expect(readdirSync(join(lake, "batches")).sort()).toEqual(["plan_year=2023", "plan_year=2024", "plan_year=2025"]);
    expect(readdirSync(join(lake, "events")).every((d) => /^event_year=\d{4}$/.test(d))).toBe(true);
    expect(existsSync(join(lake, "README.md"))).toBe(true);
  });

  it.each(["batches", "events", "flags", "audit_findings", "disclosure_status", "catalogue_draft"])("%s reads back with the database's row count", async (table) => {
    const inDatabase = await countOf(`SELECT count(*) AS n FROM source.${table}`);
    expect(inDatabase).toBeGreaterThan(0);
    expect(await countOf(`SELECT count(*) AS n FROM ${parquet(table)}`)).toBe(inDatabase);
    expect(manifest.tables.find((t) => t.name === table)!.rows).toBe(inDatabase);
  });

  it("each plan_year partition holds that year's batches, with identical values", async () => {
    const byYear = await rowsOf(`SELECT plan_year, count(*) AS n FROM source.batches GROUP BY ALL ORDER BY ALL`);
    expect(await rowsOf(`SELECT CAST(plan_year AS INTEGER) AS plan_year, count(*) AS n FROM ${parquet("batches")} GROUP BY ALL ORDER BY ALL`)).toEqual(byYear);
    const columns = "sample_id, plan_year, product_category, producer_name, sampling_date, conclusion, failed_items, serious";
    for (const [a, b] of [[`source.batches`, parquet("batches")], [parquet("batches"), `source.batches`]]) {
      expect(await countOf(`SELECT count(*) AS n FROM (SELECT ${columns} FROM ${a} EXCEPT SELECT ${columns} FROM ${b})`)).toBe(0);
    }
  });

  it("leaves out personal data and free extra columns, and the manifest names every column the files hold", async () => {
    const described = await rowsOf(`DESCRIBE SELECT * FROM ${parquet("batches")}`);
    const names = described.map((c) => String(c.column_name));
    expect(names).not.toContain("sampled_phone");
    expect(names).not.toContain("sampled_contact");
    expect(names).not.toContain("extra_columns");
    for (const table of manifest.tables) {
      const inFiles = (await rowsOf(`DESCRIBE SELECT * FROM ${parquet(table.name)}`)).map((c) => String(c.column_name)).sort();
      expect(table.columns.map((c) => c.name).sort()).toEqual(inFiles);
    }
    expect(manifest.tables.find((t) => t.name === "batches")!.columns.find((c) => c.name === "producer_name")!.meaning).toBe("标称生产者名称");
  });

  it("replaces its own earlier lake, but refuses a folder it did not write and leaves it untouched", async () => {
    const again = await exportLake({ db: dbPath, out: lake });
    expect(again.tables.map((t) => t.rows)).toEqual(manifest.tables.map((t) => t.rows));
    const foreign = join(work, "foreign");
    await import("node:fs").then((fs) => fs.mkdirSync(foreign));
    writeFileSync(join(foreign, "keep.txt"), "重要文件");
    await expect(exportLake({ db: dbPath, out: foreign })).rejects.toThrow(/不是空文件夹/);
    expect(readFileSync(join(foreign, "keep.txt"), "utf8")).toBe("重要文件");
    expect(readdirSync(foreign)).toEqual(["keep.txt"]);
  });
});
