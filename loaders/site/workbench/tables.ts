// The workbench pages' data that show the persisted derived tables: funnel plots and
// flags (article 72, loaders/analysis/flags.ts), audit findings (loaders/audit/audit.ts)
// and the catalogue draft (article 10, loaders/analysis/catalogue.ts). A table that the
// refresh step has not written yet comes out as null, and the page says so.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Row } from "../../db/connection.ts";
import { AUDIT_RULES } from "../../audit/audit.ts";
import { readAsOf, readMeta } from "../../db/metadata.ts";
import { regionNames, rowsIfTable } from "../database-reads.ts";

/** How many findings of one rule the audit page lists with their evidence (all are counted). */
export const AUDIT_ROWS_PER_RULE = 500;

/** Columns of small integers and numbers: a funnel has a point per category and region in each period, thousands in all. */
export interface FunnelPointColumns {
  periods: string[]; categories: string[]; regions: string[]; region_names: Record<string, string>;
  period: number[]; category: number[]; region: number[];
  inspected: number[]; failed: number[]; z: (number | null)[]; q: (number | null)[]; flagged: number[];
}

function columnsOfPoints(rows: Row[], regionNames: Record<string, string>): FunnelPointColumns {
  const dictionary = (key: string) => [...new Set(rows.map((r) => String(r[key])))].sort();
  const periods = dictionary("period"), categories = dictionary("product_category"), regions = dictionary("region_code");
  const index = (values: string[]) => new Map(values.map((v, i) => [v, i]));
  const [p, c, g] = [index(periods), index(categories), index(regions)];
  const significant = (v: unknown) => (v === null || v === undefined ? null : Number(Number(v).toPrecision(3)));
  return {
    periods, categories, regions, region_names: Object.fromEntries(regions.map((code) => [code, regionNames[code] ?? code])),
    period: rows.map((r) => p.get(String(r.period))!),
    category: rows.map((r) => c.get(String(r.product_category))!),
    region: rows.map((r) => g.get(String(r.region_code))!),
    inspected: rows.map((r) => Number(r.inspected)),
    failed: rows.map((r) => Number(r.failed)),
    z: rows.map((r) => (r.z === null ? null : Number(r.z))),
    q: rows.map((r) => significant(r.q)),
    flagged: rows.map((r) => (r.flagged ? 1 : 0)),
  };
}

/** `flags`: the rows of flags.sql when the caller already has them (the export reads them once for two pages). */
export async function buildWorkbenchFunnel(conn: DuckDBConnection, flags?: Row[] | null) {
  const points = await rowsIfTable(conn, "funnel_points", "loaders/site/workbench/funnel_points.sql");
  return {
    as_of: await readAsOf(conn),
    targets: await rowsIfTable(conn, "funnel_targets", "loaders/site/workbench/funnel_targets.sql"),
    points: points && columnsOfPoints(points, await regionNames(conn)),
    flags: flags !== undefined ? flags : await readFlags(conn),
  };
}

export function readFlags(conn: DuckDBConnection): Promise<Row[] | null> {
  return rowsIfTable(conn, "flags", "loaders/site/workbench/flags.sql");
}

export async function buildWorkbenchFlags(conn: DuckDBConnection, flags?: Row[] | null) {
  return { as_of: await readAsOf(conn), flags: flags !== undefined ? flags : await readFlags(conn) };
}

export async function buildWorkbenchCatalogue(conn: DuckDBConnection) {
  return {
    as_of: await readAsOf(conn),
    catalogue_year: await readMeta(conn, "catalogue_year"),
    rows: await rowsIfTable(conn, "catalogue_draft", "loaders/site/workbench/catalogue.sql"),
  };
}

export async function buildWorkbenchAuditSummary(conn: DuckDBConnection) {
  return {
    as_of: await readAsOf(conn),
    rules: AUDIT_RULES.map(({ id, article, title }) => ({ id, article, title })),
    max_rows: AUDIT_ROWS_PER_RULE,
    counts: await rowsIfTable(conn, "audit_findings", "loaders/site/workbench/audit_summary.sql"),
  };
}

/** One rule's findings with their evidence; the rule must be a known one. */
export async function buildWorkbenchAuditRule(conn: DuckDBConnection, rule: string) {
  if (!AUDIT_RULES.some((r) => r.id === rule)) throw new Error(`未知的审计规则 "${rule}"，可用：${AUDIT_RULES.map((r) => r.id).join("、")}`);
  return {
    rule,
    max_rows: AUDIT_ROWS_PER_RULE,
    findings: await rowsIfTable(conn, "audit_findings", "loaders/site/workbench/audit_rule.sql", { rule, max_rows: AUDIT_ROWS_PER_RULE }),
  };
}
