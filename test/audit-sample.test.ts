// End to end: the sample generator plants deliberate lapses (planted.json); after ingest,
// the audit as of the generator's as-of date finds every one of them and reports no
// violation anywhere else — the sample's on-time lifecycles stay silent.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_RULES, computeFindings, type Finding } from "../loaders/audit/audit.ts";
import { openDatabase, type Database } from "../loaders/db/connection.ts";
import { ingestFiles } from "../loaders/ingest/ingest.ts";
import { generateSample, type PlantedLapse } from "../loaders/sample/generate.ts";

let db: Database;
let planted: { asOf: string; lapses: PlantedLapse[] };
let findings: Finding[];

/** A15 is about a whole task: the generator names it by task_id, the audit puts the task id in sample_id. */
const lapseKey = (l: PlantedLapse) => `${l.rule}:${l.sample_id ?? l.task_id}`;
const findingKey = (f: Finding) => `${f.rule}:${f.sample_id}`;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), "audit-sample-"));
  await generateSample({ out, batches: 2000 });
  planted = JSON.parse(readFileSync(join(out, "planted.json"), "utf8"));
  db = await openDatabase(":memory:", { readOnly: false });
  await ingestFiles(db, [join(out, "batches.csv"), join(out, "events.csv")]);
  findings = await computeFindings(db.conn, { asOf: planted.asOf });
}, 120_000);

afterAll(() => db?.close());

describe("audit of the generated sample", () => {
  it("has planted lapses for every rule", () => {
    expect(new Set(planted.lapses.map((l) => l.rule))).toEqual(new Set(AUDIT_RULES.map((r) => r.id)));
  });

  it("finds every planted lapse as a violation", () => {
    const violations = new Set(findings.filter((f) => f.status === "violation").map(findingKey));
    const missed = planted.lapses.filter((l) => !violations.has(lapseKey(l)));
    expect(missed).toEqual([]);
  });

  it("reports no violation that was not planted", () => {
    const plantedKeys = new Set(planted.lapses.map(lapseKey));
    const unplanted = findings.filter((f) => f.status === "violation" && !plantedKeys.has(findingKey(f)));
    expect(unplanted.map((f) => f.sentence)).toEqual([]);
  });

  it("shows running clocks as open, each with its days left", () => {
    for (const f of findings.filter((f) => f.status === "open")) {
      expect(f.days_over).toBeNull();
      expect(f.days_left === null || f.days_left >= 0).toBe(true);
      expect(f.due === null || f.due >= planted.asOf).toBe(true);
    }
  });
});
