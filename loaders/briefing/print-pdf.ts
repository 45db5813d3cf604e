// Printing a page of the built site's briefing audience (a quarter's briefing, the annual
// report /briefing/annual/<year>) to an A4 PDF through headless
// Chromium. The page carries its own print stylesheet (src/components/print.css): the
// sidebar is hidden and charts and tables are never cut across pages. Chromium adds what
// only the printer knows: every page's running header (the circulation mark and the 文号,
// read from the rendered page so they are the page's own) and its number, 第 N 页 共 M 页.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromiumInstalled, chromiumMissingMessage, launchChromium, serveDirectory } from "../core/browser.ts";
import { PROJECT_ROOT } from "../core/config.ts";
import { parseCommandArgs } from "../core/command-line.ts";
import { UsageError } from "../core/errors.ts";

/**
 * The arguments of a command that shows a report or prints its built page (`spotcheck briefing
 * <季度>`, `spotcheck annual <年份>`): the one report it is about (`what` names it in the error),
 * --pdf, --site, and the common --db and --format. `--help` never reaches here (loaders/cli/main.ts).
 */
export function parsePrintableReportArgs(argv: string[], what: string) {
  const { values, positionals } = parseCommandArgs(argv, { pdf: { type: "string" }, site: { type: "string" } }, true);
  if (positionals.length !== 1) throw new UsageError(`需要且只需要一个${what}。`);
  return { report: positionals[0], values };
}

/** A4 at 96 dpi is 794 px wide: charts laid out at this width print at their real size. */
const A4_VIEWPORT = { width: 794, height: 1123 };

/**
 * The same margins as print.css's @page: the header (8 pt, in the top margin) and the page
 * number (in the bottom margin) each have about 10 mm to themselves, so neither meets the text.
 */
export const PDF_MARGIN = { top: "20mm", bottom: "18mm", left: "14mm", right: "14mm" };

/** The page's font stack (print.css): Chromium lays header and footer out without the page's styles. */
const TEMPLATE_FONT = `font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;font-size:8pt;color:#333;width:100%;margin:0 14mm`;

/** Text from the page or the config, as template markup: the templates are HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Each page's running header: the circulation mark on the left, the 文号 on the right. */
export function headerTemplate(mark: string, docNumber: string): string {
  return `<div style='${TEMPLATE_FONT};display:flex;justify-content:space-between;border-bottom:solid 0.5pt #999;padding-bottom:1mm'>` +
    `<span>${escapeHtml(mark)}</span><span>${escapeHtml(docNumber)}</span></div>`;
}

/** 第 N 页 共 M 页: Chromium fills the pageNumber and totalPages spans. */
export function footerTemplate(): string {
  return `<div style='${TEMPLATE_FONT};text-align:center'>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>`;
}

export function briefingPagePath(siteDir: string, quarter: string): string {
  return join(resolve(siteDir), "briefing", `${quarter}.html`);
}

/**
 * Any page of the briefing audience (the quarterly briefing, the leadership's annual report
 * /briefing/annual/<year>) to an A4 PDF: the page must carry .briefing-mark and .briefing-docnumber.
 */
export async function printBriefingPagePdf(opts: { siteDir: string; sitePath: string; what: string; outFile: string }): Promise<void> {
  const site = await serveDirectory(resolve(opts.siteDir));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: A4_VIEWPORT });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("requestfailed", (request) => problems.push(`${request.url()}：${request.failure()?.errorText}`));
    await page.goto(`${site.url}${opts.sitePath}`, { waitUntil: "networkidle" });
    // Framework renders each cell asynchronously: wait until no cell is still loading.
    await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, { timeout: 60_000 });
    const cellErrors = await page.locator(".observablehq--error").allInnerTexts();
    problems.push(...cellErrors);
    const [mark, docNumber] = await Promise.all([".briefing-mark", ".briefing-docnumber"].map(async (selector) =>
      (await page.locator(selector).first().textContent({ timeout: 5_000 }).catch(() => null))?.trim() ?? ""));
    if (!mark || !docNumber) problems.push("页面上没有密级标志（.briefing-mark）或文号（.briefing-docnumber）");
    if (problems.length) throw new Error(`${opts.what} 未能完整渲染：\n${problems.join("\n")}`);
    await page.emulateMedia({ media: "print" });
    await page.pdf({
      path: resolve(opts.outFile),
      format: "A4",
      printBackground: true,
      margin: PDF_MARGIN,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(mark, docNumber),
      footerTemplate: footerTemplate(),
    });
  } finally {
    await browser.close();
    await site.close();
  }
}

export function siteHasBriefing(siteDir: string, quarter: string): boolean {
  return existsSync(briefingPagePath(siteDir, quarter));
}

/**
 * What `spotcheck briefing --pdf` and `spotcheck annual --pdf` do (exit status): check the output
 * path, Chromium and the built page (`sitePath` under `site`, default dist/), print it, say where.
 * `missing` is the message when the site has no such page (which command builds it, and why).
 */
export async function printBuiltPagePdf(opts: { out: string; site: string | undefined; sitePath: string; what: string; missing: (siteDir: string) => string; example: string }): Promise<number> {
  if (!opts.out.trim()) throw new UsageError(`--pdf 需要输出文件路径，例如 --pdf ${opts.example}`);
  const siteDir = resolve(opts.site ?? resolve(PROJECT_ROOT, "dist"));
  if (!chromiumInstalled()) {
    process.stderr.write(chromiumMissingMessage() + "\n");
    return 1;
  }
  if (!existsSync(join(siteDir, `${opts.sitePath.replace(/^\//, "")}.html`))) {
    process.stderr.write(opts.missing(siteDir));
    return 1;
  }
  await printBriefingPagePdf({ siteDir, sitePath: opts.sitePath, what: `${opts.what}页面`, outFile: opts.out });
  process.stdout.write(`已将${opts.what}打印为 ${resolve(opts.out)}（A4）\n`);
  return 0;
}
