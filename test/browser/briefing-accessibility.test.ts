// The briefing's pages in Chromium, checked by axe-core as a screen-reader or keyboard user
// would meet them: no serious or critical violation (WCAG 2.1 AA / GB/T 37668-2019; issue 12,
// item 4) on the index of quarters and on a quarter's briefing, at desktop and phone widths.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { describeViolations, runAxe } from "../helpers/axe.ts";
import { browserTestsCanRun, siteInChromium } from "../helpers/browser.ts";

const siteDir = resolve(inject("siteDir") ?? process.env.SPOTCHECK_TEST_SITE ?? "dist");
const quarters = readdirSync(join(siteDir, "briefing"))
  .map((f) => /^(\d{4}Q[1-4])\.html$/.exec(f)?.[1])
  .filter((q): q is string => Boolean(q))
  .sort();

const VIEWPORTS = [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const;

describe.skipIf(!browserTestsCanRun())("the briefing pages under axe-core", () => {
  const opened = siteInChromium(siteDir);

  const pages = [["the index of quarters", "/briefing/"], ["the latest quarter's briefing", `/briefing/${quarters[quarters.length - 1]}`],
    ["the first quarter's briefing", `/briefing/${quarters[0]}`]] as const;

  it.each(pages.flatMap(([name, path]) => VIEWPORTS.map(([device, viewport]) => [`${name} (${device})`, path, viewport] as const)))(
    "%s has no serious or critical violation", async (_name, path, viewport) => {
      const page = await opened.browser.newPage({ viewport });
      try {
        await page.goto(`${opened.site.url}${path}`, { waitUntil: "networkidle" });
        await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0);
        expect(await page.locator(".observablehq--error").count()).toBe(0);
        const { engine, serious } = await runAxe(page);
        expect(engine).toBe("axe-core"); // the check ran: an empty list from no check would prove nothing
        expect(serious, describeViolations(serious)).toEqual([]);
      } finally {
        await page.close();
      }
    });
});
