// Builders for ingest tests, written from shared/spec/data-contract.md (not from
// loaders/contract/columns.ts, so a renamed header or a dropped column is caught).
// A default row is valid in every column; a test changes one cell.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, query, type Database, type Params, type Row } from "../../loaders/db/connection.ts";
import { ingestFiles, type FileResult, type IngestSummary } from "../../loaders/ingest/ingest.ts";

/** The `batches` table of the data contract: key, 中文表头, required. */
export const BATCH_SPEC = [
  ["sample_id", "样品编号", true],
  ["task_id", "任务编号", true],
  ["plan_year", "计划年度", true],
  ["level", "抽查级别", true],
  ["kind", "抽查类型", true],
  ["organizer", "组织部门", true],
  ["product_category", "产品类别", true],
  ["product_name", "产品名称", true],
  ["brand", "商标", false],
  ["model", "规格型号", false],
  ["batch_no", "生产日期/批号", false],
  ["standard", "执行标准", false],
  ["producer_name", "标称生产者名称", true],
  ["producer_uscc", "标称生产者统一社会信用代码", false],
  ["producer_address", "标称生产者地址", false],
  ["producer_region", "标称生产者所在地", false],
  ["sampled_name", "被抽样单位名称", true],
  ["sampled_uscc", "被抽样单位统一社会信用代码", false],
  ["sampled_address", "被抽样单位地址", false],
  ["sampled_region", "被抽样单位所在区县", true],
  ["sampled_contact", "被抽样单位联系人", false],
  ["sampled_phone", "联系电话", false],
  ["channel", "抽样环节", true],
  ["platform", "电商平台", false],
  ["enterprise_size", "企业规模", false],
  ["sampling_date", "抽样日期", true],
  ["sampler_ids", "抽样人员编号", true],
  ["sampling_agency", "抽样机构", true],
  ["outcome", "抽样结果", true],
  ["onsite", "现场检验", false],
  ["inspection_agency", "检验机构", false],
  ["inspector_ids", "检验人员编号", false],
  ["report_no", "检验报告编号", false],
  ["report_date", "检验报告日期", false],
  ["conclusion", "检验结论", false],
  ["failed_items", "不合格项目", false],
  ["serious", "严重质量问题", false],
] as const;

/** The `events` table of the data contract. */
export const EVENT_SPEC = [
  ["sample_id", "样品编号", true],
  ["event", "事件", true],
  ["date", "日期", true],
  ["result", "结果", false],
  ["agency", "机构", false],
  ["note", "备注", false],
] as const;

export type BatchKey = (typeof BATCH_SPEC)[number][0];
export type EventKey = (typeof EVENT_SPEC)[number][0];
export type BatchRow = Record<BatchKey, string>;
export type EventRow = Record<EventKey, string>;

export const BATCH_KEYS: BatchKey[] = BATCH_SPEC.map(([key]) => key);
export const EVENT_KEYS: EventKey[] = EVENT_SPEC.map(([key]) => key);
export const BATCH_ZH: Record<BatchKey, string> = Object.fromEntries(BATCH_SPEC.map(([k, zh]) => [k, zh])) as Record<BatchKey, string>;
export const EVENT_ZH: Record<EventKey, string> = Object.fromEntries(EVENT_SPEC.map(([k, zh]) => [k, zh])) as Record<EventKey, string>;
export const REQUIRED_BATCH_KEYS: BatchKey[] = BATCH_SPEC.filter(([, , required]) => required).map(([key]) => key);
export const REQUIRED_EVENT_KEYS: EventKey[] = EVENT_SPEC.filter(([, , required]) => required).map(([key]) => key);

// GB 32100-2015: 统一社会信用代码. 31 characters (no I, O, S, V, Z); check character =
// (31 − Σ value×weight mod 31) mod 31 over the first 17 characters.
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error(`need 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** A valid code from its first 17 characters. */
export const validUscc = (first17: string): string => first17 + usccCheckCharacter(first17);

/** The same code with a wrong check character. */
export function wrongCheckUscc(first17: string): string {
  const right = usccCheckCharacter(first17);
  return first17 + (right === "0" ? "1" : "0");
}

export const PRODUCER_USCC = validUscc("91500112MA5U7KXQ0");
export const SAMPLED_USCC = validUscc("92500103L12345678");

/** A valid batches row: every column filled (optional ones too), each value allowed by the contract. */
export function batchRow(overrides: Partial<BatchRow> = {}): BatchRow {
  return {
    sample_id: "CQ2025-0001",
    task_id: "T-2025-001",
    plan_year: "2025",
    level: "市级",
    kind: "日常",
    organizer: "重庆市市场监督管理局",
    product_category: "电线电缆",
    product_name: "聚氯乙烯绝缘电缆",
    brand: "示例牌",
    model: "BV 2.5",
    batch_no: "2025-02",
    standard: "GB/T 5023.3-2008",
    producer_name: "重庆示例电缆有限公司",
    producer_uscc: PRODUCER_USCC,
    producer_address: "重庆市渝北区示例路1号",
    producer_region: "500112",
    sampled_name: "重庆示例五金经营部",
    sampled_uscc: SAMPLED_USCC,
    sampled_address: "重庆市渝中区示例街2号",
    sampled_region: "500103",
    sampled_contact: "张三",
    sampled_phone: "13800000000",
    channel: "流通",
    platform: "",
    enterprise_size: "小型",
    sampling_date: "2025-03-10",
    // 、 rather than ; so that the one test of the ; separator in a multi-row file stands alone
    // (papaparse's delimiter guessing once took ; for the CSV delimiter: see ingest.test.ts)
    sampler_ids: "S001、S002",
    sampling_agency: "重庆市质量检验检测研究院",
    outcome: "已抽样",
    onsite: "否",
    inspection_agency: "重庆市质量检验检测研究院",
    inspector_ids: "I001、I002",
    report_no: "R-2025-0001",
    report_date: "2025-03-25",
    conclusion: "合格",
    failed_items: "",
    serious: "否",
    ...overrides,
  };
}

export function eventRow(overrides: Partial<EventRow> = {}): EventRow {
  return { sample_id: "CQ2025-0001", event: "报告报送", date: "2025-03-26", result: "", agency: "", note: "", ...overrides };
}

/** RFC 4180 quoting, written here so the tests do not share the implementation's CSV library. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CsvOptions<K extends string> {
  /** which columns, in which order (default: all, contract order) */
  columns?: K[];
  /** header text per column: English keys (default), Chinese labels, or a function */
  header?: "en" | "zh" | ((key: K) => string);
  eol?: "\n" | "\r\n";
  /** extra columns outside the contract, appended: header -> value per row (same for every row) */
  extra?: Record<string, string>;
  /** no line break after the last record */
  noFinalEol?: boolean;
}

function toCsv<K extends string>(rows: Record<K, string>[], allKeys: K[], zh: Record<K, string>, options: CsvOptions<K>): string {
  const columns = options.columns ?? allKeys;
  const eol = options.eol ?? "\n";
  const label = options.header === "zh" ? (k: K) => zh[k] : typeof options.header === "function" ? options.header : (k: K) => k;
  const extras = Object.entries(options.extra ?? {});
  const lines = [[...columns.map(label), ...extras.map(([h]) => h)].map(csvField).join(",")];
  for (const row of rows) lines.push([...columns.map((c) => row[c]), ...extras.map(([, v]) => v)].map(csvField).join(","));
  return lines.join(eol) + (options.noFinalEol ? "" : eol);
}

export const batchesCsv = (rows: BatchRow[], options: CsvOptions<BatchKey> = {}) => toCsv(rows, BATCH_KEYS, BATCH_ZH, options);
export const eventsCsv = (rows: EventRow[], options: CsvOptions<EventKey> = {}) => toCsv(rows, EVENT_KEYS, EVENT_ZH, options);

// ---------------------------------------------------------------------------
// GB18030 encoding, with the WHATWG decoder (TextDecoder 'gb18030') as the oracle:
// the reverse map of every 2-byte code and every BMP 4-byte code is built by decoding
// them all; supplementary characters use the standard's linear four-byte mapping
// (U+10000 = 0x90308130) and are checked by decoding too.

let reverseMap: Map<string, number[]> | null = null;

function gb18030ReverseMap(): Map<string, number[]> {
  if (reverseMap) return reverseMap;
  const map = new Map<string, number[]>();
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const tryAdd = (bytes: number[]) => {
    let text: string;
    try {
      text = decoder.decode(Uint8Array.from(bytes));
    } catch {
      return;
    }
    if ([...text].length === 1 && !map.has(text)) map.set(text, bytes);
  };
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) tryAdd([lead, trail]);
  }
  // BMP four-byte codes: 0x81308130 .. 0x8431A439
  for (let b1 = 0x81; b1 <= 0x84; b1++)
    for (let b2 = 0x30; b2 <= 0x39; b2++)
      for (let b3 = 0x81; b3 <= 0xfe; b3++)
        for (let b4 = 0x30; b4 <= 0x39; b4++) tryAdd([b1, b2, b3, b4]);
  reverseMap = map;
  return map;
}

function supplementaryBytes(codePoint: number): number[] {
  let linear = 189000 + (codePoint - 0x10000); // 0x90308130 is linear index 189000
  const b4 = 0x30 + (linear % 10); linear = Math.floor(linear / 10);
  const b3 = 0x81 + (linear % 126); linear = Math.floor(linear / 126);
  const b2 = 0x30 + (linear % 10); linear = Math.floor(linear / 10);
  const b1 = 0x81 + linear;
  return [b1, b2, b3, b4];
}

/** Encodes text as GB18030 bytes. With `twoByteOnly`, throws on characters outside GBK. */
export function encodeGb18030(text: string, options: { twoByteOnly?: boolean } = {}): Buffer {
  const map = gb18030ReverseMap();
  const out: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    let bytes = map.get(char);
    if (!bytes && cp >= 0x10000) bytes = supplementaryBytes(cp);
    if (!bytes) throw new Error(`no GB18030 code for U+${cp.toString(16)}`);
    if (options.twoByteOnly && bytes.length !== 2) throw new Error(`U+${cp.toString(16)} is not a GBK character`);
    out.push(...bytes);
  }
  const buffer = Buffer.from(out);
  if (new TextDecoder("gb18030", { fatal: true }).decode(buffer) !== text) throw new Error("GB18030 encoding does not round-trip");
  return buffer;
}

// ---------------------------------------------------------------------------
// Files and database dumps.

export interface TempDir {
  path: string;
  write(name: string, content: string | Buffer): string;
  remove(): void;
}

export function tempDir(prefix = "spotcheck-ingest-test-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Every persistent table of the database, each row rendered as text, sorted: two
 * dumps are equal exactly when the database content is.
 */
export async function dumpDatabase(conn: DuckDBConnection): Promise<Record<string, string[]>> {
  const tables = await conn.runAndReadAll(
    "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY schema_name, table_name",
  );
  const dump: Record<string, string[]> = {};
  for (const [schema, table] of tables.getRowsJS() as [string, string][]) {
    const quoted = `"${schema.replace(/"/g, '""')}"."${table.replace(/"/g, '""')}"`;
    const rows = await conn.runAndReadAll(`SELECT CAST(t AS VARCHAR) AS r FROM ${quoted} t ORDER BY r`);
    dump[`${schema}.${table}`] = rows.getRowsJS().map(([r]) => r as string);
  }
  return dump;
}

// ---------------------------------------------------------------------------
// Running ingest against a fresh in-memory database with the real schema.

export interface IngestHarness {
  db: Database;
  dir: TempDir;
  /** writes the file into the temp folder and ingests it alone */
  ingest(name: string, content: string | Buffer): Promise<FileResult>;
  ingestPaths(paths: string[]): Promise<IngestSummary>;
  rows(sql: string, params?: Params): Promise<Row[]>;
  /** rejected_rows of one file, ordered by row and column */
  rejections(fileName: string): Promise<{ row_number: number; column_name: string; value: string | null; reason_code: string; reason: string; sample_id: string | null }[]>;
  close(): void;
}

export async function openHarness(): Promise<IngestHarness> {
  const db = await openDatabase(":memory:", { readOnly: false });
  const dir = tempDir();
  const harness: IngestHarness = {
    db,
    dir,
    async ingest(name, content) {
      const summary = await ingestFiles(db, [dir.write(name, content)]);
      return summary.files[0];
    },
    ingestPaths: (paths) => ingestFiles(db, paths),
    rows: (sql, params) => query(db.conn, sql, params),
    rejections: async (fileName) =>
      (await query(db.conn, `
        SELECT row_number, column_name, value, reason_code, reason, sample_id FROM rejected_rows
        WHERE file_name = $file ORDER BY row_number, column_name, reason_code`, { file: fileName })) as never,
    close() {
      db.close();
      dir.remove();
    },
  };
  return harness;
}
