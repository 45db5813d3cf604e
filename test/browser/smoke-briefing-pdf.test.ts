// The quarterly briefing on paper: its print stylesheet keeps charts and tables whole and
// hides the navigation, and `spotcheck briefing <季度> --pdf` prints an A4 PDF of the
// built site's page through headless Chromium — a PDF fit to send up (issue 12, item 7),
// read back with poppler (pdftotext, pdfinfo, pdffonts): page numbers, 文号, date and the
// 内部资料 mark, the quarter in the title, no command line, one sans family, no empty chart.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { browserTestsCanRun, launchChromium, serveDirectory, type StaticSite } from "../helpers/browser.ts";
import { briefingCommand } from "../../loaders/briefing/cli.ts";
import { readPublicationConfig, resolveDerivedContext } from "../../loaders/core/config.ts";

const siteDir = resolve(inject("siteDir") ?? process.env.SPOTCHECK_TEST_SITE ?? "dist");
const quarters = readdirSync(join(siteDir, "briefing"))
  .map((f) => /^(\d{4}Q[1-4])\.html$/.exec(f)?.[1])
  .filter((q): q is string => Boolean(q))
  .sort();
const quarter = quarters[quarters.length - 1];

/** A poppler tool's output; poppler-utils is needed (apt-get install poppler-utils), not optional. */
function poppler(tool: "pdftotext" | "pdfinfo" | "pdffonts", ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8" });
  } catch (error) {
    throw new Error(`${tool} 运行失败（需要 poppler-utils：apt-get install poppler-utils）：${(error as Error).message}`);
  }
}

/** What the spec and config say the document carries, written out independently of the code. */
const config = readPublicationConfig();
const quarterLabel = (q: string) => `${q.slice(0, 4)}年第${"一二三四"[Number(q.slice(5)) - 1]}季度`;
const docNumber = (q: string) => `${config.briefing.docNumberPrefix}〔${q.slice(0, 4)}〕${q.slice(5)}号`;
/** the build's as-of day (the derived tables'), as GB/T 9704 writes a date: 2025年12月31日 */
const asOfText = (() => {
  const [y, m, d] = resolveDerivedContext().asOf.split("-").map(Number);
  return `${y}年${m}月${d}日`;
})();

describe.skipIf(!browserTestsCanRun())("the quarterly briefing in print", () => {
  let browser: Browser;
  let site: StaticSite;
  let dir: string;
  beforeAll(async () => {
    site = await serveDirectory(siteDir);
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), "spotcheck-pdf-"));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has a briefing page per quarter in the data", () => {
    expect(quarters.length).toBeGreaterThan(0);
  });

  it("prints without the sidebar, with every chart and table kept whole and within the page width", async () => {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.goto(`${site.url}/briefing/${quarter}`, { waitUntil: "networkidle" });
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0);
    await page.emulateMedia({ media: "print" });
    const layout = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const blocks = [...document.querySelectorAll("#observablehq-main figure, #observablehq-main table, #observablehq-main svg")];
      return {
        sidebar: getComputedStyle(document.querySelector("#observablehq-sidebar")!).display,
        blocks: blocks.length,
        breakable: blocks.filter((e) => getComputedStyle(e).breakInside !== "avoid").map((e) => e.outerHTML.slice(0, 80)),
        overflowing: blocks.filter((e) => e.getBoundingClientRect().right > width + 1).map((e) => e.outerHTML.slice(0, 80)),
        headline: document.querySelector(".headline")?.textContent ?? "",
        // every figure: its words when it has nothing to draw, else what it draws — a bar or band of
        // zero height is an empty chart (figure 5 had one)
        figures: [...document.querySelectorAll("figure.briefing-chart")].map((f) => ({
          caption: f.querySelector("figcaption")?.textContent ?? "",
          words: f.querySelector(".chart-empty")?.textContent ?? "",
          marks: [...f.querySelectorAll("svg rect, svg circle, svg path")].filter((m) => {
            const box = m.getBoundingClientRect();
            return box.width > 0 && box.height > 0;
          }).length,
          flatBars: [...f.querySelectorAll("svg rect")].filter((r) => r.getBoundingClientRect().height <= 0).length,
        })),
      };
    });
    await page.close();
    expect(layout.sidebar).toBe("none");
    expect(layout.blocks).toBeGreaterThanOrEqual(5);
    expect(layout.breakable).toEqual([]);
    expect(layout.overflowing).toEqual([]);
    expect(layout.headline).toMatch(/^\d{4}年第[一二三四]季度，共抽查/);
    expect(layout.figures.length).toBeGreaterThanOrEqual(4);
    for (const figure of layout.figures) {
      expect(figure.words || (figure.marks > 0 && figure.flatBars === 0) ? "drawn or told" : figure).toBe("drawn or told");
    }
  });

  it("`spotcheck briefing --pdf` writes an A4 PDF of that page", async () => {
    const out = join(dir, `${quarter}.pdf`);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const status = await briefingCommand([quarter, "--pdf", out, "--site", siteDir]);
    vi.restoreAllMocks();
    expect(status).toBe(0);
    const pdf = readFileSync(out).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    // A4 is 210 × 297 mm = 595.28 × 841.89 pt; Chromium rounds to whole CSS pixels (595.92 × 842.88)
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, w, h]) => [Number(w), Number(h)]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs(w - 595.28)).toBeLessThan(1);
      expect(Math.abs(h - 841.89)).toBeLessThan(1.5);
    }
  });
});

describe.skipIf(!browserTestsCanRun())("the briefing PDF sent up to leadership", () => {
  let dir: string;
  /** per quarter: the PDF's pages as text, its info and its fonts */
  const printed = new Map<string, { pages: string[]; pageCount: number; title: string; fonts: string[] }>();
  const first = quarters[0];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "spotcheck-pdf-sent-"));
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      for (const q of new Set([quarter, first])) {
        const out = join(dir, `${q}.pdf`);
        expect(await briefingCommand([q, "--pdf", out, "--site", siteDir])).toBe(0);
        const info = poppler("pdfinfo", out);
        const text = poppler("pdftotext", "-layout", out, "-");
        printed.set(q, {
          // pdftotext ends every page with a form feed
          pages: text.split("\f").slice(0, -1),
          pageCount: Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]),
          title: /^Title:\s+(.*)$/m.exec(info)?.[1] ?? "",
          // name column of pdffonts, after its two header lines; Type 3 glyphs have no name
          fonts: poppler("pdffonts", out).split("\n").slice(2).map((line) => line.split(/\s+/)[0]).filter((n) => n && n !== "[none]"),
        });
      }
    } finally {
      vi.restoreAllMocks();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("numbers every page 第 N 页 共 M 页", () => {
    const { pages, pageCount } = printed.get(quarter)!;
    expect(pageCount).toBeGreaterThan(1);
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, i) => {
      const numbers = /第\s*(\d+)\s*页\s*共\s*(\d+)\s*页/.exec(page);
      expect(numbers?.slice(1).map(Number), `第 ${i + 1} 页`).toEqual([i + 1, pageCount]);
    });
  });

  it("heads every page with the 内部资料 mark and the 文号, and the first page with the mark, title, 文号 and date", () => {
    const { pages } = printed.get(quarter)!;
    for (const page of pages) {
      expect(page).toContain(config.briefing.mark);
      expect(page).toContain(docNumber(quarter));
    }
    const firstPage = pages[0];
    expect(firstPage.split(config.briefing.mark).length - 1).toBeGreaterThanOrEqual(2); // running header and the page's own
    expect(firstPage).toContain(`${quarterLabel(quarter)}产品质量监督抽查简报`);
    expect(firstPage).toContain(config.publisher.name);
    expect(firstPage).toContain(asOfText);
  });

  it("puts the quarter in the PDF's title, so that every quarter's PDF has its own", () => {
    const titles = [...printed.entries()].map(([q, pdf]) => [q, pdf.title] as const);
    for (const [q, title] of titles) {
      expect(title).toContain(quarterLabel(q));
      expect(title).toContain(docNumber(q));
    }
    expect(quarters.length).toBeGreaterThan(1);
    expect(new Set(titles.map(([, t]) => t)).size).toBe(2);
  });

  it("prints no command line", () => {
    for (const [q, { pages }] of printed) {
      const text = pages.join("\n");
      expect(text, q).not.toMatch(/npx|npm (run|start)|spotcheck\s|--pdf|tsx\s/);
    }
  });

  it("prints digits and Chinese in one CJK sans family, no serif", () => {
    const { fonts } = printed.get(quarter)!;
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((name) => /serif|times|song|ming/i.test(name.replace(/sans-?serif/i, "")))).toEqual([]);
    const families = new Set(fonts.map((name) => name.replace(/^[A-Z]{6}\+/, "").replace(/[-,](Bold|Regular|Medium|Light).*$/, "")));
    expect([...families].filter((f) => !/WenQuanYi|NotoSansCJK|SourceHanSans|YaHei|PingFang/i.test(f))).toEqual([]);
  });
});
