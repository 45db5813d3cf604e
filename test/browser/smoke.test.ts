// Real-browser smoke test of the built site: every Framework page and a sample of each folder of static pages is
// opened in Chromium from 127.0.0.1, and fails on a console error, an uncaught page
// error, a cell that rendered an error, a failed or 4xx/5xx request, or any request
// to another host (the bureau's machines have no route out; nothing may need one).
//
// The site is the one test/helpers/build-test-site.ts builds for the browser project
// (or SPOTCHECK_TEST_SITE, an already built directory; else dist/).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { browserTestsCanRun, siteInChromium } from "../helpers/browser.ts";

const siteDir = resolve(inject("siteDir") ?? process.env.SPOTCHECK_TEST_SITE ?? "dist");

/**
 * The pages to open, as URL paths (a/index.html → /a/, a/b.html → /a/b): every page Framework
 * built (each runs its own cells on its own data), and of the static pages the export rendered
 * (one renderer per kind, thousands of result and notice pages) the first and the last of each
 * folder — opening all 2,800 of the test site's took the run past its time limit.
 */
function listPages(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`没有已构建的站点 ${dir}：先运行 npm run build，或设置 SPOTCHECK_TEST_SITE`);
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html")).sort();
  const isFramework = (file: string) => readFileSync(join(dir, file), "utf8").includes('<meta name="generator" content="Observable Framework');
  const staticByFolder = new Map<string, string[]>();
  const chosen: string[] = [];
  for (const file of files) {
    if (isFramework(file)) chosen.push(file);
    else staticByFolder.set(dirname(file), [...(staticByFolder.get(dirname(file)) ?? []), file]);
  }
  for (const folder of staticByFolder.values()) chosen.push(...new Set([folder[0], folder[folder.length - 1]]));
  return chosen.map((file) => "/" + relative(dir, join(dir, file)).split("\\").join("/").replace(/(index)?\.html$/, "")).sort();
}

const pages = listPages(siteDir);

describe.skipIf(!browserTestsCanRun())(`built site ${siteDir} in Chromium`, () => {
  const opened = siteInChromium(siteDir);

  it("has pages to open, Framework's and the static ones", () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(pages).toContain("/public/results");
    expect(pages.some((p) => p.startsWith("/public/result/"))).toBe(true);
  });

  it.each(pages)("%s opens without errors or outside requests", async (path) => {
    const context = await opened.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const origin = new URL(opened.site.url).origin;
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
      problems.push(`request to another host: ${url.href}`);
      return route.abort();
    });
    page.on("console", (message) => {
      // Chromium asks for /favicon.ico on its own, after the page has loaded, whatever the
      // page says; a missing one is not a page's error (and would make this test flaky).
      if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
        problems.push(`console error: ${message.text()} (${message.location().url})`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
    page.on("response", (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
    try {
      await page.goto(opened.site.url + path, { waitUntil: "networkidle" });
      await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, { timeout: 30_000 });
      for (const text of await page.locator(".observablehq--error").allInnerTexts()) problems.push(`cell error: ${text}`);
      expect(await page.title()).not.toBe("");
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
