// The public pages in a real browser (Debian Chromium via playwright-core), loaded from the
// built site: search and filters, downloads, notices, feed, and the script-injection row of
// test/fixtures/public-batches.csv shown as inert text. The fixture's dates assume the site
// is built as of 2025-12-31 (spotcheck.config.json).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { browserTestsCanRun, launchChromium, serveDirectory, type StaticSite } from "../helpers/browser.ts";

const siteDir = resolve(process.env.SPOTCHECK_TEST_SITE ?? inject("siteDir") ?? "dist");
const XSS_PRODUCER = "<img src=x onerror=alert(1)>";
const XSS_BRAND = "<script>window.__spotcheckInjected=1</script>";

describe.skipIf(!browserTestsCanRun())("public pages in Chromium", () => {
  let site: StaticSite;
  let browser: Browser;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    site = await serveDirectory(siteDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
    await page.goto(site.url + path, { waitUntil: "networkidle" });
    return page;
  }

  /** Types a query into the search box (keyboard, as a person would) and waits until the list reflects it. */
  async function search(page: Page, text: string): Promise<string> {
    const box = page.getByLabel("搜索", { exact: true });
    await box.fill("");
    await box.pressSequentially(text);
    await page.waitForFunction((q) => JSON.parse(document.querySelector("#result-count")?.getAttribute("data-query") ?? "{}").q === q, text);
    return (await page.locator("#result-count").textContent())!;
  }

  it("lists the published results, built as of the configured disclosure date", async () => {
    const page = await open("/public/results");
    await expect.poll(() => page.locator("#result-count").textContent()).toMatch(/找到 [\d,]+ 条结果/);
    expect(await page.locator("main").textContent()).toContain("截至 2025-12-31");
    const total = Number((await page.locator("#result-count strong").textContent())!.replace(/,/g, ""));
    expect(total).toBeGreaterThan(1000);
    await page.context().close();
  });

  it("finds a row by a Chinese substring and shows the injected producer and brand as plain text", async () => {
    const page = await open("/public/results");
    expect(await search(page, "甲乙")).toContain("找到 1 条结果"); // the middle of 渝测公开甲乙丙商行
    const row = page.locator("tbody tr").filter({ hasText: "渝测公开甲乙丙商行" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(XSS_PRODUCER);
    expect(await row.textContent()).toContain(XSS_BRAND);
    const inert = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      scriptsFromData: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__spotcheckInjected")).length,
      injected: (window as unknown as { __spotcheckInjected?: number }).__spotcheckInjected ?? null,
    }));
    expect(inert).toEqual({ images: 0, scriptsFromData: 0, injected: null });
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it("never shows withheld batches, and marks a conclusion decided by re-inspection", async () => {
    const page = await open("/public/results");
    expect(await search(page, "公测未批准")).toContain("找到 0 条结果");
    expect(await search(page, "公测异议期")).toContain("找到 0 条结果");
    expect(await search(page, "公测复检")).toContain("找到 1 条结果");
    await expect.poll(() => page.locator("tbody tr").filter({ hasText: "公测复检商行" }).textContent()).toContain("合格（复检后）");
    await page.context().close();
  });

  it("filters by keyboard: every filter is a labelled control, and the conclusion filter narrows the list", async () => {
    const page = await open("/public/results");
    for (const label of ["搜索", "产品类别", "被抽样单位所在区县", "抽样环节", "检验结论", "抽查季度"]) {
      await expect(page.getByLabel(label, { exact: true }).count(), label).resolves.toBe(1);
    }
    await page.getByLabel("检验结论", { exact: true }).focus();
    await page.keyboard.press("ArrowDown"); // 全部 → 不合格
    await page.waitForFunction(() => JSON.parse(document.querySelector("#result-count")?.getAttribute("data-query") ?? "{}").conclusion === "不合格");
    expect(await page.getByLabel("检验结论", { exact: true }).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe("不合格");
    const verdicts = await page.locator("tbody .verdict").allTextContents();
    expect(verdicts.length).toBeGreaterThan(0);
    for (const v of verdicts) expect(v).toContain("不合格");
    await expect.poll(() => page.url()).toContain("conclusion="); // the address keeps the filter
    // tables have column headers
    expect(await page.locator("table thead th").count()).toBeGreaterThan(5);
    await page.context().close();
  });

  it("downloads the filtered list as CSV with a BOM and neutralised formula cells, without personal data", async () => {
    const page = await open("/public/results");
    await search(page, "甲乙");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /下载当前筛选结果/ }).click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")).toHaveLength(3); // header, one row, final line break
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""点此"")"`);
    expect(text).toContain("'+2025-04-01");
    expect(text).toContain("'@重庆市渝北区注入路1号");
    expect(text).toContain("'-插头尺寸");
    expect(text).not.toMatch(/公开测试联系人|13987650001|PLT-S-0001/);
    await page.context().close();
  });

  it("offers the whole published list as CSV and JSON downloads, one file per year at a stable address", async () => {
    const page = await open("/public/results");
    const csvLinks = page.getByRole("link", { name: /全部公开结果（CSV，\d{4} 年）/ });
    const jsonLinks = page.getByRole("link", { name: /全部公开结果（JSON，\d{4} 年）/ });
    await expect.poll(() => csvLinks.count()).toBeGreaterThan(1);
    expect(await jsonLinks.count()).toBe(await csvLinks.count());
    for (const href of await csvLinks.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) expect(href).toMatch(/^\.\/downloads\/\d{4}\.csv$/);
    let csvText = "";
    let rows: { sample_id: string; producer_name: string }[] = [];
    let asOf: string[] = [];
    for (let i = 0; i < (await csvLinks.count()); i++) {
      const [csv] = await Promise.all([page.waitForEvent("download"), csvLinks.nth(i).click()]);
      const text = readFileSync((await csv.path())!, "utf8");
      expect(text.startsWith("\uFEFF样品编号,")).toBe(true);
      csvText += text;
      const [json] = await Promise.all([page.waitForEvent("download"), jsonLinks.nth(i).click()]);
      const data = JSON.parse(readFileSync((await json.path())!, "utf8"));
      asOf.push(data.as_of);
      rows = rows.concat(data.rows);
    }
    expect(csvText).toContain("PUBTEST-XSS-001");
    expect(csvText).not.toContain("PUBTEST-HELD-001");
    expect(new Set(asOf)).toEqual(new Set(["2025-12-31"]));
    expect(rows.find((r) => r.sample_id === "PUBTEST-XSS-001")!.producer_name).toBe(XSS_PRODUCER);
    // the index lists every year's files, and the page's count is the sum of their rows
    const index = await page.evaluate(async () => (await fetch("./downloads/index.json")).json());
    const total = Number((await page.locator("#result-count strong").textContent())!.replace(/,/g, ""));
    expect(index.years.reduce((sum: number, y: { rows: number }) => sum + y.rows, 0)).toBe(total);
    expect(rows).toHaveLength(total);
    await page.context().close();
  });

  it("shows the newest rows before any year shard has loaded, and loads the shards for a search", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const arrows: string[] = [];
    page.on("request", (r) => { if (r.url().endsWith(".arrows")) arrows.push(r.url().split("/").pop()!); });
    await page.goto(site.url + "/public/results", { waitUntil: "networkidle" });
    await page.waitForSelector("#result-count[data-query]");
    expect(arrows.map((a) => a.split(".")[0])).toEqual(["head"]);
    expect(await page.locator("tbody tr").count()).toBe(20);
    expect(await search(page, "甲乙")).toContain("找到 1 条结果");
    expect(arrows.filter((a) => !a.startsWith("head.")).length).toBeGreaterThan(1);
    // with nothing asked, "show all" pages through every row, and then goes away
    await search(page, "");
    const showAll = page.getByRole("button", { name: /显示全部/ });
    await expect.poll(() => showAll.isVisible()).toBe(true);
    const total = Number((await page.locator("#result-count strong").textContent())!.replace(/,/g, ""));
    await showAll.click();
    await expect.poll(() => page.locator(".public-pager span").first().textContent()).toContain(`/ ${Math.ceil(total / 20)} 页`);
    expect(await showAll.isVisible()).toBe(false);
    await context.close();
  });

  it("shows announcements with headline figures, and no link to the analysts' pages", async () => {
    const page = await open("/public/");
    await expect.poll(() => page.locator("section h2").count()).toBeGreaterThan(0);
    expect(await page.locator("section").first().textContent()).toMatch(/不合格发现率为\d+\.\d%/);
    for (const path of ["/public/", "/public/results", "/public/notices", "/public/categories"]) {
      const p = path === "/public/" ? page : await open(path);
      const hrefs = await p.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.filter((h) => h.includes("/workbench")), path).toEqual([]);
      if (p !== page) await p.context().close();
    }
    await page.context().close();
  });

  it("lists the 社会公告 and the running 公示送达, the injected names as text on the category page", async () => {
    const page = await open("/public/notices");
    await expect.poll(() => page.locator("main").textContent()).toContain("公测社会公告商行");
    expect(await page.locator("main").textContent()).toContain("公测公示送达电器有限公司");
    await page.context().close();
    const category = await open(`/public/category/${encodeURIComponent("插头插座")}`);
    await expect.poll(() => category.locator("main").textContent()).toContain(XSS_PRODUCER);
    expect(await category.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    await category.context().close();
  });

  it("serves an Atom feed at a stable address that parses as XML", async () => {
    const page = await open("/public/");
    const feed = await page.evaluate(async () => {
      const text = await (await fetch("/public/feed.xml")).text();
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return { error: doc.querySelector("parsererror")?.textContent ?? null, ns: doc.documentElement.namespaceURI, entries: doc.querySelectorAll("entry").length };
    });
    expect(feed).toMatchObject({ error: null, ns: "http://www.w3.org/2005/Atom" });
    expect(feed.entries).toBeGreaterThan(1);
    await page.context().close();
  });

  it("tells analysts which gate holds each withheld batch", async () => {
    const page = await open("/workbench/withheld");
    const box = page.getByLabel("样品编号 / 产品");
    await box.fill("PUBTEST");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.filter({ hasText: "PUBTEST-WINDOW-001" }).textContent()).toContain("2026-01-05");
    expect(await rows.filter({ hasText: "PUBTEST-HELD-001" }).textContent()).toContain("P1");
    expect(await rows.filter({ hasText: "PUBTEST-WINDOW-001" }).textContent()).toContain("P3");
    await page.context().close();
  });

  it("raised no script error on any page", () => {
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
