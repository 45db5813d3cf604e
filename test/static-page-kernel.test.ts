// The static public pages' kernel (issue 12): escaping, relative links, the document shell.
import { describe, expect, it } from "vitest";
import { readPublicationConfig } from "../loaders/core/config.ts";
import { html, raw } from "../loaders/site/public/pages/html.ts";
import { renderPublicPage } from "../loaders/site/public/pages/layout.ts";
import { relativeHref, resultPagePath, resultSlug } from "../loaders/site/public/pages/paths.ts";

describe("html escaping", () => {
  it("escapes every interpolated text, keeps SafeHtml, joins arrays, drops forbidden characters", () => {
    const name = `<img src=x onerror="alert('1')">&`;
    expect(html`<p title="${name}">${name}</p>`.value)
      .toBe("<p title=\"&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;\">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</p>");
    expect(html`<ul>${["a<", html`<li>b</li>`, null, false, 3]}</ul>`.value).toBe("<ul>a&lt;<li>b</li>3</ul>");
    expect(html`${"a\u0000b\u0007c\u001b"}`.value).toBe("abc");
    expect(html`${raw("<svg></svg>")}`.value).toBe("<svg></svg>");
  });
});

describe("paths", () => {
  it("keeps bureau-style sample ids and hashes anything else", () => {
    expect(resultSlug("CQ2025-000123")).toBe("CQ2025-000123");
    expect(resultSlug("cq2025-1")).toMatch(/^r-[0-9a-f]{16}$/);
    expect(resultSlug("../../etc")).toMatch(/^r-[0-9a-f]{16}$/);
    expect(resultSlug("A/B")).not.toBe(resultSlug("A_B"));
    expect(resultPagePath({ sample_id: "X1", sampling_date: "2025-03-04" })).toBe("/public/result/2025/X1");
  });
  it("links relative to the page they are on", () => {
    expect(relativeHref("/public/result/2025/X1", "/public/public.css")).toBe("../../public.css");
    expect(relativeHref("/public/", "/public/results")).toBe("./results");
    expect(relativeHref("/public/announcements/2025Q3", "/public/")).toBe("../");
    expect(relativeHref("/public/results", "/public/result/2025/X1")).toBe("./result/2025/X1");
  });
});

describe("the document shell", () => {
  const config = readPublicationConfig();
  const page = renderPublicPage({ path: "/public/announcements/2025Q3", title: "2025年第3季度<抽查>", section: "/public/", printable: true,
    breadcrumbs: [["抽查结果公告", "/public/"]], body: html`<p>正文</p>` }, config);
  it("is Chinese, zoomable, has a skip link to the main region, and escapes the title", () => {
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).not.toMatch(/maximum-scale|user-scalable/);
    expect(page).toMatch(/<a class="skip-link" href="#main">[^<]+<\/a>[\s\S]*<main id="main"/);
    expect(page).toContain("<h1>2025年第3季度&lt;抽查&gt;</h1>");
    expect(page).toContain('href="../public.css"');
  });
  it("prints the footer fields from spotcheck.config.json", () => {
    for (const value of [config.site.owner, config.site.siteCode, config.site.icp, config.site.police, config.objections.phone]) expect(page).toContain(value);
  });
});

describe("absolute addresses", async () => {
  const { absoluteUrl } = await import("../loaders/site/public/pages/paths.ts");
  it("keeps the origin's own folder and encodes Chinese segments", () => {
    expect(absoluteUrl("https://example.gov.cn/spotcheck/", "/public/category/电线电缆"))
      .toBe("https://example.gov.cn/spotcheck/public/category/%E7%94%B5%E7%BA%BF%E7%94%B5%E7%BC%86");
    expect(absoluteUrl("https://example.gov.cn", "/public/")).toBe("https://example.gov.cn/public/");
  });
});

describe("the pipeline's finishing steps", async () => {
  const { mkdtempSync, mkdirSync, readFileSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { installStaticPages, localiseFrameworkPages } = await import("../loaders/cli/site-pipeline.ts");
  // the head of a page as Framework 1.13 writes it (node_modules/@observablehq/framework/dist/render.js)
  const FRAMEWORK_PAGE = '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">\n<title>x</title></head><body></body></html>\n';

  it("gives every Framework page lang=zh-CN and a viewport that allows zoom", () => {
    const site = mkdtempSync(join(tmpdir(), "localise-"));
    mkdirSync(join(site, "public"));
    writeFileSync(join(site, "public", "results.html"), FRAMEWORK_PAGE);
    expect(localiseFrameworkPages(site)).toBe(1);
    const page = readFileSync(join(site, "public", "results.html"), "utf8");
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).not.toContain("maximum-scale");
  });

  it("stops the build when a page is not in Framework's template (it would ship without a language)", () => {
    const site = mkdtempSync(join(tmpdir(), "localise-"));
    writeFileSync(join(site, "odd.html"), "<!doctype html><html><head></head></html>");
    expect(() => localiseFrameworkPages(site)).toThrow(/odd\.html/);
  });

  it("installs the export's static pages beside Framework's, and refuses a page Framework built too", () => {
    const site = mkdtempSync(join(tmpdir(), "install-"));
    const src = mkdtempSync(join(tmpdir(), "install-src-"));
    mkdirSync(join(src, "public", "_pages", "result", "2025"), { recursive: true });
    writeFileSync(join(src, "public", "_pages", "index.html"), "索引");
    writeFileSync(join(src, "public", "_pages", "result", "2025", "X1.html"), "结果");
    expect(installStaticPages(site, src)).toBe(2);
    expect(readFileSync(join(site, "public", "result", "2025", "X1.html"), "utf8")).toBe("结果");
    const clash = mkdtempSync(join(tmpdir(), "install-"));
    mkdirSync(join(clash, "public"));
    writeFileSync(join(clash, "public", "index.html"), FRAMEWORK_PAGE);
    expect(() => installStaticPages(clash, src)).toThrow(/重名/);
  });
});
