// One static page per published result (issue 12: a stable URL a citizen can cite, readable
// with JavaScript off, indexable). The verdict and the failing items come first, so a phone
// shows them without scrolling; then every whitelisted field (P4, loaders/disclosure/
// whitelist.ts, in PUBLIC_FIELDS order) with its label; links to the quarter's announcement
// and the category page; and a citation with the page's absolute address.
// Only rows of readPublished (gates P1–P3 passed) reach here; all their text is escaped.
// At a million rows there are ~900k of these pages: each is one string built and one file
// written, nothing else per page.
import type { PublicationConfig } from "../../../core/config.ts";
import { PUBLIC_FIELDS, publicFieldText, type PublishedRow } from "../../../disclosure/whitelist.ts";
import type { SiteWriter } from "../../site-writer.ts";
import { announcementTitle } from "../announcements.ts";
import { escapeHtml, html, raw, type HtmlValue, type SafeHtml } from "./html.ts";
import { renderPublicPage, type PublicPage } from "./layout.ts";
import { absoluteUrl, announcementPath, categoryPagePath, relativeHref, resultPagePath } from "./paths.ts";
import { factList, verdictHtml } from "./tables.ts";

export interface StaticPageContext {
  config: PublicationConfig;
  /** categorySlugs of every category with published results (the same map the category pages use) */
  categorySlugs: ReadonlyMap<string, string>;
  /** the date the gates were judged on */
  asOf: string;
}

/** The page's <h1>: the product, then its named producer. */
export function resultTitle(row: PublishedRow): string {
  return `${row.product_name}（${row.producer_name}）`;
}

/** The 标称生产者 fact: a link to the producer's page of published results (issue 14), when it has one. */
function factValue(row: PublishedRow, key: (typeof PUBLIC_FIELDS)[number]["key"], href: (to: string) => string, producerPath?: string): HtmlValue {
  return key === "producer_name" && producerPath ? html`<a href="${href(producerPath)}">${row.producer_name}</a>` : publicFieldText(row, key);
}

/** The page's body (everything inside <main> after the <h1>). */
function resultBody(row: PublishedRow, path: string, ctx: StaticPageContext, href: (to: string) => string, producerPath?: string): SafeHtml {
  const slug = ctx.categorySlugs.get(row.product_category);
  const category = slug === undefined ? row.product_category : html`<a href="${href(categoryPagePath(slug))}">${row.product_category}</a>`;
  const announcement = announcementTitle(row.quarter);
  return html`<div class="result-head">
<p class="result-verdict"><span class="result-verdict__label">检验结论</span>${verdictHtml(row.conclusion, row.conclusion_by)}</p>
<p class="result-items"><span class="result-verdict__label">不合格项目</span>${row.failed_items.length ? row.failed_items.join("、") : "无"}</p>
</div>
<p>本结果由<a href="${href(announcementPath(row.quarter))}">${announcement}</a>公布；产品类别：${category}。</p>
<h2>批次信息</h2>
${factList(PUBLIC_FIELDS.map((f) => [f.label, factValue(row, f.key, href, producerPath)]))}
<h2 id="cite">引用本结果</h2>
<p class="citation">${ctx.config.publisher.name}.《${announcement}》：${resultTitle(row)}，样品编号 ${row.sample_id}，检验结论${row.conclusion}${row.conclusion_by === "复检" ? "（复检后）" : ""}. ${absoluteUrl(ctx.config.site.origin, path)}（截至 ${ctx.asOf}）</p>`;
}

const description = (row: PublishedRow) => `${row.product_category}抽查结果：${resultTitle(row)}，检验结论${row.conclusion}`;

function resultPage(path: string, title: string, descriptionText: string, body: HtmlValue): PublicPage {
  return { path, title, description: descriptionText, breadcrumbs: [["结果查询", "/public/results"]], section: "/public/results", printable: true, body };
}

/** One result page, rendered on its own (the reference the fast path of writeResultPages is tested against). */
export function renderResultPage(row: PublishedRow, ctx: StaticPageContext, producerPath?: string): string {
  const path = resultPagePath(row);
  const href = (to: string) => relativeHref(path, to);
  return renderPublicPage(resultPage(path, resultTitle(row), description(row), resultBody(row, path, ctx, href, producerPath)), ctx.config);
}

// Every result page of a year sits in the same folder, so the document around the body (head,
// navigation, breadcrumbs, footer: ~2.7 kB whose links depend only on the folder) is the same
// for all of them but for the title, the description, the body and the page's own slug. It is
// rendered once per folder with placeholders (letters only: HTML escaping and URL encoding
// leave them as they are) and filled in per page — string joins, not a second layout pass.
const SLUG_MARK = "zzzRESULTSLUGzzz";
const TITLE_MARK = "zzzRESULTTITLEzzz";
const DESCRIPTION_MARK = "zzzRESULTDESCRIPTIONzzz";
const BODY_MARK = "zzzRESULTBODYzzz";

interface FolderTemplate { parts: string[]; marks: string[]; href: (to: string) => string }

function folderTemplate(folder: string, ctx: StaticPageContext): FolderTemplate {
  const path = `${folder}/${SLUG_MARK}`;
  const document = renderPublicPage(resultPage(path, TITLE_MARK, DESCRIPTION_MARK, raw(BODY_MARK)), ctx.config);
  const pieces = document.split(new RegExp(`(${[SLUG_MARK, TITLE_MARK, DESCRIPTION_MARK, BODY_MARK].join("|")})`));
  const hrefs = new Map<string, string>();
  const href = (to: string) => {
    let h = hrefs.get(to);
    if (h === undefined) hrefs.set(to, (h = relativeHref(path, to)));
    return h;
  };
  return { parts: pieces.filter((_, i) => i % 2 === 0), marks: pieces.filter((_, i) => i % 2 === 1), href };
}

/**
 * Writes one page per row (a year's rows, as the export reads them); returns their site paths.
 * `producerPages`: sample_id → the producer's page (producer-pages.ts), linked from 标称生产者.
 */
export function writeResultPages(writer: SiteWriter, rows: readonly PublishedRow[], ctx: StaticPageContext, producerPages?: ReadonlyMap<string, string>): string[] {
  const templates = new Map<string, FolderTemplate>();
  const paths: string[] = [];
  for (const row of rows) {
    const path = resultPagePath(row);
    writer.page(path, fastResultPage(row, path, ctx, templates, producerPages?.get(row.sample_id)));
    paths.push(path);
  }
  return paths;
}

/** The same document as renderResultPage, from the folder's template. */
function fastResultPage(row: PublishedRow, path: string, ctx: StaticPageContext, templates: Map<string, FolderTemplate>, producerPath?: string): string {
  const folder = path.slice(0, path.lastIndexOf("/"));
  let template = templates.get(folder);
  if (!template) templates.set(folder, (template = folderTemplate(folder, ctx)));
  const values: Record<string, string> = {
    [SLUG_MARK]: path.slice(folder.length + 1),
    [TITLE_MARK]: escapeHtml(resultTitle(row)),
    [DESCRIPTION_MARK]: escapeHtml(description(row)),
    [BODY_MARK]: resultBody(row, path, ctx, template.href, producerPath).value,
  };
  const { parts, marks } = template;
  let out = parts[0];
  for (let i = 0; i < marks.length; i++) out += values[marks[i]] + parts[i + 1];
  return out;
}
