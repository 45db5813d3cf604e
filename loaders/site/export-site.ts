// `spotcheck site-export`: every page's data in one pass (issue 11). One process, one
// READ_ONLY connection, each query run once; the files land in src/<audience>/ (see
// site-writer.ts) and Framework then builds with no data loaders at all.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../core/config.ts";
import { withReader } from "../db/lifecycle.ts";
import { readMeta } from "../db/metadata.ts";
import { exportBriefing } from "./briefing/export-briefing.ts";
import type { AudienceExport } from "./export-context.ts";
import { exportPublic } from "./public/export-public.ts";
import { readRouteManifest, ROUTE_MANIFEST, writeRouteManifest, type RouteManifest } from "./routes.ts";
import { AUDIENCES, audienceDir, SiteWriter, STATIC_PAGES_DIR, type Audience } from "./site-writer.ts";
import { exportStatus } from "./status/export-status.ts";
import { exportWorkbench } from "./workbench/export-workbench.ts";

const EXPORTS: Record<Audience, AudienceExport> = {
  public: exportPublic,
  workbench: exportWorkbench,
  briefing: exportBriefing,
  status: exportStatus,
};

export interface SiteExportOptions {
  /** the database (default: --db / SPOTCHECK_DB / data/spotcheck.duckdb) */
  db?: string | null;
  srcDir?: string;
  manifestPath?: string;
}

/** Removes what the previous export wrote (by its manifest, and every _data and _pages folder), so nothing stale is built. */
function removePreviousExport(srcDir: string, manifestPath: string): void {
  const previous = readRouteManifest(manifestPath);
  for (const file of previous?.files ?? []) rmSync(join(srcDir, file.path), { force: true });
  for (const audience of AUDIENCES) {
    for (const folder of ["_data", STATIC_PAGES_DIR]) rmSync(join(audienceDir(audience, srcDir), folder), { recursive: true, force: true });
  }
}

export async function exportSite(options: SiteExportOptions = {}): Promise<RouteManifest> {
  const srcDir = options.srcDir ?? join(PROJECT_ROOT, "src");
  const manifestPath = options.manifestPath ?? ROUTE_MANIFEST;
  return withReader(options.db, async (conn, db) => {
    const asOf = await readMeta(conn, "as_of");
    removePreviousExport(srcDir, manifestPath);
    const manifest: RouteManifest = { database: db.path, as_of: asOf, routes: [], files: [] };
    for (const audience of AUDIENCES) {
      const writer = new SiteWriter(audience, srcDir);
      await EXPORTS[audience]({ conn, asOf }, writer);
      manifest.routes.push(...writer.routes);
      manifest.files.push(...writer.files);
    }
    writeRouteManifest(manifest, manifestPath);
    return manifest;
  });
}
