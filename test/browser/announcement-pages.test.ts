// The static announcement pages in Chromium with JavaScript OFF (issue 12: readable without
// JavaScript, phone first): the quarterly 通告 of the fixture's injection row
// (test/fixtures/public-batches.csv PUBTEST-XSS-001, sampled 2025-05-06 → 2025Q2) at 390 px
// and 1,280 px, its .xlsx 附件, and the notices. Screenshots go to /tmp/shots/.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { browserTestsCanRun, siteInChromium } from "../helpers/browser.ts";

const siteDir = resolve(process.env.SPOTCHECK_TEST_SITE ?? inject("siteDir") ?? "dist");
const XSS_PRODUCER = "<img src=x onerror=alert(1)>";
const SHOTS = "/tmp/shots";
const QUARTER_PAGE = "/public/announcements/2025Q2";

describe.skipIf(!browserTestsCanRun())("announcement pages without JavaScript", () => {
  const opened = siteInChromium(siteDir);
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  async function open(path: string, width: number): Promise<Page> {
    const context = await opened.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 844 } });
    const page = await context.newPage();
    const response = await page.goto(opened.site.url + path, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    return page;
  }

  const firstFailingVerdict = (page: Page) => page.locator("#failed + .failed-list table.result-table tbody tr").first().locator(".verdict");

  for (const width of [390, 1280]) {
    it(`at ${width} px the page is no wider than the viewport and the first failing product's verdict is on screen`, async () => {
      const page = await open(QUARTER_PAGE, width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const main = (await page.locator("main").textContent())!;
      expect(main).toMatch(/索引号\s*\d+\/2025-TG-Q2/);
      expect(main).toMatch(/发布日期\s*\d{4}-\d{2}-\d{2}/);
      const verdict = firstFailingVerdict(page);
      await verdict.scrollIntoViewIfNeeded();
      await expect.poll(() => verdict.isVisible()).toBe(true);
      expect(await verdict.textContent()).toContain("不合格");
      const box = (await verdict.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/ann-${width}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/ann-${width}-top.png` });
      await page.context().close();
    });
  }

  it("shows the injected producer as text, and its .xlsx 附件1 lists it", async () => {
    const page = await open(QUARTER_PAGE, 390);
    expect(await page.locator("main").textContent()).toContain(XSS_PRODUCER);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    const link = page.locator('a[href$="attachment-1.xlsx"]');
    expect(await link.getAttribute("download")).toMatch(/^附件1 .*不合格产品及企业名单\.xlsx$/);
    // the three 附件, numbered the same in every announcement (announcement-pages.ts)
    const names = await page.locator("#attachments + .attachments a").evaluateAll((links) => links.map((l) => l.getAttribute("download") ?? ""));
    expect(names.map((n) => n.replace(/ .*?(不合格产品及企业名单|跟踪抽查仍不合格企业名单|合格产品名单)\.xlsx$/, " $1"))).toEqual(["附件1 不合格产品及企业名单", "附件2 跟踪抽查仍不合格企业名单", "附件3 合格产品名单"]);
    const href = new URL((await link.getAttribute("href"))!, page.url()).href;
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain(XSS_PRODUCER);
    // the inline list and the spreadsheet agree on how many batches failed
    const inlineRows = await page.locator("#failed + .failed-list table.result-table tbody tr").count();
    expect(workbook.worksheets[0].rowCount - 2).toBe(inlineRows);
    await page.context().close();
  });

  it("lists the notices on /public/notices/ with a page each, and /public/ links the quarter", async () => {
    const notices = await open("/public/notices/", 390);
    expect(await notices.locator("main").textContent()).toContain("公测社会公告商行");
    await notices.getByRole("link", { name: /公测社会公告商行/ }).click();
    await notices.waitForLoadState("load");
    expect(await notices.locator("main").textContent()).toContain("第六十七条");
    expect(await notices.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await notices.context().close();
    const home = await open("/public/", 390);
    await home.getByRole("link", { name: "2025年第2季度产品质量监督抽查结果" }).click();
    await home.waitForLoadState("load");
    expect(new URL(home.url()).pathname).toBe(QUARTER_PAGE);
    await home.goto(opened.site.url + "/public/", { waitUntil: "load" });
    expect(await home.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await home.screenshot({ path: `${SHOTS}/ann-index-390.png` });
    await home.goto(opened.site.url + QUARTER_PAGE, { waitUntil: "load" });
    await home.locator(".passed-list summary").click(); // <details> opens without JavaScript
    await home.locator(".passed-list summary").scrollIntoViewIfNeeded();
    await home.screenshot({ path: `${SHOTS}/ann-passed-390.png` });
    await home.context().close();
  });
});
