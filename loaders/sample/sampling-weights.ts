// How often each region, province and product category is drawn: regions by
// economic size (places.ts), provinces by their share of out-of-city producers,
// categories by their share of the catalogue, with 电动自行车 boosted in 合川 for the
// regional pattern (article 72; patterns.ts).
import { CATEGORIES, type Category } from "./catalogue-of-products.ts";
import { REGIONAL_PROBLEM } from "./patterns.ts";
import { PROVINCES, REGIONS, type SampleRegion } from "./places.ts";
import { weightTable, type Rng, type WeightTable } from "./random.ts";

export const REGION_TABLE = weightTable(REGIONS.map((r) => r.weight));
export const PROVINCE_TABLE = weightTable(PROVINCES.map((p) => p.weight));
export const CATEGORY_TABLE = weightTable(CATEGORIES.map((c) => c.share));

/** The category weights of batches sampled in 合川: the regional pattern's category more often, except in the null data set. */
export function hechuanCategoryTable(uniformRate: number | null): WeightTable {
  return weightTable(CATEGORIES.map((c) =>
    c.share * (uniformRate === null && c.name === REGIONAL_PROBLEM.category ? REGIONAL_PROBLEM.samplingBoost : 1)));
}

export const REGION_INDEX: ReadonlyMap<SampleRegion, number> = new Map(REGIONS.map((r, i) => [r, i]));
export const CATEGORY_INDEX: ReadonlyMap<Category, number> = new Map(CATEGORIES.map((c, i) => [c, i]));

/** A region drawn by weight among those `accept` takes. */
export function pickRegion(rng: Rng, accept: (r: SampleRegion, i: number) => boolean): SampleRegion {
  if (!REGIONS.some(accept)) throw new Error("no region qualifies");
  for (;;) {
    const i = rng.weightedIndex(REGION_TABLE);
    if (accept(REGIONS[i], i)) return REGIONS[i];
  }
}

/** A category drawn by share among those `accept` takes. */
export function pickCategory(rng: Rng, accept: (c: Category) => boolean): Category {
  for (;;) {
    const c = CATEGORIES[rng.weightedIndex(CATEGORY_TABLE)];
    if (accept(c)) return c;
  }
}
