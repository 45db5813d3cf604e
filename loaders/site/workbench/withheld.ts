// Data of /workbench/withheld (analysts only, not linked from the public pages): every
// batch held back as of the persisted disclosure date, the first gate holding it, why,
// and when that gate can pass. The page is part of the same static build as the public
// pages, so it carries no company names and no conclusions — only what an analyst needs
// to find the batch (sample id, product, region) — and no personal data (P4).
import type { DuckDBConnection } from "@duckdb/node-api";
import { querySqlFile } from "../../db/connection.ts";
import { GATES, readWithheld, type GateId } from "../../disclosure/gates.ts";

/** `asOf`: the persisted disclosure date (gates.ts persistedAsOf). */
export async function buildWithheldPage({ conn, asOf }: { conn: DuckDBConnection; asOf: string }) {
  const [summary] = await querySqlFile(conn, "loaders/disclosure/disclosure_summary.sql");
  return {
    as_of: asOf,
    published: summary.published as number,
    by_gate: (["P1", "P2", "P3"] as GateId[]).map((gate) => ({ gate, ...GATES[gate], batches: summary[gate.toLowerCase()] as number })),
    rows: (await readWithheld(conn)).map((w) => ({
      sample_id: w.sample_id, quarter: w.quarter, product_category: w.product_category, product_name: w.product_name,
      sampled_region: w.sampled_region, held_by: w.held_by, reason: w.reason, can_pass_on: w.can_pass_on,
    })),
  };
}
