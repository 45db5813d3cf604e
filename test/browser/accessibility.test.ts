// Accessibility of every kind of page citizens and the bureau read (issue 12 item 4):
// WCAG 2.1 AA, which GB/T 37668-2019 adopts for web content. axe-core (node_modules, injected
// into the page; never a CDN) runs with the WCAG 2.0/2.1 A and AA rules, and no serious or
// critical violation may remain. On a 390 px phone the page must not scroll sideways (1.4.10
// Reflow), every control and navigation link must be a 44 px tap target (2.5.5, and GB/T
// 37668-2019 asks the same of mobile pages), <html> must say zh-CN (3.1.1) and the viewport
// must allow zooming (1.4.4), and the first Tab must reach a skip link to the main content (2.4.1).
// Every page's footer carries 主办单位, the contact and the site's identification fields (item 8).
//
// The pages are found in the built site, not listed here: a page kind another part of the
// site adds later is covered when it exists, and every kind the issue asks for must exist —
// a kind with no page fails with its name rather than passing unchecked.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, runAxe } from "../helpers/axe.ts";
import { browserTestsCanRun, launchChromium, serveDirectory, type StaticSite } from "../helpers/browser.ts";

const siteDir = resolve(process.env.SPOTCHECK_TEST_SITE ?? inject("siteDir") ?? "dist");
const publicDir = `${siteDir}-public`; // what goes on the public web server (loaders/cli/site-pipeline.ts assemblePublicSite)
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** The footer's fields come from spotcheck.config.json (issue 12 item 8): read here from the file itself. */
const SITE_CONFIG = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../spotcheck.config.json"), "utf8"));
const FOOTER_FIELDS: string[] = [SITE_CONFIG.site.owner, SITE_CONFIG.objections.phone, SITE_CONFIG.site.siteCode, SITE_CONFIG.site.icp];
const MIN_TAP_TARGET_PX = 44; // WCAG 2.1 2.5.5 (AAA, asked of phones by issue 12) and Apple/Android guidance

type SiteName = "public" | "intranet";
interface PageKind { name: string; site: SiteName; pattern: RegExp }
interface SitePage { kind: string; site: SiteName; path: string }

/** Every kind of page the issue asks for; each must have at least one page in the built site. */
const EXPECTED_KINDS: PageKind[] = [
  { name: "公告索引 /public/", site: "public", pattern: /^\/public\/$/ },
  { name: "结果查询 /public/results", site: "public", pattern: /^\/public\/results$/ },
  { name: "季度抽查结果通告 /public/announcements/<季度>", site: "public", pattern: /^\/public\/announcements\/[^/]+$/ },
  { name: "社会公告与公示送达列表 /public/notices/", site: "public", pattern: /^\/public\/notices\/?$/ },
  { name: "单条社会公告或公示送达 /public/notices/<…>", site: "public", pattern: /^\/public\/notices\/.*[^/]$/ },
  { name: "单批次结果页 /public/result/<年>/<编号>", site: "public", pattern: /^\/public\/result\/\d{4}\/[^/]+$/ },
  { name: "产品类别页 /public/category/<类别>", site: "public", pattern: /^\/public\/category\/[^/]+$/ },
  { name: "产品类别索引 /public/categories", site: "public", pattern: /^\/public\/categories\/?$/ },
  { name: "年度抽查情况 /public/annual/<年>", site: "public", pattern: /^\/public\/annual\/\d{4}$/ },
  { name: "季度简报索引 /briefing/", site: "intranet", pattern: /^\/briefing\/$/ },
  { name: "季度简报 /briefing/<季度>", site: "intranet", pattern: /^\/briefing\/\d{4}Q[1-4]$/ },
  { name: "年度报告（领导版） /briefing/annual/<年>", site: "intranet", pattern: /^\/briefing\/annual\/\d{4}$/ },
  { name: "探索 /workbench/explorer", site: "intranet", pattern: /^\/workbench\/explorer$/ },
  { name: "企业公开结果页 /public/producer/<键>", site: "public", pattern: /^\/public\/producer\/[^/]+$/ },
  { name: "跟踪抽查仍不合格企业 /workbench/repeat-offenders", site: "intranet", pattern: /^\/workbench\/repeat-offenders$/ },
  { name: "企业档案 /workbench/producer", site: "intranet", pattern: /^\/workbench\/producer$/ },
];

/** A producer id of the built workbench (the first key of its first record shard), so its page is checked showing a record. */
function aProducerId(): string | undefined {
  const dir = join(siteDir, "_file", "workbench", "_data", "producers");
  const shard = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".json")) : undefined;
  return shard ? Object.keys(JSON.parse(readFileSync(join(dir, shard), "utf8")))[0] : undefined;
}

/** The site paths of a built directory's HTML pages under `under`: "public/index.html" → "/public/", "public/x.html" → "/public/x". */
function htmlPagePaths(root: string, under: string): string[] {
  const dir = join(root, under);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => "/" + relative(root, join(e.parentPath, e.name)).split("\\").join("/"))
    .map((p) => (p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p.slice(0, -".html".length)))
    .sort();
}

/**
 * One page of each expected kind (the first in path order), plus one page of every directory
 * under /public/ that no expected kind describes (a public page nobody listed is still
 * checked), plus every other page of the workbench.
 */
function discoverPages(): { pages: SitePage[]; missingKinds: string[] } {
  const found: Record<SiteName, string[]> = {
    public: htmlPagePaths(publicDir, "public"),
    intranet: [...htmlPagePaths(siteDir, "briefing"), ...htmlPagePaths(siteDir, "workbench")],
  };
  const pages: SitePage[] = [];
  const missingKinds: string[] = [];
  for (const kind of EXPECTED_KINDS) {
    const first = found[kind.site].find((p) => kind.pattern.test(p));
    if (first) pages.push({ kind: kind.name, site: kind.site, path: first });
    else missingKinds.push(kind.name);
  }
  const unlistedDirs = new Set<string>();
  for (const path of found.public) {
    if (EXPECTED_KINDS.some((k) => k.site === "public" && k.pattern.test(path))) continue;
    const dir = path.replace(/[^/]*$/, "");
    if (unlistedDirs.has(dir)) continue;
    unlistedDirs.add(dir);
    pages.push({ kind: `其他公开页面 ${dir}…`, site: "public", path });
  }
  // every page of the analysts' workbench (a handful, each one of a kind)
  for (const path of found.intranet) {
    if (path.startsWith("/workbench/") && !EXPECTED_KINDS.some((k) => k.site === "intranet" && k.pattern.test(path))) {
      pages.push({ kind: "分析工作台", site: "intranet", path });
    }
  }
  const producerId = aProducerId();
  if (producerId) pages.push({ kind: "企业档案（一个生产者的记录）", site: "intranet", path: `/workbench/producer?id=${encodeURIComponent(producerId)}` });
  return { pages, missingKinds };
}

const { pages: PAGES, missingKinds: MISSING_KINDS } = discoverPages();

describe.skipIf(!browserTestsCanRun())("accessibility of every kind of page (axe-core, WCAG 2.1 AA)", () => {
  const servers: Partial<Record<SiteName, StaticSite>> = {};
  let browser: Browser;

  beforeAll(async () => {
    servers.public = await serveDirectory(publicDir);
    servers.intranet = await serveDirectory(siteDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await servers.public?.close();
    await servers.intranet?.close();
  });

  /** Opens a page at a viewport size and waits until Framework has rendered every cell. */
  async function open(page: SitePage, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const tab = await context.newPage();
    const response = await tab.goto(servers[page.site]!.url + page.path, { waitUntil: "networkidle" });
    expect(response?.status(), `${page.path} 的 HTTP 状态`).toBe(200);
    await tab.waitForFunction(() => !document.querySelector("observablehq-loading"), null, { timeout: 60_000 });
    await tab.evaluate(() => document.fonts.ready);
    return tab;
  }

  async function expectNoSeriousViolations(tab: Page, label: string): Promise<void> {
    const { serious, minor } = await runAxe(tab);
    if (minor.length) console.log(`${label}: axe minor/moderate\n${describeViolations(minor)}`);
    expect(serious, `${label}: axe-core found serious or critical WCAG 2.1 AA violations:\n${describeViolations(serious)}`).toEqual([]);
  }

  it("the built site has a page of every kind the issue asks for", () => {
    expect(MISSING_KINDS, `这些页面类型在构建出的站点（${publicDir}、${siteDir}）中没有任何页面，无法检查：\n${MISSING_KINDS.join("\n")}`).toEqual([]);
  });

  it.each(PAGES.map((p) => [`${p.kind}: ${p.path}`, p] as const))("%s on a 390 px phone", async (label, sitePage) => {
    const tab = await open(sitePage, PHONE);
    try {
      const shell = await tab.evaluate(() => ({
        lang: document.documentElement.lang,
        viewport: document.querySelector('meta[name="viewport"]')?.getAttribute("content") ?? null,
        scrollWidth: document.documentElement.scrollWidth,
        footer: [...document.querySelectorAll("footer")].map((f) => f.textContent ?? "").join(" "),
      }));
      expect(shell.lang, `${label}: <html lang>`).toBe("zh-CN");
      expect(shell.viewport, `${label}: viewport meta`).not.toBeNull();
      expect(shell.viewport, `${label}: the viewport blocks zooming`).not.toMatch(/user-scalable\s*=\s*(no|0)/i);
      const maximumScale = /maximum-scale\s*=\s*([\d.]+)/i.exec(shell.viewport ?? "");
      if (maximumScale) expect(Number(maximumScale[1]), `${label}: maximum-scale below 200 % zoom`).toBeGreaterThanOrEqual(2);
      expect(shell.scrollWidth, `${label}: the page scrolls sideways at 390 px`).toBeLessThanOrEqual(PHONE.width);
      for (const field of FOOTER_FIELDS) expect(shell.footer, `${label}: the footer (主办单位, contact, 网站标识码, 备案号)`).toContain(field);

      // A control's label is tapped too (it moves the focus to the control, and toggles a
      // checkbox): the target is the taller of the control and its labels.
      const smallTargets = await tab.evaluate((min) => {
        const selector = ":is(header, main) :is(button, select, textarea, input:not([type=hidden]), nav a[href])";
        return [...document.querySelectorAll<HTMLElement>(selector)].flatMap((element) => {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === "hidden") return [];
          const labels = element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ? [...(element.labels ?? [])] : [];
          const height = Math.max(box.height, ...labels.map((l) => l.getBoundingClientRect().height));
          if (height >= min - 0.5) return [];
          const target = labels[0] ?? element;
          const name = element.getAttribute("aria-label") ?? element.getAttribute("name") ?? (target.textContent ?? "").trim().slice(0, 20);
          return [`<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.className && typeof element.className === "string" ? `.${element.className.trim().split(/\s+/).join(".")}` : ""}> “${name}” ${height.toFixed(1)} px`];
        });
      }, MIN_TAP_TARGET_PX);
      expect(smallTargets, `${label}: controls and navigation links below ${MIN_TAP_TARGET_PX} px tall at 390 px`).toEqual([]);

      // 2.4.1: the first Tab reaches a link to the main content, and it is visible when focused.
      await tab.keyboard.press("Tab");
      const skip = await tab.evaluate(() => {
        const a = document.activeElement;
        if (!(a instanceof HTMLAnchorElement)) return { found: false, text: a?.outerHTML.slice(0, 120) ?? null };
        const hash = a.getAttribute("href") ?? "";
        const target = hash.startsWith("#") ? document.getElementById(hash.slice(1)) : null;
        const box = a.getBoundingClientRect();
        return {
          found: true,
          leadsToMain: !!target && (target.matches("main, [role=main]") || !!target.querySelector("main, [role=main]")),
          visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight,
          text: a.textContent?.trim(),
        };
      });
      expect(skip, `${label}: the first Tab should focus a visible skip link to <main>`).toMatchObject({ found: true, leadsToMain: true, visible: true });

      await expectNoSeriousViolations(tab, `${label} (390 px)`);
    } finally {
      await tab.context().close();
    }
  });

  const desktopPages = PAGES.filter((p) => p.path === "/public/results" || p.path === "/workbench/explorer");
  it.each(desktopPages.map((p) => [`${p.kind}: ${p.path}`, p] as const))("%s on a 1280 px desktop", async (label, sitePage) => {
    const tab = await open(sitePage, DESKTOP);
    try {
      await expectNoSeriousViolations(tab, `${label} (1280 px)`);
    } finally {
      await tab.context().close();
    }
  });
});
