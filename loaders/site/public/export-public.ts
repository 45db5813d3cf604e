// The public audience's page data (issue 11). Placeholder: the public pages still read
// their data through the data loaders in src/public/; this only registers their routes
// (a page per category, the feed and the downloads at stable addresses).
import type { ExportContext } from "../export-site.ts";
import { publicDynamicPaths } from "../public-paths.ts";
import type { SiteWriter } from "../site-writer.ts";

export async function exportPublic(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  for await (const path of publicDynamicPaths(ctx.conn)) writer.route(path);
}
