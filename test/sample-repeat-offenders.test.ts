// End to end (issue 14): the sample generator plants a few repeat offenders (跟踪抽查仍不合格)
// and near-misses (planted.json); after ingest, `computeRepeatOffenders` as of the sample's
// as-of date finds exactly the planted ones and none of the near-misses. Also on another
// seed and size, and on a null data set that fails often (no plants, many chances for an
// accident): the generator keeps every other producer from failing again in a category.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRepeatOffenders, type RepeatOffender } from "../loaders/analysis/repeat-offenders.ts";
import { openDatabase, type Database } from "../loaders/db/connection.ts";
import { ingestFiles } from "../loaders/ingest/ingest.ts";
import { generateSample, type PlantedNearMiss, type PlantedRepeatOffender } from "../loaders/sample/generate.ts";

interface Planted {
  asOf: string;
  repeatOffenders: PlantedRepeatOffender[];
  repeatOffenderNearMisses: PlantedNearMiss[];
}

interface Sample {
  db: Database;
  planted: Planted;
  found: RepeatOffender[];
}

async function sample(options: Parameters<typeof generateSample>[0]): Promise<Sample> {
  const out = mkdtempSync(join(tmpdir(), "repeat-offenders-sample-"));
  await generateSample({ ...options, out });
  const db = await openDatabase(":memory:", { readOnly: false });
  await ingestFiles(db, [join(out, "batches.csv"), join(out, "events.csv")]);
  const planted = JSON.parse(readFileSync(join(out, "planted.json"), "utf8")) as Planted;
  return { db, planted, found: await computeRepeatOffenders(db.conn, { asOf: planted.asOf }) };
}

const foundKey = (r: RepeatOffender) => [r.producer_id, r.product_category, r.first_sample_id, r.repeat_sample_id, r.failures].join("|");
const plantedKey = (r: PlantedRepeatOffender) => [r.producer_id, r.product_category, r.first_sample_id, r.repeat_sample_id, r.failures].join("|");

/** The producer's batches of the category in the database, by the repeat-offender identity (USCC, else name). */
async function batchesOf(db: Database, producerId: string, category: string) {
  const reader = await db.conn.runAndReadAll(
    `SELECT sample_id, conclusion, final_conclusion FROM batch_results
     WHERE coalesce(producer_uscc, 'name:' || producer_name) = $id AND product_category = $category ORDER BY sampling_date`,
    { id: producerId, category },
  );
  return reader.getRowObjectsJson() as { sample_id: string; conclusion: string | null; final_conclusion: string | null }[];
}

let main: Sample;
let other: Sample;
let unplanted: Sample;

beforeAll(async () => {
  main = await sample({});
  other = await sample({ seed: 7, batches: 4000, years: [2024, 2025] });
  unplanted = await sample({ seed: 99, batches: 3000, uniformRate: 0.3 });
}, 300_000);

afterAll(() => {
  for (const s of [main, other, unplanted]) s?.db.close();
});

describe("repeat offenders of the default sample", () => {
  it("plants a few, of several kinds", async () => {
    const planted = main.planted.repeatOffenders;
    expect(planted.length).toBeGreaterThanOrEqual(4);
    expect(planted.length).toBeLessThanOrEqual(6);
    expect(planted.some((r) => r.failures === 3)).toBe(true);
    expect(planted.some((r) => r.producer_id.startsWith("name:"))).toBe(true);
    expect(new Set(planted.map((r) => r.product_category)).size).toBe(planted.length);
    // One where a 复检 overturned a failure: counting initial conclusions gives more failures.
    let overturned = 0;
    for (const r of planted) {
      const rows = await batchesOf(main.db, r.producer_id, r.product_category);
      const initial = rows.filter((b) => b.conclusion === "不合格").length;
      expect(rows.filter((b) => b.final_conclusion === "不合格").length).toBe(r.failures);
      if (initial > r.failures) overturned++;
    }
    expect(overturned).toBeGreaterThanOrEqual(1);
  });

  it("finds exactly the planted ones: producer, category, both batches and the count", () => {
    expect(main.found.map(foundKey).sort()).toEqual(main.planted.repeatOffenders.map(plantedKey).sort());
    const names = new Map(main.found.map((r) => [r.producer_id, r.producer_name]));
    for (const r of main.planted.repeatOffenders) expect(names.get(r.producer_id)).toBe(r.producer_name);
  });

  it("finds none of the near-misses, which are there to be found", async () => {
    const misses = main.planted.repeatOffenderNearMisses;
    expect(misses.length).toBeGreaterThanOrEqual(6);
    const found = new Set(main.found.map((r) => r.producer_id));
    for (const m of misses) {
      expect(found.has(m.producer_id)).toBe(false);
      // a near-miss has a failure of the category on record
      const rows = await batchesOf(main.db, m.producer_id, m.product_category);
      expect(rows.some((b) => b.conclusion === "不合格")).toBe(true);
    }
    // each failed twice or was sampled twice: they look like repeat offenders
    const twice = await Promise.all(misses.map(async (m) => {
      const reader = await main.db.conn.runAndReadAll(
        "SELECT count(*)::INTEGER AS n FROM batches WHERE producer_uscc = $id OR 'name:' || producer_name = $id", { id: m.producer_id },
      );
      return (reader.getRowObjectsJson()[0] as { n: number }).n;
    }));
    expect(twice.every((n) => n >= 2)).toBe(true);
  });
});

describe("on another seed and size", () => {
  it("finds exactly the planted ones and no near-miss", () => {
    expect(other.planted.repeatOffenders.length).toBeGreaterThanOrEqual(3);
    expect(other.found.map(foundKey).sort()).toEqual(other.planted.repeatOffenders.map(plantedKey).sort());
    const found = new Set(other.found.map((r) => r.producer_id));
    expect(other.planted.repeatOffenderNearMisses.filter((m) => found.has(m.producer_id))).toEqual([]);
  });
});

describe("on a null data set failing 30% of batches", () => {
  it("plants none and has none by accident", async () => {
    expect(unplanted.planted.repeatOffenders).toEqual([]);
    // the accident had every chance: many batches sampled after a failure of their producer and category was reported
    const reader = await unplanted.db.conn.runAndReadAll(
      `SELECT count(DISTINCT later.sample_id)::INTEGER AS n
       FROM batch_results first JOIN batch_results later
         ON later.producer_uscc = first.producer_uscc AND later.product_category = first.product_category
        AND later.sampling_date > first.report_date
       WHERE first.final_conclusion = '不合格' AND later.inspected`,
    );
    expect((reader.getRowObjectsJson()[0] as { n: number }).n).toBeGreaterThan(50);
    expect(unplanted.found).toEqual([]);
  });
});
