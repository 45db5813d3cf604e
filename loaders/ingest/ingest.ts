// Ingest: the bureau's batch and event exports into DuckDB.
//
// Per file: decode and check the header in Node (a file that cannot be decoded or
// lacks a required column is rejected before anything is written). A first pass of
// DuckDB's read_csv through the validation macros (checked_batches.sql /
// checked_events.sql) lists every row's key and problems; then, inside one
// transaction, the good rows replace rows with the same key, bad rows are
// quarantined in rejected_rows, and ingest_log records the file.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from "@duckdb/node-api";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import {
  CHANNELS, CONCLUSIONS, ENTERPRISE_SIZES, EVENT_TYPES, KINDS, LEVELS, OUTCOMES, columnsOf, type FileKind,
} from "../contract/columns.ts";
import { execSqlFile, execSqlStatements, openDatabase, query, type Database } from "../db/connection.ts";
import { createSchema } from "../db/create-schema.ts";
import { detectKind, mapHeader, type HeaderMapping } from "./map-header.ts";
import { FileRejected, openSource, redecodeAsGb18030, type SourceFile } from "./read-source.ts";

export interface RejectionSample {
  row: number;
  column: string;
  value: string | null;
  reason_code: string;
  reason: string;
}

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

const SUPPORTED = new Set([".csv", ".txt", ".xlsx"]);

/** Files named on the command line; a folder stands for its .csv/.xlsx files, batches before events. */
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
 * c0..cN) with the contract's keys. Only identifiers we generate (c0.., contract keys)
 * enter the SQL text; the path is a bound parameter at each call and the extra headers
 * come from a temp table.
 */
async function defineStaging(conn: DuckDBConnection, source: SourceFile, mapping: HeaderMapping): Promise<void> {
  const columns = source.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const select = columnsOf(mapping.kind).map((c) => {
    const index = mapping.keyToIndex.get(c.key);
    return index === undefined ? `NULL::VARCHAR AS ${c.key}` : `c${index} AS ${c.key}`;
  });
  await conn.run("CREATE OR REPLACE TEMP TABLE extra_headers AS SELECT $headers AS headers",
    { headers: listValue(mapping.extras.map((e) => e.header)) }, { headers: LIST(VARCHAR) });
  const extras = mapping.extras.length
    ? `map((SELECT headers FROM extra_headers), [${mapping.extras.map((e) => `coalesce(c${e.index}, '')`).join(", ")}])`
    : "NULL::MAP(VARCHAR, VARCHAR)";
  // No format sniffing (auto_detect = false): a row with a field too many or too few is a
  // CSV error naming its line, never a silently different reading of the file.
  // row_number() OVER () numbers the records in file order (read_csv preserves insertion
  // order): record number = row_number + 1, the header being row 1.
  await conn.run(
    `CREATE OR REPLACE TEMP MACRO staged_${mapping.kind}(path) AS TABLE
     SELECT CAST(row_number() OVER () + 1 AS INTEGER) AS source_row, ${select.join(", ")}, ${extras} AS extra_columns
     FROM read_csv(path, header = true, auto_detect = false, columns = {${columns}},
                   delim = ',', quote = '"', escape = '"', null_padding = false)`,
  );
}

/** An error of DuckDB's CSV reader (as opposed to a bug of ours, which must not pass for bad input). */
function isCsvError(error: unknown): boolean {
  return /CSV Error|Invalid unicode|not utf-8 encoded|Could not convert string|column count|Error when sniffing/i.test((error as Error).message);
}

function isUnicodeError(error: unknown): boolean {
  return /invalid unicode|not utf-8 encoded/i.test((error as Error).message);
}

function csvErrorMessage(error: unknown): string {
  const message = (error as Error).message.split("\n").filter((l) => !/^Possible Solution/.test(l)).slice(0, 3).join(" ");
  return `CSV 格式错误，无法读取（${message}）`;
}

async function ingestOne(db: Database, path: string, maxRejectionSamples: number): Promise<FileResult> {
  const result = emptyResult(path);
  let source: SourceFile | null = null;
  const conn = db.conn;
  try {
    source = await openSource(path);
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
    await defineStaging(conn, source, mapping);
    await execSqlFile(conn, `loaders/ingest/checked_${kind}.sql`); // binds to this file's staging
    const firstPass = () => execSqlStatements(conn, `loaders/ingest/first_pass_${kind}.sql`, { path: source!.csvPath });
    try {
      await firstPass();
    } catch (error) {
      if (!isCsvError(error)) throw error;
      if (!isUnicodeError(error) || source.encoding !== "utf-8") throw new FileRejected(csvErrorMessage(error));
      source = await redecodeAsGb18030(source);
      result.encoding = source.encoding;
      try {
        await firstPass();
      } catch (retryError) {
        throw new FileRejected(csvErrorMessage(retryError));
      }
    }
    await conn.run("BEGIN TRANSACTION");
    try {
      const [{ ingest_id }] = await query(conn, "SELECT CAST(coalesce(max(ingest_id), 0) + 1 AS INTEGER) AS ingest_id FROM ingest_log");
      const params = { ingest_id: ingest_id as number, file_name: source.name, file_kind: kind, path: source.csvPath };
      await execSqlStatements(conn, `loaders/ingest/upsert_${kind}.sql`, params);
      await execSqlStatements(conn, "loaders/ingest/record_rejections.sql", params);
      const pendingAfterUpsert = await countRows(conn, "pending_events");
      await execSqlStatements(conn, "loaders/ingest/release_pending_events.sql");
      const pendingAfterRelease = await countRows(conn, "pending_events");

      const [counts] = await query(conn, `
        SELECT CAST(count(*) AS INTEGER) AS rows_read,
               CAST(count(*) FILTER (WHERE len(problems) = 0) AS INTEGER) AS rows_good,
               CAST(count(*) FILTER (WHERE len(problems) > 0) AS INTEGER) AS rows_rejected
        FROM checked_summary`);
      result.rows_read = counts.rows_read as number;
      result.rows_rejected = counts.rows_rejected as number;
      result.events_released = pendingAfterUpsert - pendingAfterRelease;
      result.rows_pending = kind === "events"
        ? (await query(conn, "SELECT CAST(count(*) AS INTEGER) AS n FROM good_events WHERE NOT batch_known"))[0].n as number
        : 0;
      result.rows_loaded = (counts.rows_good as number) - result.rows_pending;

      await conn.run(
        `INSERT INTO ingest_log VALUES ($ingest_id, $file_name, $sha, $file_kind, $encoding, $rows_read, $rows_loaded,
           $rows_rejected, $rows_pending, $events_released, $extra_columns, current_timestamp::TIMESTAMP)`,
        {
          ingest_id: params.ingest_id, file_name: params.file_name, file_kind: kind, sha: source.sha256, encoding: source.encoding, rows_read: result.rows_read,
          rows_loaded: result.rows_loaded, rows_rejected: result.rows_rejected, rows_pending: result.rows_pending,
          events_released: result.events_released, extra_columns: listValue(result.extra_columns),
        },
        { extra_columns: LIST(VARCHAR) },
      );
      await conn.run("COMMIT");
    } catch (error) {
      await conn.run("ROLLBACK");
      throw error;
    }

    for (const row of await query(conn, `
        SELECT reason_code, CAST(count(*) AS INTEGER) AS n FROM rejected_rows WHERE file_name = $file_name
        GROUP BY reason_code ORDER BY n DESC, reason_code`, { file_name: source.name })) {
      result.rejections_by_reason[row.reason_code as string] = row.n as number;
    }
    result.rejections = (await query(conn, `
        SELECT row_number AS row, column_name AS column, value, reason_code, reason FROM rejected_rows
        WHERE file_name = $file_name ORDER BY row_number, column_name LIMIT $limit`,
      { file_name: source.name, limit: maxRejectionSamples })) as unknown as RejectionSample[];
    result.status = "loaded";
    return result;
  } catch (error) {
    if (!(error instanceof FileRejected)) throw error;
    result.status = "rejected";
    result.error = error.message;
    result.rows_read = result.rows_loaded = result.rows_rejected = result.rows_pending = 0;
    return result;
  } finally {
    source?.cleanup();
  }
}

async function countRows(conn: DuckDBConnection, table: "pending_events"): Promise<number> {
  return (await query(conn, `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0].n as number;
}

export interface IngestOptions {
  /** how many rejected rows to list per file in the summary (all are in rejected_rows) */
  maxRejectionSamples?: number;
  /** DuckDB memory limit for the writer, e.g. "1GB" */
  memoryLimit?: string;
}

/** Ingests files into an open read-write database. */
export async function ingestFiles(db: Database, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  await db.conn.run(`SET memory_limit = '${/^\d+(\.\d+)?[KMG]B$/.test(options.memoryLimit ?? "") ? options.memoryLimit : "1GB"}'`);
  await createSchema(db.conn);
  await execSqlFile(db.conn, "loaders/ingest/contract_macros.sql");
  await createContractTables(db.conn);
  const files: FileResult[] = [];
  for (const path of expandInputs(paths)) {
    files.push(await ingestOne(db, path, options.maxRejectionSamples ?? 20));
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
  const derived = await import("../refresh/refresh-derived-tables.ts");
  const db = await openDatabase(dbPath, { readOnly: false });
  /** the derived tables' state, refreshed first when options.refresh and they need it */
  const followData = async (): Promise<DerivedTablesReport> => {
    // a connection of its own (same instance, so the same file lock): none of ingest's TEMP
    // objects, and no transaction a crashed file may have left open
    const conn = await db.instance.connect();
    try {
      const before = await derived.derivedTablesState(conn);
      const needed = derived.needsRefresh(before);
      if (!options.refresh || !needed) {
        return { state: before.state, refreshed: false, needs_refresh: needed, as_of: before.asOf,
          catalogue_year: before.catalogueYear, reason: before.reason };
      }
      await derived.refreshDerivedTablesOn(conn, options.refresh, options.refreshHooks);
      return { state: "fresh", refreshed: true, needs_refresh: false, as_of: options.refresh.asOf,
        catalogue_year: options.refresh.catalogueYear, reason: before.reason };
    } finally {
      conn.closeSync();
    }
  };
  try {
    let summary: IngestSummary;
    try {
      summary = await ingestFiles(db, files, options);
    } catch (error) {
      // the files before the one that crashed are committed: the derived tables follow them
      if (options.refresh) {
        await followData().catch((refreshError: Error) => {
          (error as Error).message += `\n派生表也未能重算（${refreshError.message}）；请修正后运行 \`npx spotcheck refresh\`。`;
        });
      }
      throw error;
    }
    try {
      return { ...summary, derived_tables: await followData() };
    } catch (error) {
      throw new RefreshFailedAfterIngest(summary, error as Error);
    }
  } finally {
    db.close();
  }
}

export interface IngestRunOptions extends IngestOptions {
  /** recompute the derived tables as of this context, in the same write session, when they do not follow the data */
  refresh?: import("../refresh/refresh-derived-tables.ts").DerivedContext;
  /** for tests: a writer failing, or the process killed, in the middle of the refresh */
  refreshHooks?: import("../refresh/refresh-derived-tables.ts").RefreshHooks;
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
