// What every public output's builder gets: the one READ_ONLY connection of the export, with
// the view public_fields over published rows only (every gate passed, whitelisted fields:
// rules.md P1–P4, article 62), and the disclosure date the gate decisions were computed as of.
import type { DuckDBConnection } from "@duckdb/node-api";

export interface PublicContext {
  conn: DuckDBConnection;
  /** the disclosure date the persisted gate decisions were computed as of */
  asOf: string;
}
