// /public/producer/<key> (issue 14): one static page per producer with published results —
// its published results only (every gate passed, P1–P3; whitelisted fields, P4), the verdict
// first, each linked to its result page; linked from each result page's 标称生产者. Readable
// without JavaScript; on a phone each row is a card (tables.ts responsiveTable). No personal
// data and no USCC: the key is a hash of the producer's identity (paths.ts producerPagePath).
// The export reads the published rows a year at a time (export-public.ts): each year's rows
// are added here (gathering per producer the few fields its page shows), then every page is
// written once all years are in.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { thousands } from "../../../core/format.ts";
import { querySqlFile } from "../../../db/connection.ts";
import type { SiteWriter } from "../../site-writer.ts";
import { html } from "./html.ts";
import { renderPublicPage } from "./layout.ts";
import { producerPagePath, relativeHref, resultPagePath } from "./paths.ts";
import type { StaticPageContext } from "./result-pages.ts";
import { responsiveTable, verdictHtml } from "./tables.ts";

const PublishedProducerRowSchema = z.object({
  producer_id: z.string(),
  sample_id: z.string(), sampling_date: z.string(), quarter: z.string(), product_category: z.string(), product_name: z.string(),
  brand: z.string().nullable(), model: z.string().nullable(), producer_name: z.string(), producer_region: z.string().nullable(),
  conclusion: z.enum(["合格", "不合格"]), conclusion_by: z.enum(["初检", "复检"]), failed_items: z.array(z.string()),
});

/** One published result as the producer page shows it (no producer_id: that stays in the export). */
export type ProducerResult = Omit<z.output<typeof PublishedProducerRowSchema>, "producer_id">;

/** A producer's published results, newest first. */
export interface ProducerPage { path: string; results: ProducerResult[] }

/** The published rows of one sampling year with their producer (needs view public_fields). */
export async function readPublishedProducerRows(conn: DuckDBConnection, year: string) {
  return querySqlFile(conn, "loaders/site/public/published_producers.sql", { year }, PublishedProducerRowSchema);
}

/** Gathers the published results per producer, a year at a time (years newest first, rows newest first within). */
export class ProducerPages {
  private readonly pages = new Map<string, ProducerPage>();

  /** Adds one year's rows; returns sample_id → the producer page, for that year's result pages to link. */
  add(rows: readonly z.output<typeof PublishedProducerRowSchema>[]): Map<string, string> {
    const links = new Map<string, string>();
    for (const { producer_id, ...result } of rows) {
      let page = this.pages.get(producer_id);
      if (!page) this.pages.set(producer_id, (page = { path: producerPagePath(producer_id), results: [] }));
      page.results.push(result);
      links.set(result.sample_id, page.path);
    }
    return links;
  }

  /** Writes every producer's page; returns their site paths. */
  write(writer: SiteWriter, ctx: StaticPageContext): string[] {
    const paths: string[] = [];
    for (const page of this.pages.values()) {
      writer.page(page.path, renderProducerPage(page, ctx));
      paths.push(page.path);
    }
    return paths;
  }
}

/** A producer's page: its name as on its newest published result (other published spellings beside it). */
export function renderProducerPage(page: ProducerPage, ctx: StaticPageContext): string {
  const { path, results } = page;
  const href = (to: string) => relativeHref(path, to);
  const name = results[0].producer_name;
  const otherNames = [...new Set(results.map((r) => r.producer_name))].filter((n) => n !== name);
  const failed = results.filter((r) => r.conclusion === "不合格").length;
  const region = results[0].producer_region;
  const body = html`<p>截至 <strong class="nowrap">${ctx.asOf}</strong>，已公开该企业作为标称生产者的产品抽查结果 ${thousands(results.length)} 批次，其中不合格 ${thousands(failed)} 批次${region ? `；企业所在地：${region}` : ""}。${otherNames.length ? `部分结果中的企业名称写作：${otherNames.join("、")}。` : ""}</p>
<p>本页只列出已公开的结果（经同意公开、结论已生效，第六十二条）；结论以复检结论为准（第五十八条）。点击产品名称查看该批次的全部公开信息。</p>
<div class="category-list">${responsiveTable<ProducerResult>(results, {
    caption: `${name}的产品抽查结果（最新在前）`,
    empty: "暂无已公开的抽查结果。",
    columns: [
      { label: "检验结论", cell: (r) => verdictHtml(r.conclusion, r.conclusion_by) },
      { label: "产品名称", primary: true, cell: (r) => html`<a href="${href(resultPagePath(r))}">${r.product_name}</a>` },
      { label: "不合格项目", cell: (r) => (r.failed_items.length ? r.failed_items.join("、") : "无") },
      { label: "产品类别", cell: (r) => r.product_category },
      { label: "商标", cell: (r) => r.brand ?? "—" },
      { label: "规格型号", cell: (r) => r.model ?? "—" },
      { label: "抽样日期", cell: (r) => r.sampling_date },
    ],
  })}</div>`;
  return renderPublicPage({
    path,
    title: name,
    description: `${name}的产品质量监督抽查结果：已公开 ${results.length} 批次，不合格 ${failed} 批次`,
    breadcrumbs: [["结果查询", "/public/results"]],
    section: "/public/results",
    body,
  }, ctx.config);
}
