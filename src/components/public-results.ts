// Decoding and searching the public results (format written by loaders/site/public-results.ts).
// Pure functions: no DOM, so the same code runs in the page and in the unit tests.
import type {PublicResultsData, TEXT_FIELDS as ENCODED_TEXT_FIELDS} from "../../loaders/site/public-results.ts";

/** One published row as the page shows it (the fields of RESULT_COLUMNS). */
export interface DecodedRow {
  sample_id: string; quarter: string; sampling_date: string;
  level: string | null; organizer: string | null; product_category: string | null; product_name: string | null;
  brand: string | null; model: string | null; batch_no: string | null;
  producer_name: string | null; producer_address: string | null; producer_region: string | null;
  sampled_name: string | null; sampled_region: string | null; channel: string | null; platform: string | null;
  inspection_agency: string | null; failed_items: string; conclusion: string | null; conclusion_by: string | null;
  /** position in the decoded list (the search index refers to it) */
  index: number;
}

export interface Filters { terms?: string[]; category?: string | null; region?: string | null; channel?: string | null; conclusion?: string | null; quarter?: string | null }

/** Every row's folded searchable text in one string, and the offset where each row starts. */
export interface SearchIndex { text: string; starts: Int32Array }

type ResultKey = Exclude<keyof DecodedRow, "index">;

const DAY_MS = 86_400_000;

/** The columns of a published row, in the order of the public list and the CSV download. */
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

/** Text as the search compares it: full-width letters and digits folded (NFKC), lower case. */
export function searchKey(text: unknown): string {
  return String(text ?? "").normalize("NFKC").toLowerCase();
}

const SEPARATOR = "\u0001"; // between fields, so a term never matches across two of them

/** The bytes of results.json.gz as data: gunzipped here unless the web server already did (Content-Encoding). */
export async function readResultsFile(buffer: ArrayBuffer | Uint8Array): Promise<unknown> {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

const TEXT_FIELDS: (typeof ENCODED_TEXT_FIELDS)[number][] = [
  "level", "organizer", "product_category", "product_name", "brand", "model", "batch_no",
  "producer_name", "producer_address", "producer_region", "sampled_name", "sampled_region",
  "channel", "platform", "inspection_agency"
];

/** The fields the search looks in (every public field that is text). */
const SEARCHED: ResultKey[] = ["sample_id", "product_category", "product_name", "brand", "model", "batch_no", "producer_name", "producer_address",
  "producer_region", "sampled_name", "sampled_region", "channel", "platform", "inspection_agency", "organizer", "failed_items"];

/**
 * Decodes the columnar data into row objects, and builds the search index: every row's
 * searchable text, folded (searchKey), joined into one string with a row separator, plus
 * the offset where each row starts — one indexOf pass over it answers a search term.
 */
export function decodeResults(file: unknown): { asOf: string; rows: DecodedRow[]; index: SearchIndex } {
  const data = file as PublicResultsData;
  if (data.format !== "spotcheck-public-results/2") throw new Error(`未知的数据格式 ${data.format}`);
  const text = data.strings.map((s, i) => (i ? s : null));
  const outcomes = data.outcomes.map(([c, by, ...items]) => ({conclusion: text[c], conclusion_by: text[by], failed_items: items.map((i) => text[i]).join("、")}));
  const {columns} = data;
  const rows = new Array<DecodedRow>(data.count);
  const texts = new Array<string>(data.count);
  let days = 0;
  for (let i = 0; i < data.count; ++i) {
    days += columns.day[i];
    const date = new Date(days * DAY_MS).toISOString().slice(0, 10);
    const row = {sample_id: columns.sample_id[i], quarter: `${date.slice(0, 4)}Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`, sampling_date: date} as DecodedRow;
    for (const f of TEXT_FIELDS) row[f] = text[columns[f][i]];
    Object.assign(row, outcomes[columns.outcome[i]]);
    texts[i] = searchKey(SEARCHED.map((f) => row[f] ?? "").join(SEPARATOR));
    row.index = i;
    rows[i] = row;
  }
  return {asOf: data.as_of, rows, index: searchIndex(texts)};
}

/** The search terms of a query: whitespace-separated, each folded like the haystack. */
export function searchTerms(query: string): string[] {
  return searchKey(query).split(/\s+/u).filter(Boolean);
}

const ROW_SEPARATOR = "\u0002";

/** The search index of folded row texts (searchKey): one string, and the offset where each row starts. */
export function searchIndex(texts: string[]): SearchIndex {
  const starts = new Int32Array(texts.length + 1);
  let offset = 0;
  texts.forEach((text, i) => {
    starts[i] = offset;
    offset += text.length + 1;
  });
  starts[texts.length] = offset;
  return {text: texts.join(ROW_SEPARATOR) + ROW_SEPARATOR, starts};
}

/** Which rows contain `term` (a Uint8Array of 0/1 per row): one indexOf pass, skipping to the next row after a hit. */
function rowsContaining({text, starts}: SearchIndex, term: string): Uint8Array {
  const hit = new Uint8Array(starts.length - 1);
  for (let at = text.indexOf(term); at !== -1; ) {
    let lo = 0, hi = starts.length - 2; // the row whose [start, next start) holds `at`
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    hit[lo] = 1;
    at = text.indexOf(term, starts[lo + 1]);
  }
  return hit;
}

/**
 * Rows matching every filter: equality on the chosen fields (null = any) and every search
 * term as a substring of the row's text (any field, any position — Chinese needs no word
 * breaks). `index` is the search index of `rows` (decodeResults builds it).
 */
export function filterRows(rows: DecodedRow[], index: SearchIndex, {terms = [], category = null, region = null, channel = null, conclusion = null, quarter = null}: Filters = {}): DecodedRow[] {
  const masks = terms.map((t) => rowsContaining(index, t));
  const out: DecodedRow[] = [];
  for (const r of rows) {
    if (category !== null && r.product_category !== category) continue;
    if (region !== null && r.sampled_region !== region) continue;
    if (channel !== null && r.channel !== channel) continue;
    if (conclusion !== null && r.conclusion !== conclusion) continue;
    if (quarter !== null && r.quarter !== quarter) continue;
    if (masks.every((m) => m[r.index] === 1)) out.push(r);
  }
  return out;
}

/** The conclusion as shown: 不合格 / 合格, with （复检后） when a re-inspection decided it (article 58). */
export function conclusionText(row: Pick<DecodedRow, "conclusion" | "conclusion_by">): string | null {
  return row.conclusion_by === "复检" ? `${row.conclusion}（复检后）` : row.conclusion;
}

/** Rows as CSV cells (header + rows) in RESULT_COLUMNS order. */
export function csvCells(rows: DecodedRow[]): { header: string[]; rows: string[][] } {
  return {header: RESULT_COLUMNS.map(([, label]) => label), rows: rows.map((r) => RESULT_COLUMNS.map(([key]) => r[key] ?? ""))};
}
