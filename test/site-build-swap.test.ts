// Issue 9 item 8: `npm run build` builds into fresh folders and swaps them in only when the
// build succeeded — a failed build (the database locked by an ingest, a loader error) leaves
// the previous intranet site dist/ and public site dist-public/ exactly as they were.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../loaders/db/connection.ts";
import { buildSite, exportSiteData, replaceDirectoriesOnSuccess, runFramework } from "../loaders/cli/site-pipeline.ts";

let work: string;
let savedOut: string | undefined;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "site-swap-"));
  savedOut = process.env.SPOTCHECK_SITE_OUT;
  process.env.SPOTCHECK_SITE_OUT = join(work, "dist");
});
afterEach(() => {
  if (savedOut === undefined) delete process.env.SPOTCHECK_SITE_OUT;
  else process.env.SPOTCHECK_SITE_OUT = savedOut;
  rmSync(work, { recursive: true, force: true });
});

const write = (path: string, text: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};
const read = (path: string) => readFileSync(path, "utf8");

/** The sites of a previous build, each with a page that says so. */
function previousSites(): { dist: string; pub: string } {
  const dist = join(work, "dist");
  const pub = join(work, "dist-public");
  write(join(dist, "public", "index.html"), "上次构建");
  write(join(dist, "workbench", "index.html"), "上次构建（内网）");
  write(join(pub, "public", "index.html"), "上次构建");
  return { dist, pub };
}

describe("replaceDirectoriesOnSuccess", () => {
  it("leaves the previous folders as they were when the build fails half-way, and no half-built folder behind", async () => {
    const { dist, pub } = previousSites();
    await expect(replaceDirectoriesOnSuccess([dist, pub], async ([next]) => {
      write(join(next, "public", "index.html"), "半成品");
      throw new Error("数据库被占用");
    })).rejects.toThrow("数据库被占用");
    expect(read(join(dist, "public", "index.html"))).toBe("上次构建");
    expect(read(join(dist, "workbench", "index.html"))).toBe("上次构建（内网）");
    expect(read(join(pub, "public", "index.html"))).toBe("上次构建");
    expect(readdirSync(work).sort()).toEqual(["dist", "dist-public"]);
  });

  it("fails, keeping the previous folders, when the build produced nothing", async () => {
    const { dist, pub } = previousSites();
    await expect(replaceDirectoriesOnSuccess([dist, pub], async ([next]) => write(join(next, "x.html"), "新"))).rejects.toThrow(/没有生成/);
    expect(read(join(pub, "public", "index.html"))).toBe("上次构建");
    expect(readdirSync(work).sort()).toEqual(["dist", "dist-public"]);
  });

  it("replaces every folder, old files gone, when the build succeeds (also the first time)", async () => {
    const { dist, pub } = previousSites();
    rmSync(pub, { recursive: true });
    await replaceDirectoriesOnSuccess([dist, pub], async ([next, nextPub]) => {
      write(join(next, "public", "index.html"), "新构建");
      write(join(nextPub, "public", "index.html"), "新构建");
    });
    expect(read(join(dist, "public", "index.html"))).toBe("新构建");
    expect(existsSync(join(dist, "workbench"))).toBe(false);
    expect(read(join(pub, "public", "index.html"))).toBe("新构建");
    expect(readdirSync(work).sort()).toEqual(["dist", "dist-public"]);
  });

  it("puts back a site that a killed build had moved aside, and drops a killed build's half-built folder", async () => {
    const { dist, pub } = previousSites();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!; // a process that has ended
    rmSync(dist, { recursive: true });
    write(join(work, `dist.old-${dead}`, "public", "index.html"), "上次构建");
    write(join(work, `dist-public.next-${dead}`, "public", "index.html"), "半成品");
    await expect(replaceDirectoriesOnSuccess([dist, pub], async () => { throw new Error("失败"); })).rejects.toThrow("失败");
    expect(read(join(dist, "public", "index.html"))).toBe("上次构建");
    expect(readdirSync(work).sort()).toEqual(["dist", "dist-public"]);
  });
});

describe("buildSite", () => {
  const noCache = () => {}; // leave the worktree's Framework cache alone (the browser tests may be building)
  // the stand-in Framework writes placeholder pages, not Framework's template, and the worktree's
  // own src/public/_pages belong to the last real export: neither is what these tests are about
  const keepAsBuilt = () => {};

  it("keeps dist/ and dist-public/ when Framework fails", async () => {
    const { dist, pub } = previousSites();
    await expect(buildSite({
      ensureDatabase: async () => join(work, "x.duckdb"),
      exportSiteData: async () => {}, prepareFrameworkCache: noCache,
      runFramework: async (_args, _db, out) => {
        write(join(out, "public", "index.html"), "半成品");
        throw new Error("observable build 退出码 1");
      },
    })).rejects.toThrow("退出码 1");
    expect(read(join(dist, "workbench", "index.html"))).toBe("上次构建（内网）");
    expect(read(join(pub, "public", "index.html"))).toBe("上次构建");
    expect(readdirSync(work).sort()).toEqual(["dist", "dist-public"]);
  });

  it("keeps the previous site when the database is locked by an ingest in another process (the real export step)", async () => {
    const { dist, pub } = previousSites();
    const dbPath = join(work, "locked.duckdb");
    (await openDatabase(dbPath, { readOnly: false })).close();
    // an ingest in another process holds the write lock (within one process DuckDB shares the instance)
    const ingest = spawn(process.execPath, ["--input-type=module", "-e", `
      import { DuckDBInstance } from "@duckdb/node-api";
      const db = await DuckDBInstance.create(${JSON.stringify(dbPath)});
      await db.connect();
      console.log("locked");
      setInterval(() => {}, 1000);`], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        ingest.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
        ingest.on("exit", (code) => reject(new Error(`lock holder exited ${code}`)));
      });
      await expect(buildSite({ ensureDatabase: async () => dbPath, exportSiteData, prepareFrameworkCache: noCache, runFramework }))
        .rejects.toThrow(/无法以只读方式打开数据库/);
    } finally {
      ingest.kill("SIGKILL");
    }
    expect(read(join(dist, "public", "index.html"))).toBe("上次构建");
    expect(read(join(dist, "workbench", "index.html"))).toBe("上次构建（内网）");
    expect(read(join(pub, "public", "index.html"))).toBe("上次构建");
    expect(readdirSync(work).filter((name) => !name.startsWith("locked.duckdb")).sort()).toEqual(["dist", "dist-public"]);
  });

  it("swaps in the new intranet site and a public site assembled from it", async () => {
    const { dist, pub } = previousSites();
    const out = await buildSite({
      ensureDatabase: async () => join(work, "x.duckdb"),
      exportSiteData: async () => {}, prepareFrameworkCache: noCache, completeSite: keepAsBuilt,
      runFramework: async (_args, _db, next) => {
        write(join(next, "public", "index.html"), "新构建");
        write(join(next, "workbench", "index.html"), "新构建（内网）");
      },
    });
    expect(out).toBe(dist);
    expect(read(join(dist, "workbench", "index.html"))).toBe("新构建（内网）");
    expect(read(join(pub, "public", "index.html"))).toBe("新构建");
    expect(existsSync(join(pub, "workbench"))).toBe(false);
    expect(readdirSync(work).sort()).toEqual(["dist", "dist-public"]);
  });
});
