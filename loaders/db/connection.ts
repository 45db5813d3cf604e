// Opening the spotcheck DuckDB database, and running the project's .sql files.
//
// One writer: only ingest (and the derived-table refresh it ends with) opens the
// database read-write. Everything else — CLI reports, site loaders, tests of
// reports — opens it READ_ONLY, because Framework may run loaders in parallel.
import { DuckDBConnection, DuckDBInstance, type DuckDBType, type DuckDBValue } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
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
   * (loaders/refresh/refresh-derived-tables.ts, derivedTablesState). Pass false only from a
   * reader that computes everything from batches / events / batch_results itself.
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
    const { assertDerivedTablesFresh } = await import("../refresh/refresh-derived-tables.ts");
    await assertDerivedTablesFresh(db.conn, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

const sqlCache = new Map<string, string>();

/** Reads a .sql file relative to the project root (e.g. "loaders/analysis/rates.sql"). */
export function readSql(relativePath: string): string {
  let text = sqlCache.get(relativePath);
  if (text === undefined) {
    text = readFileSync(join(PROJECT_ROOT, relativePath), "utf8");
    sqlCache.set(relativePath, text);
  }
  return text;
}

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/**
 * Runs one SELECT and returns plain JS rows. Queries cast counts to INTEGER, rates
 * to DOUBLE and dates to VARCHAR, so no bigint or date object leaks out; a bigint
 * that still arrives is turned into a number here as a last line of defence.
 */
export async function query(conn: DuckDBConnection, sql: string, params?: Params): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) out[key] = plain(value);
    return out;
  });
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Runs a .sql file that is one SELECT (the file's name says what it produces). */
export async function querySqlFile(conn: DuckDBConnection, relativePath: string, params?: Params): Promise<Row[]> {
  return query(conn, readSql(relativePath), params);
}

/** Runs a .sql file of several statements (DDL) with no parameters. */
export async function execSqlFile(conn: DuckDBConnection, relativePath: string): Promise<void> {
  await conn.run(readSql(relativePath));
}

/**
 * Runs a .sql file of several statements, in order, each with the bind parameters
 * it names (DuckDB prepares one statement at a time).
 */
export async function execSqlStatements(conn: DuckDBConnection, relativePath: string, params: Params = {}, types?: Record<string, DuckDBType>): Promise<void> {
  const statements = readSql(relativePath)
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim() !== "");
  for (const statement of statements) {
    const code = statement.replace(/--.*$/gm, ""); // a name mentioned in a comment is no parameter
    const names = new Set([...code.matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]));
    const own: Params = {};
    const ownTypes: Record<string, DuckDBType> = {};
    for (const name of names) {
      if (name in params) own[name] = params[name];
      if (types && name in types) ownTypes[name] = types[name];
    }
    await conn.run(statement, names.size ? own : undefined, names.size && types ? ownTypes : undefined);
  }
}
