// End to end: the sample generator plants a regional problem (电动自行车 in 合川区), an
// industry-wide one (塑料一次性餐饮具) and an item hot spot (儿童玩具, 邻苯二甲酸酯增塑剂 in the
// last year) — planted.json. After ingest the flags find each of them and nothing else; on the
// null data set (--uniform-rate 0.1) no BH family raises flags beyond the false discovery level.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../loaders/db/connection.ts";
import { ingestFiles } from "../loaders/ingest/ingest.ts";
import { generateSample } from "../loaders/sample/generate.ts";
import { FDR_LEVEL, analyseFlags, type FlagAnalysis } from "../loaders/analysis/flags.ts";
import { computeCatalogue, type CatalogueRow } from "../loaders/analysis/catalogue.ts";

interface Planted {
  years: [number, number];
  patterns: { kind: string; category: string; region?: string; item?: string; year?: number }[];
}

async function sampleDatabase(options: Parameters<typeof generateSample>[0]): Promise<{ db: Database; planted: Planted }> {
  const out = mkdtempSync(join(tmpdir(), "analysis-sample-"));
  await generateSample({ ...options, out });
  const db = await openDatabase(":memory:", { readOnly: false });
  await ingestFiles(db, [join(out, "batches.csv"), join(out, "events.csv")]);
  return { db, planted: JSON.parse(readFileSync(join(out, "planted.json"), "utf8")) };
}

let planted: { db: Database; planted: Planted };
let uniform: { db: Database; planted: Planted };
let flags: FlagAnalysis;
let nullFlags: FlagAnalysis;
let catalogue: CatalogueRow[];

beforeAll(async () => {
  planted = await sampleDatabase({});
  flags = await analyseFlags(planted.db.conn, { pool: true });
  catalogue = await computeCatalogue(planted.db.conn, { year: planted.planted.years[1] + 1 });
  uniform = await sampleDatabase({ uniformRate: 0.1, badRows: false });
  nullFlags = await analyseFlags(uniform.db.conn, { pool: true });
}, 600_000);

afterAll(() => {
  planted?.db.close();
  uniform?.db.close();
});

const pattern = (kind: string) => planted.planted.patterns.find((p) => p.kind === kind)!;

describe("flags on the sample with planted patterns", () => {
  it("finds the regional problem in the pooled three years", () => {
    const p = pattern("regional");
    const found = flags.flags.filter((f) => f.rule === "regional" && f.period === "all");
    expect(found.map((f) => [f.product_category, f.region_code])).toEqual([[p.category, p.region]]);
    expect(found[0].inspected).toBeGreaterThanOrEqual(60);
  });

  it("finds the industry-wide problem, spread over regions and producers", () => {
    const p = pattern("industry");
    const found = flags.flags.filter((f) => f.rule === "industry" && f.period === "all");
    expect(found.map((f) => f.product_category)).toEqual([p.category]);
    expect(found[0].sentence).toMatch(/分布于\d+个区县、\d+家生产者/);
  });

  it("finds the item hot spot in its year", () => {
    const p = pattern("item_hotspot");
    const found = flags.flags.filter((f) => f.rule === "item");
    expect(found.map((f) => [f.period, f.product_category, f.item])).toEqual([[String(p.year), p.category, p.item]]);
  });

  it("flags nothing that was not planted (small noisy cells stay quiet)", () => {
    const plantedKeys = new Set(planted.planted.patterns.map((p) =>
      p.kind === "regional" ? `regional:${p.category}:${p.region}` : p.kind === "industry" ? `industry:${p.category}` : `item:${p.category}:${p.item}`));
    const key = (f: FlagAnalysis["flags"][number]) =>
      f.rule === "regional" ? `regional:${f.product_category}:${f.region_code}` : f.rule === "industry" ? `industry:${f.product_category}` : `item:${f.product_category}:${f.item}`;
    expect(flags.flags.filter((f) => !plantedKeys.has(key(f))).map((f) => f.sentence)).toEqual([]);
    // cells below the minimum batch count exist, and none is flagged
    expect(flags.points.some((p) => p.inspected < 10 && p.failed > 0)).toBe(true);
    expect(flags.points.filter((p) => p.inspected < 10).every((p) => !p.flagged && p.q === null)).toBe(true);
  });

  it("puts the industry-wide problem first in next year's catalogue draft", () => {
    expect(catalogue[0].product_category).toBe(pattern("industry").category);
    const regional = catalogue.find((r) => r.product_category === pattern("regional").category)!;
    expect(regional.flag_count).toBeGreaterThanOrEqual(1);
  });
});

describe("the pooled period on the sample", () => {
  it("keeps every pooled flag when a category that sorts first has one batch in the last year only", async () => {
    const conn = planted.db.conn;
    const key = (f: FlagAnalysis["flags"][number]) => `${f.rule}:${f.period}:${f.product_category}:${f.region_code ?? f.item ?? ""}:${f.inspected}:${f.failed}`;
    const pooledBefore = flags.flags.filter((f) => f.period === "all");
    expect(pooledBefore.length).toBeGreaterThanOrEqual(2); // the regional and the industry pattern
    const last = planted.planted.years[1];
    await conn.run(`INSERT INTO batches SELECT * REPLACE ('ABS-ONLY-1' AS sample_id, 'ABS测试品' AS product_category)
      FROM batches WHERE plan_year = $last AND conclusion = '合格' ORDER BY sample_id LIMIT 1`, { last });
    try {
      const after = await analyseFlags(conn, { pool: true });
      expect(after.pooledYears).toEqual(flags.pooledYears);
      expect(after.flags.filter((f) => f.period === "all").map(key)).toEqual(pooledBefore.map(key));
    } finally {
      await conn.run(`DELETE FROM batches WHERE sample_id = 'ABS-ONLY-1'`);
    }
  });
});

describe("flags on the null sample (--uniform-rate 0.1)", () => {
  it("raise flags in no more BH families than the false discovery level allows", () => {
    const periods = new Set(nullFlags.points.map((p) => p.period));
    const families = 3 * periods.size; // (rule, period)
    const flaggedFamilies = new Set(nullFlags.flags.map((f) => `${f.rule}:${f.period}`));
    expect(periods.size).toBe(4);
    expect(flaggedFamilies.size / families).toBeLessThanOrEqual(FDR_LEVEL);
  });
});
