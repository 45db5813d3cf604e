// The planted repeat offenders (issue 14: 跟踪抽查仍不合格) and the near-misses that must not
// be taken for one. A repeat offender is a producer (its USCC, else its name) whose batch of
// a category is finally 不合格 and whose later batch of the same category, sampled after
// that failure's report date, is finally 不合格 too (loaders/analysis/repeat_offenders.sql).
//
// Each story is one planted producer, taken from the pool numbers no ordinary draw reaches
// (CompanyPools.plantedProducer), so its whole record is the story's batches; every other
// producer is kept from repeating a failure by the generator (RuleGuards.followsFailure).
// A story's first batch is placed like a plant (plant-placement.ts); each next one is a
// follow-up due in a window after the previous one: after its rectification ends (article
// 70: not sampled again before the passing 复查), or on / before its report date.
//
// planted.json lists what the written batches make true as of the as-of date, worked out
// here from their rows and events (the final conclusion as batch_results derives it: 复检
// wins, 撤销 removes): a story cut short by the as-of date or a small sample is listed as
// what it became, and a near-miss only when every batch came out as designed.
import type { BatchSpec } from "./batch-synthesis.ts";
import { CATEGORIES, type Category, type Channel } from "./catalogue-of-products.ts";
import type { CompanyPools, ProducerRef } from "./company-pools.ts";
import type { PlantedNearMiss, PlantedRepeatOffender } from "./ground-truth.ts";
import type { StoryPlant } from "./lifecycle.ts";
import { PATTERN_CATEGORIES } from "./patterns.ts";
import { PROVINCES, REGIONS } from "./places.ts";
import type { WriteBatch, WrittenBatch } from "./plants.ts";
import type { Rng } from "./random.ts";
import { PROVINCE_TABLE, REGION_TABLE, pickCategory } from "./sampling-weights.ts";

/** When a step is sampled: after the previous batch's rectification ended, on its report date, or between its sampling and its report. */
type When = "after" | "on_report" | "before_report";

interface Step {
  /** pass: 合格; otherwise the lifecycle of a 不合格 batch (lifecycle.ts). */
  outcome: "pass" | StoryPlant;
  when?: When;
  /** The step is of another category of the producer's trade. */
  otherCategory?: true;
}

interface StoryDesign {
  id: string;
  /** Designed to be a repeat offender (else a near-miss). */
  offender: boolean;
  /** What the story is, for planted.json (the why of a near-miss). */
  story: string;
  channel: Channel;
  outOfCity?: true;
  /** The producer's label carries no credit code: identified by its name. */
  withoutUscc?: true;
  steps: Step[];
  /** Where its first batch goes, as a share of the batch range (longer stories earlier). */
  place: [number, number];
}

const FAIL: Step = { outcome: "clean_failure" };
const FAIL_AFTER: Step = { outcome: "clean_failure", when: "after" };
const PASS_AFTER: Step = { outcome: "pass", when: "after" };

export const REPEAT_OFFENDER_STORIES: readonly StoryDesign[] = [
  {
    id: "three-failures", offender: true, channel: "生产", place: [0.02, 0.08],
    story: "生产环节抽查三次均不合格：每次整改复查合格后再次抽查仍不合格（共 3 批不合格）",
    steps: [FAIL, FAIL_AFTER, FAIL_AFTER],
  },
  {
    id: "first-failure-overturned", offender: true, channel: "生产", place: [0.04, 0.12],
    story: "第一批初检不合格但复检合格（第五十八条，最终合格），此后两批均不合格：首次不合格是第二批，按初检结论计数会多算一批",
    steps: [{ outcome: "overturned" }, FAIL_AFTER, FAIL_AFTER],
  },
  {
    id: "out-of-city-passed-between", offender: true, channel: "电商", outOfCity: true, place: [0.1, 0.2],
    story: "市外生产者的产品在电商平台抽查不合格，再次抽查合格，第三次抽查又不合格（中间的合格不消除前一次不合格）",
    steps: [FAIL, PASS_AFTER, FAIL_AFTER],
  },
  {
    id: "two-failures", offender: true, channel: "生产", place: [0.25, 0.45],
    story: "生产环节抽查不合格，整改复查合格后再次抽查仍不合格",
    steps: [FAIL, FAIL_AFTER],
  },
  {
    id: "name-only", offender: true, channel: "流通", withoutUscc: true, place: [0.35, 0.55],
    story: "标称生产者无统一社会信用代码（按名称识别），在流通环节两次抽查均不合格",
    steps: [FAIL, FAIL_AFTER],
  },
  {
    id: "passed-when-sampled-again", offender: false, channel: "生产", place: [0.15, 0.6],
    story: "不合格后再次抽查合格：不是跟踪抽查仍不合格",
    steps: [FAIL, PASS_AFTER],
  },
  {
    id: "failed-only-the-second-time", offender: false, channel: "流通", place: [0.15, 0.6],
    story: "第一次抽查合格，第二次才不合格：只有一批不合格",
    steps: [{ outcome: "pass" }, FAIL_AFTER],
  },
  {
    id: "two-categories", offender: false, channel: "流通", place: [0.15, 0.6],
    story: "两次不合格分属同一行业的两个产品类别：不是同一类别的再次不合格",
    steps: [FAIL, { outcome: "clean_failure", when: "after", otherCategory: true }],
  },
  {
    id: "second-sampled-before-report", offender: false, channel: "生产", place: [0.2, 0.8],
    story: "第二批不合格样品抽于第一批检验报告日期之前：抽样时生产者尚不知道第一次不合格",
    steps: [FAIL, { outcome: "clean_failure", when: "before_report" }],
  },
  {
    id: "second-sampled-on-report-date", offender: false, channel: "流通", place: [0.2, 0.8],
    story: "第二批不合格样品恰在第一批检验报告当日抽取：须晚于报告日期才算",
    steps: [FAIL, { outcome: "clean_failure", when: "on_report" }],
  },
  {
    id: "first-failure-revoked", offender: false, channel: "生产", place: [0.1, 0.5],
    story: "第一批不合格经异议撤销（第五十四条），此后一批不合格：最终只有一批不合格",
    steps: [{ outcome: "revoked" }, FAIL_AFTER],
  },
];

/** How many categories share the category's trade (and so its producers, company-pools.ts). */
function tradeOf(c: Category): number {
  return CATEGORIES.filter((o) => o.trade === c.trade).length;
}

/** The last batch of a story is sampled at least this long before the as-of date, so that it is reported by then. */
const REPORT_MARGIN_DAYS = 75;

interface StoryBatch {
  sampleId: string;
  category: Category;
  day: number;
  reportDay: number | null;
  /** As batch_results derives it from the row and the events up to the as-of date. */
  final: "合格" | "不合格" | null;
}

interface Story {
  design: StoryDesign;
  producer: ProducerRef;
  categories: [Category, Category];
  batches: StoryBatch[];
}

export interface StoryStepDue {
  story: number;
  step: number;
  from: number;
  to: number;
}

export class RepeatOffenderStories {
  private readonly stories: Story[] = [];
  private pending: StoryStepDue[] = [];
  private readonly usedCategories = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly pools: CompanyPools,
    private readonly asOf: number,
    private readonly write: WriteBatch,
  ) {}

  /** The first batch of story `j`, on `day`: its producer and category are chosen here. */
  begin(index: number, day: number, j: number): void {
    const design = REPEAT_OFFENDER_STORIES[j];
    const rng = this.rng;
    const twoCategories = design.steps.some((s) => s.otherCategory);
    const fits = (c: Category) => !PATTERN_CATEGORIES.has(c.name) && !c.onsite && c.channels.includes(design.channel) &&
      !this.usedCategories.has(c.name);
    const sameTrade = (c: Category) => CATEGORIES.filter((o) => o !== c && o.trade === c.trade && fits(o));
    // A trade of several categories is left to the story that needs two of them.
    const category = pickCategory(rng, (c) => fits(c) && (twoCategories ? sameTrade(c).length > 0 : tradeOf(c) === 1));
    const second = twoCategories ? rng.pick(sameTrade(category)) : category;
    this.usedCategories.add(category.name).add(second.name);
    const ref = this.pools.plantedProducer(category, design.outOfCity
      ? { province: PROVINCES[rng.weightedIndex(PROVINCE_TABLE)] }
      : { region: REGIONS[rng.weightedIndex(REGION_TABLE)] }, j);
    const producer = design.withoutUscc ? { ...ref, entity: { ...ref.entity, uscc: "" } } : ref;
    this.stories[j] = { design, producer, categories: [category, second], batches: [] };
    this.writeStep(index, day, { story: j, step: 0, from: day, to: day });
  }

  /** The story step due on `day`, taken off the queue; a step whose window has passed is dropped (its story ends there). */
  due(day: number): StoryStepDue | undefined {
    if (this.pending.length === 0) return undefined;
    this.pending = this.pending.filter((p) => p.to >= day);
    const due = this.pending.find((p) => p.from <= day);
    if (due) this.pending = this.pending.filter((p) => p !== due);
    return due;
  }

  writeStep(index: number, day: number, due: StoryStepDue): void {
    const story = this.stories[due.story];
    const { design, producer } = story;
    const step = design.steps[due.step];
    const category = step.otherCategory ? story.categories[1] : story.categories[0];
    const spec: BatchSpec = {
      category, producer, channel: design.channel, forceSampled: true, planted: true,
      failed: step.outcome !== "pass",
      lifecyclePlant: step.outcome === "pass" ? undefined : step.outcome,
    };
    // Sampled at the factory: in the producer's district.
    if (design.channel === "生产") spec.region = producer.place.region;
    const b = this.write(index, day, spec);
    story.batches.push({ sampleId: b.sampleId, category, day, reportDay: b.life?.reportDay ?? null, final: finalConclusion(b) });
    this.scheduleNext(due, day, b);
  }

  /** planted.json: the repeat offenders the written stories make, and the near-misses that came out as designed. */
  groundTruth(): { repeatOffenders: PlantedRepeatOffender[]; repeatOffenderNearMisses: PlantedNearMiss[] } {
    const repeatOffenders: PlantedRepeatOffender[] = [];
    const repeatOffenderNearMisses: PlantedNearMiss[] = [];
    for (const story of this.stories) {
      if (!story) continue;
      const { design, producer } = story;
      const producerId = producer.entity.uscc || `name:${producer.entity.name}`;
      const offences = offencesOf(story.batches);
      for (const o of offences) {
        repeatOffenders.push({
          producer_id: producerId, producer_name: producer.entity.name, product_category: o.category,
          first_sample_id: o.first, repeat_sample_id: o.repeat, failures: o.failures, story: design.story,
        });
      }
      if (!design.offender && offences.length === 0 && cameOutAsDesigned(story)) {
        repeatOffenderNearMisses.push({ producer_id: producerId, product_category: story.categories[0].name, why: design.story });
      }
    }
    return { repeatOffenders, repeatOffenderNearMisses };
  }

  private scheduleNext(due: StoryStepDue, day: number, b: WrittenBatch): void {
    const story = this.stories[due.story];
    const next = story.design.steps[due.step + 1];
    if (!next) return;
    const reportDay = b.life?.reportDay ?? null;
    let from: number;
    let to: number;
    if (next.when === "on_report" || next.when === "before_report") {
      if (reportDay === null) return;
      from = next.when === "on_report" ? reportDay : day + 1;
      to = next.when === "on_report" ? reportDay : reportDay - 1;
    } else {
      // Article 70: not sampled again for the category until its rectification has ended.
      const after = b.blockedUntil ?? day;
      if (!Number.isFinite(after)) return;
      from = after + this.rng.int(20, 90);
      to = from + 240;
    }
    to = Math.min(to, this.asOf - REPORT_MARGIN_DAYS);
    if (from <= to) this.pending.push({ story: due.story, step: due.step + 1, from, to });
  }
}

/** The final conclusion as batch_results derives it (loaders/db/batch_results.sql): 复检 wins, 撤销 removes. */
function finalConclusion(b: WrittenBatch): "合格" | "不合格" | null {
  if (b.bad || !b.life || b.life.reportDay === null) return null;
  const recheck = b.life.events.filter((e) => e.event === "复检结论").at(-1);
  if (recheck) return recheck.result as "合格" | "不合格";
  if (b.life.events.some((e) => e.event === "异议结论" && e.result === "撤销")) return null;
  return b.cells.conclusion as "合格" | "不合格";
}

/**
 * The repeat offences in one producer's batches, per category: its earliest final failure,
 * and the earliest final failure sampled after that one's report date.
 */
function offencesOf(batches: readonly StoryBatch[]): { category: string; first: string; repeat: string; failures: number }[] {
  const out: { category: string; first: string; repeat: string; failures: number }[] = [];
  for (const category of new Set(batches.map((b) => b.category))) {
    const failures = batches.filter((b) => b.category === category && b.final === "不合格")
      .sort((a, b) => a.day - b.day || (a.sampleId < b.sampleId ? -1 : 1));
    if (failures.length === 0) continue;
    const first = failures[0];
    const repeat = failures.find((f) => f.day > first.reportDay!);
    if (repeat) out.push({ category: category.name, first: first.sampleId, repeat: repeat.sampleId, failures: failures.length });
  }
  return out;
}

/** Every step written, each with its designed final conclusion (overturned → 合格, revoked → none). */
function cameOutAsDesigned(story: Story): boolean {
  const { steps } = story.design;
  if (story.batches.length !== steps.length) return false;
  return steps.every((s, i) => {
    const final = story.batches[i].final;
    if (s.outcome === "pass" || s.outcome === "overturned") return final === "合格";
    if (s.outcome === "revoked") return final === null && story.batches[i].reportDay !== null;
    return final === "不合格";
  });
}
