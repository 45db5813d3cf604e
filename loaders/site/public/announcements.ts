// /public/ (抽查结果公告): one announcement per sampling quarter, written the way the
// Chongqing bureau writes its result notices — headline figures, then one paragraph per
// product: "共抽查了13个区县的39批次产品，发现2批次产品不合格，不合格发现率为5.1%，不合格项目为……".
// Figures count published batches only (every gate passed, rules.md).
import type { DuckDBConnection } from "@duckdb/node-api";
import { changePhrase, oneDecimal, percentText } from "../../core/format.ts";
import { previousQuarter, quarterLabelWithDigit } from "../../core/periods.ts";
import { z } from "zod";
import { querySqlFile } from "../../db/sql.ts";
import type { PublicContext } from "./public-context.ts";

export interface Figures {
  batches: number;
  failed: number;
  rate: number;
  decided_by_recheck: number;
  regions: number;
  producers: number;
  categories: number;
}

/** Figures plus the day the newest result of the group was approved or became final. */
export interface CountRow extends Figures { quarter: string | null; product_category: string | null; updated: string }
export interface ItemRow { quarter: string | null; product_category: string | null; item: string; batches: number }

export interface CategoryParagraph extends Figures {
  product_category: string;
  failed_items: { item: string; batches: number }[];
  sentence: string;
}

export interface Announcement {
  quarter: string;
  title: string;
  /** the day the newest result in it was approved or became final: the announcement's date */
  updated: string;
  figures: Figures;
  /** change of the 不合格发现率 against the previous quarter, in percentage points (null: no previous quarter) */
  change_pp: number | null;
  headline: string;
  categories: CategoryParagraph[];
}

/** The title of a quarter's 抽查结果通告: its page's <h1>, its feed entry, and how a result page cites it. */
export function announcementTitle(quarter: string): string {
  return `${quarterLabelWithDigit(quarter)}产品质量监督抽查结果`;
}

function categorySentence(c: Figures, items: { item: string }[]): string {
  const base = `共抽查了${c.regions}个区县的${c.batches}批次产品，`;
  if (c.failed === 0) return base + "未发现不合格产品。";
  return base + `发现${c.failed}批次产品不合格，不合格发现率为${percentText(c.rate)}` +
    (items.length ? `，不合格项目为${items.map((i) => i.item).join("、")}。` : "。");
}

function headline(quarter: string, f: Figures, change: number | null): string {
  const trend = change === null ? "" : `，${changePhrase(change, "上季度")}`;
  return `${quarterLabelWithDigit(quarter)}，已公开${f.categories}类产品${f.batches}批次的抽查结果，涉及${f.producers}家生产企业、${f.regions}个区县；` +
    `发现${f.failed}批次不合格，不合格发现率为${percentText(f.rate)}${trend}。` +
    (f.decided_by_recheck ? `其中${f.decided_by_recheck}批次的结论由复检作出（第五十八条）。` : "");
}

const figures = (r: Figures): Figures => ({
  batches: r.batches, failed: r.failed, rate: r.rate, decided_by_recheck: r.decided_by_recheck,
  regions: r.regions, producers: r.producers, categories: r.categories,
});

const count = z.number().int().nonnegative();
const CountRowSchema = z.object({
  quarter: z.string().nullable(), product_category: z.string().nullable(), updated: z.string(),
  batches: count, failed: count, rate: z.number(), decided_by_recheck: count, regions: count, producers: count, categories: count,
});
const ItemRowSchema = z.object({ quarter: z.string().nullable(), product_category: z.string().nullable(), item: z.string(), batches: count });

export async function publishedCounts(conn: DuckDBConnection): Promise<{ counts: CountRow[]; items: ItemRow[] }> {
  return {
    counts: await querySqlFile(conn, "loaders/disclosure/published_counts.sql", {}, CountRowSchema),
    items: await querySqlFile(conn, "loaders/disclosure/published_failed_items.sql", {}, ItemRowSchema),
  };
}

export type PublishedCounts = Awaited<ReturnType<typeof publishedCounts>>;

/** Newest quarter first. `published` (the counts, computed once per export) is read when not given. */
export async function buildAnnouncements({ conn, asOf }: PublicContext, published?: PublishedCounts): Promise<{ as_of: string; overall: Figures | null; announcements: Announcement[] }> {
  const { counts, items } = published ?? await publishedCounts(conn);
  const quarterRows = counts.filter((r) => r.quarter !== null && r.product_category === null);
  const announcements = quarterRows.map((q, i): Announcement => {
    // the quarter just before, if it has published results (rows are in ascending order)
    const previous = i > 0 && quarterRows[i - 1].quarter === previousQuarter(q.quarter!) ? quarterRows[i - 1] : null;
    const change = previous ? Number(oneDecimal((q.rate - previous.rate) * 100)) : null;
    const categories = counts
      .filter((r) => r.quarter === q.quarter && r.product_category !== null)
      .map((c) => {
        const failed = items.filter((it) => it.quarter === q.quarter && it.product_category === c.product_category).map(({ item, batches }) => ({ item, batches }));
        return { product_category: c.product_category!, ...figures(c), failed_items: failed, sentence: categorySentence(c, failed) };
      });
    return {
      quarter: q.quarter!,
      title: announcementTitle(q.quarter!),
      updated: q.updated,
      figures: figures(q),
      change_pp: change,
      headline: headline(q.quarter!, q, change),
      categories,
    };
  });
  const overall = counts.find((r) => r.quarter === null && r.product_category === null);
  return { as_of: asOf, overall: overall ? figures(overall) : null, announcements: announcements.reverse() };
}
