// The static result and category pages (issue 12) in Chromium with JavaScript switched off, as
// a phone (390 px) and a desktop (1,280 px) show them: the verdict on screen without
// scrolling, nothing wider than the viewport, the producer's name in the HTML itself.
// Screenshots go to /tmp/shots/ for a person to look at.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runAxe } from "../helpers/axe.ts";
import { browserTestsCanRun, siteInChromium } from "../helpers/browser.ts";

const siteDir = resolve(process.env.SPOTCHECK_TEST_SITE ?? inject("siteDir") ?? "dist");
const SHOTS = "/tmp/shots";
const XSS_PRODUCER = "<img src=x onerror=alert(1)>";
const CATEGORY = `/public/category/${encodeURIComponent("插头插座")}`;

describe.skipIf(!browserTestsCanRun())("static result and category pages, JavaScript off", () => {
  const opened = siteInChromium(siteDir);
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  async function open(path: string, width: number): Promise<{ page: Page; status: number | undefined }> {
    const context = await opened.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const response = await page.goto(opened.site.url + path, { waitUntil: "load" });
    return { page, status: response?.status() };
  }

  /** The page's full width (what would scroll sideways) and the verdict's box. */
  const layout = (page: Page, selector: string) => page.evaluate((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      verdict: box ? { top: box.top, bottom: box.bottom, left: box.left, right: box.right } : null,
    };
  }, selector);

  it("a result page at 390 px: the verdict and failing items on the first screen, no sideways scrolling, the producer in the HTML", async () => {
    const { page, status } = await open("/public/result/2025/PUBTEST-XSS-001", 390);
    expect(status).toBe(200);
    const source = await page.content();
    expect(source).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(await page.locator("h1").textContent()).toBe(`转换器（${XSS_PRODUCER}）`);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    const { scrollWidth, verdict } = await layout(page, ".result-verdict .verdict");
    expect(scrollWidth).toBeLessThanOrEqual(390);
    expect(verdict).not.toBeNull();
    expect(verdict!.bottom).toBeLessThanOrEqual(844);
    expect(verdict!.right).toBeLessThanOrEqual(390);
    expect(await page.locator(".result-verdict .verdict").textContent()).toContain("不合格");
    const items = await page.locator(".result-items").boundingBox();
    expect(items!.y + items!.height).toBeLessThanOrEqual(844);
    expect(await page.locator(".result-items").textContent()).toContain("-插头尺寸、标志和说明");
    // the print button needs a script: with JavaScript off it stays hidden rather than dead
    expect(await page.locator(".print-button").isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/result-390.png` }); // the first screen
    await page.screenshot({ path: `${SHOTS}/result-390-full.png`, fullPage: true });
    await page.context().close();
  });

  it("a category page at 390 px: its non-conforming list as cards, verdicts on screen without sideways scrolling", async () => {
    const { page, status } = await open(CATEGORY, 390);
    expect(status).toBe(200);
    expect(await page.content()).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(await page.locator("main").textContent()).toContain(XSS_PRODUCER);
    expect(await page.locator("svg.history-chart[role=img]").getAttribute("aria-label")).toMatch(/^插头插座各季度不合格发现率/);
    const { scrollWidth } = await layout(page, "main");
    expect(scrollWidth).toBeLessThanOrEqual(390);
    // every card's verdict lies inside the viewport's width
    const verdicts = await page.locator("table.result-table td[data-label='检验结论'] .verdict").evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    expect(verdicts.length).toBeGreaterThan(0);
    for (const v of verdicts) expect(v.right).toBeLessThanOrEqual(390);
    // the product links to its result page, which exists
    const link = page.locator("table.result-table a", { hasText: "转换器" }).first();
    const href = await link.getAttribute("href");
    const target = await page.context().request.get(new URL(href!, page.url()).href);
    expect(target.status()).toBe(200);
    await page.screenshot({ path: `${SHOTS}/category-390.png` }); // the first screen
    await page.screenshot({ path: `${SHOTS}/category-390-full.png`, fullPage: true });
    await page.context().close();
  });

  it("a category page at 1,280 px shows the list as a table with its verdict column on screen", async () => {
    const { page } = await open(CATEGORY, 1280);
    const { scrollWidth } = await layout(page, "main");
    expect(scrollWidth).toBeLessThanOrEqual(1280);
    const header = page.locator("table.result-table thead th", { hasText: "检验结论" });
    const box = await header.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: `${SHOTS}/category-1280.png` }); // the first screen
    await page.screenshot({ path: `${SHOTS}/category-1280-full.png`, fullPage: true });
    await page.context().close();
  });

  it("/public/categories and the sitemap are served", async () => {
    const { page, status } = await open("/public/categories", 390);
    expect(status).toBe(200);
    expect(await page.locator("main a", { hasText: "插头插座" }).count()).toBe(1);
    const sitemap = await page.context().request.get(`${opened.site.url}/public/sitemap.xml`);
    expect(sitemap.status()).toBe(200);
    expect(await sitemap.text()).toContain("/public/result/2025/PUBTEST-XSS-001</loc>");
    await page.context().close();
  });

  it("axe-core finds no serious or critical WCAG 2.1 AA violation on these pages, at 390 and 1,280 px", async () => {
    const found: string[] = [];
    for (const width of [390, 1280]) {
      for (const path of ["/public/result/2025/PUBTEST-XSS-001", "/public/result/2025/PUBTEST-RECHECK-001", CATEGORY, "/public/categories"]) {
        // axe is a script: this context runs JavaScript (the page itself needs none)
        const context = await opened.browser.newContext({ viewport: { width, height: 844 } });
        const page = await context.newPage();
        await page.goto(opened.site.url + path, { waitUntil: "load" });
        const report = await runAxe(page);
        expect(report.passes, `axe ran its rules on ${path}`).toBeGreaterThan(10);
        for (const v of report.serious) found.push(`${path} @${width}: ${v.id} (${v.impact}, ${v.nodes.length})`);
        await context.close();
      }
    }
    expect(found).toEqual([]);
  });
});
