// The overall headline in the form national circulars use (publication-formats.md):
// categories, producers, batches, failures, 不合格发现率, by channel, with the change in
// percentage points against the previous period and the same period a year before.
import type { DuckDBConnection } from "@duckdb/node-api";
import { changePhrase, countsPercentText, percent1, thousands } from "../core/format.ts";
import { periodLabel, previousPeriod, quarterKey, type Period } from "../core/periods.ts";
import { querySqlFile } from "../db/connection.ts";
import { z } from "zod";

export interface Figures {
  categories: number;
  /** distinct producers: the USCC when any of the producer's batches carries one, else the name */
  producers: number;
  /** sampled batches (抽样结果 已抽样) */
  batches: number;
  /** batches with a final conclusion: the rate's denominator */
  inspected: number;
  failed: number;
  /** non-conformity rate failed / inspected (null when nothing was inspected) */
  rate: number | null;
}

/** The channels in the order circulars list them (article 15). */
export const CHANNELS = ["生产", "流通", "电商"] as const;

export interface ChannelFigures extends Figures {
  channel: string;
  /** change of the rounded rate, in percentage points (null without a comparison figure) */
  changeVsPrevious: number | null;
  changeVsYearAgo: number | null;
}

export interface PeriodFigures extends Figures {
  period: Period;
  /** '2025年' or '2025年第三季度' */
  label: string;
  channels: ChannelFigures[];
}

export interface Headline extends PeriodFigures {
  /** the previous quarter, or for a year the previous year */
  previous: PeriodFigures;
  /** the same period a year before (for a year, the same as previous) */
  yearAgo: PeriodFigures;
  changeVsPrevious: number | null;
  changeVsYearAgo: number | null;
}

/**
 * Change in percentage points between the published (one-decimal) rates, so a reader can
 * check it by subtracting the two printed figures.
 */
export function changeInPoints(current: Figures, earlier: Figures): number | null {
  const now = percent1(current.failed, current.inspected);
  const before = percent1(earlier.failed, earlier.inspected);
  return now === null || before === null ? null : Math.round((now - before) * 10) / 10;
}

type Counts = Omit<Figures, "rate">;
const EMPTY: Counts = { categories: 0, producers: 0, batches: 0, inspected: 0, failed: 0 };
const withRate = ({ categories, producers, batches, inspected, failed }: Counts): Figures =>
  ({ categories, producers, batches, inspected, failed, rate: inspected > 0 ? failed / inspected : null });

/** One row of headline_by_channel.sql: a period, a scope (全部 or a channel) and its counts. */
const ScopeCountsSchema = z.object({
  period_key: z.string(), scope: z.string(),
  categories: z.number().int(), producers: z.number().int(), batches: z.number().int(), inspected: z.number().int(), failed: z.number().int(),
});

function periodFigures(rows: z.output<typeof ScopeCountsSchema>[], key: string, period: Period): PeriodFigures {
  const byScope = new Map(rows.filter((r) => r.period_key === key).map((r): [string, Counts] => [r.scope, r]));
  const others = [...byScope.keys()].filter((s) => s !== "全部" && !(CHANNELS as readonly string[]).includes(s)).sort();
  return {
    ...withRate(byScope.get("全部") ?? EMPTY),
    period,
    label: periodLabel(period),
    channels: [...CHANNELS, ...others].map((channel) => ({
      channel, ...withRate(byScope.get(channel) ?? EMPTY), changeVsPrevious: null, changeVsYearAgo: null,
    })),
  };
}

export async function computeHeadline(conn: DuckDBConnection, period: Period): Promise<Headline> {
  if (period.quarter !== undefined && ![1, 2, 3, 4].includes(period.quarter)) {
    throw new Error(`季度必须是 1–4，收到 ${period.quarter}`);
  }
  const before = previousPeriod(period);
  const yearAgoPeriod = period.quarter ? { year: period.year - 1, quarter: period.quarter } : before;
  const rows = await querySqlFile(conn, "loaders/analysis/headline_by_channel.sql", {
    current_year: period.year, current_quarter: quarterKey(period),
    previous_year: before.year, previous_quarter: quarterKey(before),
    year_ago_year: yearAgoPeriod.year, year_ago_quarter: quarterKey(yearAgoPeriod),
  }, ScopeCountsSchema);
  const current = periodFigures(rows, "current", period);
  const previous = periodFigures(rows, "previous", before);
  const yearAgo = periodFigures(rows, "year_ago", yearAgoPeriod);
  const find = (p: PeriodFigures, channel: string) => p.channels.find((c) => c.channel === channel) ?? withRate(EMPTY);
  current.channels = current.channels.map((c) => ({
    ...c,
    changeVsPrevious: changeInPoints(c, find(previous, c.channel)),
    changeVsYearAgo: changeInPoints(c, find(yearAgo, c.channel)),
  }));
  return {
    ...current, previous, yearAgo,
    changeVsPrevious: changeInPoints(current, previous),
    changeVsYearAgo: changeInPoints(current, yearAgo),
  };
}

const pct = (f: Figures) => countsPercentText(f.failed, f.inspected);

/**
 * The circular-style sentence, e.g. "2025年第三季度，共抽查32类产品1,234家企业的2,345批次产品，
 * 发现不合格产品210批次，不合格发现率为9.0%，比上季度下降0.8个百分点，比上年同期上升1.2个百分点。
 * 其中生产环节抽查800批次，不合格发现率为6.7%；……". When some sampled batches have no final
 * conclusion yet, it says how many have one, since the rate is taken on those.
 */
export function headlineSentence(h: Headline): string {
  if (h.batches === 0) return `${h.label}无已抽样批次。`;
  const parts = [`${h.label}，共抽查${thousands(h.categories)}类产品${thousands(h.producers)}家企业的${thousands(h.batches)}批次产品`];
  if (h.inspected === 0) return `${parts[0]}，尚无批次有最终检验结论。`;
  if (h.inspected !== h.batches) parts.push(`其中${thousands(h.inspected)}批次已有最终检验结论`);
  parts.push(`发现不合格产品${thousands(h.failed)}批次`, `不合格发现率为${pct(h)}`);
  const quarterly = Boolean(h.period.quarter);
  const vsPrevious = changePhrase(h.changeVsPrevious, quarterly ? "上季度" : "上年");
  if (vsPrevious) parts.push(vsPrevious);
  if (quarterly) {
    const vsYearAgo = changePhrase(h.changeVsYearAgo, "上年同期");
    if (vsYearAgo) parts.push(vsYearAgo);
  }
  const channelParts = h.channels.filter((c) => c.batches > 0).map((c) => {
    const pending = c.inspected !== c.batches ? `（${thousands(c.inspected)}批次已有最终结论）` : "";
    const rate = c.inspected > 0 ? `，不合格发现率为${pct(c)}` : "，尚无最终检验结论";
    return `${c.channel}环节抽查${thousands(c.batches)}批次${pending}${rate}`;
  });
  return `${parts.join("，")}。` + (channelParts.length ? `其中${channelParts.join("；")}。` : "");
}
