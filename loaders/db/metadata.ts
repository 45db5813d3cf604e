// What the database says about itself: which tables it holds, and the meta table the
// refresh stamps (as_of, catalogue_year, derived_from). The one copy of these readers.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { query, querySqlFile } from "./sql.ts";

/**
 * The persistent tables of the main database (database_tables.sql: a connection's TEMP
 * tables are left out — a report's TEMP calendar_days says nothing about what the refresh wrote).
 */
export async function persistentTables(conn: DuckDBConnection): Promise<Set<string>> {
  const rows = await querySqlFile(conn, "loaders/db/database_tables.sql", undefined, z.object({ table_name: z.string() }));
  return new Set(rows.map((r) => r.table_name));
}

/** Whether the main database holds the persistent table `name`. */
export async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  return (await persistentTables(conn)).has(name);
}

/** A value of the meta table, or null when the key (or the table) is not there. */
export async function readMeta(conn: DuckDBConnection, key: string): Promise<string | null> {
  if (!(await tableExists(conn, "meta"))) return null;
  const rows = await query(conn, "SELECT value FROM meta WHERE key = $key", { key }, z.object({ value: z.string().nullable() }));
  return rows[0]?.value ?? null;
}

/** Several meta values at once (keys absent from the table are absent from the map). */
export async function readMetaValues(conn: DuckDBConnection, keys: readonly string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const key of keys) {
    const value = await readMeta(conn, key);
    if (value !== null) values.set(key, value);
  }
  return values;
}

/** The as-of date the persisted derived tables were computed for (meta 'as_of'), or null before the first refresh. */
export function readAsOf(conn: DuckDBConnection): Promise<string | null> {
  return readMeta(conn, "as_of");
}
