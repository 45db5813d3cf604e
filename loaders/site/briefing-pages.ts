// JSON for the briefing pages: the index of quarters (src/briefing/index.md) and one
// quarter's briefing (src/briefing/[quarter].md, via loaders/briefing/briefing-data.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { computeRates } from "../analysis/rates.ts";
import { buildBriefing } from "../briefing/briefing-data.ts";
import { readAsOf } from "./workbench-cube.ts";
import { routeParam } from "./workbench-json.ts";

export async function buildBriefingIndex(conn: DuckDBConnection) {
  return { as_of: await readAsOf(conn), quarters: await computeRates(conn, { by: ["quarter"] }) };
}

/** For the parameterized loader: Framework passes --quarter=2025Q3. */
export function buildBriefingForRoute(argv = process.argv.slice(2)) {
  const quarter = routeParam("quarter", argv);
  return (conn: DuckDBConnection) => buildBriefing(conn, quarter);
}
