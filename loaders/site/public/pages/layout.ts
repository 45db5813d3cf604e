// The document every static public page is (issue 12): lang="zh-CN", zoom allowed, a skip
// link, the site's navigation, breadcrumbs, a print button, and the footer with 主办单位,
// contact and the site's identification fields from spotcheck.config.json. One stylesheet,
// /public/public.css (public.css beside this file, written at a stable address by the export),
// holds the screen, phone and print styles. The Framework pages show the same footer
// (publicFooterHtml, used by observablehq.config.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PublicationConfig } from "../../../core/config.ts";
import { PUBLIC_FEED_PATH, PUBLIC_NAV_LINKS } from "../../../../src/components/public-site-links.ts";
import { html, raw, type HtmlValue, type SafeHtml } from "./html.ts";
import { relativeHref } from "./paths.ts";

export const PUBLIC_STYLESHEET_PATH = "/public/public.css";

/** The stylesheet's text, for the export to write at PUBLIC_STYLESHEET_PATH. */
export function publicStylesheet(): string {
  return readFileSync(join(import.meta.dirname, "public.css"), "utf8");
}

export interface PublicPage {
  /** site path of the page, without ".html": "/public/announcements/2025Q3" */
  path: string;
  /** the <h1> and the first part of <title> */
  title: string;
  description?: string;
  /** the way here, after 首页 (抽查结果公告): [label, site path][]; the page itself is not listed */
  breadcrumbs?: [label: string, path: string][];
  /** which entry of the navigation this page belongs to (a PUBLIC_NAV_LINKS path) */
  section?: string;
  /** shows 打印本页 (announcements and result pages: people print what they cite) */
  printable?: boolean;
  /** extra Atom feeds of this page (a category's own feed) */
  feeds?: { title: string; path: string }[];
  body: HtmlValue;
}

/** The footer, the same on every public page: 主办单位, contact, 网站标识码 and 备案号. */
export function publicFooterHtml(config: PublicationConfig): SafeHtml {
  const { site, publisher, objections } = config;
  return html`<p>主办单位：${site.owner}　承办：${publisher.department}</p>
<p>地址：${publisher.address}（邮编 ${publisher.postcode}）　咨询与异议受理电话：${objections.phone}</p>
<p>网站标识码：${site.siteCode}　<span>${site.icp}</span>　<span>${site.police}</span></p>`;
}

export function renderPublicPage(page: PublicPage, config: PublicationConfig): string {
  const href = (to: string) => relativeHref(page.path, to);
  const crumbs: [string, string][] = [["首页", "/public/"], ...(page.breadcrumbs ?? [])];
  const feeds = [{ title: "抽查结果公告（全部）", path: PUBLIC_FEED_PATH }, ...(page.feeds ?? [])];
  const body = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${config.publisher.name}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ""}
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${href(PUBLIC_STYLESHEET_PATH)}">
${feeds.map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${href(f.path)}">\n`)}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
<p class="site-header__title"><a href="${href("/public/")}">${config.publisher.name} · 产品质量监督抽查结果公开</a></p>
<nav aria-label="公开信息导航"><ul>
${PUBLIC_NAV_LINKS.map((l) => html`<li><a href="${href(l.path)}"${l.path === page.section ? raw(' aria-current="page"') : ""}>${l.label}</a></li>\n`)}<li><a href="${href(PUBLIC_FEED_PATH)}" type="application/atom+xml">订阅更新（Atom）</a></li>
</ul></nav>
</header>
${page.path === "/public/" ? "" : html`<nav class="breadcrumbs" aria-label="当前位置"><ol>${crumbs.map(([label, path]) => html`<li><a href="${href(path)}">${label}</a></li>`)}<li aria-current="page">${page.title}</li></ol></nav>`}
<main id="main" tabindex="-1">
<h1>${page.title}</h1>
${page.printable ? html`<p class="print-only-hidden"><button type="button" class="print-button" hidden>打印本页</button></p>` : ""}
${page.body}
</main>
<footer class="site-footer">
${publicFooterHtml(config)}
</footer>
${page.printable ? raw(`<script>for (const b of document.querySelectorAll(".print-button")) { b.hidden = false; b.addEventListener("click", () => window.print()); }</script>`) : ""}
</body>
</html>
`;
  return body.value;
}
