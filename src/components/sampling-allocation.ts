// The allocation of a sampling plan (article 11), shared by the CLI, the workbench export and the
// workbench page (src/workbench/plan.md recomputes the plan in the browser for another N or floor):
// one pure module that imports nothing (docs/architecture.md, "shared-with-the-browser"), so the
// numbers a page shows and the ones `spotcheck plan` prints cannot drift apart. The inputs — the
// catalogue's empirical-Bayes posterior, open flags, exposure, channels — are gathered by
// loaders/analysis/sampling-plan.ts; the method is loaders/analysis/README.md, "Sampling plan (article 11)".

/** why (article 11): every catalogue category is sampled at least this often, so that next year's rate can still be told; the analyst may change it (--floor). */
export const DEFAULT_FLOOR = 10;

/** The channels of article 15, in the order the plan lists them. */
export const PLAN_CHANNELS = ["生产", "流通", "电商"] as const;
export type PlanChannel = (typeof PLAN_CHANNELS)[number];

/** Policy weights of the allocation (README, "Sampling plan (article 11)"): each is a knob an analyst may argue about. */
export const SAMPLING_PLAN_WEIGHTS = {
  /**
   * why (article 11, read with article 10's "产品质量状况"): the share of the plan given by risk (expected
   * failures found); the rest, 1 − riskShare, by what is still unknown (Neyman allocation on the
   * posterior's uncertainty). Finding failures is the purpose of a spot check, so risk leads.
   */
  riskShare: 0.6,
  /** why (article 71): a failure with a serious quality problem goes to enforcement; it counts this much extra (1: twice) in the expected failures found */
  seriousExtra: 1,
  /** why (article 72): an open industry-wide flag multiplies the category's risk by 1 + this: the whole trade is suspect */
  industryFlag: 0.5,
  /** why (article 72): each open regional flag or item hot spot adds this to the risk multiplier ... */
  perOtherFlag: 0.1,
  /** ... at most this much in all: such a problem sits in a part of the market, not in all of it */
  otherFlagCap: 0.3,
  /** why (article 72): a category under an open industry-wide flag gets at least this multiple of its historical share (share of this year's batches), and at least one batch more */
  industryUplift: 1.2,
  /** why (article 15): within a category, each channel's share of its past batches is tilted by half its relative failure rate: a channel failing twice as often gets 1.5× its share, one never failing 0.5× */
  channelTilt: 0.5,
  /** why (article 15): a channel's failure rate is shrunk towards its category's posterior rate with the weight of this many batches, so 3 batches with 1 failure do not swing the split */
  channelPriorBatches: 20,
} as const;

/** why (article 11): the rate at which a category's uncertainty is greatest; a rate above it counts as this much in the Neyman part, so a category more surely bad never gets fewer batches for being better known. */
const MAX_UNCERTAINTY_RATE = 0.5;

/** One channel of one category: its batches this year and its record over the window. */
export interface PlanChannelInput {
  channel: PlanChannel;
  base_batches: number;
  window_inspected: number;
  window_failed: number;
}

/** What the allocation needs of one category: the catalogue's figures, its open flags, its exposure and its channels. */
export interface PlanCategoryInput {
  product_category: string;
  /** inspected batches and failures in the window (the catalogue's batches, failed) */
  window_batches: number;
  window_failed: number;
  /** the catalogue's empirical-Bayes posterior mean and the weight n/(n+M) of the category's own data */
  shrunken_rate: number;
  own_weight: number;
  /** failures with a serious quality problem in the window (article 71) */
  serious_count: number;
  /** the 95% equal-tailed interval of that posterior (computed where jStat is: loaders/analysis/sampling-plan.ts) */
  interval_low: number;
  interval_high: number;
  /** distinct producers sampled in the window: the category's market exposure */
  producers: number;
  /** open problem flags (article 72): flagged in the base year or in the window pooled */
  industry_flag: boolean;
  regional_flags: number;
  item_flags: number;
  channels: PlanChannelInput[];
}

export interface SamplingPlanRow {
  plan_year: number;
  base_year: number;
  window_years: string;
  product_category: string;
  /** batches planned, and their split by channel (article 15) */
  planned: number;
  planned_production: number;
  planned_distribution: number;
  planned_ecommerce: number;
  /** sampled batches in the base year ("this year"), and the change */
  base_batches: number;
  change: number;
  /** share of this year's batches, and of the plan */
  base_share: number;
  planned_share: number;
  /** the blended weight, and its two parts (each normalised to sum 1 over the categories) */
  weight: number;
  risk_share: number;
  precision_share: number;
  /** expected failures found per batch (serious counted extra) × flag multiplier, and the flag multiplier alone */
  risk_per_batch: number;
  flag_multiplier: number;
  /** the least the category may get, and why ("保底" | "行业性问题"); at_minimum: the allocation gave it exactly that */
  minimum: number;
  minimum_reason: string;
  at_minimum: boolean;
  window_batches: number;
  window_failed: number;
  shrunken_rate: number;
  interval_low: number;
  interval_high: number;
  posterior_sd: number;
  serious_count: number;
  producers: number;
  industry_flag: boolean;
  regional_flags: number;
  item_flags: number;
  explanation: string;
}

export interface SamplingPlan {
  plan_year: number;
  base_year: number;
  window_years: string;
  total: number;
  floor: number;
  /** sampled batches in the base year, all categories of the plan */
  base_total: number;
  rows: SamplingPlanRow[];
}

/** The column headings of the plan's xlsx and of the page's CSV, in their order. */
export const SAMPLING_PLAN_HEADER = {
  product_category: "产品类别", planned: "建议批次", planned_production: "生产环节", planned_distribution: "流通环节",
  planned_ecommerce: "电商环节", base_batches: "今年批次", change: "增减", base_share: "今年占比", planned_share: "计划占比",
  shrunken_rate: "收缩后不合格率", interval_low: "95%区间下限", interval_high: "95%区间上限", serious_count: "严重质量问题批次",
  producers: "生产者数（市场覆盖）", industry_flag: "行业性问题标记", regional_flags: "区域性问题标记", item_flags: "不合格项目集中点",
  risk_share: "风险份额", precision_share: "精度份额", weight: "综合权重", minimum: "最低批次", minimum_reason: "最低批次依据",
  explanation: "说明",
} satisfies Partial<Record<keyof SamplingPlanRow, string>>;

/** The columns of the xlsx and of the page's CSV, in order. */
export const SAMPLING_PLAN_COLUMNS = Object.keys(SAMPLING_PLAN_HEADER) as (keyof typeof SAMPLING_PLAN_HEADER)[];

/** The plan's rows as cells in SAMPLING_PLAN_COLUMNS order (the xlsx and the page's CSV): numbers stay numbers, flags 是/否. */
export function samplingPlanCells(plan: Pick<SamplingPlan, "rows">): (string | number)[][] {
  return plan.rows.map((row) => SAMPLING_PLAN_COLUMNS.map((column) => {
    const value = row[column];
    return typeof value === "boolean" ? (value ? "是" : "否") : value;
  }));
}

const byName = (a: string, b: string) => a.localeCompare(b, "zh");

/** '5.1%' (the same as loaders/core/format.ts percentText, which this file may not import). */
const percentText = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** A plan that cannot be drawn up as asked (too few batches for the floors): the CLI turns it into a usage error. */
export class PlanInfeasible extends Error {}

interface Share { key: string; weight: number; minimum: number; order: number }

/**
 * Integer apportionment of `total` in proportion to the weights, each item at least its minimum:
 * items whose proportional quota falls below their minimum are fixed there and the rest is shared
 * among the others in proportion again (repeated until none falls below); then the largest-remainder
 * (Hamilton) method rounds, ties going to the lower `order`. The result sums to `total` exactly.
 */
export function apportion(total: number, items: readonly Share[]): Map<string, number> {
  const minimumSum = items.reduce((s, i) => s + i.minimum, 0);
  if (minimumSum > total) throw new Error(`最低批次之和 ${minimumSum} 超过总数 ${total}`);
  const anyWeight = items.some((i) => i.weight > 0);
  const weightOf = (i: Share) => (anyWeight ? i.weight : 1);
  const fixed = new Set<string>();
  let scale = 0;
  for (;;) {
    const free = items.filter((i) => !fixed.has(i.key));
    const rest = total - items.filter((i) => fixed.has(i.key)).reduce((s, i) => s + i.minimum, 0);
    const sum = free.reduce((s, i) => s + weightOf(i), 0);
    scale = sum > 0 ? rest / sum : 0;
    const below = free.filter((i) => scale * weightOf(i) < i.minimum);
    if (below.length === 0) break;
    for (const i of below) fixed.add(i.key);
  }
  const quota = new Map(items.map((i) => [i.key, fixed.has(i.key) ? i.minimum : scale * weightOf(i)]));
  const result = new Map(items.map((i) => [i.key, Math.floor(quota.get(i.key)!)]));
  let left = total - [...result.values()].reduce((s, v) => s + v, 0);
  const byRemainder = [...items].sort((a, b) =>
    (quota.get(b.key)! - result.get(b.key)!) - (quota.get(a.key)! - result.get(a.key)!) || a.order - b.order);
  for (const i of byRemainder) {
    if (left <= 0) break;
    result.set(i.key, result.get(i.key)! + 1);
    left--;
  }
  return result;
}

/**
 * The catalogue's posterior Beta(α + x, β + n − x) read back from its outputs: its size a + b is
 * n / own weight = n + M. Its standard deviation √(p(1 − p)/(n + M + 1)); for the Neyman part the
 * rate is taken at most MAX_UNCERTAINTY_RATE.
 */
export function posteriorSize(c: Pick<PlanCategoryInput, "window_batches" | "own_weight">): number {
  return c.window_batches / c.own_weight;
}

function posterior(c: PlanCategoryInput) {
  const size = posteriorSize(c);
  const p = c.shrunken_rate;
  const capped = Math.min(p, MAX_UNCERTAINTY_RATE);
  return { sd: Math.sqrt((p * (1 - p)) / (size + 1)), neymanSd: Math.sqrt((capped * (1 - capped)) / (size + 1)) };
}

const W = SAMPLING_PLAN_WEIGHTS;

function flagMultiplier(c: PlanCategoryInput): number {
  return 1 + (c.industry_flag ? W.industryFlag : 0) + Math.min(W.otherFlagCap, W.perOtherFlag * (c.regional_flags + c.item_flags));
}

/** Batches of one category across the three channels (article 15): past mix tilted by each channel's shrunken relative failure rate; each channel sampled in the window gets at least 1 when there are enough. */
function channelSplit(c: PlanCategoryInput, planned: number): Map<PlanChannel, number> {
  const inspected = c.channels.reduce((s, ch) => s + ch.window_inspected, 0);
  const base = c.channels.reduce((s, ch) => s + ch.base_batches, 0);
  const present = c.channels.filter((ch) => ch.window_inspected > 0 || ch.base_batches > 0);
  const oneEach = planned >= present.length;
  const p = c.shrunken_rate;
  const items = c.channels.map((ch, order): Share => {
    const mix = inspected > 0 ? ch.window_inspected / inspected : base > 0 ? ch.base_batches / base : 0;
    const rate = (ch.window_failed + W.channelPriorBatches * p) / (ch.window_inspected + W.channelPriorBatches);
    const tilt = p > 0 ? 1 + W.channelTilt * (rate / p - 1) : 1;
    return { key: ch.channel, weight: mix * tilt, minimum: oneEach && present.includes(ch) ? 1 : 0, order };
  });
  return apportion(planned, items) as Map<PlanChannel, number>;
}

/**
 * The plan: weights, minimums, the apportionment, the channel split and one explanation per
 * category. Pure (the tests call it on hand-built inputs); computeSamplingPlan gathers the inputs.
 */
export function allocateSamplingPlan(
  categories: readonly PlanCategoryInput[],
  opts: { planYear: number; baseYear: number; windowYears: string; total: number; floor: number },
): SamplingPlan {
  const { total, floor } = opts;
  if (!Number.isInteger(total) || total <= 0) throw new PlanInfeasible(`计划批次数须为正整数，收到 ${total}`);
  if (!Number.isInteger(floor) || floor < 0) throw new PlanInfeasible(`保底批次数须为非负整数，收到 ${floor}`);
  const k = categories.length;
  if (k === 0) throw new PlanInfeasible(`${opts.windowYears}年没有已出具最终结论的批次，无法编制${opts.planYear}年抽查计划（第十一条）。`);
  if (total < floor * k) {
    throw new PlanInfeasible(`计划批次数 ${total} 少于保底要求 ${floor} 批 × ${k} 个产品类别 = ${floor * k} 批：` +
      `请增加计划批次数（--batches）或降低保底批次数（--floor）（第十一条：计划须覆盖重点产品目录的每一类）`);
  }
  const baseTotal = categories.reduce((s, c) => s + c.channels.reduce((t, ch) => t + ch.base_batches, 0), 0);

  const parts = categories.map((c) => {
    const post = posterior(c);
    const multiplier = flagMultiplier(c);
    // expected failures found per batch, a serious one counting (1 + seriousExtra) times
    const perBatch = (c.shrunken_rate + W.seriousExtra * (c.serious_count / c.window_batches)) * multiplier;
    const baseBatches = c.channels.reduce((s, ch) => s + ch.base_batches, 0);
    // an open industry-wide flag: more than the historical share of N, by industryUplift and by at least one batch
    const industryMinimum = c.industry_flag && baseTotal > 0
      ? Math.max(Math.floor((baseBatches * total) / baseTotal) + 1, Math.ceil((baseBatches * total * W.industryUplift) / baseTotal - 1e-9))
      : 0;
    return { c, post, multiplier, perBatch, risk: c.producers * perBatch, precision: c.producers * post.neymanSd, baseBatches, industryMinimum };
  });
  const riskSum = parts.reduce((s, p) => s + p.risk, 0);
  const precisionSum = parts.reduce((s, p) => s + p.precision, 0);
  const shares = parts.map((p) => {
    const riskShare = riskSum > 0 ? p.risk / riskSum : 1 / k;
    const precisionShare = precisionSum > 0 ? p.precision / precisionSum : 1 / k;
    return { riskShare, precisionShare, weight: W.riskShare * riskShare + (1 - W.riskShare) * precisionShare };
  });
  const minimumSum = parts.reduce((s, p) => s + Math.max(floor, p.industryMinimum), 0);
  if (minimumSum > total) {
    throw new PlanInfeasible(`计划批次数 ${total} 少于各类最低批次之和 ${minimumSum} 批（保底 ${floor} 批，行业性问题类别不少于今年占比的 ${W.industryUplift} 倍，第七十二条）：请增加计划批次数（--batches）或降低保底批次数（--floor）`);
  }
  const order = [...parts].sort((a, b) => byName(a.c.product_category, b.c.product_category)).map((p) => p.c.product_category);
  const allocation = apportion(total, parts.map((p, i) => ({
    key: p.c.product_category, weight: shares[i].weight, minimum: Math.max(floor, p.industryMinimum), order: order.indexOf(p.c.product_category),
  })));

  const rows = parts.map((p, i): SamplingPlanRow => {
    const { c, post } = p;
    const planned = allocation.get(c.product_category)!;
    const split = channelSplit(c, planned);
    const minimum = Math.max(floor, p.industryMinimum);
    const row: Omit<SamplingPlanRow, "explanation"> = {
      plan_year: opts.planYear, base_year: opts.baseYear, window_years: opts.windowYears, product_category: c.product_category,
      planned, planned_production: split.get("生产")!, planned_distribution: split.get("流通")!, planned_ecommerce: split.get("电商")!,
      base_batches: p.baseBatches, change: planned - p.baseBatches,
      base_share: baseTotal > 0 ? p.baseBatches / baseTotal : 0, planned_share: planned / total,
      weight: shares[i].weight, risk_share: shares[i].riskShare, precision_share: shares[i].precisionShare,
      risk_per_batch: p.perBatch, flag_multiplier: p.multiplier,
      minimum, minimum_reason: p.industryMinimum > floor ? "行业性问题" : "保底", at_minimum: planned === minimum,
      window_batches: c.window_batches, window_failed: c.window_failed, shrunken_rate: c.shrunken_rate,
      interval_low: c.interval_low, interval_high: c.interval_high, posterior_sd: post.sd,
      serious_count: c.serious_count, producers: c.producers,
      industry_flag: c.industry_flag, regional_flags: c.regional_flags, item_flags: c.item_flags,
    };
    return { ...row, explanation: explainPlanRow(row) };
  });
  rows.sort((a, b) => b.planned - a.planned || byName(a.product_category, b.product_category));
  return { plan_year: opts.planYear, base_year: opts.baseYear, window_years: opts.windowYears, total, floor, base_total: baseTotal, rows };
}

/** "2023—2025年" */
const windowText = (windowYears: string) => `${windowYears.replace("-", "—")}年`;

/** One row in words: the record, the flags, the exposure, the two shares, the plan and the change against this year. */
export function explainPlanRow(r: Omit<SamplingPlanRow, "explanation">): string {
  const flags = [
    r.industry_flag ? "有行业性问题标记" : "",
    r.regional_flags ? `有${r.regional_flags}项区域性问题标记` : "",
    r.item_flags ? `有${r.item_flags}项不合格项目集中点` : "",
  ].filter(Boolean);
  // "this year" is the year before the plan; planning further ahead names the year compared with
  const label = r.base_year === r.plan_year - 1 ? "今年" : `${r.base_year}年`;
  const thisYear = r.base_year === r.plan_year - 1 ? `今年（${r.base_year}年${r.base_batches}批）` : `${r.base_year}年（${r.base_batches}批）`;
  const change = r.change > 0 ? `比${thisYear}多${r.change}批` : r.change < 0 ? `比${thisYear}少${-r.change}批` : `与${thisYear}持平`;
  const minimum = !r.at_minimum ? ""
    : r.minimum_reason === "行业性问题" ? `（行业性问题类别不少于${label}占比的${SAMPLING_PLAN_WEIGHTS.industryUplift}倍，即${r.minimum}批）`
    : `（保底${r.minimum}批）`;
  return [
    `${r.product_category}：${windowText(r.window_years)}抽查${r.window_batches}批次、不合格${r.window_failed}批次，` +
      `经验贝叶斯收缩后不合格率${percentText(r.shrunken_rate)}${Number.isFinite(r.interval_low) && Number.isFinite(r.interval_high) ? `（95%区间${percentText(r.interval_low)}–${percentText(r.interval_high)}）` : ""}`,
    r.serious_count ? `严重质量问题${r.serious_count}批次（第七十一条）` : "无严重质量问题",
    flags.length ? `${flags.join("，")}（第七十二条）` : "无未消除的问题标记",
    `近三年抽到生产者${r.producers}家`,
    `风险份额${percentText(r.risk_share)}、精度份额${percentText(r.precision_share)}，综合权重${percentText(r.weight)}`,
    `建议抽查${r.planned}批${minimum}（生产${r.planned_production}、流通${r.planned_distribution}、电商${r.planned_ecommerce}，第十五条），` +
      `占计划${percentText(r.planned_share)}，${change}（${label}占比${percentText(r.base_share)}）。`,
  ].join("；");
}


/** The plan's title: "2026年市级监督抽查计划（建议稿，第十一条）：6471批次，依据2023—2025年抽查结果". */
export function samplingPlanTitle(plan: Pick<SamplingPlan, "plan_year" | "total" | "window_years">): string {
  return `${plan.plan_year}年市级监督抽查计划（建议稿，第十一条）：${plan.total}批次，依据${windowText(plan.window_years)}抽查结果`;
}
