// The public pages in a real browser (Debian Chromium via playwright-core), loaded from the
// built site: search and filters, downloads, notices, feed, and the script-injection row of
// test/fixtures/public-batches.csv shown as inert text. The fixture's dates assume the site
// is built as of 2025-12-31 (spotcheck.config.json).
// Issue 12 (the search page): a phone reads each result as a card with its verdict on screen and
// nothing scrolls sideways; the desktop table shows 检验结论 and 不合格项目 at 1,280 px; 合格/不合格
// and traditional characters search; no search while an IME composes; the page survives a reload;
// without JavaScript the page explains itself and links the static pages. Screenshots go to
// /tmp/shots/results-390.png and results-1280.png (SPOTCHECK_SHOTS sets another folder).
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { PUBLIC_FIELDS } from "../../loaders/disclosure/whitelist.ts";
import { PUBLIC_NAV_LINKS } from "../../src/components/public-site-links.ts";
import { describeViolations, runAxe } from "../helpers/axe.ts";
import { browserTestsCanRun, siteInChromium } from "../helpers/browser.ts";

const siteDir = resolve(process.env.SPOTCHECK_TEST_SITE ?? inject("siteDir") ?? "dist");
const XSS_PRODUCER = "<img src=x onerror=alert(1)>";
const SHOTS = process.env.SPOTCHECK_SHOTS ?? "/tmp/shots";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(!browserTestsCanRun())("public pages in Chromium", () => {
  const opened = siteInChromium(siteDir);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  async function open(path: string, viewport = DESKTOP): Promise<Page> {
    const context = await opened.browser.newContext({ acceptDownloads: true, viewport });
    const page = await context.newPage();
    page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
    await page.goto(opened.site.url + path, { waitUntil: "networkidle" });
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

  it("finds a row by a Chinese substring and shows the injected producer as plain text", async () => {
    const page = await open("/public/results");
    expect(await search(page, "甲乙")).toContain("找到 1 条结果"); // the middle of 渝测公开甲乙丙商行
    const row = page.locator("tbody tr").filter({ hasText: "渝测公开甲乙丙商行" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(XSS_PRODUCER);
    // (the brand, with its injected <script>, is no longer a column: it is on the result's own page)
    expect(await row.getByRole("link").getAttribute("href")).toBe("./result/2025/PUBTEST-XSS-001");
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
    // the yearly file's columns, in its order: the whitelist's headings, and the 2025 file's first line
    const header = text.slice(1).split("\r\n")[0];
    expect(header).toBe(PUBLIC_FIELDS.map((f) => f.label).join(","));
    const yearly = await page.evaluate(async () => (await (await fetch("./downloads/2025.csv")).text()).replace(/^\uFEFF/, "").split("\r\n")[0]);
    expect(header).toBe(yearly);
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
    const context = await opened.browser.newContext();
    const page = await context.newPage();
    const arrows: string[] = [];
    page.on("request", (r) => { if (r.url().endsWith(".arrows")) arrows.push(r.url().split("/").pop()!); });
    await page.goto(opened.site.url + "/public/results", { waitUntil: "networkidle" });
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

  it("on a 390 px phone shows each result as a card with its verdict on screen, and nothing scrolls sideways", async () => {
    const page = await open("/public/results", PHONE);
    const count = await search(page, "电动自行车 不合格");
    expect(count).toMatch(/找到 [1-9][\d,]* 条结果/);
    const first = page.locator("tbody tr").first();
    await first.evaluate((tr) => tr.scrollIntoView({ block: "start" }));
    const verdictBox = (await first.locator(".verdict").boundingBox())!;
    expect(await first.locator(".verdict").textContent()).toContain("不合格");
    // the whole verdict inside the 390 × 844 screen, with the card scrolled to the top
    expect(verdictBox.x).toBeGreaterThanOrEqual(0);
    expect(verdictBox.x + verdictBox.width).toBeLessThanOrEqual(PHONE.width);
    expect(verdictBox.y).toBeGreaterThanOrEqual(0);
    expect(verdictBox.y + verdictBox.height).toBeLessThanOrEqual(PHONE.height);
    // the card names each of its fields (the column headings are only for screen readers on a phone)
    const shownLabels = await first.locator("td").evaluateAll((tds) => tds.map((td) => getComputedStyle(td, "::before").content));
    for (const label of ["标称生产者", "被抽样单位", "所在区县", "抽样环节", "抽样日期", "不合格项目", "检验结论"]) expect(shownLabels).toContain(`"${label}："`);
    for (const box of await first.locator("td").evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // controls a finger can hit: every input, select and button of the page at least 44 px tall
    const heights = await page.locator("main input, main select, main button").evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height] as const));
    expect(heights.length).toBeGreaterThan(6);
    for (const [what, height] of heights) expect(height, what).toBeGreaterThanOrEqual(44);
    mkdirSync(SHOTS, { recursive: true });
    await page.locator("#result-count").evaluate((p) => p.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(SHOTS, "results-390.png") });
    await page.screenshot({ path: join(SHOTS, "results-390-full.png"), fullPage: true });
    await page.context().close();
  });

  it("at 1,280 px shows 检验结论 and 不合格项目 without sideways scrolling", async () => {
    const page = await open("/public/results", DESKTOP);
    await search(page, "电动自行车 不合格");
    for (const name of ["检验结论", "不合格项目", "产品名称", "标称生产者", "抽样日期"]) {
      const box = (await page.getByRole("columnheader", { name, exact: true }).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(DESKTOP.width);
    }
    const firstVerdict = (await page.locator("tbody tr").first().locator(".verdict").boundingBox())!;
    expect(firstVerdict.x + firstVerdict.width).toBeLessThanOrEqual(DESKTOP.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);
    const scroller = page.locator(".public-table-scroll");
    expect(await scroller.evaluate((s) => s.scrollWidth <= s.clientWidth)).toBe(true);
    // if a long word ever overflows, the region is reachable by keyboard and named
    expect(await scroller.getAttribute("tabindex")).toBe("0");
    expect(await scroller.getAttribute("aria-label")).toBeTruthy();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "results-1280.png") });
    await page.context().close();
  });

  it("searches the verdict: 不合格 finds only 不合格 rows, 合格 only 合格 rows", async () => {
    const page = await open("/public/results");
    const failing = Number((await search(page, "不合格")).match(/找到 ([\d,]+)/)![1].replace(/,/g, ""));
    expect(failing).toBeGreaterThan(0);
    for (const v of await page.locator("tbody .verdict").allTextContents()) expect(v).toContain("不合格");
    const passing = Number((await search(page, "合格")).match(/找到 ([\d,]+)/)![1].replace(/,/g, ""));
    for (const v of await page.locator("tbody .verdict").allTextContents()) expect(v).not.toContain("不合格");
    // the two words split the list: their counts add up to the whole (the count's "共 N 条")
    const total = Number((await page.locator("#result-count").textContent())!.match(/共 ([\d,]+) 条/)![1].replace(/,/g, ""));
    expect(failing + passing).toBe(total);
    await page.context().close();
  });

  it("finds simplified text from a traditional query", async () => {
    const page = await open("/public/results");
    const simplified = await search(page, "电动自行车");
    expect(simplified).toMatch(/找到 [1-9]/);
    expect(await search(page, "電動自行車")).toBe(simplified);
    expect(await page.locator("tbody tr").first().textContent()).toContain("电动自行车");
    await page.context().close();
  });

  it("does not search while an IME composes, and searches once on compositionend", async () => {
    const page = await open("/public/results");
    await page.waitForSelector("#result-count[data-query]");
    const box = page.getByLabel("搜索", { exact: true });
    await box.focus();
    const before = await page.locator("#result-count").getAttribute("data-query");
    // watch every change of the count while the IME composes
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __countSeen: string[] }).__countSeen = seen;
      new MutationObserver(() => seen.push(document.querySelector("#result-count")!.textContent ?? "")).observe(document.querySelector("#result-count")!, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await box.dispatchEvent("compositionstart");
    await page.keyboard.type("diandongzixingche", { delay: 20 }); // the pinyin letters, each an input event
    await page.waitForTimeout(600); // longer than the address update's pause: any search would have run
    expect(await page.locator("#result-count").getAttribute("data-query")).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __countSeen: string[] }).__countSeen)).toEqual([]);
    // the IME commits the characters, then ends the composition
    await box.evaluate((input) => {
      (input as HTMLInputElement).value = "电动自行车";
      input.dispatchEvent(new InputEvent("input", { bubbles: true, isComposing: true, data: "电动自行车" }));
    });
    await page.waitForTimeout(300);
    expect(await page.locator("#result-count").getAttribute("data-query")).toBe(before);
    await box.dispatchEvent("compositionend");
    await page.waitForFunction(() => JSON.parse(document.querySelector("#result-count")?.getAttribute("data-query") ?? "{}").q === "电动自行车");
    expect(await page.locator("#result-count").textContent()).toMatch(/找到 [1-9]/);
    const seen = await page.evaluate(() => (window as unknown as { __countSeen: string[] }).__countSeen);
    expect(seen.filter((t) => t.includes("找到 0 条结果"))).toEqual([]);
    await page.context().close();
  });

  it("keeps the page in the address with the filters (?page=3), and restores it on reload; 跳至第 N 页 is a labelled control", async () => {
    const page = await open("/public/results");
    await page.getByLabel("检验结论", { exact: true }).selectOption("不合格");
    await page.waitForFunction(() => JSON.parse(document.querySelector("#result-count")?.getAttribute("data-query") ?? "{}").conclusion === "不合格");
    const jump = page.getByLabel("跳至第");
    expect(await jump.evaluate((input) => input.tagName)).toBe("INPUT");
    await jump.fill("3");
    await jump.press("Enter");
    const status = page.locator(".public-pager__status");
    await expect.poll(() => status.textContent()).toMatch(/^第 3 \//);
    const firstOnPage3 = await page.locator("tbody tr").first().textContent();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("3");
    expect(new URL(page.url()).searchParams.get("conclusion")).toBe("不合格");
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForFunction(() => JSON.parse(document.querySelector("#result-count")?.getAttribute("data-query") ?? "{}").conclusion === "不合格");
    await expect.poll(() => status.textContent()).toMatch(/^第 3 \//);
    expect(await page.locator("tbody tr").first().textContent()).toBe(firstOnPage3);
    await page.waitForTimeout(500); // the address update after the answer keeps the page
    expect(new URL(page.url()).searchParams.get("page")).toBe("3");
    // a new search starts again at page 1
    await search(page, "不合格");
    await expect.poll(() => status.textContent()).toMatch(/^第 1 \//);
    await page.context().close();
  });

  it("without JavaScript says so and links the static pages, and never reads 截至 ，共 批次", async () => {
    const context = await opened.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(opened.site.url + "/public/results", { waitUntil: "load" });
    const text = (await page.locator("body").textContent())!;
    expect(text).not.toMatch(/截至\s*，|共\s*批次/);
    expect(text).toContain("需要浏览器运行 JavaScript");
    for (const href of ["./", "./categories", "./downloads/index.json"]) {
      expect(await page.locator(`a[href="${href}"]`).filter({ visible: true }).count(), href).toBeGreaterThan(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it("has the shared navigation as underlined links, and every control of the results page labelled", async () => {
    const page = await open("/public/results");
    await page.waitForSelector("#result-count[data-query]");
    const nav = page.getByRole("navigation", { name: "公开信息导航" });
    const hrefs = await nav.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    for (const { path } of PUBLIC_NAV_LINKS) expect(hrefs).toContain("./" + path.replace(/^\/public\//, ""));
    expect(await nav.locator('a[aria-current="page"]').textContent()).toBe("结果查询");
    // (a heading's own anchor is the heading, not a link in text)
    const decorations = await page.locator("main a[href]:not(.observablehq-header-anchor)").evaluateAll((as) => as.map((a) => getComputedStyle(a).textDecorationLine));
    expect(decorations.length).toBeGreaterThan(5);
    for (const d of decorations) expect(d).toContain("underline");
    const unlabelled = await page.locator("main input, main select").evaluateAll((els) =>
      els.filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute("aria-label")).map((e) => e.outerHTML.slice(0, 80)));
    expect(unlabelled).toEqual([]);
    await page.context().close();
  });

  it("has no serious or critical axe-core violation on the results page, on a phone and on a desktop", async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await open(`/public/results?q=${encodeURIComponent("电动自行车")}&page=2`, viewport);
      await page.waitForSelector("#result-count[data-query]");
      const { serious } = await runAxe(page);
      expect(serious, `${viewport.width} px:\n${describeViolations(serious)}`).toEqual([]);
      await page.context().close();
    }
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
