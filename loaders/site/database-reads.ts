// Small reads every audience's export shares: the as-of date of the derived tables, a meta
// value, whether a derived table has been written yet (a page says so when it has not).
import type { DuckDBConnection } from "@duckdb/node-api";
import { query, querySqlFile, type Params, type Row } from "../db/connection.ts";

/** The as-of date of the persisted derived tables (meta key 'as_of'), or null before the first refresh. */
export async function readAsOf(conn: DuckDBConnection): Promise<string | null> {
  return readMeta(conn, "as_of");
}

export async function readMeta(conn: DuckDBConnection, key: string): Promise<string | null> {
  const rows = await query(conn, "SELECT value FROM meta WHERE key = $key", { key });
  return rows.length ? String(rows[0].value) : null;
}

export async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const rows = await query(conn, "SELECT 1 FROM information_schema.tables WHERE table_name = $name", { name });
  return rows.length > 0;
}

/** The rows of a .sql file, or null when the derived table it reads has not been written yet. */
export async function rowsIfTable(conn: DuckDBConnection, table: string, sqlFile: string, params?: Params): Promise<Row[] | null> {
  return (await tableExists(conn, table)) ? querySqlFile(conn, sqlFile, params) : null;
}

/** Region code → name (the regions table of article 5). */
export async function regionNames(conn: DuckDBConnection): Promise<Record<string, string>> {
  const regions = await query(conn, "SELECT code, name FROM regions ORDER BY code");
  return Object.fromEntries(regions.map((r) => [String(r.code), String(r.name)]));
}
