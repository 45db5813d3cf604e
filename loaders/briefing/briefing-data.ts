// One quarter's briefing for leadership, from the same tables as the workbench: the
// circular-style headline (loaders/analysis/headline.ts — one sentence generator for the
// whole platform), rates with intervals, the problem flags (article 72), statutory steps
// missed by region (audit findings), the follow-up of earlier failures (articles 65–67), and
// the producers that failed again after a first failure (跟踪抽查仍不合格, issue 14).
// The quarterly trend is not here: every briefing page reads it from the index of quarters
// (loaders/site/briefing/briefings.ts), computed once for all of them.
import type { DuckDBConnection } from "@duckdb/node-api";
import { parseQuarter, quarterDates } from "../core/periods.ts";
import { z } from "zod";
import { readPublicationConfig, type PublicationConfig } from "../core/config.ts";
import { query, querySqlFile, type Row } from "../db/connection.ts";
import { readAsOf, tableExists } from "../db/metadata.ts";
import { CHANNELS, computeHeadline, headlineSentence, type Headline } from "../analysis/headline.ts";
import { computeRates, type RateRow } from "../analysis/rates.ts";
import { computeRepeatOffenders, type RepeatOffender } from "../analysis/repeat-offenders.ts";

/** How many categories the "highest rates" chart shows. */
const TOP_CATEGORIES = 10;

const count = z.number().int();

/** One row of briefing_followup.sql: a region (or 全市) and how far its earlier failures got. */
const FollowupRowSchema = z.object({
  region_code: z.string().nullable(),
  region_name: z.string(),
  failures: count, ordered: count, rectified: count, rechecked: count,
  recheck_passed: count, recheck_failed: count, announced: count, not_ordered: count,
});

export type FollowupRow = z.output<typeof FollowupRowSchema>;

/** briefing_outcomes.sql: batches of the quarter that were not inspected, by why. */
const OutcomesSchema = z.object({ refused: count, terminated: count, unavailable: count });

/**
 * What heads the briefing as a document sent up (issue 12, item 7), from spotcheck.config.json:
 * its 文号, its date, its issuing office and its circulation mark.
 */
export interface BriefingDocument {
  /** 发文字号: prefix〔year〕N号, N the quarter (one issue a quarter) — GB/T 9704-2012 §7.2.5: the year
   *  in full in 六角括号, the number in Arabic numerals without 第 and without a leading zero */
  number: string;
  /** the document's date, YYYY-MM-DD (see briefingDocument) */
  date: string;
  /** the same date as printed: 2025年12月31日 (GB/T 9704-2012 §7.3.5.1: Arabic numerals, month and day without a leading zero) */
  date_text: string;
  /** 内部资料 注意保存 or the like, on the first page and in every page's running header */
  mark: string;
  publisher: string;
}

/**
 * The briefing's 文号 and date. The date is the as-of date of the derived tables (the audit's
 * overdue steps and the problem flags are judged as of that day, rules.md), so it is the day
 * the briefing's figures stand on; before the derived tables exist there is no such day and
 * the quarter's last day, the last day of its sampling, stands in.
 */
export function briefingDocument(quarter: string, asOf: string | null, config: { briefing: PublicationConfig["briefing"]; publisher: Pick<PublicationConfig["publisher"], "name"> }): BriefingDocument {
  const period = parseQuarter(quarter);
  const date = asOf ?? quarterDates(period).end;
  const [year, month, day] = date.split("-").map(Number);
  return {
    number: `${config.briefing.docNumberPrefix}〔${period.year}〕${period.quarter}号`,
    date,
    date_text: `${year}年${month}月${day}日`,
    mark: config.briefing.mark,
    publisher: config.publisher.name,
  };
}

export interface BriefingData {
  quarter: string;
  document: BriefingDocument;
  label: string;
  quarter_start: string;
  quarter_end: string;
  as_of: string | null;
  headline: Headline;
  sentence: string;
  /** refusals etc. in a second sentence, as circulars report them */
  outcome_sentence: string | null;
  channel_rates: RateRow[];
  /** the categories whose rate is credibly highest: sorted by the interval's lower bound */
  top_categories: RateRow[];
  region_rates: RateRow[];
  flags_period: string;
  /** null when the flags table has not been written yet */
  flags: Row[] | null;
  overdue_by_region: Row[] | null;
  followup_from: string;
  followup: FollowupRow[];
  /** 跟踪抽查仍不合格: the producers (per category) that became repeat offenders in the quarter (see newRepeatOffenders) */
  repeat_offenders: RepeatOffender[];
  /** all repeat offenders (producer × category) as of the quarter's end, the new ones included */
  repeat_offenders_total: number;
}

/** First and last day of a quarter, and the first day four quarters earlier (ISO dates). */
export function quarterBounds(quarter: string): { start: string; end: string; followupFrom: string } {
  const period = parseQuarter(quarter);
  const { start, end } = quarterDates(period);
  return { start, end, followupFrom: quarterDates({ year: period.year - 1, quarter: period.quarter }).start };
}

function channelRank(channel: string | null | undefined): number {
  const i = (CHANNELS as readonly string[]).indexOf(String(channel));
  return i < 0 ? CHANNELS.length : i;
}

export function outcomeSentence(counts: { refused: number; terminated: number; unavailable: number }): string | null {
  const parts = [
    counts.refused ? `${counts.refused}批次被抽样单位拒绝抽样（拒检）` : null,
    counts.terminated ? `${counts.terminated}批次终止抽样` : null,
    counts.unavailable ? `${counts.unavailable}批次无样品可抽（无法抽样）` : null,
  ].filter(Boolean);
  return parts.length ? `另有${parts.join("，")}，不计入上述批次。` : null;
}

/**
 * The repeat offenders new in the quarter: those on the list as of the quarter's last day and
 * not on it as of the day before the quarter began — each producer and category is reported
 * once, in the briefing of the quarter it became one, as the data then stood. Why not "all as
 * of the quarter's end": that list only grows, and the same producers would fill every
 * briefing; why not "repeat failure sampled in the quarter": a repeat sampled late in a
 * quarter and reported in the next (the list counts a failure once reported, articles 49, 51)
 * would fall in no briefing. The total as of the quarter's end is given beside it.
 */
export async function newRepeatOffenders(conn: DuckDBConnection, quarter: string): Promise<{ rows: RepeatOffender[]; total: number }> {
  const { start, end } = quarterBounds(quarter);
  const dayBefore = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const key = (r: RepeatOffender) => `${r.producer_id}\u0001${r.product_category}`;
  const known = new Set((await computeRepeatOffenders(conn, { asOf: dayBefore })).map(key));
  const now = await computeRepeatOffenders(conn, { asOf: end });
  return { rows: now.filter((r) => !known.has(key(r))), total: now.length };
}

export async function listBriefingQuarters(conn: DuckDBConnection): Promise<string[]> {
  const rows = await query(conn, "SELECT DISTINCT quarter FROM batch_results ORDER BY quarter", undefined, z.object({ quarter: z.string() }));
  return rows.map((r) => r.quarter);
}

/**
 * What every quarter's briefing reads the same way, computed once for all quarters (the site
 * export builds a briefing per quarter): the as-of date, whether the derived tables exist, and
 * the rates by channel, category and region grouped by quarter in one query each — the same
 * rows computeRates gives for one quarter (grouping by quarter as well as by X, then keeping
 * one quarter, is filtering by that quarter and grouping by X; the order is by X either way).
 */
export interface BriefingShared {
  asOf: string | null;
  flagsTable: boolean;
  auditTable: boolean;
  rates: Record<"channel" | "product_category" | "sampled_region", Map<string, RateRow[]>>;
}

export async function briefingShared(conn: DuckDBConnection): Promise<BriefingShared> {
  const byQuarter = async (dimension: "channel" | "product_category" | "sampled_region") => {
    const groups = new Map<string, RateRow[]>();
    for (const { quarter, ...row } of await computeRates(conn, { by: ["quarter", dimension] })) {
      const key = String(quarter);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(row as RateRow);
    }
    return groups;
  };
  return {
    asOf: await readAsOf(conn),
    flagsTable: await tableExists(conn, "flags"),
    auditTable: await tableExists(conn, "audit_findings"),
    rates: { channel: await byQuarter("channel"), product_category: await byQuarter("product_category"), sampled_region: await byQuarter("sampled_region") },
  };
}

/** One quarter's briefing; `shared` (briefingShared) when several quarters are built on one connection. */
export async function buildBriefing(conn: DuckDBConnection, quarter: string, shared?: BriefingShared): Promise<BriefingData> {
  const period = parseQuarter(quarter);
  const bounds = quarterBounds(quarter);
  const headline = await computeHeadline(conn, period);
  const [outcomes] = await querySqlFile(conn, "loaders/briefing/briefing_outcomes.sql", {
    quarter_start: bounds.start, quarter_end: bounds.end,
  }, OutcomesSchema);
  const rates = (dimension: keyof BriefingShared["rates"]) => (shared
    ? Promise.resolve(shared.rates[dimension].get(quarter) ?? [])
    : computeRates(conn, { by: [dimension], quarter }));
  const categories = await rates("product_category");
  const dates = { quarter_start: bounds.start, quarter_end: bounds.end };
  const asOf = shared ? shared.asOf : await readAsOf(conn);
  const repeats = await newRepeatOffenders(conn, quarter);
  return {
    quarter,
    document: briefingDocument(quarter, asOf, readPublicationConfig()),
    label: headline.label,
    ...dates,
    as_of: asOf,
    headline,
    sentence: headlineSentence(headline),
    outcome_sentence: outcomeSentence(outcomes),
    // in the order circulars list channels (article 15)
    channel_rates: (await rates("channel"))
      .sort((a, b) => channelRank(a.channel) - channelRank(b.channel)),
    top_categories: categories
      .filter((r) => r.failed > 0)
      .sort((a, b) => b.ci_low - a.ci_low || b.rate - a.rate)
      .slice(0, TOP_CATEGORIES),
    region_rates: await rates("sampled_region"),
    flags_period: String(period.year),
    flags: (shared ? shared.flagsTable : await tableExists(conn, "flags"))
      ? await querySqlFile(conn, "loaders/briefing/briefing_flags.sql", { period: String(period.year) })
      : null,
    overdue_by_region: (shared ? shared.auditTable : await tableExists(conn, "audit_findings"))
      ? await querySqlFile(conn, "loaders/briefing/briefing_overdue_by_region.sql", dates)
      : null,
    followup_from: bounds.followupFrom,
    followup: await querySqlFile(conn, "loaders/briefing/briefing_followup.sql", {
      ...dates, followup_from: bounds.followupFrom,
    }, FollowupRowSchema),
    repeat_offenders: repeats.rows,
    repeat_offenders_total: repeats.total,
  };
}
