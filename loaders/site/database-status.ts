// Data for the 数据概况 page: what is in the database.
import { openForReading, querySqlFile } from "../db/connection.ts";

export async function databaseStatus() {
  const db = await openForReading();
  try {
    return {
      totals: (await querySqlFile(db.conn, "loaders/site/database_totals.sql"))[0],
      batchesByYearLevelChannel: await querySqlFile(db.conn, "loaders/site/batches_by_year_level_channel.sql"),
      recentIngests: await querySqlFile(db.conn, "loaders/site/recent_ingests.sql", { limit: 20 }),
      rejectedByReason: await querySqlFile(db.conn, "loaders/site/rejected_rows_by_reason.sql"),
    };
  } finally {
    db.close();
  }
}
