// The addresses of the public site's static pages (issue 12: one page per thing a citizen may
// cite, at a URL that stays the same in every build). Paths are site paths without ".html"
// (as Framework's own links: the server maps /public/x to public/x.html); the file written is
// <path>.html under the site folder. `relativeHref` turns a site path into a link relative to
// the page it appears on, so the site works wherever it is deployed.
import { createHash } from "node:crypto";
import { posix } from "node:path";

/**
 * The file name of a batch's page. Sample ids of upper-case letters, digits, "-" and "_"
 * (every id the bureau's systems issue, e.g. "CQ2025-000123") are kept as they are; any other
 * id gets "r-" and 16 hex digits of its SHA-256. A kept id has no lower-case letter, so it
 * can neither be a hash slug nor meet a case twin on a case-insensitive file system.
 */
export function resultSlug(sampleId: string): string {
  return /^[A-Z0-9][A-Z0-9_-]{0,99}$/.test(sampleId)
    ? sampleId
    : "r-" + createHash("sha256").update(sampleId, "utf8").digest("hex").slice(0, 16);
}

/** A published result's page: /public/result/<sampling year>/<slug> (the year never changes for a batch). */
export function resultPagePath(row: { sample_id: string; sampling_date: string }): string {
  return `/public/result/${row.sampling_date.slice(0, 4)}/${resultSlug(row.sample_id)}`;
}

/** A quarterly 抽查结果通告: /public/announcements/2025Q3; its 附件 sit in /public/announcements/2025Q3/. */
export function announcementPath(quarter: string): string {
  return `/public/announcements/${quarter}`;
}

/** The annual report of a sampling year (issue 14): /public/annual/2025; its 附件 sit in /public/annual/2025/. */
export function annualPagePath(year: number): string {
  return `/public/annual/${year}`;
}

export const annualAttachmentPath = (year: number, n: 1 | 2) => `${annualPagePath(year)}/attachment-${n}.xlsx`;

/** A 社会公告 (article 67) or 公示送达 (article 51) notice of one batch. */
export function noticePath(kind: "social" | "service", sampleId: string): string {
  return `/public/notices/${kind}/${resultSlug(sampleId)}`;
}

/**
 * A producer's page of published results (issue 14): /public/producer/p-<16 hex digits of the
 * SHA-256 of its id> — the id being its USCC, or "name:<名称>" without one. Hashed, not the
 * USCC itself: a USCC is not on the publication whitelist (P4, loaders/disclosure/whitelist.ts),
 * and a name may hold any character. The same producer keeps the same address in every build.
 */
export function producerPagePath(producerId: string): string {
  return `/public/producer/p-${createHash("sha256").update(producerId, "utf8").digest("hex").slice(0, 16)}`;
}

/** A category page (slug from categorySlugs in ../categories.ts). */
export function categoryPagePath(slug: string): string {
  return `/public/category/${slug}`;
}

/** A category's own Atom feed, beside the site-wide /public/feed.xml. */
export function categoryFeedPath(slug: string): string {
  return `/public/feeds/${slug}.xml`;
}

/** A page's absolute address, for the sitemap and the feeds' alternates: config site.origin + path. */
export function absoluteUrl(origin: string, sitePath: string): string {
  const relativePath = sitePath.replace(/^\//, "").split("/").map(encodeURIComponent).join("/");
  return new URL(relativePath, origin.endsWith("/") ? origin : `${origin}/`).href;
}

/** The link from the page at `fromPath` to `toPath` (both site paths): "../result/2025/CQ1". */
export function relativeHref(fromPath: string, toPath: string): string {
  const fromDir = fromPath.endsWith("/") ? fromPath : posix.dirname(fromPath);
  const rel = posix.relative(fromDir, toPath) || ".";
  const withSlash = toPath.endsWith("/") && !rel.endsWith("/") ? `${rel}/` : rel;
  return withSlash.startsWith(".") ? withSlash : `./${withSlash}`;
}
