// /public/feed.xml: an Atom feed (RFC 4287) of the public announcements, so the public and
// the press can subscribe (as EU Safety Gate's weekly report does): one entry per quarterly
// result announcement and one per 社会公告 (article 67). Dates come from the data (approval,
// finality, announcement), never the wall clock, so a rebuild of the same data is identical.
// Every entry links to its own static page (the quarter's announcement, the batch's 社会公告),
// relative to the feed's own URL, so the links work wherever the site is deployed. Each
// product category has its own feed too (buildCategoryFeeds), at categoryFeedPath(slug).
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { quarterLabelWithDigit } from "../../core/periods.ts";
import { PUBLIC_FEED_PATH } from "../../../src/components/public-site-links.ts";
import type { SiteWriter } from "../site-writer.ts";
import { buildAnnouncements, type PublishedCounts } from "./announcements.ts";
import { categorySlugs } from "./categories.ts";
import { announcementPath, categoryFeedPath, categoryPagePath, noticePath, relativeHref } from "./pages/paths.ts";
import type { PublicContext } from "./public-context.ts";
import { buildNotices } from "./notices.ts";

const PUBLISHER = "重庆市市场监督管理局";

/** XML text: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A permanent entry id (RFC 4287 §4.2.6): a name-based UUID (RFC 9562 v5 layout) of the entry's key. */
export function stableId(key: string): string {
  const h = createHash("sha1").update("spotcheck-public:" + key, "utf8").digest("hex").slice(0, 32).split("");
  h[12] = "5";
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join("");
  return `urn:uuid:${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Dates are Chongqing calendar days: midnight China Standard Time. */
const atomDate = (day: string) => `${day}T00:00:00+08:00`;

interface Entry { id: string; title: string; updated: string; href: string; summary: string; content: string }

function entryXml(e: Entry): string {
  return [
    "  <entry>",
    `    <id>${e.id}</id>`,
    `    <title>${xmlText(e.title)}</title>`,
    `    <updated>${atomDate(e.updated)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${xmlText(e.href)}"/>`,
    `    <summary type="text">${xmlText(e.summary)}</summary>`,
    `    <content type="text">${xmlText(e.content)}</content>`,
    "  </entry>",
  ].join("\n");
}

type Built = { announcements: Awaited<ReturnType<typeof buildAnnouncements>>; notices: Awaited<ReturnType<typeof buildNotices>> };

/** An entry and the category it belongs to (null: the quarter's whole announcement). */
interface SiteEntry extends Omit<Entry, "href"> { path: string; category: string | null }

const newestFirst = (a: { updated: string; id: string }, b: { updated: string; id: string }) =>
  (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1);

function socialEntry(s: Built["notices"]["social"][number]): SiteEntry {
  return {
    id: stableId(`social/${s.sample_id}/${s.posted_on}`),
    category: s.product_category,
    title: `社会公告：${s.sampled_name}（${s.product_name}）`,
    updated: s.posted_on,
    path: noticePath("social", s.sample_id),
    summary: `${s.sampled_name}（${s.sampled_region ?? ""}）抽查的${s.product_name}不合格，经责令整改后复查仍不合格或拒绝整改，依照第六十七条向社会公告。`,
    content: [
      `被抽样单位：${s.sampled_name}（${s.sampled_region ?? ""}）`,
      `产品：${s.product_name}${s.brand ? `，商标 ${s.brand}` : ""}${s.model ? `，规格型号 ${s.model}` : ""}`,
      `标称生产者：${s.producer_name}`,
      `不合格项目：${s.failed_items.join("、") || "—"}`,
      `公告日期：${s.posted_on}`,
      ...(s.latest_step ? [`后续处置：${s.latest_step}`] : []),
    ].join("\n"),
  };
}

function feedXml(f: { feedPath: string; id: string; title: string; subtitle: string; alternatePath: string; publisher: string; asOf: string }, entries: SiteEntry[]): string {
  const sorted = [...entries].sort(newestFirst);
  const updated = sorted[0]?.updated ?? f.asOf;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${f.id}</id>`,
    `  <title>${xmlText(f.title)}</title>`,
    `  <subtitle>${xmlText(f.subtitle)}</subtitle>`,
    `  <updated>${atomDate(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(posix.basename(f.feedPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(relativeHref(f.feedPath, f.alternatePath))}"/>`,
    `  <author><name>${xmlText(f.publisher)}</name></author>`,
    // every entry links to its own page, relative to the feed's address
    ...sorted.map((e) => entryXml({ ...e, href: relativeHref(f.feedPath, e.path) })),
    "</feed>",
    "",
  ].join("\n");
}

/** The feed; the export passes the announcements and notices it has already built. */
export async function buildFeed(ctx: PublicContext, built?: Built, publisher = PUBLISHER): Promise<string> {
  const { announcements } = built?.announcements ?? await buildAnnouncements(ctx);
  const { social } = built?.notices ?? await buildNotices(ctx);
  const entries: SiteEntry[] = [
    ...announcements.map((a) => ({
      id: stableId(`announcement/${a.quarter}`),
      category: null,
      title: a.title,
      updated: a.updated,
      path: announcementPath(a.quarter),
      summary: a.headline,
      content: [a.headline, ...a.categories.map((c) => `${c.product_category}：${c.sentence}`)].join("\n"),
    })),
    ...social.map(socialEntry),
  ];
  return feedXml({
    feedPath: PUBLIC_FEED_PATH, id: stableId("feed"), title: "重庆市产品质量监督抽查结果公告",
    subtitle: `经组织部门同意公开、结论已生效的抽查结果，以及社会公告（截至 ${ctx.asOf}）`,
    alternatePath: "/public/", publisher, asOf: ctx.asOf,
  }, entries);
}

/**
 * One feed per product category (categoryFeedPath(slug)), beside the site-wide one: the
 * category's paragraph of each quarterly announcement (linked to that announcement's page)
 * and the 社会公告 of its batches. `slugs`: categorySlugs of every published category.
 */
export function buildCategoryFeeds(asOf: string, built: Built, slugs: ReadonlyMap<string, string>, publisher = PUBLISHER): { path: string; xml: string }[] {
  const byCategory = new Map<string, SiteEntry[]>();
  const add = (category: string, e: SiteEntry) => byCategory.set(category, [...(byCategory.get(category) ?? []), e]);
  for (const a of built.announcements.announcements) {
    for (const c of a.categories) {
      add(c.product_category, {
        id: stableId(`announcement/${a.quarter}/category/${c.product_category}`),
        category: c.product_category,
        title: `${quarterLabelWithDigit(a.quarter)}${c.product_category}监督抽查结果`,
        updated: a.updated,
        path: announcementPath(a.quarter),
        summary: `${c.product_category}：${c.sentence}`,
        content: `${c.product_category}：${c.sentence}`,
      });
    }
  }
  for (const s of built.notices.social) add(s.product_category, socialEntry(s));
  return [...slugs].map(([category, slug]) => {
    const feedPath = categoryFeedPath(slug);
    return {
      path: feedPath,
      xml: feedXml({
        feedPath, id: stableId(`feed/category/${category}`), title: `重庆市产品质量监督抽查结果公告 · ${category}`,
        subtitle: `${category}：各季度抽查结果与社会公告（截至 ${asOf}）`,
        alternatePath: categoryPagePath(slug), publisher, asOf,
      }, byCategory.get(category) ?? []),
    };
  });
}

/** Writes every category's feed beside the site-wide one (static files, installed with the pages). */
export function writeCategoryFeeds(writer: SiteWriter, asOf: string, built: Built, counts: PublishedCounts, publisher = PUBLISHER): void {
  const names = counts.counts.filter((r) => r.quarter === null && r.product_category !== null).map((r) => r.product_category!);
  for (const feed of buildCategoryFeeds(asOf, built, categorySlugs(names), publisher)) writer.pageFile(feed.path, feed.xml);
}
