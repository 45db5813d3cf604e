// What keeps rule breaches out of the sample by accident, so that an audit finds only
// the planted lapses: nobody is sampled again for a product category while under
// rectification (article 70), and a lower level does not repeat a higher level's
// sampling of the same producer, standard, brand and model within six months
// (article 22). (Article 15's channel cover is kept by tasks.ts.) And no producer fails
// again in a product category after a failure it knew of (a repeat offender, issue 14:
// 跟踪抽查仍不合格), so that `spotcheck repeat-offenders` finds only the planted ones.
//
// Batches come in date order, so the A70 and A22 maps only need the recent past: they
// are pruned as the dates move on. The failure map cannot be (a repeat offence has no
// time limit); it holds one number per failing producer × category, a few MB at 1M batches.
import type { Category } from "./catalogue-of-products.ts";
import { CATEGORY_INDEX } from "./sampling-weights.ts";

const A22_WINDOW_DAYS = 200; // a little over the six months of article 22

/**
 * Article 22's "same producer, standard, brand and model" as a number (the brand is the
 * producer's): entity × 64 categories × 8 standards × 16 models, well inside 2^53.
 * -1 for a model outside the catalogue list.
 */
export function productKey(producerNumber: number, category: Category, standard: string, model: string): number {
  const s = category.standards.indexOf(standard);
  const m = category.models.indexOf(model);
  if (s < 0 || m < 0) return -1;
  return ((producerNumber * 64 + CATEGORY_INDEX.get(category)!) * 8 + s) * 16 + m;
}

export class RuleGuards {
  /** Producer/seller × category under rectification (article 70) → day the block ends. Key: entity × 64 + category. */
  private readonly underRectification = new Map<number, number>();
  /** Producer × standard × brand × model → last day sampled by 国家 / 市级 (article 22); see `productKey`. */
  private readonly higherLevelSampling = new Map<number, { national: number; city: number }>();
  /** Producer × category → earliest report day of its batches concluded 不合格. Key: entity × 64 + category. */
  private readonly failureReported = new Map<number, number>();
  private readonly pruneAt = { rectification: 20_000, higherLevel: 50_000 };

  /** Article 70: is the company (entity number) under rectification for the category on `day`? */
  isUnderRectification(entityNumber: number, categoryIndex: number, day: number): boolean {
    const until = this.underRectification.get(entityNumber * 64 + categoryIndex);
    return until !== undefined && until >= day;
  }

  /** The company may not be sampled for the category until `until` (its passing 复查, article 70). */
  rectifyUntil(entityNumber: number, categoryIndex: number, until: number): void {
    const key = entityNumber * 64 + categoryIndex;
    this.underRectification.set(key, Math.max(until, this.underRectification.get(key) ?? -Infinity));
  }

  /**
   * A batch of the producer's category concluded 不合格 with a report dated `reportDay`. The
   * initial conclusion is noted, even when a 复检 later overturns it or an 异议结论 revokes it:
   * as of a date before that, it is still a failure, so no as-of date sees an accidental repeat.
   */
  noteFailure(producerNumber: number, categoryIndex: number, reportDay: number): void {
    const key = producerNumber * 64 + categoryIndex;
    this.failureReported.set(key, Math.min(reportDay, this.failureReported.get(key) ?? Infinity));
  }

  /** Would a failing batch of the category sampled on `day` make the producer a repeat offender (after a failure reported before that day)? */
  followsFailure(producerNumber: number, categoryIndex: number, day: number): boolean {
    const reported = this.failureReported.get(producerNumber * 64 + categoryIndex);
    return reported !== undefined && reported < day;
  }

  /** Article 22: would a lower level repeat what a higher level sampled within six months? */
  repeatsHigherLevel(key: number, level: string, day: number): boolean {
    if (level === "国家" || key < 0) return false;
    const last = this.higherLevelSampling.get(key);
    if (!last) return false;
    const since = day - A22_WINDOW_DAYS;
    return last.national >= since || (level === "区县级" && last.city >= since);
  }

  noteHigherLevel(key: number, level: string, day: number): void {
    const last = this.higherLevelSampling.get(key) ?? { national: -Infinity, city: -Infinity };
    if (level === "国家") last.national = day;
    else last.city = day;
    this.higherLevelSampling.set(key, last);
  }

  /** Forgets blocks that have ended, whenever a map has doubled since it was last pruned (memory stays bounded). */
  prune(day: number): void {
    if (this.underRectification.size > this.pruneAt.rectification) {
      for (const [key, until] of this.underRectification) if (until < day) this.underRectification.delete(key);
      this.pruneAt.rectification = Math.max(20_000, 2 * this.underRectification.size);
    }
    if (this.higherLevelSampling.size > this.pruneAt.higherLevel) {
      for (const [key, last] of this.higherLevelSampling) {
        if (Math.max(last.national, last.city) < day - A22_WINDOW_DAYS) this.higherLevelSampling.delete(key);
      }
      this.pruneAt.higherLevel = Math.max(50_000, 2 * this.higherLevelSampling.size);
    }
  }
}
