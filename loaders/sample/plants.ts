// The planted batches: what each lapse fixes about its batch, the follow-up batches
// of the cross-batch lapses (A22: a lower level repeats a higher level's sampling;
// A70: a product sampled again while under rectification), the repeat-offender stories
// (repeat-offender-stories.ts, whose follow-ups queue behind these), and the list of lapses an
// audit as of the as-of date must report (planted.json). A lapse whose batch turned
// out bad, or whose story is not visible by the as-of date, is not listed.
import type { BatchSpec, SynthesizedBatch } from "./batch-synthesis.ts";
import type { Category, Channel } from "./catalogue-of-products.ts";
import type { CompanyPools, ProducerRef } from "./company-pools.ts";
import type { PlantedLapse } from "./ground-truth.ts";
import type { LifecyclePlant, StoryPlant } from "./lifecycle.ts";
import type { Settings } from "./options.ts";
import { PATTERN_CATEGORIES } from "./patterns.ts";
import type { PlantPlan, PlantSpec } from "./plant-placement.ts";
import type { Rng } from "./random.ts";
import { RepeatOffenderStories } from "./repeat-offender-stories.ts";
import { pickCategory, pickRegion } from "./sampling-weights.ts";
import { organizerOf, type TaskPlan } from "./tasks.ts";

/** A batch as written: `bad` when its row was spoilt (ingest rejects it, so its lapse never reaches the audit). */
export interface WrittenBatch extends SynthesizedBatch {
  bad: boolean;
}

export type WriteBatch = (index: number, day: number, spec: BatchSpec) => WrittenBatch;

/** A batch a cross-batch lapse still needs, due between days `from` and `to`. */
interface FollowUp {
  rule: "A22" | "A70";
  from: number;
  to: number;
  /** The first batch of the story (`related_sample_id`). */
  origin: string;
  level: string;
  producerRef: ProducerRef;
  category: Category;
  product: string;
  standard: string;
  model: string;
  detail: string;
}

const LIFECYCLE_LAPSES: Readonly<Record<Exclude<LifecyclePlant, StoryPlant>, [string, string]>> = {
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

export class Plants {
  readonly lapses: PlantedLapse[] = [];
  private readonly plants: Map<number, PlantSpec>;
  private followUps: FollowUp[] = [];
  /** A15 task → its batches that were written valid. */
  private readonly a15Tasks: Map<string, number>;
  private readonly total: number;
  private readonly asOf: number;

  /** The repeat-offender stories (issue 14), with their follow-up batches. */
  readonly stories: RepeatOffenderStories;

  constructor(
    plan: PlantPlan, settings: Settings, private readonly rng: Rng, private readonly tasks: TaskPlan, pools: CompanyPools,
    private readonly write: WriteBatch,
  ) {
    this.stories = new RepeatOffenderStories(rng, pools, settings.asOf, write);
    this.plants = plan.plants;
    this.a15Tasks = new Map(plan.a15TaskIds.map((id) => [id, 0]));
    this.total = settings.batches;
    this.asOf = settings.asOf;
  }

  /** Writes batch `index`: a follow-up when one is due, else the plant placed there, else an ordinary batch. */
  batch(index: number, day: number): void {
    if (this.followUps.length > 0) this.followUps = this.followUps.filter((f) => f.to >= day);
    const due = this.followUps.length > 0 ? this.followUps.find((f) => f.from <= day) : undefined;
    const step = due ? undefined : this.stories.due(day);
    if (due || step) {
      if (due) this.followUps = this.followUps.filter((f) => f !== due);
      // The plant planned for this index moves to the next one.
      const displaced = this.plants.get(index);
      if (displaced) {
        this.plants.delete(index);
        let next = index + 1;
        while (this.plants.has(next)) next++;
        if (next < this.total) this.plants.set(next, displaced);
      }
      if (due) this.followUpBatch(index, day, due);
      else this.stories.writeStep(index, day, step!);
      return;
    }
    const plant = this.plants.get(index);
    if (!plant) {
      this.write(index, day, {});
      return;
    }
    this.plantedBatch(index, day, plant);
  }

  /** Lists the A15 tasks that got batches (after the last batch). */
  finish(): void {
    for (const [taskId, count] of this.a15Tasks) {
      if (count > 0) this.lapses.push({ sample_id: null, rule: "A15", task_id: taskId, detail: `专项任务 ${taskId} 共 ${count} 批次，全部为生产、流通环节，没有电商抽样（第十五条）` });
    }
  }

  private plantedBatch(index: number, day: number, plant: PlantSpec): void {
    const rng = this.rng;
    // Planted batches avoid the pattern categories, whose failure rates the flags must find as planted (article 72).
    const nonPattern = () => pickCategory(rng, (c) => !PATTERN_CATEGORIES.has(c.name));
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
        const level = rng.chance(0.5) || !this.tasks.anyDistrictTasks() ? "国家" : "市级";
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
        const b = this.write(index, day, { category: nonPattern(), failed: true, forceSampled: true, lifecyclePlant: "clean_failure" });
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
      case "story":
        this.stories.begin(index, day, plant.story!);
        return;
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
        if (spec.channel) spec.category = pickCategory(rng, (c) => !PATTERN_CATEGORIES.has(c.name) && c.channels.includes(spec.channel!));
        const b = this.write(index, day, spec);
        if (b.bad || !b.life || b.life.reportDay === null || b.life.lapseDay > this.asOf) return;
        const [ruleId, detail] = LIFECYCLE_LAPSES[rule as Exclude<LifecyclePlant, StoryPlant>];
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
      if (f.level === "区县级") spec.region = pickRegion(this.rng, (_, i) => this.tasks.hasDistrictTasks(i));
    } else {
      spec.avoidModel = f.model;
    }
    const b = this.write(index, day, spec);
    if (b.bad) return;
    this.lapses.push({ sample_id: b.sampleId, rule: f.rule, related_sample_id: f.origin, detail: f.detail });
  }

  private lapse(b: WrittenBatch, rule: string, detail: string): void {
    if (!b.bad) this.lapses.push({ sample_id: b.sampleId, rule, detail });
  }
}
