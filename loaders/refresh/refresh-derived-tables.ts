// After every ingest the writer recomputes the persisted derived tables, so the CLI,
// the site and the briefings all read the same flags, findings and gate decisions.
//
// Derived tables follow the data (loaders/README.md): the refresh records in meta
// ('derived_from') what it computed them from — a fingerprint of ingest_log and the row
// counts of batches and events — in the same transaction as the tables. Any later command
// compares that record with the data (derivedTablesState, loaders/db/derived-state.ts) and
// refreshes (ingest, the site build) or refuses (the READ_ONLY readers, through openForReading).
import type { DuckDBConnection } from "@duckdb/node-api";
import { writeCatalogueTable } from "../analysis/catalogue.ts";
import { writeFlagsTable } from "../analysis/flags.ts";
import { writeAuditFindingsTable } from "../audit/audit.ts";
import { writeCalendarTable } from "../calendar/calendar-table.ts";
import type { DerivedContext } from "../core/config.ts";
import { dataFingerprint } from "../db/derived-state.ts";
import { withTransaction, withWriter } from "../db/lifecycle.ts";
import { writeDisclosureTable } from "../disclosure/gates.ts";


type Writer = (conn: DuckDBConnection, ctx: DerivedContext) => Promise<void>;

/**
 * The writers, in dependency order (the calendar first: audit and disclosure count days
 * with it). The tables they write are DERIVED_TABLES (loaders/db/derived-state.ts).
 */
const WRITERS: readonly [string, Writer][] = [
  ["calendar_days", writeCalendarTable],
  ["flags", writeFlagsTable],
  ["catalogue_draft", writeCatalogueTable],
  ["audit_findings", writeAuditFindingsTable],
  ["disclosure_status", writeDisclosureTable],
];

/** For tests: called after each writer, inside the refresh's transaction. */
export interface RefreshHooks {
  afterWriter?: (table: string) => void | Promise<void>;
}

/**
 * Recomputes every derived table on an open read-write connection, in one transaction
 * that also records what they were computed from (meta: derived_from, as_of,
 * catalogue_year). An error — or the process being killed — leaves the earlier tables and
 * the earlier record, so derivedTablesState then says stale.
 */
export async function refreshDerivedTablesOn(conn: DuckDBConnection, ctx: DerivedContext, hooks: RefreshHooks = {}): Promise<void> {
  await withTransaction(conn, async () => {
    for (const [table, write] of WRITERS) {
      await write(conn, ctx);
      await hooks.afterWriter?.(table);
    }
    const from = await dataFingerprint(conn);
    await conn.run(
      "INSERT OR REPLACE INTO meta VALUES ('as_of', $as_of), ('catalogue_year', $year), ('derived_from', $from)",
      { as_of: ctx.asOf, year: String(ctx.catalogueYear), from: JSON.stringify(from) },
    );
  });
}

/** Opens the database read-write, recomputes the derived tables, closes (`spotcheck refresh`). */
export async function refreshDerivedTables(dbPath: string, ctx: DerivedContext): Promise<void> {
  await withWriter(dbPath, (db) => refreshDerivedTablesOn(db.conn, ctx));
}
