// The leadership's annual report on paper (issue 14): `spotcheck annual <year> --pdf` prints the
// built site's /briefing/annual/<year> to an A4 PDF through headless Chromium, read back with
// poppler: the six sections of the national annual announcement, the 内部资料 mark and the
// 文号 on every page, page numbers, every font embedded, no table or chart wider than the page.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { annualCommand } from "../../loaders/annual/cli.ts";
import { readPublicationConfig } from "../../loaders/core/config.ts";
import { browserTestsCanRun, launchChromium, serveDirectory } from "../helpers/browser.ts";

const siteDir = resolve(inject("siteDir") ?? process.env.SPOTCHECK_TEST_SITE ?? "dist");
const annualDir = join(siteDir, "briefing", "annual");
const years = existsSync(annualDir) ? readdirSync(annualDir).map((f) => /^(\d{4})\.html$/.exec(f)?.[1]).filter((y): y is string => Boolean(y)).sort() : [];
const year = years.at(-1)!;
const config = readPublicationConfig();
// written out here, not taken from the code: the national announcement's six headings
const HEADINGS = ["一、总体情况", "二、区域分布", "三、大中小型企业", "四、生产、流通、电商", "五、产品", "六、跟踪抽查"];

function poppler(tool: "pdftotext" | "pdfinfo" | "pdffonts", ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8" });
  } catch (error) {
    throw new Error(`${tool} 运行失败（需要 poppler-utils：apt-get install poppler-utils）：${(error as Error).message}`);
  }
}

describe.skipIf(!browserTestsCanRun())("the annual report printed for leadership", () => {
  let dir: string;
  let pages: string[] = [];
  let pageCount = 0;
  let fontLines: string[] = [];
  let pdf = "";
  beforeAll(async () => {
    expect(years.length, `站点 ${siteDir} 中没有 briefing/annual/<年>.html`).toBeGreaterThan(0);
    dir = mkdtempSync(join(tmpdir(), "spotcheck-annual-pdf-"));
    const out = join(dir, `${year}.pdf`);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(await annualCommand([year, "--pdf", out, "--site", siteDir])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    pdf = readFileSync(out).toString("latin1");
    pages = poppler("pdftotext", "-layout", out, "-").split("\f").slice(0, -1);
    pageCount = Number(/^Pages:\s+(\d+)$/m.exec(poppler("pdfinfo", out))?.[1]);
    fontLines = poppler("pdffonts", out).split("\n").slice(2).filter((l) => l.trim());
  });
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it("is A4, numbered 第 N 页 共 M 页, and headed on every page by the 内部资料 mark and the 文号", () => {
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, w, h]) => [Number(w), Number(h)]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs(w - 595.28)).toBeLessThan(1);
      expect(Math.abs(h - 841.89)).toBeLessThan(1.5);
    }
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, i) => {
      expect(page).toContain(config.briefing.mark);
      expect(page).toContain(`${config.briefing.docNumberPrefix}〔${year}〕年报`);
      expect(/第\s*(\d+)\s*页\s*共\s*(\d+)\s*页/.exec(page)?.slice(1).map(Number), `第 ${i + 1} 页`).toEqual([i + 1, pageCount]);
    });
    expect(pages[0]).toContain(`${year}年产品质量监督抽查情况报告`);
  });

  it("carries the six sections of the national annual announcement, in order", () => {
    const text = pages.join("\n");
    const at = HEADINGS.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0), HEADINGS.filter((_, i) => at[i] < 0).join("、")).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toMatch(/不合格发现率为\d+\.\d%/);
    expect(text).not.toMatch(/npx|npm (run|start)|spotcheck\s|--pdf/);
  });

  it("embeds every font", () => {
    expect(fontLines.length).toBeGreaterThan(0);
    // pdffonts columns end with: emb sub uni object ID
    const notEmbedded = fontLines.filter((l) => /\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l)?.[1] !== "yes");
    expect(notEmbedded).toEqual([]);
  });

  it("lays every table and chart within the A4 width in print, none cut across a page", async () => {
    const site = await serveDirectory(siteDir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      await page.goto(`${site.url}/briefing/annual/${year}`, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      const layout = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const blocks = [...document.querySelectorAll("main figure, main svg, main tr")];
        return {
          blocks: blocks.length,
          overflowing: blocks.filter((e) => e.getBoundingClientRect().right > width + 1).map((e) => e.outerHTML.slice(0, 80)),
          breakable: blocks.filter((e) => getComputedStyle(e).breakInside !== "avoid").map((e) => e.outerHTML.slice(0, 80)),
          charts: document.querySelectorAll("main svg[role=img] rect").length,
        };
      });
      expect(layout.blocks).toBeGreaterThan(10);
      expect(layout.overflowing).toEqual([]);
      expect(layout.breakable).toEqual([]);
      expect(layout.charts).toBeGreaterThan(0);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
