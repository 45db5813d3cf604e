// The companies and shops a sample draws from. Producers come in pools per trade ×
// place (a district or a province), shops and online stores in pools per district,
// sized for about three samplings per company over the run, so that companies recur
// as they do. A company under rectification for the category is passed over
// (article 70), and so is one that would fail again in a category it failed in before
// (a repeat offender, issue 14); after a few tries one sampled for the first time is
// taken instead.
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
/** The last numbers of each producer pool: planted producers only (plantedProducer). */
const PLANTED_SLOTS = 32;
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

  /**
   * A producer of the category's trade at `place`. Passed over: one under rectification for
   * the category (article 70; not for a `deliberate` follow-up plant that wants it), and, when
   * the batch is `failing`, one that already failed in the category with a report dated before
   * `day` (it would become a repeat offender, issue 14; only planted ones may be).
   */
  pickProducer(category: Category, place: Place, day: number, { deliberate = false, failing = false } = {}): ProducerRef {
    const pool = this.poolOf(category, place);
    const size = this.producerPoolSize.get(pool)!;
    const categoryIndex = CATEGORY_INDEX.get(category)!;
    const passedOver = (k: number) => {
      const number = pool * POOL_CAPACITY + k;
      return (!deliberate && this.guards.isUnderRectification(number, categoryIndex, day)) ||
        (failing && this.guards.followsFailure(number, categoryIndex, day));
    };
    let k = this.rng.int(0, size - 1);
    for (let attempt = 1; passedOver(k); attempt++) {
      if (attempt >= ATTEMPTS) {
        k = this.firstTimer(pool, size, passedOver);
        break;
      }
      k = this.rng.int(0, size - 1);
    }
    return { entity: producer(this.seed, pool * POOL_CAPACITY + k, k, category.trade, place, pool * 131), place };
  }

  /**
   * The `slot`-th planted producer of the category's trade at `place` (repeat-offender-stories.ts):
   * from the end of the pool's numbers, which no draw above reaches, so its whole record is planted.
   */
  plantedProducer(category: Category, place: Place, slot: number): ProducerRef {
    if (!(slot >= 0 && slot < PLANTED_SLOTS)) throw new RangeError(`planted producer slot ${slot}`);
    const pool = this.poolOf(category, place);
    const k = POOL_CAPACITY - 1 - slot;
    return { entity: producer(this.seed, pool * POOL_CAPACITY + k, k, category.trade, place, pool * 131), place };
  }

  private poolOf(category: Category, place: Place): number {
    const trade = this.trades.indexOf(category.trade);
    const placeIndex = place.region ? REGION_INDEX.get(place.region)! : REGIONS.length + PROVINCES.indexOf(place.province!);
    return trade * PLACES + placeIndex;
  }

  /** A company sampled for the first time; in a huge sample the first-timers come round again, so those passed over are skipped too. */
  private firstTimer(pool: number, size: number, passedOver: (k: number) => boolean): number {
    const span = POOL_CAPACITY - PLANTED_SLOTS - size;
    for (let tries = 1; ; tries++) {
      const fresh = this.freshProducers.get(pool) ?? 0;
      this.freshProducers.set(pool, fresh + 1);
      const k = size + (fresh % span);
      if (tries >= span || !passedOver(k)) return k;
    }
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
