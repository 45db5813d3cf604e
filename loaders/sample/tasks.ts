// Levels, tasks and channels: who organises a batch (article 5), under which task id,
// and at which link of the chain it is sampled. A task covers distribution and
// e-commerce sampling (article 15), so it must be big enough to have both: districts
// too small for tasks of their own are sampled by the city, and in a small sample the
// city's product groups share one routine task a year.
import {
  CATEGORIES, GROUPS, SPECIAL_CHECK_CATEGORIES, groupOf, type Category, type Channel,
} from "./catalogue-of-products.ts";
import type { Settings } from "./options.ts";
import { REGIONS, type SampleRegion } from "./places.ts";
import type { Rng } from "./random.ts";

const LEVEL_SHARE = [["国家", 0.08], ["市级", 0.52], ["区县级", 0.4]] as const;
const CHANNEL_SHARE: Readonly<Record<Channel, number>> = { 生产: 0.45, 流通: 0.35, 电商: 0.2 };
/** Share of a special-check category's city batches that go to the city's special task. */
const CITY_SPECIAL_SHARE = 0.35;
/** Share of a large district's batches that go to its own special task. */
const DISTRICT_SPECIAL_SHARE = 0.15;
/** A district's own tasks need enough batches a year to cover the channels (article 15); smaller districts are left to the city. */
const MIN_TASK_BATCHES = 10;
/** A product group's task mixes categories sampled only offline (fuel, rebar) with others: it needs more batches to be sure of e-commerce ones. */
const MIN_GROUP_TASK_BATCHES = 30;

export interface Task {
  id: string;
  kind: string;
  organizer: string;
}

/** Bits of the channels a task has sampled so far. */
const DISTRIBUTION_SEEN = 1;
const ONLINE_SEEN = 2;

export class TaskPlan {
  private readonly districtTasks: boolean[];
  private readonly districtSpecialTasks: boolean[];
  private readonly citySpecialTasks = new Set<string>();
  /** Product groups with a routine city task of their own; small samples put all groups in one task a year. */
  private readonly cityGroupTasks = new Set<string>();
  private readonly channelsSeen = new Map<string, number>();

  constructor(settings: Settings, private readonly rng: Rng) {
    const regionTotal = REGIONS.reduce((s, r) => s + r.weight, 0);
    const shareTotal = CATEGORIES.reduce((s, c) => s + c.share, 0);
    const batchesPerYear = settings.batches / (settings.years[1] - settings.years[0] + 1);
    const districtShare = LEVEL_SHARE[2][1];
    const cityShare = LEVEL_SHARE[1][1];
    this.districtTasks = REGIONS.map((r) => batchesPerYear * districtShare * (r.weight / regionTotal) >= MIN_TASK_BATCHES);
    this.districtSpecialTasks = REGIONS.map((r) =>
      batchesPerYear * districtShare * (r.weight / regionTotal) * DISTRICT_SPECIAL_SHARE >= MIN_TASK_BATCHES);
    for (const c of CATEGORIES) {
      if (SPECIAL_CHECK_CATEGORIES.has(c.name) && batchesPerYear * cityShare * (c.share / shareTotal) * CITY_SPECIAL_SHARE >= MIN_TASK_BATCHES) {
        this.citySpecialTasks.add(c.name);
      }
    }
    for (const group of GROUPS) {
      const groupShare = CATEGORIES.filter((c) => c.group === group.code).reduce((s, c) => s + c.share, 0) / shareTotal;
      if (batchesPerYear * cityShare * groupShare * 0.8 >= MIN_GROUP_TASK_BATCHES) this.cityGroupTasks.add(group.code);
    }
  }

  /** Whether the district (index in REGIONS) is big enough for tasks of its own. */
  hasDistrictTasks(regionIndex: number): boolean {
    return this.districtTasks[regionIndex];
  }

  anyDistrictTasks(): boolean {
    return this.districtTasks.includes(true);
  }

  /** A drawn level, moved to the city when the district has no tasks of its own. */
  levelOf(drawn: string, regionIndex: number): string {
    return drawn === "区县级" && !this.districtTasks[regionIndex] ? "市级" : drawn;
  }

  /** The task of a batch; `fixedLevel` (a plant chose the level): always the routine task. */
  taskOf(level: string, region: SampleRegion, regionIndex: number, category: Category, year: number, fixedLevel: boolean): Task {
    if (level === "国家") {
      // The national checks handed down to the city: one task a year.
      return { id: `GJ${year}`, kind: "日常", organizer: organizerOf(level, region) };
    }
    if (level === "市级") {
      if (!fixedLevel && this.citySpecialTasks.has(category.name) && this.rng.chance(CITY_SPECIAL_SHARE)) {
        return { id: `SJ${year}-ZX-${category.code}`, kind: "专项", organizer: organizerOf(level, region) };
      }
      const group = groupOf(category).code;
      const id = this.cityGroupTasks.has(group) ? `SJ${year}-RC-${group}` : `SJ${year}-RC`;
      return { id, kind: "日常", organizer: organizerOf(level, region) };
    }
    if (!fixedLevel && this.districtSpecialTasks[regionIndex] && this.rng.chance(DISTRICT_SPECIAL_SHARE)) {
      return { id: `QX${year}-${region.code}-ZX1`, kind: "专项", organizer: organizerOf(level, region) };
    }
    return { id: `QX${year}-${region.code}-RC`, kind: "日常", organizer: organizerOf(level, region) };
  }

  /**
   * The channel of the task's next batch (`fixed` when a plant sets it): a task's first
   * batches go to distribution and e-commerce until it has both (article 15), then the
   * usual mix. `first`: the task's first batch of that channel, which must never be
   * spoilt into a bad row (the task would lose the channel).
   */
  channelOf(taskId: string, category: Category, fixed: Channel | undefined): { channel: Channel; first: boolean } {
    const seen = this.channelsSeen.get(taskId) ?? 0;
    const channel = fixed ?? this.pickChannel(seen, category);
    const bit = channel === "流通" ? DISTRIBUTION_SEEN : channel === "电商" ? ONLINE_SEEN : 0;
    this.channelsSeen.set(taskId, seen | bit);
    return { channel, first: (seen & bit) === 0 && bit !== 0 };
  }

  private pickChannel(seen: number, category: Category): Channel {
    if (!(seen & DISTRIBUTION_SEEN) && category.channels.includes("流通")) return "流通";
    if (!(seen & ONLINE_SEEN) && category.channels.includes("电商")) return "电商";
    const allowed = category.channels;
    let x = this.rng.next() * allowed.reduce((s, c) => s + CHANNEL_SHARE[c], 0);
    for (const c of allowed) {
      if (x < CHANNEL_SHARE[c]) return c;
      x -= CHANNEL_SHARE[c];
    }
    return allowed[allowed.length - 1];
  }
}

/** 国家 8% / 市级 52% / 区县级 40%, from a uniform draw `x`. */
export function pickLevel(x: number): string {
  let acc = 0;
  for (const [level, share] of LEVEL_SHARE) {
    acc += share;
    if (x < acc) return level;
  }
  return "区县级";
}

export function organizerOf(level: string, region: SampleRegion): string {
  if (level === "国家") return "国家市场监督管理总局";
  if (level === "市级") return "重庆市市场监督管理局";
  return `${region.name}市场监督管理局`;
}
