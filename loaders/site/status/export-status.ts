// The status audience's page data (issue 11): src/status/_data/database-status.json, attached
// by src/data-status.md (the page keeps its address /data-status).
import type { ExportContext } from "../export-context.ts";
import type { SiteWriter } from "../site-writer.ts";
import { databaseStatus } from "./database-status.ts";

export async function exportStatus(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  writer.json("database-status.json", await databaseStatus(ctx.conn));
}
