// `spotcheck generate`: writes a deterministic sample (batches.csv, events.csv, planted.json).
import { resolve } from "node:path";
import { parseCommandArgs, parseIsoDate } from "../core/command-line.ts";
import { UsageError } from "../core/errors.ts";
import { formatRows, parseFormat } from "../core/report-output.ts";
import { CalendarCoverageError } from "../calendar/statutory-calendar.ts";
import { DEFAULTS, defaultAsOf, generateSample } from "./generate.ts";

const USAGE = "用法: spotcheck generate [--years 2023-2025] [--batches N] [--seed S] [--out DIR] [--as-of YYYY-MM-DD] " +
  "[--uniform-rate P] [--no-bad-rows] [--encoding utf8|gb18030] [--format table|json]";

export async function generateCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    years: { type: "string" },
    batches: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    "as-of": { type: "string" },
    "uniform-rate": { type: "string" },
    "no-bad-rows": { type: "boolean" },
    encoding: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const format = parseFormat(values.format, ["table", "json"]);
  const encoding = values.encoding ?? "utf8";
  if (encoding !== "utf8" && encoding !== "gb18030") throw new UsageError(`--encoding 只能是 utf8 / gb18030，收到 "${encoding}"`);

  const result = await generateSample({
    years: parseYears(values.years),
    batches: values.batches === undefined ? DEFAULTS.batches : parsePositiveInteger(values.batches),
    seed: values.seed === undefined ? DEFAULTS.seed : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed,
    out: values.out === undefined ? undefined : resolve(values.out),
    asOf: values["as-of"] === undefined ? defaultAsOf() : parseIsoDate(values["as-of"], "--as-of"),
    uniformRate: values["uniform-rate"] === undefined ? null : parseRate(values["uniform-rate"]),
    badRows: !values["no-bad-rows"],
    encoding,
  }).catch((error) => {
    // Options the generator cannot honour (years outside the calendar, as-of before the range) are usage errors.
    if (error instanceof RangeError || error instanceof CalendarCoverageError) throw new UsageError(error.message);
    throw error;
  });

  const summary = [
    { 项目: "批次文件", 值: result.batchesFile },
    { 项目: "事件文件", 值: result.eventsFile },
    { 项目: "埋设清单", 值: result.plantedFile },
    { 项目: "批次行数", 值: result.batches },
    { 项目: "事件行数", 值: result.events },
    { 项目: "埋设的程序问题", 值: result.lapses },
    { 项目: "埋设的错误行", 值: result.badRows },
  ];
  process.stdout.write(format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatRows(summary, "table"));
  return 0;
}

function parseYears(value: string | undefined): [number, number] {
  if (value === undefined) return DEFAULTS.years;
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  if (!match) throw new UsageError(`--years 应写作 2023-2025 或 2024，收到 "${value}"`);
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (first > last) throw new UsageError(`--years 的起始年份晚于结束年份："${value}"`);
  return [first, last];
}

function parsePositiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--batches 须为正整数，收到 "${value}"`);
  return Number(value);
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (value.trim() === "" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new UsageError(`--uniform-rate 须为 0 到 1 之间的概率，收到 "${value}"`);
  }
  return rate;
}
