// Derived tables follow the data (issue 9, item 5; loaders/README.md "Derived tables follow
// the data"). The refresh records what it computed the derived tables from; a run killed or
// failing between the data and the refresh leaves them detectably stale; readers refuse
// them; the next ingest — even with every file unchanged — or the site build repairs them.
//
// Oracle for the gate decisions: rules.md P1 (article 62) — a batch is published only with
// an 同意公开 event on or before the as-of date (spotcheck.config.json: 2025-12-31); both
// batches here are 合格 with a report, so P2 and P3 pass. A is approved in the first
// delivery, B only in the second: B is withheld by P1 until the derived tables follow it.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PROJECT_ROOT, openDatabase, openForReading, query } from "../loaders/db/connection.ts";
import { coveredYears } from "../loaders/calendar/statutory-calendar.ts";
import { ensureDatabase } from "../loaders/cli/site-pipeline.ts";
import { ingestIntoDatabase } from "../loaders/ingest/ingest.ts";
import { resolveDerivedContext } from "../loaders/core/config.ts";
import { DerivedTablesNotFresh, derivedTablesState, needsRefresh } from "../loaders/db/derived-state.ts";
import { refreshDerivedTables, refreshDerivedTablesOn } from "../loaders/refresh/refresh-derived-tables.ts";
import { batchRow, batchesCsv, eventRow, eventsCsv, tempDir, type TempDir } from "./helpers/csv-builders.ts";
import { createFixtureDb } from "./helpers/fixture-db.ts";

const run = promisify(execFile);

// A later file in the same run crashing (an error, not bad input: FileRejected is for bad
// input): opening the file named crash_events.csv throws, in this process only.
vi.mock(import("../loaders/ingest/read-source.ts"), async (original) => {
  const actual = await original();
  return {
    ...actual,
    openSource: async (path: string) => {
      if (path.endsWith("crash_events.csv")) throw new Error("simulated crash while opening crash_events.csv");
      return actual.openSource(path);
    },
  };
});

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.SPOTCHECK_DB;
  delete env.SPOTCHECK_AS_OF; // as of spotcheck.config.json's 2025-12-31
  return env;
}

async function spotcheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, "bin", "spotcheck.js"), ...args], { cwd: PROJECT_ROOT, env: childEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

async function read<T>(dbPath: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return await fn(db.conn);
  } finally {
    db.close();
  }
}

const stateOf = (dbPath: string) => read(dbPath, derivedTablesState);
/** sample_id → held_by (null = published), from the persisted table the public site reads */
const gatesOf = (dbPath: string) => read(dbPath, async (conn) => Object.fromEntries(
  (await query(conn, "SELECT sample_id, published, held_by FROM disclosure_status ORDER BY sample_id"))
    .map((r) => [r.sample_id, r.published ? null : r.held_by])));
const metaOf = (dbPath: string) => read(dbPath, async (conn) => Object.fromEntries(
  (await query(conn, "SELECT key, value FROM meta ORDER BY key")).map((r) => [r.key, r.value])));

describe("derived tables follow the data", () => {
  let dir: TempDir;
  let db: string;
  let batches: string;
  let eventsA: string;
  let eventsB: string;
  beforeEach(() => {
    dir = tempDir("spotcheck-derived-");
    db = join(dir.path, "db", "spotcheck.duckdb");
    mkdirSync(join(dir.path, "in"));
    batches = dir.write("in/q1_batches.csv", batchesCsv([
      batchRow({ sample_id: "A-1", report_no: "R-A-1" }),
      batchRow({ sample_id: "B-1", report_no: "R-B-1" }),
    ]));
    eventsA = dir.write("in/q1_events.csv", eventsCsv([eventRow({ sample_id: "A-1", event: "同意公开", date: "2025-04-01" })]));
    eventsB = dir.write("q2_events.csv", eventsCsv([eventRow({ sample_id: "B-1", event: "同意公开", date: "2025-04-02" })]));
  });
  let hanging: ChildProcess | null = null;
  afterEach(() => {
    if (hanging && hanging.exitCode === null && hanging.signalCode === null) hanging.kill("SIGKILL"); // a failed test leaves no writer behind
    hanging = null;
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    dir.remove();
  });

  it("ingest refreshes in its own write session and records what the tables were computed from", async () => {
    const result = await spotcheck(["ingest", batches, eventsA, "--db", db, "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).derived_tables).toMatchObject({ state: "fresh", refreshed: true, as_of: "2025-12-31" });
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": "P1" });
    const meta = await metaOf(db);
    expect(meta.as_of).toBe("2025-12-31");
    expect(meta.catalogue_year).toBe("2026");
    // two files ingested, with ingest_id 1 and 2; two batches, one event
    expect(JSON.parse(meta.derived_from)).toMatchObject({ files: 2, last_ingest_id: 2, batches: 2, events: 1 });
    expect((await stateOf(db)).state).toBe("fresh");
  });

  it("`ingest` with every file unchanged still computes derived tables that are missing", async () => {
    expect((await spotcheck(["ingest", batches, eventsA, "--db", db, "--no-refresh"])).code).toBe(0);
    const before = await stateOf(db);
    expect(before.state).toBe("missing");
    expect(before.reason).toContain("已导入 2 个文件");

    const again = await spotcheck(["ingest", batches, eventsA, "--db", db, "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary.files.map((f: { status: string }) => f.status)).toEqual(["unchanged", "unchanged"]);
    expect(summary.derived_tables).toMatchObject({ state: "fresh", refreshed: true });
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": "P1" });
  });

  it("a refresh failing after the files are committed exits 1; the same ingest again, every file unchanged, computes the tables", async () => {
    // beyond the statutory calendar's covered years deadlines cannot be judged (article 75): the refresh refuses
    const failed = await spotcheck(["ingest", batches, eventsA, "--db", db, "--as-of", `${coveredYears().last + 1}-06-01`]);
    expect(failed.code).toBe(1);
    expect(failed.stdout, "the summary of what was ingested is still printed").toContain("q1_batches.csv");
    expect(failed.stderr).toContain("文件已导入，但派生表重算失败");
    expect(await read(db, async (c) => (await query(c, "SELECT CAST(count(*) AS INTEGER) AS n FROM batches"))[0].n)).toBe(2);

    const again = await spotcheck(["ingest", batches, eventsA, "--db", db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("与已导入的文件内容完全相同");
    expect(again.stdout).toContain("与数据不符");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": "P1" });
  });

  it("report commands refuse stale derived tables and say to run `spotcheck refresh`; `spotcheck refresh` repairs them", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });
    await ingestIntoDatabase(db, [eventsB]); // as `spotcheck ingest --no-refresh`
    const stale = await stateOf(db);
    expect(stale.state).toBe("stale");
    expect(stale.reason).toBe("派生表是按第 2 次导入为止的数据计算的，此后又导入了 1 个文件（第 3 次导入）");

    // the briefing reads the persisted flags and audit findings
    const briefing = await spotcheck(["briefing", "2025Q1", "--db", db]);
    expect(briefing.code).toBe(1);
    expect(briefing.stderr).toContain("已过期");
    expect(briefing.stderr).toContain(`npx spotcheck refresh --db ${db}`);
    await expect(openForReading(db)).rejects.toThrow(DerivedTablesNotFresh);
    // a reader that computes from batch_results alone may opt out
    const optedOut = await openForReading(db, { derivedTables: false });
    optedOut.close();

    const refresh = await spotcheck(["refresh", "--db", db]);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect((await stateOf(db)).state).toBe("fresh");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": null });
    expect((await spotcheck(["briefing", "2025Q1", "--db", db])).code).toBe(0);
  });

  it("the reports that compute live (rates, headline, flags, catalogue, audit, disclosure) answer a stale database with what the data says now", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });
    await ingestIntoDatabase(db, [eventsB]); // as `spotcheck ingest --no-refresh`: B-1's 同意公开 is not in the derived tables
    expect((await stateOf(db)).state).toBe("stale");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": "P1" }); // the persisted decision, from before eventsB

    const reports = [["rates"], ["headline"], ["flags"], ["catalogue"], ["audit", "--as-of", "2025-12-31"], ["disclosure", "--as-of", "2025-12-31"]];
    const results = await Promise.all(reports.map((args) => spotcheck([...args, "--db", db, "--format", "json"])));
    results.forEach((result, i) => expect(result.code, `${reports[i][0]}: ${result.stderr}`).toBe(0));
    // computed from the data as it is now: both batches have 同意公开 (article 62), both pass P1
    const disclosure = JSON.parse(results[5].stdout);
    expect(disclosure.published.map((r: { sample_id: string }) => r.sample_id).sort()).toEqual(["A-1", "B-1"]);
    expect(disclosure.withheld).toEqual([]);
    // two batches, both 合格 (the fixture's default conclusion)
    expect(JSON.parse(results[0].stdout)).toMatchObject([{ inspected: 2, failed: 0 }]);
  });

  it("a file crashing later in the run: the files before it are committed, and the derived tables follow them", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });
    const crash = dir.write("crash_events.csv", eventsCsv([eventRow({ sample_id: "A-1", event: "报告报送", date: "2025-03-26" })]));
    await expect(ingestIntoDatabase(db, [eventsB, crash], { refresh: resolveDerivedContext() })).rejects.toThrow("simulated crash");
    expect(await read(db, async (c) => (await query(c, "SELECT file_name FROM ingest_log ORDER BY ingest_id")).map((r) => r.file_name)))
      .toEqual(["q1_batches.csv", "q1_events.csv", "q2_events.csv"]);
    expect((await stateOf(db)).state).toBe("fresh");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": null });
  });

  it("a process killed inside the refresh held the lock from ingest to refresh, leaves the tables stale, and the same ingest again repairs them", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });

    // node itself runs the TypeScript (tsx's loader), so SIGKILL reaches the process holding the database
    const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "test", "helpers", "ingest-then-hang.ts"), db, "audit_findings", eventsB],
      { cwd: PROJECT_ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    hanging = child;
    let stderr = "";
    child.stderr.on("data", (chunk) => { stderr += String(chunk); });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on("line", resolve);
      child.on("exit", () => reject(new Error(`child exited before the refresh: ${stderr}`)));
    });
    expect(line).toBe("IN-REFRESH audit_findings");
    // the ingest of q2_events.csv is committed and the refresh is under way, in one session:
    // no second writer (nor reader) gets the file in between
    await expect(openDatabase(db, { readOnly: false })).rejects.toThrow(/lock/i);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const stale = await stateOf(db);
    expect(stale.state).toBe("stale");
    expect(stale.reason).toContain("此后又导入了 1 个文件");
    expect(await gatesOf(db), "the killed refresh's half-written tables are rolled back").toEqual({ "A-1": null, "B-1": "P1" });
    await expect(openForReading(db)).rejects.toThrow(/spotcheck refresh/);

    const again = await spotcheck(["ingest", eventsB, "--db", db, "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary.files.map((f: { status: string }) => f.status)).toEqual(["unchanged"]);
    expect(summary.derived_tables).toMatchObject({ state: "fresh", refreshed: true });
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": null });
  }, 60_000);

  it("a writer failing inside the refresh leaves the earlier tables and record, detectably stale; the next refresh repairs them", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });
    const recordBefore = (await metaOf(db)).derived_from;
    await ingestIntoDatabase(db, [eventsB]);
    const writer = await openDatabase(db, { readOnly: false });
    try {
      await expect(refreshDerivedTablesOn(writer.conn, resolveDerivedContext(), {
        afterWriter: (table) => { if (table === "catalogue_draft") throw new Error("writer failed"); },
      })).rejects.toThrow("writer failed");
    } finally {
      writer.close();
    }
    expect((await metaOf(db)).derived_from).toBe(recordBefore);
    expect((await stateOf(db)).state).toBe("stale");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": "P1" });

    await refreshDerivedTables(db, resolveDerivedContext());
    expect((await stateOf(db)).state).toBe("fresh");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": null });
  });

  it("notices a derived table gone, tables with no record (an older version's), and data written outside ingest", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });
    const writer = await openDatabase(db, { readOnly: false });
    const state = () => derivedTablesState(writer.conn);
    try {
      await writer.conn.run("DELETE FROM batches WHERE sample_id = 'B-1'");
      expect(await state()).toMatchObject({ state: "stale", reason: expect.stringContaining("batches: 2 → 1") });
      await writer.conn.run("DELETE FROM meta WHERE key = 'derived_from'");
      expect(await state()).toMatchObject({ state: "stale", reason: expect.stringContaining("没有记录") });
      await writer.conn.run("DROP TABLE funnel_targets");
      expect(await state()).toMatchObject({ state: "missing", reason: "缺少派生表 funnel_targets" });
    } finally {
      writer.close();
    }
  });

  it("leaves a hand-built database that no ingest wrote, with no derived table, to the readers (they say 未计算)", async () => {
    const fixture = await createFixtureDb([{ sample_id: "F-1" }]);
    try {
      const s = await derivedTablesState(fixture.conn);
      expect(s).toMatchObject({ state: "missing", ingestedFiles: 0, presentTables: [] });
      expect(needsRefresh(s)).toBe(false);
    } finally {
      fixture.close();
    }
  });

  it("the site build recomputes stale derived tables before Framework opens the database READ_ONLY", async () => {
    await ingestIntoDatabase(db, [batches, eventsA], { refresh: resolveDerivedContext() });
    await ingestIntoDatabase(db, [eventsB]); // as `spotcheck ingest --no-refresh`
    expect((await stateOf(db)).state).toBe("stale");
    vi.stubEnv("SPOTCHECK_DB", db);
    vi.stubEnv("SPOTCHECK_AS_OF", "2025-12-31");
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await ensureDatabase()).toBe(db);
    expect((await stateOf(db)).state).toBe("fresh");
    expect(await gatesOf(db)).toEqual({ "A-1": null, "B-1": null });
  });
});
