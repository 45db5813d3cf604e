// The zod schemas (row at a time) and the SQL validation used by ingest (set-based)
// state the same contract: both must accept and reject the same cells for the same reasons.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { BATCH_COLUMNS, EVENT_COLUMNS } from "../loaders/contract/columns.ts";
import { BatchRowSchema, EventRowSchema, parseContractDate, validateRow } from "../loaders/contract/schemas.ts";
import { isValidUscc, usccCheckCharacter } from "../loaders/contract/uscc.ts";
import { openDatabase, query, type Database } from "../loaders/db/connection.ts";
import { ingestFiles } from "../loaders/ingest/ingest.ts";

// The contract's whitespace (data-contract.md: "surrounding whitespace is trimmed; full-width
// spaces (U+3000) count as whitespace"), written out here from the Unicode White_Space list
// (PropList.txt), plus U+180E, U+200B and U+FEFF (see loaders/README.md): not read from the code.
const WHITESPACE: [string, string][] = [
  ["tab", "\t"], ["line feed", "\n"], ["vertical tab", "\u000b"], ["form feed", "\f"], ["carriage return", "\r"],
  ["space", " "], ["next line U+0085", "\u0085"], ["no-break space U+00A0", "\u00a0"], ["ogham space U+1680", "\u1680"],
  ["Mongolian vowel separator U+180E", "\u180e"],
  ...Array.from({ length: 11 }, (_, i): [string, string] => [`U+20${(i).toString(16).padStart(2, "0").toUpperCase()}`, String.fromCharCode(0x2000 + i)]),
  ["zero-width space U+200B", "\u200b"], ["line separator U+2028", "\u2028"], ["paragraph separator U+2029", "\u2029"],
  ["narrow no-break space U+202F", "\u202f"], ["medium mathematical space U+205F", "\u205f"],
  ["full-width space U+3000", "\u3000"], ["byte-order mark U+FEFF", "\ufeff"],
];
const NOT_WHITESPACE: [string, string][] = [
  ["zero-width non-joiner U+200C", "\u200c"], ["word joiner U+2060", "\u2060"], ["soft hyphen U+00AD", "\u00ad"],
];

const validBatch: Record<string, string> = {
  sample_id: "CQ-0001", task_id: "T-2025-01", plan_year: "2025", level: "市级", kind: "日常",
  organizer: "重庆市市场监督管理局", product_category: "电线电缆", product_name: "聚氯乙烯绝缘电缆",
  brand: "山城", model: "BV 2.5", batch_no: "2025-01", standard: "GB/T 5023.3-2008",
  producer_name: "重庆山城电缆有限公司", producer_uscc: "91350100M000100Y43", producer_address: "渝北区",
  producer_region: "渝北区", sampled_name: "重庆山城电缆有限公司", sampled_uscc: "", sampled_address: "渝北区",
  sampled_region: "500112", sampled_contact: "王五", sampled_phone: "13900000000", channel: "生产", platform: "",
  enterprise_size: "小型", sampling_date: "2025-03-01", sampler_ids: "S1;S2", sampling_agency: "重庆市质检院",
  outcome: "已抽样", onsite: "否", inspection_agency: "重庆市质检院", inspector_ids: "I1", report_no: "R1",
  report_date: "2025-03-10", conclusion: "合格", failed_items: "", serious: "",
};

// [description, changed cells, expected problems as "column:reason_code"]
const batchCases: [string, Record<string, string>, string[]][] = [
  ["valid row", {}, []],
  ["date forms", { sampling_date: "2025/3/1", report_date: "2025年3月10日" }, []],
  ["dotted date", { sampling_date: "2025.3.1" }, []],
  ["full-width spaces are trimmed", { sample_id: "\u3000CQ-0001\u3000", level: " 市级\u3000" }, []],
  ["region by short name", { sampled_region: "渝北" }, []],
  ["functional area", { sampled_region: "两江新区" }, []],
  ["out-of-city producer", { producer_region: "市外:四川省" }, []],
  ["out-of-city with full-width colon", { producer_region: "市外：贵州省" }, []],
  ["lists with three separators", { sampler_ids: "S1；S2、S3", failed_items: "" }, []],
  ["yes/no forms", { onsite: "Y", serious: "true" }, []],
  ["missing sample id", { sample_id: "" }, ["sample_id:required"]],
  ["missing task", { task_id: " " }, ["task_id:required"]],
  ["missing product category", { product_category: "" }, ["product_category:required"]],
  ["missing sampled region", { sampled_region: "" }, ["sampled_region:required"]],
  ["empty sampler list", { sampler_ids: "；" }, ["sampler_ids:required"]],
  ["plan year not a year", { plan_year: "二〇二五" }, ["plan_year:integer"]],
  ["level not an enum", { level: "省级" }, ["level:enum"]],
  ["kind not an enum", { kind: "抽检" }, ["kind:enum"]],
  ["channel not an enum", { channel: "批发" }, ["channel:enum"]],
  ["outcome not an enum", { outcome: "未抽样" }, ["outcome:enum"]],
  ["size not an enum", { enterprise_size: "特大型" }, ["enterprise_size:enum"]],
  ["conclusion not an enum", { conclusion: "基本合格" }, ["conclusion:enum"]],
  ["no such day", { sampling_date: "2024-02-30" }, ["sampling_date:date"]],
  ["month 13", { report_date: "2024-13-01" }, ["report_date:date"]],
  ["date in another form", { sampling_date: "01/03/2025" }, ["sampling_date:date"]],
  ["yes/no unreadable", { onsite: "也许" }, ["onsite:boolean"]],
  ["USCC check digit wrong", { producer_uscc: "91350100M000100Y44" }, ["producer_uscc:uscc"]],
  ["USCC with a letter outside the set", { sampled_uscc: "91350100M000100YI3" }, ["sampled_uscc:uscc"]],
  ["unknown region", { sampled_region: "成都市" }, ["sampled_region:region"]],
  ["producer region neither a region nor 市外", { producer_region: "四川省" }, ["producer_region:region"]],
  ["电商 without platform", { channel: "电商", platform: "" }, ["platform:conditional"]],
  ["已抽样 without inspection agency", { inspection_agency: "" }, ["inspection_agency:conditional"]],
  ["report date without conclusion", { conclusion: "" }, ["conclusion:conditional"]],
  ["不合格 without failed items", { conclusion: "不合格", failed_items: "" }, ["failed_items:conditional"]],
  ["不合格 with failed items", { conclusion: "不合格", failed_items: "导体电阻、绝缘厚度" }, []],
  ["refusal carries no inspection", { outcome: "拒检", inspection_agency: "", report_date: "", conclusion: "", inspector_ids: "" }, []],
  // A formula behind a vertical tab: trimmed to "=1+1", so the public CSV's guard sees the "=".
  ["vertical tab before a formula", { product_name: "\u000b=1+1", brand: "=HYPERLINK(\"x\")\u000b" }, []],
  ...WHITESPACE.flatMap(([name, ch]): [string, Record<string, string>, string[]][] => [
    [`${name} around text, an enum, a list item, a date and a region`, {
      organizer: `${ch}重庆市市场监督管理局${ch}`, level: `${ch}市级`, kind: `专项${ch}`, sampler_ids: `S1${ch};${ch}S2`,
      sampling_date: `${ch}2025-03-01${ch}`, sampled_region: `${ch}渝北`, plan_year: `2025${ch}`,
    }, []],
    [`a required cell of only ${name}`, { task_id: `${ch}${ch}`, product_name: ch }, ["product_name:required", "task_id:required"]],
  ]),
  // Invisible characters outside the set are kept: the cell is not empty, the enum does not match.
  ...NOT_WHITESPACE.flatMap(([name, ch]): [string, Record<string, string>, string[]][] => [
    [`${name} is kept in text`, { task_id: ch }, []],
    [`${name} is kept in an enum`, { level: `${ch}市级` }, ["level:enum"]],
  ]),
];

const validEvent = { sample_id: "CQ-0001", event: "不合格告知", date: "2025-03-12", result: "", agency: "", note: "" };
const eventCases: [string, Record<string, string>, string[]][] = [
  ["valid event", {}, []],
  ["objection conclusion 撤销", { event: "异议结论", result: "撤销" }, []],
  ["re-inspection agency given", { event: "确定复检机构", agency: "四川省产品质量监督检验检测院" }, []],
  ["unknown event", { event: "电话沟通" }, ["event:enum"]],
  ["missing date", { date: "" }, ["date:required"]],
  ["bad date", { date: "2025-02-29" }, ["date:date"]],
  ["objection conclusion without result", { event: "异议结论" }, ["result:conditional"]],
  ["objection conclusion with a wrong result", { event: "异议结论", result: "撤回" }, ["result:enum"]],
  ["re-inspection conclusion not 合格/不合格", { event: "复检结论", result: "待定" }, ["result:enum"]],
  ["re-inspection agency missing", { event: "确定复检机构" }, ["agency:conditional"]],
  ["vertical tab and BOM around event and date", { event: "\u000b异议结论\ufeff", result: "\ufeff撤销", date: "\u000b2025-03-12" }, []],
  ["event of only a BOM", { event: "\ufeff" }, ["event:required"]],
];

function zodProblems(schema: typeof BatchRowSchema | typeof EventRowSchema, row: Record<string, string>): string[] {
  const result = validateRow(schema, row);
  return result.ok ? [] : result.problems.map((p) => `${p.column}:${p.reason_code}`).sort();
}

let db: Database;
const dir = mkdtempSync(join(tmpdir(), "spotcheck-contract-"));
afterAll(() => db?.close());

async function sqlProblems(kind: "batches" | "events", rows: Record<string, string>[]): Promise<string[][]> {
  const columns = (kind === "batches" ? BATCH_COLUMNS : EVENT_COLUMNS).map((c) => c.key);
  const file = join(dir, `${kind}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? "")) }));
  db ??= await openDatabase(":memory:", { readOnly: false });
  await ingestFiles(db, [file]);
  const found = await query(db.conn, "SELECT row_number, column_name, reason_code FROM rejected_rows WHERE file_name = $f",
    { f: file.split("/").pop()! });
  return rows.map((_, i) => found.filter((r) => r.row_number === i + 2).map((r) => `${r.column_name}:${r.reason_code}`).sort());
}

describe("zod schemas and SQL validation agree", () => {
  it("on every batches case", async () => {
    // distinct sample ids so that no case trips the duplicate-key rule
    const rows = batchCases.map(([, change], i) => ({ ...validBatch, ...change, sample_id: change.sample_id === undefined ? `CQ-${i}` : change.sample_id }));
    const fromSql = await sqlProblems("batches", rows);
    batchCases.forEach(([description, , expected], i) => {
      expect({ description, problems: zodProblems(BatchRowSchema, rows[i]) }).toEqual({ description, problems: expected.sort() });
      expect({ description, problems: fromSql[i] }).toEqual({ description, problems: expected.sort() });
    });
  });

  it("on every events case", async () => {
    const rows = eventCases.map(([, change], i) => ({ ...validEvent, ...change, sample_id: `CQ-E${i}` }));
    const fromSql = await sqlProblems("events", rows);
    eventCases.forEach(([description, , expected], i) => {
      expect({ description, problems: zodProblems(EventRowSchema, rows[i]) }).toEqual({ description, problems: expected.sort() });
      expect({ description, problems: fromSql[i] }).toEqual({ description, problems: expected.sort() });
    });
  });
});

describe("zod schemas normalise", () => {
  it("regions to codes, dates to ISO, lists, and the yes/no default", () => {
    const result = validateRow(BatchRowSchema, { ...validBatch, sampled_region: "渝北", sampling_date: "2025年3月1日", sampler_ids: "S1、S2", onsite: "" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sampled_region).toBe("500112");
    expect(result.value.sampling_date).toBe("2025-03-01");
    expect(result.value.sampler_ids).toEqual(["S1", "S2"]);
    expect(result.value.onsite).toBe(false); // default no (article 41)
  });

  it("reads leap days correctly", () => {
    expect(parseContractDate("2024-02-29")).toBe("2024-02-29");
    expect(parseContractDate("2023-02-29")).toBeNull();
  });
});

describe("USCC check character (GB 32100-2015)", () => {
  it("accepts a published valid code and rejects a one-character change", () => {
    // 91350100M000100Y43 is the standard's worked example
    expect(isValidUscc("91350100M000100Y43")).toBe(true);
    expect(isValidUscc("91350100M000100Y42")).toBe(false);
  });
  it("computes the check character by hand", () => {
    // 17 zeros: Σ = 0 → (31 − 0) mod 31 = 0
    expect(usccCheckCharacter("0".repeat(17))).toBe("0");
    // '1' then 16 zeros: Σ = 1×1 = 1 → 31 − 1 = 30 → 'Y'
    expect(usccCheckCharacter("1" + "0".repeat(16))).toBe("Y");
  });
});
