// Public disclosure gates P1–P4 (rules.md; articles 51, 52, 54, 58, 62, 75).
// The gate logic is SQL (disclosure_status.sql); this module runs it, persists it for the
// site (writeDisclosureTable), and assembles published rows (whitelisted, P4) and
// withheld rows (which gate holds each batch, why, and when that gate can pass).
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { query, querySqlFile, readSql, type Row } from "../db/connection.ts";
import { tableExists } from "../db/metadata.ts";
import { parseRows } from "../db/sql.ts";
import { toPublishedRow, type PublishedRow } from "./whitelist.ts";

export type { PublishedRow } from "./whitelist.ts";

const STATUS_SQL = "loaders/disclosure/disclosure_status.sql";
const FIELDS_SQL = "loaders/disclosure/public_fields.sql";

export type GateId = "P1" | "P2" | "P3";

/** What each holding gate means, for messages and the analysts' page. */
export const GATES: Record<GateId, { article: string; label: string }> = {
  P1: { article: "第六十二条", label: "未经同意公开" },
  P2: { article: "—", label: "不是检验结果行（未检验、终止抽样、拒检、无法抽样）" },
  P3: { article: "第五十二、五十四、五十八条", label: "结论尚未生效（异议期未满、异议处理中、未告知或已撤销）" },
};

const day = z.string().nullable();

/** One row of disclosure_status.sql (and of table disclosure_status). */
const DisclosureStatusRowSchema = z.object({
  sample_id: z.string(),
  published: z.boolean(),
  held_by: z.enum(["P1", "P2", "P3"]).nullable(),
  reason: z.string(),
  can_pass_on: day,
  as_of: z.string(),
  conclusion: z.string().nullable(),
  conclusion_by: z.string().nullable(),
  approved_on: day,
  final_on: day,
  served_on: day,
  objection_window_closes_on: day,
});

export type DisclosureStatusRow = z.output<typeof DisclosureStatusRowSchema>;

/** What a withheld row needs of its gate decision (withheld_rows.sql selects these of disclosure_status). */
const WithheldStatusSchema = DisclosureStatusRowSchema.pick({
  sample_id: true, held_by: true, reason: true, can_pass_on: true, conclusion: true, conclusion_by: true,
});

/** The descriptive fields of public_fields.sql a withheld row shows. */
const WithheldFieldsSchema = z.object({
  sample_id: z.string(), quarter: z.string(), product_category: z.string(), product_name: z.string(),
  producer_name: z.string(), sampled_name: z.string(), sampled_region: z.string(),
});

/** A batch held back, for analysts: no personal data, only public-safe descriptive fields. */
export interface WithheldRow {
  sample_id: string;
  quarter: string;
  product_category: string;
  product_name: string;
  producer_name: string;
  sampled_name: string;
  sampled_region: string;
  conclusion: string | null;
  conclusion_by: string | null;
  held_by: GateId;
  gate: string;
  reason: string;
  can_pass_on: string | null;
}

export interface Disclosure {
  asOf: string;
  published: PublishedRow[];
  withheld: WithheldRow[];
}

function withheldRow(f: z.output<typeof WithheldFieldsSchema>, status: z.output<typeof WithheldStatusSchema>): WithheldRow {
  const gate = GATES[status.held_by!];
  return {
    sample_id: status.sample_id,
    quarter: f.quarter,
    product_category: f.product_category,
    product_name: f.product_name,
    producer_name: f.producer_name,
    sampled_name: f.sampled_name,
    sampled_region: f.sampled_region,
    conclusion: status.conclusion,
    conclusion_by: status.conclusion_by,
    held_by: status.held_by!,
    gate: `${status.held_by} ${gate.label}（${gate.article}）`,
    reason: status.reason,
    can_pass_on: status.can_pass_on,
  };
}

function assemble(asOf: string, statusRows: DisclosureStatusRow[], fieldRows: Row[]): Disclosure {
  const fields = new Map(fieldRows.map((r) => [r.sample_id, r]));
  const published: PublishedRow[] = [];
  const withheld: WithheldRow[] = [];
  for (const status of statusRows) {
    const f = fields.get(status.sample_id);
    if (!f) continue; // a batch deleted since the table was written
    if (status.published) {
      published.push(toPublishedRow({ ...f, ...status }));
    } else {
      withheld.push(withheldRow(parseRows([f], WithheldFieldsSchema, FIELDS_SQL)[0], status));
    }
  }
  // the orders of the persisted lists (published_rows.sql, withheld_rows.sql)
  published.sort((a, b) => (a.sampling_date !== b.sampling_date ? (a.sampling_date < b.sampling_date ? 1 : -1) : a.sample_id < b.sample_id ? -1 : 1));
  withheld.sort((a, b) => (a.held_by !== b.held_by ? (a.held_by < b.held_by ? -1 : 1) : a.sample_id < b.sample_id ? -1 : 1));
  return { asOf, published, withheld };
}

/** The gate decision of every batch as of `asOf` (needs table calendar_days, persisted or TEMP). */
export async function computeDisclosureStatus(conn: DuckDBConnection, ctx: { asOf: string }): Promise<DisclosureStatusRow[]> {
  return querySqlFile(conn, STATUS_SQL, { as_of: ctx.asOf }, DisclosureStatusRowSchema);
}

/**
 * Published rows (whitelisted fields and final conclusion; newest sampling first) and withheld
 * batches (by holding gate, then sample id) as of `asOf`.
 */
export async function computeDisclosure(
  conn: DuckDBConnection,
  ctx: { asOf: string },
): Promise<{ published: PublishedRow[]; withheld: WithheldRow[] }> {
  const status = await querySqlFile(conn, STATUS_SQL, { as_of: ctx.asOf }, DisclosureStatusRowSchema);
  const { published, withheld } = assemble(ctx.asOf, status, await querySqlFile(conn, FIELDS_SQL));
  return { published, withheld };
}

/**
 * Writer (refresh step 5): CREATE OR REPLACE TABLE disclosure_status(sample_id, published,
 * held_by, reason, can_pass_on, as_of, conclusion, conclusion_by, approved_on, final_on,
 * served_on, objection_window_closes_on). Runs after writeCalendarTable.
 */
export async function writeDisclosureTable(conn: DuckDBConnection, ctx: { asOf: string }): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE disclosure_status AS ${readSql(STATUS_SQL)}`, { as_of: ctx.asOf });
}

/** View public_fields (TEMP, so it works on a READ_ONLY connection): the whitelisted descriptive fields of every batch. */
export async function createPublicFieldsView(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP VIEW public_fields AS ${readSql(FIELDS_SQL)}`);
}

/** The as-of date of the persisted decisions; a clear error when the refresh has not written them. */
export async function persistedAsOf(conn: DuckDBConnection): Promise<string> {
  if (!(await tableExists(conn, "disclosure_status"))) {
    throw new Error("数据库中没有 disclosure_status 表：请先运行 `npx spotcheck refresh`（或重新导入）以按截止日期计算公开闸门");
  }
  // the as-of date stamped in the table itself (a test may write it without a refresh's meta)
  return (await query(conn, "SELECT max(as_of) AS as_of FROM disclosure_status", undefined, z.object({ as_of: z.string() })))[0].as_of;
}

/**
 * The persisted published rows (what the refresh decided), whitelisted (P4): the public pages
 * show exactly the gate decisions the CLI and the analysts see. Needs view public_fields.
 */
export async function readPublished(conn: DuckDBConnection, filter: { category?: string; year?: string } = {}): Promise<PublishedRow[]> {
  const rows = await querySqlFile(conn, "loaders/disclosure/published_rows.sql", { category: filter.category ?? null, year: filter.year ?? null });
  return rows.map(toPublishedRow);
}

/** The persisted withheld batches. Needs view public_fields. */
export async function readWithheld(conn: DuckDBConnection): Promise<WithheldRow[]> {
  const file = "loaders/disclosure/withheld_rows.sql";
  const rows = await querySqlFile(conn, file);
  return rows.map((r) => withheldRow(parseRows([r], WithheldFieldsSchema, file)[0], parseRows([r], WithheldStatusSchema, file)[0]));
}

/** Both lists as persisted, like computeDisclosure computes them. */
export async function readDisclosure(conn: DuckDBConnection): Promise<Disclosure> {
  const asOf = await persistedAsOf(conn);
  await createPublicFieldsView(conn);
  return { asOf, published: await readPublished(conn), withheld: await readWithheld(conn) };
}
