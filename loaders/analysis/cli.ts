// `spotcheck rates | headline | flags | catalogue | repeat-offenders | producer | plan`: reports, read-only on the database.
// Readable tables by default; --format json (and csv) for machines, with raw numbers.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseChoice, parseCommandArgs, parseYear as parseArgYear } from "../core/command-line.ts";
import { UsageError } from "../core/errors.ts";
import { countsPercentText, oneDecimal, percentOrMissing as pct } from "../core/format.ts";
import { isQuarter, parseQuarter } from "../core/periods.ts";
import { formatRows, formatTable, parseFormat } from "../core/report-output.ts";
import { querySqlFile, type Row } from "../db/connection.ts";
import { withReader } from "../db/lifecycle.ts";
import { z } from "zod";
import { DIMENSION_LABELS, RATE_DIMENSIONS, checkDimensions, computeRates, type RateDimension } from "./rates.ts";
import { computeHeadline, headlineSentence, type Figures } from "./headline.ts";
import { computeFlags, type FlagRule } from "./flags.ts";
import { computeCatalogue } from "./catalogue.ts";
import { computeRepeatOffenders, repeatOffenderTableRows } from "./repeat-offenders.ts";
import { computeProducerRecord, type ProducerRecord } from "./producer-record.ts";
import { resolveDerivedContext } from "../core/config.ts";
import { writeFileSync } from "node:fs";
import { computeSamplingPlan, samplingPlanTitle, samplingPlanWorkbook } from "./sampling-plan.ts";

/** --year is the plan year (计划年度) everywhere. */
const parseYear = (value: string | undefined) => parseArgYear(value, "--year", "计划年度");

/**
 * These reports compute everything live from batches / events (batch_results), never from
 * the persisted derived tables, so a database whose derived tables are stale still answers
 * them correctly: they do not refuse it.
 */
const LIVE = { derivedTables: false } as const;

async function latestPlanYear(conn: DuckDBConnection): Promise<number> {
  const years = await querySqlFile(conn, "loaders/analysis/plan_years.sql", undefined, z.object({ plan_year: z.number().int() }));
  if (years.length === 0) throw new UsageError("数据库中还没有已出具最终结论的批次，无法计算。");
  return years[years.length - 1].plan_year;
}

/** `spotcheck rates --by product_category,sampled_region [--year Y] [--quarter 2025Q3] [--filter channel=电商]` */
export async function ratesCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    by: { type: "string", default: "product_category" },
    year: { type: "string" },
    quarter: { type: "string" },
    filter: { type: "string", multiple: true },
  });
  const format = parseFormat(values.format);
  const by = checkDimensions(values.by!.split(",").map((s) => s.trim()).filter(Boolean));
  if (by.length === 0) throw new UsageError(`--by 至少需要一个维度：${RATE_DIMENSIONS.join(", ")}`);
  // a Map, not an object: "__proto__=x" would set the object's prototype and vanish
  const filters = new Map<RateDimension, string>();
  for (const f of values.filter ?? []) {
    const at = f.indexOf("=");
    if (at <= 0) throw new UsageError(`--filter 需要 维度=取值 的形式，如 channel=电商，收到 "${f}"`);
    const [dimension] = checkDimensions([f.slice(0, at).trim()], "--filter");
    const value = f.slice(at + 1);
    if (filters.has(dimension)) throw new UsageError(`--filter 对维度 ${dimension} 只能给一个取值，收到 "${filters.get(dimension)}" 和 "${value}"`);
    if (value === "") throw new UsageError(`--filter ${dimension}= 缺少取值，如 channel=电商`);
    filters.set(dimension, value);
  }
  const rows = await withReader(values.db, (conn) =>
    computeRates(conn, { by, year: parseYear(values.year), quarter: values.quarter, filters: Object.fromEntries(filters) }), LIVE);
  if (format !== "table") {
    process.stdout.write(formatRows(rows, format));
    return 0;
  }
  const label = (d: RateDimension) => DIMENSION_LABELS[d];
  const table = rows.map((r) => {
    const out: Row = {};
    for (const d of by) {
      if (d === "sampled_region") out[label(d)] = r.sampled_region_name ? `${r.sampled_region_name}（${r.sampled_region}）` : r.sampled_region ?? "（未填）";
      else out[label(d)] = r[d] ?? "（未填）";
    }
    Object.assign(out, { 检验批次: r.inspected, 不合格: r.failed, 不合格发现率: pct(r.rate), "95%区间": `${pct(r.ci_low)}–${pct(r.ci_high)}` });
    return out;
  });
  process.stdout.write("不合格发现率 = 最终结论为不合格的批次 / 有最终结论的批次；区间为 Wilson 95% 区间。\n\n");
  process.stdout.write(formatTable(table, table.length ? Object.keys(table[0]) : []));
  return 0;
}

/** `spotcheck headline [--year 2025] [--quarter 3 | 2025Q3]` */
export async function headlineCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { year: { type: "string" }, quarter: { type: "string" } });
  const format = parseFormat(values.format, ["table", "json"]);
  let quarter: number | undefined;
  let year = parseYear(values.year);
  if (values.quarter !== undefined) {
    // a quarter of --year (3), or a whole quarter (2025Q3)
    const given = /^[1-4]$/.test(values.quarter) ? { year: undefined, quarter: Number(values.quarter) }
      : isQuarter(values.quarter) ? parseQuarter(values.quarter) : null;
    if (!given) throw new UsageError(`--quarter 需要 1–4 或 2025Q3 的形式，收到 "${values.quarter}"`);
    if (given.year !== undefined && year !== undefined && given.year !== year) throw new UsageError(`--year ${year} 与 --quarter ${values.quarter} 不一致`);
    year = given.year ?? year;
    quarter = given.quarter;
  }
  const headline = await withReader(values.db, async (conn) =>
    computeHeadline(conn, { year: year ?? (await latestPlanYear(conn)), quarter }), LIVE);
  const sentence = headlineSentence(headline);
  if (format === "json") {
    process.stdout.write(JSON.stringify({ ...headline, sentence }, null, 2) + "\n");
    return 0;
  }
  const previousName = quarter ? "上季度" : "上年";
  const line = (scope: string, f: Figures, previous: Figures | undefined, yearAgo: Figures | undefined, changes: [number | null, number | null]): Row => ({
    口径: scope, 产品类别: f.categories, 企业: f.producers, 抽查批次: f.batches, 有最终结论: f.inspected, 不合格: f.failed,
    不合格发现率: countsPercentText(f.failed, f.inspected),
    [`${previousName}`]: previous ? countsPercentText(previous.failed, previous.inspected) : "",
    [`比${previousName}(百分点)`]: changes[0] ?? "",
    ...(quarter ? {
      上年同期: yearAgo ? countsPercentText(yearAgo.failed, yearAgo.inspected) : "",
      "比上年同期(百分点)": changes[1] ?? "",
    } : {}),
  });
  const rows = [
    line("全部", headline, headline.previous, headline.yearAgo, [headline.changeVsPrevious, headline.changeVsYearAgo]),
    ...headline.channels.map((c) => line(`${c.channel}环节`, c,
      headline.previous.channels.find((p) => p.channel === c.channel),
      headline.yearAgo.channels.find((p) => p.channel === c.channel),
      [c.changeVsPrevious, c.changeVsYearAgo])),
  ];
  process.stdout.write(`${sentence}\n\n${formatTable(rows, Object.keys(rows[0]))}`);
  return 0;
}

const RULE_NAMES: Record<FlagRule, string> = { regional: "区域性", industry: "行业性", item: "不合格项目集中" };
const FLAG_RULES: readonly FlagRule[] = ["regional", "industry", "item"];

/** `spotcheck flags [--year Y] [--rule regional|industry|item]` */
export async function flagsCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { year: { type: "string" }, rule: { type: "string" } });
  const format = parseFormat(values.format);
  const rule = values.rule === undefined ? undefined : parseChoice(values.rule, FLAG_RULES, "--rule");
  const all = await withReader(values.db, (conn) => computeFlags(conn, { year: parseYear(values.year) }), LIVE);
  const flags = rule ? all.filter((f) => f.rule === rule) : all;
  if (format !== "table") {
    process.stdout.write(formatRows(flags, format));
    return 0;
  }
  if (flags.length === 0) {
    process.stdout.write("未发现区域性、行业性质量问题或不合格项目集中点（第七十二条）。\n");
    return 0;
  }
  const table = flags.map((f, i) => ({
    序号: i + 1, 类型: RULE_NAMES[f.rule], 期间: f.period === "all" ? "近三年合计" : f.period, 产品类别: f.product_category,
    "区县/项目": f.region_name ?? f.item ?? "", 批次: f.inspected, 不合格: f.failed, 比例: pct(f.rate), 基准: pct(f.expected),
    "99.8%上限": pct(f.limit), q: f.q < 0.0001 ? "<0.0001" : f.q.toPrecision(2),
  }));
  process.stdout.write(formatTable(table, Object.keys(table[0])) + "\n" + flags.map((f, i) => `${i + 1}. ${f.sentence}`).join("\n") + "\n");
  return 0;
}

/** `spotcheck catalogue [--year 2027]` — the year the catalogue is for (default: the latest plan year + 1). */
export async function catalogueCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { year: { type: "string" } });
  const format = parseFormat(values.format);
  const rows = await withReader(values.db, async (conn) =>
    computeCatalogue(conn, { year: parseYear(values.year) ?? (await latestPlanYear(conn)) + 1 }), LIVE);
  if (format !== "table") {
    process.stdout.write(formatRows(rows, format));
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write("目录年度之前三年没有已出具最终结论的批次，无法起草重点产品目录（第十条）。\n");
    return 0;
  }
  const one = (v: number) => Number(oneDecimal(v));
  const table = rows.map((r) => ({
    排名: r.rank, 产品类别: r.product_category, 总分: one(r.score), 收缩后不合格率: pct(r.shrunken_rate), 批次: r.batches,
    自身权重: Number(r.own_weight.toFixed(2)), 不合格率分: one(r.rate_points), 严重问题分: one(r.serious_points),
    问题标记分: one(r.flag_points), 趋势分: one(r.trend_points), 不确定性分: one(r.uncertainty_points),
  }));
  process.stdout.write(`${rows[0].catalogue_year}年重点产品目录草案（第十条），依据${rows[0].window_years}年抽查结果：\n\n` +
    formatTable(table, Object.keys(table[0])) + "\n" + rows.map((r) => `${r.rank}. ${r.explanation}`).join("\n") + "\n");
  return 0;
}

/** `spotcheck repeat-offenders [--as-of DATE]` — 跟踪抽查仍不合格的生产者（issue 14）. */
export async function repeatOffendersCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { "as-of": { type: "string" } });
  const format = parseFormat(values.format);
  const { asOf } = resolveDerivedContext({ asOf: values["as-of"] });
  const rows = await withReader(values.db, (conn) => computeRepeatOffenders(conn, { asOf }), LIVE);
  if (format !== "table") {
    process.stdout.write(formatRows(rows, format));
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(`截至 ${asOf}，没有跟踪抽查仍不合格的生产者。\n`);
    return 0;
  }
  const table = repeatOffenderTableRows(rows);
  process.stdout.write(`截至 ${asOf}，跟踪抽查仍不合格的生产者 ${rows.length} 家次（同一产品类别，首次不合格报告之后抽样仍不合格）：\n\n` +
    formatTable(table, Object.keys(table[0])) + "\n");
  return 0;
}

/** A whole number of at least `least` given to `flag`; undefined when the option was not given. */
function parseCount(value: string | undefined, flag: string, what: string, least: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < least) throw new UsageError(`${flag} 需要不小于 ${least} 的整数（${what}），收到 "${value}"`);
  return Number(value);
}

/**
 * `spotcheck plan [--year 2027] [--batches N] [--floor 10] [--as-of DATE] [--xlsx OUT.xlsx]` —
 * next year's sampling plan (article 11): N batches across the catalogue's categories and channels.
 */
export async function planCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    year: { type: "string" }, batches: { type: "string" }, floor: { type: "string" }, "as-of": { type: "string" }, xlsx: { type: "string" },
  });
  const format = parseFormat(values.format);
  const year = parseArgYear(values.year, "--year", "计划年度");
  const total = parseCount(values.batches, "--batches", "计划抽查的批次总数", 1);
  const floor = parseCount(values.floor, "--floor", "每个产品类别至少抽查的批次数", 0);
  if (values.xlsx !== undefined && !values.xlsx.toLowerCase().endsWith(".xlsx")) throw new UsageError(`--xlsx 需要以 .xlsx 结尾的文件名，收到 "${values.xlsx}"`);
  const { asOf } = resolveDerivedContext({ asOf: values["as-of"] });
  const plan = await withReader(values.db, (conn) => computeSamplingPlan(conn, { year, total, floor, asOf }), LIVE);
  if (values.xlsx) writeFileSync(values.xlsx, await samplingPlanWorkbook(plan, asOf));
  if (format !== "table") {
    process.stdout.write(formatRows(plan.rows, format));
    return 0;
  }
  const table = plan.rows.map((r) => ({
    产品类别: r.product_category, 建议批次: r.planned, 生产: r.planned_production, 流通: r.planned_distribution, 电商: r.planned_ecommerce,
    今年批次: r.base_batches, 增减: r.change > 0 ? `+${r.change}` : String(r.change), 收缩后不合格率: pct(r.shrunken_rate),
    "95%区间": `${pct(r.interval_low)}–${pct(r.interval_high)}`, 问题标记: [r.industry_flag ? "行业性" : "", r.regional_flags ? `区域性${r.regional_flags}` : "", r.item_flags ? `项目${r.item_flags}` : ""].filter(Boolean).join("、") || "—",
    综合权重: pct(r.weight),
  }));
  const thisYear = plan.base_year === plan.plan_year - 1 ? `今年（${plan.base_year}年）` : `${plan.base_year}年`;
  process.stdout.write(`${samplingPlanTitle(plan)}；${thisYear}${plan.base_total}批次，每类至少${plan.floor}批。\n\n` +
    formatTable(table, Object.keys(table[0])) + "\n" + plan.rows.map((r, i) => `${i + 1}. ${r.explanation}`).join("\n") + "\n" +
    (values.xlsx ? `\n已写出 ${values.xlsx}\n` : ""));
  return 0;
}

const FLAG_PERIOD = (period: string) => (period === "all" ? "近三年合计" : `${period}年`);
const STATUS_NAMES: Record<string, string> = { violation: "违规", open: "计时中" };

/**
 * `spotcheck producer <USCC或企业名称> [--as-of DATE]` — 一个生产者的全部记录（issue 14）. It reads
 * the persisted audit findings, flags and gate decisions, so a database whose derived tables
 * are stale is refused (run `spotcheck refresh`), as the site and the briefing are.
 */
export async function producerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { "as-of": { type: "string" } }, true);
  const format = parseFormat(values.format, ["table", "json"]);
  if (positionals.length !== 1) throw new UsageError("需要且只需要一个统一社会信用代码或企业名称（名称含空格时请加引号），例如 spotcheck producer 91500000MA5U0A0A0A");
  const { asOf } = resolveDerivedContext({ asOf: values["as-of"] });
  const record = await withReader(values.db, (conn) => computeProducerRecord(conn, { query: positionals[0], asOf }));
  process.stdout.write(format === "json" ? JSON.stringify(record, null, 2) + "\n" : producerText(record));
  return 0;
}

/** The record as text for a terminal: who, whether a repeat offender, then each section as a table. */
export function producerText(r: ProducerRecord): string {
  const p = r.producer;
  const section = (title: string, rows: Row[], none: string) => `\n${title}\n${rows.length ? formatTable(rows, Object.keys(rows[0])) : `${none}\n`}`;
  const missing = (table: keyof ProducerRecord["derived"], text: string) => (r.derived[table] ? text : "（派生表尚未刷新：npx spotcheck refresh）");
  const head = [
    `${p.producer_name}　统一社会信用代码：${p.producer_uscc ?? "（批次未登记）"}`,
    ...(p.names.length > 1 ? [`曾用/其他写法：${p.names.filter((n) => n !== p.producer_name).join("、")}`] : []),
    `地址：${p.producer_address ?? "—"}（${p.producer_region ?? "—"}${p.producer_scope ? `，${p.producer_scope}` : ""}）`,
    `截至 ${r.as_of}：抽查 ${p.batches} 批次（${p.first_sampling_date} 至 ${p.last_sampling_date}），有最终结论 ${p.concluded} 批次，其中不合格 ${p.failed} 批次。`,
    r.repeat_offences.length
      ? `跟踪抽查仍不合格：${r.repeat_offences.map((o) => `${o.product_category}（${o.first_sample_id} → ${o.repeat_sample_id}，共 ${o.failures} 次不合格）`).join("；")}`
      : "不属于跟踪抽查仍不合格的生产者。",
  ];
  const batches = r.batches.map((b) => ({
    样品编号: b.sample_id, 产品类别: b.product_category, 产品名称: b.product_name, 抽样日期: b.sampling_date,
    "级别/环节": `${b.level}/${b.channel}`, 最终结论: b.final_conclusion ?? "—", 如何生效: b.how_final,
    不合格项目: b.failed_items.join("、") || "—",
    公开: b.published === null ? "—" : b.published ? "已公开" : `暂缓（${b.held_by ?? "—"}）`,
  }));
  const steps = r.batches.flatMap((b) => b.events.map((e) => ({
    样品编号: b.sample_id, 日期: e.date, 事项: e.event, 结果: e.result ?? "", 办理机构: e.agency ?? "",
  })));
  const findings = r.findings.map((f) => ({
    规则: `${f.rule}（第${f.article}条）`, 样品编号: f.sample_id, 状态: STATUS_NAMES[f.status] ?? f.status, 截止日: f.due ?? "—", 说明: f.sentence,
  }));
  const flags = r.flags.map((f) => ({
    期间: FLAG_PERIOD(f.period), 产品类别: f.product_category, "区县/项目": f.region_name ?? f.item ?? "（全市）",
    涉及本企业批次: f.sample_ids.join("、"), 说明: f.sentence,
  }));
  return head.join("\n") + "\n" +
    section("抽查批次（最终结论：复检为准，第五十八条；异议撤销不计，第五十四条）", batches, "（无）") +
    section("各批次的后续事项", steps, "（没有登记任何事项）") +
    section("程序审计发现（A15…A74）", findings, missing("audit_findings", "（无）")) +
    section("涉及本企业批次的问题标记（第七十二条）", flags, missing("flags", "（无）"));
}
