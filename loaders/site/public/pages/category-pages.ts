// /public/category/<slug> as a static page (issue 12, replacing the Framework page
// src/public/category/[category].md): the category's published figures in words, its
// quarterly 不合格发现率 as an SVG drawn here and as a table (the text alternative), its
// failing items, and its 不合格产品名单 with each product linked to its result page.
// Only published rows (gates P1–P3) and whitelisted fields (P4) reach here.
import { percentText, thousands } from "../../../core/format.ts";
import type { PublishedRow } from "../../../disclosure/whitelist.ts";
import type { CategoryPage } from "../categories.ts";
import { historyChartSvg } from "./history-chart.ts";
import { html } from "./html.ts";
import { renderPublicPage } from "./layout.ts";
import { categoryFeedPath, categoryPagePath, relativeHref, resultPagePath } from "./paths.ts";
import type { StaticPageContext } from "./result-pages.ts";
import { responsiveTable, verdictHtml } from "./tables.ts";

/**
 * The 不合格产品名单 lists the newest this many batches; the page links the search filtered to
 * the category's 不合格 results for all of them (at a million rows a category has thousands).
 */
export const CATEGORY_LIST_LIMIT = 300;

/** The search page filtered to a category (and a conclusion): /public/results?category=… */
export function categorySearchHref(fromPath: string, category: string, conclusion?: "不合格"): string {
  const query = new URLSearchParams({ category, ...(conclusion ? { conclusion } : {}) });
  return `${relativeHref(fromPath, "/public/results")}?${query}`;
}

export function renderCategoryPage(c: CategoryPage, ctx: StaticPageContext): string {
  const path = categoryPagePath(c.slug);
  const href = (to: string) => relativeHref(path, to);
  const f = c.figures;
  const listed = c.nonconforming.slice(0, CATEGORY_LIST_LIMIT);
  const body = html`<p>截至 <strong class="nowrap">${c.as_of}</strong>，本类别已公开 ${thousands(f.batches)} 批次产品的抽查结果，涉及 ${thousands(f.producers)} 家生产企业、${thousands(f.regions)} 个区县；发现不合格 ${thousands(f.failed)} 批次，不合格发现率为 ${percentText(f.rate)}${f.decided_by_recheck ? `，其中 ${thousands(f.decided_by_recheck)} 批次的结论由复检作出（第五十八条）` : ""}。</p>
<ul class="category-links">
<li><a class="tap" href="${categorySearchHref(path, c.product_category)}">在结果查询中查看本类别全部结果</a></li>
<li><a class="tap" href="${href(categoryFeedPath(c.slug))}" type="application/atom+xml">订阅本类别的更新（Atom）</a></li>
</ul>
<h2>历次抽查</h2>
<figure class="history">
${historyChartSvg(c.product_category, c.history)}
</figure>
<div class="scroll-region" role="region" aria-label="各季度数据" tabindex="0">
<table class="history-table">
<caption>各季度数据（与上图相同）</caption>
<thead><tr><th scope="col">抽查季度</th><th scope="col" class="num">批次</th><th scope="col" class="num">不合格</th><th scope="col" class="num wrap">不合格发现率</th><th scope="col" class="wrap">95% 置信区间</th></tr></thead>
<tbody>
${c.history.map((d) => html`<tr><th scope="row">${d.quarter}</th><td class="num">${thousands(d.batches)}</td><td class="num">${thousands(d.failed)}</td><td class="num">${percentText(d.rate)}</td><td>${percentText(d.ci_low)}–${percentText(d.ci_high)}</td></tr>\n`)}</tbody>
</table>
</div>
<h2>不合格项目</h2>
${c.failed_items.length
    ? html`<ul>${c.failed_items.map((i) => html`<li>${i.item}：${thousands(i.batches)} 批次</li>`)}</ul>`
    : html`<p>未发现不合格项目。</p>`}
<h2>不合格产品名单</h2>
${c.nonconforming.length > listed.length
    ? html`<p>共 ${thousands(c.nonconforming.length)} 批次，以下为最近 ${thousands(listed.length)} 批次；<a href="${categorySearchHref(path, c.product_category, "不合格")}">在结果查询中查看全部不合格结果</a>。</p>`
    : ""}
<div class="category-list">${responsiveTable<PublishedRow>(listed, {
    caption: `${c.product_category}不合格产品名单（点击产品名称查看该批次的全部信息）`,
    empty: "本类别没有不合格产品。",
    columns: [
      { label: "产品名称", primary: true, cell: (r) => html`<a href="${href(resultPagePath(r))}">${r.product_name}</a>` },
      { label: "标称生产者", cell: (r) => r.producer_name },
      { label: "商标", cell: (r) => r.brand ?? "—" },
      { label: "规格型号", cell: (r) => r.model ?? "—" },
      { label: "被抽样单位", cell: (r) => html`${r.sampled_name}（${r.sampled_region}）` },
      { label: "不合格项目", cell: (r) => r.failed_items.join("、") },
      { label: "检验结论", cell: (r) => verdictHtml(r.conclusion, r.conclusion_by) },
      { label: "抽查季度", cell: (r) => r.quarter },
    ],
  })}</div>`;
  return renderPublicPage({
    path,
    title: c.product_category,
    description: `${c.product_category}产品质量监督抽查结果：已公开 ${f.batches} 批次，不合格发现率 ${percentText(f.rate)}`,
    breadcrumbs: [["按产品类别", "/public/categories"]],
    section: "/public/categories",
    feeds: [{ title: `${c.product_category}抽查结果更新`, path: categoryFeedPath(c.slug) }],
    body,
  }, ctx.config);
}
