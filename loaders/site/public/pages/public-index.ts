// /public/ (抽查结果公告): the index of every announcement, newest first, replacing the old
// Framework page that stacked every quarter on one page (issue 12). The cumulative figures,
// then one list: each quarterly 抽查结果通告 and each notice, with its 发布日期 and 索引号.
//
// Decision (README.md): every quarterly 通告 is listed (four a year), but only the newest
// MAX_INDEX_NOTICES notices — at a million batches there may be thousands of 社会公告 — with
// a link to /public/notices/, which lists them all.
import type { PublicationConfig } from "../../../core/config.ts";
import { percentText, thousands } from "../../../core/format.ts";
import type { Announcement, Figures } from "../announcements.ts";
import { html } from "./html.ts";
import { announcementIndexNumber } from "./index-numbers.ts";
import { renderPublicPage } from "./layout.ts";
import { NOTICES_INDEX_PATH, type NoticeEntry } from "./notice-pages.ts";
import { announcementPath, relativeHref } from "./paths.ts";
import { responsiveTable } from "./tables.ts";

export const PUBLIC_INDEX_PATH = "/public/";
export const MAX_INDEX_NOTICES = 100;

interface IndexEntry { title: string; path: string; posted_on: string; index_number: string; kind: string }

export function publicIndexPage(
  data: { as_of: string; overall: Figures | null; announcements: Announcement[] },
  notices: readonly NoticeEntry[],
  config: PublicationConfig,
): string {
  const shownNotices = notices.slice(0, MAX_INDEX_NOTICES); // notices are newest first
  const entries: IndexEntry[] = [
    ...data.announcements.map((a) => ({ kind: "抽查结果通告", title: a.title, path: announcementPath(a.quarter), posted_on: a.updated, index_number: announcementIndexNumber(config.publisher.orgCode, a.quarter) })),
    ...shownNotices.map((n) => ({ kind: n.kind === "social" ? "社会公告" : "公示送达", title: n.title, path: n.path, posted_on: n.posted_on, index_number: n.index_number })),
  ].sort((a, b) => (a.posted_on !== b.posted_on ? (a.posted_on < b.posted_on ? 1 : -1) : a.index_number < b.index_number ? -1 : 1));
  const href = (to: string) => relativeHref(PUBLIC_INDEX_PATH, to);
  const o = data.overall;
  const body = html`<p>按抽样季度发布。只统计经组织部门同意公开（第六十二条）且检验结论已经生效的批次，截至 ${data.as_of}。不合格发现率 = 不合格批次 ÷ 公开批次。</p>
${o ? html`<h2>累计</h2>
<dl class="figures">
<div><dt>公开批次</dt><dd>${thousands(o.batches)}</dd></div>
<div><dt>不合格批次</dt><dd>${thousands(o.failed)}</dd></div>
<div><dt>不合格发现率</dt><dd>${percentText(o.rate)}</dd></div>
<div><dt>产品类别</dt><dd>${thousands(o.categories)}</dd></div>
<div><dt>生产企业</dt><dd>${thousands(o.producers)}</dd></div>
<div><dt>区县</dt><dd>${thousands(o.regions)}</dd></div>
</dl>` : html`<p>截至 ${data.as_of} 尚无可公开的抽查结果。</p>`}
<h2>公告</h2>
${responsiveTable(entries, {
    caption: `抽查结果通告与社会公告、公示送达（新的在前）`,
    empty: "目前没有公告。",
    columns: [
      { label: "标题", primary: true, cell: (e) => html`<a href="${href(e.path)}">${e.title}</a>` },
      { label: "类别", cell: (e) => e.kind },
      { label: "发布日期", cell: (e) => e.posted_on },
      { label: "索引号", cell: (e) => html`<span class="index-number">${e.index_number}</span>` },
    ],
  })}
${notices.length > shownNotices.length
    ? html`<p>以上列出最新的 ${shownNotices.length} 件社会公告与公示送达（共 ${thousands(notices.length)} 件）；<a href="${href(NOTICES_INDEX_PATH)}">查看全部社会公告与公示送达</a>。</p>`
    : html`<p><a href="${href(NOTICES_INDEX_PATH)}">社会公告与公示送达</a> · <a href="${href("/public/results")}">结果查询</a></p>`}`;
  return renderPublicPage({ path: PUBLIC_INDEX_PATH, title: "产品质量监督抽查结果公告", section: PUBLIC_INDEX_PATH, body }, config);
}
