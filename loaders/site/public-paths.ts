// The public routes Framework must build beyond the configured pages (dynamicPaths):
// one page per product category with published results, and the files whose URL must not
// change between builds — the Atom feed a subscriber keeps, and the download files the
// press links to (Framework otherwise serves files only under content-hashed names).
import type { DuckDBConnection } from "@duckdb/node-api";
import { querySqlFile } from "../db/connection.ts";
import { categorySlugs } from "./public-categories.ts";

export const STABLE_PUBLIC_FILES = ["/public/feed.xml", "/public/data/published.csv", "/public/data/published.json"];

export async function* publicDynamicPaths(conn: DuckDBConnection): AsyncGenerator<string> {
  const hasStatus = await querySqlFile(conn, "loaders/disclosure/disclosure_table_exists.sql");
  if (!hasStatus[0]?.present) return; // not refreshed yet: the public pages say so themselves
  // the same set of names as the categories list (published batches), so the same slugs
  const names = (await querySqlFile(conn, "loaders/disclosure/published_categories.sql")).map((r) => String(r.product_category));
  for (const slug of categorySlugs(names).values()) yield `/public/category/${slug}`;
  yield* STABLE_PUBLIC_FILES;
}
