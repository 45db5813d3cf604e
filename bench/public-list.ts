// The public result list (issue 5) at 20,000 published batches, measured in Chromium:
//   - bytes transferred to open /public/results (everything until the network is idle,
//     as Chromium counts them: encodedDataLength) — target under 2 MB;
//   - time from a keystroke (search) or a changed select (filter) until the list and its
//     count show the answer and the browser has painted — target under 100 ms.
// Called by bench/run.ts (`npm run bench`); never asserted. Run alone:
//   npx tsx bench/public-list.ts [--site DIR] [--keep]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { PROJECT_ROOT } from "../loaders/db/connection.ts";
import { chromiumInstalled, chromiumPath, launchChromium, serveDirectory } from "../loaders/core/browser.ts";

const WORK = join(PROJECT_ROOT, "data", "bench", "public-list");
const TSX = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
/** The default sample publishes about 90% of its batches (approval, P1; final, P3): 23,000 give over 20,000. */
const SAMPLE_BATCHES = 23_000;
const TARGET_ROWS = 20_000;

function spotcheck(args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, "bin", "spotcheck.js"), ...args], { cwd: PROJECT_ROOT, env, stdio: "ignore" });
}

/** Generates a sample large enough for 20,000 published batches, ingests it, builds the site. */
export function buildPublicListSite({ keep = false } = {}): string {
  const siteDir = join(WORK, "site");
  if (keep && existsSync(join(siteDir, "public", "results.html"))) return siteDir;
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const dbPath = join(WORK, "spotcheck.duckdb");
  const env = { ...process.env, SPOTCHECK_DB: dbPath, SPOTCHECK_SITE_OUT: siteDir, OBSERVABLE_TELEMETRY_DISABLE: "1" };
  spotcheck(["generate", "--out", join(WORK, "sample"), "--batches", String(SAMPLE_BATCHES)], env);
  spotcheck(["ingest", join(WORK, "sample")], env);
  execFileSync(process.execPath, [TSX, join(PROJECT_ROOT, "loaders", "cli", "build-site.ts")], { cwd: PROJECT_ROOT, env, stdio: "ignore" });
  return siteDir;
}

/**
 * In the page: applies `change`, then waits until the count says the list reflects `expect`,
 * and for the paint after. Kept as source text: tsx would otherwise wrap its inner functions
 * in a `__name` helper that does not exist in the page.
 */
const TIME_ANSWER = `async ({ change, expect }) => {
  const el = document.querySelectorAll(change.selector)[change.nth ?? 0];
  const answered = () => {
    const query = JSON.parse(document.querySelector("#result-count")?.getAttribute("data-query") ?? "{}");
    return Object.entries(expect).every(([k, v]) => query[k] === v);
  };
  const started = performance.now();
  if (el instanceof HTMLSelectElement) el.selectedIndex = change.index;
  else el.value = change.value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((resolve) => {
    if (answered()) return resolve();
    const observer = new MutationObserver(() => { if (answered()) { observer.disconnect(); resolve(); } });
    observer.observe(document.querySelector("main"), { childList: true, subtree: true, attributes: true });
  });
  // the frame that shows the answer: its rAF callback runs before the paint, a task queued there runs after it
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - started;
}`;

async function timeAnswer(page: Page, change: { selector: string; nth?: number; value: string; index?: number }, expect: Record<string, string>): Promise<number> {
  return page.evaluate(`(${TIME_ANSWER})(${JSON.stringify({ change, expect })})`) as Promise<number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface PublicListFigures {
  "published rows in the list": string;
  "bytes transferred to open /public/results": string;
  "search: median / slowest (ms)": string;
  "filter: median / slowest (ms)": string;
}

/** Measures a built site (default: builds one with 20,000+ published batches under data/bench/public-list). */
export async function measurePublicList(options: { siteDir?: string; keep?: boolean } = {}): Promise<PublicListFigures> {
  if (!chromiumInstalled()) throw new Error(`没有找到 Chromium（${chromiumPath()}），无法测量公开结果列表`);
  const siteDir = options.siteDir ? resolve(options.siteDir) : buildPublicListSite({ keep: options.keep });
  const site = await serveDirectory(siteDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    let transferred = 0;
    cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => { transferred += e.encodedDataLength; });
    await page.goto(`${site.url}/public/results`, { waitUntil: "networkidle" });
    await page.waitForSelector("#result-count[data-query]");
    const rows = Number((await page.locator("#result-count strong").textContent())!.replace(/,/g, ""));

    const search = "form input[type=text]";
    const searches: number[] = [];
    // common and rare substrings, a failing item, a fragment inside a name, nothing found, then clear
    for (const q of ["有限公司", "电", "重庆市渝北", "标志", "科技", "不存在的企业名称", ""]) {
      searches.push(await timeAnswer(page, { selector: search, value: q }, { q }));
    }
    const filters: number[] = [];
    const selects = await page.locator("form select").evaluateAll((els) =>
      els.map((el) => Array.from((el as HTMLSelectElement).options, (o) => o.textContent!)));
    const names = ["category", "region", "channel", "conclusion", "quarter"];
    for (const [i, options] of selects.entries()) {
      for (const index of [1, Math.min(3, options.length - 1), 0]) {
        filters.push(await timeAnswer(page, { selector: "form select", nth: i, value: "", index }, { [names[i]]: options[index] }));
      }
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)}`;
    return {
      "published rows in the list": `${rows.toLocaleString()}${rows < TARGET_ROWS ? `（少于 ${TARGET_ROWS}）` : ""}`,
      "bytes transferred to open /public/results": `${(transferred / 1e6).toFixed(2)} MB (target < 2 MB)`,
      "search: median / slowest (ms)": `${ms(searches)} (target < 100)`,
      "filter: median / slowest (ms)": `${ms(filters)} (target < 100)`,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { site: { type: "string" }, keep: { type: "boolean", default: false } } });
  const figures = await measurePublicList({ siteDir: values.site, keep: values.keep });
  for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(44)} ${value}`);
}
