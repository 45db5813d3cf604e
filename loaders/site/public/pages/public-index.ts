// /public/ (抽查结果公告): the index of every announcement, newest first, replacing the old
// Framework page that stacked every quarter on one page (issue 12). The cumulative figures,
// then two lists, newest first, each entry with its 发布日期 and 索引号: every quarterly
// 抽查结果通告, then the notices (社会公告, 公示送达).
//
// Decision (README.md): every quarterly 通告 is listed (four a year), but only the newest
// MAX_INDEX_NOTICES notices — at a million batches there may be thousands of 社会公告 — with
// a link to /public/notices/, which lists them all. Two lists, not one merged by date: the
// sample already has 200 社会公告 over 12 quarters, and one list of 100 notices would push
// every older 通告 some 10,000 px down a phone screen.
import type { PublicationConfig } from "../../../core/config.ts";
import { percentText, thousands } from "../../../core/format.ts";
import type { Announcement, Figures } from "../announcements.ts";
import { html } from "./html.ts";
import { announcementIndexNumber, indexNumberHtml } from "./index-numbers.ts";
import { renderPublicPage } from "./layout.ts";
import { NOTICES_INDEX_PATH, noticeList, type NoticeEntry } from "./notice-pages.ts";
import { annualPagePath, announcementPath, relativeHref } from "./paths.ts";
import { responsiveTable } from "./tables.ts";

export const PUBLIC_INDEX_PATH = "/public/";
export const MAX_INDEX_NOTICES = 100;

export function publicIndexPage(
  data: { as_of: string; overall: Figures | null; announcements: Announcement[] },
  notices: readonly NoticeEntry[],
  config: PublicationConfig,
): string {
  const shownNotices = notices.slice(0, MAX_INDEX_NOTICES); // notices are newest first
  // quarterly 通告 newest first (announcements.ts orders them so; their 发布日期 follow the quarters)
  const quarterly = [...data.announcements].sort((a, b) => (a.updated !== b.updated ? (a.updated < b.updated ? 1 : -1) : a.quarter < b.quarter ? 1 : -1));
  const href = (to: string) => relativeHref(PUBLIC_INDEX_PATH, to);
  // the years of the annual reports (/public/annual/<year>, annual-pages.ts): every year with a published quarter, newest first
  const annualYears = [...new Set(data.announcements.map((a) => Number(a.quarter.slice(0, 4))))].sort((a, b) => b - a);
  const o = data.overall;
  const body = html`<p>按抽样季度发布。只统计经组织部门同意公开（第六十二条）且检验结论已经生效的批次，截至 ${data.as_of}。不合格发现率 = 不合格批次 ÷ 公开批次。</p>
${o ? html`<section aria-labelledby="h-total">
<h2 id="h-total">累计</h2>
<p>累计已公开${o.categories}类产品${thousands(o.batches)}批次的抽查结果，涉及${thousands(o.producers)}家生产企业、${o.regions}个区县；发现${thousands(o.failed)}批次不合格，不合格发现率为${percentText(o.rate)}。</p>
<dl class="figures">
<div><dt>公开批次</dt><dd>${thousands(o.batches)}</dd></div>
<div><dt>不合格批次</dt><dd>${thousands(o.failed)}</dd></div>
<div><dt>不合格发现率</dt><dd>${percentText(o.rate)}</dd></div>
<div><dt>产品类别</dt><dd>${thousands(o.categories)}</dd></div>
<div><dt>生产企业</dt><dd>${thousands(o.producers)}</dd></div>
<div><dt>区县</dt><dd>${thousands(o.regions)}</dd></div>
</dl>
</section>` : html`<p>截至 ${data.as_of} 尚无可公开的抽查结果。</p>`}
<section aria-labelledby="h-quarterly">
<h2 id="h-quarterly">抽查结果通告</h2>
${responsiveTable(quarterly, {
    caption: `季度抽查结果通告（${quarterly.length} 期，新的在前）`,
    empty: "目前没有抽查结果通告。",
    columns: [
      { label: "标题", primary: true, cell: (a) => html`<a href="${href(announcementPath(a.quarter))}">${a.title}</a>` },
      { label: "发布日期", cell: (a) => a.updated },
      { label: "索引号", cell: (a) => indexNumberHtml(announcementIndexNumber(config.publisher.orgCode, a.quarter)) },
    ],
  })}
</section>
${annualYears.length ? html`<section aria-labelledby="h-annual">
<h2 id="h-annual">年度抽查情况</h2>
<ul class="category-links">${annualYears.map((y) => html`<li><a class="tap" href="${href(annualPagePath(y))}">${y}年产品质量监督抽查情况</a></li>`)}</ul>
</section>` : ""}
<section aria-labelledby="h-notices">
<h2 id="h-notices">社会公告与公示送达</h2>
${noticeList(shownNotices, PUBLIC_INDEX_PATH, `社会公告与公示送达（${notices.length > shownNotices.length ? `最新 ${shownNotices.length} 件，` : ""}新的在前）`, "目前没有社会公告或处于公示期内的公示送达。")}
${notices.length > shownNotices.length
    ? html`<p>以上列出最新的 ${shownNotices.length} 件社会公告与公示送达（共 ${thousands(notices.length)} 件）；<a href="${href(NOTICES_INDEX_PATH)}">查看全部社会公告与公示送达</a>。</p>`
    : html`<p><a href="${href(NOTICES_INDEX_PATH)}">社会公告与公示送达</a> · <a href="${href("/public/results")}">结果查询</a></p>`}
</section>`;
  return renderPublicPage({ path: PUBLIC_INDEX_PATH, title: "产品质量监督抽查结果公告", section: PUBLIC_INDEX_PATH, body }, config);
}
