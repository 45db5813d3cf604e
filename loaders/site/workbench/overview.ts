// The workbench overview (src/workbench/index.md): the circular-style headline of the
// latest plan year and the latest quarter, rates by channel, level and kind, the
// quarterly trend with its intervals, and how many flags and audit findings wait.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseQuarter, type Period } from "../../core/periods.ts";
import { query } from "../../db/connection.ts";
import { computeRates, type RateRow } from "../../analysis/rates.ts";
import { computeHeadline, headlineSentence, type Headline } from "../../analysis/headline.ts";
import { readAsOf, tableExists } from "../../db/metadata.ts";

export interface WorkbenchOverview {
  as_of: string | null;
  latest_year: number | null;
  latest_quarter: string | null;
  year_headline: { figures: Headline; sentence: string } | null;
  quarter_headline: { figures: Headline; sentence: string } | null;
  /** rates in the latest plan year by channel (article 15), level (article 5) and kind (article 4) */
  by_channel: RateRow[];
  by_level: RateRow[];
  by_kind: RateRow[];
  trend: RateRow[];
  trend_by_channel: RateRow[];
  /** counts of what waits for an analyst; null when the derived table has not been written yet */
  pending: { flags: number | null; violations: number | null; open_findings: number | null; catalogue: number | null };
}

async function countIf(conn: DuckDBConnection, table: string, sql: string): Promise<number | null> {
  if (!(await tableExists(conn, table))) return null;
  return Number((await query(conn, sql))[0].n);
}

export async function buildWorkbenchOverview(conn: DuckDBConnection): Promise<WorkbenchOverview> {
  const [latest] = await query(conn, "SELECT CAST(max(plan_year) AS INTEGER) AS year, max(quarter) AS quarter FROM batch_results");
  const year = (latest?.year as number | null) ?? null;
  const quarter = (latest?.quarter as string | null) ?? null;
  const headlineOf = async (period: Period) => {
    const figures = await computeHeadline(conn, period);
    return { figures, sentence: headlineSentence(figures) };
  };
  const inYear = (dimension: string) => (year === null ? Promise.resolve([]) : computeRates(conn, { by: [dimension], year }));
  return {
    as_of: await readAsOf(conn),
    latest_year: year,
    latest_quarter: quarter,
    year_headline: year === null ? null : await headlineOf({ year }),
    quarter_headline: quarter === null ? null : await headlineOf(parseQuarter(quarter)),
    by_channel: await inYear("channel"),
    by_level: await inYear("level"),
    by_kind: await inYear("kind"),
    trend: await computeRates(conn, { by: ["quarter"] }),
    trend_by_channel: await computeRates(conn, { by: ["quarter", "channel"] }),
    pending: {
      flags: await countIf(conn, "flags", "SELECT CAST(count(*) AS INTEGER) AS n FROM flags"),
      violations: await countIf(conn, "audit_findings", "SELECT CAST(count(*) AS INTEGER) AS n FROM audit_findings WHERE status = 'violation'"),
      open_findings: await countIf(conn, "audit_findings", "SELECT CAST(count(*) AS INTEGER) AS n FROM audit_findings WHERE status = 'open'"),
      catalogue: await countIf(conn, "catalogue_draft", "SELECT CAST(count(*) AS INTEGER) AS n FROM catalogue_draft"),
    },
  };
}
