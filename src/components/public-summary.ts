// Summaries on the public pages: the headline figures of an announcement (/public/) and the
// table of product categories (/public/categories). Styles: publicNav (./public-nav.ts).
import type {Figures} from "../../loaders/site/public/announcements.ts";
import type {CategorySummary} from "../../loaders/site/public/categories.ts";
import {el} from "./dom.js";
import {number, percent} from "./public-nav.js";

/** The figures as a definition list; with `change` (percentage points against the previous quarter; null: none) a sixth figure. */
export function publicFigures(f: Figures, change?: number | null): HTMLDListElement {
  const figure = (term: string, value: string) => el("div", null, el("dt", null, term), el("dd", null, value));
  return el("dl", {class: "public-figures"},
    figure("产品类别", number(f.categories)),
    figure("生产企业", number(f.producers)),
    figure("抽查批次", number(f.batches)),
    figure("不合格批次", number(f.failed)),
    figure("不合格发现率", percent(f.rate)),
    change === undefined ? "" : figure("比上季度", change === null ? "—" : `${change > 0 ? "+" : ""}${change.toFixed(1)} 个百分点`));
}

/** One row per category, linking to its page (./category/<slug>). */
export function categoryTable(categories: readonly CategorySummary[]): HTMLTableElement {
  return el("table", {class: "public-table"},
    el("caption", null, "各产品类别的公开抽查结果"),
    el("thead", null, el("tr", null,
      el("th", {scope: "col"}, "产品类别"), el("th", {scope: "col", class: "num"}, "抽查批次"), el("th", {scope: "col", class: "num"}, "不合格批次"),
      el("th", {scope: "col", class: "num"}, "不合格发现率"), el("th", {scope: "col"}, "最近一次"), el("th", {scope: "col"}, "主要不合格项目"))),
    el("tbody", null, categories.map((c) => el("tr", null,
      el("th", {scope: "row"}, el("a", {href: `./category/${c.slug}`}, c.product_category)),
      el("td", {class: "num"}, number(c.figures.batches)),
      el("td", {class: "num"}, number(c.figures.failed)),
      el("td", {class: "num"}, percent(c.figures.rate)),
      el("td", null, c.latest_quarter ?? "—"),
      el("td", null, c.top_failed_items.map((i) => i.item).join("、") || "—")))));
}
