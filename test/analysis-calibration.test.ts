// Calibration under the null (article 72 flags must not cry wolf): many simulated data sets in
// which every category, district and item has the same rate. The share of BH families that raise
// any flag must not exceed the chosen false discovery level (under a complete null every flag is
// false, so the FDR equals that share). A finite simulation can only reject a clearly larger
// rate, so the bound allows two standard errors of the simulated share.
import { describe, expect, it } from "vitest";
import { FDR_LEVEL, flagsFromCells, type CellRow } from "../loaders/analysis/flags.ts";

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const draw = (n: number, p: number, random: () => number) => {
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x;
};
const base = { region_code: null, region_name: null, item: null, failing_regions: 0, failing_producers: 0, baseline_inspected: 0, baseline_failed: 0, first_year: 2025, last_year: 2025 };
const bound = (sets: number) => FDR_LEVEL + 2 * Math.sqrt((FDR_LEVEL * (1 - FDR_LEVEL)) / sets);

describe("flags on data with no pattern", () => {
  it("regional: 40 categories × 41 districts of 1–40 batches at 10%", () => {
    const random = rng(7);
    const sets = 150;
    let withFlag = 0;
    for (let s = 0; s < sets; s++) {
      const rows: CellRow[] = [];
      for (let c = 0; c < 40; c++) {
        for (let r = 0; r < 41; r++) {
          const n = 1 + Math.floor(random() * 40);
          rows.push({ ...base, kind: "region", period: "2025", product_category: `C${c}`, region_code: `R${r}`, inspected: n, failed: draw(n, 0.1, random) });
        }
      }
      if (flagsFromCells(rows).flags.length > 0) withFlag++;
    }
    expect(withFlag / sets).toBeLessThanOrEqual(bound(sets));
  });

  it("industry-wide: 41 categories of 60–300 batches at 10%, failures spread widely", () => {
    const random = rng(11);
    const sets = 400;
    let withFlag = 0;
    for (let s = 0; s < sets; s++) {
      const rows: CellRow[] = Array.from({ length: 41 }, (_, c) => {
        const n = 60 + Math.floor(random() * 241);
        return { ...base, kind: "category" as const, period: "2025", product_category: `C${c}`, inspected: n, failed: draw(n, 0.1, random), failing_regions: 10, failing_producers: 10 };
      });
      if (flagsFromCells(rows).flags.length > 0) withFlag++;
    }
    expect(withFlag / sets).toBeLessThanOrEqual(bound(sets));
  });

  it("item hot spots: 40 categories × 8 items with the same share every year", () => {
    const random = rng(13);
    const sets = 200;
    let withFlag = 0;
    for (let s = 0; s < sets; s++) {
      const rows: CellRow[] = [];
      for (let c = 0; c < 40; c++) {
        const m = 10 + Math.floor(random() * 40);
        const mb = 20 + Math.floor(random() * 80);
        for (let i = 0; i < 8; i++) {
          const share = 0.05 + 0.05 * i;
          rows.push({ ...base, kind: "item", period: "2025", product_category: `C${c}`, item: `I${i}`, inspected: m, failed: draw(m, share, random), baseline_inspected: mb, baseline_failed: draw(mb, share, random) });
        }
      }
      if (flagsFromCells(rows).flags.length > 0) withFlag++;
    }
    expect(withFlag / sets).toBeLessThanOrEqual(bound(sets));
  });
});
