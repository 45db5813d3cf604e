// The small navigation header of the public pages (they have no sidebar: the sidebar lists
// the analysts' workbench, which the public pages never link to), and their shared styles.
// Text goes in as text nodes (el, ./dom.ts), never as HTML.
import {el} from "./dom.js";

const LINKS: [path: string, label: string][] = [
  ["", "抽查结果公告"],
  ["results", "结果查询"],
  ["notices", "社会公告与公示送达"],
  ["categories", "按产品类别"]
];

/** `base` is the way from the page to /public/: "./" for /public/x, "../" for /public/category/x. */
export function publicNav({base = "./", current = ""}: { base?: string; current?: string } = {}): HTMLElement {
  return el("header", {class: "public-header"},
    el("p", {class: "public-header__title"}, "重庆市市场监督管理局 · 产品质量监督抽查结果公开"),
    el("nav", {"aria-label": "公开信息导航"}, el("ul", null,
      LINKS.map(([path, label]) => el("li", null, el("a", {href: base + path, "aria-current": path === current ? "page" : null}, label))),
      el("li", null, el("a", {href: base + "feed.xml", type: "application/atom+xml"}, "订阅更新（Atom）")))),
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

function publicStyles(): HTMLStyleElement {
  return el("style", null, `
  .public-header { border-bottom: 1px solid var(--theme-foreground-faint); margin-bottom: 1.5rem; }
  .public-header__title { font-weight: 600; margin: 0 0 .25rem; }
  .public-header ul { list-style: none; padding: 0; margin: 0 0 .75rem; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
  .public-header a[aria-current="page"] { font-weight: 700; text-decoration: underline; text-underline-offset: .25em; }
  .public-filters { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: end; }
  .public-filters form { margin: 0; }
  .verdict { white-space: nowrap; font-weight: 600; }
  .verdict--fail { color: #b3261e; }
  .verdict--pass { color: #1b6e3a; }
  .public-figures { display: flex; flex-wrap: wrap; gap: 1rem 2rem; margin: .5rem 0 1rem; padding: 0; }
  .public-figures div { min-width: 8rem; }
  .public-figures dt { font-size: .85rem; color: var(--theme-foreground-muted); }
  .public-figures dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
  table.public-table { border-collapse: collapse; }
  table.public-table th, table.public-table td { padding: .25rem .6rem; vertical-align: top; border-bottom: 1px solid var(--theme-foreground-faint); }
  table.public-table th[scope="col"] { text-align: left; }
  table.public-table td.num, table.public-table th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .public-table-scroll { overflow-x: auto; max-width: 100%; }
  table.public-table--fixed { table-layout: fixed; max-width: none; font-size: 13px; }
  table.public-table--fixed td { overflow-wrap: anywhere; }
  table.public-table caption { caption-side: top; text-align: left; color: var(--theme-foreground-muted); padding: .25rem 0; }
  .public-pager { display: flex; gap: 1rem; align-items: center; margin: .5rem 0 1rem; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
`);
}
