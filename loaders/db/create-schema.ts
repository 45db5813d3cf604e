// Creates the tables, loads the 41 regions (article 5) and (re)creates the views.
// Idempotent: safe on a new or an existing database. Writer only. The regions come from
// REGIONS_CSV (named in loaders/core/config.ts: the database sits below the contract, whose
// loaders/contract/regions.ts parses the same file for everything else).
import type { DuckDBConnection } from "@duckdb/node-api";
import { REGIONS_CSV } from "../core/config.ts";
import { execSqlFile } from "./sql.ts";

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
