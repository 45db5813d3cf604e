// What every public data loader stub (src/public/**) does: open the database READ_ONLY,
// find the persisted gate decisions (table disclosure_status, written by the refresh as of
// the configured disclosure date), build one output, print it on stdout, close.
// Public outputs are built from published rows only — whitelisted fields (P4, through view
// public_fields) — or from aggregates over them; nothing else of a batch reaches them.
import type { DuckDBConnection } from "@duckdb/node-api";
import { openForReading } from "../db/connection.ts";
import { createPublicFieldsView, persistedAsOf } from "../disclosure/gates.ts";

export interface PublicContext {
  conn: DuckDBConnection;
  /** the disclosure date the persisted gate decisions were computed as of */
  asOf: string;
}

/** Runs `build` on the read-only database and writes its result (text and bytes as they are, anything else as JSON). */
export async function emitPublic(build: (ctx: PublicContext) => Promise<unknown> | unknown): Promise<void> {
  const db = await openForReading();
  try {
    const asOf = await persistedAsOf(db.conn);
    await createPublicFieldsView(db.conn);
    const output = await build({ conn: db.conn, asOf });
    process.stdout.write(typeof output === "string" || output instanceof Uint8Array ? output : JSON.stringify(output));
  } finally {
    db.close();
  }
}

/** Published rows newest first (sampling date, then sample id): the order every list shows. */
export function newestFirst<T extends { sampling_date: string; sample_id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.sampling_date < b.sampling_date ? 1 : a.sampling_date > b.sampling_date ? -1 : a.sample_id < b.sample_id ? -1 : 1));
}
