// `spotcheck export --out DIR`: the database as a Parquet lake (issue 13), for whoever
// outgrows one machine — a province or the national administration pooling many cities'
// results in Spark, Trino, ClickHouse or DuckDB. Hive-partitioned folders (batches/plan_year=2025/
// data_0.parquet), plus manifest.json and README.md saying what each table and column means.
//
// The database is opened READ_ONLY (one writer: ingest). DuckDB writes the files (COPY … TO,
// FORMAT parquet, PARTITION_BY) into a folder this process made itself under the system's
// temporary folder — a path of our own, checked, never the user's text in SQL — and the
// finished lake is then moved to DIR, so a failed export leaves DIR as it was.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { UsageError } from "../core/errors.ts";
import { PROJECT_ROOT } from "../core/config.ts";
import { withReader } from "../db/lifecycle.ts";
import { readMeta } from "../db/metadata.ts";
import { query } from "../db/sql.ts";
import { LAKE_TABLES, type LakeTable } from "./lake-tables.ts";

export const LAKE_MANIFEST = "manifest.json";
const LAKE_FORMAT = "spotcheck-lake/1";

export interface LakeTableSummary {
  name: string;
  path: string;
  partitioned_by: string[];
  rows: number;
  files: number;
  bytes: number;
  description: string;
  columns: { name: string; type: string; meaning: string }[];
}

export interface LakeManifest {
  format: typeof LAKE_FORMAT;
  as_of: string | null;
  source_database: string;
  read_with: string;
  tables: LakeTableSummary[];
}

const SAFE_PATH = /^[\w/.-]+$/;

/** A path this process created, quoted for SQL after a check (no user text reaches SQL). */
function ownPathLiteral(path: string): string {
  if (!SAFE_PATH.test(path)) throw new Error(`内部错误：临时路径含有不安全字符：${path}`);
  return `'${path}'`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function exportTable(conn: DuckDBConnection, table: LakeTable, stagingDir: string): Promise<LakeTableSummary> {
  const select = readFileSync(join(PROJECT_ROOT, "loaders", "lake", table.sql), "utf8").replace(/;\s*$/, "");
  const target = join(stagingDir, table.name);
  const partition = table.partitionBy.length ? `, PARTITION_BY (${table.partitionBy.join(", ")})` : "";
  // an unpartitioned table is one file, table/data_0.parquet, like a partitioned table's leaves
  const file = table.partitionBy.length ? target : join(target, "data_0.parquet");
  if (!table.partitionBy.length) mkdirSync(target, { recursive: true });
  await conn.run(`COPY (${select}) TO ${ownPathLiteral(file)} (FORMAT parquet, COMPRESSION zstd${partition})`);
  const columns = await query(conn, `DESCRIBE ${select}`, {}, z.looseObject({ column_name: z.string(), column_type: z.string() }));
  const [{ rows }] = await query(conn, `SELECT CAST(count(*) AS INTEGER) AS rows FROM (${select})`, {}, z.object({ rows: z.number().int() }));
  const files = filesUnder(target);
  return {
    name: table.name,
    path: `${table.name}/`,
    partitioned_by: table.partitionBy,
    rows,
    files: files.length,
    bytes: files.reduce((sum, f) => sum + statSync(f).size, 0),
    description: table.description,
    columns: columns.map((c) => ({ name: c.column_name, type: c.column_type, meaning: table.meaning(c.column_name) })),
  };
}

function readme(manifest: LakeManifest): string {
  return [
    "# 重庆市产品质量监督抽查数据（Parquet 数据湖）",
    "",
    `由 spotcheck export 导出，派生表截至 ${manifest.as_of ?? "（未记录）"}。每张表一个文件夹，按 Hive 方式分区（\`列=值/\`）。`,
    "不含被抽样单位联系人、联系电话等个人信息，也不含导入文件中的额外列。",
    "",
    "读取（DuckDB）：",
    "",
    "```sql",
    "SELECT plan_year, count(*) FROM read_parquet('batches/**/*.parquet', hive_partitioning = true) GROUP BY ALL;",
    "```",
    "",
    "Spark: `spark.read.parquet(\"batches/\")`；Trino/Hive: 外部表 `format = 'PARQUET'`, `partitioned_by = ARRAY['plan_year']`；ClickHouse: `s3`/`file` 表函数配合 `hive_partitioning`。",
    "",
    ...manifest.tables.flatMap((t) => [
      `## ${t.name}`,
      "",
      `${t.description}（${t.rows} 行，${t.files} 个文件${t.partitioned_by.length ? `，按 ${t.partitioned_by.join("、")} 分区` : ""}）`,
      "",
      "| 列 | 类型 | 含义 |",
      "|---|---|---|",
      ...t.columns.map((c) => `| ${c.name} | ${c.type} | ${c.meaning} |`),
      "",
    ]),
  ].join("\n");
}

/** A folder we may replace: missing, empty, or a lake this command wrote before (its manifest says so). */
function checkTarget(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out} 已存在且不是文件夹`);
  if (readdirSync(out).length === 0) return;
  const manifest = join(out, LAKE_MANIFEST);
  const ours = existsSync(manifest) && (() => {
    try {
      return JSON.parse(readFileSync(manifest, "utf8")).format === LAKE_FORMAT;
    } catch {
      return false;
    }
  })();
  if (!ours) throw new UsageError(`--out ${out} 不是空文件夹，也不是 spotcheck export 导出的数据湖：为免误删，请换一个文件夹`);
}

export interface LakeExportOptions {
  db?: string | null;
  out: string;
  /** called after each table (the CLI shows progress on a terminal) */
  onTable?: (summary: LakeTableSummary, index: number, total: number) => void;
}

export async function exportLake({ db, out, onTable }: LakeExportOptions): Promise<LakeManifest> {
  const target = resolve(out);
  checkTarget(target);
  const staging = mkdtempSync(join(tmpdir(), "spotcheck-lake-"));
  try {
    const manifest = await withReader(db, async (conn, database): Promise<LakeManifest> => {
      const tables: LakeTableSummary[] = [];
      for (const [i, table] of LAKE_TABLES.entries()) {
        tables.push(await exportTable(conn, table, staging));
        onTable?.(tables[i], i, LAKE_TABLES.length);
      }
      return {
        format: LAKE_FORMAT,
        as_of: await readMeta(conn, "as_of"),
        source_database: database.path,
        read_with: "read_parquet('<table>/**/*.parquet', hive_partitioning = true)",
        tables,
      };
    });
    writeFileSync(join(staging, LAKE_MANIFEST), JSON.stringify(manifest, null, 1) + "\n");
    writeFileSync(join(staging, "README.md"), readme(manifest));
    rmSync(target, { recursive: true, force: true });
    try {
      renameSync(staging, target);
    } catch {
      // another file system: copy, then the staging folder goes in finally
      cpSync(staging, target, { recursive: true });
    }
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

