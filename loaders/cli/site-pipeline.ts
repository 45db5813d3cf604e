// The main job: sample data → DuckDB → derived tables → Framework site.
// Shared by `npm start`, `npm run build` and `npm run dev`.
import { spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, delimiter, dirname, join, relative, resolve } from "node:path";
import { PROJECT_ROOT, resolveDerivedContext } from "../core/config.ts";
import { resolveDbPath } from "../db/connection.ts";
import { derivedTablesState } from "../db/derived-state.ts";
import { withReader } from "../db/lifecycle.ts";
import { ingestIntoDatabase } from "../ingest/ingest.ts";
import { refreshDerivedTables } from "../refresh/refresh-derived-tables.ts";
import { AUDIENCES, STATIC_PAGES_DIR, audienceDir } from "../site/site-writer.ts";

export const DEFAULT_SAMPLE_DIR = join(PROJECT_ROOT, "data", "sample");

/**
 * When the database is missing: generate the default sample (about 20,000 batches) and
 * ingest it, with the refresh in the same write session. When it exists but its derived
 * tables do not follow the data (derivedTablesState: an ingest killed or failed before its
 * refresh, `--no-refresh`, a database from before the record existed): recompute them
 * here — the build is allowed to write, before Framework's loaders open it READ_ONLY.
 */
export async function ensureDatabase(): Promise<string> {
  const dbPath = resolveDbPath();
  const context = resolveDerivedContext();
  if (existsSync(dbPath)) {
    const derived = await withReader(dbPath, derivedTablesState, { derivedTables: false });
    if (derived.state !== "fresh") {
      console.log(`数据库 ${dbPath} 的派生表${derived.state === "missing" ? "不完整" : "已过期"}（${derived.reason}）：按 ${context.asOf} 重算……`);
      await refreshDerivedTables(dbPath, context);
    }
    return dbPath;
  }
  const { generateSample } = await import("../sample/generate.ts");
  console.log(`数据库 ${dbPath} 不存在：生成默认示例数据并导入……`);
  if (!existsSync(join(DEFAULT_SAMPLE_DIR, "batches.csv"))) await generateSample({ out: DEFAULT_SAMPLE_DIR });
  const summary = await ingestIntoDatabase(dbPath, [DEFAULT_SAMPLE_DIR], { refresh: context });
  for (const f of summary.files) console.log(`  ${f.file}: ${f.status}, ${f.rows_loaded} 行导入, ${f.rows_rejected} 行隔离`);
  return dbPath;
}

export const FRAMEWORK_CACHE = join(PROJECT_ROOT, "src", ".observablehq", "cache");
const FRAMEWORK_DIR = join(PROJECT_ROOT, "node_modules", "@observablehq", "framework");

/**
 * The packages Framework's client code names as `npm:` imports: the lazy built-in libraries
 * (recommendedLibraries.js: `echarts`, `React`, `L`…), `import("npm:react-dom")` for JSX
 * (main.js), FileAttachment's `.csv()`/`.arrow()`/`.parquet()` (d3-dsv, apache-arrow,
 * arquero, parquet-wasm), the sample datasets. Bundling the client (rollup) resolves every
 * such string to a versioned path /_npm/<name>@<version>/… even though our pages never load
 * one (no `npm:` imports, see docs/architecture.md): only the version is needed, never the
 * module. A specifier with an exact version (`npm:x@1.2.3`) needs no lookup and is left out.
 */
export function frameworkClientNpmPackages(frameworkDir = FRAMEWORK_DIR): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) {
        for (const m of readFileSync(path, "utf8").matchAll(/["'`]npm:((?:@[\w.-]+\/)?[\w.-]+)(?:@([^/"'`]+))?/g)) {
          if (m[2] === undefined || !/^\d+\.\d+\.\d+([-+].*)?$/.test(m[2])) names.add(m[1]);
        }
      }
    }
  };
  walk(join(frameworkDir, "dist", "client"));
  return [...names].sort();
}

/** The version recorded for a package not in node_modules (nothing of it is built into the site). */
export const NOT_INSTALLED_VERSION = "0.0.0-not-installed";

/**
 * Seeds Framework's npm version cache: a directory `_npm/<name>@<version>` is all Framework's
 * resolveNpmVersion looks for (node_modules/@observablehq/framework/dist/npm.js) before it asks
 * registry.npmjs.org for "latest" — which, with no network, kills the build (EAI_AGAIN). The
 * version is the one in node_modules when the package is installed, NOT_INSTALLED_VERSION
 * otherwise. A build is then the same with or without a network: no lookup, same client bundle.
 */
export function seedFrameworkNpmVersions(cacheDir = FRAMEWORK_CACHE, projectRoot = PROJECT_ROOT,
  names = frameworkClientNpmPackages(join(projectRoot, "node_modules", "@observablehq", "framework"))): string[] {
  const seeded: string[] = [];
  for (const name of names) {
    const pkg = join(projectRoot, "node_modules", name, "package.json");
    const version = existsSync(pkg) ? String(JSON.parse(readFileSync(pkg, "utf8")).version) : NOT_INSTALLED_VERSION;
    mkdirSync(join(cacheDir, "_npm", `${name}@${version}`), { recursive: true });
    seeded.push(`${name}@${version}`);
  }
  return seeded;
}

/**
 * Before every build and preview: the page data comes from the one-pass export (exportSiteData),
 * written as plain files, so Framework's cache holds no data of ours that could be stale — it is
 * thrown away all the same (any data loader left in src/ would be cached there, and that cache
 * ignores edits to helpers, .sql files and the database) — and its npm version cache is seeded
 * from node_modules so that no build needs a network (the build works under `unshare -n`).
 */
export function prepareFrameworkCache(cacheDir = FRAMEWORK_CACHE): void {
  rmSync(cacheDir, { recursive: true, force: true });
  seedFrameworkNpmVersions(cacheDir);
}

export function runFramework(args: string[], dbPath: string, outputDir?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(PROJECT_ROOT, "node_modules", ".bin", "observable"), args, {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
      env: {
        ...process.env, SPOTCHECK_DB: dbPath, OBSERVABLE_TELEMETRY_DISABLE: "1",
        // Framework runs the .ts data loaders with `tsx` from PATH: ours, however the build was started
        PATH: [join(PROJECT_ROOT, "node_modules", ".bin"), process.env.PATH].filter(Boolean).join(delimiter),
        ...(outputDir ? { SPOTCHECK_FRAMEWORK_OUT: outputDir } : {}), // observablehq.config.ts
      },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`observable ${args.join(" ")} 退出码 ${code}`))));
  });
}

/** Where the site is built: dist/, or SPOTCHECK_SITE_OUT (the browser tests build one of their own). */
export function siteOutputDir(): string {
  return resolve(PROJECT_ROOT, process.env.SPOTCHECK_SITE_OUT ?? "dist");
}

/** The public site next to the intranet site: dist-public/ for dist/. */
export function publicSiteDir(siteDir: string): string {
  return `${siteDir}-public`;
}

/**
 * The part of the built site that may go on the public web server (article 62): the public
 * pages, their data and the shared code — none of the analysts' or leadership's pages and
 * data (audit evidence names staff codes and companies whose results are still withheld).
 * dist/ is the intranet site; dist-public/ is what the public sees.
 */
export function assemblePublicSite(siteDir: string, target = publicSiteDir(siteDir)): string {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const part of ["public", "_file/public", "_file/components", "_import", "_node", "_npm", "_observablehq"]) {
    if (existsSync(join(siteDir, part))) cpSync(join(siteDir, part), join(target, part), { recursive: true });
  }
  writeFileSync(join(target, "index.html"),
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=./public/"><title>抽查结果公告</title><a href="./public/">抽查结果公告</a>\n');
  return target;
}

function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

/**
 * Framework 1.13 writes `<html>` with no language and a viewport that blocks pinch-zoom
 * (`maximum-scale=1`, node_modules/@observablehq/framework/dist/render.js) and has no option for
 * either: every page it built gets lang="zh-CN" and a zoomable viewport here (WCAG 2.1 3.1.1,
 * 1.4.4; issue 12). A page without those exact strings means Framework's template changed:
 * the build stops rather than ship a page screen readers read as English.
 */
export function localiseFrameworkPages(siteDir: string): number {
  const VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">';
  let count = 0;
  for (const file of htmlFiles(siteDir)) {
    const text = readFileSync(file, "utf8");
    if (!text.startsWith("<!DOCTYPE html>\n<html>\n") || !text.includes(VIEWPORT)) {
      throw new Error(`${relative(siteDir, file)} 不是预期的 Framework 页面模板（缺少 <html> 或 viewport）：无法加上 lang="zh-CN"`);
    }
    writeFileSync(file, text.replace("<html>", '<html lang="zh-CN">').replace(VIEWPORT, '<meta name="viewport" content="width=device-width, initial-scale=1">'));
    count++;
  }
  return count;
}

/**
 * The static pages the export rendered (src/<audience>/_pages/, SiteWriter.page) go into the
 * built site beside Framework's: hard links where the file system allows (a million result
 * pages copy in seconds, not minutes), copies otherwise. A static page where Framework built
 * one of its own is a mistake in the site's layout: the build stops and names it.
 */
export function installStaticPages(siteDir: string, srcDir = join(PROJECT_ROOT, "src")): number {
  let count = 0;
  for (const audience of AUDIENCES) {
    const from = join(audienceDir(audience, srcDir), STATIC_PAGES_DIR);
    if (!existsSync(from)) continue;
    for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || entry.name.includes(".tmp-")) continue;
      const source = join(entry.parentPath, entry.name);
      const target = join(siteDir, audience, relative(from, source));
      if (existsSync(target)) throw new Error(`静态页面 ${relative(srcDir, source)} 与 Framework 生成的 ${relative(siteDir, target)} 重名`);
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
      count++;
    }
  }
  return count;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * What a build killed half-way left next to `target`: `<target>.next-<pid>` (an unfinished
 * build: removed) and `<target>.old-<pid>` (the previous site, moved aside for the swap: put
 * back when `target` is missing, removed otherwise). Folders of running builds are left alone.
 */
function removeLeftovers(target: string): void {
  if (!existsSync(dirname(target))) return;
  for (const entry of readdirSync(dirname(target))) {
    const m = /^(.*)\.(next|old)-(\d+)$/.exec(entry);
    if (!m || m[1] !== basename(target) || isAlive(Number(m[3]))) continue;
    const path = join(dirname(target), entry);
    if (m[2] === "old" && !existsSync(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Builds into fresh folders beside `targets` and swaps them in only when the whole build
 * succeeded (issue 9 item 8): a build that fails — the database locked by an ingest, a loader
 * error — leaves the previous sites exactly as they were. `build` gets the fresh folders, in
 * the order of `targets`; they are siblings so that each swap is a rename on one file system.
 * Between the two renames of a swap the old site is at `<target>.old-<pid>`, for a moment.
 */
export async function replaceDirectoriesOnSuccess(targets: string[], build: (fresh: string[]) => Promise<void>): Promise<void> {
  for (const target of targets) removeLeftovers(target);
  const fresh = targets.map((t) => `${t}.next-${process.pid}`);
  const removeFresh = () => { for (const f of fresh) rmSync(f, { recursive: true, force: true }); };
  removeFresh();
  try {
    await build(fresh);
    const missing = fresh.filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`构建没有生成 ${missing.map((f) => relative(PROJECT_ROOT, f)).join("、")}`);
  } catch (error) {
    removeFresh();
    throw error;
  }
  const moved: string[] = [];
  targets.forEach((target, i) => {
    const old = `${target}.old-${process.pid}`;
    rmSync(old, { recursive: true, force: true });
    if (existsSync(target)) renameSync(target, old);
    try {
      renameSync(fresh[i], target);
    } catch (error) {
      if (existsSync(old)) renameSync(old, target);
      throw error;
    }
    moved.push(old);
  });
  for (const old of moved) rmSync(old, { recursive: true, force: true });
}

export interface BuildSteps {
  ensureDatabase: () => Promise<string>;
  /** the one-pass export of every page's data into src/ (loaders/site/export-site.ts) */
  exportSiteData: (dbPath: string) => Promise<void>;
  prepareFrameworkCache: () => void;
  runFramework: (args: string[], dbPath: string, outputDir: string) => Promise<void>;
  /** after Framework: its pages localised, the export's static pages installed beside them (default: completeSite) */
  completeSite?: (siteDir: string) => void;
}

/** Framework's pages get lang="zh-CN" and a zoomable viewport; the static pages the export rendered join them. */
export function completeSite(siteDir: string): void {
  localiseFrameworkPages(siteDir);
  installStaticPages(siteDir);
}

/** Every page's data in one pass (loaders/site/export-site.ts): one READ_ONLY connection, files into src/<audience>/_data/. */
export async function exportSiteData(dbPath: string): Promise<void> {
  const { exportSite } = await import("../site/export-site.ts");
  await exportSite({ db: dbPath });
}

/** The intranet site (dist/ or SPOTCHECK_SITE_OUT) and the public one beside it (dist-public/), replaced together. */
export async function buildSite(steps: BuildSteps = { ensureDatabase, exportSiteData, prepareFrameworkCache, runFramework }): Promise<string> {
  const dbPath = await steps.ensureDatabase();
  // before dist/ is touched: a database that cannot be read (locked, stale) leaves the old site standing
  await steps.exportSiteData(dbPath);
  const siteDir = siteOutputDir();
  await replaceDirectoriesOnSuccess([siteDir, publicSiteDir(siteDir)], async ([site, publicSite]) => {
    steps.prepareFrameworkCache();
    await steps.runFramework(["build"], dbPath, site);
    (steps.completeSite ?? completeSite)(site);
    assemblePublicSite(site, publicSite);
  });
  return siteDir;
}
