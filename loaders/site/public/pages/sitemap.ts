// /public/sitemap.xml (sitemaps.org protocol 0.9, issue 12: so search engines find every result,
// category and announcement page). A sitemap file may list at most 50,000 URLs; above that
// the URLs go into /public/sitemap-1.xml, sitemap-2.xml, … and /public/sitemap.xml becomes the
// sitemap index listing them. Every <loc> is absolute (config site.origin + the page's path).
import type { SiteWriter, WrittenFile } from "../../site-writer.ts";
import { STATIC_PAGES_DIR } from "../../site-writer.ts";
import { absoluteUrl } from "./paths.ts";

/** The protocol's limit of URLs per sitemap file (sitemaps.org: 50,000 URLs, 50 MB). */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_PATH = "/public/sitemap.xml";
const NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

const xmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** The site path of the n-th part of a split sitemap: /public/sitemap-1.xml. */
export const sitemapPartPath = (n: number) => `/public/sitemap-${n}.xml`;

/**
 * The sitemap files for these site paths (duplicates dropped, order kept): one file at
 * SITEMAP_PATH, or, above `maxUrls`, the parts and an index at SITEMAP_PATH.
 */
export function sitemapFiles(origin: string, sitePaths: Iterable<string>, maxUrls = SITEMAP_MAX_URLS): { path: string; xml: string }[] {
  const urls = [...new Set(sitePaths)].map((p) => absoluteUrl(origin, p));
  const urlset = (list: string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NAMESPACE}">\n${list.map((u) => `<url><loc>${xmlEscape(u)}</loc></url>\n`).join("")}</urlset>\n`;
  if (urls.length <= maxUrls) return [{ path: SITEMAP_PATH, xml: urlset(urls) }];
  const parts: { path: string; xml: string }[] = [];
  for (let i = 0; i < urls.length; i += maxUrls) parts.push({ path: sitemapPartPath(parts.length + 1), xml: urlset(urls.slice(i, i + maxUrls)) });
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NAMESPACE}">\n` +
    parts.map((p) => `<sitemap><loc>${xmlEscape(absoluteUrl(origin, p.path))}</loc></sitemap>\n`).join("") + "</sitemapindex>\n";
  return [{ path: SITEMAP_PATH, xml: index }, ...parts];
}

/**
 * The site path of every static page the public writer has written so far
 * (src/public/_pages/<x>.html → /public/<x>, …/index.html → the folder with "/").
 */
export function writtenPagePaths(files: readonly WrittenFile[]): string[] {
  const prefix = `public/${STATIC_PAGES_DIR}/`;
  const paths: string[] = [];
  for (const f of files) {
    if (f.audience !== "public" || !f.path.startsWith(prefix) || !f.path.endsWith(".html")) continue;
    const page = f.path.slice(prefix.length, -".html".length);
    paths.push(page === "index" || page.endsWith("/index") ? `/public/${page.slice(0, -"index".length)}` : `/public/${page}`);
  }
  return paths;
}

/**
 * Writes the sitemap: the pages Framework builds that are listed in `frameworkPages` (the
 * search page, and the index while it is a Framework page), then every static page written
 * through `writer` before this call (announcements, notices, categories, results), then any
 * `morePaths`. Call it last in the public export, after every page is written.
 */
export function writeSitemap(writer: SiteWriter, origin: string, frameworkPages: readonly string[], morePaths: readonly string[] = []): string[] {
  const files = sitemapFiles(origin, [...frameworkPages, ...writtenPagePaths(writer.files), ...morePaths]);
  for (const f of files) writer.pageFile(f.path, f.xml);
  return files.map((f) => f.path);
}
