// `spotcheck audit --as-of YYYY-MM-DD [--rule A49] [--region CODE|名称] [--format table|json|csv] [--db PATH]`
// Lists what is overdue (violation) and what is still running (open, with days left), as of
// an explicit date: --as-of, else SPOTCHECK_AS_OF, else spotcheck.config.json — never today.
import { parseCommandArgs } from "../core/command-line.ts";
import { UsageError } from "../core/errors.ts";
import { formatRows, parseFormat } from "../core/report-output.ts";
import { CalendarCoverageError } from "../calendar/statutory-calendar.ts";
import { resolveDerivedContext } from "../core/config.ts";
import { query } from "../db/connection.ts";
import { withReader } from "../db/lifecycle.ts";
import { z } from "zod";
import { AUDIT_RULES, computeFindings, FINDING_COLUMNS, findRule } from "./audit.ts";

const TABLE_COLUMNS = ["rule", "status", "sample_id", "region_code", "due", "days_over", "days_left", "sentence"];

export async function auditCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    "as-of": { type: "string" },
    rule: { type: "string" },
    region: { type: "string" },
  });
  const format = parseFormat(values.format);
  const { asOf } = resolveDerivedContext({ asOf: values["as-of"] });
  const rule = values.rule === undefined ? undefined : findRule(values.rule);
  if (values.rule !== undefined && !rule) {
    throw new UsageError(`--rule 未知的规则 "${values.rule}"；可用：${AUDIT_RULES.map((r) => r.id).join("、")}`);
  }

  // computed live as of --as-of (a TEMP calendar), never from the persisted audit_findings:
  // a database whose derived tables are stale is no reason to refuse
  return withReader(values.db, async (conn) => {
    const region = values.region === undefined ? undefined : await resolveRegion(conn, values.region);
    const findings = await computeFindings(conn, { asOf, rule: rule?.id, region }).catch((error) => {
      if (error instanceof CalendarCoverageError) throw new UsageError(error.message);
      throw error;
    });
    if (format === "table") {
      process.stdout.write(formatRows(findings, "table", TABLE_COLUMNS));
      const violations = findings.filter((f) => f.status === "violation").length;
      process.stdout.write(
        `截至 ${asOf}${rule ? `，规则 ${rule.id}（第${rule.article}条 ${rule.title}）` : ""}${region ? `，区域 ${region}` : ""}：` +
          `违规 ${violations} 条，期限未届满 ${findings.length - violations} 条。\n`,
      );
    } else {
      process.stdout.write(formatRows(findings, format, [...FINDING_COLUMNS]));
    }
    return 0;
  }, { derivedTables: false });
}

/** A region code, full name or short name (article 5's 41 units) → its code. */
async function resolveRegion(conn: Parameters<typeof query>[0], value: string): Promise<string> {
  const text = value.trim();
  const rows = await query(conn, "SELECT code FROM regions WHERE code = $v OR name = $v OR short_name = $v", { v: text }, z.object({ code: z.string() }));
  if (rows.length !== 1) {
    throw new UsageError(`--region 未知的区县 "${value}"：请使用 regions 表中的代码（如 500112）、全称或简称`);
  }
  return rows[0].code;
}
