// `spotcheck briefing <季度> [--pdf OUT.pdf] [--site DIR] [--db PATH] [--format table|json]`
//
// Without --pdf: the quarter's briefing as text (or JSON) from the database — the same
// figures as the page. With --pdf: prints the built site's briefing page (dist/briefing/
// <季度>.html, from `npm run build`) to an A4 PDF through headless Chromium.
import { percentOrMissing } from "../core/format.ts";
import { parseQuarter } from "../core/periods.ts";
import { formatRows, parseFormat } from "../core/report-output.ts";
import { withReader } from "../db/lifecycle.ts";
import { buildBriefing, listBriefingQuarters, type BriefingData } from "./briefing-data.ts";
import { repeatOffenderTableRows } from "../analysis/repeat-offenders.ts";
import { parsePrintableReportArgs, printBuiltPagePdf } from "./print-pdf.ts";

export async function briefingCommand(argv: string[]): Promise<number> {
  const { report, values } = parsePrintableReportArgs(argv, "季度（如 2025Q3）");
  const quarter = report.toUpperCase();
  parseQuarter(quarter);

  if (values.pdf !== undefined) return printPdf(quarter, values.pdf, values.site);

  const format = parseFormat(values.format, ["table", "json"]);
  // the briefing reads the persisted flags and audit findings: a stale database is refused
  return withReader(values.db, async (conn) => {
    const quarters = await listBriefingQuarters(conn);
    if (!quarters.includes(quarter)) {
      process.stderr.write(`数据库中没有 ${quarter} 抽样的批次；可用季度：${quarters.join("、") || "（无）"}\n`);
      return 1;
    }
    const briefing = await buildBriefing(conn, quarter);
    process.stdout.write(format === "json" ? JSON.stringify(briefing, null, 2) + "\n" : briefingText(briefing));
    return 0;
  });
}

function printPdf(quarter: string, out: string, site: string | undefined): Promise<number> {
  return printBuiltPagePdf({
    out, site, sitePath: `/briefing/${quarter}`, what: ` ${quarter} 季度简报`, example: "简报.pdf",
    missing: (siteDir) => `站点目录 ${siteDir} 中没有 ${quarter} 的简报页（briefing/${quarter}.html）。\n` +
      "先运行 `npm run build` 生成站点（只有数据中有批次的季度才有简报页），或用 --site 指定已构建的站点目录。\n",
  });
}

const pct = (v: unknown) => percentOrMissing(v, "—");

/** The briefing as plain text for a terminal: the headline paragraph, then each section as a table. */
export function briefingText(b: BriefingData): string {
  const section = (title: string, body: string) => `\n${title}\n${body}`;
  const parts = [
    `${b.document.mark}　${b.document.number}　${b.document.publisher} ${b.document.date_text}`,
    `${b.label}产品质量监督抽查简报（抽样日期 ${b.quarter_start} 至 ${b.quarter_end}；审计与问题标记截至 ${b.as_of ?? "未刷新"}）`,
    "",
    b.sentence + (b.outcome_sentence ?? ""),
    section("分环节（不合格发现率，95% Wilson 区间）", formatRows(b.channel_rates.map((r) => ({
      环节: r.channel, 检验批次: r.inspected, 不合格: r.failed, 发现率: pct(r.rate), 区间: `${pct(r.ci_low)}–${pct(r.ci_high)}`,
    })), "table")),
    section("发现率较高的产品类别（按区间下限排序）", formatRows(b.top_categories.map((r) => ({
      产品类别: r.product_category, 检验批次: r.inspected, 不合格: r.failed, 发现率: pct(r.rate), 区间: `${pct(r.ci_low)}–${pct(r.ci_high)}`,
    })), "table")),
    section(`问题标记（第七十二条，${b.flags_period} 年度）`, b.flags === null ? "（尚未计算）\n"
      : b.flags.length === 0 ? "（无）\n" : b.flags.map((f, i) => `${i + 1}. ${f.sentence}`).join("\n") + "\n"),
    section("本季度到期而逾期的法定程序（按区县、规则）", b.overdue_by_region === null ? "（程序审计尚未运行）\n"
      : formatRows(b.overdue_by_region.map((r) => ({ 区县: r.region_name, 规则: r.rule, 条款: r.article, 逾期件数: r.overdue, 最长逾期日: r.max_days_over })), "table")),
    section(`前期不合格产品后处理（${b.followup_from} 至 ${b.quarter_start} 前抽样，截至 ${b.quarter_end}）`, formatRows(b.followup.map((r) => ({
      区县: r.region_name, 不合格: r.failures, 已责令整改: r.ordered, 已报整改: r.rectified, 已复查: r.rechecked,
      复查合格: r.recheck_passed, 复查不合格: r.recheck_failed, 已社会公告: r.announced, 未见整改通知: r.not_ordered,
    })), "table")),
    section(`跟踪抽查仍不合格企业（本季度新增 ${b.repeat_offenders.length} 家次，截至 ${b.quarter_end} 累计 ${b.repeat_offenders_total} 家次）`,
      b.repeat_offenders.length === 0 ? "（本季度无新增）\n" : formatRows(repeatOffenderTableRows(b.repeat_offenders), "table")),
  ];
  return parts.join("\n");
}
