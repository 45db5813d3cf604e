// The leadership's annual report, /briefing/annual/<year> (issue 14): the same six sections as
// the public page (annualSectionsHtml) over ALL results with a final conclusion — published or
// not — and the full repeat-offender list (USCC, the bureau's follow-up steps), so it is marked
// 内部资料 like the quarterly briefing and lives only in the briefing audience (never in
// dist-public, article 62). A static page written at export time, printable on A4 like the
// quarterly briefing (src/components/print.css): `spotcheck annual <year> --pdf` prints it
// (loaders/briefing/print-pdf.ts reads .briefing-mark and .briefing-docnumber for the running header).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { annualBriefingPath, annualYears, buildAnnualReport, type AnnualRepeatOffender, type AnnualReport } from "../../annual/annual-report.ts";
import { readPublicationConfig, type PublicationConfig } from "../../core/config.ts";
import { readAsOf } from "../../db/metadata.ts";
import { annualSectionsHtml, annualTitle } from "../public/pages/annual-pages.ts";
import { html, raw } from "../public/pages/html.ts";
import { publicFooterHtml, publicStylesheet } from "../public/pages/layout.ts";
import { responsiveTable } from "../public/pages/tables.ts";
import type { SiteWriter } from "../site-writer.ts";

/** The page's own sheet (annual-briefing.css, beside this file), inlined after public.css: the page is one file. */
const ANNUAL_PRINT_CSS = readFileSync(join(import.meta.dirname, "annual-briefing.css"), "utf8");

/** 文号 of the annual report: the briefing's prefix, the year, 年报. */
export const annualDocNumber = (config: PublicationConfig, year: number) => `${config.briefing.docNumberPrefix}〔${year}〕年报`;

function dateText(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

function repeatTable(list: readonly AnnualRepeatOffender[]) {
  return responsiveTable(list, {
    caption: `跟踪抽查仍不合格企业（${list.length} 家次，含尚未公开的结果）`,
    empty: "本年度跟踪抽查未发现再次不合格的企业。",
    columns: [
      // the USCC under the name: one column fewer, so that the table fits A4 without breaking names
      { label: "标称生产者（统一社会信用代码）", primary: true, cell: (o) => html`${o.producer_name}<br><span class="muted uscc">${o.producer_uscc ?? "无统一社会信用代码"}</span>` },
      { label: "产品类别", cell: (o) => o.product_category },
      { label: "首次不合格", cell: (o) => `${o.first_sample_id}（${o.first_sampling_date}；${o.first_failed_items.join("、") || "—"}）` },
      { label: "跟踪抽查不合格", cell: (o) => `${o.repeat_sample_id}（${o.repeat_sampling_date}；${o.repeat_failed_items.join("、") || "—"}）` },
      { label: "不合格次数", numeric: true, cell: (o) => o.failures },
      { label: "后续处置", cell: (o) => o.bureau_actions.join("；") || "未见责令整改等记录" },
    ],
  });
}

/** The whole document of one year's leadership report (scope "all"). */
export function annualBriefingPage(report: AnnualReport, config: PublicationConfig, asOf: string): string {
  if (report.scope !== "all") throw new Error("领导版年度报告统计全部结果");
  const title = `${annualTitle(report.year)}报告`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}（${config.briefing.mark}）</title>
<style>${raw(publicStylesheet())}${raw(ANNUAL_PRINT_CSS)}</style>
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<main id="main" tabindex="-1" class="briefing annual-briefing">
<p class="briefing-mark">${config.briefing.mark}</p>
<h1>${title}</h1>
<p class="briefing-docline"><span class="briefing-docnumber">${annualDocNumber(config, report.year)}</span><span>${config.publisher.name}　${dateText(asOf)}</span></p>
${annualSectionsHtml(report, repeatTable(report.repeat_offenders))}
<p class="muted">数据截至 ${asOf}；跟踪抽查截至 ${report.repeat_as_of}。本报告含尚未公开的抽查结果，仅供内部参阅，不得对外公开（第六十二条）。</p>
</main>
<footer class="site-footer">
${publicFooterHtml(config)}
</footer>
</body>
</html>
`.value;
}

/** Writes /briefing/annual/<year> for every year with a final conclusion; returns the years. */
export async function writeAnnualBriefingPages(writer: SiteWriter, conn: DuckDBConnection): Promise<number[]> {
  const config = readPublicationConfig();
  const dataAsOf = await readAsOf(conn);
  const years = await annualYears(conn, "all");
  for (const year of years) {
    const report = await buildAnnualReport(conn, year, { scope: "all", asOf: dataAsOf });
    if (!report) continue;
    writer.page(annualBriefingPath(year), annualBriefingPage(report, config, dataAsOf ?? `${year}-12-31`));
  }
  return years;
}
