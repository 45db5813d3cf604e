// The main job: sample data → DuckDB → derived tables → Framework site.
// Shared by `npm start`, `npm run build` and `npm run dev`.
import { spawn } from "node:child_process";
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDatabase, PROJECT_ROOT, resolveDbPath } from "../db/connection.ts";
import { ingestIntoDatabase } from "../ingest/ingest.ts";
import { derivedTablesState, refreshDerivedTables, resolveDerivedContext } from "../refresh/refresh-derived-tables.ts";

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
    const reader = await openDatabase(dbPath, { readOnly: true });
    let derived;
    try {
      derived = await derivedTablesState(reader.conn);
    } finally {
      reader.close();
    }
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

/** Framework's cache ignores edits to helpers and .sql files: always build from a clean cache. */
export function cleanFrameworkCache(): void {
  rmSync(join(PROJECT_ROOT, "src", ".observablehq", "cache"), { recursive: true, force: true });
}

export function runFramework(args: string[], dbPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(PROJECT_ROOT, "node_modules", ".bin", "observable"), args, {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
      env: { ...process.env, SPOTCHECK_DB: dbPath, OBSERVABLE_TELEMETRY_DISABLE: "1" },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`observable ${args.join(" ")} 退出码 ${code}`))));
  });
}

/** Where the site is built: dist/, or SPOTCHECK_SITE_OUT (the browser tests build one of their own). */
export function siteOutputDir(): string {
  return resolve(PROJECT_ROOT, process.env.SPOTCHECK_SITE_OUT ?? "dist");
}

/**
 * The part of the built site that may go on the public web server (article 62): the public
 * pages, their data and the shared code — none of the analysts' or leadership's pages and
 * data (audit evidence names staff codes and companies whose results are still withheld).
 * dist/ is the intranet site; dist-public/ is what the public sees.
 */
export function assemblePublicSite(siteDir: string): string {
  const target = `${siteDir}-public`;
  rmSync(target, { recursive: true, force: true });
  for (const part of ["public", "_file/public", "_file/components", "_import", "_node", "_npm", "_observablehq"]) {
    if (existsSync(join(siteDir, part))) cpSync(join(siteDir, part), join(target, part), { recursive: true });
  }
  writeFileSync(join(target, "index.html"),
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=./public/"><title>抽查结果公告</title><a href="./public/">抽查结果公告</a>\n');
  return target;
}

export async function buildSite(): Promise<string> {
  const dbPath = await ensureDatabase();
  cleanFrameworkCache();
  rmSync(siteOutputDir(), { recursive: true, force: true });
  await runFramework(["build"], dbPath);
  assemblePublicSite(siteOutputDir());
  return siteOutputDir();
}
