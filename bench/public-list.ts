// The public site (issues 5 and 11), measured in Chromium at 20,000, 200,000 and 1,000,000
// published rows (--rows 20000,200000,1000000):
//   - the size of dist-public/ (target at 1M: < 300 MB);
//   - bytes transferred before the first row of /public/results shows (target < 1 MB at
//     every size: the newest-rows shard first), and until the network is idle;
//   - time from a keystroke (search) or a changed select (filter) until the list and its
//     count show the answer and the browser has painted, once the data has arrived — the
//     first search also waits for the year shards, so it is reported apart (target at 200k:
//     median < 300 ms);
//   - apache-arrow against the JSON it replaces: bytes (raw, gzip -9) and decode time in
//     Chromium of the largest year shard against the same rows as JSON.
// Called by bench/run.ts (`npm run bench`); never asserted. Run alone:
//   npx tsx bench/public-list.ts [--rows 20000,200000] [--site DIR] [--keep]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { PROJECT_ROOT } from "../loaders/db/connection.ts";
import { chromiumInstalled, chromiumPath, launchChromium, serveDirectory } from "../loaders/core/browser.ts";

const WORK = join(PROJECT_ROOT, "data", "bench", "public-list");
const TSX = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
/** The default sample publishes about 90% of its batches (approval, P1; final, P3). */
const BATCHES_PER_PUBLISHED_ROW = 23 / 20;
export const DEFAULT_ROWS = [20_000, 200_000, 1_000_000];

function spotcheck(args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, "bin", "spotcheck.js"), ...args], { cwd: PROJECT_ROOT, env, stdio: "ignore" });
}

/** Generates a sample large enough for `rows` published batches, ingests it, builds the site (dist/ and dist-public/). */
export function buildPublicListSite({ rows = 20_000, keep = false } = {}): string {
  const work = join(WORK, String(rows));
  const siteDir = join(work, "site");
  if (keep && existsSync(join(siteDir, "public", "results.html"))) return siteDir;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dbPath = join(work, "spotcheck.duckdb");
  const env = { ...process.env, SPOTCHECK_DB: dbPath, SPOTCHECK_SITE_OUT: siteDir, OBSERVABLE_TELEMETRY_DISABLE: "1" };
  spotcheck(["generate", "--out", join(work, "sample"), "--batches", String(Math.ceil(rows * BATCHES_PER_PUBLISHED_ROW))], env);
  spotcheck(["ingest", join(work, "sample")], env);
  rmSync(join(work, "sample"), { recursive: true, force: true });
  execFileSync(process.execPath, [TSX, join(PROJECT_ROOT, "loaders", "cli", "build-site.ts")], { cwd: PROJECT_ROOT, env, stdio: "ignore" });
  return siteDir;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    total += st.isDirectory() ? directoryBytes(path) : st.size;
  }
  return total;
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

export type PublicListFigures = Record<string, string>;

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** The largest year shard of a built site and the same rows as JSON (the yearly download): bytes, and decode time in the page. */
async function arrowAgainstJson(page: Page, siteDir: string): Promise<Record<string, string>> {
  const files = readdirSync(join(siteDir, "_file", "public", "_data", "results")).filter((f) => /^\d{4}\./.test(f));
  const largest = files.map((f) => ({ f, size: statSync(join(siteDir, "_file", "public", "_data", "results", f)).size })).sort((a, b) => b.size - a.size)[0];
  const year = largest.f.slice(0, 4);
  const arrowBytes = readFileSync(join(siteDir, "_file", "public", "_data", "results", largest.f));
  const jsonBytes = readFileSync(join(siteDir, "public", "downloads", `${year}.json`));
  const arrowDir = readdirSync(join(siteDir, "_node")).find((d) => d.startsWith("apache-arrow@"))!;
  const arrowModule = readdirSync(join(siteDir, "_node", arrowDir)).find((f) => f.endsWith(".js"))!;
  const components = readdirSync(join(siteDir, "_import", "components")).find((f) => /^public-results\.[0-9a-f]+\.js$/.test(f))!;
  const timings = await page.evaluate(`(async () => {
    const Arrow = await import("/_node/${arrowDir}/${arrowModule}");
    const results = await import("/_import/components/${components}");
    const arrow = await (await fetch("/_file/public/_data/results/${largest.f}")).arrayBuffer();
    const json = await (await fetch("/public/downloads/${year}.json")).arrayBuffer();
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = (f, n) => { const xs = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); xs.push(performance.now() - t); } return median(xs); };
    return {
      rows: Arrow.tableFromIPC(new Uint8Array(arrow)).numRows,
      arrowDecode: time(() => Arrow.tableFromIPC(new Uint8Array(arrow)).numRows, 5),
      arrowSearchReady: time(() => new results.ResultList([results.readShard(arrow)], {terms: ["有限公司"]}).length, 3),
      jsonParse: time(() => JSON.parse(new TextDecoder().decode(json)).rows.length, 3),
    };
  })()`) as { rows: number; arrowDecode: number; arrowSearchReady: number; jsonParse: number };
  const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
  return {
    [`Arrow shard ${year} (${timings.rows.toLocaleString()} rows): raw / gzip`]: `${MB(arrowBytes.length)} / ${MB(gz(arrowBytes))}`,
    [`  decode (tableFromIPC) / decode + first search`]: `${timings.arrowDecode.toFixed(0)} ms / ${timings.arrowSearchReady.toFixed(0)} ms`,
    [`JSON of the same rows (${year}.json): raw / gzip`]: `${MB(jsonBytes.length)} / ${MB(gz(jsonBytes))}`,
    [`  decode (JSON.parse)`]: `${timings.jsonParse.toFixed(0)} ms`,
    ["kept"]: arrowBytes.length < jsonBytes.length && timings.arrowDecode < timings.jsonParse ? "Arrow (smaller and faster to decode)" : "see the figures: Arrow does not win here",
  };
}

/** Measures one built site (default: builds one with `rows` published batches under data/bench/public-list/<rows>). */
export async function measurePublicSite(options: { rows?: number; siteDir?: string; keep?: boolean } = {}): Promise<PublicListFigures> {
  if (!chromiumInstalled()) throw new Error(`没有找到 Chromium（${chromiumPath()}），无法测量公开结果列表`);
  const siteDir = options.siteDir ? resolve(options.siteDir) : buildPublicListSite({ rows: options.rows, keep: options.keep });
  const publicSite = `${siteDir}-public`;
  const site = await serveDirectory(siteDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    let transferred = 0;
    cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => { transferred += e.encodedDataLength; });
    const opened = performance.now();
    await page.goto(`${site.url}/public/results`);
    await page.waitForSelector("tbody tr", { timeout: 120_000 });
    const beforeFirstRow = transferred;
    const firstRowMs = performance.now() - opened;
    await page.waitForLoadState("networkidle");
    const atIdle = transferred;
    await page.waitForSelector("#result-count[data-query]");
    const rows = Number((await page.locator("#result-count strong").textContent())!.replace(/,/g, ""));

    const search = "form input[type=text]";
    // the first search waits for the year shards (download and decode); later ones have their data
    const firstSearch = await timeAnswer(page, { selector: search, value: "有限公司" }, { q: "有限公司" });
    const searches: number[] = [];
    // common and rare substrings, a failing item, a fragment inside a name, nothing found, then clear
    for (const q of ["电", "重庆市渝北", "标志", "科技", "不存在的企业名称", "有限公司 重庆", ""]) {
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
      "published rows in the list": rows.toLocaleString(),
      "dist-public/ size": `${MB(directoryBytes(publicSite))}${rows >= 900_000 ? " (target at 1M < 300 MB)" : ""}`,
      "bytes before the first row of /public/results": `${MB(beforeFirstRow)} in ${firstRowMs.toFixed(0)} ms (target < 1 MB)`,
      "bytes until the network is idle (no search yet)": MB(atIdle),
      "bytes after searching everything (all shards)": MB(transferred),
      "first search, year shards loading (ms)": firstSearch.toFixed(0),
      "search once the data has arrived: median / slowest (ms)": `${ms(searches)} (target at 200k: median < 300)`,
      "filter: median / slowest (ms)": ms(filters),
      ...(await arrowAgainstJson(page, siteDir)),
    };
  } finally {
    await browser.close();
    await site.close();
  }
}

/** Every size (default 20k, 200k and 1M published rows), or one existing site. */
export async function measurePublicList(options: { rows?: number[]; siteDir?: string; keep?: boolean } = {}): Promise<PublicListFigures> {
  if (options.siteDir) return measurePublicSite({ siteDir: options.siteDir });
  const out: PublicListFigures = {};
  for (const rows of options.rows ?? DEFAULT_ROWS) {
    for (const [label, value] of Object.entries(await measurePublicSite({ rows, keep: options.keep }))) out[`[${rows.toLocaleString()}] ${label}`] = value;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { site: { type: "string" }, keep: { type: "boolean", default: false }, rows: { type: "string" } } });
  const rows = values.rows ? values.rows.split(",").map(Number) : undefined;
  const figures = values.site ? await measurePublicSite({ siteDir: values.site }) : await measurePublicList({ rows, keep: values.keep });
  for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(60)} ${value}`);
}
