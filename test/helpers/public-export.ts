// Runs the public audience's export (loaders/site/public/export-public.ts) on a test database
// into a fresh temporary src/ folder, and returns what it wrote and registered.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { exportPublic } from "../../loaders/site/public/export-public.ts";
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
