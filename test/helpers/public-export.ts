// Runs the public audience's export (loaders/site/public/export-public.ts) on a test database
// into a fresh temporary src/ folder, and returns what it wrote and registered.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { readPublished } from "../../loaders/disclosure/gates.ts";
import { publishedCounts } from "../../loaders/site/public/announcements.ts";
import { buildCategoryPages, type CategoryPage } from "../../loaders/site/public/categories.ts";
import { exportPublic } from "../../loaders/site/public/export-public.ts";
import type { PublicContext } from "../../loaders/site/public/public-context.ts";
import { SiteWriter } from "../../loaders/site/site-writer.ts";

export interface PublicExport {
  /** the temporary src/ folder */
  srcDir: string;
  routes: string[];
  files: { path: string; bytes: number }[];
  /** a written file's bytes, by its path under src/public/ */
  read(path: string): Buffer;
}

export async function exportPublicTo(conn: DuckDBConnection): Promise<PublicExport> {
  const srcDir = mkdtempSync(join(tmpdir(), "spotcheck-public-export-"));
  const writer = new SiteWriter("public", srcDir);
  await exportPublic({ conn, asOf: null }, writer);
  return { srcDir, routes: writer.routes, files: writer.files, read: (path) => readFileSync(join(srcDir, "public", path)) };
}

/** One category's page, built as the export builds all of them (counts and published rows read once). */
export async function categoryPageOf(ctx: PublicContext, slug: string): Promise<CategoryPage> {
  const page = buildCategoryPages(ctx.asOf, await publishedCounts(ctx.conn), await readPublished(ctx.conn)).find((c) => c.slug === slug);
  if (!page) throw new Error(`no category page "${slug}"`);
  return page;
}

/** The published categories with their slugs, as the export's category pages have them. */
export async function categoriesOf(ctx: PublicContext): Promise<CategoryPage[]> {
  return buildCategoryPages(ctx.asOf, await publishedCounts(ctx.conn), []);
}
