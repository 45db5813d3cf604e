// Data for the 数据概况 page (/data-status): what is in the database.
import type { DuckDBConnection } from "@duckdb/node-api";
import { querySqlFile } from "../../db/connection.ts";

/** How many of the latest ingests the page lists. */
export const RECENT_INGESTS = 20;

export async function databaseStatus(conn: DuckDBConnection) {
  return {
    totals: (await querySqlFile(conn, "loaders/site/status/database_totals.sql"))[0],
    batchesByYearLevelChannel: await querySqlFile(conn, "loaders/site/status/batches_by_year_level_channel.sql"),
    recentIngests: await querySqlFile(conn, "loaders/site/status/recent_ingests.sql", { limit: RECENT_INGESTS }),
    rejectedByReason: await querySqlFile(conn, "loaders/site/status/rejected_rows_by_reason.sql"),
  };
}
