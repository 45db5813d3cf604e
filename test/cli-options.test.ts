// Command-line options are checked against the commands' own lists: a JavaScript built-in
// name (toString, __proto__, constructor) is refused like any other unknown name, the message
// says what is allowed, and nothing reaches the database (issue 9, item 12).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { flagsCommand, ratesCommand } from "../loaders/analysis/cli.ts";
import { computeRates } from "../loaders/analysis/rates.ts";
import { UsageError } from "../loaders/core/errors.ts";
import { openDatabase, PROJECT_ROOT, query } from "../loaders/db/connection.ts";
import { refreshCommand } from "../loaders/refresh/cli.ts";
import { createFixtureDb, type FixtureBatch } from "./helpers/fixture-db.ts";

const BUILT_INS = ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf"];

// 电商 2 batches (1 failed), 生产 2 batches (none failed)
const batches: FixtureBatch[] = [
  { sample_id: "E1", channel: "电商", platform: "某平台", conclusion: "不合格", failed_items: ["标志"] },
  { sample_id: "E2", channel: "电商", platform: "某平台" },
  { sample_id: "P1", channel: "生产" },
  { sample_id: "P2", channel: "生产" },
];

let dir: string;
let dbFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "spotcheck-cli-options-"));
  dbFile = join(dir, "fixture.duckdb");
  const db = await createFixtureDb(batches);
  await db.conn.run(`ATTACH '${dbFile.replace(/'/g, "''")}' AS out`);
  await db.conn.run("COPY FROM DATABASE memory TO out");
  await db.conn.run("DETACH out");
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function capture(fn: () => Promise<number>): Promise<{ status: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => { out += String(s); return true; });
  try {
    return { status: await fn(), out };
  } finally {
    spy.mockRestore();
  }
}

describe("flags --rule", () => {
  it.each(BUILT_INS)("refuses %s and names the three rules", async (name) => {
    await expect(capture(() => flagsCommand(["--rule", name, "--db", dbFile])))
      .rejects.toThrow(new UsageError(`--rule 只能是 regional / industry / item，收到 "${name}"`));
  });
  it("accepts each rule", async () => {
    for (const rule of ["regional", "industry", "item"]) {
      expect((await capture(() => flagsCommand(["--rule", rule, "--db", dbFile]))).status).toBe(0);
    }
  });
});

describe("rates --filter", () => {
  it.each(BUILT_INS)("refuses the dimension %s and lists the dimensions", async (name) => {
    const run = capture(() => ratesCommand(["--by", "channel", "--filter", `${name}=x`, "--db", dbFile]));
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/可用维度：product_category, sampled_region, channel/);
  });
  it("refuses a dimension given twice or without a value, and filters by a known one", async () => {
    await expect(ratesCommand(["--filter", "channel=电商", "--filter", "channel=生产", "--db", dbFile])).rejects.toThrow(UsageError);
    await expect(ratesCommand(["--filter", "channel=", "--db", dbFile])).rejects.toThrow(UsageError);
    const { out } = await capture(() => ratesCommand(["--by", "channel", "--filter", "channel=电商", "--format", "json", "--db", dbFile]));
    expect(JSON.parse(out).map((r: { channel: string; inspected: number; failed: number }) => [r.channel, r.inspected, r.failed])).toEqual([["电商", 2, 1]]);
  });
  it("computeRates uses the filters it checked: own names, a built-in one refused, an inherited one not applied", async () => {
    const db = await createFixtureDb(batches);
    try {
      await expect(computeRates(db.conn, { by: ["channel"], filters: JSON.parse('{"__proto__": "x"}') })).rejects.toThrow(UsageError);
      const rows = await computeRates(db.conn, { by: ["channel"], filters: { channel: "生产" } });
      expect(rows.map((r) => [r.channel, r.inspected])).toEqual([["生产", 2]]);
      // the check sees own names only, so only own names may filter
      const inherited = await computeRates(db.conn, { by: ["channel"], filters: Object.create({ channel: "生产" }) });
      expect(inherited.map((r) => [r.channel, r.inspected])).toEqual([["生产", 2], ["电商", 2]]);
    } finally {
      db.close();
    }
  });
});

describe("refresh --catalogue-year", () => {
  const meta = async () => {
    const db = await openDatabase(dbFile, { readOnly: true });
    try {
      return await query(db.conn, "SELECT key, value FROM meta ORDER BY key");
    } finally {
      db.close();
    }
  };

  it.each(["2027 OR 1=1", "NaN", "2027.0", "0x7eb", " 2027", "", "20270"])(
    "refuses %j before opening the database, and says what it needs", async (value) => {
      const before = await meta();
      await expect(capture(() => refreshCommand(["--catalogue-year", value, "--as-of", "2025-12-31", "--db", dbFile])))
        .rejects.toThrow(new UsageError(`--catalogue-year 需要四位年份（重点产品目录的年度，第十条），如 2025，收到 "${value}"`));
      expect(await meta()).toEqual(before);
    });

  it("accepts a four-digit year and records it", async () => {
    const { status } = await capture(() => refreshCommand(["--catalogue-year", "2027", "--as-of", "2025-12-31", "--db", dbFile]));
    expect(status).toBe(0);
    expect(await meta()).toEqual(expect.arrayContaining([{ key: "catalogue_year", value: "2027" }, { key: "as_of", value: "2025-12-31" }]));
  });
});

describe("spotcheck <command>", () => {
  it("calls a built-in name an unknown command (exit 2) and lists the commands", async () => {
    const result = await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, "bin", "spotcheck.js"), "toString"], { cwd: PROJECT_ROOT })
      .then(() => ({ code: 0, stderr: "" }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('未知命令 "toString"');
    expect(result.stderr).toContain("refresh");
  });
});
