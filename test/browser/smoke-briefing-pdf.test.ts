// The quarterly briefing on paper: its print stylesheet keeps charts and tables whole and
// hides the navigation, and `spotcheck briefing <季度> --pdf` prints an A4 PDF of the
// built site's page through headless Chromium.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { browserTestsCanRun, launchChromium, serveDirectory, type StaticSite } from "../helpers/browser.ts";
import { briefingCommand } from "../../loaders/briefing/cli.ts";

const siteDir = resolve(inject("siteDir") ?? process.env.SPOTCHECK_TEST_SITE ?? "dist");
const quarters = readdirSync(join(siteDir, "briefing"))
  .map((f) => /^(\d{4}Q[1-4])\.html$/.exec(f)?.[1])
  .filter((q): q is string => Boolean(q))
  .sort();
const quarter = quarters[quarters.length - 1];

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
      };
    });
    await page.close();
    expect(layout.sidebar).toBe("none");
    expect(layout.blocks).toBeGreaterThanOrEqual(5);
    expect(layout.breakable).toEqual([]);
    expect(layout.overflowing).toEqual([]);
    expect(layout.headline).toMatch(/^\d{4}年第[一二三四]季度，共抽查/);
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
