// Ingest as a whole (shared/spec/data-contract.md, "Files"): encodings detected and
// never asked, line endings, quoting, .xlsx, headers in Chinese or English in any
// order, extra columns kept aside, whole-file rejection leaving the database as it
// was, idempotent re-ingest, replacement by key, ingest_log, and late events.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, query } from "../loaders/db/connection.ts";
import { ingestIntoDatabase } from "../loaders/ingest/ingest.ts";
import {
  BATCH_KEYS, BATCH_ZH, EVENT_ZH, REQUIRED_BATCH_KEYS, batchRow, batchesCsv, dumpDatabase, encodeGb18030, eventRow,
  eventsCsv, openHarness, sha256, tempDir, type BatchKey, type BatchRow, type IngestHarness, type TempDir,
} from "./helpers/csv-builders.ts";

/** The stored batches, without the columns that say where a row came from. */
async function storedBatches(h: IngestHarness) {
  return h.rows("SELECT * EXCLUDE (source_file, ingest_id) FROM batches ORDER BY sample_id");
}

/** Ingests one file into a fresh database and returns what was stored. */
async function ingestAlone(name: string, content: string | Buffer) {
  const h = await openHarness();
  try {
    const result = await h.ingest(name, content);
    const [log] = await h.rows("SELECT encoding FROM ingest_log");
    return { result, batches: await storedBatches(h), encoding: log?.encoding as string | undefined };
  } finally {
    h.close();
  }
}

// Names with characters outside the BMP (four bytes in GB18030): 𠀀 U+20000, 𬌗 U+2C317;
// 䶮 U+4DAE (a rare-name character, CJK Extension A).
const RARE_ROWS: BatchRow[] = [
  batchRow({ sample_id: "GB-1", product_name: "𠀀牌电线", producer_name: "重庆䶮𬌗电器有限公司", brand: "𬌗", sampled_contact: "刘䶮" }),
  batchRow({ sample_id: "GB-2", product_name: "铜芯电缆·阻燃型", sampled_region: "渝北区", failed_items: "标志、绝缘电阻", conclusion: "不合格" }),
];
const GBK_ROWS: BatchRow[] = [
  batchRow({ sample_id: "GBK-1", product_name: "铜芯电缆·阻燃型", sampled_region: "渝北", producer_region: "市外:四川省" }),
  batchRow({ sample_id: "GBK-2", product_name: "插头插座", sampled_region: "石柱土家族自治县" }),
];

describe("encodings: detected, never asked", () => {
  it("reads UTF-8 without BOM, with BOM and GB18030 alike, four-byte characters included", async () => {
    const utf8 = batchesCsv(RARE_ROWS, { header: "zh" });
    const plain = await ingestAlone("批次.csv", utf8);
    expect(plain.result.status).toBe("loaded");
    expect(plain.result.rows_loaded).toBe(2);
    expect(plain.batches.map((b) => [b.product_name, b.producer_name, b.brand, b.sampled_contact])).toEqual([
      ["𠀀牌电线", "重庆䶮𬌗电器有限公司", "𬌗", "刘䶮"],
      ["铜芯电缆·阻燃型", "重庆示例电缆有限公司", "示例牌", "张三"],
    ]);
    expect(plain.encoding).toMatch(/utf-?8/i);

    const bom = await ingestAlone("批次.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)]));
    expect(bom.result.status).toBe("loaded");
    expect(bom.batches).toEqual(plain.batches);
    expect(bom.encoding).toMatch(/utf-?8/i);

    const gb = encodeGb18030(utf8);
    expect(gb.includes(Buffer.from([0x95, 0x32, 0x82, 0x36])), "𠀀 is the four bytes 95 32 82 36").toBe(true);
    const gb18030 = await ingestAlone("批次.csv", gb);
    expect(gb18030.result.status).toBe("loaded");
    expect(gb18030.batches).toEqual(plain.batches);
    expect(gb18030.encoding).toMatch(/gb/i);
  });

  it("takes the BOM off an English first header", async () => {
    const csv = batchesCsv([batchRow({ sample_id: "BOM-1" })]);
    const { result, batches } = await ingestAlone("batches.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(result.status).toBe("loaded");
    expect(batches.map((b) => b.sample_id)).toEqual(["BOM-1"]);
  });

  it("reads GBK (what Excel on a Chinese Windows writes) with CRLF line endings", async () => {
    const text = batchesCsv(GBK_ROWS, { header: "zh", eol: "\r\n" });
    const { result, batches, encoding } = await ingestAlone("批次.csv", encodeGb18030(text, { twoByteOnly: true }));
    expect(result.status).toBe("loaded");
    expect(encoding).toMatch(/gb/i);
    expect(batches.map((b) => [b.sample_id, b.product_name, b.sampled_region, b.producer_region, b.producer_in_city])).toEqual([
      ["GBK-1", "铜芯电缆·阻燃型", "500112", "市外:四川省", false],
      ["GBK-2", "插头插座", "500240", "500112", true],
    ]);
  });

  it("reads GB18030 events too", async () => {
    const h = await openHarness();
    try {
      await h.ingest("批次.csv", batchesCsv([batchRow({ sample_id: "GE-1" })]));
      const events = eventsCsv([eventRow({ sample_id: "GE-1", event: "确定复检机构", agency: "国家𠀀检测中心", note: "䶮" })], { header: "zh" });
      const result = await h.ingest("事件.csv", encodeGb18030(events));
      expect(result.status).toBe("loaded");
      expect(await h.rows("SELECT agency, note FROM events")).toEqual([{ agency: "国家𠀀检测中心", note: "䶮" }]);
    } finally {
      h.close();
    }
  });

  it("detects GB18030 whose first non-ASCII byte comes after the first megabyte", async () => {
    const padding = "x".repeat(1_100_000);
    const header = ["padding", ...BATCH_KEYS].join(",");
    const row = BATCH_KEYS.map((k) => batchRow({ sample_id: "LATE-GB" })[k]).join(",");
    const bytes = Buffer.concat([Buffer.from(`${header}\n${padding},`, "ascii"), encodeGb18030(`${row}\n`)]);
    expect(bytes.subarray(0, 1 << 20).every((b) => b < 0x80), "the first megabyte is plain ASCII").toBe(true);
    const { result, batches } = await ingestAlone("batches.csv", bytes);
    expect(result.status).toBe("loaded");
    expect(batches.map((b) => [b.sample_id, b.organizer, b.sampled_region])).toEqual([["LATE-GB", "重庆市市场监督管理局", "500103"]]);
  });
});

describe("CSV structure", () => {
  it("gives the same rows for LF and CRLF line endings, with or without a final line break", async () => {
    const rows = [batchRow({ sample_id: "E-1" }), batchRow({ sample_id: "E-2", channel: "电商", platform: "淘宝" })];
    const lf = await ingestAlone("batches.csv", batchesCsv(rows));
    const crlf = await ingestAlone("batches.csv", batchesCsv(rows, { eol: "\r\n" }));
    const crlfNoFinal = await ingestAlone("batches.csv", batchesCsv(rows, { eol: "\r\n", noFinalEol: true }));
    expect(lf.batches).toHaveLength(2);
    expect(lf.batches[1]).toMatchObject({ platform: "淘宝", serious: false }); // no \r left in the last column
    expect(crlf.batches).toEqual(lf.batches);
    expect(crlfNoFinal.batches).toEqual(lf.batches);
  });

  it("keeps commas, quotes and line breaks inside quoted fields; row numbers count records, header = row 1", async () => {
    const h = await openHarness();
    try {
      const rows = [
        batchRow({ sample_id: "Q-2", product_name: "电缆, 2.5mm²", producer_address: "重庆市渝北区\n示例路1号", brand: '"好"牌' }),
        batchRow({ sample_id: "Q-3" }),
        batchRow({ sample_id: "Q-4", level: "省级" }),
        batchRow({ sample_id: "Q-5", model: "第一行\n第二行\n第三行" }),
        batchRow({ sample_id: "Q-6", sampling_date: "2025-02-30" }),
      ];
      const csv = batchesCsv(rows);
      expect(csv.split("\n").length - 1, "the file has more lines than records").toBeGreaterThan(rows.length + 1);
      const result = await h.ingest("quoted_batches.csv", csv);
      expect(result.rows_read).toBe(5);
      expect(await h.rows("SELECT sample_id, source_row, product_name, producer_address, brand, model FROM batches ORDER BY source_row")).toEqual([
        { sample_id: "Q-2", source_row: 2, product_name: "电缆, 2.5mm²", producer_address: "重庆市渝北区\n示例路1号", brand: '"好"牌', model: "BV 2.5" },
        { sample_id: "Q-3", source_row: 3, product_name: "聚氯乙烯绝缘电缆", producer_address: "重庆市渝北区示例路1号", brand: "示例牌", model: "BV 2.5" },
        { sample_id: "Q-5", source_row: 5, product_name: "聚氯乙烯绝缘电缆", producer_address: "重庆市渝北区示例路1号", brand: "示例牌", model: "第一行\n第二行\n第三行" },
      ]);
      expect((await h.rejections("quoted_batches.csv")).map((r) => [r.row_number, r.sample_id, r.column_name, r.reason_code])).toEqual([
        [4, "Q-4", "level", "enum"],
        [6, "Q-6", "sampling_date", "date"],
      ]);
    } finally {
      h.close();
    }
  });

  it("reads a multi-row file whose list cells use ; as comma-separated (; is a list separator, not the delimiter)", async () => {
    const rows = ["L-1", "L-2", "L-3"].map((id) => batchRow({ sample_id: id, sampler_ids: "S001;S002", inspector_ids: "I001;I002" }));
    const { result, batches } = await ingestAlone("batches.csv", batchesCsv(rows));
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("loaded");
    expect(batches.map((b) => [b.sample_id, b.sampler_ids, b.inspector_ids])).toEqual(
      ["L-1", "L-2", "L-3"].map((id) => [id, ["S001", "S002"], ["I001", "I002"]]),
    );
  });
});

describe(".xlsx: first sheet, header in row 1", () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  async function writeWorkbook(name: string, header: string[], rows: ExcelJS.CellValue[][]): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("批次");
    sheet.addRow(header);
    for (const row of rows) sheet.addRow(row);
    const other = workbook.addWorksheet("说明");
    other.addRow(["这张表不是数据"]);
    other.addRow(["样品编号", "随便"]);
    const path = join(dir.path, name);
    await workbook.xlsx.writeFile(path);
    return path;
  }

  const columns = [...BATCH_KEYS].reverse();
  const header = columns.map((k) => BATCH_ZH[k]);
  const cells = (row: BatchRow, typed: Partial<Record<BatchKey, ExcelJS.CellValue>> = {}) =>
    columns.map((k) => (k in typed ? typed[k]! : row[k] === "" ? null : row[k]));

  it("reads text and number cells, and numbers rows as the sheet does", async () => {
    const path = await writeWorkbook("抽查批次.xlsx", header, [
      cells(batchRow({ sample_id: "X-2", product_name: "𠀀牌电线" }), { plan_year: 2025, onsite: 1 }),
      cells(batchRow({ sample_id: "X-3", level: "省级" })),
      cells(batchRow({ sample_id: "X-4", sampling_date: "2025年3月9日", sampler_ids: "S7;S8" })),
    ]);
    const h = await openHarness();
    try {
      const [result] = (await h.ingestPaths([path])).files;
      expect(result.status).toBe("loaded");
      expect(result.kind).toBe("batches");
      expect(result.rows_read).toBe(3);
      expect(await h.rows("SELECT sample_id, source_row, product_name, plan_year, sampling_date, onsite, sampler_ids FROM batches ORDER BY sample_id")).toEqual([
        { sample_id: "X-2", source_row: 2, product_name: "𠀀牌电线", plan_year: 2025, sampling_date: "2025-03-10", onsite: true, sampler_ids: ["S001", "S002"] },
        { sample_id: "X-4", source_row: 4, product_name: "聚氯乙烯绝缘电缆", plan_year: 2025, sampling_date: "2025-03-09", onsite: false, sampler_ids: ["S7", "S8"] },
      ]);
      expect((await h.rejections("抽查批次.xlsx")).map((r) => [r.row_number, r.column_name, r.reason_code])).toEqual([[3, "level", "enum"]]);
    } finally {
      h.close();
    }
  });

  it("reads Excel date cells as the day they show", async () => {
    // what a user gets by typing 2025-03-10 into Excel: a date cell (a serial number with a date format)
    const path = await writeWorkbook("batches.xlsx", header, [
      cells(batchRow({ sample_id: "XD-1" }), { sampling_date: new Date(Date.UTC(2025, 2, 10)), report_date: new Date(Date.UTC(2025, 2, 25)) }),
    ]);
    const h = await openHarness();
    try {
      const [result] = (await h.ingestPaths([path])).files;
      // the status and the whole-file reason first, so a refusal says why
      expect({ status: result.status, error: result.error }).toEqual({ status: "loaded", error: undefined });
      expect(result.rejections).toEqual([]);
      expect(await h.rows("SELECT sample_id, sampling_date, report_date FROM batches")).toEqual([
        { sample_id: "XD-1", sampling_date: "2025-03-10", report_date: "2025-03-25" },
      ]);
    } finally {
      h.close();
    }
  });

  it("rejects a workbook without a required column, writing nothing", async () => {
    const columns = BATCH_KEYS.filter((k) => k !== "outcome");
    const path = await writeWorkbook("batches.xlsx", columns as string[], [columns.map((k) => batchRow()[k])]);
    const h = await openHarness();
    try {
      const [result] = (await h.ingestPaths([path])).files;
      expect(result.status).toBe("rejected");
      expect(result.error).toContain("抽样结果");
      expect(await h.rows("SELECT * FROM batches")).toEqual([]);
      expect(await h.rows("SELECT * FROM ingest_log")).toEqual([]);
    } finally {
      h.close();
    }
  });
});

describe("headers", () => {
  const rows = [batchRow({ sample_id: "H-1" }), batchRow({ sample_id: "H-2", conclusion: "不合格", failed_items: "绝缘电阻", channel: "电商", platform: "拼多多" })];
  let reference: Record<string, unknown>[];
  beforeEach(async () => {
    reference ??= (await ingestAlone("batches.csv", batchesCsv(rows))).batches;
  });

  it("accepts the columns in any order", async () => {
    const { batches } = await ingestAlone("batches.csv", batchesCsv(rows, { columns: [...BATCH_KEYS].reverse() }));
    expect(batches).toEqual(reference);
  });

  it("accepts Chinese labels and English keys mixed in one header", async () => {
    const { batches } = await ingestAlone("batches.csv", batchesCsv(rows, { header: (k) => (BATCH_KEYS.indexOf(k) % 2 ? BATCH_ZH[k] : k) }));
    expect(batches).toEqual(reference);
  });

  it("trims full-width and ASCII spaces around every header and cell", async () => {
    const padded = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === "" ? "\u3000" : `\u3000 ${v}\u3000`])) as BatchRow);
    const { result, batches } = await ingestAlone("batches.csv", batchesCsv(padded, { header: (k) => `\u3000${BATCH_ZH[k]} ` }));
    expect(result.status).toBe("loaded");
    expect(batches).toEqual(reference);
  });

  it("loads a file with only the required columns; optional ones are missing, yes/no default to no", async () => {
    const { result, batches } = await ingestAlone("batches.csv", batchesCsv([batchRow({ sample_id: "MIN-1", outcome: "拒检" })], { columns: REQUIRED_BATCH_KEYS }));
    expect(result.status).toBe("loaded");
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ sample_id: "MIN-1", brand: null, producer_uscc: null, producer_region: null, producer_in_city: null, onsite: false, serious: false, conclusion: null });
  });

  it("keeps extra columns aside in batches.extra_columns, events.extra_columns and ingest_log.extra_columns", async () => {
    const h = await openHarness();
    try {
      const batches = await h.ingest("batches.csv", batchesCsv([batchRow({ sample_id: "XC-1" })], { extra: { 内部编号: "NB-7", "remark x": "随附" } }));
      expect(batches.status).toBe("loaded");
      expect(batches.extra_columns).toEqual(["内部编号", "remark x"]);
      const events = await h.ingest("events.csv", eventsCsv([eventRow({ sample_id: "XC-1" })], { header: "zh", extra: { 经办人编号: "E9" } }));
      expect(events.status).toBe("loaded");
      const [b] = await h.rows("SELECT CAST(CAST(extra_columns AS JSON) AS VARCHAR) AS extra FROM batches");
      expect(JSON.parse(b.extra as string)).toEqual({ 内部编号: "NB-7", "remark x": "随附" });
      const [e] = await h.rows("SELECT CAST(CAST(extra_columns AS JSON) AS VARCHAR) AS extra FROM events");
      expect(JSON.parse(e.extra as string)).toEqual({ 经办人编号: "E9" });
      expect(await h.rows("SELECT file_name, extra_columns FROM ingest_log ORDER BY ingest_id")).toEqual([
        { file_name: "batches.csv", extra_columns: ["内部编号", "remark x"] },
        { file_name: "events.csv", extra_columns: ["经办人编号"] },
      ]);
    } finally {
      h.close();
    }
  });

  it("leaves an empty extra cell out of extra_columns (empty string = missing), and a row with none has NULL", async () => {
    const base = batchesCsv(["EX-1", "EX-2", "EX-3"].map((sample_id) => batchRow({ sample_id }))).split("\n").filter(Boolean);
    const extras = ["内部编号,备注", "NB-1,", ",", "NB-3,随附"];
    const h = await openHarness();
    try {
      const result = await h.ingest("batches.csv", base.map((line, i) => `${line},${extras[i]}`).join("\n") + "\n");
      expect(result.status).toBe("loaded");
      expect(result.extra_columns).toEqual(["内部编号", "备注"]);
      const rows = await h.rows("SELECT sample_id, CAST(CAST(extra_columns AS JSON) AS VARCHAR) AS extra FROM batches ORDER BY sample_id");
      expect(rows.map((r) => [r.sample_id, r.extra === null ? null : JSON.parse(r.extra as string)])).toEqual([
        ["EX-1", { 内部编号: "NB-1" }],
        ["EX-2", null],
        ["EX-3", { 内部编号: "NB-3", 备注: "随附" }],
      ]);
    } finally {
      h.close();
    }
  });

  it.each([
    ["2025_batches_export.csv", "batches"],
    ["第一季度批次.csv", "batches"],
    ["events_q1.csv", "events"],
    ["第一季度事件.csv", "events"],
  ] as const)("tells the kind of %s by its name", async (name, kind) => {
    // Headers shared by both kinds only: the name must decide.
    const h = await openHarness();
    try {
      const content = kind === "batches" ? batchesCsv([batchRow()]) : eventsCsv([eventRow()]);
      const result = await h.ingest(name, content);
      expect(result.kind).toBe(kind);
    } finally {
      h.close();
    }
  });

  it("tells the kind by the headers when the name does not", async () => {
    const h = await openHarness();
    try {
      expect((await h.ingest("export1.csv", batchesCsv([batchRow({ sample_id: "K-1" })], { header: "zh" }))).kind).toBe("batches");
      const events = await h.ingest("export2.csv", eventsCsv([eventRow({ sample_id: "K-1" })]));
      expect(events.kind).toBe("events");
      expect(events.rows_loaded).toBe(1);
    } finally {
      h.close();
    }
  });
});

describe("a file that cannot be taken is rejected whole, the database unchanged", () => {
  // One database for all cases: each case compares its own before and after.
  let dir: TempDir;
  let dbPath: string;
  beforeAll(async () => {
    dir = tempDir();
    dbPath = join(dir.path, "spotcheck.duckdb");
    // a database with content: batches, an event, a rejection, a pending event
    const summary = await ingestIntoDatabase(dbPath, [
      dir.write("base_batches.csv", batchesCsv([batchRow({ sample_id: "B-1" }), batchRow({ sample_id: "B-2", level: "省级" })])),
      dir.write("base_events.csv", eventsCsv([eventRow({ sample_id: "B-1" }), eventRow({ sample_id: "NOT-YET" })])),
    ]);
    expect(summary.files.map((f) => f.status)).toEqual(["loaded", "loaded"]);
  });
  afterAll(() => dir.remove());

  async function dump() {
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      return await dumpDatabase(db.conn);
    } finally {
      db.close();
    }
  }

  const csv = batchesCsv([batchRow({ sample_id: "NEW-1" }), batchRow({ sample_id: "NEW-2" })]);
  const [header, first] = csv.split("\n");
  const broken: [string, string, string | Buffer, RegExp | null][] = [
    ["a batches file missing a required column", "batches.csv",
      batchesCsv([batchRow({ sample_id: "NEW-1" })], { columns: BATCH_KEYS.filter((k) => k !== "sampling_date"), header: "zh" }), /抽样日期/],
    ["an events file missing a required column", "events.csv",
      eventsCsv([eventRow({ sample_id: "B-1", event: "同意公开" })], { columns: ["sample_id", "event", "result"] }), /日期|date/],
    ["an unterminated quote", "batches.csv", `${header}\n${first}\n"NEW-2,${first.slice(first.indexOf(",") + 1)}\n`, /第 3 行.*引号/],
    ["a last row with one field too many", "batches.csv", `${header}\n${first}\n${first.replace("CQ2025-0001", "NEW-2")},多余\n`, null],
    ["a middle row with one field too many", "batches.csv", `${header}\n${first.replace("CQ2025-0001", "NEW-2")},多余\n${first}\n`, null],
    ["a row with one field too few", "batches.csv", `${header}\n${first}\n${first.replace("CQ2025-0001", "NEW-2").replace(/,[^,]*$/, "")}\n`, null],
    ["bytes that are neither UTF-8 nor GB18030", "batches.csv",
      Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xff, 0xff, 0x2c, 0xff, 0xfe]), Buffer.from(`${first.slice(first.indexOf(","))}\n`)]), /字节（第 2 行）/],
    ["random invalid bytes", "batches.csv", Buffer.from([0xff, 0xff, 0x80, 0xff, 0x0a, 0xff, 0xfe, 0x0a]), null],
    ["an empty file", "batches.csv", "", null],
    ["a file whose kind cannot be told", "export.csv", "甲,乙,丙\n1,2,3\n", null],
    // issue 9: hostile files
    ["a UTF-8 BOM before a GB18030 body", "batches.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encodeGb18030(batchesCsv([batchRow({ sample_id: "NEW-1" })], { header: "zh" }))]), /编码混杂/],
    ["UTF-16 (Excel's Unicode text)", "batches.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]), /UTF-16/],
    ["a text file named .xlsx", "batches.xlsx", csv, /扩展名改为 \.csv/],
    ["LF and CRLF line breaks mixed", "batches.csv", `${header}\n${first}\r\n${first.replace("CQ2025-0001", "NEW-2")}\n`, /换行符混用.*第 2 行/],
    ["a record over 2,000,000 bytes", "batches.csv", `${header}\n${first.replace("示例牌", "长".repeat(700_000))}\n`, /第 2 行超过每行 2,000,000 字节的上限/],
  ];

  it.each(broken)("%s", async (_name, fileName, content, mentions) => {
    const before = await dump();
    const summary = await ingestIntoDatabase(dbPath, [dir.write(fileName, content)]);
    const [result] = summary.files;
    expect(result.status).toBe("rejected");
    expect(result.error, "the reason is told in Chinese").toMatch(/[\u4e00-\u9fff]/);
    if (mentions) expect(result.error).toMatch(mentions);
    expect(result.rows_loaded).toBe(0);
    expect(await dump()).toEqual(before);
  });

  it("rejects only the broken file of a delivery: each file is its own transaction", async () => {
    const ownDb = join(dir.path, "own.duckdb");
    const summary = await ingestIntoDatabase(ownDb, [
      dir.write("good_batches.csv", batchesCsv([batchRow({ sample_id: "G-1" })])),
      dir.write("bad_batches.csv", batchesCsv([batchRow({ sample_id: "G-2" })], { columns: BATCH_KEYS.filter((k) => k !== "sample_id") })),
    ]);
    expect(Object.fromEntries(summary.files.map((f) => [f.file.split("/").pop(), f.status]))).toEqual({ "good_batches.csv": "loaded", "bad_batches.csv": "rejected" });
    const db = await openDatabase(ownDb, { readOnly: true });
    try {
      expect(await query(db.conn, "SELECT sample_id FROM batches")).toEqual([{ sample_id: "G-1" }]);
      expect(await query(db.conn, "SELECT file_name FROM ingest_log")).toEqual([{ file_name: "good_batches.csv" }]);
    } finally {
      db.close();
    }
  });
});

describe("re-ingest", () => {
  let h: IngestHarness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.close());

  it("changes nothing when the same files are ingested twice", async () => {
    const batches = h.dir.write("batches.csv", batchesCsv([batchRow({ sample_id: "I-1" }), batchRow({ sample_id: "I-2", kind: "例行" })]));
    const events = h.dir.write("events.csv", eventsCsv([eventRow({ sample_id: "I-1" }), eventRow({ sample_id: "I-9" })]));
    const first = await h.ingestPaths([batches, events]);
    expect(first.files.map((f) => f.status)).toEqual(["loaded", "loaded"]);
    const before = await dumpDatabase(h.db.conn);
    const second = await h.ingestPaths([batches, events]);
    expect(second.files.map((f) => f.status)).toEqual(["unchanged", "unchanged"]);
    expect(await dumpDatabase(h.db.conn)).toEqual(before);
  });

  it("replaces a batch by sample_id when a corrected export changes a value", async () => {
    await h.ingest("batches_v1.csv", batchesCsv([batchRow({ sample_id: "R-1" }), batchRow({ sample_id: "R-2" })]));
    const result = await h.ingest("batches_v2.csv", batchesCsv([batchRow({ sample_id: "R-1", conclusion: "不合格", failed_items: "绝缘电阻", product_name: "更正后的名称" })]));
    expect(result.status).toBe("loaded");
    expect(await h.rows("SELECT sample_id, conclusion, failed_items, product_name, source_file FROM batches ORDER BY sample_id")).toEqual([
      { sample_id: "R-1", conclusion: "不合格", failed_items: ["绝缘电阻"], product_name: "更正后的名称", source_file: "batches_v2.csv" },
      { sample_id: "R-2", conclusion: "合格", failed_items: null, product_name: "聚氯乙烯绝缘电缆", source_file: "batches_v1.csv" },
    ]);
  });

  it("replaces a file's earlier rejections when a corrected file of the same name comes", async () => {
    await h.ingest("batches.csv", batchesCsv([batchRow({ sample_id: "C-1" }), batchRow({ sample_id: "C-2", sampled_region: "成都" })]));
    expect((await h.rejections("batches.csv")).map((r) => r.sample_id)).toEqual(["C-2"]);
    const result = await h.ingest("batches.csv", batchesCsv([batchRow({ sample_id: "C-1" }), batchRow({ sample_id: "C-2", sampled_region: "江北" })]));
    expect(result.status).toBe("loaded");
    expect(await h.rejections("batches.csv")).toEqual([]);
    expect(await h.rows("SELECT sample_id, sampled_region FROM batches ORDER BY sample_id")).toEqual([
      { sample_id: "C-1", sampled_region: "500103" }, { sample_id: "C-2", sampled_region: "500105" },
    ]);
  });

  it("replaces an event by (sample_id, event, date), whatever form the date is written in", async () => {
    await h.ingest("batches.csv", batchesCsv([batchRow({ sample_id: "EV-1" })]));
    await h.ingest("events_v1.csv", eventsCsv([eventRow({ sample_id: "EV-1", event: "复检结论", date: "2025-05-01", result: "合格" })]));
    await h.ingest("events_v2.csv", eventsCsv([eventRow({ sample_id: "EV-1", event: "复检结论", date: "2025年5月1日", result: "不合格" })]));
    expect(await h.rows("SELECT sample_id, event, date, result, source_file FROM events")).toEqual([
      { sample_id: "EV-1", event: "复检结论", date: "2025-05-01", result: "不合格", source_file: "events_v2.csv" },
    ]);
  });
});

describe("ingest_log and the summary", () => {
  it("records each file's name, SHA-256 and row counts", async () => {
    const h = await openHarness();
    try {
      const batches = batchesCsv([batchRow({ sample_id: "LOG-1" }), batchRow({ sample_id: "LOG-2" }), batchRow({ sample_id: "LOG-3", plan_year: "明年" })]);
      const events = eventsCsv([eventRow({ sample_id: "LOG-1" }), eventRow({ sample_id: "LOG-X" }), eventRow({ sample_id: "LOG-2", event: "未知事件" })]);
      const gbEvents = encodeGb18030(events);
      const summary = await h.ingestPaths([h.dir.write("log_batches.csv", batches), h.dir.write("log_events.csv", gbEvents)]);
      expect(summary.files.map((f) => [f.status, f.rows_read, f.rows_loaded, f.rows_rejected, f.rows_pending])).toEqual([
        ["loaded", 3, 2, 1, 0],
        ["loaded", 3, 1, 1, 1],
      ]);
      expect(await h.rows("SELECT file_name, content_sha256, file_kind, rows_read, rows_loaded, rows_rejected, rows_pending FROM ingest_log ORDER BY ingest_id")).toEqual([
        { file_name: "log_batches.csv", content_sha256: sha256(batches), file_kind: "batches", rows_read: 3, rows_loaded: 2, rows_rejected: 1, rows_pending: 0 },
        { file_name: "log_events.csv", content_sha256: sha256(gbEvents), file_kind: "events", rows_read: 3, rows_loaded: 1, rows_rejected: 1, rows_pending: 1 },
      ]);
      // the summary's rejection samples say file, row, column and reason
      const [b, e] = summary.files;
      expect(b.rejections_by_reason).toEqual({ integer: 1 });
      expect(b.rejections).toEqual([expect.objectContaining({ row: 4, column: "plan_year", value: "明年", reason_code: "integer" })]);
      expect(e.rejections).toEqual([expect.objectContaining({ row: 4, column: "event", value: "未知事件", reason_code: "enum" })]);
      expect(await h.rows("SELECT file_name, file_kind, row_number, column_name, reason_code FROM rejected_rows ORDER BY file_name")).toEqual([
        { file_name: "log_batches.csv", file_kind: "batches", row_number: 4, column_name: "plan_year", reason_code: "integer" },
        { file_name: "log_events.csv", file_kind: "events", row_number: 4, column_name: "event", reason_code: "enum" },
      ]);
      expect(readFileSync(summary.files[1].file).equals(gbEvents)).toBe(true);
    } finally {
      h.close();
    }
  });
});

describe("late events: waiting for their batch", () => {
  let h: IngestHarness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.close());

  const lateEvents = [
    eventRow({ sample_id: "LATE-1", event: "不合格告知", date: "2025-04-01" }),
    eventRow({ sample_id: "LATE-1", event: "复检结论", date: "2025-05-10", result: "合格" }),
    eventRow({ sample_id: "KNOWN-1", event: "合格告知", date: "2025-04-02" }),
  ];

  it("keeps events of an unknown batch in pending_events and takes them in when the batch comes", async () => {
    await h.ingest("known_batches.csv", batchesCsv([batchRow({ sample_id: "KNOWN-1" })]));
    const events = await h.ingest("late_events.csv", eventsCsv(lateEvents));
    expect([events.rows_loaded, events.rows_pending, events.rows_rejected]).toEqual([1, 2, 0]);
    expect(await h.rows("SELECT sample_id, event FROM pending_events ORDER BY date")).toEqual([
      { sample_id: "LATE-1", event: "不合格告知" }, { sample_id: "LATE-1", event: "复检结论" },
    ]);
    expect(await h.rows("SELECT sample_id FROM events")).toEqual([{ sample_id: "KNOWN-1" }]);

    const batches = await h.ingest("late_batches.csv", batchesCsv([batchRow({ sample_id: "LATE-1", conclusion: "不合格", failed_items: "绝缘电阻" })]));
    expect(batches.events_released).toBe(2);
    expect(await h.rows("SELECT * FROM pending_events")).toEqual([]);
    expect(await h.rows("SELECT sample_id, event, date, result FROM events WHERE sample_id = 'LATE-1' ORDER BY date")).toEqual([
      { sample_id: "LATE-1", event: "不合格告知", date: "2025-04-01", result: null },
      { sample_id: "LATE-1", event: "复检结论", date: "2025-05-10", result: "合格" },
    ]);
    // the 复检结论 is final (article 58): the initial 不合格 gives way to 合格
    expect(await h.rows("SELECT conclusion, final_conclusion, final_by FROM batch_results WHERE sample_id = 'LATE-1'")).toEqual([
      { conclusion: "不合格", final_conclusion: "合格", final_by: "复检" },
    ]);
  });

  it("replaces a pending event re-delivered with the same key, without a duplicate", async () => {
    await h.ingest("events_a.csv", eventsCsv([eventRow({ sample_id: "LATE-2", event: "复检结论", date: "2025-05-10", result: "合格" })]));
    await h.ingest("events_b.csv", eventsCsv([eventRow({ sample_id: "LATE-2", event: "复检结论", date: "2025/5/10", result: "不合格" })]));
    expect(await h.rows("SELECT sample_id, result FROM pending_events")).toEqual([{ sample_id: "LATE-2", result: "不合格" }]);
    await h.ingest("batches.csv", batchesCsv([batchRow({ sample_id: "LATE-2" })]));
    expect(await h.rows("SELECT result FROM events")).toEqual([{ result: "不合格" }]);
    expect(await h.rows("SELECT final_conclusion FROM batch_results")).toEqual([{ final_conclusion: "不合格" }]);
  });

  it("delivers a folder's events to its batches whatever order the files are named in", async () => {
    const folder = tempDir();
    try {
      folder.write("a_events.csv", eventsCsv(lateEvents));
      folder.write("b_batches.csv", batchesCsv([batchRow({ sample_id: "LATE-1" }), batchRow({ sample_id: "KNOWN-1" })]));
      const summary = await h.ingestPaths([folder.path]);
      expect(summary.files.map((f) => f.status)).toEqual(["loaded", "loaded"]);
      expect(await h.rows("SELECT CAST(count(*) AS INTEGER) AS n FROM events")).toEqual([{ n: 3 }]);
      expect(await h.rows("SELECT * FROM pending_events")).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

// The English keys and Chinese labels of the spec must all be distinct: a test of the builders.
it("the builders' column table has 37 batch columns and 6 event columns with distinct labels", () => {
  expect(BATCH_KEYS).toHaveLength(37);
  expect(new Set(Object.values(BATCH_ZH)).size).toBe(37);
  expect(Object.keys(EVENT_ZH)).toEqual(["sample_id", "event", "date", "result", "agency", "note"]);
});
