// The deterministic sample-data generator behind `spotcheck generate`: writes
// DIR/batches.csv, DIR/events.csv and DIR/planted.json (the ground truth for tests).
//
// Batches are generated in sampling-date order and streamed: each batch row is
// followed by its events, both written through backpressured CSV sinks, so memory
// stays flat whatever the size (nothing holds the rows; the only state is a few
// small maps that keep accidental rule breaches out, pruned as the dates move on).
// Same options → byte-identical files: one seeded generator, no clock.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BATCH_COLUMNS } from "../contract/columns.ts";
import { CalendarCoverageError, coveredYears } from "../calendar/statutory-calendar.ts";
import { badEventRow, spoilBatch, type BadCell, type BatchCells, type EventCells } from "./bad-rows.ts";
import {
  AGENCY_CODES, CATEGORIES, GROUPS, PLATFORMS, SPECIAL_CHECK_CATEGORIES, agenciesOf, groupOf, type Category, type Channel,
} from "./catalogue-of-products.ts";
import { CsvSink, type OutputEncoding } from "./csv-sink.ts";
import { DayCalendar, dayOf, isoOf, yearOf } from "./days.ts";
import { producer, seller, type Entity, type Place } from "./identities.ts";
import { lifecycle, type LifeEvent, type LifecyclePlant } from "./lifecycle.ts";
import {
  FailureModel, INDUSTRY_PROBLEM, ITEM_HOT_SPOT, PATTERN_CATEGORIES, REGIONAL_PROBLEM,
} from "./patterns.ts";
import { HECHUAN, PROVINCES, REGIONS, type Region } from "./places.ts";
import { Rng, hashText, weightTable, type WeightTable } from "./random.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface GenerateOptions {
  /** First and last sampling year (default 2023–2025). */
  years?: [number, number];
  /** Number of sampled batches (default 20,000). */
  batches?: number;
  seed?: number | string;
  /** Output folder (default data/sample). */
  out?: string;
  /** No event after it and no sampling after it (default: asOf of spotcheck.config.json). */
  asOf?: string;
  /** The null data set: every batch fails with this probability; no patterns, no lapses. */
  uniformRate?: number | null;
  /** Plant bad rows (default true). */
  badRows?: boolean;
  /** Encoding of batches.csv (events.csv is always UTF-8 with a BOM). */
  encoding?: OutputEncoding;
}

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

export const DEFAULTS = { years: [2023, 2025] as [number, number], batches: 20_000, seed: 20251231, out: "data/sample" };

export function defaultAsOf(): string {
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, "spotcheck.config.json"), "utf8")) as { asOf: string };
  return config.asOf;
}

/** Batch columns in the order written: not the contract's order, on purpose; headers are the Chinese labels. */
const BATCH_ORDER = [
  "sample_id", "product_category", "product_name", "brand", "model", "batch_no", "standard", "level", "task_id",
  "plan_year", "kind", "organizer", "sampling_date", "channel", "platform", "sampled_name", "sampled_uscc",
  "sampled_region", "sampled_address", "sampled_contact", "sampled_phone", "enterprise_size", "producer_name",
  "producer_uscc", "producer_region", "producer_address", "sampler_ids", "sampling_agency", "outcome", "onsite",
  "inspection_agency", "inspector_ids", "report_no", "report_date", "conclusion", "failed_items", "serious",
] as const;
/** A column outside the contract, to show ingest keeps extra columns aside. */
export const BATCH_EXTRA_COLUMN = "备注说明";
/** Events: English keys, not in the contract's order, plus one extra column. */
const EVENT_ORDER = ["date", "sample_id", "event", "result", "agency", "note", "handled_by"] as const;

if (BATCH_ORDER.length !== BATCH_COLUMNS.length || !BATCH_COLUMNS.every((c) => (BATCH_ORDER as readonly string[]).includes(c.key))) {
  throw new Error("示例数据的批次列与数据规范（loaders/contract/columns.ts）不一致");
}
const ZH_LABEL = new Map(BATCH_COLUMNS.map((c) => [c.key, c.zh]));

const LEVEL_SHARE = [["国家", 0.08], ["市级", 0.52], ["区县级", 0.4]] as const;
const CHANNEL_SHARE: Readonly<Record<Channel, number>> = { 生产: 0.45, 流通: 0.35, 电商: 0.2 };
/** Sampling activity by month: little around the Spring Festival, busiest from spring to autumn. */
const MONTH_WEIGHT = [0.45, 0.35, 1.0, 1.1, 1.2, 1.15, 1.0, 1.0, 1.1, 0.9, 1.15, 0.85];
const OUT_OF_CITY_SHARE = 0.27; // of producers of goods sampled at sellers: about 15% of all batches
/** A district's own tasks need enough batches a year to cover the channels (article 15); smaller districts are left to the city. */
const MIN_TASK_BATCHES = 10;
/** A product group's task mixes categories sampled only offline (fuel, rebar) with others: it needs more batches to be sure of e-commerce ones. */
const MIN_GROUP_TASK_BATCHES = 30;
const A22_WINDOW_DAYS = 200; // a little over the six months of article 22
const STAFF_PER_AGENCY = 150;

type PlantRule =
  | LifecyclePlant | "A20" | "A16" | "A22" | "A70" | "A15";

interface PlantSpec {
  rule: PlantRule;
  a15?: { taskId: string; region: Region; category: Category; first: boolean };
}

interface FollowUp {
  rule: "A22" | "A70";
  from: number;
  to: number;
  origin: string;
  level: string;
  producerRef: ProducerRef;
  category: Category;
  product: string;
  standard: string;
  model: string;
  detail: string;
}

interface ProducerRef {
  entity: Entity;
  place: Place;
}

/** What a plant or follow-up fixes about a batch; everything else is drawn. */
interface BatchSpec {
  level?: string;
  region?: Region;
  category?: Category;
  channel?: Channel;
  task?: { id: string; kind: string; organizer: string };
  producer?: ProducerRef;
  outOfCity?: boolean;
  product?: string;
  standard?: string;
  model?: string;
  avoidModel?: string;
  failed?: boolean;
  samplers?: 1;
  inspectorOverlap?: boolean;
  lifecyclePlant?: LifecyclePlant;
  forceSampled?: boolean;
  /** Skip the check that keeps A70 from happening by accident (the follow-ups want the same producer). */
  deliberate?: boolean;
  /** Skip the check that keeps A22 from happening by accident (the A22 follow-up repeats the model). */
  repeat?: boolean;
}

export async function generateSample(options: GenerateOptions = {}): Promise<GenerateResult> {
  const g = new Generator(options);
  return g.run();
}

class Generator {
  private readonly years: [number, number];
  private readonly total: number;
  private readonly seed: number;
  private readonly seedText: string;
  private readonly outDir: string;
  private readonly asOfText: string;
  private readonly asOf: number;
  private readonly uniformRate: number | null;
  private readonly withBadRows: boolean;
  private readonly encoding: OutputEncoding;
  private readonly rng: Rng;
  private readonly cal = new DayCalendar();
  private readonly model: FailureModel;

  private readonly regionTable: WeightTable;
  private readonly provinceTable: WeightTable;
  private readonly categoryTable: WeightTable;
  private readonly hechuanCategoryTable: WeightTable;
  private readonly trades: string[];
  private readonly producerPoolSize = new Map<number, number>();
  private readonly sellerPoolSize: number[];
  private readonly freshProducers = new Map<number, number>();
  private readonly freshSellers = new Map<number, number>();
  private readonly districtTaskAllowed: boolean[];
  private readonly districtSpecialAllowed: boolean[];
  private readonly citySpecialAllowed = new Set<string>();
  /** Product groups with a routine city task of their own; small samples put all groups in one task a year. */
  private readonly cityGroupTasks = new Set<string>();

  /** Producer/seller × category under rectification (article 70) → day the block ends. Key: entity × 64 + category. */
  private readonly underRectification = new Map<number, number>();
  /** Producer × standard × brand × model → last day sampled by 国家 / 市级 (article 22); see `productKey`. */
  private readonly higherLevelSampling = new Map<number, { national: number; city: number }>();
  private readonly pruneAt = { rectification: 20_000, higherLevel: 50_000 };
  private readonly taskChannels = new Map<string, number>(); // bit 1: 流通 seen, bit 2: 电商 seen

  private readonly plants = new Map<number, PlantSpec>();
  private followUps: FollowUp[] = [];
  private readonly pendingIds = new Map<number, string>();
  private readonly lapses: PlantedLapse[] = [];
  private readonly badRows: PlantedBadRow[] = [];
  private readonly pendingEvents: { row: number; sample_id: string }[] = [];
  private readonly a15Tasks = new Map<string, number>();
  private pendingFromRejectedBatches = 0;

  private batchSink!: CsvSink;
  private eventSink!: CsvSink;

  constructor(options: GenerateOptions) {
    this.years = options.years ?? DEFAULTS.years;
    this.total = options.batches ?? DEFAULTS.batches;
    const seed = options.seed ?? DEFAULTS.seed;
    this.seedText = String(seed);
    this.seed = typeof seed === "number" && Number.isInteger(seed) ? seed >>> 0 : hashText(String(seed));
    this.outDir = resolve(options.out ?? join(PROJECT_ROOT, DEFAULTS.out));
    this.asOfText = options.asOf ?? defaultAsOf();
    this.asOf = dayOf(this.asOfText);
    this.uniformRate = options.uniformRate ?? null;
    this.withBadRows = options.badRows ?? true;
    this.encoding = options.encoding ?? "utf8";
    this.checkOptions();
    this.rng = new Rng(this.seed, 1);
    this.model = new FailureModel(this.uniformRate, Math.min(this.years[1], yearOf(this.asOf)));

    this.regionTable = weightTable(REGIONS.map((r) => r.weight));
    this.provinceTable = weightTable(PROVINCES.map((p) => p.weight));
    this.categoryTable = weightTable(CATEGORIES.map((c) => c.share));
    this.hechuanCategoryTable = weightTable(CATEGORIES.map((c) =>
      c.share * (this.uniformRate === null && c.name === REGIONAL_PROBLEM.category ? REGIONAL_PROBLEM.samplingBoost : 1)));
    this.trades = [...new Set(CATEGORIES.map((c) => c.trade))];

    const regionTotal = REGIONS.reduce((s, r) => s + r.weight, 0);
    const shareTotal = CATEGORIES.reduce((s, c) => s + c.share, 0);
    const batchesPerYear = this.total / (this.years[1] - this.years[0] + 1);
    const districtShare = LEVEL_SHARE[2][1];
    this.districtTaskAllowed = REGIONS.map((r) => batchesPerYear * districtShare * (r.weight / regionTotal) >= MIN_TASK_BATCHES);
    this.districtSpecialAllowed = REGIONS.map((r) => batchesPerYear * districtShare * (r.weight / regionTotal) * 0.15 >= MIN_TASK_BATCHES);
    for (const c of CATEGORIES) {
      if (SPECIAL_CHECK_CATEGORIES.has(c.name) && batchesPerYear * LEVEL_SHARE[1][1] * (c.share / shareTotal) * 0.35 >= MIN_TASK_BATCHES) {
        this.citySpecialAllowed.add(c.name);
      }
    }
    for (const group of GROUPS) {
      const groupShare = CATEGORIES.filter((c) => c.group === group.code).reduce((s, c) => s + c.share, 0) / shareTotal;
      if (batchesPerYear * LEVEL_SHARE[1][1] * groupShare * 0.8 >= MIN_GROUP_TASK_BATCHES) this.cityGroupTasks.add(group.code);
    }
    // Pools: about three samplings per company over the run, so companies recur as they do.
    this.trades.forEach((trade, t) => {
      const tradeShare = CATEGORIES.filter((c) => c.trade === trade).reduce((s, c) => s + c.share, 0) / shareTotal;
      REGIONS.forEach((r, p) => {
        const expected = this.total * tradeShare * (r.weight / regionTotal) * (0.45 + 0.55 * (1 - OUT_OF_CITY_SHARE));
        this.producerPoolSize.set(t * PLACES + p, Math.min(6000, Math.max(3, Math.ceil(expected / 3))));
      });
      const provinceTotal = PROVINCES.reduce((s, p) => s + p.weight, 0);
      PROVINCES.forEach((province, q) => {
        const expected = this.total * tradeShare * 0.55 * OUT_OF_CITY_SHARE * (province.weight / provinceTotal);
        this.producerPoolSize.set(t * PLACES + REGIONS.length + q, Math.min(6000, Math.max(3, Math.ceil(expected / 2))));
      });
    });
    this.sellerPoolSize = REGIONS.map((r) => Math.min(30_000, Math.max(8, Math.ceil((this.total * 0.55 * (r.weight / regionTotal)) / 4))));
  }

  private checkOptions(): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.asOfText) || isoOf(this.asOf) !== this.asOfText) {
      throw new RangeError(`截止日期须为有效的 YYYY-MM-DD，收到 "${this.asOfText}"`);
    }
    const [first, last] = this.years;
    if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) throw new RangeError(`年份范围无效：${first}-${last}`);
    if (!Number.isInteger(this.total) || this.total < 1) throw new RangeError(`批次数须为正整数，收到 ${this.total}`);
    if (this.uniformRate !== null && !(this.uniformRate >= 0 && this.uniformRate <= 1)) {
      throw new RangeError(`--uniform-rate 须在 0 到 1 之间，收到 ${this.uniformRate}`);
    }
    const covered = coveredYears();
    if (first < covered.first || yearOf(this.asOf) > covered.last) {
      throw new CalendarCoverageError(
        `示例数据需要 ${first} 年至截止日期 ${this.asOfText} 的法定节假日数据，法定日历只覆盖 ${covered.first}–${covered.last} 年（第七十五条）`,
      );
    }
    if (dayOf(`${first}-01-01`) > this.asOf) throw new RangeError(`截止日期 ${this.asOfText} 早于抽样年份 ${first} 年`);
  }

  async run(): Promise<GenerateResult> {
    mkdirSync(this.outDir, { recursive: true });
    const batchesFile = join(this.outDir, "batches.csv");
    const eventsFile = join(this.outDir, "events.csv");
    const plantedFile = join(this.outDir, "planted.json");
    this.batchSink = new CsvSink(batchesFile, this.encoding, "\r\n", false);
    this.eventSink = new CsvSink(eventsFile, "utf8", "\n", true);
    this.batchSink.row([...BATCH_ORDER.map((k) => ZH_LABEL.get(k)!), BATCH_EXTRA_COLUMN]);
    this.eventSink.row([...EVENT_ORDER]);

    const schedule = this.samplingSchedule();
    this.planPlants(schedule);

    let pointer = 0;
    for (let i = 0; i < this.total; i++) {
      const target = ((i + 0.5) / this.total) * schedule.total;
      while (pointer < schedule.days.length - 1 && schedule.cumulative[pointer] <= target) pointer++;
      const day = schedule.days[pointer];
      this.batch(i, day);
      const pendingId = this.pendingIds.get(i);
      if (pendingId) this.pendingEvent(pendingId, day);
      if ((i & 4095) === 4095) this.prune(day);
      if (this.batchSink.full) await this.batchSink.flush();
      if (this.eventSink.full) await this.eventSink.flush();
    }
    await this.batchSink.close();
    await this.eventSink.close();

    for (const [taskId, count] of this.a15Tasks) {
      if (count > 0) this.lapses.push({ sample_id: null, rule: "A15", task_id: taskId, detail: `专项任务 ${taskId} 共 ${count} 批次，全部为生产、流通环节，没有电商抽样（第十五条）` });
    }
    const planted = {
      asOf: this.asOfText,
      seed: this.seedText,
      years: this.years,
      batchesRequested: this.total,
      uniformRate: this.uniformRate,
      encoding: { batches: this.encoding, events: "utf8-bom" },
      files: { batches: "batches.csv", events: "events.csv" },
      patterns: this.uniformRate !== null ? [] : [
        { ...REGIONAL_PROBLEM, elsewhereRate: CATEGORIES.find((c) => c.name === REGIONAL_PROBLEM.category)!.rate, description: "合川区抽查的电动自行车不合格概率 0.40，其他区县约 0.08；合川电动自行车抽样权重提高到 5 倍" },
        { ...INDUSTRY_PROBLEM, description: "塑料一次性餐饮具在所有区县、所有环节的不合格概率均为 0.35（全部品类总体约 0.10），不合格分散在众多区县和生产者" },
        { ...ITEM_HOT_SPOT, year: this.model.lastYear, description: `${this.model.lastYear} 年儿童玩具的不合格批次中约 70% 含邻苯二甲酸酯增塑剂，此前各年约 15%` },
      ],
      lapses: this.lapses,
      badRows: this.badRows,
      pendingEvents: this.pendingEvents,
      pendingEventRowsOfRejectedBatches: this.pendingFromRejectedBatches,
    };
    writeFileSync(plantedFile, JSON.stringify(planted, null, 2) + "\n");
    return {
      batchesFile, eventsFile, plantedFile,
      batches: this.batchSink.records - 1,
      events: this.eventSink.records - 1,
      lapses: this.lapses.length,
      badRows: this.badRows.length,
    };
  }

  /** Working days of the range up to the as-of date, weighted by month (article 75 calendar). */
  private samplingSchedule(): { days: number[]; cumulative: Float64Array; total: number } {
    const days: number[] = [];
    const start = dayOf(`${this.years[0]}-01-01`);
    const end = Math.min(dayOf(`${this.years[1]}-12-31`), this.asOf);
    for (let d = start; d <= end; d++) if (this.cal.isWorking(d)) days.push(d);
    if (days.length === 0) throw new RangeError("抽样年份内没有工作日");
    const table = weightTable(days.map((d) => MONTH_WEIGHT[Number(isoOf(d).slice(5, 7)) - 1]));
    return { days, cumulative: table.cumulative, total: table.total };
  }

  /** Where the deliberate lapses go: spread over the range, early enough for their story to finish by the as-of date. */
  private planPlants(schedule: { days: number[]; cumulative: Float64Array; total: number }): void {
    const rng = new Rng(this.seed, 2);
    const n = this.total;
    const put = (index: number, spec: PlantSpec) => {
      while (this.plants.has(index)) index++;
      if (index < n) this.plants.set(index, spec);
    };
    const spread = (rule: PlantRule, count: number, from: number, to: number) => {
      for (let j = 0; j < count; j++) put(Math.floor(n * (from + ((to - from) * (j + rng.next())) / count)), { rule });
    };
    if (this.withBadRows) {
      const pending = Math.max(2, Math.round(n / 10_000));
      for (let j = 0; j < pending; j++) {
        const index = Math.floor(n * (0.1 + (0.85 * (j + rng.next())) / pending));
        this.pendingIds.set(index, `SC${this.model.lastYear}${String(n + 1 + j).padStart(7, "0")}`);
      }
    }
    if (this.uniformRate !== null) return;
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
    // A15: a district special task of each of two years with 4 batches and no e-commerce sampling;
    // only in plan years over by the as-of date (the channel mix of a running year is not final).
    const finishedYears: number[] = [];
    for (let year = this.years[0]; year <= this.years[1] && dayOf(`${year}-12-31`) < this.asOf; year++) finishedYears.push(year);
    for (const year of finishedYears.slice(0, 2)) {
      const yearStart = this.indexOfDay(schedule, dayOf(`${year}-03-01`));
      const yearEnd = this.indexOfDay(schedule, dayOf(`${year}-11-30`));
      if (yearEnd - yearStart < 8) continue;
      const region = REGIONS[rng.weightedIndex(this.regionTable)];
      const candidates = CATEGORIES.filter((c) => !PATTERN_CATEGORIES.has(c.name) && c.channels.includes("生产") && c.channels.includes("流通"));
      const category = rng.pick(candidates);
      const taskId = `QX${year}-${region.code}-ZX2`;
      this.a15Tasks.set(taskId, 0);
      for (let b = 0; b < 4; b++) {
        put(yearStart + Math.floor(((yearEnd - yearStart) * (b + 0.5)) / 4), { rule: "A15", a15: { taskId, region, category, first: b === 0 } });
      }
    }
  }

  private indexOfDay(schedule: { days: number[]; cumulative: Float64Array; total: number }, day: number): number {
    let k = 0;
    while (k < schedule.days.length - 1 && schedule.days[k] < day) k++;
    const before = k === 0 ? 0 : schedule.cumulative[k - 1];
    return Math.min(this.total - 1, Math.floor((before / schedule.total) * this.total));
  }

  /** Forgets blocks that have ended, whenever a map has doubled since it was last pruned (memory stays bounded). */
  private prune(day: number): void {
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

  // ---------------------------------------------------------------- one batch

  private batch(index: number, day: number): void {
    if (this.followUps.length > 0) this.followUps = this.followUps.filter((f) => f.to >= day);
    const due = this.followUps.length > 0 ? this.followUps.find((f) => f.from <= day) : undefined;
    if (due) {
      this.followUps = this.followUps.filter((f) => f !== due);
      // The plant planned for this index moves to the next one.
      const displaced = this.plants.get(index);
      if (displaced) {
        this.plants.delete(index);
        let next = index + 1;
        while (this.plants.has(next)) next++;
        if (next < this.total) this.plants.set(next, displaced);
      }
      this.followUpBatch(index, day, due);
      return;
    }
    const plant = this.plants.get(index);
    if (!plant) {
      this.write(index, day, {});
      return;
    }
    this.plantedBatch(index, day, plant);
  }

  private plantedBatch(index: number, day: number, plant: PlantSpec): void {
    const rng = this.rng;
    const nonPattern = () => this.pickCategory((c) => !PATTERN_CATEGORIES.has(c.name));
    switch (plant.rule) {
      case "A20": {
        const b = this.write(index, day, { samplers: 1, forceSampled: true });
        this.lapse(b, "A20", "抽样人员只有 1 人（第二十条：不得少于 2 人）");
        return;
      }
      case "A16": {
        const b = this.write(index, day, { inspectorOverlap: true, forceSampled: true });
        this.lapse(b, "A16", "检验人员与抽样人员为同一人，且非现场检验（第十六条：抽检分离）");
        return;
      }
      case "A22": {
        // A 市级 original needs a district task for its 区县级 repeat; tiny samples have none.
        const level = rng.chance(0.5) || !this.districtTaskAllowed.includes(true) ? "国家" : "市级";
        const b = this.write(index, day, { level, category: nonPattern(), failed: false, forceSampled: true });
        if (b.bad) return;
        this.followUps.push({
          rule: "A22", from: day + 30, to: Math.min(day + 150, this.asOf), origin: b.sampleId,
          level: level === "国家" ? "市级" : "区县级", producerRef: b.producer, category: b.category,
          product: b.product, standard: b.standard, model: b.model,
          detail: `${level}抽查后 6 个月内，下级又抽查同一生产者、同一标准、同一商标、同一型号的产品（第二十二条）`,
        });
        return;
      }
      case "A70": {
        const b = this.write(index, day, { category: nonPattern(), failed: true, forceSampled: true, lifecyclePlant: "A70_origin" });
        if (b.bad || !b.life || b.life.rectificationDay === null) return;
        const from = b.life.rectificationDay + 5;
        const to = Math.min(b.life.passedRecheckDay - 3, this.asOf);
        if (from > to) return;
        this.followUps.push({
          rule: "A70", from, to, origin: b.sampleId, level: b.level, producerRef: b.producer, category: b.category,
          product: b.product, standard: b.standard, model: b.model,
          detail: "责令整改后、复查合格前，同一生产者的同一产品又在市场上被抽到（第七十条：应停止生产、销售）",
        });
        return;
      }
      case "A15": {
        const a = plant.a15!;
        const channel: Channel = a.first ? "流通" : rng.chance(0.5) ? "生产" : "流通";
        const b = this.write(index, day, {
          level: "区县级", region: a.region, category: a.category, channel, forceSampled: true,
          task: { id: a.taskId, kind: "专项", organizer: organizerOf("区县级", a.region) },
        });
        if (!b.bad) this.a15Tasks.set(a.taskId, (this.a15Tasks.get(a.taskId) ?? 0) + 1);
        return;
      }
      default: {
        const rule = plant.rule;
        const spec: BatchSpec = { category: nonPattern(), forceSampled: true, lifecyclePlant: rule };
        if (rule === "A49P") spec.channel = "流通";
        if (rule === "A74") {
          spec.channel = "流通";
          spec.outOfCity = true;
        }
        if (rule !== "A49" && rule !== "A49P") spec.failed = true;
        if (spec.channel) spec.category = this.pickCategory((c) => !PATTERN_CATEGORIES.has(c.name) && c.channels.includes(spec.channel!));
        const b = this.write(index, day, spec);
        if (b.bad || !b.life || b.life.reportDay === null || b.life.lapseDay > this.asOf) return;
        const [ruleId, detail] = LIFECYCLE_LAPSES[rule as Exclude<LifecyclePlant, "A70_origin">];
        this.lapse(b, ruleId, detail);
      }
    }
  }

  private followUpBatch(index: number, day: number, f: FollowUp): void {
    const spec: BatchSpec = {
      level: f.level, category: f.category, producer: f.producerRef, product: f.product, standard: f.standard,
      channel: "流通", failed: false, forceSampled: true, deliberate: true,
    };
    if (f.rule === "A22") {
      spec.model = f.model;
      spec.repeat = true;
      if (f.level === "区县级") spec.region = this.pickRegion((_, i) => this.districtTaskAllowed[i]);
    } else {
      spec.avoidModel = f.model;
    }
    const b = this.write(index, day, spec);
    if (b.bad) return;
    this.lapses.push({ sample_id: b.sampleId, rule: f.rule, related_sample_id: f.origin, detail: f.detail });
  }

  private lapse(b: Written, rule: string, detail: string): void {
    if (!b.bad) this.lapses.push({ sample_id: b.sampleId, rule, detail });
  }

  private pickRegion(accept: (r: Region, i: number) => boolean): Region {
    if (!REGIONS.some(accept)) throw new Error("no region qualifies");
    for (;;) {
      const i = this.rng.weightedIndex(this.regionTable);
      if (accept(REGIONS[i], i)) return REGIONS[i];
    }
  }

  private pickCategory(accept: (c: Category) => boolean): Category {
    for (;;) {
      const c = CATEGORIES[this.rng.weightedIndex(this.categoryTable)];
      if (accept(c)) return c;
    }
  }

  /** Draws the rest of a batch, its lifecycle and bad-row fate, and writes it with its events. */
  private write(index: number, day: number, spec: BatchSpec): Written {
    const rng = this.rng;
    const year = yearOf(day);

    // Who organised it (article 5) and where.
    let level = spec.level ?? pickLevel(rng.next());
    const regionIndex = spec.region ? REGION_INDEX.get(spec.region)! : rng.weightedIndex(this.regionTable);
    const region = REGIONS[regionIndex];
    if (level === "区县级" && !this.districtTaskAllowed[regionIndex] && !spec.task) level = "市级";
    const category = spec.category ??
      CATEGORIES[rng.weightedIndex(region.code === HECHUAN ? this.hechuanCategoryTable : this.categoryTable)];
    const task = spec.task ?? this.taskOf(level, region, regionIndex, category, year, spec.level !== undefined);

    // Channel: every task covers distribution and e-commerce (article 15), then the usual mix.
    const seenChannels = this.taskChannels.get(task.id) ?? 0;
    const channel = spec.channel ?? this.pickChannel(seenChannels, category);
    const channelBit = channel === "流通" ? 1 : channel === "电商" ? 2 : 0;
    const firstOfChannel = (seenChannels & channelBit) === 0 && channelBit !== 0; // never spoilt: its task would lose the channel
    this.taskChannels.set(task.id, seenChannels | channelBit);

    const outcomeDraw = rng.next();
    const outcome = spec.forceSampled ? "已抽样" : outcomeDraw < 0.01 ? "拒检" : outcomeDraw < 0.015 ? "终止抽样" : outcomeDraw < 0.02 ? "无法抽样" : "已抽样";

    // Producer and the sampled unit; no one is sampled again while under rectification (article 70).
    const categoryIndex = CATEGORY_INDEX.get(category)!;
    let producerRef = spec.producer;
    let outOfCity = spec.outOfCity ?? false;
    let sampled: Entity;
    if (channel === "生产") {
      producerRef ??= this.pickProducer(category, { region }, day, spec.deliberate);
      sampled = producerRef.entity;
    } else {
      if (!producerRef) {
        outOfCity = spec.outOfCity ?? rng.chance(OUT_OF_CITY_SHARE);
        const place: Place = outOfCity
          ? { province: PROVINCES[rng.weightedIndex(this.provinceTable)] }
          : { region: rng.chance(0.4) ? region : REGIONS[rng.weightedIndex(this.regionTable)] };
        producerRef = this.pickProducer(category, place, day, spec.deliberate);
      }
      outOfCity = producerRef.place.province !== undefined;
      sampled = this.pickSeller(regionIndex, channel === "电商", categoryIndex, day, spec.deliberate);
    }
    const producerEntity = producerRef.entity;

    // The product (article 22 keys: producer, standard, brand, model).
    const product = spec.product ?? rng.pick(category.products);
    const brand = producerEntity.brand;
    let standard = spec.standard ?? rng.pick(category.standards);
    let model = spec.model ?? (spec.avoidModel ? rng.pick(category.models.filter((m) => m !== spec.avoidModel)) : rng.pick(category.models));
    // The brand is the producer's, so producer × standard × model identifies the product of article 22.
    let key = productKey(producerEntity.number, category, standard, model);
    if (!spec.repeat) {
      for (let attempt = 0; this.repeatsHigherLevel(key, level, day); attempt++) {
        if (attempt >= 6) {
          model = `${model}-${(index + 1).toString(36).toUpperCase()}`; // a designation of its own: never a repeat
          key = -1;
          break;
        }
        standard = rng.pick(category.standards);
        model = rng.pick(category.models);
        key = productKey(producerEntity.number, category, standard, model);
      }
    }
    if (key >= 0 && (level === "国家" || level === "市级")) this.noteHigherLevel(key, level, day);

    // Staff and agencies (articles 16, 20).
    const agencies = agenciesOf(category);
    const inspectionAgency = rng.chance(0.6) ? agencies[0] : rng.pick(agencies);
    const samplingAgency = spec.inspectorOverlap || rng.chance(0.85) ? inspectionAgency : rng.pick(agencies);
    const onsite = outcome === "已抽样" && !spec.lifecyclePlant && !spec.inspectorOverlap && category.onsite === true && rng.chance(0.3);
    const samplerCount = spec.samplers ?? (rng.chance(0.75) ? 2 : 3);
    const samplerNumbers = distinctNumbers(rng, samplerCount, []);
    const samplers = samplerNumbers.map((n) => staffCode(samplingAgency, n));
    let inspectors: string[] = [];
    if (outcome === "已抽样") {
      if (onsite) inspectors = samplers.slice(); // on-site inspection by the samplers (article 41)
      else if (spec.inspectorOverlap) inspectors = [samplers[0], staffCode(inspectionAgency, distinctNumbers(rng, 1, samplerNumbers)[0])];
      else {
        const exclude = samplingAgency === inspectionAgency ? samplerNumbers : [];
        inspectors = distinctNumbers(rng, rng.int(1, 3), exclude).map((n) => staffCode(inspectionAgency, n));
      }
    }

    // Result and lifecycle.
    const failed = outcome === "已抽样" && (spec.failed ?? this.model.fails(category, region.code, channel, rng));
    const items = failed ? this.model.failedItems(category, year, rng) : [];
    const serious = failed && rng.chance(0.05);
    const otherAgencies = agencies.filter((a) => a !== inspectionAgency);
    const life = outcome === "已抽样"
      ? lifecycle({
        sampling: day, channel, failed, outOfCity, onsite, serious, inspectionAgency, otherAgencies,
        asOf: this.asOf, plant: spec.lifecyclePlant,
      }, rng, this.cal)
      : null;
    const events: LifeEvent[] = life ? life.events : this.unsampledEvents(outcome, day);
    if (failed) {
      const until = life && life.reportDay !== null ? (life.rectificationDay === null ? day + 120 : life.passedRecheckDay) : Infinity;
      this.blockUntil(producerEntity.number * 64 + categoryIndex, until);
      this.blockUntil(sampled.number * 64 + categoryIndex, until);
    }

    // The row as the bureau's system exports it.
    const sampleId = `${LEVEL_PREFIX[level]}${year}${String(index + 1).padStart(7, "0")}`;
    const reported = life !== null && life.reportDay !== null;
    const cells: BatchCells = {
      sample_id: sampleId,
      task_id: task.id,
      plan_year: String(year),
      level,
      kind: task.kind,
      organizer: task.organizer,
      product_category: category.name,
      product_name: product,
      brand: outcome === "已抽样" || outcome === "终止抽样" ? brand : "",
      model: outcome === "已抽样" ? model : "",
      batch_no: outcome === "已抽样" ? this.batchNumber(day) : "",
      standard,
      producer_name: padded(rng, producerEntity.name),
      producer_uscc: producerEntity.uscc,
      producer_address: producerEntity.address,
      producer_region: producerRef.place.province
        ? `市外${rng.chance(0.05) ? "：" : ":"}${producerRef.place.province.name}`
        : regionCell(rng, producerRef.place.region!),
      sampled_name: padded(rng, sampled.name),
      sampled_uscc: sampled.uscc,
      sampled_address: sampled.address,
      sampled_region: regionCell(rng, region),
      sampled_contact: rng.chance(0.03) ? "" : sampled.contact,
      sampled_phone: rng.chance(0.03) ? "" : sampled.phone,
      channel,
      platform: channel === "电商" ? PLATFORMS[rng.weightedIndex(PLATFORM_TABLE)][0] : "",
      enterprise_size: rng.chance(0.05) ? "" : sampled.size,
      sampling_date: this.dateCell(day),
      sampler_ids: listCell(rng, samplers),
      sampling_agency: samplingAgency,
      outcome,
      onsite: booleanCell(rng, onsite),
      inspection_agency: outcome === "已抽样" ? inspectionAgency : "",
      inspector_ids: listCell(rng, inspectors),
      report_no: reported ? `${AGENCY_CODES[inspectionAgency]}${year}W${String(index + 1).padStart(7, "0")}` : "",
      report_date: reported ? this.dateCell(life!.reportDay!) : "",
      conclusion: reported ? (failed ? "不合格" : "合格") : "",
      failed_items: reported ? listCell(rng, items) : "",
      serious: reported ? booleanCell(rng, serious) : "",
    };
    const note = this.noteCell(outcome, channel);

    // About 0.3% of rows carry one deliberate mistake (bad-rows.ts); never the planted lapses.
    const isPlant = spec.lifecyclePlant !== undefined || spec.samplers !== undefined || spec.inspectorOverlap === true ||
      spec.deliberate === true || spec.task !== undefined || spec.level !== undefined;
    let bad: BadCell | null = null;
    let duplicate = false;
    if (this.withBadRows && !isPlant && !firstOfChannel && rng.chance(0.003)) {
      if (rng.chance(1 / 14)) duplicate = true;
      else bad = spoilBatch(cells, rng);
    }
    const fields: string[] = new Array(BATCH_ORDER.length + 1);
    for (let k = 0; k < BATCH_ORDER.length; k++) fields[k] = cells[BATCH_ORDER[k]];
    fields[BATCH_ORDER.length] = note;
    const row = this.batchSink.row(fields);
    if (bad) this.badRows.push({ file: "batches.csv", row, sample_id: sampleId, ...bad });
    if (duplicate) {
      const copy = this.batchSink.row(fields);
      this.badRows.push({
        file: "batches.csv", row: copy, sample_id: sampleId, column: "sample_id", reason_code: "duplicate_key",
        why: "同一批次在导出文件中重复出现（首行有效，重复行拒收）",
      });
    }

    // Its events, right behind it.
    const eventRows: string[][] = [];
    for (const e of events) {
      const eventRow = this.eventFields(sampleId, e);
      this.eventSink.row(eventRow);
      eventRows.push(eventRow);
    }
    if (bad) this.pendingFromRejectedBatches += eventRows.length;
    if (this.withBadRows && !bad && !isPlant && eventRows.length > 0 && rng.chance(0.0008)) {
      const extra = badEventRow(eventRows.map(eventCellsOf), rng);
      const eventRow = this.eventSink.row(EVENT_ORDER.map((k) => extra.cells[k]));
      this.badRows.push({ file: "events.csv", row: eventRow, sample_id: sampleId, ...extra.bad });
    }

    return {
      sampleId, bad: bad !== null, level, category, product, standard, model, producer: producerRef, life,
    };
  }

  private taskOf(level: string, region: Region, regionIndex: number, category: Category, year: number, fixedLevel: boolean) {
    if (level === "国家") {
      // The national checks handed down to the city: one task a year.
      return { id: `GJ${year}`, kind: "日常", organizer: organizerOf(level, region) };
    }
    if (level === "市级") {
      if (!fixedLevel && this.citySpecialAllowed.has(category.name) && this.rng.chance(0.35)) {
        return { id: `SJ${year}-ZX-${category.code}`, kind: "专项", organizer: organizerOf(level, region) };
      }
      const group = groupOf(category).code;
      const id = this.cityGroupTasks.has(group) ? `SJ${year}-RC-${group}` : `SJ${year}-RC`;
      return { id, kind: "日常", organizer: organizerOf(level, region) };
    }
    if (!fixedLevel && this.districtSpecialAllowed[regionIndex] && this.rng.chance(0.15)) {
      return { id: `QX${year}-${region.code}-ZX1`, kind: "专项", organizer: organizerOf(level, region) };
    }
    return { id: `QX${year}-${region.code}-RC`, kind: "日常", organizer: organizerOf(level, region) };
  }

  private pickChannel(seen: number, category: Category): Channel {
    if (!(seen & 1) && category.channels.includes("流通")) return "流通";
    if (!(seen & 2) && category.channels.includes("电商")) return "电商";
    const allowed = category.channels;
    let x = this.rng.next() * allowed.reduce((s, c) => s + CHANNEL_SHARE[c], 0);
    for (const c of allowed) {
      if (x < CHANNEL_SHARE[c]) return c;
      x -= CHANNEL_SHARE[c];
    }
    return allowed[allowed.length - 1];
  }

  private pickProducer(category: Category, place: Place, day: number, deliberate = false): ProducerRef {
    const trade = this.trades.indexOf(category.trade);
    const placeIndex = place.region ? REGION_INDEX.get(place.region)! : REGIONS.length + PROVINCES.indexOf(place.province!);
    const pool = trade * PLACES + placeIndex;
    const size = this.producerPoolSize.get(pool)!;
    const categoryIndex = CATEGORY_INDEX.get(category)!;
    let k = this.rng.int(0, size - 1);
    for (let attempt = 1; !deliberate && this.blocked((pool * POOL_CAPACITY + k) * 64 + categoryIndex, day); attempt++) {
      if (attempt >= 6) {
        const fresh = this.freshProducers.get(pool) ?? 0; // a company sampled for the first time
        this.freshProducers.set(pool, fresh + 1);
        k = size + (fresh % (POOL_CAPACITY - size));
        break;
      }
      k = this.rng.int(0, size - 1);
    }
    return { entity: producer(this.seed, pool * POOL_CAPACITY + k, k, category.trade, place, pool * 131), place };
  }

  private pickSeller(regionIndex: number, online: boolean, categoryIndex: number, day: number, deliberate = false): Entity {
    const size = this.sellerPoolSize[regionIndex];
    // Shops and online stores share the region's name space: even and odd slots.
    const base = SELLER_BASE + regionIndex * SELLER_CAPACITY + (online ? 1 : 0);
    let k = this.rng.int(0, size - 1);
    for (let attempt = 1; !deliberate && this.blocked((base + 2 * k) * 64 + categoryIndex, day); attempt++) {
      if (attempt >= 6) {
        const fresh = this.freshSellers.get(regionIndex) ?? 0;
        this.freshSellers.set(regionIndex, fresh + 1);
        k = size + (fresh % (SELLER_CAPACITY / 2 - size));
        break;
      }
      k = this.rng.int(0, size - 1);
    }
    return seller(this.seed, base + 2 * k, 2 * k + (online ? 1 : 0), REGIONS[regionIndex], online, regionIndex * 977);
  }

  private blocked(key: number, day: number): boolean {
    const until = this.underRectification.get(key);
    return until !== undefined && until >= day;
  }

  private blockUntil(key: number, until: number): void {
    this.underRectification.set(key, Math.max(until, this.underRectification.get(key) ?? -Infinity));
  }

  /** Article 22: would a lower level repeat what a higher level sampled within six months? */
  private repeatsHigherLevel(key: number, level: string, day: number): boolean {
    if (level === "国家" || key < 0) return false;
    const last = this.higherLevelSampling.get(key);
    if (!last) return false;
    const since = day - A22_WINDOW_DAYS;
    return last.national >= since || (level === "区县级" && last.city >= since);
  }

  private noteHigherLevel(key: number, level: string, day: number): void {
    const last = this.higherLevelSampling.get(key) ?? { national: -Infinity, city: -Infinity };
    if (level === "国家") last.national = day;
    else last.city = day;
    this.higherLevelSampling.set(key, last);
  }

  /** Refusals and terminated samplings are reported for enforcement (articles 24, 28). */
  private unsampledEvents(outcome: string, day: number): LifeEvent[] {
    const rng = this.rng;
    let event: LifeEvent | null = null;
    if (outcome === "终止抽样") {
      event = { event: "移送执法", day: this.cal.deadline(day, rng.int(1, 5)), note: "无需检验即可判定违法，终止抽样并移送（第二十四条）" };
    } else if (outcome === "拒检" && rng.chance(0.5)) {
      event = { event: "移送执法", day: this.cal.deadline(day, rng.int(3, 10)), note: "无正当理由拒绝监督抽查，移送执法机构（第二十八条）" };
    }
    return event && event.day <= this.asOf ? [event] : [];
  }

  private pendingEvent(sampleId: string, day: number): void {
    const row = this.eventSink.row(EVENT_ORDER.map((k) => ({
      date: isoOf(day), sample_id: sampleId, event: "报告报送", result: "", agency: "", note: "批次信息尚未导出", handled_by: "检验机构",
    })[k]));
    this.pendingEvents.push({ row, sample_id: sampleId });
  }

  /** One event row, in EVENT_ORDER. */
  private eventFields(sampleId: string, e: LifeEvent): string[] {
    return [this.dateCell(e.day, 0.01), sampleId, e.event, e.result ?? "", e.agency ?? "", e.note ?? "", HANDLED_BY[e.event] ?? ""];
  }

  /** Mostly YYYY-MM-DD; a few rows in the other spellings the contract accepts. */
  private dateCell(day: number, otherForms = 0.03): string {
    const iso = isoOf(day);
    const x = this.rng.next();
    if (x >= otherForms) return iso;
    const [y, m, d] = iso.split("-").map(Number);
    return x < otherForms * 0.67 ? `${y}/${m}/${d}` : `${y}年${m}月${d}日`;
  }

  private batchNumber(day: number): string {
    const made = isoOf(day - this.rng.int(10, 300));
    const x = this.rng.next();
    if (x < 0.4) return made;
    if (x < 0.7) return made.replaceAll("-", "");
    if (x < 0.9) return `批号：${String.fromCharCode(65 + this.rng.int(0, 5))}${made.slice(2).replaceAll("-", "")}`;
    return made.slice(0, 7).replace("-", "/");
  }

  private noteCell(outcome: string, channel: Channel): string {
    const rng = this.rng;
    if (outcome === "终止抽样") return "产品无中文标明的生产企业厂名、厂址，终止抽样（第二十四条）";
    if (outcome === "拒检") return "被抽样单位拒绝在抽样单上签字确认（第二十八条）";
    if (outcome === "无法抽样") return "企业已停产，无样品可抽，已收集证明材料（第二十七条）";
    const x = rng.next();
    if (x < 0.02) return rng.pick(TRICKY_NOTES);
    if (x < 0.12) return channel === "电商" ? rng.pick(ONLINE_NOTES) : rng.pick(NOTES);
    return "";
  }
}

interface Written {
  sampleId: string;
  bad: boolean;
  level: string;
  category: Category;
  product: string;
  standard: string;
  model: string;
  producer: ProducerRef;
  life: ReturnType<typeof lifecycle> | null;
}

const PLACES = REGIONS.length + PROVINCES.length;
const REGION_INDEX: ReadonlyMap<Region, number> = new Map(REGIONS.map((r, i) => [r, i]));
const CATEGORY_INDEX: ReadonlyMap<Category, number> = new Map(CATEGORIES.map((c, i) => [c, i]));

/**
 * Article 22's "same producer, standard, brand and model" as a number (the brand is the
 * producer's): entity × 64 categories × 8 standards × 16 models, well inside 2^53.
 * -1 for a model outside the catalogue list.
 */
function productKey(producerNumber: number, category: Category, standard: string, model: string): number {
  const s = category.standards.indexOf(standard);
  const m = category.models.indexOf(model);
  if (s < 0 || m < 0) return -1;
  return ((producerNumber * 64 + CATEGORY_INDEX.get(category)!) * 8 + s) * 16 + m;
}
const POOL_CAPACITY = 8192;
const SELLER_BASE = 64 * PLACES * POOL_CAPACITY;
const SELLER_CAPACITY = 65_536;
const LEVEL_PREFIX: Readonly<Record<string, string>> = { 国家: "GC", 市级: "SC", 区县级: "QC" };
const PLATFORM_TABLE = weightTable(PLATFORMS.map(([, w]) => w));

const LIFECYCLE_LAPSES: Readonly<Record<Exclude<LifecyclePlant, "A70_origin">, [string, string]>> = {
  A49: ["A49", "检验报告在检验结束后超过 3 个工作日才报送（第四十九条）"],
  A49P: ["A49P", "在销售者处抽样，未告知标称生产者（第四十九条第二款）"],
  A51: ["A51", "检验结论不合格，未书面告知被抽样单位（第五十一条）"],
  A52: ["A52", "异议申请超过 15 日仍被受理并出具复检通知（第五十二条）"],
  A54: ["A54", "收到复检通知超过 7 日才办理复检手续（第五十四条）"],
  A56_late: ["A56", "办理复检手续后超过 10 日才确定复检机构（第五十六条）"],
  A56_same: ["A56", "复检机构与初检机构为同一机构（第五十六条）"],
  A65: ["A65", "责令整改后 60 日内未提交整改报告或停产停售报告（第六十五条）"],
  A66: ["A66", "责令整改后超过 75 日才组织复查（第六十六条）"],
  A67: ["A67", "复查仍不合格，未向社会公告（第六十七条）"],
  A68_early: ["A68", "再次复查早于社会公告后第 60 日（第六十八条）"],
  A68_late: ["A68", "再次复查晚于社会公告后第 90 日（第六十八条）"],
  A74: ["A74", "市外生产者的产品不合格，未通报生产者所在地市场监管部门（第七十四条）"],
};

const HANDLED_BY: Readonly<Record<string, string>> = {
  报告报送: "检验机构", 告知生产者: "质量监督科", 合格告知: "质量监督科", 不合格告知: "质量监督科", 公示送达: "质量监督科",
  异议申请: "质量监督科", 异议结论: "质量监督科", 复检通知: "质量监督科", 不予复检: "质量监督科", 办理复检手续: "质量监督科",
  确定复检机构: "质量监督科", 复检结论: "复检机构", 终止复检: "质量监督科", 同意公开: "办公室", 责令整改: "执法支队",
  整改报告: "执法支队", 停产停售报告: "执法支队", 复查: "执法支队", 社会公告: "办公室", 再次复查: "执法支队",
  责令停业整顿: "执法支队", 第三次复查: "执法支队", 吊销营业执照: "执法支队", 列入经营异常名录: "信用监管科",
  通报市外: "质量监督科", 移送执法: "执法支队",
};

const NOTES = ["样品由被抽样单位签字确认", "备样封存于检验机构", "抽样时企业负责人在场", "企业提供了出厂检验报告", "同批次库存较少"] as const;
const ONLINE_NOTES = ["网购样品，订单截图已留存", "网购样品，收货时外包装完好", "网络抽样，已核对店铺营业执照信息"] as const;
/** Notes that need CSV quoting: commas, quotes and a line break inside one cell. */
const TRICKY_NOTES = [
  "抽样单编号补录，原单据字迹不清，已核实",
  "企业称\"该批次为试销品\"，经核实为待销产品",
  "复核意见：\n样品外观完好，封条无破损",
  "被抽样单位联系人变更，新联系人已签字, 见附件",
] as const;

function eventCellsOf(fields: readonly string[]): EventCells {
  const [date, sample_id, event, result, agency, note, handled_by] = fields;
  return { date, sample_id, event, result, agency, note, handled_by };
}

function pickLevel(x: number): string {
  let acc = 0;
  for (const [level, share] of LEVEL_SHARE) {
    acc += share;
    if (x < acc) return level;
  }
  return "区县级";
}

function organizerOf(level: string, region: Region): string {
  if (level === "国家") return "国家市场监督管理总局";
  if (level === "市级") return "重庆市市场监督管理局";
  return `${region.name}市场监督管理局`;
}

function staffCode(agency: string, n: number): string {
  return `${AGENCY_CODES[agency]}${String(n).padStart(4, "0")}`;
}

function distinctNumbers(rng: Rng, count: number, exclude: readonly number[]): number[] {
  const chosen: number[] = [];
  while (chosen.length < count) {
    const n = rng.int(1, STAFF_PER_AGENCY);
    if (!chosen.includes(n) && !exclude.includes(n)) chosen.push(n);
  }
  return chosen;
}

/** The three forms a region cell may take (data-contract.md): full name, code, short name. */
function regionCell(rng: Rng, region: Region): string {
  const x = rng.next();
  return x < 0.6 ? region.name : x < 0.85 ? region.code : region.shortName;
}

function listCell(rng: Rng, values: readonly string[]): string {
  const x = rng.next();
  return values.join(x < 0.8 ? "、" : x < 0.95 ? ";" : "；");
}

function booleanCell(rng: Rng, value: boolean): string {
  const x = rng.next();
  if (value) return x < 0.9 ? "是" : "Y";
  return x < 0.6 ? "否" : x < 0.9 ? "" : "N";
}

/** About 1% of names carry stray spaces (full-width included), which ingest trims. */
function padded(rng: Rng, name: string): string {
  const x = rng.next();
  return x < 0.005 ? `${name}\u3000` : x < 0.01 ? ` ${name}` : name;
}
