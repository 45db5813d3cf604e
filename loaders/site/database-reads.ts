// Small reads the site's audiences share, on top of loaders/db/metadata.ts (readAsOf, readMeta,
// tableExists): the rows of a derived table's .sql file, or null when the refresh has not
// written the table yet (a page says so), and the region names of article 5.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { query, querySqlFile, type Params, type Row } from "../db/connection.ts";
import { tableExists } from "../db/metadata.ts";

/** The rows of a .sql file, or null when the derived table it reads has not been written yet. */
export async function rowsIfTable(conn: DuckDBConnection, table: string, sqlFile: string, params?: Params): Promise<Row[] | null> {
  return (await tableExists(conn, table)) ? querySqlFile(conn, sqlFile, params) : null;
}

/** Region code → name (the regions table of article 5). */
export async function regionNames(conn: DuckDBConnection): Promise<Record<string, string>> {
  const regions = await query(conn, "SELECT code, name FROM regions ORDER BY code", undefined, z.object({ code: z.string(), name: z.string() }));
  return Object.fromEntries(regions.map((r) => [r.code, r.name]));
}
