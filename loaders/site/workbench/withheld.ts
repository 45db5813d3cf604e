// Data of /workbench/withheld (analysts only, not linked from the public pages): every
// batch held back as of the persisted disclosure date, the first gate holding it, why,
// and when that gate can pass. The page is part of the same static build as the public
// pages, so it carries no company names and no conclusions — only what an analyst needs
// to find the batch (sample id, product, region) — and no personal data (P4).
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { querySqlFile } from "../../db/connection.ts";
import { GATES, readWithheld, type GateId } from "../../disclosure/gates.ts";

const count = z.number().int();
/** disclosure_summary.sql: published batches and those each gate holds back. */
const SummarySchema = z.object({ published: count, p1: count, p2: count, p3: count });

/** `asOf`: the persisted disclosure date (gates.ts persistedAsOf); `conn` must have view public_fields. */
export async function buildWithheldPage({ conn, asOf }: { conn: DuckDBConnection; asOf: string }) {
  const [summary] = await querySqlFile(conn, "loaders/disclosure/disclosure_summary.sql", undefined, SummarySchema);
  const held: Record<GateId, number> = { P1: summary.p1, P2: summary.p2, P3: summary.p3 };
  return {
    as_of: asOf,
    published: summary.published,
    by_gate: (["P1", "P2", "P3"] as const).map((gate) => ({ gate, ...GATES[gate], batches: held[gate] })),
    rows: (await readWithheld(conn)).map((w) => ({
      sample_id: w.sample_id, quarter: w.quarter, product_category: w.product_category, product_name: w.product_name,
      sampled_region: w.sampled_region, held_by: w.held_by, reason: w.reason, can_pass_on: w.can_pass_on,
    })),
  };
}
