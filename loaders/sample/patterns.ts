// The problem patterns planted in the sample (article 72), and the failure model
// everything else follows. The analysis tests check that the flags find exactly
// these; keep them in step with data/sample/README.md and planted.json.
import type { Category, Channel } from "./catalogue-of-products.ts";
import { HECHUAN } from "./places.ts";
import type { Rng } from "./random.ts";

export const REGIONAL_PROBLEM = {
  id: "regional-hechuan-ebike",
  kind: "regional",
  category: "电动自行车",
  region: HECHUAN,
  regionName: "合川区",
  failureProbability: 0.4,
  /** The category is sampled this many times more often in 合川 (about 130 batches over 3 years in the default sample, at least 60). */
  samplingBoost: 5,
} as const;

export const INDUSTRY_PROBLEM = {
  id: "industry-disposable-plastic-tableware",
  kind: "industry",
  category: "塑料一次性餐饮具",
  failureProbability: 0.35,
} as const;

export const ITEM_HOT_SPOT = {
  id: "hotspot-toys-phthalates",
  kind: "item_hotspot",
  category: "儿童玩具",
  item: "邻苯二甲酸酯增塑剂",
  /** Share of the category's failures listing the item: in the last year of the range, and before. */
  shareLastYear: 0.7,
  shareEarlier: 0.15,
} as const;

/** E-commerce samples fail more often (weights average ≈ 1 over the channel mix 45/35/20). */
const CHANNEL_FACTOR: Readonly<Record<Channel, number>> = { 生产: 0.8, 流通: 1.0, 电商: 1.5 };

/**
 * Draws from shuffled bags of `size` outcomes of which `hits` are true: each draw is
 * true with probability hits/size, and the realised share of a small cell (30–40
 * batches a year) stays close to it, so a planted pattern never drowns in sampling noise.
 */
export class Bag {
  private left: boolean[] = [];

  constructor(private readonly size: number, private readonly hits: number) {}

  draw(rng: Rng): boolean {
    if (this.left.length === 0) {
      this.left = Array.from({ length: this.size }, (_, i) => i < this.hits);
      for (let i = this.size - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [this.left[i], this.left[j]] = [this.left[j], this.left[i]];
      }
    }
    return this.left.pop()!;
  }
}

/** Who fails, and on what: the planted patterns, or (uniformRate) the null data set. */
export class FailureModel {
  private readonly regional = new Bag(10, Math.round(REGIONAL_PROBLEM.failureProbability * 10));
  private readonly hotSpotLastYear = new Bag(10, Math.round(ITEM_HOT_SPOT.shareLastYear * 10));
  private readonly hotSpotEarlier = new Bag(20, Math.round(ITEM_HOT_SPOT.shareEarlier * 20));

  /** `uniformRate` null: the planted patterns; a number: every batch fails with it. `lastYear`: the hot spot's year. */
  constructor(readonly uniformRate: number | null, readonly lastYear: number) {}

  fails(category: Category, region: string, channel: Channel, rng: Rng): boolean {
    if (this.uniformRate !== null) return rng.chance(this.uniformRate);
    if (category.name === REGIONAL_PROBLEM.category && region === REGIONAL_PROBLEM.region) return this.regional.draw(rng);
    if (category.name === INDUSTRY_PROBLEM.category) return rng.chance(INDUSTRY_PROBLEM.failureProbability);
    return rng.chance(Math.min(0.95, category.rate * CHANNEL_FACTOR[channel]));
  }

  /** The failing items of a failed batch: one (65%), two (25%) or three, drawn by the category's item weights. */
  failedItems(category: Category, year: number, rng: Rng): string[] {
    const x = rng.next();
    let count = x < 0.65 ? 1 : x < 0.9 ? 2 : 3;
    const items: string[] = [];
    if (category.name === ITEM_HOT_SPOT.category) {
      const listsItem = this.uniformRate !== null
        ? rng.chance(ITEM_HOT_SPOT.shareEarlier)
        : (year === this.lastYear ? this.hotSpotLastYear : this.hotSpotEarlier).draw(rng);
      if (listsItem) {
        items.push(ITEM_HOT_SPOT.item);
        count -= 1;
      }
    }
    const chosen = rng.distinctWeighted(category.items.map(([, w]) => w), Math.min(count, category.items.length));
    for (const i of chosen) items.push(category.items[i][0]);
    return items;
  }
}

/** Categories whose failure rate carries a planted pattern: forced-failure lapses avoid them. */
export const PATTERN_CATEGORIES: ReadonlySet<string> = new Set([REGIONAL_PROBLEM.category, INDUSTRY_PROBLEM.category, ITEM_HOT_SPOT.category]);
