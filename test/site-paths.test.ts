// Issue 9 item 7: a category becomes a file name of the built site (public/category/<slug>.html,
// its feed, and, when the pages were Framework's, <slug>.json.<pid>.err in its cache). Whatever
// the names, those file names must fit in 255 bytes and never be shared by two categories —
// not by a name that looks like another's hash slug, nor by two names that a case-insensitive
// file system takes for one — and the link on the categories list must open its own category.
import { afterEach, describe, expect, it } from "vitest";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import type { Database } from "../loaders/db/connection.ts";
import { createPublicFieldsView, writeDisclosureTable } from "../loaders/disclosure/gates.ts";
import { categorySlug, categorySlugs } from "../loaders/site/public/categories.ts";
import { escapeHtml } from "../loaders/site/public/pages/html.ts";
import { createFixtureDb } from "./helpers/fixture-db.ts";
import { categoryPageOf, exportPublicTo, categoriesOf } from "./helpers/public-export.ts";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
// 86 Chinese characters: 258 bytes of UTF-8, more than a file name may have (255)
const LONG = "电线电缆及其附件".repeat(10) + "产品质量抽查";
// the longest file Framework makes from a slug: <slug>.json.<pid>.err in its cache
const longestFileName = (slug: string) => `${slug}.json.4194304.err`;

let db: Database | undefined;
afterEach(() => db?.close());

describe("category slugs (file names of the category pages)", () => {
  it("bounds the file name of a category longer than 255 bytes", () => {
    expect(LONG.length).toBe(86);
    expect(bytes(LONG)).toBe(258);
    const slug = categorySlug(LONG);
    expect(bytes(slug)).toBeLessThanOrEqual(200);
    expect(bytes(longestFileName(slug))).toBeLessThanOrEqual(255);
    expect(categorySlug(LONG)).toBe(slug); // the same page address in every build
    expect(categorySlug(LONG + "甲")).not.toBe(slug);
  });

  it("never gives a category the slug of another, not even when its name is that slug", () => {
    const odd = "电器/附件";
    const impostor = categorySlug(odd); // a category literally named like odd's hash slug
    const slugs = categorySlugs([odd, impostor, impostor.toUpperCase()]);
    expect(new Set(slugs.values()).size).toBe(3);
    expect(slugs.get(impostor)).not.toBe(slugs.get(odd));
  });

  it("keeps apart names that only differ in letter case (one file on NTFS or APFS)", () => {
    const slugs = categorySlugs(["LED灯具", "led灯具", "电线电缆"]);
    const folded = [...slugs.values()].map((s) => s.toLowerCase());
    expect(new Set(folded).size).toBe(3);
    expect(slugs.get("电线电缆")).toBe("电线电缆");
  });

  it("links every category of the list to its own page, each file name bounded and unique", async () => {
    const odd = "电器/附件";
    const names = [LONG, odd, categorySlug(odd), "LED灯具", "led灯具", "电线电缆"];
    db = await createFixtureDb(
      names.map((product_category, i) => ({ sample_id: `P${i}`, product_category })),
      names.map((_, i) => ({ sample_id: `P${i}`, event: "同意公开", date: "2025-04-30" })));
    await createTempCalendarTable(db.conn);
    await writeDisclosureTable(db.conn, { asOf: "2025-06-30" });
    await createPublicFieldsView(db.conn);
    const ctx = { conn: db.conn, asOf: "2025-06-30" };

    const categories = await categoriesOf(ctx);
    expect(categories.map((c) => c.product_category).sort()).toEqual([...names].sort());
    const exported = await exportPublicTo(ctx.conn);
    // the category pages are static pages (issue 12): src/public/_pages/category/<slug>.html → /public/category/<slug>
    const pagePaths = exported.files.map((f) => f.path).filter((p) => p.startsWith("public/_pages/category/"))
      .map((p) => `/public/category/${p.slice("public/_pages/category/".length, -".html".length)}`);
    expect(pagePaths).toHaveLength(names.length);
    expect(new Set(pagePaths.map((p) => p.toLowerCase())).size).toBe(names.length);

    for (const c of categories) {
      // /public/categories links to ./category/<slug>, the page written under the same name
      expect(pagePaths).toContain(`/public/category/${c.slug}`);
      expect(exported.read("_pages/categories.html").toString("utf8")).toContain(`href="./category/${c.slug}"`);
      expect(exported.read(`_pages/category/${c.slug}.html`).toString("utf8")).toContain(`<h1>${escapeHtml(c.product_category)}</h1>`);
      expect(bytes(longestFileName(c.slug))).toBeLessThanOrEqual(255);
      const page = await categoryPageOf(ctx, c.slug);
      expect(page.product_category).toBe(c.product_category);
      expect(page.figures.batches).toBe(1);
    }
  });
});
