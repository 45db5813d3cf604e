// The small navigation header of the public pages (they have no sidebar: the sidebar lists
// the analysts' workbench, which the public pages never link to), and their shared styles.
// Text goes in as text nodes (el, ./dom.ts), never as HTML.
import {el} from "./dom.js";
import {PUBLIC_FEED_PATH, PUBLIC_NAV_LINKS} from "./public-site-links.js";

/**
 * A site path under /public/ as a link from a Framework page: `base` is the way from the page
 * to /public/ ("./" for /public/x, "../" for /public/category/x). "/public/" itself is `base`.
 */
export function publicHref(sitePath: string, base = "./"): string {
  return base + sitePath.replace(/^\/public\//, "");
}

/** Whether the nav link `path` is the page `current` names ("results", "notices", "" for /public/). */
function isCurrent(path: string, current: string): boolean {
  return path.replace(/^\/public\//, "").replace(/\/$/, "") === current.replace(/\/$/, "");
}

/** `base` is the way from the page to /public/: "./" for /public/x, "../" for /public/category/x. */
export function publicNav({base = "./", current = ""}: { base?: string; current?: string } = {}): HTMLElement {
  return el("header", {class: "public-header"},
    el("p", {class: "public-header__title"}, "重庆市市场监督管理局 · 产品质量监督抽查结果公开"),
    el("nav", {"aria-label": "公开信息导航"}, el("ul", null,
      PUBLIC_NAV_LINKS.map(({path, label}) => el("li", null, el("a", {href: publicHref(path, base), "aria-current": isCurrent(path, current) ? "page" : null}, label))),
      el("li", null, el("a", {href: publicHref(PUBLIC_FEED_PATH, base), type: "application/atom+xml"}, "订阅更新（Atom）")))),
    publicStyles());
}

/** 合格 / 不合格 shown by a symbol and words, not by colour alone; （复检后） when a re-inspection decided it. */
export function verdict(conclusion: string | null, conclusionBy: string | null): HTMLSpanElement {
  const fail = conclusion === "不合格";
  return el("span", {class: fail ? "verdict verdict--fail" : "verdict verdict--pass"},
    el("span", {"aria-hidden": "true"}, `${fail ? "✗" : "✓"} `), conclusion, conclusionBy === "复检" ? "（复检后）" : "");
}

const numberFormat = new Intl.NumberFormat("zh-CN"); // one formatter: toLocaleString builds a new one per call

export function number(n: number | null | undefined): string {
  return n == null ? "—" : numberFormat.format(n);
}

export function percent(rate: number | null | undefined): string {
  return rate == null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

// The colours of the static pages' stylesheet (loaders/site/public/pages/public.css), each at
// least 4.5:1 on white (WCAG 2.1 1.4.3): text #1f1f1f, muted #545454 (7.4:1), links #0b4fb3
// underlined (7.3:1; 1.4.1: not by colour alone), 不合格 #a4161a (7.5:1), 合格 #1b5e20 (7.9:1).
// Framework's own muted and faint greys are overridden on the public pages (its muted grey on
// white is 4.42:1, the footer's 3.24:1). Controls are at least 44 px tall (2.5.5).
function publicStyles(): HTMLStyleElement {
  return el("style", null, `
  :root { --theme-foreground: #1f1f1f; --theme-foreground-muted: #545454; --theme-foreground-focus: #0b4fb3; --public-link: #0b4fb3; --public-rule: #c8c8c8; }
  #observablehq-footer, #observablehq-footer a { color: #333; }
  body { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #1f1f1f; }
  #observablehq-main a[href]:not(.observablehq-header-anchor), #observablehq-footer a[href] { color: var(--public-link); text-decoration: underline; text-underline-offset: .2em; }
  .public-header { border-bottom: 1px solid var(--public-rule); margin-bottom: 1.5rem; }
  .public-header__title { font-weight: 600; margin: 0 0 .25rem; }
  .public-header ul { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
  .public-header li a { display: inline-flex; align-items: center; min-height: 44px; }
  .public-header a[aria-current="page"] { font-weight: 700; }
  .public-filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .5rem 1rem; margin: 0 0 1rem; max-width: 100%; }
  .public-filters .public-field { display: flex; flex-direction: column; gap: .15rem; min-width: 0; }
  .public-filters .public-field--wide { grid-column: 1 / -1; }
  .public-filters .public-more-filters { grid-column: 1 / -1; }
  .public-more-filters summary { padding: .6rem 0; cursor: pointer; color: #0b4fb3; text-decoration: underline; text-underline-offset: .2em; }
  .public-filters__choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .5rem 1rem; margin-top: .25rem; }
  .public-filters label { font-size: .9rem; color: #1f1f1f; }
  .public-filters input, .public-filters select { font: inherit; min-height: 44px; width: 100%; max-width: 100%; box-sizing: border-box;
    padding: .35rem .5rem; border: 1px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1f1f1f; }
  .public-filters .public-field--wide input { max-width: 40rem; }
  .public-filters input::placeholder, .public-pager input::placeholder { color: #595959; }
  #observablehq-main button, #observablehq-main input[type="number"] { font: inherit; min-height: 44px; box-sizing: border-box; }
  #observablehq-main button { padding: .35rem 1rem; border: 1px solid #5c5c5c; border-radius: 4px; background: #fff; color: #1f1f1f; cursor: pointer; }
  #observablehq-main button:disabled { color: #545454; border-color: #8c8c8c; cursor: default; }
  #observablehq-main code, .public-downloads code { overflow-wrap: anywhere; white-space: normal; }
  .public-downloads li { margin: .25rem 0; }
  .public-noscript { border: 1px solid var(--public-rule); padding: .5rem 1rem; background: #f2f2f2; }
  .verdict { white-space: nowrap; font-weight: 700; }
  .verdict--fail { color: #a4161a; }
  .verdict--pass { color: #1b5e20; }
  .public-figures { display: flex; flex-wrap: wrap; gap: 1rem 2rem; margin: .5rem 0 1rem; padding: 0; }
  .public-figures div { min-width: 8rem; }
  .public-figures dt { font-size: .85rem; color: #545454; }
  .public-figures dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
  table.public-table { border-collapse: collapse; }
  table.public-table th, table.public-table td { padding: .3rem .5rem; vertical-align: top; border-bottom: 1px solid var(--public-rule); }
  table.public-table th[scope="col"] { text-align: left; }
  table.public-table td.num, table.public-table th.num { text-align: right; font-variant-numeric: tabular-nums; }
  table.public-table caption { caption-side: top; text-align: left; color: #545454; padding: .25rem 0; }
  .public-table-scroll { overflow-x: auto; max-width: 100%; }
  table.public-table--paged { table-layout: fixed; width: 100%; max-width: none; font-size: 14px; }
  table.public-table--paged td { overflow-wrap: anywhere; }
  table.public-table--paged .verdict { white-space: normal; }
  .public-pager { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0 1rem; }
  .public-pager__jump { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: center; margin: 0; }
  .public-pager__jump[hidden] { display: none; }
  .public-pager__jump input { width: 6rem; padding: .35rem .5rem; border: 1px solid #5c5c5c; border-radius: 4px; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
  /* phones: each result is a card; a cell is named by its column (data-label), the verdict right under the product */
  @media (max-width: 719.98px) {
    table.public-table--paged, table.public-table--paged tbody, table.public-table--paged td { display: block; width: 100%; }
    table.public-table--paged caption { display: block; }
    table.public-table--paged colgroup { display: none; }
    table.public-table--paged thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    table.public-table--paged tr { display: flex; flex-direction: column; border: 1px solid var(--public-rule); border-radius: 6px; padding: .5rem .75rem; margin: 0 0 .75rem; }
    table.public-table--paged td { border: 0; padding: .1rem 0; font-size: 15px; }
    table.public-table--paged td::before { content: attr(data-label) "："; color: #545454; }
    table.public-table--paged td.public-table__primary { order: -2; font-weight: 700; font-size: 1.05rem; }
    table.public-table--paged td.public-table__primary::before { content: none; }
    table.public-table--paged td.public-table__lead { order: -1; }
    .public-table-scroll { overflow-x: visible; }
    .public-pager__status { order: -1; flex-basis: 100%; }
  }
`);
}
