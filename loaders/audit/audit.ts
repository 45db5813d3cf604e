// The process audit (rules.md, "Process audit"): every rule A15…A74 is one .sql file in
// loaders/audit/rules/, judged against an explicit as-of date, never the wall clock.
// All rules run as one set-based query over batches and events; deadlines come from the
// statutory calendar (article 75) as the TEMP table calendar_days.
import type { DuckDBConnection } from "@duckdb/node-api";
import { createTempCalendarTable } from "../calendar/calendar-table.ts";
import { CalendarCoverageError, statutoryCalendar } from "../calendar/statutory-calendar.ts";
import { query, readSql, type Params } from "../db/connection.ts";
import { z } from "zod";

export interface AuditRule {
  id: string;
  article: number;
  file: string;
  title: string;
}

const RULES_DIR = "loaders/audit/rules";

/** In article order — the order findings are listed in. */
export const AUDIT_RULES: AuditRule[] = [
  { id: "A15", article: 15, file: `${RULES_DIR}/a15_channel_mix.sql`, title: "生产、流通、电商领域批次比例（提示）" },
  { id: "A16", article: 16, file: `${RULES_DIR}/a16_sampling_and_inspection_separated.sql`, title: "抽检分离" },
  { id: "A20", article: 20, file: `${RULES_DIR}/a20_at_least_two_samplers.sql`, title: "抽样人员不少于2人" },
  { id: "A22", article: 22, file: `${RULES_DIR}/a22_no_repeat_sampling_within_6_months.sql`, title: "六个月内不得下级重复抽查" },
  { id: "A49", article: 49, file: `${RULES_DIR}/a49_report_sent_within_3_working_days.sql`, title: "3个工作日内报送检验报告" },
  { id: "A49P", article: 49, file: `${RULES_DIR}/a49p_producer_told_when_sampled_at_seller.sql`, title: "销售者处抽样须告知标称生产者" },
  { id: "A51", article: 51, file: `${RULES_DIR}/a51_failure_notified.sql`, title: "不合格结论书面告知" },
  { id: "A52", article: 52, file: `${RULES_DIR}/a52_objection_window.sql`, title: "15日异议期" },
  { id: "A54", article: 54, file: `${RULES_DIR}/a54_reinspection_procedure_within_7_days.sql`, title: "7日内办理复检手续" },
  { id: "A56", article: 56, file: `${RULES_DIR}/a56_reinspection_agency_within_10_days.sql`, title: "10日内确定复检机构且不同于初检机构" },
  { id: "A65", article: 65, file: `${RULES_DIR}/a65_rectification_within_60_days.sql`, title: "60日内整改并提交报告" },
  { id: "A66", article: 66, file: `${RULES_DIR}/a66_recheck_within_75_days.sql`, title: "75日内组织复查" },
  { id: "A67", article: 67, file: `${RULES_DIR}/a67_announcement_after_failed_recheck.sql`, title: "复查仍不合格须社会公告" },
  { id: "A68", article: 68, file: `${RULES_DIR}/a68_second_recheck_60_to_90_days.sql`, title: "公告后60至90日再次复查" },
  { id: "A70", article: 70, file: `${RULES_DIR}/a70_failing_producer_stops_selling.sql`, title: "整改期间停止生产销售（提示）" },
  { id: "A74", article: 74, file: `${RULES_DIR}/a74_out_of_city_regulator_informed.sql`, title: "通报市外生产者所在地部门" },
];

/**
 * Articles 49 (告知生产者), 51 (不合格告知), 67 (社会公告) and 74 (通报市外) require a step
 * "同时" or "及时" without a number of days. The audit allows this many natural days
 * (counted per article 75) before a missing step is a violation rather than open — the
 * bureau's reading, the same length as the 15-day windows of articles 51 and 52.
 */
export const PROMPT_NOTICE_DAYS = 15;

/** One finding, as every rule's SELECT returns it (checked when read: FindingSchema). */
export const FindingSchema = z.object({
  rule: z.string(),
  article: z.number().int(),
  /** 'statutory': a rule of the measures was broken or a deadline passed; 'informational': A15, A70 — worth a look, not proof of a breach */
  severity: z.enum(["statutory", "informational"]),
  /** the batch the finding is about; for A15 (a whole task) the task id */
  sample_id: z.string(),
  task_id: z.string(),
  /** sampled_region of the batch; for A15 the task's region when it has only one, else null */
  region_code: z.string().nullable(),
  status: z.enum(["violation", "open"]),
  /** the last allowed day (YYYY-MM-DD) — for rules without a deadline, the day of the act */
  due: z.string().nullable(),
  /** natural days past due (null when open, and for rules without a deadline) */
  days_over: z.number().int().nullable(),
  /** natural days left until due, 0 on the last allowed day (null when violation) */
  days_left: z.number().int().nullable(),
  sentence: z.string(),
});

export type Finding = z.output<typeof FindingSchema>;

export const FINDING_COLUMNS = [
  "rule", "article", "severity", "sample_id", "task_id", "region_code", "status", "due", "days_over", "days_left", "sentence",
] as const;

export function findRule(id: string): AuditRule | undefined {
  return AUDIT_RULES.find((r) => r.id.toUpperCase() === id.trim().toUpperCase());
}

/** The union of the rules' SELECTs; each file is one SELECT with $as_of (and maybe $prompt_notice_days). */
function rulesSql(rules: AuditRule[]): string {
  return rules
    .map((r) => `SELECT ${FINDING_COLUMNS.join(", ")} FROM (\n${readSql(r.file).trim().replace(/;$/, "")}\n)`)
    .join("\nUNION ALL\n");
}

/** Only the parameters the statement names: DuckDB refuses a bound name it does not use. */
function paramsFor(sql: string, all: Params): Params {
  return Object.fromEntries(Object.entries(all).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
}

/**
 * Creates this connection's TEMP calendar_days and the audit macros. Works on a READ_ONLY
 * connection. Refuses an as-of date, or data, outside the calendar's covered years.
 */
async function prepareAudit(conn: DuckDBConnection, asOf: string): Promise<void> {
  const calendar = statutoryCalendar();
  calendar.isWorkingDay(asOf); // CalendarCoverageError beyond the covered years
  const [{ first }] = await query(conn, "SELECT CAST(min(sampling_date) AS VARCHAR) AS first FROM batches");
  if (typeof first === "string" && first < `${calendar.first}-01-01`) {
    throw new CalendarCoverageError(
      `数据中最早的抽样日期 ${first} 早于法定节假日数据的覆盖范围（${calendar.first}–${calendar.last} 年），无法按第七十五条计算期限`,
    );
  }
  await createTempCalendarTable(conn, calendar);
  await conn.run(readSql("loaders/audit/audit_macros.sql"));
}

function selectRules(rule?: string): AuditRule[] {
  if (rule === undefined) return AUDIT_RULES;
  const found = findRule(rule);
  if (!found) throw new Error(`未知的审计规则 "${rule}"，可用：${AUDIT_RULES.map((r) => r.id).join("、")}`);
  return [found];
}

/** Findings as of `asOf`, optionally one rule and one region (a region code). */
export async function computeFindings(
  conn: DuckDBConnection,
  opts: { asOf: string; rule?: string; region?: string },
): Promise<Finding[]> {
  await prepareAudit(conn, opts.asOf);
  const regionFilter = opts.region === undefined ? "" : "WHERE region_code = $region";
  const sql = `SELECT * FROM (\n${rulesSql(selectRules(opts.rule))}\n) ${regionFilter}
    ORDER BY article, rule, status DESC, days_over DESC NULLS LAST, days_left NULLS LAST, sample_id, due`;
  const params = paramsFor(sql, { as_of: opts.asOf, prompt_notice_days: PROMPT_NOTICE_DAYS, region: opts.region ?? null });
  return query(conn, sql, params, FindingSchema);
}

/**
 * Writer (refresh step 4): CREATE OR REPLACE TABLE audit_findings — the Finding columns
 * plus as_of (VARCHAR, YYYY-MM-DD) — so the site shows the same findings as the CLI.
 */
export async function writeAuditFindingsTable(conn: DuckDBConnection, ctx: { asOf: string }): Promise<void> {
  await prepareAudit(conn, ctx.asOf);
  const sql = `CREATE OR REPLACE TABLE audit_findings AS
    SELECT *, CAST($as_of AS VARCHAR) AS as_of FROM (\n${rulesSql(AUDIT_RULES)}\n)
    ORDER BY article, rule, status DESC, days_over DESC NULLS LAST, days_left NULLS LAST, sample_id, due`;
  await conn.run(sql, paramsFor(sql, { as_of: ctx.asOf, prompt_notice_days: PROMPT_NOTICE_DAYS }));
}
