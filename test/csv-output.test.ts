// The platform's one Excel-safe CSV writer (loaders/core/report-output.ts: toExcelCsv, behind every
// `--format csv` and the public download): UTF-8 BOM, CRLF, and the OWASP "CSV Injection"
// guard — a text cell starting with = + - @ TAB CR LF, also after leading white space, gets a
// leading ' (https://owasp.org/www-community/attacks/CSV_Injection).
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { formatRows, toExcelCsv } from "../loaders/core/report-output.ts";
import { publishedRowsCsv } from "../loaders/disclosure/csv-export.ts";
import { PUBLIC_FIELD_KEYS, type PublishedRow } from "../loaders/disclosure/whitelist.ts";

const parse = (text: string) => {
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: "\r\n", skipEmptyLines: true }).data;
};

describe("toExcelCsv", () => {
  it("guards formula-looking text, also after leading spaces, tabs and the ideographic space", () => {
    const cells = ["=1+1", " =1+1", "\u3000+86 1380", "  @SUM(A1)", "\t-x", "\r=1", "\nx", "-", "普通 文字", "a=b", "x-1", "'quoted"];
    const [, row] = parse(toExcelCsv(cells.map((_, i) => `c${i}`), [cells]));
    expect(row).toEqual(["'=1+1", "' =1+1", "'\u3000+86 1380", "'  @SUM(A1)", "'\t-x", "'\r=1", "'\nx", "'-", "普通 文字", "a=b", "x-1", "'quoted"]);
  });

  it("writes numbers as numbers (a negative one is no formula) and guards headings too", () => {
    const [header, row] = parse(toExcelCsv(["=危险", "变化"], [[-0.8, 6.220960574271784e-16]]));
    expect(header).toEqual(["'=危险", "变化"]);
    expect(row).toEqual(["-0.8", "6.220960574271784e-16"]);
  });

  it("writes the public download too: BOM, CRLF, and a formula after a leading space guarded", () => {
    const row = Object.fromEntries(PUBLIC_FIELD_KEYS.map((key) => [key, null])) as unknown as PublishedRow;
    Object.assign(row, { sample_id: "S1", producer_name: " =HYPERLINK(\"http://example.com\")", failed_items: ["-标志", "绝缘电阻"] });
    const [, cells] = parse(publishedRowsCsv([row]));
    expect(cells[PUBLIC_FIELD_KEYS.indexOf("sample_id")]).toBe("S1");
    expect(cells[PUBLIC_FIELD_KEYS.indexOf("producer_name")]).toBe("' =HYPERLINK(\"http://example.com\")");
    expect(cells[PUBLIC_FIELD_KEYS.indexOf("failed_items")]).toBe("'-标志、绝缘电阻");
  });
});

describe("formatRows(…, \"csv\") — every command's --format csv", () => {
  const rows = [
    { producer_name: "=HYPERLINK(\"http://example.com\",\"点击\")", failed_items: ["-标志", "绝缘电阻"], p: 6.220960574271784e-16, days_over: -3, note: null },
    { producer_name: " @某公司", failed_items: [], p: 0.5, days_over: 2, note: "中文，含逗号" },
  ];

  it("has the BOM, CRLF line ends and the formula guard", () => {
    const text = formatRows(rows, "csv");
    expect(text.startsWith("\uFEFFproducer_name,failed_items,p,days_over,note\r\n")).toBe(true);
    const data = parse(text);
    expect(data[1]).toEqual(["'=HYPERLINK(\"http://example.com\",\"点击\")", "'-标志、绝缘电阻", "6.220960574271784e-16", "-3", ""]);
    expect(data[2]).toEqual(["' @某公司", "", "0.5", "2", "中文，含逗号"]);
  });

  it("keeps the given column order and leaves the table format as it was", () => {
    expect(parse(formatRows(rows, "csv", ["days_over", "p"]))).toEqual([["days_over", "p"], ["-3", "6.220960574271784e-16"], ["2", "0.5"]]);
    expect(formatRows(rows, "table")).not.toContain("\uFEFF");
  });
});
