// Ingest: the bureau's batch and event exports into DuckDB.
//
// Per file: decode and check the header in Node (a file that cannot be decoded or
// lacks a required column is rejected before anything is written); then, inside one
// transaction, DuckDB's read_csv stages the rows, SQL validates every cell
// (checked_batches.sql / checked_events.sql), good rows replace rows with the same
// key, bad rows are quarantined in rejected_rows, and ingest_log records the file.
import { LIST, MAP, VARCHAR, listValue, mapValue, type DuckDBConnection } from "@duckdb/node-api";
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

const enumParams = {
  levels: listValue([...LEVELS]),
  kinds: listValue([...KINDS]),
  channels: listValue([...CHANNELS]),
  sizes: listValue([...ENTERPRISE_SIZES]),
  outcomes: listValue([...OUTCOMES]),
  conclusions: listValue([...CONCLUSIONS]),
  event_types: listValue(Object.keys(EVENT_TYPES)),
  agency_required_events: listValue(Object.entries(EVENT_TYPES).filter(([, t]) => t.agencyRequired).map(([e]) => e)),
  results_by_event: mapValue(
    Object.entries(EVENT_TYPES).filter(([, t]) => t.results).map(([event, t]) => ({ key: event, value: listValue([...t.results!]) })),
  ),
};
const enumTypes = {
  levels: LIST(VARCHAR), kinds: LIST(VARCHAR), channels: LIST(VARCHAR), sizes: LIST(VARCHAR),
  outcomes: LIST(VARCHAR), conclusions: LIST(VARCHAR), event_types: LIST(VARCHAR),
  agency_required_events: LIST(VARCHAR), results_by_event: MAP(VARCHAR, LIST(VARCHAR)),
};

/**
 * Stages the file with DuckDB's read_csv into raw_rows (all VARCHAR, columns c0..cN),
 * then exposes it as staged_<kind> with the contract's keys. Only identifiers we
 * generate (c0.., contract keys) enter the SQL text; the path and the extra headers
 * are bound parameters.
 */
async function stage(conn: DuckDBConnection, source: SourceFile, mapping: HeaderMapping): Promise<void> {
  const names = source.header.map((_, i) => `'c${i}'`).join(", ");
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE raw_rows AS
     SELECT * FROM read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                            names = [${names}], null_padding = false)`,
    { path: source.csvPath },
  );
  const select = columnsOf(mapping.kind).map((c) => {
    const index = mapping.keyToIndex.get(c.key);
    return index === undefined ? `NULL::VARCHAR AS ${c.key}` : `c${index} AS ${c.key}`;
  });
  // A view cannot hold bind parameters: the extra headers go through a one-row temp table.
  await conn.run("CREATE OR REPLACE TEMP TABLE extra_headers AS SELECT $headers AS headers",
    { headers: listValue(mapping.extras.map((e) => e.header)) }, { headers: LIST(VARCHAR) });
  const extras = mapping.extras.length
    ? `map((SELECT headers FROM extra_headers), [${mapping.extras.map((e) => `coalesce(c${e.index}, '')`).join(", ")}])`
    : "NULL::MAP(VARCHAR, VARCHAR)";
  // rowid keeps read order (preserve_insertion_order): record number = rowid + 2 (header is row 1)
  await conn.run(
    `CREATE OR REPLACE TEMP VIEW staged_${mapping.kind} AS
     SELECT CAST(rowid + 2 AS INTEGER) AS source_row, ${select.join(", ")}, ${extras} AS extra_columns FROM raw_rows`,
  );
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

    // Staging is a TEMP table, outside the transaction: it never touches the database
    // file, and committed row ids keep the file's record order.
    try {
      await stage(conn, source, mapping);
    } catch (error) {
      if (!isUnicodeError(error) || source.encoding !== "utf-8") throw new FileRejected(csvErrorMessage(error));
      source = await redecodeAsGb18030(source);
      result.encoding = source.encoding;
      try {
        await stage(conn, source, mapping);
      } catch (retryError) {
        throw new FileRejected(csvErrorMessage(retryError));
      }
    }
    await conn.run("BEGIN TRANSACTION");
    try {
      await execSqlStatements(conn, `loaders/ingest/checked_${kind}.sql`, enumParams, enumTypes);
      await conn.run(`CREATE OR REPLACE TEMP VIEW checked_rows AS SELECT * FROM checked_${kind}`);

      const [{ ingest_id }] = await query(conn, "SELECT CAST(coalesce(max(ingest_id), 0) + 1 AS INTEGER) AS ingest_id FROM ingest_log");
      const params = { ingest_id: ingest_id as number, file_name: source.name, file_kind: kind };
      await execSqlStatements(conn, `loaders/ingest/upsert_${kind}.sql`, params);
      await execSqlStatements(conn, "loaders/ingest/record_rejections.sql", params);
      const pendingAfterUpsert = await countRows(conn, "pending_events");
      await execSqlStatements(conn, "loaders/ingest/release_pending_events.sql");
      const pendingAfterRelease = await countRows(conn, "pending_events");

      const [counts] = await query(conn, `
        SELECT CAST(count(*) AS INTEGER) AS rows_read,
               CAST(count(*) FILTER (WHERE len(problems) = 0) AS INTEGER) AS rows_good,
               CAST(count(*) FILTER (WHERE len(problems) > 0) AS INTEGER) AS rows_rejected
        FROM checked_rows`);
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
          ...params, sha: source.sha256, encoding: source.encoding, rows_read: result.rows_read,
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
  const files: FileResult[] = [];
  for (const path of expandInputs(paths)) {
    files.push(await ingestOne(db, path, options.maxRejectionSamples ?? 20));
  }
  return { database: db.path, files };
}

/** Opens the database for writing (creating it if needed), ingests, closes. */
export async function ingestIntoDatabase(dbPath: string, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const files = expandInputs(paths); // a missing input fails before the database is touched
  mkdirSync(dirname(dbPath), { recursive: true });
  const db = await openDatabase(dbPath, { readOnly: false });
  try {
    return await ingestFiles(db, files, options);
  } finally {
    db.close();
  }
}
