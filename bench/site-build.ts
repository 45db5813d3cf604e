// Site build at scale (issues 6 and 11): how long `npm run build` takes on a database (the
// one-pass export, then Framework with no data loaders), as a multiple of one `spotcheck rates`
// process; a cold `npm start` from no database to serving; the export alone; the explorer's cube
// as Arrow IPC against the JSON it replaced (bytes, decode time); peak memory over all the
// build's processes; and what each page costs a reader: the bytes of everything it loads when
// opened in Chromium from 127.0.0.1 until the network is idle, raw and gzip-compressed (what a
// compressing web server would send). Called by bench/run.ts; never asserted.
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { tableFromIPC, tableToIPC } from "apache-arrow";
import { openDatabase, PROJECT_ROOT } from "../loaders/db/connection.ts";
import { chromiumInstalled, launchChromium, serveDirectory } from "../loaders/core/browser.ts";

const TSX = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

export interface PageTransfer { path: string; bytes: number; gzipBytes: number; requests: number }

/** Every page of a built site as a URL path: a/index.html → /a/, a/b.html → /a/b. */
export function listSitePages(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => "/" + file.split("\\").join("/").replace(/(index)?\.html$/, ""))
    .sort();
}

/** Resident memory (bytes) of a process and all its descendants, from `ps`; 0 where ps is missing. */
function treeRss(rootPid: number): number {
  let table: string;
  try {
    table = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" });
  } catch {
    return 0;
  }
  const rows = table.trim().split("\n").map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows) if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
  }
  return rows.filter(([pid]) => tree.has(pid)).reduce((sum, [, , rss]) => sum + rss * 1024, 0);
}

/** Runs `npm run build` (loaders/cli/build-site.ts, cold: it clears Framework's cache) into outDir. */
export async function timeSiteBuild(dbPath: string, outDir: string, logFile: string): Promise<{ seconds: number; peakRssBytes: number }> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn(process.execPath, [TSX, join(PROJECT_ROOT, "loaders", "cli", "build-site.ts")], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SPOTCHECK_DB: dbPath, SPOTCHECK_SITE_OUT: outDir, OBSERVABLE_TELEMETRY_DISABLE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let peakRssBytes = 0;
  const sampler = setInterval(() => { peakRssBytes = Math.max(peakRssBytes, treeRss(child.pid!)); }, 500);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  log.end();
  if (code !== 0) throw new Error(`站点构建失败（退出码 ${code}），日志：${logFile}`);
  return { seconds: (performance.now() - started) / 1000, peakRssBytes };
}

/** The built file a URL of the local server serves (sirv: "/a/" → a/index.html, "/a/b" → a/b.html). */
function servedFile(siteDir: string, url: URL): string | null {
  const path = decodeURIComponent(url.pathname);
  for (const candidate of [path.endsWith("/") ? `${path}index.html` : path, `${path}.html`]) {
    const file = join(siteDir, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/**
 * Opens every page in Chromium and adds up what it loads until the network is idle:
 * Chromium says which files a page fetches; their sizes (raw, and gzip-compressed as a
 * compressing web server would send them) come from the built files.
 */
export async function measurePageTransfers(siteDir: string): Promise<PageTransfer[]> {
  const site = await serveDirectory(siteDir);
  const browser = await launchChromium();
  const gzipCache = new Map<string, number>();
  const gzipSize = (file: string) => {
    if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file)).length);
    return gzipCache.get(file)!;
  };
  const results: PageTransfer[] = [];
  try {
    for (const path of listSitePages(siteDir)) {
      const page = await browser.newPage();
      const files: string[] = [];
      page.on("requestfinished", (request) => {
        const file = servedFile(siteDir, new URL(request.url()));
        if (file) files.push(file);
      });
      await page.goto(site.url + path, { waitUntil: "networkidle" });
      await page.close();
      results.push({
        path,
        bytes: files.reduce((s, f) => s + statSync(f).size, 0),
        gzipBytes: files.reduce((s, f) => s + gzipSize(f), 0),
        requests: files.length,
      });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return results;
}

/**
 * Without Chromium: an upper bound from the built files, the page's HTML plus every file
 * it names (stylesheets, module preloads, registered file attachments), whether or not
 * the page fetches it on opening.
 */
export function estimatePageTransfers(siteDir: string): PageTransfer[] {
  return listSitePages(siteDir).map((path) => {
    const htmlFile = join(siteDir, path.endsWith("/") ? `${path}index.html` : `${path}.html`);
    const html = readFileSync(htmlFile, "utf8");
    const named = new Set([...html.matchAll(/(?:href|src|"path")\s*[=:]\s*"([^"#?]+)"/g)].map(([, ref]) => ref)
      .filter((ref) => !/^[a-z]+:/i.test(ref) && /\.[a-z0-9]+$/i.test(ref)));
    const files = [htmlFile, ...[...named].map((ref) => join(ref.startsWith("/") ? siteDir : dirname(htmlFile), ref))];
    const contents = files.map((f) => { try { return readFileSync(f); } catch { return Buffer.alloc(0); } });
    return {
      path,
      bytes: contents.reduce((s, c) => s + c.length, 0),
      gzipBytes: contents.reduce((s, c) => s + gzipSync(c).length, 0),
      requests: contents.length,
    };
  });
}

function directoryBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => statSync(join(dir, f)))
    .filter((s) => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);
}

/** Wall time of one `spotcheck rates` process on the database (start-up, open, one query, print): the unit of "a build costs N processes". */
export function timeRatesProcess(dbPath: string): number {
  const started = performance.now();
  execFileSync(process.execPath, [join(PROJECT_ROOT, "bin", "spotcheck.js"), "rates", "--by", "channel", "--db", dbPath], {
    cwd: PROJECT_ROOT, stdio: "ignore",
  });
  return (performance.now() - started) / 1000;
}

/** The one-pass export alone (loaders/site/export-site.ts) into a scratch src/ folder, in this process. */
export async function timeSiteExport(dbPath: string): Promise<{ seconds: number; files: number; bytes: number }> {
  const { exportSite } = await import("../loaders/site/export-site.ts");
  const scratch = mkdtempSync(join(tmpdir(), "spotcheck-export-"));
  try {
    const started = performance.now();
    const manifest = await exportSite({ db: dbPath, srcDir: join(scratch, "src"), manifestPath: join(scratch, "routes.json") });
    return { seconds: (performance.now() - started) / 1000, files: manifest.files.length, bytes: manifest.files.reduce((n, f) => n + f.bytes, 0) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The explorer's cube in the two forms: the Arrow IPC stream the export writes (cube.arrows) and
 * the compact JSON it replaced (mixed-radix key deltas); bytes raw and gzip -9, and decode time
 * in Node (median of 7) of what the page does before its first rollup: tableFromIPC +
 * cubesFromArrow, against JSON.parse + decodeCubes.
 */
export async function compareCubeEncodings(dbPath: string): Promise<Record<string, string>> {
  const { buildCubeCells, cubeSetJson, cubeTable } = await import("../loaders/site/workbench/cube.ts");
  const { cubesFromArrow, decodeCubes, rollupCube } = await import("../src/components/workbench-stats.ts");
  const db = await openDatabase(dbPath, { readOnly: true });
  let cells;
  try {
    cells = await buildCubeCells(db.conn);
  } finally {
    db.close();
  }
  const arrow = tableToIPC(cubeTable(cells), "stream");
  const json = Buffer.from(JSON.stringify(cubeSetJson(cells)));
  const time = (decode: () => unknown) => median(Array.from({ length: 7 }, () => {
    const started = performance.now();
    decode();
    return performance.now() - started;
  }));
  const arrowMs = time(() => cubesFromArrow(tableFromIPC(arrow)));
  const jsonMs = time(() => decodeCubes(JSON.parse(json.toString("utf8"))));
  // the same answer from both (a check of the bench itself, not a test)
  const a = rollupCube(cubesFromArrow(tableFromIPC(arrow)), ["channel"]);
  const b = rollupCube(decodeCubes(JSON.parse(json.toString("utf8"))), ["channel"]);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("cube.arrows 与 JSON 的汇总结果不一致");
  const cellCount = cells.cubes.reduce((n, c) => n + c.inspected.length, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  return {
    "explorer cube cells": cellCount.toLocaleString(),
    "cube.arrows (Arrow IPC, shipped): raw / gzip -9": `${kb(arrow.byteLength)} / ${kb(gzipSync(arrow, { level: 9 }).length)}`,
    "cube JSON (key deltas, replaced): raw / gzip -9": `${kb(json.length)} / ${kb(gzipSync(json, { level: 9 }).length)}`,
    "cube decode in Node: Arrow / JSON (median of 7)": `${arrowMs.toFixed(1)} ms / ${jsonMs.toFixed(1)} ms`,
  };
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, (res) => { res.resume(); resolve(res.statusCode === 200); }).on("error", () => resolve(false));
  });
}

/**
 * A cold `npm start` (loaders/cli/start.ts) with no database: default sample (generated into
 * data/sample/ unless it is already there), ingest with refresh, export, build, serve — timed
 * until the server answers 200 for /public/. The server is then stopped (by its pid).
 */
export async function timeColdStart(logFile: string): Promise<{ seconds: number; sampleExisted: boolean }> {
  const scratch = mkdtempSync(join(tmpdir(), "spotcheck-start-"));
  const sampleExisted = existsSync(join(PROJECT_ROOT, "data", "sample", "batches.csv"));
  const port = 20000 + (process.pid % 20000);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn(process.execPath, [TSX, join(PROJECT_ROOT, "loaders", "cli", "start.ts")], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env, SPOTCHECK_DB: join(scratch, "spotcheck.duckdb"), SPOTCHECK_SITE_OUT: join(scratch, "dist"),
      PORT: String(port), HOST: "127.0.0.1", OBSERVABLE_TELEMETRY_DISABLE: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited: number | null | undefined;
  child.on("exit", (code) => { exited = code; });
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`npm start 提前退出（退出码 ${exited}），日志：${logFile}`);
      if (await httpOk(`http://127.0.0.1:${port}/public/`)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return { seconds: (performance.now() - started) / 1000, sampleExisted };
  } finally {
    if (exited === undefined) {
      const stopped = new Promise((r) => child.on("exit", r));
      child.kill("SIGTERM");
      await stopped;
    }
    log.end();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The figures bench/run.ts prints for the site: build time and memory, the export, the cube, and the heaviest page. */
export async function measureSiteBuild(dbPath: string, outDir = join(PROJECT_ROOT, "data", "bench", "site")): Promise<Record<string, string>> {
  const logFile = join(dirname(outDir), "site-build.log");
  const build = await timeSiteBuild(dbPath, outDir, logFile);
  const rates = timeRatesProcess(dbPath);
  const exported = await timeSiteExport(dbPath);
  const cube = await compareCubeEncodings(dbPath);
  const measured = chromiumInstalled();
  const pages = measured ? await measurePageTransfers(outDir) : estimatePageTransfers(outDir);
  const largest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const how = measured ? "measured in Chromium" : "estimated from files (no Chromium)";
  return {
    "site build from the database (npm run build)": `${build.seconds.toFixed(1)} s`,
    "one `spotcheck rates` process": `${rates.toFixed(2)} s`,
    "build as a multiple of one rates process": `${(build.seconds / rates).toFixed(1)} ×`,
    "one-pass export alone": `${exported.seconds.toFixed(1)} s, ${exported.files} files, ${mb(exported.bytes)}`,
    ...cube,
    "site build peak RSS, all processes": build.peakRssBytes ? mb(build.peakRssBytes) : "n/a (no ps)",
    "pages built": String(pages.length),
    "site on disk": mb(directoryBytes(outDir)),
    [`largest page transfer (${how})`]: `${largest.path} ${mb(largest.bytes)} raw, ${mb(largest.gzipBytes)} gzip, ${largest.requests} requests`,
    "median page transfer": mb(pages.map((p) => p.bytes).sort((a, b) => a - b)[Math.floor(pages.length / 2)]),
    "build log": logFile.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, logFile) : logFile,
  };
}
