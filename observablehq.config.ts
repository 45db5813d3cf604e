// Observable Framework configuration. Everything the pages need is bundled from
// node_modules: no web fonts (globalStylesheets: []), no CDN, no telemetry.
import { readPublicationConfig } from "./loaders/core/config.ts";
import { publicFooterHtml } from "./loaders/site/public/pages/layout.ts";
import { exportedRoutes } from "./loaders/site/routes.ts";

/**
 * Framework has no option for either of these (1.13, dist/render.js), so a small script does
 * them when the page has been parsed (issue 12, WCAG 2.1 AA):
 * - 2.4.1: the skip link the `header` option renders sits inside #observablehq-center, after
 *   the sidebar's toggle and its fifteen links; it moves to the start of <body>, so that the
 *   first Tab reaches it. Without JavaScript it works where it is.
 * - 1.3.1: the sidebar's close button is a <label> directly inside an <ol> (only <li> may be);
 *   it moves in front of the list, where its absolute position puts it on the same spot.
 * - 4.1.2, 3.1.2: the sidebar's toggle is a checkbox named only by an English title ("Toggle
 *   sidebar"; axe label-title-only): it gets a Chinese name and title.
 * - 4.1.2: Plot 0.6 names every mark's <g> after the mark ("dot", "rule", "tip"): an aria-label
 *   ARIA 1.2 prohibits on an element with no role, and English words to a Chinese reader. They
 *   are removed from every chart, also from those drawn later (a cell's output, a moved tip).
 */
const ACCESSIBILITY_SCRIPT = `<script>document.addEventListener("DOMContentLoaded", () => {
const skip = document.querySelector("#observablehq-header .skip-link"); if (skip) document.body.prepend(skip);
const close = document.getElementById("observablehq-sidebar-close"); if (close && close.parentElement instanceof HTMLOListElement) close.parentElement.before(close);
const toggle = document.getElementById("observablehq-sidebar-toggle"); if (toggle) { toggle.setAttribute("aria-label", "显示或隐藏侧栏"); toggle.title = "显示或隐藏侧栏"; }
const unnameMarks = (root) => { for (const g of root.querySelectorAll("svg g[aria-label]:not([role])")) g.removeAttribute("aria-label"); };
unnameMarks(document);
new MutationObserver((changes) => { for (const c of changes) for (const n of c.addedNodes) if (n instanceof Element) { if (n.matches("svg g[aria-label]:not([role])")) n.removeAttribute("aria-label"); unnameMarks(n); } }).observe(document.body, {childList: true, subtree: true});
});</script>`;

export default {
  title: "重庆市产品质量监督抽查",
  root: "src",
  // npm run build builds into a fresh folder beside dist/ (SPOTCHECK_FRAMEWORK_OUT) and swaps it in
  // when the build succeeded (loaders/cli/site-pipeline.ts); the browser tests build a site of their own elsewhere
  output: process.env.SPOTCHECK_FRAMEWORK_OUT ?? process.env.SPOTCHECK_SITE_OUT ?? "dist",
  globalStylesheets: [],
  // Framework's default styles and the air theme, with the contrast, underlines, focus rings and phone
  // tap targets WCAG 2.1 AA asks for (src/style.css). The static pages' /public/public.css is not linked
  // here: it styles <main>, tables, buttons and the root font for pages without Framework's layout, and
  // would fight Framework's grid, cards and Inputs; style.css uses the same colours instead.
  style: "style.css",
  search: false, // Framework's search splits on spaces and cuts at 15 characters: useless for Chinese (see /public/results)
  pager: false,
  toc: { label: "本页目录" }, // Framework's default label is "Contents", in English on a zh-CN page (3.1.2)
  // 主办单位, contact and the site's identification fields, the same as on the static public pages (issue 12 item 8)
  footer: publicFooterHtml(readPublicationConfig()).value,
  // rel="external" is Framework's mark for a link it must not check: #observablehq-main is in its page template,
  // not in a page's Markdown, so its link check would call the skip link broken on every page
  header: '<a class="skip-link" href="#observablehq-main" rel="external">跳到正文</a>',
  // The feed keeps a stable address ("external" stops Framework from hashing it, so
  // subscriptions survive rebuilds); Inputs' stylesheet, copied once by the export to
  // /public/inputs.css, is linked "external" too, so Framework stores no second, hashed copy.
  head: '<link rel="icon" href="data:,"><meta name="referrer" content="no-referrer"><link rel="alternate external" type="application/atom+xml" title="抽查结果公告" href="/public/feed.xml"><link rel="stylesheet external" href="/public/inputs.css">' + ACCESSIBILITY_SCRIPT,
  pages: [
    { name: "数据概况", path: "/data-status" },
    {
      name: "公开结果（社会公众）",
      open: true,
      // `pager: null`: the static pages the export renders (loaders/site/public/pages/) have no Markdown
      // source; a page in Framework's pager is one it must build, and it would stop with ENOENT. A page
      // still written in Markdown is built all the same (Framework builds every .md under src/).
      pages: [
        { name: "抽查结果公告", path: "/public/", pager: null },
        { name: "结果查询", path: "/public/results" },
        { name: "社会公告与公示送达", path: "/public/notices/", pager: null },
        { name: "按产品类别", path: "/public/categories", pager: null },
      ],
    },
    {
      name: "分析工作台",
      open: true,
      pages: [
        { name: "总览", path: "/workbench/" },
        { name: "探索", path: "/workbench/explorer" },
        { name: "漏斗图", path: "/workbench/funnel" },
        { name: "问题标记", path: "/workbench/flags" },
        { name: "程序审计", path: "/workbench/audit" },
        { name: "重点目录草案", path: "/workbench/catalogue" },
        { name: "抽查计划建议", path: "/workbench/plan" },
        { name: "暂缓公开批次", path: "/workbench/withheld" },
        { name: "跟踪抽查仍不合格企业", path: "/workbench/repeat-offenders" },
        { name: "企业档案", path: "/workbench/producer" },
      ],
    },
    { name: "季度简报", path: "/briefing/" },
  ],
  // the routes the one-pass export wrote (loaders/site/export-site.ts): the config never opens the database
  dynamicPaths: exportedRoutes(),
};
