// What the one-pass site export writes for the workbench and status audiences
// (loaders/site/workbench/export-workbench.ts, loaders/site/status/export-status.ts): the files
// under src/<audience>/_data/ that the pages attach, their shape, and values against SQL of
// this test's own on a fixture database.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDb, type FixtureBatch } from "./helpers/fixture-db.ts";
import { query, type Database } from "../loaders/db/connection.ts";
import { writeFlagsTable } from "../loaders/analysis/flags.ts";
import { AUDIT_RULES, writeAuditFindingsTable } from "../loaders/audit/audit.ts";
import { createTempCalendarTable } from "../loaders/calendar/calendar-table.ts";
import { writeDisclosureTable } from "../loaders/disclosure/gates.ts";
import { SiteWriter } from "../loaders/site/site-writer.ts";
import { exportStatus } from "../loaders/site/status/export-status.ts";
import { exportWorkbench } from "../loaders/site/workbench/export-workbench.ts";
import { cubesFromArrow, rollupCube } from "../src/components/workbench-stats.js";
import { producerShard } from "../src/components/producer-shard.ts";

/** 30 batches over three regions and two categories; every fifth fails. */
function fixture(): FixtureBatch[] {
  const regions = ["500101", "500112", "500103"];
  return Array.from({ length: 30 }, (_, i) => ({
    sample_id: `S${String(i).padStart(2, "0")}`,
    sampled_region: regions[i % 3],
    product_category: i % 2 ? "电线电缆" : "儿童玩具",
    ...(i % 5 === 0 ? { conclusion: "不合格", failed_items: ["导体电阻"] } : {}),
  }));
}

describe("the workbench and status exports", () => {
  let db: Database;
  let srcDir: string;
  const workbench = { writer: null as unknown as SiteWriter };
  const status = { writer: null as unknown as SiteWriter };
  const read = (path: string) => JSON.parse(readFileSync(join(srcDir, path), "utf8"));

  beforeAll(async () => {
    db = await createFixtureDb(fixture());
    await createTempCalendarTable(db.conn);
    await writeDisclosureTable(db.conn, { asOf: "2025-12-31" });
    await writeFlagsTable(db.conn, { asOf: "2025-12-31" });
    await writeAuditFindingsTable(db.conn, { asOf: "2025-12-31" });
    srcDir = mkdtempSync(join(tmpdir(), "site-export-"));
    workbench.writer = new SiteWriter("workbench", srcDir);
    status.writer = new SiteWriter("status", srcDir);
    await exportWorkbench({ conn: db.conn, asOf: "2025-12-31" }, workbench.writer);
    await exportStatus({ conn: db.conn, asOf: "2025-12-31" }, status.writer);
  });
  afterAll(() => { db.close(); rmSync(srcDir, { recursive: true, force: true }); });

  it("writes every workbench page's file, once, under src/workbench/_data/ only, and no route", () => {
    const expected = ["cube.arrows", "tile-grid.json", "overview.json", "funnel.json", "flags.json", "catalogue.json", "audit.json",
      ...AUDIT_RULES.map((r) => `audit/${r.id}.json`), "withheld.json", "sampling-plan.json", "sampling-plan.xlsx.bin",
      // issue 14: the repeat offenders, and every producer's record in one shard here (one producer, a few kB)
      "repeat-offenders.json", "producers/0.json", "producers.js", "producer-names.json"].map((f) => `workbench/_data/${f}`);
    expect(workbench.writer.files.map((f) => f.path).sort()).toEqual(expected.sort());
    expect(workbench.writer.routes).toEqual([]);
    for (const f of workbench.writer.files) expect(f.bytes).toBe(readFileSync(join(srcDir, f.path)).byteLength);
  });

  it("the cube decodes (as the explorer page decodes it) to the counts SQL gives per region", async () => {
    const cube = cubesFromArrow(tableFromIPC(readFileSync(join(srcDir, "workbench/_data/cube.arrows"))));
    const browser = Object.fromEntries(rollupCube(cube, ["region_code"]).map((r) => [r.region_code, [r.inspected, r.failed]]));
    const sql = await query(db.conn, `SELECT sampled_region AS r, CAST(count(*) AS INTEGER) AS n,
      CAST(count(*) FILTER (WHERE conclusion = '不合格') AS INTEGER) AS f FROM batches GROUP BY ALL`);
    expect(browser).toEqual(Object.fromEntries(sql.map((r) => [r.r, [r.n, r.f]])));
    expect(browser["500101"]).toEqual([10, 2]); // by hand: i = 0, 3, …, 27; of those, i = 0 and 15 are multiples of 5
  });

  it("one audit file per rule, each naming its rule; the summary lists the rules", () => {
    for (const { id } of AUDIT_RULES) expect(read(`workbench/_data/audit/${id}.json`).rule).toBe(id);
    expect(read("workbench/_data/audit.json").rules.map((r: { id: string }) => r.id)).toEqual(AUDIT_RULES.map((r) => r.id));
  });

  it("every producer's record sits in the shard the page computes for its id (issue 14)", () => {
    const module = readFileSync(join(srcDir, "workbench/_data/producers.js"), "utf8");
    expect(module).toContain('FileAttachment("./producers/0.json")');
    const records = read("workbench/_data/producers/0.json");
    // every fixture batch has the default producer (no USCC): one producer, all 30 batches
    expect(Object.keys(records)).toEqual(["name:重庆示例电缆有限公司"]);
    expect(producerShard("name:重庆示例电缆有限公司", 1)).toBe(0);
    expect(records["name:重庆示例电缆有限公司"].batches).toHaveLength(30);
  });

  it("the flags are read once and shipped to both the funnel and the flags page", () => {
    expect(read("workbench/_data/funnel.json").flags).toEqual(read("workbench/_data/flags.json").flags);
  });

  it("withheld.json: the batches still held back, without company names", async () => {
    const w = read("workbench/_data/withheld.json");
    const [{ n }] = await query(db.conn, "SELECT CAST(count(*) AS INTEGER) AS n FROM disclosure_status WHERE NOT published");
    expect(w.rows).toHaveLength(n as number);
    expect(JSON.stringify(w)).not.toMatch(/producer_name|sampled_name/);
  });

  it("status: src/status/_data/database-status.json, totals as counted here", async () => {
    expect(status.writer.files.map((f) => f.path)).toEqual(["status/_data/database-status.json"]);
    const s = read("status/_data/database-status.json");
    expect(s.totals.batches).toBe(30);
    const [{ n }] = await query(db.conn, "SELECT CAST(count(*) AS INTEGER) AS n FROM events");
    expect(s.totals.events).toBe(n);
    expect(s.batchesByYearLevelChannel.reduce((sum: number, r: { batches: number }) => sum + r.batches, 0)).toBe(30);
  });
});
