// 跟踪抽查仍不合格企业 (issue 14): producers that failed again in the same product category
// after they knew of a first failure — the list the national and provincial announcements
// carry as 跟踪抽查, and the bureau's follow-up list. The definition is in repeat_offenders.sql.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { querySqlFile } from "../db/sql.ts";

const RepeatOffenderSchema = z.object({
  /** the USCC, or "name:<producer name>" when the batches carry none */
  producer_id: z.string(),
  producer_name: z.string(),
  producer_uscc: z.string().nullable(),
  product_category: z.string(),
  first_sample_id: z.string(),
  first_sampling_date: z.string(),
  first_report_date: z.string(),
  first_failed_items: z.array(z.string()),
  repeat_sample_id: z.string(),
  repeat_sampling_date: z.string(),
  repeat_failed_items: z.array(z.string()),
  /** final 不合格 batches of this producer in this category, as of the day */
  failures: z.number().int().positive(),
  /** 责令整改 / 复查 / 社会公告 … on the first failure, "责令整改 2025-04-02" */
  bureau_actions: z.array(z.string()),
});

export type RepeatOffender = z.output<typeof RepeatOffenderSchema>;

export async function computeRepeatOffenders(conn: DuckDBConnection, { asOf }: { asOf: string }): Promise<RepeatOffender[]> {
  return querySqlFile(conn, "loaders/analysis/repeat_offenders.sql", { as_of: asOf }, RepeatOffenderSchema);
}

/** The rows as the terminal shows them (spotcheck repeat-offenders, and the briefing's text): Chinese headings, both batches in words. */
export function repeatOffenderTableRows(rows: readonly RepeatOffender[]): Record<string, string | number>[] {
  return rows.map((r) => ({
    标称生产者: r.producer_name, 统一社会信用代码: r.producer_uscc ?? "—", 产品类别: r.product_category,
    首次不合格: `${r.first_sample_id}（${r.first_sampling_date}，${r.first_failed_items.join("、")}）`,
    再次不合格: `${r.repeat_sample_id}（${r.repeat_sampling_date}，${r.repeat_failed_items.join("、")}）`,
    不合格次数: r.failures, 后续处置: r.bureau_actions.join("；") || "—",
  }));
}
