// Opening the spotcheck DuckDB database.
//
// One writer: only ingest (and the derived-table refresh it ends with) opens the
// database read-write. Everything else — CLI reports, site loaders, tests of
// reports — opens it READ_ONLY, because Framework may run loaders in parallel.
// Callers open it through loaders/db/lifecycle.ts (withReader, withWriter), which close it.
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../core/config.ts";
import { assertDerivedTablesFresh } from "./derived-state.ts";

// PROJECT_ROOT lives in loaders/core/config.ts; the tests and the bench take it from here too
export { PROJECT_ROOT };
// the SQL runners live in ./sql.ts; every folder imports them through this file
export { execSqlFile, execSqlStatements, query, querySqlFile, readSql, type Params, type Row } from "./sql.ts";

export const DEFAULT_DB_PATH = join(PROJECT_ROOT, "data", "spotcheck.duckdb");

/** `--db PATH` wins, then the SPOTCHECK_DB environment variable, then data/spotcheck.duckdb. */
export function resolveDbPath(explicit?: string | null): string {
  if (explicit) return resolve(explicit);
  if (process.env.SPOTCHECK_DB) return resolve(process.env.SPOTCHECK_DB);
  return DEFAULT_DB_PATH;
}

export interface Database {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  path: string;
  close(): void;
}

/**
 * Opens a database file (or ":memory:"). Extension autoload/autoinstall are off:
 * this machine and the bureau's offices have no route to the extension repository.
 */
export async function openDatabase(path: string, opts: { readOnly: boolean }): Promise<Database> {
  const options: Record<string, string> = {
    autoload_known_extensions: "false",
    autoinstall_known_extensions: "false",
  };
  if (opts.readOnly && path !== ":memory:") options.access_mode = "READ_ONLY";
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  return {
    instance,
    conn,
    path,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export interface ReadingOptions {
  /**
   * Whether this reader uses the persisted derived tables (flags, audit_findings,
   * disclosure_status, …). true (the default): opening refuses, with a message telling the
   * user to run `spotcheck refresh`, when they do not match the data
   * (loaders/db/derived-state.ts, derivedTablesState). Pass false only from a reader that
   * computes everything from batches / events / batch_results itself (rates, headline,
   * flags, catalogue, audit, disclosure: they compute live, as of --as-of).
   */
  derivedTables?: boolean;
}

/**
 * Opens the database for reading only; a clear message when it does not exist yet, and
 * (unless options.derivedTables is false) when its derived tables are stale or missing —
 * a READ_ONLY reader cannot recompute them, and must not show results that no longer
 * follow the data.
 */
export async function openForReading(explicit?: string | null, options: ReadingOptions = {}): Promise<Database> {
  const path = resolveDbPath(explicit);
  let db: Database;
  try {
    db = await openDatabase(path, { readOnly: true });
  } catch (error) {
    throw new Error(
      `无法以只读方式打开数据库 ${path}：${(error as Error).message}\n` +
        `先运行 \`npx spotcheck ingest <文件>\` 或 \`npm start\` 生成数据库。`,
    );
  }
  if (options.derivedTables === false) return db;
  try {
    await assertDerivedTablesFresh(db.conn, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
