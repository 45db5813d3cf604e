// A producer's record (issue 14): who the producer is, every batch of it with its final
// conclusion and how that became final, each batch's lifecycle steps, the audit findings on
// its batches, the problem flags whose cell holds one of them, and whether it is a repeat
// offender (跟踪抽查仍不合格, repeat-offenders.ts). A producer is its 统一社会信用代码 when its
// batches carry one, else its name: the identity repeat_offenders.sql and the flags use.
// The queries are producer_*.sql; each takes one producer or all (the workbench export
// writes every producer's record, so each query runs once for all of them, not once each).
// Audit findings, flags and publication come from the persisted derived tables (the last
// refresh); a table not written yet gives nothing (and `derived` says which were there).
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { UsageError } from "../core/errors.ts";
import { querySqlFile } from "../db/sql.ts";
import { tableExists } from "../db/metadata.ts";
import { computeRepeatOffenders, type RepeatOffender } from "./repeat-offenders.ts";

const count = z.number().int();
const day = z.string().nullable();

const CandidateSchema = z.object({
  producer_id: z.string(), producer_uscc: z.string().nullable(), producer_name: z.string(),
  names: z.array(z.string()), batches: count, last_sampling_date: z.string(),
});
export type ProducerCandidate = z.output<typeof CandidateSchema>;

const IdentitySchema = z.object({
  /** the USCC, or "name:<producer name>" when its batches carry none */
  producer_id: z.string(),
  producer_uscc: z.string().nullable(),
  /** the name on its latest batch */
  producer_name: z.string(),
  /** every name its batches were written under */
  names: z.array(z.string()),
  producer_address: z.string().nullable(),
  /** a region's name, or 市外:<省份> */
  producer_region: z.string().nullable(),
  producer_scope: z.enum(["市内", "市外"]).nullable(),
  batches: count, concluded: count, failed: count,
  first_sampling_date: z.string(), last_sampling_date: z.string(),
});
export type ProducerIdentity = z.output<typeof IdentitySchema>;

const BatchSchema = z.object({
  producer_id: z.string(),
  sample_id: z.string(), task_id: z.string(), product_category: z.string(), product_name: z.string(),
  brand: z.string().nullable(), model: z.string().nullable(), sampling_date: z.string(), quarter: z.string(),
  level: z.string(), kind: z.string(), channel: z.string(), sampled_name: z.string(), sampled_region: z.string(),
  outcome: z.string(), report_date: day, initial_conclusion: z.string().nullable(),
  final_conclusion: z.enum(["合格", "不合格"]).nullable(), final_by: z.enum(["初检", "复检"]).nullable(), revoked: z.boolean(),
  /** in words: 初检结论（报告 …）, 复检结论为准（…，第五十八条）, 异议成立，初检结论撤销（…，第五十四条） */
  how_final: z.string(),
  failed_items: z.array(z.string()), initial_failed_items: z.array(z.string()), serious: z.boolean(),
});

const EventSchema = z.object({
  producer_id: z.string(), sample_id: z.string(), event: z.string(), date: z.string(), result: z.string().nullable(), agency: z.string().nullable(),
});

const FindingSchema = z.object({
  producer_id: z.string(), sample_id: z.string(), rule: z.string(), article: count,
  severity: z.string(), status: z.enum(["violation", "open"]), due: day,
  days_over: count.nullable(), days_left: count.nullable(), sentence: z.string(),
});

const FlagSchema = z.object({
  producer_id: z.string(), rule: z.enum(["regional", "industry", "item"]), period: z.string(), product_category: z.string(),
  region_code: z.string().nullable(), region_name: z.string().nullable(), item: z.string().nullable(),
  inspected: count, failed: count, rate: z.number(), q: z.number(), sentence: z.string(),
  /** the producer's batches in the flag's cell */
  sample_ids: z.array(z.string()),
});

const PublicationSchema = z.object({ sample_id: z.string(), published: z.boolean(), held_by: z.string().nullable() });

type Without<T> = Omit<T, "producer_id">;
export type ProducerEvent = Without<z.output<typeof EventSchema>>;
export type ProducerFinding = Without<z.output<typeof FindingSchema>>;
export type ProducerFlag = Without<z.output<typeof FlagSchema>>;
export type ProducerBatch = Without<z.output<typeof BatchSchema>> & {
  events: Omit<ProducerEvent, "sample_id">[];
  /** null when the disclosure table has not been written; else whether every publication gate passed (article 62) and the first gate holding it */
  published: boolean | null;
  held_by: string | null;
};

export interface ProducerRecord {
  as_of: string;
  producer: ProducerIdentity;
  batches: ProducerBatch[];
  findings: ProducerFinding[];
  flags: ProducerFlag[];
  /** one row per category in which it failed again after knowing of a first failure; none: not a repeat offender */
  repeat_offences: RepeatOffender[];
  /** which derived tables were there to read (the last refresh wrote them) */
  derived: { audit_findings: boolean; flags: boolean; disclosure_status: boolean };
}

function groupBy<T extends { producer_id: string }>(rows: T[]): Map<string, Without<T>[]> {
  const groups = new Map<string, Without<T>[]>();
  for (const { producer_id, ...rest } of rows) {
    let list = groups.get(producer_id);
    if (!list) groups.set(producer_id, (list = []));
    list.push(rest);
  }
  return groups;
}

/**
 * The records of one producer (`producerId`) or of every producer (undefined), as of `asOf`:
 * batches sampled by that day, events dated by it.
 */
export async function readProducerRecords(conn: DuckDBConnection, { asOf, producerId }: { asOf: string; producerId?: string }): Promise<ProducerRecord[]> {
  const params = { as_of: asOf, producer_id: producerId ?? null };
  const derived = {
    audit_findings: await tableExists(conn, "audit_findings"),
    flags: (await tableExists(conn, "flags")) && (await tableExists(conn, "funnel_points")),
    disclosure_status: await tableExists(conn, "disclosure_status"),
  };
  const identities = await querySqlFile(conn, "loaders/analysis/producer_identities.sql", params, IdentitySchema);
  const batches = groupBy(await querySqlFile(conn, "loaders/analysis/producer_batches.sql", params, BatchSchema));
  const events = groupBy(await querySqlFile(conn, "loaders/analysis/producer_events.sql", params, EventSchema));
  const findings = derived.audit_findings ? groupBy(await querySqlFile(conn, "loaders/analysis/producer_audit_findings.sql", params, FindingSchema)) : new Map();
  const flags = derived.flags ? groupBy(await querySqlFile(conn, "loaders/analysis/producer_flags.sql", params, FlagSchema)) : new Map();
  const publication = derived.disclosure_status
    ? new Map((await querySqlFile(conn, "loaders/analysis/producer_publication.sql", params, PublicationSchema)).map((p) => [p.sample_id, p]))
    : null;
  const repeats = new Map<string, RepeatOffender[]>();
  for (const r of await computeRepeatOffenders(conn, { asOf })) {
    if (producerId !== undefined && r.producer_id !== producerId) continue;
    repeats.set(r.producer_id, [...(repeats.get(r.producer_id) ?? []), r]);
  }
  return identities.map((producer) => {
    const stepsBySample = new Map<string, Omit<ProducerEvent, "sample_id">[]>();
    for (const { sample_id, ...step } of events.get(producer.producer_id) ?? []) {
      stepsBySample.set(sample_id, [...(stepsBySample.get(sample_id) ?? []), step]);
    }
    return {
      as_of: asOf,
      producer,
      batches: (batches.get(producer.producer_id) ?? []).map((b) => {
        const p = publication?.get(b.sample_id);
        return { ...b, events: stepsBySample.get(b.sample_id) ?? [], published: publication ? (p?.published ?? false) : null, held_by: p?.held_by ?? null };
      }),
      findings: findings.get(producer.producer_id) ?? [],
      flags: flags.get(producer.producer_id) ?? [],
      repeat_offences: repeats.get(producer.producer_id) ?? [],
      derived,
    };
  });
}

/** The producers a USCC, a name (exact) or a producer id names, as of `asOf`. */
export function findProducers(conn: DuckDBConnection, { query, asOf }: { query: string; asOf: string }): Promise<ProducerCandidate[]> {
  return querySqlFile(conn, "loaders/analysis/producer_candidates.sql", { query, as_of: asOf }, CandidateSchema);
}

/** How a candidate is told apart in a message: its USCC, or that it has none. */
export function candidateLine(c: ProducerCandidate): string {
  const names = c.names.length > 1 ? `（亦作：${c.names.filter((n) => n !== c.producer_name).join("、")}）` : "";
  const key = c.producer_uscc ? `统一社会信用代码 ${c.producer_uscc}` : `无统一社会信用代码，请用 ${c.producer_id}`;
  return `${c.producer_name}${names}：${key}，${c.batches} 批次，最近抽样 ${c.last_sampling_date}`;
}

/**
 * The record of the one producer `query` names. None: a UsageError saying so. A name that
 * belongs to several producers (namesakes, or batches with and without a USCC): a UsageError
 * listing each, to be asked again by its USCC (or its name:… id).
 */
export async function computeProducerRecord(conn: DuckDBConnection, { query, asOf }: { query: string; asOf: string }): Promise<ProducerRecord> {
  const wanted = query.trim();
  if (!wanted) throw new UsageError("需要统一社会信用代码或企业名称，例如 spotcheck producer 91500000MA5U0A0A0A");
  const candidates = await findProducers(conn, { query: wanted, asOf });
  if (candidates.length === 0) {
    throw new UsageError(`截至 ${asOf}，没有统一社会信用代码或标称生产者名称为“${wanted}”的批次（名称须与抽样单上的写法完全一致）。`);
  }
  if (candidates.length > 1) {
    throw new UsageError(`“${wanted}”对应 ${candidates.length} 个生产者，请用统一社会信用代码（或 name:名称）指定其中一个：\n` +
      candidates.map((c, i) => `  ${i + 1}. ${candidateLine(c)}`).join("\n"));
  }
  const [record] = await readProducerRecords(conn, { asOf, producerId: candidates[0].producer_id });
  return record;
}
