// /public/categories and /public/category/<slug>: each product category's published history
// (batches, failures, 不合格发现率 with its 95% Wilson interval per quarter), its most
// frequent failing items, and its list of non-conforming products (whitelisted fields, P4).
// The pages are static HTML written at export time (pages/category-pages.ts,
// pages/categories-index.ts; issue 12: readable with JavaScript off).
import { createHash } from "node:crypto";
import { wilsonInterval } from "../../analysis/statistics.ts";
import type { PublishedRow } from "../../disclosure/whitelist.ts";
import type { Figures, PublishedCounts } from "./announcements.ts";

/**
 * The URL segment of a category page, which is also the name of its file in the built site
 * (public/category/<slug>.html, and its feed public/feeds/<slug>.xml). Chinese paths are
 * served and reached correctly (checked with Framework's pages at /public/category/电线电缆,
 * and with the static pages in the browser tests), so a category keeps its own name when that name is a safe file
 * name: letters, digits and （）·_- only, starting with a letter or digit, in NFC form, at
 * most MAX_NAME_SLUG_BYTES bytes of UTF-8 (a file name may have 255), and not starting with
 * the prefix of hash slugs ("c-", in either case). Any other name — a character that means
 * something in a path or URL (/ \ ? # % . : whitespace, brackets), a long name, a name that
 * looks like a hash slug — gets a hash slug "c-" + 10 hex digits of its SHA-256, the same
 * in every build. A name kept as it is never starts with "c-", so it cannot be another
 * category's hash slug. For a whole set of categories use categorySlugs, which also keeps
 * slugs apart that only differ in letter case.
 */
export const MAX_NAME_SLUG_BYTES = 120; // 40 Chinese characters; the longest slug is then 120 bytes

const HASH_SLUG = /^c-/i;

function hashSlug(name: string, digits: number): string {
  return "c-" + createHash("sha256").update(name, "utf8").digest("hex").slice(0, digits);
}

export function categorySlug(name: string): string {
  const keep = /^[\p{L}\p{N}][\p{L}\p{N}（）·_\-]*$/u.test(name)
    && !HASH_SLUG.test(name)
    && name === name.normalize("NFC")
    && Buffer.byteLength(name, "utf8") <= MAX_NAME_SLUG_BYTES;
  return keep ? name : hashSlug(name, 10);
}

/**
 * The slug of each category in a set, unique even where a case-insensitive file system
 * (NTFS, APFS) would take two for one file: "LED灯具" and "led灯具", or two hash slugs whose
 * first 10 hex digits agree, both get the full 64-digit hash instead. (So a category's slug
 * changes only when such a twin appears.) Every builder of category paths and links uses this.
 */
export function categorySlugs(names: Iterable<string>): Map<string, string> {
  const slugs = new Map<string, string>();
  for (const name of names) slugs.set(name, categorySlug(name));
  const byFile = new Map<string, string[]>();
  for (const [name, slug] of slugs) byFile.set(slug.toLowerCase(), [...(byFile.get(slug.toLowerCase()) ?? []), name]);
  for (const twins of byFile.values()) if (twins.length > 1) for (const name of twins) slugs.set(name, hashSlug(name, 64));
  const seen = new Map<string, string>();
  for (const [name, slug] of slugs) {
    const other = seen.get(slug.toLowerCase());
    if (other !== undefined) throw new Error(`产品类别「${other}」与「${name}」的页面路径相同（${slug}）`);
    seen.set(slug.toLowerCase(), name);
  }
  return slugs;
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

function summaries({ counts, items }: PublishedCounts): CategorySummary[] {
  const names = counts.filter((r) => r.quarter === null && r.product_category !== null);
  const slugs = categorySlugs(names.map((c) => c.product_category!));
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
      slug: slugs.get(c.product_category!)!,
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

export interface CategoryPage extends CategorySummary {
  as_of: string;
  failed_items: { item: string; batches: number }[];
  nonconforming: PublishedRow[];
}

/**
 * Every category page at once, from the counts and the published rows read once for the whole
 * export (rows newest first, as readPublished returns them): the non-conforming rows are
 * grouped by category in one pass, not read again per category.
 */
export function buildCategoryPages(asOf: string, counts: PublishedCounts, published: PublishedRow[]): CategoryPage[] {
  const nonconforming = new Map<string, PublishedRow[]>();
  for (const r of published) {
    if (r.conclusion !== "不合格") continue;
    const list = nonconforming.get(r.product_category);
    if (list) list.push(r);
    else nonconforming.set(r.product_category, [r]);
  }
  const itemsOf = new Map<string, { item: string; batches: number }[]>();
  for (const it of counts.items) {
    if (it.quarter !== null || it.product_category === null) continue;
    const list = itemsOf.get(it.product_category) ?? [];
    list.push({ item: it.item, batches: it.batches });
    itemsOf.set(it.product_category, list);
  }
  return summaries(counts).map((summary) => ({
    ...summary,
    as_of: asOf,
    failed_items: itemsOf.get(summary.product_category) ?? [],
    nonconforming: nonconforming.get(summary.product_category) ?? [],
  }));
}
