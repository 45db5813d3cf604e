// The deterministic sample-data generator behind `spotcheck generate`: writes
// DIR/batches.csv, DIR/events.csv and DIR/planted.json (the ground truth for tests).
//
// Batches are generated in sampling-date order and streamed: each batch row is
// followed by its events, both written through backpressured CSV sinks, so memory
// stays flat whatever the size (nothing holds the rows; the only state is a few
// small maps that keep accidental rule breaches out, pruned as the dates move on).
// Same options → byte-identical files: one seeded generator, no clock. Every draw
// of a batch comes from that one generator in a fixed order, so the parts below are
// called in the same order for every batch.
//
// The parts: options.ts (options, defaults, checks) · schedule.ts (sampling days) ·
// plant-placement.ts (where lapses go) · plants.ts (planted batches, lapse list) ·
// repeat-offender-stories.ts (the planted repeat offenders and near-misses) ·
// batch-synthesis.ts (one batch) with tasks.ts, company-pools.ts, staff.ts,
// guards.ts, sampling-weights.ts and cells.ts · export-writer.ts (the CSV files,
// bad rows) · ground-truth.ts (planted.json).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { BatchSynthesizer, type BatchSpec } from "./batch-synthesis.ts";
import { CompanyPools } from "./company-pools.ts";
import { DayCalendar, yearOf } from "./days.ts";
import { ExportWriter } from "./export-writer.ts";
import { writeGroundTruth } from "./ground-truth.ts";
import { RuleGuards } from "./guards.ts";
import { resolveOptions, type GenerateOptions } from "./options.ts";
import { FailureModel } from "./patterns.ts";
import { placePlants } from "./plant-placement.ts";
import { Plants, type WrittenBatch } from "./plants.ts";
import { Rng } from "./random.ts";
import { BatchDays, samplingSchedule } from "./schedule.ts";
import { TaskPlan } from "./tasks.ts";

// The module's public surface, as other modules import it.
export { DEFAULTS, defaultAsOf, type GenerateOptions } from "./options.ts";
export type { PlantedBadRow, PlantedLapse, PlantedNearMiss, PlantedRepeatOffender } from "./ground-truth.ts";
export { BATCH_EXTRA_COLUMN } from "./export-writer.ts";

export interface GenerateResult {
  batchesFile: string;
  eventsFile: string;
  plantedFile: string;
  /** Batch records written (bad and duplicate rows included). */
  batches: number;
  /** Event records written (bad and pending rows included). */
  events: number;
  lapses: number;
  badRows: number;
}

export async function generateSample(options: GenerateOptions = {}): Promise<GenerateResult> {
  const settings = resolveOptions(options);
  const rng = new Rng(settings.seed, 1);
  const cal = new DayCalendar();
  // The item hot spot is in the last sampling year that has begun by the as-of date.
  const model = new FailureModel(settings.uniformRate, Math.min(settings.years[1], yearOf(settings.asOf)));
  const guards = new RuleGuards();
  const tasks = new TaskPlan(settings, rng);
  const pools = new CompanyPools(settings, rng, guards);
  const synthesizer = new BatchSynthesizer(settings, rng, cal, model, tasks, pools, guards);

  mkdirSync(settings.outDir, { recursive: true });
  const batchesFile = join(settings.outDir, "batches.csv");
  const eventsFile = join(settings.outDir, "events.csv");
  const plantedFile = join(settings.outDir, "planted.json");
  const files = new ExportWriter(batchesFile, eventsFile, settings.encoding, settings.withBadRows, rng);

  const schedule = samplingSchedule(settings.years, settings.asOf, cal);
  const plan = placePlants(settings, schedule, model.lastYear);
  const write = (index: number, day: number, spec: BatchSpec): WrittenBatch => {
    const batch = synthesizer.batch(index, day, spec);
    return { ...batch, bad: files.writeBatch(batch) };
  };
  const plants = new Plants(plan, settings, rng, tasks, pools, write);

  const days = new BatchDays(schedule, settings.batches);
  for (let i = 0; i < settings.batches; i++) {
    const day = days.dayOf(i);
    if (plan.badRowIndices.has(i)) files.oweBadRow();
    plants.batch(i, day);
    const pendingId = plan.pendingIds.get(i);
    if (pendingId) files.writePendingEvent(pendingId, day);
    if ((i & 4095) === 4095) guards.prune(day);
    await files.flushIfFull();
  }
  await files.close();
  plants.finish();

  writeGroundTruth(plantedFile, settings, {
    lastYear: model.lastYear,
    lapses: plants.lapses,
    badRows: files.badRows,
    pendingEvents: files.pendingEvents,
    pendingEventRowsOfRejectedBatches: files.pendingFromRejectedBatches,
    ...plants.stories.groundTruth(),
  });
  return {
    batchesFile, eventsFile, plantedFile,
    batches: files.batchRows,
    events: files.eventRows,
    lapses: plants.lapses.length,
    badRows: files.badRows.length,
  };
}
