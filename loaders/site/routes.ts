// The route manifest the site export writes and observablehq.config.ts reads, so that the
// configuration never opens the database: the parameterised pages ([quarter], [category])
// and the stable files (feed, downloads) Framework must build, and every file the export
// wrote (by audience), which the next export removes before it writes anew.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../core/config.ts";
import { z } from "zod";
import { AUDIENCES } from "./site-writer.ts";

export const ROUTE_MANIFEST = join(PROJECT_ROOT, "src", ".observablehq", "spotcheck-routes.json");

const routeManifestSchema = z.object({
  /** the database the data came from, and the as-of date its gates were judged on */
  database: z.string(),
  as_of: z.string().nullable(),
  routes: z.array(z.string()),
  files: z.array(z.object({ audience: z.enum(AUDIENCES), path: z.string(), bytes: z.number().int() })),
});
export type RouteManifest = z.infer<typeof routeManifestSchema>;

export function readRouteManifest(path = ROUTE_MANIFEST): RouteManifest | null {
  if (!existsSync(path)) return null;
  return routeManifestSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export function writeRouteManifest(manifest: RouteManifest, path = ROUTE_MANIFEST): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(manifest, null, 1));
}

/** For observablehq.config.ts: the routes of the last export (none before the first). */
export function exportedRoutes(path = ROUTE_MANIFEST): string[] {
  return readRouteManifest(path)?.routes ?? [];
}
