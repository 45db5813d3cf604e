// `spotcheck audit` on a READ_ONLY database file, and the persisted audit_findings table.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditCommand } from "../loaders/audit/cli.ts";
import { AUDIT_RULES, computeFindings, writeAuditFindingsTable } from "../loaders/audit/audit.ts";
import { CalendarCoverageError, coveredYears } from "../loaders/calendar/statutory-calendar.ts";
import { UsageError } from "../loaders/core/errors.ts";
import { query } from "../loaders/db/connection.ts";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";

// Two batches with one lapse each, in two regions: 500112 渝北区 and 500103 渝中区.
// LATE-REPORT: report 2025-03-20 (Thu) → due Tue 03-25 (3 working days), sent 03-27: 2 days late.
// ONE-SAMPLER: a single sampler (article 20).
const batches: FixtureBatch[] = [
  { sample_id: "LATE-REPORT", sampled_region: "500112", channel: "生产" },
  // a task number that Excel would run as a formula (after its leading space): the CSV guards it
  { sample_id: "ONE-SAMPLER", sampled_region: "500103", sampler_ids: ["S009"], channel: "生产", task_id: " =1+2" },
];
const events: FixtureEvent[] = [
  { sample_id: "LATE-REPORT", event: "报告报送", date: "2025-03-27" },
  { sample_id: "ONE-SAMPLER", event: "报告报送", date: "2025-03-21" },
];

let dbPath: string;

beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), "audit-cli-")), "spotcheck.duckdb");
  const db = await createFixtureDb(batches, events);
  await db.conn.run(`ATTACH '${dbPath}' AS out; COPY FROM DATABASE memory TO out; DETACH out`);
  db.close();
});

async function run(argv: string[]): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    expect(await auditCommand([...argv, "--db", dbPath])).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterAll(() => vi.restoreAllMocks());

describe("spotcheck audit", () => {
  it("prints JSON findings judged against --as-of, on a read-only database", async () => {
    const rows = JSON.parse(await run(["--as-of", "2025-06-30", "--format", "json", "--rule", "a49"]));
    expect(rows).toEqual([expect.objectContaining({
      rule: "A49", article: 49, sample_id: "LATE-REPORT", status: "violation", due: "2025-03-25", days_over: 2, days_left: null, region_code: "500112",
    })]);
  });

  it("filters by region given as a code or a name, and writes Excel-safe CSV", async () => {
    const csv = await run(["--as-of", "2025-06-30", "--format", "csv", "--region", "渝中区"]);
    // UTF-8 BOM, CRLF after every line, formula-looking text prefixed with '
    expect(csv.startsWith("\uFEFFrule,article,severity,sample_id,task_id,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n").slice(0, -1).every((line) => !line.includes("\n"))).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, newline: "\r\n", skipEmptyLines: true });
    const ids = parsed.data.map((r) => `${r.rule}:${r.sample_id}`);
    expect(ids).toContain("A20:ONE-SAMPLER");
    expect(parsed.data.find((r) => r.rule === "A20")!.task_id).toBe("' =1+2");
    expect(parsed.data.every((r) => r.region_code === "500103")).toBe(true);
    const byCode = JSON.parse(await run(["--as-of", "2025-06-30", "--format", "json", "--region", "500112"]));
    expect(byCode.map((r: { sample_id: string }) => r.sample_id)).not.toContain("ONE-SAMPLER");
  });

  it("prints a table with a summary line by default", async () => {
    const table = await run(["--as-of", "2025-06-30", "--rule", "A20"]);
    expect(table).toContain("ONE-SAMPLER");
    expect(table).toContain("违规 1 条");
  });

  it("refuses an unknown rule, an unknown region and an as-of date beyond the calendar", async () => {
    await expect(auditCommand(["--as-of", "2025-06-30", "--rule", "A99", "--db", dbPath])).rejects.toThrow(UsageError);
    await expect(auditCommand(["--as-of", "2025-06-30", "--region", "火星区", "--db", dbPath])).rejects.toThrow(/--region/);
    await expect(auditCommand(["--as-of", `${coveredYears().last + 1}-02-01`, "--db", dbPath])).rejects.toThrow(UsageError);
    await expect(auditCommand(["--as-of", "2025-02-30", "--db", dbPath])).rejects.toThrow(UsageError);
  });
});

describe("audit_findings", () => {
  it("persists the same findings as computeFindings, with the as-of date", async () => {
    const db = await createFixtureDb(batches, events);
    await writeAuditFindingsTable(db.conn, { asOf: "2025-06-30" });
    const stored = await query(db.conn, "SELECT * FROM audit_findings");
    const computed = await computeFindings(db.conn, { asOf: "2025-06-30" });
    expect(stored.length).toBe(computed.length);
    expect(stored.map(({ as_of, ...rest }) => { expect(as_of).toBe("2025-06-30"); return rest; })).toEqual(computed);
    expect(computed.map((f) => `${f.rule}:${f.sample_id}`)).toEqual(expect.arrayContaining(["A49:LATE-REPORT", "A20:ONE-SAMPLER"]));
    db.close();
  });

  it("lists every rule with its article", () => {
    expect(AUDIT_RULES.map((r) => r.id)).toEqual(
      ["A15", "A16", "A20", "A22", "A49", "A49P", "A51", "A52", "A54", "A56", "A65", "A66", "A67", "A68", "A70", "A74"]);
    for (const r of AUDIT_RULES) expect(Number(r.id.slice(1, 3))).toBe(r.article);
  });

  it("refuses data older than the calendar covers", async () => {
    const db = await createFixtureDb([{ sample_id: "OLD", sampling_date: `${coveredYears().first - 1}-06-01`, report_date: null, conclusion: null }]);
    await expect(computeFindings(db.conn, { asOf: "2025-06-30" })).rejects.toThrow(CalendarCoverageError);
    db.close();
  });
});
