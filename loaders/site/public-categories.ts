// /public/categories and /public/category/<slug>: each product category's published history
// (batches, failures, 不合格发现率 with its 95% Wilson interval per quarter), its most
// frequent failing items, and its list of non-conforming products (whitelisted fields, P4).
import { createHash } from "node:crypto";
import { wilsonInterval } from "../analysis/statistics.ts";
import { readPublished } from "../disclosure/gates.ts";
import type { PublishedRow } from "../disclosure/whitelist.ts";
import { publishedCounts, type Figures } from "./public-announcements.ts";
import type { PublicContext } from "./public-data.ts";
import { routeParam } from "./workbench-json.ts";

/**
 * The URL segment of a category page. Framework builds and serves Chinese paths correctly
 * (checked: /public/category/电线电缆 builds dist/public/category/电线电缆.html and the
 * browser reaches it), so a category keeps its own name; a name with a character that
 * means something in a path or URL (/ \ ? # % . : whitespace, brackets) gets a stable
 * hash slug instead, the same in every build.
 */
export function categorySlug(name: string): string {
  if (/^[\p{L}\p{N}（）·_\-]+$/u.test(name)) return name;
  return "c-" + createHash("sha256").update(name, "utf8").digest("hex").slice(0, 10);
}

export interface QuarterPoint extends Figures { quarter: string; ci_low: number; ci_high: number }

export interface CategorySummary {
  product_category: string;
  slug: string;
  figures: Figures;
  latest_quarter: string | null;
  history: QuarterPoint[];
  top_failed_items: { item: string; batches: number }[];
}

async function summaries({ counts, items }: Awaited<ReturnType<typeof publishedCounts>>): Promise<CategorySummary[]> {
  const names = counts.filter((r) => r.quarter === null && r.product_category !== null);
  return names.map((c) => {
    const history = counts
      .filter((r) => r.product_category === c.product_category && r.quarter !== null)
      .map((r) => {
        const ci = wilsonInterval(r.failed, r.batches);
        return { quarter: r.quarter!, batches: r.batches, failed: r.failed, rate: r.rate, decided_by_recheck: r.decided_by_recheck,
          regions: r.regions, producers: r.producers, categories: r.categories, ci_low: ci.low, ci_high: ci.high };
      });
    return {
      product_category: c.product_category!,
      slug: categorySlug(c.product_category!),
      figures: { batches: c.batches, failed: c.failed, rate: c.rate, decided_by_recheck: c.decided_by_recheck, regions: c.regions, producers: c.producers, categories: c.categories },
      latest_quarter: history.at(-1)?.quarter ?? null,
      history,
      top_failed_items: items
        .filter((it) => it.quarter === null && it.product_category === c.product_category)
        .slice(0, 5)
        .map(({ item, batches }) => ({ item, batches })),
    };
  });
}

export async function buildCategoryIndex(ctx: PublicContext): Promise<{ as_of: string; categories: CategorySummary[] }> {
  return { as_of: ctx.asOf, categories: await summaries(await publishedCounts(ctx.conn)) };
}

export interface CategoryPage extends CategorySummary {
  as_of: string;
  failed_items: { item: string; batches: number }[];
  nonconforming: PublishedRow[];
}

export async function buildCategoryPage(ctx: PublicContext, slug: string): Promise<CategoryPage> {
  const counts = await publishedCounts(ctx.conn);
  const summary = (await summaries(counts)).find((c) => c.slug === slug);
  if (!summary) throw new Error(`没有产品类别对应页面路径 "${slug}"（可能该类别尚无公开结果）`);
  const { items } = counts;
  return {
    ...summary,
    as_of: ctx.asOf,
    failed_items: items.filter((it) => it.quarter === null && it.product_category === summary.product_category).map(({ item, batches }) => ({ item, batches })),
    nonconforming: (await readPublished(ctx.conn, { category: summary.product_category })).filter((r) => r.conclusion === "不合格"),
  };
}

/** For the parameterized loader src/public/category/[category].json.ts (Framework passes --category=<slug>). */
export function buildCategoryPageOfRoute(ctx: PublicContext): Promise<CategoryPage> {
  return buildCategoryPage(ctx, routeParam("category"));
}
