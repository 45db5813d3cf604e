// Whether the persisted derived tables (flags, audit_findings, disclosure_status, …) follow
// the data. Table metadata, so it lives with the database: every READ_ONLY reader checks it
// when it opens (openForReading), the one writer (ingest, the site build) checks it to decide
// whether to refresh. The recompute itself is loaders/refresh/.
//
// Derived tables follow the data (loaders/README.md): the refresh records in meta
// ('derived_from') what it computed them from — a fingerprint of ingest_log and the row
// counts of batches and events — in the same transaction as the tables. derivedTablesState
// compares that record with the data now.
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { persistentTables, readMetaValues } from "./metadata.ts";
import { querySqlFile } from "./sql.ts";

/** Every table the refresh writes (loaders/refresh/: writeFlagsTable writes three). */
export const DERIVED_TABLES = [
  "calendar_days", "flags", "funnel_points", "funnel_targets", "catalogue_draft", "audit_findings", "disclosure_status",
] as const;

/** What the derived tables are computed from (ingested_data_fingerprint.sql). */
const DataFingerprintSchema = z.object({
  files: z.number().int(),
  last_ingest_id: z.number().int(),
  ingest_log_sha256: z.string(),
  batches: z.number().int(),
  events: z.number().int(),
});

export type DataFingerprint = z.output<typeof DataFingerprintSchema>;

export async function dataFingerprint(conn: DuckDBConnection): Promise<DataFingerprint> {
  const [row] = await querySqlFile(conn, "loaders/db/ingested_data_fingerprint.sql", undefined, DataFingerprintSchema);
  return row;
}

export interface DerivedTablesState {
  /**
   * fresh: every derived table exists and was computed from the data as it is now;
   * stale: they exist but were computed from other data (or say not from what);
   * missing: some or all of them do not exist.
   */
  state: "fresh" | "stale" | "missing";
  /** why, in a plain Chinese sentence (empty when fresh) */
  reason: string;
  /** files in ingest_log now: 0 for a database no ingest has written */
  ingestedFiles: number;
  /** the derived tables that exist */
  presentTables: string[];
  /** the as-of date and catalogue year the existing derived tables were computed for */
  asOf: string | null;
  catalogueYear: number | null;
}

const BASE_TABLES = ["batches", "events", "ingest_log", "meta"];

/** Whether the persisted derived tables match the data. Works on a READ_ONLY connection. */
export async function derivedTablesState(conn: DuckDBConnection): Promise<DerivedTablesState> {
  const tables = await persistentTables(conn);
  const presentTables = DERIVED_TABLES.filter((t) => tables.has(t));
  const absentTables = DERIVED_TABLES.filter((t) => !tables.has(t));
  const base = { presentTables, asOf: null, catalogueYear: null };
  if (!BASE_TABLES.every((t) => tables.has(t))) {
    return { ...base, state: "missing", reason: "数据库中还没有数据表（尚未导入任何文件）", ingestedFiles: 0 };
  }
  const now = await dataFingerprint(conn);
  const meta = await readMetaValues(conn, ["derived_from", "as_of", "catalogue_year"]);
  const known = { ...base, ingestedFiles: now.files, asOf: meta.get("as_of") ?? null,
    catalogueYear: meta.has("catalogue_year") ? Number(meta.get("catalogue_year")) : null };
  if (absentTables.length === DERIVED_TABLES.length) {
    return { ...known, state: "missing",
      reason: now.files > 0 ? `已导入 ${now.files} 个文件，但还没有计算过派生表（导入结束时的重算没有完成或被跳过）` : "尚未计算派生表" };
  }
  if (absentTables.length > 0) {
    return { ...known, state: "missing", reason: `缺少派生表 ${absentTables.join("、")}` };
  }
  const recorded = parseRecord(meta.get("derived_from"));
  if (!recorded) {
    return { ...known, state: "stale", reason: "派生表没有记录它们是按哪些数据计算的（由旧版本写入），无法确认与数据一致" };
  }
  const differences = describeDifferences(recorded, now);
  if (differences) return { ...known, state: "stale", reason: differences };
  return { ...known, state: "fresh", reason: "" };
}

function parseRecord(text: string | undefined): DataFingerprint | null {
  if (text === undefined) return null;
  try {
    const parsed = DataFingerprintSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // unreadable: as good as no record
  }
}

function describeDifferences(then: DataFingerprint, now: DataFingerprint): string {
  if (now.last_ingest_id > then.last_ingest_id) {
    const since = now.last_ingest_id === then.last_ingest_id + 1 ? `${now.last_ingest_id}` : `${then.last_ingest_id + 1}–${now.last_ingest_id}`;
    return `派生表是按第 ${then.last_ingest_id} 次导入为止的数据计算的，此后又导入了 ${now.files - then.files} 个文件（第 ${since} 次导入）`;
  }
  const changed = (Object.keys(now) as (keyof DataFingerprint)[]).filter((k) => now[k] !== then[k]);
  if (changed.length === 0) return "";
  return `派生表计算之后数据已被改动（${changed.map((k) => `${k}: ${then[k]} → ${now[k]}`).join("；")}）`;
}

/**
 * Whether a command must not use the derived tables as they are: anything but fresh —
 * except a database no ingest has written that holds no derived table at all (a
 * hand-built database, such as the tests' fixtures): there nothing was ingested for the
 * refresh to follow and nothing derived can be read wrongly; readers show "未计算".
 */
export function needsRefresh(state: DerivedTablesState): boolean {
  if (state.state === "fresh") return false;
  return !(state.state === "missing" && state.ingestedFiles === 0 && state.presentTables.length === 0);
}

/** A reader met derived tables that do not match the data. */
export class DerivedTablesNotFresh extends Error {
  constructor(readonly dbPath: string, readonly derived: DerivedTablesState) {
    super(
      `数据库 ${dbPath} 中的派生表（问题标记、重点目录草案、程序审计、公开闸门）${derived.state === "missing" ? "不完整" : "已过期"}：` +
        `${derived.reason}。\n为免读到与数据不符的结果，本命令不再继续。请先运行 \`npx spotcheck refresh --db ${dbPath}\` 重新计算` +
        `（或再次运行 \`npx spotcheck ingest\`：即使文件未变，它也会补算派生表）。`,
    );
    this.name = "DerivedTablesNotFresh";
  }
}

/** Throws DerivedTablesNotFresh unless the derived tables may be read (see needsRefresh). */
export async function assertDerivedTablesFresh(conn: DuckDBConnection, dbPath: string): Promise<DerivedTablesState> {
  const state = await derivedTablesState(conn);
  if (needsRefresh(state)) throw new DerivedTablesNotFresh(dbPath, state);
  return state;
}
