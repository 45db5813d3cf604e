// The workbench audience's page data (issue 11), written into src/workbench/_data/:
//   cube.arrows     the explorer's cubes (cube.ts), Arrow IPC stream
//   tile-grid.json  the 41 units' squares (tile-grid.ts)
//   overview.json   the overview page (overview.ts)
//   funnel.json  flags.json  catalogue.json  audit.json  audit/<rule>.json   (tables.ts)
//   withheld.json   /workbench/withheld (withheld.ts)
//   sampling-plan.json  sampling-plan.xlsx.bin   /workbench/plan (sampling-plan.ts, article 11)
//   producers.js  producers/<k>.json   /workbench/producer?id=… (producers.ts)
//   repeat-offenders.json   /workbench/repeat-offenders (repeat-offenders.ts)
// Each query runs once: the as-of date, the region names and the flags table are read once and
// handed to whichever builder needs them.
import { AUDIT_RULES } from "../../audit/audit.ts";
import { createPublicFieldsView, persistedAsOf } from "../../disclosure/gates.ts";
import { regionNames } from "../database-reads.ts";
import type { ExportContext } from "../export-context.ts";
import type { SiteWriter } from "../site-writer.ts";
import { buildCubeCells, cubeTable } from "./cube.ts";
import { buildWorkbenchOverview } from "./overview.ts";
import {
  buildWorkbenchAuditRule, buildWorkbenchAuditSummary, buildWorkbenchCatalogue, buildWorkbenchFlags, buildWorkbenchFunnel, readFlags,
} from "./tables.ts";
import { loadRegionTileGrid } from "./tile-grid.ts";
import { buildWithheldPage } from "./withheld.ts";
import { exportSamplingPlan } from "./sampling-plan.ts";
import { writeProducerRecords } from "./producers.ts";
import { buildRepeatOffendersPage } from "./repeat-offenders.ts";
import { resolveDerivedContext } from "../../core/config.ts";

export async function exportWorkbench(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  const { conn } = ctx;
  writer.arrows("cube.arrows", cubeTable(await buildCubeCells(conn, ctx.asOf, await regionNames(conn))));
  writer.json("tile-grid.json", await loadRegionTileGrid(conn));
  writer.json("overview.json", await buildWorkbenchOverview(conn));
  const flags = await readFlags(conn);
  writer.json("funnel.json", await buildWorkbenchFunnel(conn, flags));
  writer.json("flags.json", await buildWorkbenchFlags(conn, flags));
  writer.json("catalogue.json", await buildWorkbenchCatalogue(conn));
  await exportSamplingPlan(ctx, writer);
  writer.json("audit.json", await buildWorkbenchAuditSummary(conn));
  // one file per rule: the audit page fetches only the rule chosen (up to 500 findings with evidence each)
  for (const { id } of AUDIT_RULES) writer.json(`audit/${id}.json`, await buildWorkbenchAuditRule(conn, id));
  // withheld_rows.sql reads the public_fields view (a TEMP view: allowed on the READ_ONLY connection; CREATE OR REPLACE)
  await createPublicFieldsView(conn);
  writer.json("withheld.json", await buildWithheldPage({ conn, asOf: await persistedAsOf(conn) }));
  // as of the derived tables' date, the day the audit findings and flags in the records were judged on
  const asOf = ctx.asOf ?? resolveDerivedContext().asOf;
  writer.json("repeat-offenders.json", await buildRepeatOffendersPage(conn, asOf));
  await writeProducerRecords(conn, asOf, writer);
}
