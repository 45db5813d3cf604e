// Printing one quarter's briefing page of the built site to an A4 PDF through headless
// Chromium. The page carries its own print stylesheet (src/components/print.css): the
// sidebar is hidden and charts and tables are never cut across pages.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium, serveDirectory } from "../core/browser.ts";

/** A4 at 96 dpi is 794 px wide: charts laid out at this width print at their real size. */
const A4_VIEWPORT = { width: 794, height: 1123 };

export function briefingPagePath(siteDir: string, quarter: string): string {
  return join(resolve(siteDir), "briefing", `${quarter}.html`);
}

export async function printBriefingPdf(opts: { siteDir: string; quarter: string; outFile: string }): Promise<void> {
  const site = await serveDirectory(resolve(opts.siteDir));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: A4_VIEWPORT });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("requestfailed", (request) => problems.push(`${request.url()}：${request.failure()?.errorText}`));
    await page.goto(`${site.url}/briefing/${opts.quarter}`, { waitUntil: "networkidle" });
    // Framework renders each cell asynchronously: wait until no cell is still loading.
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, { timeout: 60_000 });
    const cellErrors = await page.locator(".observablehq--error").allInnerTexts();
    problems.push(...cellErrors);
    if (problems.length) throw new Error(`简报页面 ${opts.quarter} 未能完整渲染：\n${problems.join("\n")}`);
    await page.emulateMedia({ media: "print" });
    await page.pdf({
      path: resolve(opts.outFile),
      format: "A4",
      printBackground: true,
      margin: { top: "14mm", bottom: "16mm", left: "14mm", right: "14mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#555">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>',
    });
  } finally {
    await browser.close();
    await site.close();
  }
}

export function siteHasBriefing(siteDir: string, quarter: string): boolean {
  return existsSync(briefingPagePath(siteDir, quarter));
}
