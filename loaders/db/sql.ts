// Running the project's .sql files, and reading their rows — checked against a zod schema
// when the caller gives one, so a column of an unexpected type fails here, naming the file,
// the row and the column, instead of travelling on under a cast.
import type { DuckDBConnection, DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../core/config.ts";

const sqlCache = new Map<string, string>();

/** Reads a .sql file relative to the project root (e.g. "loaders/analysis/rates_by_dimensions.sql"). */
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
/** A schema of one row: an object of the columns the caller relies on. */
export type RowSchema = z.ZodType<Row>;

/** Rows as the SQL returned them, checked with `schema`; `source` names the query in the error. */
export function parseRows<S extends RowSchema>(rows: Row[], schema: S, source: string): z.output<S>[] {
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      throw new Error(`${source} 第 ${index + 1} 行的列与预期不符：\n${z.prettifyError(parsed.error)}`);
    }
    // zod writes the schema's keys first; put them back in the order of the SELECT, so a
    // row written out as JSON or CSV reads exactly as the query produced it
    const data: Row = parsed.data;
    for (const key of Object.keys(row)) {
      if (!Object.hasOwn(data, key)) continue;
      const value = data[key];
      delete data[key];
      data[key] = value;
    }
    return parsed.data;
  });
}

/**
 * Runs one SELECT and returns plain JS rows. Queries cast counts to INTEGER, rates
 * to DOUBLE and dates to VARCHAR, so no bigint or date object leaks out; a bigint
 * that still arrives is turned into a number here as a last line of defence.
 * With a schema, every row is checked (and typed) by it.
 */
export async function query(conn: DuckDBConnection, sql: string, params?: Params): Promise<Row[]>;
export async function query<S extends RowSchema>(conn: DuckDBConnection, sql: string, params: Params | undefined, schema: S): Promise<z.output<S>[]>;
export async function query(conn: DuckDBConnection, sql: string, params?: Params, schema?: RowSchema): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  const rows = reader.getRowObjectsJS().map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) out[key] = plain(value);
    return out;
  });
  return schema ? parseRows(rows, schema, `查询 ${sql.trim().split("\n")[0].slice(0, 60)}`) : rows;
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Runs a .sql file that is one SELECT (the file's name says what it produces); rows checked by `schema` when given. */
export async function querySqlFile(conn: DuckDBConnection, relativePath: string, params?: Params): Promise<Row[]>;
export async function querySqlFile<S extends RowSchema>(conn: DuckDBConnection, relativePath: string, params: Params | undefined, schema: S): Promise<z.output<S>[]>;
export async function querySqlFile(conn: DuckDBConnection, relativePath: string, params?: Params, schema?: RowSchema): Promise<Row[]> {
  const rows = await query(conn, readSql(relativePath), params);
  return schema ? parseRows(rows, schema, relativePath) : rows;
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
