// The data of /workbench/repeat-offenders (issue 14): 跟踪抽查仍不合格的生产者 as of the
// derived tables' date — both batches, the failures in all and what the bureau did
// (loaders/analysis/repeat-offenders.ts, the same rows as `spotcheck repeat-offenders`).
import type { DuckDBConnection } from "@duckdb/node-api";
import { computeRepeatOffenders } from "../../analysis/repeat-offenders.ts";

export async function buildRepeatOffendersPage(conn: DuckDBConnection, asOf: string) {
  return { as_of: asOf, rows: await computeRepeatOffenders(conn, { asOf }) };
}
