// The database's lifecycle, written once: open, run, close — and a transaction that
// commits or rolls back. Every command and loader goes through these instead of its own
// try/finally.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, openForReading, type Database, type ReadingOptions } from "./connection.ts";

/**
 * Opens the database READ_ONLY (`dbPath`, else SPOTCHECK_DB, else data/spotcheck.duckdb),
 * runs `fn` and closes it, also when `fn` throws. Refuses stale derived tables unless
 * options.derivedTables is false (see ReadingOptions).
 */
export async function withReader<T>(dbPath: string | null | undefined, fn: (conn: DuckDBConnection, db: Database) => Promise<T>, options: ReadingOptions = {}): Promise<T> {
  const db = await openForReading(dbPath, options);
  try {
    return await fn(db.conn, db);
  } finally {
    db.close();
  }
}

/** Opens the database read-write (the one writer: ingest and refresh), runs `fn`, closes it. */
export async function withWriter<T>(dbPath: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(dbPath, { readOnly: false });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/**
 * Runs `fn` in one transaction on `conn`: COMMIT when it returns, ROLLBACK when it throws
 * (the error is rethrown), so a failure leaves the database exactly as it was.
 */
export async function withTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run("BEGIN TRANSACTION");
  try {
    const result = await fn();
    await conn.run("COMMIT");
    return result;
  } catch (error) {
    await conn.run("ROLLBACK");
    throw error;
  }
}
