// `spotcheck ingest <file-or-folder>... [--db PATH] [--format json] [--no-refresh]`, run
// as a user runs it: exit 0 when every file loads (or is unchanged), non-zero when a file
// is rejected; a human-readable summary by default, JSON with --format json.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT, openDatabase, query } from "../loaders/db/connection.ts";
import { BATCH_KEYS, batchRow, batchesCsv, eventRow, eventsCsv, tempDir, type TempDir } from "./helpers/csv-builders.ts";

const run = promisify(execFile);

async function spotcheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.SPOTCHECK_DB;
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, "bin", "spotcheck.js"), ...args], { cwd: PROJECT_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("spotcheck ingest", () => {
  let dir: TempDir;
  let db: string;
  beforeEach(() => {
    dir = tempDir();
    db = join(dir.path, "db", "spotcheck.duckdb");
  });
  afterEach(() => dir.remove());

  it("prints a readable summary and exits 0 when every file loads; a second run finds them unchanged", async () => {
    const batches = dir.write("cli_batches.csv", batchesCsv([batchRow({ sample_id: "CLI-1" }), batchRow({ sample_id: "CLI-2", level: "省级" })]));
    const events = dir.write("cli_events.csv", eventsCsv([eventRow({ sample_id: "CLI-1" })]));
    const first = await spotcheck(["ingest", batches, events, "--db", db, "--no-refresh"]);
    expect(first.code, first.stderr).toBe(0);
    expect(() => JSON.parse(first.stdout)).toThrow();
    expect(first.stdout).toContain("cli_batches.csv");
    expect(first.stdout).toContain("cli_events.csv");
    expect(first.stdout, "the quarantined cell is named").toContain("level");

    const second = await spotcheck(["ingest", batches, events, "--db", db, "--no-refresh", "--format", "json"]);
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout);
    expect(summary.files.map((f: { status: string }) => f.status)).toEqual(["unchanged", "unchanged"]);
  });

  it("prints JSON with --format json, and takes a folder", async () => {
    mkdirSync(join(dir.path, "in"));
    dir.write("in/q1_batches.csv", batchesCsv([batchRow({ sample_id: "J-1" }), batchRow({ sample_id: "J-2", plan_year: "二〇二五" })]));
    dir.write("in/q1_events.csv", eventsCsv([eventRow({ sample_id: "J-1" }), eventRow({ sample_id: "J-9" })]));
    const result = await spotcheck(["ingest", join(dir.path, "in"), "--db", db, "--format", "json", "--no-refresh"]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    const byName = Object.fromEntries(summary.files.map((f: { file: string }) => [f.file.split(/[\\/]/).pop(), f]));
    expect(byName["q1_batches.csv"]).toMatchObject({ status: "loaded", kind: "batches", rows_read: 2, rows_loaded: 1, rows_rejected: 1, rejections_by_reason: { integer: 1 } });
    expect(byName["q1_batches.csv"].rejections).toEqual([expect.objectContaining({ row: 3, column: "plan_year", reason_code: "integer" })]);
    expect(byName["q1_events.csv"]).toMatchObject({ status: "loaded", kind: "events", rows_read: 2, rows_loaded: 1, rows_pending: 1 });
  });

  it("exits non-zero when a file is rejected, and still loads the good ones", async () => {
    const good = dir.write("good_batches.csv", batchesCsv([batchRow({ sample_id: "OK-1" })]));
    const bad = dir.write("bad_batches.csv", batchesCsv([batchRow({ sample_id: "NO-1" })], { columns: BATCH_KEYS.filter((k) => k !== "channel") }));
    const result = await spotcheck(["ingest", good, bad, "--db", db, "--format", "json", "--no-refresh"]);
    expect(result.code).not.toBe(0);
    const summary = JSON.parse(result.stdout);
    const rejected = summary.files.find((f: { file: string }) => f.file.endsWith("bad_batches.csv"));
    expect(rejected.status).toBe("rejected");
    expect(rejected.error).toContain("抽样环节");
    const conn = await openDatabase(db, { readOnly: true });
    try {
      expect(await query(conn.conn, "SELECT sample_id FROM batches")).toEqual([{ sample_id: "OK-1" }]);
    } finally {
      conn.close();
    }
  });

  it("exits non-zero, in the readable format too, when the only file is rejected", async () => {
    const bad = dir.write("batches.csv", Buffer.from([0xff, 0xff, 0xff, 0x0a]));
    const result = await spotcheck(["ingest", bad, "--db", db, "--no-refresh"]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("batches.csv");
  });

  it("fails with a message naming a path that does not exist, without creating a database", async () => {
    const missing = join(dir.path, "nowhere", "batches.csv");
    const result = await spotcheck(["ingest", missing, "--db", db, "--no-refresh"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(missing);
    expect(existsSync(db)).toBe(false);
  });
});
