// /public/categories as a static page (issue 12, replacing src/public/categories.md): every
// product category with published results, its batches, failures and 不合格发现率, linked to
// its category page. Published batches only (gates P1–P3).
import { percentText, thousands } from "../../../core/format.ts";
import { quarterLabelWithDigit } from "../../../core/periods.ts";
import type { CategorySummary } from "../categories.ts";
import { html } from "./html.ts";
import { renderPublicPage } from "./layout.ts";
import { categoryPagePath, relativeHref } from "./paths.ts";
import type { StaticPageContext } from "./result-pages.ts";
import { responsiveTable } from "./tables.ts";

export const CATEGORIES_INDEX_PATH = "/public/categories";

export function renderCategoriesIndex(categories: readonly CategorySummary[], ctx: StaticPageContext): string {
  const path = CATEGORIES_INDEX_PATH;
  const sorted = [...categories].sort((a, b) => a.product_category.localeCompare(b.product_category, "zh-CN"));
  const body = html`<p>各产品类别已公开的抽查结果（截至 <strong class="nowrap">${ctx.asOf}</strong>），共 ${thousands(categories.length)} 类。点击类别查看历次抽查情况和不合格产品名单。</p>
${responsiveTable(sorted, {
    caption: "各产品类别已公开的抽查结果",
    empty: "尚无可公开的抽查结果。",
    columns: [
      { label: "产品类别", primary: true, cell: (c) => html`<a href="${relativeHref(path, categoryPagePath(c.slug))}">${c.product_category}</a>` },
      { label: "批次", numeric: true, cell: (c) => thousands(c.figures.batches) },
      { label: "不合格批次", numeric: true, cell: (c) => thousands(c.figures.failed) },
      { label: "不合格发现率", numeric: true, cell: (c) => percentText(c.figures.rate) },
      { label: "最近抽查季度", cell: (c) => (c.latest_quarter ? quarterLabelWithDigit(c.latest_quarter) : "—") },
    ],
  })}`;
  return renderPublicPage({
    path,
    title: "按产品类别",
    description: "各产品类别已公开的产品质量监督抽查结果：批次、不合格批次和不合格发现率",
    section: CATEGORIES_INDEX_PATH,
    body,
  }, ctx.config);
}
