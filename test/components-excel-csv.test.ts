// The browser's one CSV writer (src/components/excel-csv.ts) against the server's
// (loaders/disclosure/csv-export.ts, papaparse): the same rows give the same bytes — BOM,
// CRLF, RFC 4180 quoting, the OWASP formula guard. Also checked against hand-written bytes
// and against papaparse reading the file back.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { toExcelCsv as nodeCsv } from "../loaders/disclosure/csv-export.ts";
import { csvForExcel, toExcelCsv } from "../src/components/excel-csv.ts";

const HEADER = ["样品编号", "标称生产者名称", "产品名称", "商标", "不合格项目"];

/** Rows a hostile or careless export could hold: formula payloads, quotes, line breaks, CJK. */
const ROWS: string[][] = [
  ["=1+1", "+86-23-6789", "-5", "@SUM(A1)", "\t=1"],
  ["\rx", "\nx", "=cmd|' /C calc'!A0\n第二行", '=HYPERLINK("http://example.invalid","点此")', "-"],
  ['他说"合格"', "重庆市渝北区某某电器有限公司", "插头，插座", "a,b", "第一行\r\n第二行"],
  ["𠀀𠀁（扩展B区汉字）", "", " 前导空格", "尾随空格 ", "\uFEFF带BOM字符"],
  ["'=已有撇号", "a=b", "中文，含逗号", "=", "@"],
  ["短行"],
  ["长行", "1", "2", "3", "4", "多出的一格"],
  [],
];

describe("the browser's CSV writer and the server's write the same bytes", () => {
  it("for formula payloads, quotes, line breaks, CJK, short, long and empty rows", () => {
    expect(toExcelCsv(HEADER, ROWS)).toBe(nodeCsv(HEADER, ROWS));
  });

  it("for a header without rows, but for the server's extra empty line", () => {
    // papaparse reads `data: []` as one empty row, so the server's file of no rows ends in a
    // blank line; the browser writes just the header (an empty filter result downloads as that).
    expect(toExcelCsv(HEADER, [])).toBe("\uFEFF样品编号,标称生产者名称,产品名称,商标,不合格项目\r\n");
    expect(nodeCsv(HEADER, [])).toBe(toExcelCsv(HEADER, []) + "\r\n");
  });

  it("for 2,000 generated rows of awkward characters", () => {
    // A fixed linear congruential generator: the same rows on every run.
    let seed = 20251231;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", " ", "a", "1", "中", "，", "𠀀", "\uFEFF", "\u3000"];
    // The one place the writers differ (see the next block): white space other than TAB, CR, LF before = + - @.
    const hiddenFormula = (c: string) => /^[^\S\t\r\n]/.test(c) && /^[=+\-@]/.test(c.trimStart());
    const rows: string[][] = [];
    while (rows.length < 2000) {
      const row = Array.from({ length: 5 }, () => Array.from({ length: next(7) }, () => alphabet[next(alphabet.length)]).join(""));
      if (!row.some(hiddenFormula)) rows.push(row);
    }
    expect(toExcelCsv(HEADER, rows)).toBe(nodeCsv(HEADER, rows));
  });
});

describe("the formula guard (OWASP CSV injection)", () => {
  it("writes the bytes worked out by hand: apostrophe and quotes on formulas, numbers left alone", () => {
    expect(toExcelCsv(["名称", "得分"], [["=1", -1.5], ["a,b", 'x"y'], ["-1.5", 0], [null, undefined]])).toBe(
      "\uFEFF名称,得分\r\n" + "\"'=1\",-1.5\r\n" + '"a,b","x""y"\r\n' + "\"'-1.5\",0\r\n" + ",\r\n",
    );
  });

  it("also neutralises a formula behind leading spaces (half- or full-width), which a spreadsheet may trim", () => {
    // The server's writer (papaparse with /^[=+\-@\t\r\n]/) quotes these for the leading space but adds no apostrophe.
    const text = toExcelCsv(["甲", "乙", "丙"], [[" =1+1", "\u3000=HYPERLINK(\"http://example.invalid\")", "  @SUM(A1)"]]);
    expect(text.split("\r\n")[1]).toBe("\"' =1+1\",\"'\u3000=HYPERLINK(\"\"http://example.invalid\"\")\",\"'  @SUM(A1)\"");
    // ...but leaves text that only starts with a space alone
    expect(toExcelCsv(["甲"], [[" 普通文字"]]).split("\r\n")[1]).toBe('" 普通文字"');
  });

  it("reads back (papaparse, RFC 4180) as the cells written, an apostrophe before each formula only", () => {
    const text = toExcelCsv(HEADER, ROWS.slice(0, 5));
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { newline: "\r\n", skipEmptyLines: false }).data;
    expect(parsed[0]).toEqual(HEADER);
    const formula = /^[=+\-@\t\r\n]/;
    for (let i = 0; i < 5; i++) expect(parsed[i + 1]).toEqual(ROWS[i].map((c) => (formula.test(c) ? `'${c}` : c)));
    expect(parsed[6]).toEqual([""]); // the final CRLF
  });
});

describe("the catalogue export (objects → CSV)", () => {
  it("has Chinese headers, CRLF line ends and the same guard, line feed included", () => {
    const csv = csvForExcel(
      [{ name: "电线电缆, 电缆", score: -1.5, note: '=HYPERLINK("x")' }, { name: "\n=1+1", score: 2, note: null }],
      ["name", "score", "note"],
      { name: "产品类别", score: "得分", note: "说明" },
    );
    expect(csv).toBe("\uFEFF产品类别,得分,说明\r\n" + '"电线电缆, 电缆",-1.5,"\'=HYPERLINK(""x"")"\r\n' + "\"'\n=1+1\",2,\r\n");
  });
});
