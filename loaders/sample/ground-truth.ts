// planted.json: the ground truth of a sample, which the tests hold the platform to:
// the planted patterns the flags must find (article 72), the lapses an audit must
// report (rules.md), the bad rows ingest must reject, the events that must stay
// pending, and the repeat offenders `spotcheck repeat-offenders` must find (issue 14). Its fields are described in data/sample/README.md.
import { writeFileSync } from "node:fs";
import { CATEGORIES } from "./catalogue-of-products.ts";
import type { Settings } from "./options.ts";
import { INDUSTRY_PROBLEM, ITEM_HOT_SPOT, REGIONAL_PROBLEM } from "./patterns.ts";

export interface PlantedLapse {
  sample_id: string | null;
  rule: string;
  detail: string;
  related_sample_id?: string;
  task_id?: string;
}

export interface PlantedBadRow {
  file: "batches.csv" | "events.csv";
  /** Record number, header = 1. */
  row: number;
  sample_id: string;
  column: string;
  reason_code: string;
  why: string;
}

/** An event row naming a batch that never arrives (an export run before its batch). */
export interface PendingEvent {
  row: number;
  sample_id: string;
}

/** A planted repeat offender (issue 14) as `spotcheck repeat-offenders` must report it. */
export interface PlantedRepeatOffender {
  /** The USCC, or "name:<producer name>" for a producer without one. */
  producer_id: string;
  producer_name: string;
  product_category: string;
  /** Its earliest final 不合格 batch of the category. */
  first_sample_id: string;
  /** The earliest final 不合格 batch of the category sampled after the first one's report date. */
  repeat_sample_id: string;
  /** Final 不合格 batches of the producer in the category. */
  failures: number;
  story: string;
}

/** A planted producer that looks like a repeat offender and is not one. */
export interface PlantedNearMiss {
  producer_id: string;
  product_category: string;
  why: string;
}

export interface GroundTruth {
  /** The year of the item hot spot (the last sampling year up to the as-of date). */
  lastYear: number;
  lapses: PlantedLapse[];
  badRows: PlantedBadRow[];
  pendingEvents: PendingEvent[];
  /** Event rows of the rejected batch rows: pending until the corrected batch is ingested. */
  pendingEventRowsOfRejectedBatches: number;
  repeatOffenders: PlantedRepeatOffender[];
  repeatOffenderNearMisses: PlantedNearMiss[];
}

export function writeGroundTruth(file: string, settings: Settings, truth: GroundTruth): void {
  const planted = {
    asOf: settings.asOfText,
    seed: settings.seedText,
    years: settings.years,
    batchesRequested: settings.batches,
    uniformRate: settings.uniformRate,
    encoding: { batches: settings.encoding, events: "utf8-bom" },
    files: { batches: "batches.csv", events: "events.csv" },
    patterns: settings.uniformRate !== null ? [] : [
      { ...REGIONAL_PROBLEM, elsewhereRate: CATEGORIES.find((c) => c.name === REGIONAL_PROBLEM.category)!.rate, description: "合川区抽查的电动自行车不合格概率 0.40，其他区县约 0.08；合川电动自行车抽样权重提高到 5 倍" },
      { ...INDUSTRY_PROBLEM, description: "塑料一次性餐饮具在所有区县、所有环节的不合格概率均为 0.35（全部品类总体约 0.10），不合格分散在众多区县和生产者" },
      { ...ITEM_HOT_SPOT, year: truth.lastYear, description: `${truth.lastYear} 年儿童玩具的不合格批次中约 70% 含邻苯二甲酸酯增塑剂，此前各年约 15%` },
    ],
    lapses: truth.lapses,
    badRows: truth.badRows,
    pendingEvents: truth.pendingEvents,
    pendingEventRowsOfRejectedBatches: truth.pendingEventRowsOfRejectedBatches,
    repeatOffenders: truth.repeatOffenders,
    repeatOffenderNearMisses: truth.repeatOffenderNearMisses,
  };
  writeFileSync(file, JSON.stringify(planted, null, 2) + "\n");
}
