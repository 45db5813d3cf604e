// Ingest: the bureau's batch and event exports into DuckDB.
//
// Per file: decode, count the records and check the header in Node (a file that cannot be
// decoded or lacks a required column is rejected before anything is written). A first pass
// of DuckDB's read_csv through the validation macros (checked_batches.sql /
// checked_events.sql) reads every row into a temporary table, lists the rows that cannot be
// taken with their problems (checked_summary), and must find as many rows as Node counted;
// then, inside one transaction, the good rows replace rows with the same key,
// bad rows are quarantined in rejected_rows, and ingest_log records the file.
//
// A file whose content cannot be taken is rejected (status "rejected", a Chinese reason)
// and the run goes on with the next file; an error that is not about the file's content
// (a bug of ours) stops the run, naming the file — see loaders/README.md.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from "@duckdb/node-api";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { z } from "zod";
import {
  CHANNELS, CONCLUSIONS, ENTERPRISE_SIZES, EVENT_TYPES, KINDS, LEVELS, OUTCOMES, columnsOf, type FileKind,
} from "../contract/columns.ts";
import type { DerivedContext } from "../core/config.ts";
import { execSqlFile, execSqlStatements, query, type Database } from "../db/connection.ts";
import { createSchema } from "../db/create-schema.ts";
import { derivedTablesState, needsRefresh } from "../db/derived-state.ts";
import { withTransaction, withWriter } from "../db/lifecycle.ts";
import { refreshDerivedTablesOn, type RefreshHooks } from "../refresh/refresh-derived-tables.ts";
import { detectKind, mapHeader, type HeaderMapping } from "./map-header.ts";
import { DEFAULT_LIMITS, FileRejected, openSource, type SourceFile, type SourceLimits } from "./read-source.ts";
import { removeStaleWorkDirs } from "./work-dir.ts";

const RejectionSampleSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string().nullable(),
  reason_code: z.string(),
  reason: z.string(),
});

export type RejectionSample = z.output<typeof RejectionSampleSchema>;

/** The temporary table holding one row per record of a file after its first pass (first_pass_<kind>.sql). */
const ROWS_READ_TABLE: Record<FileKind, string> = { batches: "parsed_batch_rows", events: "checked_event_rows" };

/** A `SELECT CAST(count(*) AS INTEGER) AS n`. */
const CountSchema = z.object({ n: z.number().int() });

export interface FileResult {
  file: string;
  status: "loaded" | "unchanged" | "rejected";
  kind?: FileKind;
  encoding?: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_pending: number;
  events_released: number;
  extra_columns: string[];
  /** why the whole file was rejected */
  error?: string;
  rejections_by_reason: Record<string, number>;
  rejections: RejectionSample[];
}

export interface IngestSummary {
  database: string;
  files: FileResult[];
}

const SUPPORTED = new Set([".csv", ".txt", ".xlsx", ".parquet"]);

/** Files named on the command line; a folder stands for its .csv/.xlsx/.parquet files, batches before events. */
export function expandInputs(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new FileRejected(`找不到文件或文件夹：${path}`);
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (SUPPORTED.has(extname(name).toLowerCase()) && !name.startsWith("~$")) files.push(join(path, name));
      }
    } else {
      files.push(path);
    }
  }
  // Batches first, so that the events of the same delivery find their batch.
  const rank = (f: string) => (/event|事件/i.test(f) ? 1 : 0);
  return files.sort((a, b) => rank(a) - rank(b));
}

function emptyResult(file: string): FileResult {
  return {
    file, status: "rejected", rows_read: 0, rows_loaded: 0, rows_rejected: 0, rows_pending: 0,
    events_released: 0, extra_columns: [], rejections_by_reason: {}, rejections: [],
  };
}

/**
 * The enumerations of loaders/contract/columns.ts as session tables, so the validation
 * macros (which cannot hold bind parameters) read the same lists as the zod schemas.
 */
async function createContractTables(conn: DuckDBConnection): Promise<void> {
  await conn.run("CREATE OR REPLACE TEMP TABLE contract_values (name VARCHAR, values VARCHAR[])");
  const lists: Record<string, readonly string[]> = {
    levels: LEVELS, kinds: KINDS, channels: CHANNELS, sizes: ENTERPRISE_SIZES, outcomes: OUTCOMES,
    conclusions: CONCLUSIONS, event_types: Object.keys(EVENT_TYPES),
    agency_required_events: Object.entries(EVENT_TYPES).filter(([, t]) => t.agencyRequired).map(([e]) => e),
  };
  for (const [name, values] of Object.entries(lists)) {
    await conn.run("INSERT INTO contract_values VALUES ($name, $values)", { name, values: listValue([...values]) }, { values: LIST(VARCHAR) });
  }
  await conn.run("CREATE OR REPLACE TEMP TABLE event_results (event VARCHAR, results VARCHAR[])");
  for (const [event, type] of Object.entries(EVENT_TYPES)) {
    if (!type.results) continue;
    await conn.run("INSERT INTO event_results VALUES ($event, $results)", { event, results: listValue([...type.results]) }, { results: LIST(VARCHAR) });
  }
}

/**
 * Defines staged_<kind>(path): the file read by DuckDB's read_csv (all VARCHAR, columns
 * c0..cN) with the contract's keys. Only identifiers we generate (c0.., contract keys) and
 * a number of ours enter the SQL text; the path is a bound parameter at each call and the
 * extra headers come from a temp table.
 */
async function defineStaging(conn: DuckDBConnection, source: SourceFile, mapping: HeaderMapping, limits: SourceLimits): Promise<void> {
  const columns = source.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const select = columnsOf(mapping.kind).map((c) => {
    const index = mapping.keyToIndex.get(c.key);
    return index === undefined ? `NULL::VARCHAR AS ${c.key}` : `c${index} AS ${c.key}`;
  });
  await conn.run("CREATE OR REPLACE TEMP TABLE extra_headers AS SELECT $headers AS headers",
    { headers: listValue(mapping.extras.map((e) => e.header)) }, { headers: LIST(VARCHAR) });
  // The extra cells as a list; the map from their headers is built once the rows are numbered
  // (extra_columns() in contract_macros.sql): a subquery here would let the rows come out of order.
  const extras = mapping.extras.length
    ? `[${mapping.extras.map((e) => `coalesce(c${e.index}, '')`).join(", ")}]`
    : "NULL::VARCHAR[]";
  // Above Node's limit (by more than a line break and a BOM), so that a record over it is
  // refused by read-source.ts with its row and column, never met by DuckDB — which skipped a
  // record longer than its buffer (16 × max_line_size) without a word. Not much above: that
  // buffer is allocated per thread.
  const maxLineSize = Math.trunc(limits.maxRecordBytes) + 65_536;
  // No format sniffing (auto_detect = false): a row with a field too many or too few is a
  // CSV error naming its line, never a silently different reading of the file.
  // No record number here: a window over the whole read (row_number() OVER ()) runs on one
  // thread and was half of ingest's time (issue 13). The rows are numbered afterwards by their
  // place in the temporary table they are read into (see checked_batches.sql).
  await conn.run(
    `CREATE OR REPLACE TEMP MACRO staged_${mapping.kind}(path) AS TABLE
     SELECT ${select.join(", ")}, ${extras} AS extra_values
     FROM read_csv(path, header = true, auto_detect = false, columns = {${columns}},
                   delim = ',', quote = '"', escape = '"', null_padding = false, max_line_size = ${maxLineSize})`,
  );
}

/**
 * The reason to give when DuckDB fails while reading a file's content — its CSV reader, or
 * running out of memory on it — or null when the error is not about the content (a bug of
 * ours: a binder or catalog error, a wrong type), which must not pass for bad input.
 */
function readerRejection(error: unknown, source: SourceFile | null): string | null {
  const message = (error as Error)?.message ?? "";
  const lines = message.split("\n");
  const end = lines.findIndex((l) => /^Possible (solution|fix)/i.test(l));
  const text = lines.slice(0, end < 0 ? lines.length : end).filter((l) => l.trim() !== "").slice(0, 3)
    .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)).join(" ");
  if (/^Out of Memory Error/.test(message)) {
    return `读取文件时内存不足（DuckDB：${text}）：文件太大或列太多；可把文件拆小后再导入；整个文件未导入`;
  }
  // The reader's own errors about the text of the file (DuckDB 1.5): a bad line, the parser
  // stuck on mixed line breaks, a line too long, invalid UTF-8. Not "Invalid Input Error" as
  // such: our own mistakes come as that too (duplicate map keys, a bad read_csv option).
  if (!/CSV Error on Line|CSV Parser state machine|Parallel CSV Reader|Maximum line size of \d+ bytes exceeded|Invalid unicode|not utf-8 encoded/i.test(message)) {
    return null;
  }
  const mixed = source?.mixedLineBreak;
  if (/CSV Parser state machine/.test(message) && mixed) {
    return `换行符混用：前面的行以 ${mixed.first} 结尾，第 ${mixed.row} 行（第 ${(mixed.offset + 1).toLocaleString("zh-CN")} 字节）却以 ${mixed.found} 结尾；` +
      `请用同一种换行符保存整个文件（用 Excel 另存为 CSV 即可）；整个文件未导入`;
  }
  const columns = /CSV Error on Line: (\d+)[\s\S]*Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (columns) {
    return `CSV 格式错误：第 ${columns[1]} 行（DuckDB 的行号，空行也计在内）有 ${columns[3]} 列，表头却有 ${columns[2]} 列；` +
      `整个文件未导入（${text}）`;
  }
  return `CSV 格式错误，无法读取（${text}）`;
}

/** A failure that is not about the file's content: stops the run, naming the file. */
class IngestBug extends Error {
  constructor(path: string, cause: unknown) {
    super(`导入 ${path} 时程序出错（这不是文件内容的问题，请把此消息报告给维护人员）：${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * DuckDB's memory limit while a file of each kind is read: the given limit (default 1 GB) for
 * batches, whose parsed rows are best kept in memory (80% while they are inserted, below), and
 * 60% of it for events. An events file is long and narrow (3.7M rows at 1M batches); its steps
 * spill to disk at no measurable cost, and with the full limit the process's peak (DuckDB's
 * limit plus what the C allocator keeps after the batches file) reached 1.85 GB (issue 13).
 */
function memoryLimitsByKind(given: string | undefined): Record<FileKind | "batchesInsert", string> {
  const match = /^(\d+(?:\.\d+)?)([KMG])B$/.exec(given ?? "");
  const megabytes = match ? Number(match[1]) * { K: 1 / 1024, M: 1, G: 1024 }[match[2] as "K" | "M" | "G"] : 1024;
  const share = (f: number) => `${Math.max(1, Math.round(megabytes * f))}MB`;
  return { batches: share(1), batchesInsert: share(0.8), events: share(0.6) };
}

/** Where a file is (IngestOptions.onProgress): the CLI shows it on a terminal. */
export type IngestStage = "读取" | "校验" | "写入" | "重算派生表";

async function ingestOne(
  db: Database, path: string, maxRejectionSamples: number, limits: SourceLimits, memoryLimits: ReturnType<typeof memoryLimitsByKind>,
  stage: (s: IngestStage, rows?: number) => void = () => {},
): Promise<FileResult> {
  const result = emptyResult(path);
  let source: SourceFile | null = null;
  const conn = db.conn;
  try {
    stage("读取");
    source = await openSource(path, limits);
    stage("校验", source.dataRecords);
    result.encoding = source.encoding;
    const kind = detectKind(source.name, source.header);
    result.kind = kind;
    const mapping = mapHeader(kind, source.header);
    result.extra_columns = mapping.extras.map((e) => e.header);

    const seen = await query(conn, "SELECT ingest_id FROM ingest_log WHERE content_sha256 = $sha LIMIT 1", { sha: source.sha256 });
    if (seen.length > 0) {
      result.status = "unchanged";
      return result;
    }

    // First pass, outside the transaction: temp tables never touch the database file.
    await conn.run(`SET memory_limit = '${memoryLimits[kind]}'`);
    await defineStaging(conn, source, mapping, limits);
    // binds to this file's staging and reads the file, once, into a temporary table (ROWS_READ_TABLE)
    await execSqlStatements(conn, `loaders/ingest/checked_${kind}.sql`, { path: source.csvPath });
    await execSqlStatements(conn, `loaders/ingest/first_pass_${kind}.sql`, { path: source.csvPath });
    // checked_summary holds the rows that cannot be taken; every row read is in the kind's table
    const [counts] = await query(conn, `
      SELECT CAST((SELECT count(*) FROM ${ROWS_READ_TABLE[kind]}) AS INTEGER) AS rows_read,
             CAST((SELECT count(*) FROM checked_summary) AS INTEGER) AS rows_rejected`,
      undefined, z.object({ rows_read: z.number().int(), rows_rejected: z.number().int() }).transform((c) => ({ ...c, rows_good: c.rows_read - c.rows_rejected })));
    if (counts.rows_read !== source.dataRecords) {
      throw new FileRejected(
        `文件有 ${source.dataRecords} 条数据记录（不含表头），DuckDB 却读到 ${counts.rows_read} 行；为免丢行，整个文件未导入`,
      );
    }

    const file = source; // narrowed: the transaction's callback cannot see the check above
    stage("写入", source.dataRecords);
    await withTransaction(conn, async () => {
      const [{ ingest_id }] = await query(conn, "SELECT CAST(coalesce(max(ingest_id), 0) + 1 AS INTEGER) AS ingest_id FROM ingest_log",
        undefined, z.object({ ingest_id: z.number().int() }));
      const params = { ingest_id, file_name: file.name, file_kind: kind, path: file.csvPath };
      // Writing a table buffers its new row groups outside DuckDB's memory limit: for the batches
      // insert, the limit shrinks so the buffers fit beside the parsed rows (some of which then
      // spill) and the process stays under 1.5 GB at 1M rows (issue 13).
      if (kind === "batches") await conn.run(`SET memory_limit = '${memoryLimits.batchesInsert}'`);
      await execSqlStatements(conn, `loaders/ingest/upsert_${kind}.sql`, params);
      if (kind === "batches") {
        // the insert (upsert_batches.sql) must land every good row the first pass counted
        const [{ n }] = await query(conn, "SELECT CAST(count(*) AS INTEGER) AS n FROM batches WHERE ingest_id = $ingest_id", { ingest_id: params.ingest_id }, CountSchema);
        if (n !== counts.rows_good) {
          throw new FileRejected(`批次只写入了 ${n} 行，应为 ${counts.rows_good} 行；为免丢行，整个文件未导入`);
        }
      }
      await execSqlStatements(conn, "loaders/ingest/record_rejections.sql", params);
      const pendingAfterUpsert = await countRows(conn, "pending_events");
      await execSqlStatements(conn, "loaders/ingest/release_pending_events.sql");
      const pendingAfterRelease = await countRows(conn, "pending_events");

      result.rows_read = counts.rows_read;
      result.rows_rejected = counts.rows_rejected;
      result.events_released = pendingAfterUpsert - pendingAfterRelease;
      result.rows_pending = kind === "events"
        ? (await query(conn, "SELECT CAST(count(*) AS INTEGER) AS n FROM good_events WHERE NOT batch_known", undefined, CountSchema))[0].n
        : 0;
      result.rows_loaded = counts.rows_good - result.rows_pending;

      await conn.run(
        `INSERT INTO ingest_log VALUES ($ingest_id, $file_name, $sha, $file_kind, $encoding, $rows_read, $rows_loaded,
           $rows_rejected, $rows_pending, $events_released, $extra_columns, current_timestamp::TIMESTAMP)`,
        {
          ingest_id: params.ingest_id, file_name: params.file_name, file_kind: kind, sha: file.sha256, encoding: file.encoding, rows_read: result.rows_read,
          rows_loaded: result.rows_loaded, rows_rejected: result.rows_rejected, rows_pending: result.rows_pending,
          events_released: result.events_released, extra_columns: listValue(result.extra_columns),
        },
        { extra_columns: LIST(VARCHAR) },
      );
    });

    for (const row of await query(conn, `
        SELECT reason_code, CAST(count(*) AS INTEGER) AS n FROM rejected_rows WHERE file_name = $file_name
        GROUP BY reason_code ORDER BY n DESC, reason_code`, { file_name: source.name }, z.object({ reason_code: z.string(), n: z.number().int() }))) {
      result.rejections_by_reason[row.reason_code] = row.n;
    }
    result.rejections = (await query(conn, `
        SELECT row_number AS row, column_name AS column, value, reason_code, reason FROM rejected_rows
        WHERE file_name = $file_name ORDER BY row_number, column_name LIMIT $limit`,
      { file_name: source.name, limit: maxRejectionSamples }, RejectionSampleSchema));
    result.status = "loaded";
    return result;
  } catch (error) {
    const reason = error instanceof FileRejected ? error.message : readerRejection(error, source);
    if (reason === null) throw error instanceof IngestBug ? error : new IngestBug(path, error);
    result.status = "rejected";
    result.error = reason;
    result.rows_read = result.rows_loaded = result.rows_rejected = result.rows_pending = 0;
    return result;
  } finally {
    source?.cleanup();
    // the connection may be in a failed transaction's aftermath: dropping is best effort, the
    // next file replaces the tables anyway
    await execSqlStatements(conn, "loaders/ingest/drop_file_tables.sql").catch(() => {});
    await conn.run(`SET memory_limit = '${memoryLimits.batches}'`); // a global setting: the refresh after ingest gets the given limit
  }
}

async function countRows(conn: DuckDBConnection, table: "pending_events"): Promise<number> {
  return (await query(conn, `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`, undefined, CountSchema))[0].n;
}

export interface IngestOptions {
  /** how many rejected rows to list per file in the summary (all are in rejected_rows) */
  maxRejectionSamples?: number;
  /** DuckDB memory limit for the writer, e.g. "1GB" */
  memoryLimit?: string;
  /** limits on one file (read-source.ts DEFAULT_LIMITS: 2 MB a record, 1,000 columns, 1 GiB of CSV from an .xlsx) */
  limits?: Partial<SourceLimits>;
  /** told at each file's each stage: the file's index, the run's files, bytes of the files before it, of all */
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
  file: string;
  index: number;
  files: number;
  stage: IngestStage;
  /** data records of the file, once read */
  rows?: number;
  bytesBefore: number;
  bytesTotal: number;
}

/** Ingests files into an open read-write database. */
export async function ingestFiles(db: Database, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const memoryLimits = memoryLimitsByKind(options.memoryLimit);
  await db.conn.run(`SET memory_limit = '${memoryLimits.batches}'`);
  // Record numbers are places in the temporary tables a file is read into (checked_batches.sql):
  // on whatever the session default, the rows must stay in the file's order.
  await db.conn.run("SET preserve_insertion_order = true");
  await createSchema(db.conn);
  await execSqlFile(db.conn, "loaders/ingest/contract_macros.sql");
  await createContractTables(db.conn);
  removeStaleWorkDirs(); // decoded copies left by a run that was killed
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const files: FileResult[] = [];
  const inputs = expandInputs(paths);
  const sizes = inputs.map((p) => { try { return statSync(p).size; } catch { return 0; } });
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  let bytesBefore = 0;
  for (const [index, path] of inputs.entries()) {
    const report = (stage: IngestStage, rows?: number) =>
      options.onProgress?.({ file: path, index, files: inputs.length, stage, rows, bytesBefore, bytesTotal });
    files.push(await ingestOne(db, path, options.maxRejectionSamples ?? 20, limits, memoryLimits, report));
    bytesBefore += sizes[index];
  }
  return { database: db.path, files };
}

/**
 * Opens the database for writing (creating it if needed), ingests, and — with
 * options.refresh — recomputes the derived tables in the same session before closing, so
 * the DuckDB file lock is held from the first file to the refresh and no second writer
 * can slip in between. The refresh runs whenever the derived tables do not follow the data
 * (derivedTablesState), also when every file is unchanged (an earlier run was killed or
 * its refresh failed), and also when a later file crashed after earlier ones were
 * committed. A refresh that fails throws RefreshFailedAfterIngest, which carries the
 * summary of what was ingested.
 */
export async function ingestIntoDatabase(dbPath: string, paths: string[], options: IngestRunOptions = {}): Promise<IngestRunSummary> {
  const files = expandInputs(paths); // a missing input fails before the database is touched
  mkdirSync(dirname(dbPath), { recursive: true });
  return withWriter(dbPath, async (db) => {
    let summary: IngestSummary;
    try {
      summary = await ingestFiles(db, files, options);
    } catch (error) {
      // the files before the one that crashed are committed: the derived tables follow them
      if (options.refresh) {
        await followData(db, options).catch((refreshError: Error) => {
          (error as Error).message += `\n派生表也未能重算（${refreshError.message}）；请修正后运行 \`npx spotcheck refresh\`。`;
        });
      }
      throw error;
    }
    try {
      return { ...summary, derived_tables: await followData(db, options) };
    } catch (error) {
      throw new RefreshFailedAfterIngest(summary, error as Error);
    }
  });
}

/** The derived tables' state, refreshed first when options.refresh and they need it. */
async function followData(db: Database, options: IngestRunOptions): Promise<DerivedTablesReport> {
  // a connection of its own (same instance, so the same file lock): none of ingest's TEMP
  // objects, and no transaction a crashed file may have left open
  const conn = await db.instance.connect();
  try {
    const before = await derivedTablesState(conn);
    const needed = needsRefresh(before);
    if (!options.refresh || !needed) {
      return { state: before.state, refreshed: false, needs_refresh: needed, as_of: before.asOf,
        catalogue_year: before.catalogueYear, reason: before.reason };
    }
    options.onProgress?.({ file: "", index: 0, files: 0, stage: "重算派生表", bytesBefore: 0, bytesTotal: 0 });
    await refreshDerivedTablesOn(conn, options.refresh, options.refreshHooks);
    return { state: "fresh", refreshed: true, needs_refresh: false, as_of: options.refresh.asOf,
      catalogue_year: options.refresh.catalogueYear, reason: before.reason };
  } finally {
    conn.closeSync();
  }
}

export interface IngestRunOptions extends IngestOptions {
  /** recompute the derived tables as of this context, in the same write session, when they do not follow the data */
  refresh?: DerivedContext;
  /** for tests: a writer failing, or the process killed, in the middle of the refresh */
  refreshHooks?: RefreshHooks;
}

/** What the run left the derived tables as. */
export interface DerivedTablesReport {
  state: "fresh" | "stale" | "missing";
  /** whether this run recomputed them */
  refreshed: boolean;
  /** whether readers will refuse them until `spotcheck refresh` (needsRefresh) */
  needs_refresh: boolean;
  as_of: string | null;
  catalogue_year: number | null;
  /** why they were (or still are) not fresh; empty when they were fresh already */
  reason: string;
}

export interface IngestRunSummary extends IngestSummary {
  derived_tables: DerivedTablesReport;
}

/** The files were ingested (and committed), but recomputing the derived tables failed. */
export class RefreshFailedAfterIngest extends Error {
  constructor(readonly summary: IngestSummary, readonly cause: Error) {
    super(`文件已导入，但派生表重算失败：${cause.message}\n派生表现在与数据不符（报表命令会拒绝读取，直到重算成功）；修正后运行 \`npx spotcheck refresh\`。`);
    this.name = "RefreshFailedAfterIngest";
  }
}
