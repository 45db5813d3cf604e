// The Wilson 95% interval at its ends, in every implementation (statistics.ts for the site's
// loaders, rates_by_dimensions.sql for the CLI and briefings, workbench-stats.js in the browser).
// Oracle, by algebra: at x = 0, p̂ = 0 so centre = (z²/2n)/(1 + z²/n) = half-width, and the lower
// limit is exactly 0; at x = n the upper limit is exactly 1 by symmetry. Computed in floating
// point, centre − half comes out as 5.6e-17 for some n (n = 1, 6, 8, 9, 14, … at z = 1.959964).
import { afterEach, describe, expect, it } from "vitest";
import { createFixtureDb, type FixtureBatch } from "./helpers/fixture-db.ts";
import type { Database } from "../loaders/db/connection.ts";
import { computeRates } from "../loaders/analysis/rates.ts";
import { wilsonInterval } from "../loaders/analysis/statistics.ts";
import { wilson } from "../src/components/workbench-stats.js";

const SIZES = Array.from({ length: 400 }, (_, i) => i + 1);

describe("Wilson interval with no failures or all failing", () => {
  it("statistics.ts: lower limit exactly 0 at 0 of n, upper exactly 1 at n of n", () => {
    for (const n of SIZES) {
      expect([n, wilsonInterval(0, n).low]).toEqual([n, 0]);
      expect([n, wilsonInterval(n, n).high]).toEqual([n, 1]);
    }
  });

  it("workbench-stats.js (the explorer): the same", () => {
    for (const n of SIZES) {
      expect([n, wilson(0, n).ci_low]).toEqual([n, 0]);
      expect([n, wilson(n, n).ci_high]).toEqual([n, 1]);
    }
  });

  let db: Database | undefined;
  afterEach(() => db?.close());

  it("rates_by_dimensions.sql: the same, and the other end unchanged", async () => {
    // categories of n batches, none failing (甲…) or all failing (乙…); n where the computed ends miss
    const sizes = [1, 6, 8, 9, 12, 14, 16, 20];
    const batches: FixtureBatch[] = [];
    for (const n of sizes) {
      for (let i = 0; i < n; i++) {
        batches.push({ sample_id: `P${n}-${i}`, product_category: `甲${n}`, conclusion: "合格" });
        batches.push({ sample_id: `F${n}-${i}`, product_category: `乙${n}`, conclusion: "不合格", failed_items: ["标志"] });
      }
    }
    db = await createFixtureDb(batches);
    const rows = await computeRates(db.conn, { by: ["product_category"] });
    const by = new Map(rows.map((r) => [r.product_category, r]));
    for (const n of sizes) {
      const none = by.get(`甲${n}`)!;
      const all = by.get(`乙${n}`)!;
      expect([n, none.inspected, none.ci_low]).toEqual([n, n, 0]);
      expect([n, all.inspected, all.ci_high]).toEqual([n, n, 1]);
      // the other ends by hand: z²/(n + z²) and n/(n + z²)
      const z2 = 1.959963984540054 ** 2;
      expect(none.ci_high).toBeCloseTo(z2 / (n + z2), 12);
      expect(all.ci_low).toBeCloseTo(n / (n + z2), 12);
    }
  });
});
