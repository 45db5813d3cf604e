// `npx spotcheck disclosure`: the command's output on a small database written to a file
// (the command opens it READ_ONLY, as every report does).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../loaders/core/errors.ts";
import { disclosureCommand } from "../loaders/disclosure/cli.ts";
import { PUBLIC_FIELD_KEYS } from "../loaders/disclosure/whitelist.ts";
import { createFixtureDb } from "./helpers/fixture-db.ts";

let dir: string;
let dbFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "spotcheck-disclosure-cli-"));
  dbFile = join(dir, "fixture.duckdb");
  const db = await createFixtureDb(
    [
      { sample_id: "OK1", brand: "=1+2", sampled_contact: "孙某某", sampled_phone: "13500000007" },
      { sample_id: "WIN", conclusion: "不合格", failed_items: ["导体电阻"] },
      { sample_id: "NOA", producer_name: "@SUM(1+1)*cmd|' /C calc'!A0" }, // withheld (P1), its name a formula
    ],
    [
      { sample_id: "OK1", event: "同意公开", date: "2025-04-01" },
      { sample_id: "WIN", event: "同意公开", date: "2025-04-01" },
      { sample_id: "WIN", event: "不合格告知", date: "2025-09-16" }, // day 15 is 10-01 (国庆): window to 10-09
    ],
  );
  await db.conn.run(`ATTACH '${dbFile.replace(/'/g, "''")}' AS out`);
  await db.conn.run("COPY FROM DATABASE memory TO out");
  await db.conn.run("DETACH out");
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "", err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => { err += String(s); return true; });
  try {
    return { status: await disclosureCommand([...argv, "--db", dbFile]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("spotcheck disclosure", () => {
  it("prints { published, withheld } as of the given date: whitelisted rows, the holding gate and when it can pass", async () => {
    const { status, out, err } = await run(["--as-of", "2025-10-05"]);
    expect(status).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(["published", "withheld"]);
    expect(result.published.map((r: { sample_id: string }) => r.sample_id)).toEqual(["OK1"]);
    expect(Object.keys(result.published[0])).toEqual([...PUBLIC_FIELD_KEYS]);
    expect(out).not.toMatch(/孙某某|13500000007/);
    expect(result.withheld.map((w: { sample_id: string; held_by: string; can_pass_on: string | null }) => [w.sample_id, w.held_by, w.can_pass_on]))
      .toEqual([["NOA", "P1", null], ["WIN", "P3", "2025-10-10"]]);
    expect(err).toContain("截至 2025-10-05：可公开 1 批次，暂缓公开 2 批次");
  });

  it("prints the published rows as the public CSV (BOM, formula cell neutralised), or the withheld ones", async () => {
    const csv = await run(["--as-of", "2025-10-10", "--format", "csv"]);
    expect(csv.out.startsWith("\uFEFF样品编号,")).toBe(true);
    expect(csv.out).toContain("'=1+2");
    expect(csv.out).toContain("WIN");
    const held = await run(["--as-of", "2025-10-10", "--format", "csv", "--withheld"]);
    // the withheld list is as Excel-safe as the public file: BOM, CRLF, formula guard
    expect(held.out.startsWith("\uFEFFsample_id,held_by,can_pass_on,")).toBe(true);
    const lines = held.out.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[1]).toMatch(/^NOA,P1,,/);
    expect(lines[1]).toContain(`"'@SUM(1+1)*cmd|' /C calc'!A0"`);
    expect(held.out).not.toMatch(/,@SUM/);
  });

  it("refuses a date that does not exist", async () => {
    await expect(run(["--as-of", "2025-02-30"])).rejects.toThrow(UsageError);
  });
});
