// Draws one batch: organiser, task and region (article 5), channel (article 15),
// outcome, staff (articles 16, 20), result and lifecycle, producer and sampled unit
// (the result first, so that a failure goes to a producer it does not make a repeat
// offender), product, and its row as the bureau's system exports it. A plant or follow-up
// fixes some of it (BatchSpec); everything else is drawn, in a fixed order from one
// seeded generator, so the same options always give the same batch.
import type { BatchCells } from "./bad-rows.ts";
import { AGENCY_CODES, CATEGORIES, PLATFORMS, type Category, type Channel } from "./catalogue-of-products.ts";
import { batchNumberCell, booleanCell, dateCell, listCell, noteCell, padded, producerRegionCell, regionCell } from "./cells.ts";
import { OUT_OF_CITY_SHARE, type CompanyPools, type ProducerRef } from "./company-pools.ts";
import { yearOf, type DayCalendar } from "./days.ts";
import type { BatchRecord } from "./export-writer.ts";
import { productKey, type RuleGuards } from "./guards.ts";
import type { Entity, Place } from "./identities.ts";
import { lifecycle, type LifeEvent, type Lifecycle, type LifecyclePlant } from "./lifecycle.ts";
import type { Settings } from "./options.ts";
import type { FailureModel } from "./patterns.ts";
import { HECHUAN, PROVINCES, REGIONS, type SampleRegion } from "./places.ts";
import { weightTable, type Rng, type WeightTable } from "./random.ts";
import {
  CATEGORY_INDEX, CATEGORY_TABLE, PROVINCE_TABLE, REGION_INDEX, REGION_TABLE, hechuanCategoryTable,
} from "./sampling-weights.ts";
import { drawStaff } from "./staff.ts";
import { pickLevel, type Task, type TaskPlan } from "./tasks.ts";

const LEVEL_PREFIX: Readonly<Record<string, string>> = { 国家: "GC", 市级: "SC", 区县级: "QC" };
const PLATFORM_TABLE = weightTable(PLATFORMS.map(([, w]) => w));
/** Tries at a product that does not repeat a higher level's (article 22) before it gets a model designation of its own. */
const A22_ATTEMPTS = 6;

/** What a plant or follow-up fixes about a batch; everything else is drawn. */
export interface BatchSpec {
  level?: string;
  region?: SampleRegion;
  category?: Category;
  channel?: Channel;
  task?: Task;
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
  /** Part of a planted story (repeat-offender-stories.ts): its row is never spoilt. */
  planted?: boolean;
}

/** A drawn batch: its row and events, and what a follow-up plant needs to know of it. */
export interface SynthesizedBatch extends BatchRecord {
  level: string;
  category: Category;
  product: string;
  standard: string;
  model: string;
  producer: ProducerRef;
  /** null when nothing was sampled (拒检, 终止抽样, 无法抽样). */
  life: Lifecycle | null;
  /** Failed: the last day the producer is under rectification for the category (article 70); else null. */
  blockedUntil: number | null;
}

export class BatchSynthesizer {
  private readonly asOf: number;
  private readonly hechuanCategoryTable: WeightTable;

  constructor(
    settings: Settings,
    private readonly rng: Rng,
    private readonly cal: DayCalendar,
    private readonly model: FailureModel,
    private readonly tasks: TaskPlan,
    private readonly pools: CompanyPools,
    private readonly guards: RuleGuards,
  ) {
    this.asOf = settings.asOf;
    this.hechuanCategoryTable = hechuanCategoryTable(settings.uniformRate);
  }

  /** Batch number `index` (0-based), sampled on `day`. */
  batch(index: number, day: number, spec: BatchSpec): SynthesizedBatch {
    const rng = this.rng;
    const year = yearOf(day);

    // Who organised it (article 5) and where.
    let level = spec.level ?? pickLevel(rng.next());
    const regionIndex = spec.region ? REGION_INDEX.get(spec.region)! : rng.weightedIndex(REGION_TABLE);
    const region = REGIONS[regionIndex];
    if (!spec.task) level = this.tasks.levelOf(level, regionIndex);
    const category = spec.category ??
      CATEGORIES[rng.weightedIndex(region.code === HECHUAN ? this.hechuanCategoryTable : CATEGORY_TABLE)];
    const task = spec.task ?? this.tasks.taskOf(level, region, regionIndex, category, year, spec.level !== undefined);

    // Channel: every task covers distribution and e-commerce (article 15), then the usual mix.
    const { channel, first: firstOfChannel } = this.tasks.channelOf(task.id, category, spec.channel);

    const outcomeDraw = rng.next();
    const outcome = spec.forceSampled ? "已抽样" : outcomeDraw < 0.01 ? "拒检" : outcomeDraw < 0.015 ? "终止抽样" : outcomeDraw < 0.02 ? "无法抽样" : "已抽样";

    // Where the producer is: at the sampled factory, or (sampled at a seller) in the city or another province.
    const categoryIndex = CATEGORY_INDEX.get(category)!;
    let producerRef = spec.producer;
    let outOfCity = spec.outOfCity ?? false;
    let place: Place = { region };
    if (channel !== "生产") {
      if (producerRef) {
        outOfCity = producerRef.place.province !== undefined;
      } else {
        outOfCity = spec.outOfCity ?? rng.chance(OUT_OF_CITY_SHARE);
        place = outOfCity
          ? { province: PROVINCES[rng.weightedIndex(PROVINCE_TABLE)] }
          : { region: rng.chance(0.4) ? region : REGIONS[rng.weightedIndex(REGION_TABLE)] };
      }
    }

    // Staff and agencies (articles 16, 20).
    const { agencies, inspectionAgency, samplingAgency, onsite, samplers, inspectors } = drawStaff(rng, category, outcome, spec);

    // Result and lifecycle, before the producer is chosen: a failing batch goes to a producer
    // it does not make a repeat offender (issue 14).
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
    const reported = life !== null && life.reportDay !== null;

    // Producer and the sampled unit; no one is sampled again while under rectification (article 70).
    producerRef ??= this.pools.pickProducer(category, place, day, { deliberate: spec.deliberate, failing: failed && reported });
    const producerEntity = producerRef.entity;
    const sampled: Entity = channel === "生产"
      ? producerEntity
      : this.pools.pickSeller(regionIndex, channel === "电商", categoryIndex, day, spec.deliberate);

    // The product (article 22 keys: producer, standard, brand, model).
    const product = spec.product ?? rng.pick(category.products);
    const brand = producerEntity.brand;
    let standard = spec.standard ?? rng.pick(category.standards);
    let model = spec.model ?? (spec.avoidModel ? rng.pick(category.models.filter((m) => m !== spec.avoidModel)) : rng.pick(category.models));
    // The brand is the producer's, so producer × standard × model identifies the product of article 22.
    let key = productKey(producerEntity.number, category, standard, model);
    if (!spec.repeat) {
      for (let attempt = 0; this.guards.repeatsHigherLevel(key, level, day); attempt++) {
        if (attempt >= A22_ATTEMPTS) {
          model = `${model}-${(index + 1).toString(36).toUpperCase()}`; // a designation of its own: never a repeat
          key = -1;
          break;
        }
        standard = rng.pick(category.standards);
        model = rng.pick(category.models);
        key = productKey(producerEntity.number, category, standard, model);
      }
    }
    if (key >= 0 && (level === "国家" || level === "市级")) this.guards.noteHigherLevel(key, level, day);

    let blockedUntil: number | null = null;
    if (failed) {
      // Blocked until the passing 复查 (article 70); one still being inspected at the as-of date stays blocked.
      blockedUntil = reported ? (life!.rectificationDay === null ? day + 120 : life!.passedRecheckDay) : Infinity;
      this.guards.rectifyUntil(producerEntity.number, categoryIndex, blockedUntil);
      this.guards.rectifyUntil(sampled.number, categoryIndex, blockedUntil);
      if (reported) this.guards.noteFailure(producerEntity.number, categoryIndex, life!.reportDay!);
    }

    // The row as the bureau's system exports it.
    const sampleId = `${LEVEL_PREFIX[level]}${year}${String(index + 1).padStart(7, "0")}`;
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
      batch_no: outcome === "已抽样" ? batchNumberCell(rng, day) : "",
      standard,
      producer_name: padded(rng, producerEntity.name),
      producer_uscc: producerEntity.uscc,
      producer_address: producerEntity.address,
      producer_region: producerRegionCell(rng, producerRef.place),
      sampled_name: padded(rng, sampled.name),
      sampled_uscc: sampled.uscc,
      sampled_address: sampled.address,
      sampled_region: regionCell(rng, region),
      sampled_contact: rng.chance(0.03) ? "" : sampled.contact,
      sampled_phone: rng.chance(0.03) ? "" : sampled.phone,
      channel,
      platform: channel === "电商" ? PLATFORMS[rng.weightedIndex(PLATFORM_TABLE)][0] : "",
      enterprise_size: rng.chance(0.05) ? "" : sampled.size,
      sampling_date: dateCell(rng, day),
      sampler_ids: listCell(rng, samplers),
      sampling_agency: samplingAgency,
      outcome,
      onsite: booleanCell(rng, onsite),
      inspection_agency: outcome === "已抽样" ? inspectionAgency : "",
      inspector_ids: listCell(rng, inspectors),
      report_no: reported ? `${AGENCY_CODES[inspectionAgency]}${year}W${String(index + 1).padStart(7, "0")}` : "",
      report_date: reported ? dateCell(rng, life!.reportDay!) : "",
      conclusion: reported ? (failed ? "不合格" : "合格") : "",
      failed_items: reported ? listCell(rng, items) : "",
      serious: reported ? booleanCell(rng, serious) : "",
    };
    const note = noteCell(rng, outcome, channel);

    // Planted batches carry no bad row (their lapse must reach the audit).
    const planted = spec.lifecyclePlant !== undefined || spec.samplers !== undefined || spec.inspectorOverlap === true ||
      spec.deliberate === true || spec.task !== undefined || spec.level !== undefined || spec.planted === true;
    return {
      sampleId, cells, note, events, planted, firstOfChannel,
      level, category, product, standard, model, producer: producerRef, life, blockedUntil,
    };
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
}
