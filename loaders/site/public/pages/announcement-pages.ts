// One static page per quarterly 抽查结果通告 (issue 12), at announcementPath(quarter), readable
// with JavaScript off and printable: the metadata box of a government disclosure page, the
// headline and one paragraph per product (announcements.ts), the 不合格产品及企业名单 inline,
// the 跟踪抽查仍不合格企业名单 (issue 14), the 合格 results (linked, folded), whom to contact
// (article 52), and the 附件 as .xlsx.
//
// The 附件 (decided here, issue 14): always three, numbered as the national circulars number
// them — 附件1 不合格产品及企业名单, 附件2 跟踪抽查仍不合格企业名单, 附件3 合格产品名单 — in every
// announcement, so that "附件3" means the same list in each of them and their addresses
// (attachment-1/2/3.xlsx) never shift. A quarter with no repeat offender still has its 附件2:
// the page says there is none, and the file holds the headings under a title ending （无）.
// 附件2 lists the repeat offenders whose follow-up batch was sampled in this quarter and whose
// both results (the first failure and the follow-up) are published (gates P1–P3, article 62).
//
// The metadata (decided here, README.md "Announcement pages"):
//   索引号   index-numbers.ts: <orgCode>/<year>-TG-Q<n>, from the quarter alone (stable, unique)
//   成文日期 the newest 同意公开 (approved_on, article 62) among the quarter's published rows:
//            the day the last result in it was approved for publication, i.e. the text was settled
//   发布日期 announcement.updated: the newest approval or finality (P3) among them — the day the
//            announcement took its present form; a rebuild of the same data gives the same day
import type { PublicationConfig } from "../../../core/config.ts";
import { quarterLabelWithDigit } from "../../../core/periods.ts";
import type { PublishedRow } from "../../../disclosure/whitelist.ts";
import type { Announcement } from "../announcements.ts";
import type { AnnualRepeatOffender } from "../../../annual/annual-report.ts";
import { attachmentWorkbook, repeatOffenderWorkbook, type PublishedRepeatOffender } from "./attachments.ts";
import { html, type SafeHtml } from "./html.ts";
import { SUBJECT_CLASSIFICATION, announcementIndexNumber, announcementNumber, indexNumberHtml } from "./index-numbers.ts";
import { renderPublicPage } from "./layout.ts";
import { announcementPath, relativeHref, resultPagePath } from "./paths.ts";
import { factList, responsiveTable, verdictHtml } from "./tables.ts";

/** Up to this many 合格 results are listed on the page itself; more are left to 附件3 and the search. */
export const MAX_INLINE_PASSED = 2000;

export const attachmentPath = (quarter: string, n: 1 | 2 | 3) => `${announcementPath(quarter)}/attachment-${n}.xlsx`;

/** 成文日期: the newest approval among the quarter's rows (ISO dates compare as text). */
export function writtenOn(rows: readonly PublishedRow[]): string | null {
  let newest: string | null = null;
  for (const r of rows) if (newest === null || r.approved_on > newest) newest = r.approved_on;
  return newest;
}

export interface AnnouncementPageFiles {
  path: string;
  document: string;
  /** site path → bytes: the three .xlsx */
  attachments: [path: string, bytes: Uint8Array][];
}

export function objectionsParagraph(config: PublicationConfig): SafeHtml {
  const o = config.objections;
  return html`<p>被抽样单位、标称生产者对检验结论有异议的，应当自收到检验结论书面告知之日起15日内，向组织监督抽查的市场监督管理部门提出书面异议处理申请，并提交相关材料（第五十二条）。</p>
${factList([["受理部门", o.department], ["地址", o.address], ["电话", o.phone], ["受理时间", o.hours]], "facts contact")}`;
}

/** The repeat offenders of `list` whose follow-up batch is one of `rows`, with that batch's published row. */
export function repeatOffendersAmong(list: readonly AnnualRepeatOffender[], rows: readonly PublishedRow[]): PublishedRepeatOffender[] {
  const byId = new Map(rows.map((r) => [r.sample_id, r]));
  return list.flatMap((offender) => {
    const repeat = byId.get(offender.repeat_sample_id);
    return repeat ? [{ offender, repeat }] : [];
  });
}

/** 跟踪抽查仍不合格企业名单 as a list that becomes cards on a phone (announcements and the annual page). */
export function repeatOffenderTable(list: readonly PublishedRepeatOffender[], fromPath: string, caption: string, empty: string): SafeHtml {
  const href = (to: string) => relativeHref(fromPath, to);
  return responsiveTable(list, {
    caption, empty,
    columns: [
      { label: "标称生产者", primary: true, cell: (r) => r.offender.producer_name },
      { label: "产品类别", cell: (r) => r.offender.product_category },
      // dates whole (public.css .nowrap): "2025-03-" above "05" reads as two things
      { label: "首次不合格", cell: (r) => html`<span class="nowrap">${r.offender.first_sampling_date}</span>（${r.offender.first_failed_items.join("、") || "—"}）` },
      { label: "跟踪抽查产品", cell: (r) => html`<a href="${href(resultPagePath(r.repeat))}">${r.repeat.product_name}</a>` },
      { label: "被抽样单位", cell: (r) => r.repeat.sampled_name },
      { label: "所在区县", cell: (r) => r.repeat.sampled_region },
      { label: "抽样日期", cell: (r) => html`<span class="nowrap">${r.repeat.sampling_date}</span>` },
      { label: "不合格项目", cell: (r) => r.repeat.failed_items.join("、") || "—" },
    ],
  });
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** One 附件 link: the file's name on download says its number and list. */
export function attachmentLink(fromPath: string, sitePath: string, n: number, list: string, size: string): SafeHtml {
  return html`<li><a href="${relativeHref(fromPath, sitePath)}" download="附件${n} ${list}.xlsx" type="${XLSX_TYPE}">附件${n}　${list}（${size}，.xlsx）</a></li>`;
}

/**
 * The page of one quarter and its three attachments; `rows` are exactly the quarter's published
 * rows, `repeatOffenders` the repeat offenders whose both results are published (any quarter:
 * those whose follow-up batch is among `rows` are this quarter's).
 */
export async function announcementPage(a: Announcement, rows: readonly PublishedRow[], config: PublicationConfig, repeatOffenders: readonly AnnualRepeatOffender[] = []): Promise<AnnouncementPageFiles> {
  const path = announcementPath(a.quarter);
  const href = (to: string) => relativeHref(path, to);
  const failed = rows.filter((r) => r.conclusion === "不合格");
  const passed = rows.filter((r) => r.conclusion === "合格");
  const label = quarterLabelWithDigit(a.quarter);
  const author = config.publisher.name;
  const list1 = `${label}不合格产品及企业名单`;
  const list2 = `${label}跟踪抽查仍不合格企业名单`;
  const list3 = `${label}合格产品名单`;
  const repeats = repeatOffendersAmong(repeatOffenders, failed);
  const attachments: AnnouncementPageFiles["attachments"] = [
    [attachmentPath(a.quarter, 1), await attachmentWorkbook(failed, { title: `附件1　${list1}`, sheetName: "不合格产品及企业名单", date: a.updated, author })],
    [attachmentPath(a.quarter, 2), await repeatOffenderWorkbook(repeats, { title: `附件2　${list2}`, sheetName: "跟踪抽查仍不合格企业名单", date: a.updated, author })],
    [attachmentPath(a.quarter, 3), await attachmentWorkbook(passed, { title: `附件3　${list3}`, sheetName: "合格产品名单", date: a.updated, author })],
  ];
  const search = (conclusion: string) => `${href("/public/results")}?${new URLSearchParams({ quarter: a.quarter, conclusion })}`;
  const productLink = (r: PublishedRow) => html`<a href="${href(resultPagePath(r))}">${r.product_name}</a>`;
  const body = html`${factList([
    ["索引号", indexNumberHtml(announcementIndexNumber(config.publisher.orgCode, a.quarter))],
    ["发布机构", config.publisher.name],
    ["成文日期", writtenOn(rows)],
    ["发布日期", a.updated],
    ["主题分类", SUBJECT_CLASSIFICATION],
    ["编号", announcementNumber(a.quarter)],
  ], "facts metadata")}
<p>${a.headline}</p>
<nav class="page-contents" aria-label="本页内容"><ul>
<li><a class="tap" href="#failed">不合格产品及企业名单（${failed.length}）</a></li>
<li><a class="tap" href="#repeat">跟踪抽查仍不合格企业名单（${repeats.length}）</a></li>
<li><a class="tap" href="#passed">合格产品名单（${passed.length}）</a></li>
<li><a class="tap" href="#objections">异议与咨询</a></li>
<li><a class="tap" href="#attachments">附件（.xlsx）</a></li>
</ul></nav>
<p class="muted">只统计经组织部门同意公开（第六十二条）且检验结论已经生效的批次（异议期届满无异议、异议已处理完毕或已作出复检结论）。不合格发现率 = 不合格批次 ÷ 公开批次。</p>
<h2>各类产品抽查情况</h2>
<ol class="category-paragraphs">
${a.categories.map((c) => html`<li><strong>${c.product_category}</strong>：${c.sentence}</li>\n`)}</ol>
<h2 id="failed">不合格产品及企业名单</h2>
<div class="failed-list">
${responsiveTable(failed, {
    caption: `${list1}（${failed.length} 批次）`,
    empty: "本季度公开的批次中没有不合格产品。",
    columns: [
      { label: "产品名称", primary: true, cell: productLink },
      { label: "标称生产者", cell: (r) => r.producer_name },
      { label: "被抽样单位", cell: (r) => r.sampled_name },
      { label: "所在区县", cell: (r) => r.sampled_region },
      { label: "抽样环节", cell: (r) => r.channel },
      { label: "不合格项目", cell: (r) => r.failed_items.join("、") || "—" },
      { label: "检验结论", cell: (r) => verdictHtml(r.conclusion, r.conclusion_by) },
    ],
  })}
</div>
<h2 id="repeat">跟踪抽查仍不合格企业名单</h2>
<p class="muted">此前抽查不合格的企业，在首次不合格检验报告之后再次被抽查同一类产品仍不合格的（第五十一条、第六十五条）；只列首次与本次结果均已公开的。</p>
${repeatOffenderTable(repeats, path, `${list2}（${repeats.length} 家次）`, "本季度公开的结果中，没有跟踪抽查仍不合格的企业（附件2 为空表）。")}
<h2 id="passed">合格产品名单</h2>
${passed.length === 0 ? html`<p>本季度公开的批次中没有合格产品。</p>`
    : passed.length <= MAX_INLINE_PASSED ? html`<details class="passed-list">
<summary>合格产品名单（${passed.length} 批次，点击展开或收起）</summary>
<ol>
${passed.map((r) => html`<li>${productLink(r)} <span class="muted">· ${r.producer_name} · ${r.sampled_region}</span> ${verdictHtml(r.conclusion, r.conclusion_by)}</li>\n`)}</ol>
</details>`
    : html`<p>本季度共 ${passed.length} 批次产品合格，名单见附件3，也可在<a href="${search("合格")}">结果查询</a>中按季度查看。</p>`}
<h2 id="objections">异议与咨询</h2>
${objectionsParagraph(config)}
<h2 id="attachments">附件</h2>
<ul class="attachments">
${attachmentLink(path, attachments[0][0], 1, list1, `${failed.length} 批次`)}
${attachmentLink(path, attachments[1][0], 2, list2, repeats.length ? `${repeats.length} 家次` : "本季度无")}
${attachmentLink(path, attachments[2][0], 3, list3, `${passed.length} 批次`)}
</ul>
<p><a href="${search("不合格")}">在结果查询中查看本季度不合格产品</a> · <a href="${href("/public/")}">全部公告</a></p>`;
  const document = renderPublicPage({
    path, title: a.title, section: "/public/", printable: true,
    description: a.headline,
    body,
  }, config);
  return { path, document, attachments };
}
