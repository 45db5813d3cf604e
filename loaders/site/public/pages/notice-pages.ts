// One static page per 社会公告 (article 67) and per 公示送达 (article 51) notice, at
// noticePath(kind, sample_id), and the /public/notices/ index listing both, newest first.
// Each shows the notice's metadata (索引号, 发布机构, 发布日期 = the notice's date, and for a
// 公示送达 the day its 15-day period ends, article 51, moved past holidays per article 75), the
// batch's whitelisted notice fields (NOTICE_FIELD_KEYS, P4), and its legal basis in words.
//
// A 公示送达 page exists while its period runs (public_notices.sql lists it until then): the
// conclusion it serves is an initial one, not yet final, and leaves the public site afterwards.
import type { PublicationConfig } from "../../../core/config.ts";
import { NOTICE_FIELD_KEYS, PUBLIC_FIELDS, type NoticeFields } from "../../../disclosure/whitelist.ts";
import type { ServiceNotice, SocialAnnouncement } from "../notices.ts";
import { objectionsParagraph } from "./announcement-pages.ts";
import { html, type HtmlValue } from "./html.ts";
import { SUBJECT_CLASSIFICATION, indexNumberHtml, noticeIndexNumber } from "./index-numbers.ts";
import { renderPublicPage } from "./layout.ts";
import { noticePath, relativeHref } from "./paths.ts";
import { factList, responsiveTable, verdictHtml } from "./tables.ts";

export const NOTICES_INDEX_PATH = "/public/notices/";

const LABELS = new Map<string, string>(PUBLIC_FIELDS.map((f) => [f.key, f.label]));

export type NoticeKind = "social" | "service";

/** A notice as the index pages list it. */
export interface NoticeEntry { kind: NoticeKind; title: string; path: string; posted_on: string; index_number: string; notice: SocialAnnouncement | ServiceNotice }

export function noticeTitle(kind: NoticeKind, n: NoticeFields): string {
  return kind === "social"
    ? `社会公告：${n.sampled_name}（${n.product_name}）`
    : `公示送达：${n.producer_name}（${n.product_name}）检验结论`;
}

/** Both kinds, newest first (then by kind and sample id, so the order is the same in every build). */
export function noticeEntries(notices: { social: SocialAnnouncement[]; service: ServiceNotice[] }, config: PublicationConfig): NoticeEntry[] {
  const entry = (kind: NoticeKind, n: SocialAnnouncement | ServiceNotice): NoticeEntry => ({
    kind, notice: n, posted_on: n.posted_on, title: noticeTitle(kind, n), path: noticePath(kind, n.sample_id),
    index_number: noticeIndexNumber(config.publisher.orgCode, kind, n.sample_id, n.posted_on),
  });
  return [...notices.social.map((n) => entry("social", n)), ...notices.service.map((n) => entry("service", n))]
    .sort((a, b) => (a.posted_on !== b.posted_on ? (a.posted_on < b.posted_on ? 1 : -1)
      : a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function fieldValue(n: NoticeFields, key: (typeof NOTICE_FIELD_KEYS)[number]): HtmlValue {
  if (key === "conclusion") return verdictHtml(n.conclusion);
  if (key === "failed_items") return n.failed_items.join("、") || "—";
  return n[key];
}

export function noticePage(e: NoticeEntry, config: PublicationConfig): string {
  const n = e.notice;
  const ends = e.kind === "service" ? (n as ServiceNotice).ends_on : null;
  const latest = e.kind === "social" ? (n as SocialAnnouncement).latest_step : null;
  const fields = NOTICE_FIELD_KEYS.map((key): [string, HtmlValue] => [
    key === "failed_items" && e.kind === "service" ? "不合格项目（初检）" : key === "conclusion" && e.kind === "service" ? "检验结论（初检，尚未生效）" : LABELS.get(key)!,
    fieldValue(n, key),
  ]);
  const body = html`${factList([
    ["索引号", indexNumberHtml(e.index_number)],
    ["发布机构", config.publisher.name],
    ["发布日期", e.posted_on],
    ...(e.kind === "service" ? [["公示期满", ends] as [string, HtmlValue]] : []),
    ["主题分类", SUBJECT_CLASSIFICATION],
  ], "facts metadata")}
${e.kind === "social"
    ? html`<p>依据《重庆市产品质量监督抽查管理办法》第六十七条，监督抽查结论为“不合格”的被抽样对象无正当理由拒绝整改或整改后经复查仍不合格的，由市局向社会公告。下列被抽样单位经抽查不合格，现予公告。</p>`
    : html`<p>因标称生产者地址不详等原因，下列产品的检验结论无法书面告知。依据《重庆市产品质量监督抽查管理办法》第五十一条，以本通知公示送达，发布期限为15日，至 ${ends ?? "—"} 期满（期满日为节假日的顺延），期满即视为送达。</p>`}
<h2>抽查产品与企业</h2>
${factList(fields)}
${latest ? html`<h2>后续处置</h2><p>${latest}（第六十八条）</p>` : ""}
${e.kind === "service"
    ? html`<h2 id="objections">异议</h2>
<p>本检验结论为初检结论，尚未生效。被抽样单位、标称生产者对检验结论有异议的，可自送达之日起15日内提出书面异议处理申请（第五十二条）。</p>
${objectionsParagraph(config)}`
    : html`<h2 id="contact">咨询</h2>${objectionsParagraph(config)}`}
<p><a href="${relativeHref(e.path, NOTICES_INDEX_PATH)}">全部社会公告与公示送达</a></p>`;
  return renderPublicPage({
    path: e.path, title: e.title, section: NOTICES_INDEX_PATH, printable: true,
    breadcrumbs: [["社会公告与公示送达", NOTICES_INDEX_PATH]],
    body,
  }, config);
}

/** The list of notices (a table on a desktop, cards on a phone): title linked, 发布日期, 索引号. */
export function noticeList(entries: readonly NoticeEntry[], from: string, caption: string, empty: string) {
  return responsiveTable(entries, {
    caption, empty,
    columns: [
      { label: "标题", primary: true, cell: (e) => html`<a href="${relativeHref(from, e.path)}">${e.title}</a>` },
      { label: "发布日期", cell: (e) => e.posted_on },
      { label: "索引号", cell: (e) => indexNumberHtml(e.index_number) },
    ],
  });
}

export function noticesIndexPage(entries: readonly NoticeEntry[], asOf: string, config: PublicationConfig): string {
  const social = entries.filter((e) => e.kind === "social");
  const service = entries.filter((e) => e.kind === "service");
  const body = html`<p>截至 ${asOf}。</p>
<h2 id="social">社会公告</h2>
<p>监督抽查结论为“不合格”的被抽样单位无正当理由拒绝整改，或整改后经复查仍不合格的，由市局向社会公告（第六十七条）。</p>
${noticeList(social, NOTICES_INDEX_PATH, `社会公告（${social.length} 件，新的在前）`, "目前没有社会公告。")}
<h2 id="service">公示送达</h2>
<p>因标称生产者地址不详等原因无法书面告知检验结论的，依第五十一条以公示方式送达，公示期限为15日（期满日为节假日的顺延）。公示期满视为送达；有异议的，可自送达之日起15日内提出书面异议（第五十二条）。所列结论为初检结论，尚未生效，公示期满后不再在此列出。</p>
${noticeList(service, NOTICES_INDEX_PATH, `公示送达（${service.length} 件，新的在前）`, "目前没有处于公示期内的公示送达。")}`;
  return renderPublicPage({ path: NOTICES_INDEX_PATH, title: "社会公告与公示送达", section: NOTICES_INDEX_PATH, body }, config);
}
