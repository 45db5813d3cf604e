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
