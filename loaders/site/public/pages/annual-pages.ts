// The annual report's public page, /public/annual/<year> (issue 14): the national annual
// announcement's six sections (loaders/annual/annual-report.ts) over published results only
// (every gate passed, article 62), readable with JavaScript off: each chart an inline SVG with
// its numbers in a table beside it, tables that become cards on a phone; its 附件 as .xlsx —
// 附件1 the year's 不合格产品及企业名单, 附件2 跟踪抽查仍不合格企业名单 (both results published).
//
// annualSectionsHtml is also the body of the leadership's version (all results,
// loaders/site/briefing/annual-briefing-pages.ts): one rendering, two scopes.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ANNUAL_SECTIONS, annualYears, buildAnnualReport, type AnnualReport } from "../../../annual/annual-report.ts";
import { channelsSentence, overviewSentence, productsSentence, regionsSentence, repeatSentence, scopeSentence, sizesSentence } from "../../../annual/annual-text.ts";
import type { PublicationConfig } from "../../../core/config.ts";
import { percentText, thousands } from "../../../core/format.ts";
import type { PublishedRow } from "../../../disclosure/whitelist.ts";
import type { SiteWriter } from "../../site-writer.ts";
import type { Announcement } from "../announcements.ts";
import { attachmentLink, repeatOffendersAmong, repeatOffenderTable } from "./announcement-pages.ts";
import { attachmentWorkbook, repeatOffenderWorkbook, type PublishedRepeatOffender } from "./attachments.ts";
import { html, type SafeHtml } from "./html.ts";
import { renderPublicPage } from "./layout.ts";
import { annualAttachmentPath, annualPagePath } from "./paths.ts";
import { rateBarChartSvg } from "./rate-bar-chart.ts";
import { responsiveTable, type ListColumn } from "./tables.ts";

export const annualTitle = (year: number) => `${year}年产品质量监督抽查情况`;

const pct = (v: number) => percentText(v);
const pp = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)}`);
/** A numeric column: counts with thousands separators, text (a rate) as it is. */
const num = <T>(label: string, cell: (r: T) => string | number): ListColumn<T> => ({
  label, numeric: true, cell: (r) => { const v = cell(r); return typeof v === "number" ? thousands(v) : v; },
});

/** The six sections; `repeatHtml` is the scope's list of repeat offenders (public: published pairs only). */
export function annualSectionsHtml(r: AnnualReport, repeatHtml: SafeHtml): SafeHtml {
  const o = r.overview;
  const sizesNow = r.sizes.filter((s) => s.year === r.year);
  const bars = <T extends { label: string; rate: number; failed: number; batches: number }>(list: readonly T[]) =>
    list.map((c) => ({ label: c.label, rate: c.rate, failed: c.failed, batches: c.batches }));
  return html`<p class="muted">${scopeSentence(r)}</p>
<section aria-labelledby="h-overview">
<h2 id="h-overview">${ANNUAL_SECTIONS.overview}</h2>
<p>${overviewSentence(r)}</p>
<dl class="figures">
<div><dt>产品类别</dt><dd>${thousands(o.categories)}</dd></div>
<div><dt>企业</dt><dd>${thousands(o.enterprises)}</dd></div>
<div><dt>批次</dt><dd>${thousands(o.batches)}</dd></div>
<div><dt>不合格企业</dt><dd>${thousands(o.failed_enterprises)}</dd></div>
<div><dt>不合格批次</dt><dd>${thousands(o.failed_batches)}</dd></div>
<div><dt>不合格发现率</dt><dd>${pct(o.rate)}</dd></div>
<div><dt>比上年（百分点）</dt><dd>${pp(r.change_pp)}</dd></div>
</dl>
<figure class="history">${rateBarChartSvg(`${r.trend[0].year}—${r.year}年各年不合格发现率`, "抽样年度", r.trend.map((y) => ({ label: `${y.year}年`, rate: y.rate, failed: y.failed_batches, batches: y.batches })))}</figure>
${responsiveTable(r.trend, {
    caption: `近五年抽查情况（${r.trend[0].year}—${r.year}年，有数据的年份）`, empty: "没有数据。",
    columns: [
      { label: "年份", primary: true, cell: (y) => `${y.year}年` },
      num("产品类别", (y) => y.categories), num("企业", (y) => y.enterprises), num("批次", (y) => y.batches),
      num("不合格企业", (y) => y.failed_enterprises), num("不合格批次", (y) => y.failed_batches), num("不合格发现率", (y) => pct(y.rate)),
    ],
  })}
</section>
<section aria-labelledby="h-regions">
<h2 id="h-regions">${ANNUAL_SECTIONS.regions}</h2>
<p>${regionsSentence(r)}</p>
${responsiveTable(r.regions, {
    caption: `各区县抽查情况（被抽样单位所在区县，按批次从多到少）`, empty: "没有数据。",
    columns: [
      { label: "区县", primary: true, cell: (c) => c.label },
      num("批次", (c) => c.batches), num("占比", (c) => pct(c.share)), num("不合格批次", (c) => c.failed), num("不合格发现率", (c) => pct(c.rate)),
    ],
  })}
</section>
<section aria-labelledby="h-sizes">
<h2 id="h-sizes">${ANNUAL_SECTIONS.sizes}</h2>
<p>${sizesSentence(r)}</p>
<figure class="history">${rateBarChartSvg(`${r.year}年各规模企业不合格发现率`, "企业规模", bars(sizesNow))}</figure>
${responsiveTable(r.sizes, {
    caption: `各规模企业抽查情况（${r.sizes[0]?.year ?? r.year}—${r.year}年；企业规模为标称生产者的）`, empty: "没有数据。",
    columns: [
      { label: "企业规模", primary: true, cell: (c) => `${c.year}年 ${c.label}` },
      num("批次", (c) => c.batches), num("占比", (c) => pct(c.share)), num("不合格批次", (c) => c.failed), num("不合格发现率", (c) => pct(c.rate)),
    ],
  })}
</section>
<section aria-labelledby="h-channels">
<h2 id="h-channels">${ANNUAL_SECTIONS.channels}</h2>
<p>${channelsSentence(r)}</p>
<figure class="history">${rateBarChartSvg(`${r.year}年各抽样环节不合格发现率`, "抽样环节", bars(r.channels))}</figure>
${responsiveTable(r.channels, {
    caption: `各抽样环节抽查情况（${r.year}年）`, empty: "没有数据。",
    columns: [
      { label: "抽样环节", primary: true, cell: (c) => c.label },
      num("批次", (c) => c.batches), num("占比", (c) => pct(c.share)), num("不合格批次", (c) => c.failed), num("不合格发现率", (c) => pct(c.rate)),
      num("上年", (c) => (c.previous_rate === null ? "—" : pct(c.previous_rate))), num("变化（百分点）", (c) => pp(c.change_pp)),
    ],
  })}
</section>
<section aria-labelledby="h-products">
<h2 id="h-products">${ANNUAL_SECTIONS.products}</h2>
<p>${productsSentence(r)}</p>
${responsiveTable(r.bands, {
    caption: "按不合格发现率分档的产品类别", empty: "没有数据。",
    columns: [
      { label: "分档", primary: true, cell: (b) => b.label },
      num("类别数", (b) => b.categories),
      { label: "产品类别", cell: (b) => b.names.join("、") || "—" },
    ],
  })}
${responsiveTable(r.worst, {
    caption: `不合格发现率最高的${r.worst.length}类产品`, empty: "本年度没有不合格产品。",
    columns: [
      { label: "产品类别", primary: true, cell: (c) => c.label },
      num("批次", (c) => c.batches), num("不合格批次", (c) => c.failed), num("不合格发现率", (c) => pct(c.rate)),
    ],
  })}
${responsiveTable(r.failing_items, {
    caption: "各类产品的主要不合格项目（按不合格批次从多到少，每类至多三项）", empty: "本年度没有不合格项目。",
    columns: [
      { label: "产品类别", primary: true, cell: (f) => f.product_category },
      { label: "主要不合格项目", cell: (f) => f.items.map((i) => `${i.item}（${i.batches}批次）`).join("、") },
    ],
  })}
</section>
<section aria-labelledby="h-repeat">
<h2 id="h-repeat">${ANNUAL_SECTIONS.repeat}</h2>
<p>${repeatSentence(r)}</p>
${repeatHtml}
</section>`;
}

export interface AnnualPageFiles { path: string; document: string; attachments: [path: string, bytes: Uint8Array][] }

/**
 * The public page of one year: `report` in the published scope, `failed` the year's published
 * 不合格 rows (附件1), `repeats` its repeat offenders with their follow-up batch's published row.
 */
export async function annualPublicPage(report: AnnualReport, failed: readonly PublishedRow[], repeats: readonly PublishedRepeatOffender[], config: PublicationConfig, updated: string): Promise<AnnualPageFiles> {
  if (report.scope !== "published") throw new Error("公开的年度报告只能统计已公开的结果（第六十二条）");
  const year = report.year;
  const path = annualPagePath(year);
  const author = config.publisher.name;
  const list1 = `${year}年不合格产品及企业名单`;
  const list2 = `${year}年跟踪抽查仍不合格企业名单`;
  const attachments: AnnualPageFiles["attachments"] = [
    [annualAttachmentPath(year, 1), await attachmentWorkbook(failed, { title: `附件1　${list1}`, sheetName: "不合格产品及企业名单", date: updated, author })],
    [annualAttachmentPath(year, 2), await repeatOffenderWorkbook(repeats, { title: `附件2　${list2}`, sheetName: "跟踪抽查仍不合格企业名单", date: updated, author })],
  ];
  const body = html`${annualSectionsHtml(report, repeatOffenderTable(repeats, path, `${list2}（${repeats.length} 家次）`, "没有首次与跟踪抽查结果均已公开的再次不合格企业。"))}
<h2 id="attachments">附件</h2>
<ul class="attachments">
${attachmentLink(path, attachments[0][0], 1, list1, `${failed.length} 批次`)}
${attachmentLink(path, attachments[1][0], 2, list2, repeats.length ? `${repeats.length} 家次` : "无")}
</ul>`;
  const document = renderPublicPage({
    path, title: annualTitle(year), section: "/public/", printable: true,
    breadcrumbs: [],
    description: overviewSentenceShort(report),
    body,
  }, config);
  return { path, document, attachments };
}

const overviewSentenceShort = (r: AnnualReport) => `${r.year}年已公开${r.overview.batches}批次产品的抽查结果，不合格发现率为${pct(r.overview.rate)}。`;

/**
 * Writes /public/annual/<year> and its two 附件 for every year with published results.
 * `nonconforming`: every published 不合格 row (the export gathers them); `announcements`: the
 * quarterly 通告, whose newest 发布日期 in the year dates the year's workbooks (never the clock).
 */
export async function writeAnnualPublicPages(
  writer: SiteWriter,
  conn: DuckDBConnection,
  { nonconforming, announcements, config, asOf }: { nonconforming: readonly PublishedRow[]; announcements: readonly Announcement[]; config: PublicationConfig; asOf: string },
): Promise<number[]> {
  const years = await annualYears(conn, "published");
  for (const year of years) {
    const report = await buildAnnualReport(conn, year, { scope: "published", asOf });
    if (!report) continue;
    const failed = nonconforming.filter((row) => row.sampling_date.startsWith(`${year}-`));
    const repeats = repeatOffendersAmong(report.repeat_offenders, failed);
    const updated = announcements.filter((a) => a.quarter.startsWith(`${year}Q`)).reduce((d, a) => (a.updated > d ? a.updated : d), `${year}-01-01`);
    const page = await annualPublicPage(report, failed, repeats, config, updated);
    writer.page(page.path, page.document);
    for (const [path, bytes] of page.attachments) writer.pageFile(path, bytes);
  }
  return years;
}
