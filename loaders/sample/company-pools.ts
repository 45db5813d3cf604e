// The companies and shops a sample draws from. Producers come in pools per trade ×
// place (a district or a province), shops and online stores in pools per district,
// sized for about three samplings per company over the run, so that companies recur
// as they do. A company under rectification for the category is passed over
// (article 70); after a few tries one sampled for the first time is taken instead.
// Entities are pure functions of (seed, number) (identities.ts): nothing is stored.
import { CATEGORIES, type Category } from "./catalogue-of-products.ts";
import type { RuleGuards } from "./guards.ts";
import { producer, seller, type Entity, type Place } from "./identities.ts";
import type { Settings } from "./options.ts";
import { PROVINCES, REGIONS } from "./places.ts";
import type { Rng } from "./random.ts";
import { CATEGORY_INDEX, REGION_INDEX } from "./sampling-weights.ts";

/** Of the producers of goods sampled at sellers: about 15% of all batches. */
export const OUT_OF_CITY_SHARE = 0.27;
/** Share of batches sampled at producers (生产); the rest (流通, 电商) at sellers. */
const AT_PRODUCERS = 0.45;
const AT_SELLERS = 0.55;

const PLACES = REGIONS.length + PROVINCES.length;
/** Entity numbers per producer pool: the pool's regulars, then first-timers. */
const POOL_CAPACITY = 8192;
const SELLER_BASE = 64 * PLACES * POOL_CAPACITY;
const SELLER_CAPACITY = 65_536;
/** Draws of a regular before a first-timer is taken. */
const ATTEMPTS = 6;

export interface ProducerRef {
  entity: Entity;
  place: Place;
}

export class CompanyPools {
  private readonly seed: number;
  private readonly trades: string[];
  private readonly producerPoolSize = new Map<number, number>();
  private readonly sellerPoolSize: number[];
  private readonly freshProducers = new Map<number, number>();
  private readonly freshSellers = new Map<number, number>();

  constructor(settings: Settings, private readonly rng: Rng, private readonly guards: RuleGuards) {
    this.seed = settings.seed;
    const total = settings.batches;
    this.trades = [...new Set(CATEGORIES.map((c) => c.trade))];
    const regionTotal = REGIONS.reduce((s, r) => s + r.weight, 0);
    const shareTotal = CATEGORIES.reduce((s, c) => s + c.share, 0);
    this.trades.forEach((trade, t) => {
      const tradeShare = CATEGORIES.filter((c) => c.trade === trade).reduce((s, c) => s + c.share, 0) / shareTotal;
      REGIONS.forEach((r, p) => {
        const expected = total * tradeShare * (r.weight / regionTotal) * (AT_PRODUCERS + AT_SELLERS * (1 - OUT_OF_CITY_SHARE));
        this.producerPoolSize.set(t * PLACES + p, Math.min(6000, Math.max(3, Math.ceil(expected / 3))));
      });
      const provinceTotal = PROVINCES.reduce((s, p) => s + p.weight, 0);
      PROVINCES.forEach((province, q) => {
        const expected = total * tradeShare * AT_SELLERS * OUT_OF_CITY_SHARE * (province.weight / provinceTotal);
        this.producerPoolSize.set(t * PLACES + REGIONS.length + q, Math.min(6000, Math.max(3, Math.ceil(expected / 2))));
      });
    });
    this.sellerPoolSize = REGIONS.map((r) => Math.min(30_000, Math.max(8, Math.ceil((total * AT_SELLERS * (r.weight / regionTotal)) / 4))));
  }

  /** A producer of the category's trade at `place`; `deliberate`: a follow-up plant that wants it even under rectification. */
  pickProducer(category: Category, place: Place, day: number, deliberate = false): ProducerRef {
    const trade = this.trades.indexOf(category.trade);
    const placeIndex = place.region ? REGION_INDEX.get(place.region)! : REGIONS.length + PROVINCES.indexOf(place.province!);
    const pool = trade * PLACES + placeIndex;
    const size = this.producerPoolSize.get(pool)!;
    const categoryIndex = CATEGORY_INDEX.get(category)!;
    let k = this.rng.int(0, size - 1);
    for (let attempt = 1; !deliberate && this.guards.isUnderRectification(pool * POOL_CAPACITY + k, categoryIndex, day); attempt++) {
      if (attempt >= ATTEMPTS) {
        const fresh = this.freshProducers.get(pool) ?? 0; // a company sampled for the first time
        this.freshProducers.set(pool, fresh + 1);
        k = size + (fresh % (POOL_CAPACITY - size));
        break;
      }
      k = this.rng.int(0, size - 1);
    }
    return { entity: producer(this.seed, pool * POOL_CAPACITY + k, k, category.trade, place, pool * 131), place };
  }

  /** A shop (or, `online`, an online store) of the district. */
  pickSeller(regionIndex: number, online: boolean, categoryIndex: number, day: number, deliberate = false): Entity {
    const size = this.sellerPoolSize[regionIndex];
    // Shops and online stores share the region's name space: even and odd slots.
    const base = SELLER_BASE + regionIndex * SELLER_CAPACITY + (online ? 1 : 0);
    let k = this.rng.int(0, size - 1);
    for (let attempt = 1; !deliberate && this.guards.isUnderRectification(base + 2 * k, categoryIndex, day); attempt++) {
      if (attempt >= ATTEMPTS) {
        const fresh = this.freshSellers.get(regionIndex) ?? 0;
        this.freshSellers.set(regionIndex, fresh + 1);
        k = size + (fresh % (SELLER_CAPACITY / 2 - size));
        break;
      }
      k = this.rng.int(0, size - 1);
    }
    return seller(this.seed, base + 2 * k, 2 * k + (online ? 1 : 0), REGIONS[regionIndex], online, regionIndex * 977);
  }
}
