// Where the deliberate lapses go (rules.md; data/sample/README.md lists them): spread
// over the range by batch index, each early enough for its story to be complete by
// the as-of date (the longer a lapse's story, the earlier it is placed). Also
// where the pending events (of batches never exported) and two bad rows go, and the first batch of each
// repeat-offender story (repeat-offender-stories.ts). Drawn from a generator of
// its own, so placing plants does not shift the batches' draws.
import { CATEGORIES, type Category } from "./catalogue-of-products.ts";
import { dayOf } from "./days.ts";
import type { LifecyclePlant } from "./lifecycle.ts";
import type { Settings } from "./options.ts";
import { PATTERN_CATEGORIES } from "./patterns.ts";
import { REGIONS, type SampleRegion } from "./places.ts";
import { Rng } from "./random.ts";
import { REPEAT_OFFENDER_STORIES } from "./repeat-offender-stories.ts";
import { REGION_TABLE } from "./sampling-weights.ts";
import { batchIndexOfDay, type SamplingSchedule } from "./schedule.ts";

export type PlantRule = LifecyclePlant | "A20" | "A16" | "A22" | "A70" | "A15" | "story";

export interface PlantSpec {
  rule: PlantRule;
  /** One of the four batches of an A15 task (a district special task with no e-commerce sampling). */
  a15?: { taskId: string; region: SampleRegion; category: Category; first: boolean };
  /** The first batch of a repeat-offender story (index into REPEAT_OFFENDER_STORIES). */
  story?: number;
}

export interface PlantPlan {
  /** Batch index → its plant. */
  plants: Map<number, PlantSpec>;
  /** Batch index → id of a batch that never arrives, whose event is written after that batch. */
  pendingIds: Map<number, string>;
  /** The A15 tasks, in the order of planted.json. */
  a15TaskIds: string[];
  /** Batch indices from which a bad row is owed (export-writer.ts): at least this many, however small the sample. */
  badRowIndices: Set<number>;
}

export function placePlants(settings: Settings, schedule: SamplingSchedule, lastYear: number): PlantPlan {
  const plan: PlantPlan = { plants: new Map(), pendingIds: new Map(), a15TaskIds: [], badRowIndices: new Set() };
  const rng = new Rng(settings.seed, 2);
  const n = settings.batches;
  const put = (index: number, spec: PlantSpec) => {
    while (plan.plants.has(index)) index++;
    if (index < n) plan.plants.set(index, spec);
  };
  const spread = (rule: PlantRule, count: number, from: number, to: number) => {
    for (let j = 0; j < count; j++) put(Math.floor(n * (from + ((to - from) * (j + rng.next())) / count)), { rule });
  };
  if (settings.withBadRows) {
    const pending = Math.max(2, Math.round(n / 10_000));
    for (let j = 0; j < pending; j++) {
      const index = Math.floor(n * (0.1 + (0.85 * (j + rng.next())) / pending));
      plan.pendingIds.set(index, `SC${lastYear}${String(n + 1 + j).padStart(7, "0")}`);
    }
    // Two bad rows whatever the draws (about 0.3% of a few hundred rows may be none).
    for (const share of [0.3, 0.7]) plan.badRowIndices.add(Math.floor(n * share));
  }
  // The null data set has no lapses: it shows that the audit raises no false alarms either.
  if (settings.uniformRate !== null) return plan;
  spread("A20", 3, 0.03, 0.85);
  spread("A16", 3, 0.03, 0.85);
  spread("A49", 3, 0.03, 0.85);
  spread("A49P", 3, 0.03, 0.85);
  spread("A51", 3, 0.03, 0.85);
  spread("A74", 3, 0.03, 0.85);
  spread("A52", 3, 0.03, 0.7);
  spread("A54", 3, 0.03, 0.7);
  spread("A56_late", 2, 0.03, 0.7);
  spread("A56_same", 2, 0.03, 0.7);
  spread("A22", 3, 0.03, 0.7);
  spread("A65", 3, 0.03, 0.55);
  spread("A66", 3, 0.03, 0.55);
  spread("A67", 3, 0.03, 0.55);
  spread("A68_early", 2, 0.03, 0.5);
  spread("A68_late", 2, 0.03, 0.5);
  spread("A70", 3, 0.03, 0.5);
  // The repeat-offender stories (issue 14), each where its design says (longer stories earlier).
  REPEAT_OFFENDER_STORIES.forEach(({ place: [from, to] }, story) => put(Math.floor(n * (from + (to - from) * rng.next())), { rule: "story", story }));
  // A15: a district special task of each of two years with 4 batches and no e-commerce sampling;
  // only in plan years over by the as-of date (the channel mix of a running year is not final).
  const finishedYears: number[] = [];
  for (let year = settings.years[0]; year <= settings.years[1] && dayOf(`${year}-12-31`) < settings.asOf; year++) finishedYears.push(year);
  for (const year of finishedYears.slice(0, 2)) {
    const yearStart = batchIndexOfDay(schedule, n, dayOf(`${year}-03-01`));
    const yearEnd = batchIndexOfDay(schedule, n, dayOf(`${year}-11-30`));
    if (yearEnd - yearStart < 8) continue;
    const region = REGIONS[rng.weightedIndex(REGION_TABLE)];
    const candidates = CATEGORIES.filter((c) => !PATTERN_CATEGORIES.has(c.name) && c.channels.includes("生产") && c.channels.includes("流通"));
    const category = rng.pick(candidates);
    const taskId = `QX${year}-${region.code}-ZX2`;
    plan.a15TaskIds.push(taskId);
    for (let b = 0; b < 4; b++) {
      put(yearStart + Math.floor(((yearEnd - yearStart) * (b + 0.5)) / 4), { rule: "A15", a15: { taskId, region, category, first: b === 0 } });
    }
  }
  return plan;
}
