// JSON for the workbench pages that show the persisted derived tables: funnel plots and
// flags (article 72, loaders/analysis/flags.ts), audit findings (loaders/audit/audit.ts)
// and the catalogue draft (article 10, loaders/analysis/catalogue.ts). A table that the
// refresh step has not written yet comes out as null, and the page says so.
import type { DuckDBConnection } from "@duckdb/node-api";
import { query, querySqlFile, type Row } from "../db/connection.ts";
import { AUDIT_RULES } from "../audit/audit.ts";
import { readAsOf } from "./workbench-cube.ts";
import { tableExists } from "./workbench-overview.ts";
import { routeParam } from "./workbench-json.ts";

/** How many findings of one rule the audit page lists with their evidence (all are counted). */
export const AUDIT_ROWS_PER_RULE = 500;

async function rowsIfTable(conn: DuckDBConnection, table: string, sqlFile: string, params?: Record<string, string | number>): Promise<Row[] | null> {
  return (await tableExists(conn, table)) ? querySqlFile(conn, sqlFile, params) : null;
}

async function readMeta(conn: DuckDBConnection, key: string): Promise<string | null> {
  const rows = await query(conn, "SELECT value FROM meta WHERE key = $key", { key });
  return rows.length ? String(rows[0].value) : null;
}

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

export async function buildWorkbenchFunnel(conn: DuckDBConnection) {
  const points = await rowsIfTable(conn, "funnel_points", "loaders/site/workbench_funnel_points.sql");
  const regions = await query(conn, "SELECT code, name FROM regions");
  const regionNames = Object.fromEntries(regions.map((r) => [String(r.code), String(r.name)]));
  return {
    as_of: await readAsOf(conn),
    targets: await rowsIfTable(conn, "funnel_targets", "loaders/site/workbench_funnel_targets.sql"),
    points: points && columnsOfPoints(points, regionNames),
    flags: await rowsIfTable(conn, "flags", "loaders/site/workbench_flags.sql"),
  };
}

export async function buildWorkbenchFlags(conn: DuckDBConnection) {
  return { as_of: await readAsOf(conn), flags: await rowsIfTable(conn, "flags", "loaders/site/workbench_flags.sql") };
}

export async function buildWorkbenchCatalogue(conn: DuckDBConnection) {
  return {
    as_of: await readAsOf(conn),
    catalogue_year: await readMeta(conn, "catalogue_year"),
    rows: await rowsIfTable(conn, "catalogue_draft", "loaders/site/workbench_catalogue.sql"),
  };
}

export async function buildWorkbenchAuditSummary(conn: DuckDBConnection) {
  return {
    as_of: await readAsOf(conn),
    rules: AUDIT_RULES.map(({ id, article, title }) => ({ id, article, title })),
    max_rows: AUDIT_ROWS_PER_RULE,
    counts: await rowsIfTable(conn, "audit_findings", "loaders/site/workbench_audit_summary.sql"),
  };
}

/** One rule's findings with their evidence; the rule id comes from the route (--rule=A49) and must be a known rule. */
export async function buildWorkbenchAuditRule(conn: DuckDBConnection, rule: string) {
  if (!AUDIT_RULES.some((r) => r.id === rule)) throw new Error(`未知的审计规则 "${rule}"，可用：${AUDIT_RULES.map((r) => r.id).join("、")}`);
  return {
    rule,
    max_rows: AUDIT_ROWS_PER_RULE,
    findings: await rowsIfTable(conn, "audit_findings", "loaders/site/workbench_audit_rule.sql", { rule, max_rows: AUDIT_ROWS_PER_RULE }),
  };
}

export function buildWorkbenchAuditRuleForRoute(argv = process.argv.slice(2)) {
  const rule = routeParam("rule", argv);
  return (conn: DuckDBConnection) => buildWorkbenchAuditRule(conn, rule);
}
