// Pages with a parameter in their route ([quarter], [category]) that Framework
// must build: one per quarter and per product category present in the database.
import { existsSync } from "node:fs";
import { openForReading, query, resolveDbPath } from "../db/connection.ts";

export async function* listDynamicPaths(): AsyncGenerator<string> {
  if (!existsSync(resolveDbPath())) return;
  const db = await openForReading();
  try {
    const quarters = await query(db.conn, "SELECT DISTINCT quarter FROM batch_results ORDER BY quarter");
    for (const { quarter } of quarters) yield `/briefing/${quarter}`;
    const categories = await query(db.conn, "SELECT DISTINCT product_category FROM batches ORDER BY product_category");
    for (const { product_category } of categories) yield `/public/category/${encodeURIComponent(String(product_category))}`;
  } finally {
    db.close();
  }
}
