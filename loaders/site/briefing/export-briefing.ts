// The briefing audience's page data (issue 11), written into src/briefing/_data/:
//   quarters.json    the index of quarters (and the trend every briefing draws)
//   <quarter>.json   one per quarter, attached by [quarter].md as ./_data/${observable.params.quarter}.json
//   tile-grid.json   the 41 units' squares (the same as the workbench's: each audience ships its own)
// and registers the page /briefing/<quarter> of each quarter; and the static leadership annual
// reports /briefing/annual/<year> (annual-briefing-pages.ts, issue 14).
import type { ExportContext } from "../export-context.ts";
import type { SiteWriter } from "../site-writer.ts";
import { loadRegionTileGrid } from "../workbench/tile-grid.ts";
import { writeAnnualBriefingPages } from "./annual-briefing-pages.ts";
import { buildAllBriefings, buildBriefingIndex } from "./briefings.ts";

export async function exportBriefing(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  writer.json("quarters.json", await buildBriefingIndex(ctx.conn));
  writer.json("tile-grid.json", await loadRegionTileGrid(ctx.conn));
  for (const briefing of await buildAllBriefings(ctx.conn)) {
    writer.json(`${briefing.quarter}.json`, briefing);
    writer.route(`/briefing/${briefing.quarter}`);
  }
  await writeAnnualBriefingPages(writer, ctx.conn);
}
