// The search of /public/results as people search (issue 12): the verdict as a search word,
// traditional characters finding simplified text, and the filtered download with the yearly
// file's columns. The shards are written by the export's own code (results-shards.ts) and read
// and searched by the browser's module (src/components/public-results.ts), run here in Node.
// Oracles: hand-picked rows and expectations, PUBLIC_FIELDS (the whitelist) and the server's
// yearly CSV writer (publishedRowsCsv), not the browser code under test.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { publishedRowsCsv } from "../loaders/disclosure/csv-export.ts";
import { PUBLIC_FIELDS, type PublishedRow } from "../loaders/disclosure/whitelist.ts";
import { resultsShard } from "../loaders/site/public/results-shards.ts";
import { toExcelCsv } from "../src/components/excel-csv.ts";
import { ResultList, csvCells, readShard, searchTerms, type Filters } from "../src/components/public-results.ts";

const row = (over: Partial<PublishedRow>): PublishedRow => ({
  sample_id: "X", quarter: "2025Q3", sampling_date: "2025-08-12", level: "市级", organizer: "重庆市市场监督管理局",
  product_category: "家用电器", product_name: "电热水壶", brand: "示例", model: "SH-1500", batch_no: "20250601",
  producer_name: "重庆示例电器有限公司", producer_address: "重庆市江北区示例路1号", producer_region: "江北区",
  sampled_name: "重庆示例百货商行", sampled_region: "江北区", channel: "流通", platform: null,
  inspection_agency: "重庆市质量检验检测研究院", failed_items: [], conclusion: "合格", conclusion_by: "初检",
  approved_on: "2025-10-10", final_on: "2025-09-20", ...over,
});

const rows: PublishedRow[] = [
  row({ sample_id: "KETTLE-FAIL", conclusion: "不合格", failed_items: ["泄漏电流", "标志和说明"] }),
  row({ sample_id: "KETTLE-PASS" }),
  row({ sample_id: "KETTLE-RECHECK", conclusion_by: "复检" }), // 合格 after re-inspection (article 58)
  row({ sample_id: "BIKE-FAIL", product_category: "电动自行车", product_name: "电动自行车", model: "-10号（VI）",
    conclusion: "不合格", failed_items: ["整车质量"], sampled_region: "渝北区" }),
  row({ sample_id: "BIKE-PASS", product_category: "电动自行车", product_name: "电动自行车", model: "TDT-48V" }),
  // a name holding the word 合格, with a 不合格 verdict: the verdict word must not find it
  row({ sample_id: "NAMED-HEGE", producer_name: "重庆合格证印刷厂", product_name: "合格证标签", product_category: "印刷品",
    conclusion: "不合格", failed_items: ["甲醛"] }),
];

const shard = readShard(resultsShard(rows));
const ids = (filters: Filters) => new ResultList([shard], filters).all().map((r) => r.sample_id).sort();
const found = (query: string) => ids({ terms: searchTerms(query) });

describe("the verdict is a search word", () => {
  it("不合格 finds exactly the batches found not conforming", () => {
    expect(found("不合格")).toEqual(["BIKE-FAIL", "KETTLE-FAIL", "NAMED-HEGE"]);
  });

  it("合格 finds the conforming batches only, not the 不合格 ones that contain it, nor a name holding the word", () => {
    expect(found("合格")).toEqual(["BIKE-PASS", "KETTLE-PASS", "KETTLE-RECHECK"]);
  });

  it("combines with other words and with the filters", () => {
    expect(found("电动自行车 不合格")).toEqual(["BIKE-FAIL"]);
    expect(found("电热水壶 合格")).toEqual(["KETTLE-PASS", "KETTLE-RECHECK"]);
    expect(ids({ terms: searchTerms("不合格"), region: "渝北区" })).toEqual(["BIKE-FAIL"]);
    expect(ids({ terms: searchTerms("合格"), conclusion: "不合格" })).toEqual([]);
  });

  it("other words are still substrings: 合格证 finds the printer by its name and products, 格 alone does not match every verdict", () => {
    expect(found("合格证")).toEqual(["NAMED-HEGE"]);
    expect(found("格")).toEqual(["NAMED-HEGE"]); // in 合格证 — the verdict column is not substring-searched
  });
});

describe("traditional characters find simplified text", () => {
  it("converts the query from traditional to simplified", () => {
    expect(searchTerms("電熱水壺")).toEqual(["电热水壶"]);
    expect(searchTerms("電動自行車  不合格")).toEqual(["电动自行车", "不合格"]);
    expect(searchTerms("电热水壶")).toEqual(["电热水壶"]); // simplified stays as typed
    expect(searchTerms("衞生巾 綫纜")).toEqual(["卫生巾", "线缆"]); // Hong Kong variants too
  });

  it("電熱水壺 finds the 电热水壶 batches, 電動自行車 不合格 the failing bicycle", () => {
    expect(found("電熱水壺")).toEqual(["KETTLE-FAIL", "KETTLE-PASS", "KETTLE-RECHECK"]);
    expect(found("電動自行車 不合格")).toEqual(["BIKE-FAIL"]);
    expect(found("洩漏電流")).toEqual(["KETTLE-FAIL"]); // the failing item 泄漏电流, typed with the Taiwan variant 洩
  });
});

describe("each row carries its page", () => {
  it("links the batch's own page at /public/result/<sampling year>/<sample id>", () => {
    const all = new ResultList([shard]).all();
    expect(all.find((r) => r.sample_id === "BIKE-FAIL")!.page_path).toBe("/public/result/2025/BIKE-FAIL");
  });
});

describe("the filtered download has the yearly file's columns", () => {
  const yearly = publishedRowsCsv(rows);
  const filtered = () => {
    const { header, rows: cells } = csvCells(new ResultList([shard]).all());
    return toExcelCsv(header, cells);
  };
  const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { newline: "\r\n", skipEmptyLines: true }).data;

  it("has the whitelist's 23 headings, in its order", () => {
    expect(parse(filtered())[0]).toEqual(PUBLIC_FIELDS.map((f) => f.label));
    expect(parse(filtered())[0]).toHaveLength(23);
    expect(parse(filtered())[0]).toEqual(parse(yearly)[0]);
  });

  it("is, for the same rows, the yearly file's text: every value as published, formula cells guarded the same way", () => {
    // the shard keeps the newest rows first; these rows are all of one day, so the order is the given one
    expect(filtered()).toBe(yearly);
    const bike = parse(filtered()).find((cells) => cells[0] === "BIKE-FAIL")!;
    expect(bike[PUBLIC_FIELDS.findIndex((f) => f.key === "model")]).toBe("'-10号（VI）"); // OWASP guard kept
    expect(bike[PUBLIC_FIELDS.findIndex((f) => f.key === "approved_on")]).toBe("2025-10-10");
    expect(bike[PUBLIC_FIELDS.findIndex((f) => f.key === "final_on")]).toBe("2025-09-20");
  });
});
