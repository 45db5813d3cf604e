// 索引号 and the other metadata every government disclosure page carries (issue 12;
// 政府信息公开 pages: 索引号, 发布机构, 成文日期, 发布日期, 主题分类). An 索引号 names one
// announcement for good: it is made from what the announcement IS (its quarter, or its kind
// and batch), never from a running counter, so it is unique and the same in every build of
// the same data, and an announcement keeps its number when older or newer ones appear.
//
//   quarterly 抽查结果通告            <orgCode>/<year>-TG-Q<n>        115000000000000000/2025-TG-Q3
//   社会公告 of a batch (article 67)   <orgCode>/<year>-SHGG-<slug>     year of the notice's date
//   公示送达 of a batch (article 51)   <orgCode>/<year>-GSSD-<slug>     year of the notice's date
//
// <slug> is the batch's page name (resultSlug: the sample id itself, or "r-" + 16 hex digits of
// its SHA-256), so two batches never share a number; a batch has one 社会公告 (its first) and
// its page shows one 公示送达 (the newest, notices.ts), so kind + batch is one notice.
import { parseQuarter } from "../../../core/periods.ts";
import { html, type SafeHtml } from "./html.ts";
import { resultSlug } from "./paths.ts";

/** 主题分类 (the gov.cn subject classification the bureau files these under). */
export const SUBJECT_CLASSIFICATION = "市场监管、安全生产监管 / 产品质量监督";

export function announcementIndexNumber(orgCode: string, quarter: string): string {
  const { year, quarter: n } = parseQuarter(quarter);
  return `${orgCode}/${year}-TG-Q${n}`;
}

/** The announcement's own number: the n-th quarterly 通告 of the year is 第n号 (one per quarter, so never reused). */
export function announcementNumber(quarter: string): string {
  const { year, quarter: n } = parseQuarter(quarter);
  return `${year}年第${n}号`;
}

export function noticeIndexNumber(orgCode: string, kind: "social" | "service", sampleId: string, postedOn: string): string {
  return `${orgCode}/${postedOn.slice(0, 4)}-${kind === "social" ? "SHGG" : "GSSD"}-${resultSlug(sampleId)}`;
}

/** An 索引号 on a page: a line may break after the organisation code's "/", not inside the code. */
export function indexNumberHtml(indexNumber: string): SafeHtml {
  const at = indexNumber.indexOf("/");
  return at < 0
    ? html`<span class="index-number">${indexNumber}</span>`
    : html`<span class="index-number"><span>${indexNumber.slice(0, at + 1)}</span><wbr><span>${indexNumber.slice(at + 1)}</span></span>`;
}
