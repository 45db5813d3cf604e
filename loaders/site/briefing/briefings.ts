// The briefing pages' data: the index of quarters and annual reports (src/briefing/index.md) and every quarter's
// briefing (src/briefing/[quarter].md, via loaders/briefing/briefing-data.ts), the parts every
// quarter shares computed once (briefingShared).
import type { DuckDBConnection } from "@duckdb/node-api";
import { computeRates } from "../../analysis/rates.ts";
import { annualYears } from "../../annual/annual-report.ts";
import { briefingShared, buildBriefing, listBriefingQuarters, type BriefingData } from "../../briefing/briefing-data.ts";
import { readAsOf } from "../../db/metadata.ts";

/** The quarters, and the years with an annual report (/briefing/annual/<year>, all results). */
export async function buildBriefingIndex(conn: DuckDBConnection) {
  return { as_of: await readAsOf(conn), quarters: await computeRates(conn, { by: ["quarter"] }), annual_years: await annualYears(conn, "all") };
}

/** Every quarter's briefing, in quarter order. */
export async function buildAllBriefings(conn: DuckDBConnection): Promise<BriefingData[]> {
  const shared = await briefingShared(conn);
  const briefings: BriefingData[] = [];
  for (const quarter of await listBriefingQuarters(conn)) briefings.push(await buildBriefing(conn, quarter, shared));
  return briefings;
}
