// Pages with a parameter in their route ([quarter], [category]) that Framework
// must build: one per quarter and per product category present in the database.
import { existsSync } from "node:fs";
import { openForReading, query, resolveDbPath } from "../db/connection.ts";
import { publicDynamicPaths } from "./public-paths.ts";

export async function* listDynamicPaths(): AsyncGenerator<string> {
  if (!existsSync(resolveDbPath())) return;
  const db = await openForReading();
  try {
    const quarters = await query(db.conn, "SELECT DISTINCT quarter FROM batch_results ORDER BY quarter");
    for (const { quarter } of quarters) yield `/briefing/${quarter}`;
    // public: a page per category with published results (Chinese names build fine; see
    // categorySlugs: long or odd names get a hash), plus the feed and downloads at stable URLs (loaders/site/public-paths.ts)
    yield* publicDynamicPaths(db.conn);
  } finally {
    db.close();
  }
}
