// Reading and searching the public results: Arrow IPC stream shards written by
// loaders/site/public/results-shards.ts (one per sampling year, plus the newest rows first).
// No DOM, so the same code runs in the page and in the unit tests.
//
// The search never builds row objects or a per-row haystack: it searches the Arrow
// dictionaries themselves. Each searchable Utf8 buffer (a dictionary, or a plain column) is
// decoded once into one string, folded once (NFKC, lower case), with the UTF-16 offset of
// each value; a term is found with indexOf over that string (a hit that crosses a value's
// end is rejected, so a term never matches across two values), which marks dictionary ids;
// one pass over the index array then marks the rows. Only the rows on screen are materialised.
//
// Searching as people search (issue 12):
//   - the query is converted Traditional → Simplified (OpenCC's t2cn dictionaries, ~110 kB, bundled
//     from node_modules: the published text is simplified, a reader in Hong Kong or Taiwan
//     types 電熱水壺 and finds 电热水壶);
//   - the verdict is searchable, by whole word: a term that is exactly 合格 or 不合格 selects
//     the rows with that 检验结论 and nothing else. It is not a substring search, because 合格
//     is inside 不合格: a reader typing 合格 wants the conforming batches, not every batch.
//     Any other term is a substring of some other field (the conclusion is not substring-searched,
//     so 格 or 合 alone do not match every row through it).
import * as Arrow from "apache-arrow";
import {Converter} from "opencc-js/t2cn";

/** One published row as the page shows it (the fields of RESULT_COLUMNS). */
export interface DecodedRow {
  sample_id: string; quarter: string; sampling_date: string;
  level: string | null; organizer: string | null; product_category: string | null; product_name: string | null;
  brand: string | null; model: string | null; batch_no: string | null;
  producer_name: string | null; producer_address: string | null; producer_region: string | null;
  sampled_name: string | null; sampled_region: string | null; channel: string | null; platform: string | null;
  inspection_agency: string | null; failed_items: string; conclusion: string | null; conclusion_by: string | null;
  approved_on: string | null; final_on: string | null;
  /** the batch's own page, a site path (/public/result/<year>/<slug>) */
  page_path: string | null;
  /** position in its shard */
  index: number;
}

export interface Filters { terms?: string[]; category?: string | null; region?: string | null; channel?: string | null; conclusion?: string | null; quarter?: string | null }

type ResultKey = Exclude<keyof DecodedRow, "index" | "page_path">;

const DAY_MS = 86_400_000;

/** The columns of a published row about the batch and its result, in the order of PUBLIC_FIELDS. */
export const RESULT_COLUMNS: [ResultKey, string][] = [
  ["sample_id", "样品编号"],
  ["quarter", "抽查季度"],
  ["sampling_date", "抽样日期"],
  ["level", "抽查级别"],
  ["organizer", "组织部门"],
  ["product_category", "产品类别"],
  ["product_name", "产品名称"],
  ["brand", "商标"],
  ["model", "规格型号"],
  ["batch_no", "生产日期/批号"],
  ["producer_name", "标称生产者名称"],
  ["producer_address", "标称生产者地址"],
  ["producer_region", "标称生产者所在地"],
  ["sampled_name", "被抽样单位名称"],
  ["sampled_region", "被抽样单位所在区县"],
  ["channel", "抽样环节"],
  ["platform", "电商平台"],
  ["inspection_agency", "检验机构"],
  ["failed_items", "不合格项目"],
  ["conclusion", "检验结论"],
  ["conclusion_by", "结论依据"]
];

/**
 * The columns of the CSV download: the keys and headings of PUBLIC_FIELDS
 * (loaders/disclosure/whitelist.ts) in its order — the batch, then the dates of its
 * publication (同意公开, article 62) and of its final conclusion — so the filtered download and
 * the yearly file (/public/downloads/<year>.csv) have one header. (This module runs in the
 * browser and does not import the loaders; test/public-search.test.ts holds the lists equal.)
 */
export const DOWNLOAD_COLUMNS: [ResultKey, string][] = [
  ...RESULT_COLUMNS,
  ["approved_on", "同意公开日期"],
  ["final_on", "结论生效日期"]
];

/** Text as the search compares it: full-width letters and digits folded (NFKC), lower case. */
export function searchKey(text: unknown): string {
  return String(text ?? "").normalize("NFKC").toLowerCase();
}

/** The fields the search looks in (every public field that is text). */
const SEARCHED = ["sample_id", "product_category", "product_name", "brand", "model", "batch_no", "producer_name", "producer_address",
  "producer_region", "sampled_name", "sampled_region", "channel", "platform", "inspection_agency", "organizer", "failed_items"] as const;

/** The text fields of a shard (everything but the day number), as stored: "" for missing. */
const TEXT_KEYS = ["sample_id", "batch_no", "level", "organizer", "product_category", "product_name", "brand", "model",
  "producer_name", "producer_address", "producer_region", "sampled_name", "sampled_region",
  "channel", "platform", "inspection_agency", "failed_items", "conclusion", "conclusion_by",
  "approved_on", "final_on", "page_path"] as const;
type TextKey = (typeof TEXT_KEYS)[number];

/** A Utf8 buffer as one folded string and where each value starts in it (UTF-16 units). */
interface TextIndex { text: string; starts: Int32Array; n: number }

const decoder = new TextDecoder();

/** One TextDecoder call and one byte scan for the whole buffer; per value only if folding changed lengths. */
function textIndexOf(data: Arrow.Data<Arrow.Utf8>): TextIndex {
  const n = data.length;
  const bytes = data.values;
  const offsets = data.valueOffsets.subarray(data.offset, data.offset + n + 1); // the buffer is padded: read only n + 1
  const raw = decoder.decode(bytes.subarray(offsets[0], offsets[n]));
  let text = raw.normalize("NFKC").toLowerCase();
  const starts = new Int32Array(n + 1);
  let u = 0, b = offsets[0];
  for (let v = 0; v <= n; v++) { // byte offsets → UTF-16 offsets: count lead bytes, two units for a 4-byte sequence
    for (const end = offsets[v]; b < end; b++) {
      const c = bytes[b];
      if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
    }
    starts[v] = u;
  }
  if (text !== raw && !LENGTH_PRESERVING.test(raw)) { // folding may change a value's length: fold value by value
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(searchKey(raw.slice(starts[i], starts[i + 1])));
    let o = 0;
    for (let i = 0; i < n; i++) { starts[i] = o; o += parts[i].length; }
    starts[n] = o;
    text = parts.join("");
  }
  return {text, starts, n};
}

/**
 * Text whose NFKC fold and lower case keep every character's length: ASCII (but not İ and the
 * like, which are not ASCII), CJK punctuation, the CJK unified ideographs, and the full-width
 * ASCII forms (Ａ → a). For such text the boundaries found in the raw text hold in the folded one.
 */
const LENGTH_PRESERVING = /^[\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]*$/;

/** Marks in `hit` the values containing `term`; whether any did. */
function markValues({text, starts, n}: TextIndex, term: string, hit: Uint8Array): boolean {
  let any = false;
  for (let at = text.indexOf(term); at !== -1; ) {
    let lo = 0, hi = n - 1; // the value whose [start, next start) holds `at`
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    if (at + term.length <= starts[lo + 1]) {
      hit[lo] = 1;
      any = true;
      at = text.indexOf(term, starts[lo + 1]);
    } else at = text.indexOf(term, at + 1);
  }
  return any;
}

interface DictColumn { kind: "dict"; keys: Int8Array | Int16Array | Int32Array; dictionary: Arrow.Data<Arrow.Utf8>; values?: string[]; index?: TextIndex }
interface PlainColumn { kind: "plain"; data: Arrow.Data<Arrow.Utf8>; index?: TextIndex }

/** One shard, decoded: its rows stay in Arrow buffers. */
export interface ResultsShard {
  rows: number;
  days: Int32Array;
  columns: Record<TextKey, DictColumn | PlainColumn>;
}

/** The bytes of a .arrows shard as a shard (one record batch, as the export writes it). */
export function readShard(bytes: ArrayBuffer | Uint8Array): ResultsShard {
  const table = Arrow.tableFromIPC(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if (table.batches.length > 1) throw new Error(`结果分片应只有一个记录批，实为 ${table.batches.length} 个`);
  const rows = table.numRows;
  const child = (key: string) => {
    const vector = table.getChild(key);
    if (!vector) throw new Error(`结果分片缺少列 ${key}`);
    return vector.data[0];
  };
  const columns = {} as ResultsShard["columns"];
  for (const key of TEXT_KEYS) {
    const data = child(key);
    if (Arrow.DataType.isDictionary(data.type)) {
      const dictionary = data.dictionary!.data;
      if (dictionary.length !== 1) throw new Error(`列 ${key} 的字典应只有一块`);
      columns[key] = {kind: "dict", keys: (data.values as Int32Array).subarray(data.offset, data.offset + rows), dictionary: dictionary[0] as Arrow.Data<Arrow.Utf8>};
    } else {
      columns[key] = {kind: "plain", data: data as Arrow.Data<Arrow.Utf8>};
    }
  }
  const day = child("sampling_day");
  return {rows, days: (day.values as Int32Array).subarray(day.offset, day.offset + rows), columns};
}

const textIndex = (column: DictColumn | PlainColumn) => (column.index ??= textIndexOf(column.kind === "dict" ? column.dictionary : column.data));

function utf8Value(data: Arrow.Data<Arrow.Utf8>, i: number): string {
  const o = data.valueOffsets, at = data.offset + i;
  return decoder.decode(data.values.subarray(o[at], o[at + 1]));
}

/** The dictionary's values as strings (decoded once, for the filters and the rows on screen). */
function dictionaryValues(column: DictColumn): string[] {
  if (!column.values) {
    const values = new Array<string>(column.dictionary.length);
    for (let i = 0; i < values.length; i++) values[i] = utf8Value(column.dictionary, i);
    column.values = values;
  }
  return column.values;
}

function textAt(shard: ResultsShard, key: TextKey, i: number): string | null {
  const column = shard.columns[key];
  const value = column.kind === "dict" ? dictionaryValues(column)[column.keys[i]] : utf8Value(column.data, i);
  return value === "" ? null : value;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Row `i` of a shard as the page shows it. */
export function rowOf(shard: ResultsShard, i: number): DecodedRow {
  const date = isoDay(shard.days[i]);
  const row = {sample_id: textAt(shard, "sample_id", i) ?? "", quarter: `${date.slice(0, 4)}Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`, sampling_date: date} as DecodedRow;
  for (const key of TEXT_KEYS) if (key !== "sample_id") (row as unknown as Record<string, string | null>)[key] = textAt(shard, key, i);
  row.failed_items ??= "";
  row.index = i;
  return row;
}

// Taiwan's variants (洩 → 泄) and then Hong Kong's (衞 → 卫): a reader may type either standard
const fromTaiwan = Converter({from: "tw", to: "cn"});
const fromHongKong = Converter({from: "hk", to: "cn"});
const toSimplified = (text: string) => fromHongKong(fromTaiwan(text));

/** The search terms of a query: Traditional characters made Simplified, whitespace-separated, each folded like the text searched. */
export function searchTerms(query: string): string[] {
  return searchKey(toSimplified(query)).split(/\s+/u).filter(Boolean);
}

/** The terms that mean a verdict: matched against 检验结论 as a whole word (see the head of this file). */
const VERDICT_TERMS: ReadonlySet<string> = new Set(["合格", "不合格"]);

/** The first day (day number) of a quarter "2025Q3", and the first day of the next. */
function quarterDays(quarter: string): [number, number] {
  const year = Number(quarter.slice(0, 4)), q = Number(quarter.slice(5));
  return [Date.UTC(year, (q - 1) * 3, 1) / DAY_MS, Date.UTC(year, q * 3, 1) / DAY_MS];
}

/** Rows of one shard containing `term` in any searched field: 0/1 per row. */
function rowsContaining(shard: ResultsShard, term: string): Uint8Array {
  const rows = new Uint8Array(shard.rows);
  for (const key of SEARCHED) {
    const column = shard.columns[key];
    if (column.kind === "plain") {
      markValues(textIndex(column), term, rows);
      continue;
    }
    const hit = new Uint8Array(column.dictionary.length);
    if (!markValues(textIndex(column), term, hit)) continue;
    const keys = column.keys;
    for (let r = 0; r < keys.length; r++) if (hit[keys[r]]) rows[r] = 1;
  }
  return rows;
}

/** Rows of one shard whose `key` is exactly `wanted`: 0/1 per row. */
function rowsEqual(shard: ResultsShard, key: TextKey, wanted: string): Uint8Array {
  const column = shard.columns[key];
  const mask = new Uint8Array(shard.rows);
  if (column.kind === "dict") {
    const id = dictionaryValues(column).indexOf(wanted);
    if (id !== -1) for (let r = 0; r < shard.rows; r++) mask[r] = column.keys[r] === id ? 1 : 0;
  } else {
    for (let r = 0; r < shard.rows; r++) mask[r] = utf8Value(column.data, r) === wanted ? 1 : 0;
  }
  return mask;
}

/** The row numbers of a shard matching every filter (equality on the chosen fields, every term a substring of some field). */
export function matchShard(shard: ResultsShard, {terms = [], category = null, region = null, channel = null, conclusion = null, quarter = null}: Filters = {}): Int32Array {
  let keep: Uint8Array | null = null;
  const and = (mask: Uint8Array) => {
    if (keep) for (let r = 0; r < shard.rows; r++) keep[r] &= mask[r];
    else keep = mask;
  };
  for (const [key, wanted] of [["product_category", category], ["sampled_region", region], ["channel", channel], ["conclusion", conclusion]] as const) {
    if (wanted !== null) and(rowsEqual(shard, key, wanted));
  }
  if (quarter !== null) {
    const [from, to] = quarterDays(quarter);
    const mask = new Uint8Array(shard.rows);
    for (let r = 0; r < shard.rows; r++) mask[r] = shard.days[r] >= from && shard.days[r] < to ? 1 : 0;
    and(mask);
  }
  for (const term of terms) and(VERDICT_TERMS.has(term) ? rowsEqual(shard, "conclusion", term) : rowsContaining(shard, term));
  const found: Uint8Array | null = keep;
  if (found === null) return Int32Array.from({length: shard.rows}, (_, i) => i);
  let count = 0;
  for (let r = 0; r < shard.rows; r++) count += found[r];
  const out = new Int32Array(count);
  for (let r = 0, k = 0; r < shard.rows; r++) if (found[r]) out[k++] = r;
  return out;
}

/**
 * The rows matching the filters over several shards, in shard order (newest year first) and
 * row order within a shard (newest first), as a list the paged table reads: `length`, and
 * `slice` materialises only the rows asked for.
 */
export class ResultList {
  readonly length: number;
  private readonly parts: {shard: ResultsShard; rows: Int32Array; start: number}[] = [];

  constructor(shards: ResultsShard[], filters: Filters = {}) {
    let start = 0;
    for (const shard of shards) {
      const rows = matchShard(shard, filters);
      this.parts.push({shard, rows, start});
      start += rows.length;
    }
    this.length = start;
  }

  slice(from = 0, to = this.length): DecodedRow[] {
    const out: DecodedRow[] = [];
    for (const {shard, rows, start} of this.parts) {
      for (let i = Math.max(from - start, 0); i < rows.length && start + i < to; i++) out.push(rowOf(shard, rows[i]));
    }
    return out;
  }

  /** Every matching row (for the CSV download of the current list). */
  all(): DecodedRow[] {
    return this.slice(0, this.length);
  }
}

/** The conclusion as shown: 不合格 / 合格, with （复检后） when a re-inspection decided it (article 58). */
export function conclusionText(row: Pick<DecodedRow, "conclusion" | "conclusion_by">): string | null {
  return row.conclusion_by === "复检" ? `${row.conclusion}（复检后）` : row.conclusion;
}

/** Rows as CSV cells (header + rows) in DOWNLOAD_COLUMNS order: the yearly file's header, every value as published. */
export function csvCells(rows: DecodedRow[]): { header: string[]; rows: string[][] } {
  return {header: DOWNLOAD_COLUMNS.map(([, label]) => label), rows: rows.map((r) => DOWNLOAD_COLUMNS.map(([key]) => r[key] ?? ""))};
}
