// The briefing audience's page data (issue 11). Placeholder: the briefing pages still read
// their data through the data loaders in src/briefing/; this only registers a page per quarter.
import type { ExportContext } from "../export-site.ts";
import type { SiteWriter } from "../site-writer.ts";

export async function exportBriefing(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  const reader = await ctx.conn.runAndReadAll("SELECT DISTINCT quarter FROM batch_results ORDER BY quarter");
  for (const { quarter } of reader.getRowObjectsJS()) writer.route(`/briefing/${String(quarter)}`);
}
