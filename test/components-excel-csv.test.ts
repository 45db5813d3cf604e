// The platform's one CSV writer (src/components/excel-csv.ts; the server re-exports it from
// loaders/core/report-output.ts): BOM, CRLF, RFC 4180 quoting, the OWASP formula guard —
// checked against hand-written bytes and against papaparse reading the file back.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
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

describe("the one CSV writer, read back by an independent parser (papaparse, RFC 4180)", () => {
  /** What a spreadsheet would show: each cell as written, an apostrophe before each formula (OWASP list, leading white space trimmed). */
  const shown = (cell: string) => (/^(?:[\t\r\n]|\s*[=+\-@])/.test(cell) ? `'${cell}` : cell);
  const readBack = (text: string) => {
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    return Papa.parse<string[]>(text.slice(1, -2), { newline: "\r\n" }).data;
  };

  it("for formula payloads, quotes, line breaks, CJK, short and long rows", () => {
    const rows = ROWS.filter((row) => row.length > 0);
    const parsed = readBack(toExcelCsv(HEADER, rows));
    expect(parsed[0]).toEqual(HEADER);
    // every row is written to the header's width: short rows padded, long rows cut
    rows.forEach((row, i) => expect(parsed[i + 1]).toEqual(HEADER.map((_, j) => shown(row[j] ?? ""))));
  });

  it("for a header without rows: the header line alone", () => {
    expect(toExcelCsv(HEADER, [])).toBe("\uFEFF样品编号,标称生产者名称,产品名称,商标,不合格项目\r\n");
  });

  it("for 2,000 generated rows of awkward characters", () => {
    // A fixed linear congruential generator: the same rows on every run.
    let seed = 20251231;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", " ", "a", "1", "中", "，", "𠀀", "\uFEFF", "\u3000"];
    const rows: string[][] = [];
    while (rows.length < 2000) rows.push(Array.from({ length: 5 }, () => Array.from({ length: 1 + next(7) }, () => alphabet[next(alphabet.length)]).join("")));
    const parsed = readBack(toExcelCsv(HEADER, rows));
    expect(parsed.length).toBe(2001);
    rows.forEach((row, i) => expect(parsed[i + 1]).toEqual(row.map(shown)));
  });
});

describe("the formula guard (OWASP CSV injection)", () => {
  it("writes the bytes worked out by hand: apostrophe and quotes on formulas, numbers left alone", () => {
    expect(toExcelCsv(["名称", "得分"], [["=1", -1.5], ["a,b", 'x"y'], ["-1.5", 0], [null, undefined]])).toBe(
      "\uFEFF名称,得分\r\n" + "\"'=1\",-1.5\r\n" + '"a,b","x""y"\r\n' + "\"'-1.5\",0\r\n" + ",\r\n",
    );
  });

  it("also neutralises a formula behind leading spaces (half- or full-width), which a spreadsheet may trim", () => {
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
