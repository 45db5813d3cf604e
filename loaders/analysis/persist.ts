// Filling a derived table created by a .sql file (writer side only, see loaders/refresh/).
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { query } from "../db/connection.ts";

/**
 * Appends rows to an existing table, each column taken from the row's field of the same name
 * (the table's own column order, so a reordered CREATE TABLE cannot shift values). A field the
 * rows lack fails loudly. Non-finite numbers (NaN, ±Infinity: e.g. the z-score of a category
 * with no failures) are stored as NULL.
 */
export async function appendRows(conn: DuckDBConnection, table: string, rows: readonly object[]): Promise<void> {
  const columns = (await query(conn,
    `SELECT column_name FROM duckdb_columns() WHERE table_name = $table AND schema_name = current_schema() ORDER BY column_index`,
    { table }, z.object({ column_name: z.string() }))).map((r) => r.column_name);
  const missing = rows.length ? columns.filter((c) => !(c in rows[0])) : [];
  if (missing.length) throw new Error(`写入 ${table} 时缺少列：${missing.join(", ")}`);
  const appender = await conn.createAppender(table);
  try {
    for (const row of rows) {
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column];
        if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) appender.appendNull();
        else appender.appendValue(value as string | number | boolean);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
