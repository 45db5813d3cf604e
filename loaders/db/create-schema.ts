// Creates the tables, loads the 41 regions (article 5) and (re)creates the views.
// Idempotent: safe on a new or an existing database. Writer only.
import type { DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import { execSqlFile, PROJECT_ROOT } from "./connection.ts";

export const REGIONS_CSV = join(PROJECT_ROOT, "loaders", "contract", "regions.csv");

export async function createSchema(conn: DuckDBConnection): Promise<void> {
  await execSqlFile(conn, "loaders/db/schema.sql");
  await conn.run(
    `INSERT INTO regions
     SELECT code, name, short_name, type FROM read_csv($path, header = true, all_varchar = true)
     WHERE code NOT IN (SELECT code FROM regions)`,
    { path: REGIONS_CSV },
  );
  await execSqlFile(conn, "loaders/db/batch_results.sql");
}
