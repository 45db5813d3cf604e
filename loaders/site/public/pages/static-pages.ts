// The result pages, the category pages, /public/categories and the sitemap, as the public
// export writes them (export-public.ts): created once with the published counts (which name
// every category, so each result page can link its category), fed each year's rows in the
// export's one pass, then asked for the category pages and, last, the sitemap.
import type { PublicationConfig } from "../../../core/config.ts";
import type { PublishedRow } from "../../../disclosure/whitelist.ts";
import type { SiteWriter } from "../../site-writer.ts";
import type { PublishedCounts } from "../announcements.ts";
import { buildCategoryPages, categorySlugs } from "../categories.ts";
import { CATEGORIES_INDEX_PATH, renderCategoriesIndex } from "./categories-index.ts";
import { renderCategoryPage } from "./category-pages.ts";
import { categoryPagePath } from "./paths.ts";
import type { ProducerPages } from "./producer-pages.ts";
import { writeResultPages, type StaticPageContext } from "./result-pages.ts";
import { writeSitemap } from "./sitemap.ts";

/** Framework pages the sitemap lists beside the static ones: the search page (every other public page is static). */
export const FRAMEWORK_PUBLIC_PAGES = ["/public/results"] as const;

export class PublicStaticPages {
  readonly ctx: StaticPageContext;
  /** milliseconds spent writing result pages, and how many (the bench and the export timings read them) */
  resultPagesMs = 0;
  resultPages = 0;

  constructor(private readonly writer: SiteWriter, asOf: string, private readonly counts: PublishedCounts, config: PublicationConfig) {
    const names = counts.counts.filter((r) => r.quarter === null && r.product_category !== null).map((r) => r.product_category!);
    this.ctx = { config, asOf, categorySlugs: categorySlugs(names) };
  }

  /** One page per published row (one year's rows at a time); `producerPages`: sample_id → its producer's page. */
  results(rows: readonly PublishedRow[], producerPages?: ReadonlyMap<string, string>): void {
    const started = performance.now();
    this.resultPages += writeResultPages(this.writer, rows, this.ctx, producerPages).length;
    this.resultPagesMs += performance.now() - started;
  }

  /** /public/categories and one page per category (nonconforming: the published 不合格 rows, newest first). */
  categories(nonconforming: PublishedRow[]): void {
    const pages = buildCategoryPages(this.ctx.asOf, this.counts, nonconforming);
    this.writer.page(CATEGORIES_INDEX_PATH, renderCategoriesIndex(pages, this.ctx));
    for (const page of pages) this.writer.page(categoryPagePath(page.slug), renderCategoryPage(page, this.ctx));
  }

  /** A page per producer of published results (issue 14), once every year's rows are in `pages`. */
  producers(pages: ProducerPages): void {
    pages.write(this.writer, this.ctx);
  }

  /** The sitemap of every static page written so far and the Framework pages: call it after every page is written. */
  sitemap(morePaths: readonly string[] = []): string[] {
    return writeSitemap(this.writer, this.ctx.config.site.origin, FRAMEWORK_PUBLIC_PAGES, morePaths);
  }
}
