// Site build at scale (issue 6): how long `npm run build` takes on a database, its peak
// memory over all its processes (Framework runs each data loader as a child), and what
// each page costs a reader: the bytes of everything it loads when opened in Chromium from
// 127.0.0.1 until the network is idle, raw and gzip-compressed (what a compressing web
// server would send). Called by bench/run.ts; never asserted.
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { PROJECT_ROOT } from "../loaders/db/connection.ts";
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

/** The figures bench/run.ts prints for the site: build time and memory, and the heaviest page. */
export async function measureSiteBuild(dbPath: string, outDir = join(PROJECT_ROOT, "data", "bench", "site")): Promise<Record<string, string>> {
  const logFile = join(dirname(outDir), "site-build.log");
  const build = await timeSiteBuild(dbPath, outDir, logFile);
  const measured = chromiumInstalled();
  const pages = measured ? await measurePageTransfers(outDir) : estimatePageTransfers(outDir);
  const largest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const how = measured ? "measured in Chromium" : "estimated from files (no Chromium)";
  return {
    "site build, cold (npm run build)": `${build.seconds.toFixed(1)} s`,
    "site build peak RSS, all processes": build.peakRssBytes ? mb(build.peakRssBytes) : "n/a (no ps)",
    "pages built": String(pages.length),
    "site on disk": mb(directoryBytes(outDir)),
    [`largest page transfer (${how})`]: `${largest.path} ${mb(largest.bytes)} raw, ${mb(largest.gzipBytes)} gzip, ${largest.requests} requests`,
    "median page transfer": mb(pages.map((p) => p.bytes).sort((a, b) => a - b)[Math.floor(pages.length / 2)]),
    "build log": logFile.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, logFile) : logFile,
  };
}
