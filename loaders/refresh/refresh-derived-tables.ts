// After every ingest the writer recomputes the persisted derived tables, so the CLI,
// the site and the briefings all read the same flags, findings and gate decisions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseIsoDate } from "../cli/args.ts";
import { openDatabase, PROJECT_ROOT } from "../db/connection.ts";

export interface DerivedContext {
  /** deadlines and disclosure gates are judged as of this day (rules.md), never the wall clock */
  asOf: string;
  /** the year the catalogue draft is for (article 10) */
  catalogueYear: number;
}

/** --as-of wins, then SPOTCHECK_AS_OF, then spotcheck.config.json. */
export function resolveDerivedContext(overrides: { asOf?: string; catalogueYear?: number } = {}): DerivedContext {
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, "spotcheck.config.json"), "utf8")) as Partial<DerivedContext>;
  const asOf = parseIsoDate(overrides.asOf ?? process.env.SPOTCHECK_AS_OF ?? config.asOf, "--as-of");
  const catalogueYear = overrides.catalogueYear ?? config.catalogueYear ?? Number(asOf.slice(0, 4)) + 1;
  return { asOf, catalogueYear };
}

type Writer = (conn: import("@duckdb/node-api").DuckDBConnection, ctx: DerivedContext) => Promise<void>;

/** The writers, in dependency order (the calendar first: audit and disclosure count days with it). */
async function writers(): Promise<[string, Writer][]> {
  return [
    ["calendar_days", (await import("../calendar/calendar-table.ts")).writeCalendarTable],
    ["flags", (await import("../analysis/flags.ts")).writeFlagsTable],
    ["catalogue_draft", (await import("../analysis/catalogue.ts")).writeCatalogueTable],
    ["audit_findings", (await import("../audit/audit.ts")).writeAuditFindingsTable],
    ["disclosure_status", (await import("../disclosure/gates.ts")).writeDisclosureTable],
  ];
}

export async function refreshDerivedTables(dbPath: string, ctx: DerivedContext): Promise<void> {
  const db = await openDatabase(dbPath, { readOnly: false });
  try {
    await db.conn.run("BEGIN TRANSACTION");
    try {
      for (const [, write] of await writers()) await write(db.conn, ctx);
      await db.conn.run("INSERT OR REPLACE INTO meta VALUES ('as_of', $as_of), ('catalogue_year', $year)", {
        as_of: ctx.asOf, year: String(ctx.catalogueYear),
      });
      await db.conn.run("COMMIT");
    } catch (error) {
      await db.conn.run("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}
