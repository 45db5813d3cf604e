// `spotcheck annual <年份> [--pdf OUT.pdf] [--site DIR] [--db PATH] [--format table|json]`
//
// Without --pdf: the leadership's annual report (every result with a final conclusion, not
// only the published ones) as text for the terminal, or JSON — the same figures as the page
// /briefing/annual/<year>. With --pdf: prints that page of the built site (npm run build)
// to an A4 PDF through headless Chromium, as `spotcheck briefing --pdf` prints a quarter.
import { parsePrintableReportArgs, printBuiltPagePdf } from "../briefing/print-pdf.ts";
import { parseYear } from "../core/command-line.ts";
import { percentText } from "../core/format.ts";
import { formatRows, parseFormat } from "../core/report-output.ts";
import { withReader } from "../db/lifecycle.ts";
import { ANNUAL_SECTIONS, annualBriefingPath, annualYears, buildAnnualReport, type AnnualReport } from "./annual-report.ts";
import { channelsSentence, overviewSentence, productsSentence, regionsSentence, repeatSentence, scopeSentence, sizesSentence } from "./annual-text.ts";

export async function annualCommand(argv: string[]): Promise<number> {
  const { report: yearText, values } = parsePrintableReportArgs(argv, "年份（如 2025）");
  const year = parseYear(yearText, "年份", "抽样年度")!;
  if (values.pdf !== undefined) return printPdf(year, values.pdf, values.site);

  const format = parseFormat(values.format, ["table", "json"]);
  // reads the persisted disclosure decisions (for nothing but the scope's definition) and the
  // repeat offenders: a database whose derived tables do not follow the data is refused
  return withReader(values.db, async (conn) => {
    const report = await buildAnnualReport(conn, year, { scope: "all" });
    if (!report) {
      const years = await annualYears(conn, "all");
      process.stderr.write(`数据库中没有 ${year} 年抽样且有检验结论的批次；可用年份：${years.join("、") || "（无）"}\n`);
      return 1;
    }
    process.stdout.write(format === "json" ? JSON.stringify(report, null, 2) + "\n" : annualText(report));
    return 0;
  });
}

function printPdf(year: number, out: string, site: string | undefined): Promise<number> {
  return printBuiltPagePdf({
    out, site, sitePath: annualBriefingPath(year), what: ` ${year} 年度监督抽查情况报告`, example: "年报.pdf",
    missing: (siteDir) => `站点目录 ${siteDir} 中没有 ${year} 年的年度报告页（briefing/annual/${year}.html）。\n` +
      "先运行 `npm run build` 生成站点（只有数据中有批次的年份才有年度报告页），或用 --site 指定已构建的站点目录。\n",
  });
}

/** The report as plain text for a terminal: each section's sentence, then its table. */
export function annualText(r: AnnualReport): string {
  const t = (rows: object[]) => formatRows(rows, "table");
  const section = (title: string, sentence: string, body = "") => `\n${title}\n${sentence}\n${body ? `\n${body}` : ""}`;
  const failing = r.failing_items.map((f) => ({ 产品类别: f.product_category, 主要不合格项目: f.items.map((i) => `${i.item}（${i.batches}）`).join("、") }));
  return [
    `${r.year}年产品质量监督抽查情况（内部资料）`,
    scopeSentence(r),
    section(ANNUAL_SECTIONS.overview, overviewSentence(r), t(r.trend.map((y) => ({
      年份: y.year, 产品类别: y.categories, 企业: y.enterprises, 批次: y.batches, 不合格企业: y.failed_enterprises, 不合格批次: y.failed_batches, 不合格发现率: percentText(y.rate),
    })))),
    section(ANNUAL_SECTIONS.regions, regionsSentence(r), t(r.regions.map((c) => ({
      区县: c.label, 批次: c.batches, 占比: percentText(c.share), 不合格: c.failed, 不合格发现率: percentText(c.rate),
    })))),
    section(ANNUAL_SECTIONS.sizes, sizesSentence(r), t(r.sizes.map((c) => ({
      年份: c.year, 企业规模: c.label, 批次: c.batches, 占比: percentText(c.share), 不合格: c.failed, 不合格发现率: percentText(c.rate),
    })))),
    section(ANNUAL_SECTIONS.channels, channelsSentence(r), t(r.channels.map((c) => ({
      抽样环节: c.label, 批次: c.batches, 占比: percentText(c.share), 不合格: c.failed, 不合格发现率: percentText(c.rate),
      上年: c.previous_rate === null ? "—" : percentText(c.previous_rate), 变化: c.change_pp === null ? "—" : `${c.change_pp > 0 ? "+" : ""}${c.change_pp.toFixed(1)}个百分点`,
    })))),
    section(ANNUAL_SECTIONS.products, productsSentence(r),
      t(r.bands.map((b) => ({ 分档: b.label, 产品类别数: b.categories }))) + "\n" +
      t(r.worst.map((c, i) => ({ 序号: i + 1, 产品类别: c.label, 批次: c.batches, 不合格: c.failed, 不合格发现率: percentText(c.rate) }))) + "\n" +
      (failing.length ? t(failing) : "（没有不合格项目）\n")),
    section(ANNUAL_SECTIONS.repeat, repeatSentence(r), r.repeat_offenders.length ? t(r.repeat_offenders.map((o) => ({
      标称生产者: o.producer_name, 统一社会信用代码: o.producer_uscc ?? "—", 产品类别: o.product_category,
      首次不合格: `${o.first_sample_id}（${o.first_sampling_date}）`, 跟踪抽查不合格: `${o.repeat_sample_id}（${o.repeat_sampling_date}，${o.repeat_failed_items.join("、")}）`,
      后续处置: o.bureau_actions.join("；") || "—",
    }))) : ""),
  ].join("\n");
}
