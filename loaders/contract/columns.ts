// The data contract's columns (shared/spec/data-contract.md), in one place.
// Ingest maps headers with it, the SQL validation is fed its enum lists, and the
// zod schemas in schemas.ts are built from the same constants.

export type FileKind = "batches" | "events";

export type ColumnType = "text" | "integer" | "date" | "list" | "boolean" | "enum" | "uscc" | "region" | "producer_region";

export interface ColumnSpec {
  key: string;
  zh: string;
  type: ColumnType;
  /** Required in every row (a missing header rejects the whole file). */
  required: boolean;
  values?: readonly string[];
}

export const LEVELS = ["国家", "市级", "区县级"] as const; // article 5 (国家 = national checks handed down)
export const KINDS = ["日常", "专项"] as const; // article 4
export const CHANNELS = ["生产", "流通", "电商"] as const; // article 15
export const ENTERPRISE_SIZES = ["大型", "中型", "小型", "微型"] as const;
export const OUTCOMES = ["已抽样", "终止抽样", "拒检", "无法抽样"] as const; // articles 24, 27, 28
export const CONCLUSIONS = ["合格", "不合格"] as const;

export const BATCH_COLUMNS: readonly ColumnSpec[] = [
  { key: "sample_id", zh: "样品编号", type: "text", required: true },
  { key: "task_id", zh: "任务编号", type: "text", required: true },
  { key: "plan_year", zh: "计划年度", type: "integer", required: true },
  { key: "level", zh: "抽查级别", type: "enum", required: true, values: LEVELS },
  { key: "kind", zh: "抽查类型", type: "enum", required: true, values: KINDS },
  { key: "organizer", zh: "组织部门", type: "text", required: true },
  { key: "product_category", zh: "产品类别", type: "text", required: true },
  { key: "product_name", zh: "产品名称", type: "text", required: true },
  { key: "brand", zh: "商标", type: "text", required: false },
  { key: "model", zh: "规格型号", type: "text", required: false },
  { key: "batch_no", zh: "生产日期/批号", type: "text", required: false },
  { key: "standard", zh: "执行标准", type: "text", required: false },
  { key: "producer_name", zh: "标称生产者名称", type: "text", required: true },
  { key: "producer_uscc", zh: "标称生产者统一社会信用代码", type: "uscc", required: false },
  { key: "producer_address", zh: "标称生产者地址", type: "text", required: false },
  { key: "producer_region", zh: "标称生产者所在地", type: "producer_region", required: false },
  { key: "sampled_name", zh: "被抽样单位名称", type: "text", required: true },
  { key: "sampled_uscc", zh: "被抽样单位统一社会信用代码", type: "uscc", required: false },
  { key: "sampled_address", zh: "被抽样单位地址", type: "text", required: false },
  { key: "sampled_region", zh: "被抽样单位所在区县", type: "region", required: true },
  { key: "sampled_contact", zh: "被抽样单位联系人", type: "text", required: false },
  { key: "sampled_phone", zh: "联系电话", type: "text", required: false },
  { key: "channel", zh: "抽样环节", type: "enum", required: true, values: CHANNELS },
  { key: "platform", zh: "电商平台", type: "text", required: false },
  { key: "enterprise_size", zh: "企业规模", type: "enum", required: false, values: ENTERPRISE_SIZES },
  { key: "sampling_date", zh: "抽样日期", type: "date", required: true },
  { key: "sampler_ids", zh: "抽样人员编号", type: "list", required: true },
  { key: "sampling_agency", zh: "抽样机构", type: "text", required: true },
  { key: "outcome", zh: "抽样结果", type: "enum", required: true, values: OUTCOMES },
  { key: "onsite", zh: "现场检验", type: "boolean", required: false },
  { key: "inspection_agency", zh: "检验机构", type: "text", required: false },
  { key: "inspector_ids", zh: "检验人员编号", type: "list", required: false },
  { key: "report_no", zh: "检验报告编号", type: "text", required: false },
  { key: "report_date", zh: "检验报告日期", type: "date", required: false },
  { key: "conclusion", zh: "检验结论", type: "enum", required: false, values: CONCLUSIONS },
  { key: "failed_items", zh: "不合格项目", type: "list", required: false },
  { key: "serious", zh: "严重质量问题", type: "boolean", required: false },
];

/** Event types and what their `result` may hold (data-contract.md, events table). */
export const EVENT_TYPES: Readonly<Record<string, { article: string; results?: readonly string[]; agencyRequired?: boolean }>> = {
  报告报送: { article: "49" },
  告知生产者: { article: "49" },
  合格告知: { article: "50" },
  不合格告知: { article: "51" },
  公示送达: { article: "51" },
  异议申请: { article: "52", results: ["抽样过程", "检验结论"] },
  异议结论: { article: "54", results: ["维持", "撤销"] },
  复检通知: { article: "54" },
  不予复检: { article: "54, 55" },
  办理复检手续: { article: "54" },
  确定复检机构: { article: "56", agencyRequired: true },
  复检结论: { article: "58", results: CONCLUSIONS },
  终止复检: { article: "61" },
  同意公开: { article: "62" },
  责令整改: { article: "65" },
  整改报告: { article: "65" },
  停产停售报告: { article: "65" },
  复查: { article: "66", results: CONCLUSIONS },
  社会公告: { article: "67" },
  再次复查: { article: "68", results: CONCLUSIONS },
  责令停业整顿: { article: "68" },
  第三次复查: { article: "68", results: CONCLUSIONS },
  吊销营业执照: { article: "68" },
  列入经营异常名录: { article: "73" },
  通报市外: { article: "74" },
  移送执法: { article: "64, 71" },
};

export const EVENT_COLUMNS: readonly ColumnSpec[] = [
  { key: "sample_id", zh: "样品编号", type: "text", required: true },
  { key: "event", zh: "事件", type: "enum", required: true, values: Object.keys(EVENT_TYPES) },
  { key: "date", zh: "日期", type: "date", required: true },
  { key: "result", zh: "结果", type: "text", required: false },
  { key: "agency", zh: "机构", type: "text", required: false },
  { key: "note", zh: "备注", type: "text", required: false },
];

export function columnsOf(kind: FileKind): readonly ColumnSpec[] {
  return kind === "batches" ? BATCH_COLUMNS : EVENT_COLUMNS;
}

/** Yes/no spellings the contract accepts. */
export const YES = ["是", "Y", "y", "true", "TRUE", "True", "1"] as const;
export const NO = ["否", "N", "n", "false", "FALSE", "False", "0"] as const;

/**
 * Characters trimmed from the edges of every cell and header (data-contract.md: "surrounding
 * whitespace is trimmed; full-width spaces (U+3000) count as whitespace"): every code point
 * with the Unicode White_Space property (tab, LF, VT, FF, CR, space, U+0085, U+00A0, U+1680,
 * U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), plus three invisible characters that
 * exports and naughty-string lists treat as space: U+180E (White_Space before Unicode 6.3),
 * U+200B (zero-width space) and U+FEFF (a byte-order mark inside a cell, which
 * @duckdb/node-api drops from the start of every value it returns — a cell of just U+FEFF
 * would otherwise pass as filled and be published empty).
 *
 * contract_macros.sql spells the same set out (RE2 has no such class: its \s lacks VT);
 * test/contract-schemas.test.ts checks that both trim each of these and nothing else.
 */
export const TRIMMED_WHITESPACE_CODE_POINTS: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x180e,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** The same set as a string of the characters themselves. */
export const TRIMMED_WHITESPACE = String.fromCodePoint(...TRIMMED_WHITESPACE_CODE_POINTS);

/** A regular-expression character class (for the `u` flag) matching one of them. */
export const WHITESPACE_CLASS = `[${TRIMMED_WHITESPACE_CODE_POINTS.map((c) => `\\u{${c.toString(16)}}`).join("")}]`;

const EDGES = new RegExp(`^${WHITESPACE_CLASS}+|${WHITESPACE_CLASS}+$`, "gu");

/** Removes the contract's whitespace from both ends of a text. */
export function trimContractWhitespace(text: string): string {
  return text.replace(EDGES, "");
}

/** List separators: ; ； 、 */
export const LIST_SEPARATOR_PATTERN = "[;；、]";

/** 市外 producers: "市外:<省份>" (a full-width colon is accepted too). */
export const OUT_OF_CITY_PATTERN = "^市外[:：](.+)$";

/** Dates: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日. */
export const DATE_PATTERN = "^(\\d{4})(?:-(\\d{1,2})-(\\d{1,2})|/(\\d{1,2})/(\\d{1,2})|\\.(\\d{1,2})\\.(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)$";
