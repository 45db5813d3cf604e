// /public/feed.xml: an Atom feed (RFC 4287) of the public announcements, so the public and
// the press can subscribe (as EU Safety Gate's weekly report does): one entry per quarterly
// result announcement and one per 社会公告 (article 67). Dates come from the data (approval,
// finality, announcement), never the wall clock, so a rebuild of the same data is identical.
// Links are relative to the feed's own URL (/public/feed.xml), so they work wherever the
// site is deployed.
import { createHash } from "node:crypto";
import { buildAnnouncements } from "./announcements.ts";
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

/** The feed; the export passes the announcements and notices it has already built. */
export async function buildFeed(
  ctx: PublicContext,
  built?: { announcements: Awaited<ReturnType<typeof buildAnnouncements>>; notices: Awaited<ReturnType<typeof buildNotices>> },
): Promise<string> {
  const { announcements } = built?.announcements ?? await buildAnnouncements(ctx);
  const { social } = built?.notices ?? await buildNotices(ctx);
  const entries: Entry[] = [
    ...announcements.map((a) => ({
      id: stableId(`announcement/${a.quarter}`),
      title: a.title,
      updated: a.updated,
      href: `./#${a.quarter}`,
      summary: a.headline,
      content: [a.headline, ...a.categories.map((c) => `${c.product_category}：${c.sentence}`)].join("\n"),
    })),
    ...social.map((s) => ({
      id: stableId(`social/${s.sample_id}/${s.posted_on}`),
      title: `社会公告：${s.sampled_name}（${s.product_name}）`,
      updated: s.posted_on,
      href: "./notices#social",
      summary: `${s.sampled_name}（${s.sampled_region ?? ""}）抽查的${s.product_name}不合格，经责令整改后复查仍不合格或拒绝整改，依照第六十七条向社会公告。`,
      content: [
        `被抽样单位：${s.sampled_name}（${s.sampled_region ?? ""}）`,
        `产品：${s.product_name}${s.brand ? `，商标 ${s.brand}` : ""}${s.model ? `，规格型号 ${s.model}` : ""}`,
        `标称生产者：${s.producer_name}`,
        `不合格项目：${s.failed_items.join("、") || "—"}`,
        `公告日期：${s.posted_on}`,
        ...(s.latest_step ? [`后续处置：${s.latest_step}`] : []),
      ].join("\n"),
    })),
  ].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1));
  const updated = entries[0]?.updated ?? ctx.asOf;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${stableId("feed")}</id>`,
    "  <title>重庆市产品质量监督抽查结果公告</title>",
    `  <subtitle>${xmlText(`经组织部门同意公开、结论已生效的抽查结果，以及社会公告（截至 ${ctx.asOf}）`)}</subtitle>`,
    `  <updated>${atomDate(updated)}</updated>`,
    '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
    '  <link rel="alternate" type="text/html" href="./"/>',
    `  <author><name>${PUBLISHER}</name></author>`,
    ...entries.map(entryXml),
    "</feed>",
    "",
  ].join("\n");
}
