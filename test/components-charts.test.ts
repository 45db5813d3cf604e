// @vitest-environment jsdom
// The chart components (src/components/*.ts) rendered in a DOM (jsdom), checked for what
// their captions promise the reader.
import { beforeAll, describe, expect, it } from "vitest";
import { briefingTable, count, overdueByRegion, regionsLeftOut, TABLE_ROWS } from "../src/components/briefing.ts";
import { tileGridMap } from "../src/components/tile-grid.ts";

beforeAll(() => {
  // jsdom has no canvas; Plot paints a continuous colour legend's ramp on one
  const context = { fillStyle: "", fillRect() {} };
  HTMLCanvasElement.prototype.getContext = (() => context) as unknown as HTMLCanvasElement["getContext"];
  HTMLCanvasElement.prototype.toDataURL = () => "data:,";
});

describe("the region tile grid", () => {
  const tiles = [
    { code: "500112", name: "渝北区", short_name: "渝北", type: "区", col: 0, row: 0 },
    { code: "500103", name: "渝中区", short_name: "渝中", type: "区", col: 1, row: 0 },
    { code: "500191", name: "两江新区", short_name: "两江", type: "功能区", col: 0, row: 1 },
  ];
  const values = new Map([
    ["500112", { inspected: 10, failed: 2, rate: 0.2, ci_low: 0.057, ci_high: 0.51 }],
    ["500191", { inspected: 4, failed: 1, rate: 0.25, ci_low: 0.046, ci_high: 0.7 }],
  ]);

  /** The rects of the tiles' cell marks, grouped by position, with the dash pattern each is drawn with. */
  function tilesDrawn(chart: Element) {
    const at = new Map<string, { fill: string | null; dashed: boolean }[]>();
    for (const rect of chart.querySelectorAll('g[aria-label="cell"] rect')) {
      const key = `${rect.getAttribute("x")},${rect.getAttribute("y")}`;
      const dash = rect.getAttribute("stroke-dasharray") ?? rect.closest("g")!.getAttribute("stroke-dasharray");
      const fill = rect.getAttribute("fill") ?? rect.closest("g")!.getAttribute("fill");
      at.set(key, [...(at.get(key) ?? []), { fill, dashed: dash === "3,2" }]);
    }
    // positions top to bottom, left to right: 渝北 (0,0), 渝中 (1,0), 两江 (0,1)
    return [...at.entries()].sort(([a], [b]) => Number(a.split(",")[1]) - Number(b.split(",")[1]) || Number(a.split(",")[0]) - Number(b.split(",")[0])).map(([, r]) => r);
  }

  it("draws every tile, a grey one where there is no data (无数据)", () => {
    const [yubei, yuzhong, liangjiang] = tilesDrawn(tileGridMap(tiles, values, { width: 400 }));
    expect(yubei.some((r) => r.fill && r.fill !== "none" && r.fill !== "#f0f0f0")).toBe(true);
    expect(yuzhong?.some((r) => r.fill === "#f0f0f0")).toBe(true);
    expect(liangjiang?.some((r) => r.fill && r.fill !== "none" && r.fill !== "#f0f0f0")).toBe(true);
  });

  it("outlines functional zones (功能区) with a dashed line, and only them", () => {
    const drawn = tilesDrawn(tileGridMap(tiles, values, { width: 400 }));
    expect(drawn).toHaveLength(3);
    expect(drawn.map((rects) => rects.some((r) => r.dashed))).toEqual([false, false, true]);
  });
});

describe("the briefing's tables", () => {
  const rows = [
    { region_name: "<img src=x onerror=alert(1)>", overdue: 1234, rules: "A49（第49条）2件" },
    { region_name: "渝北区", overdue: null, rules: "" },
  ];
  const columns = [["region_name", "区县"], ["overdue", "逾期件数", true, count], ["rules", "规则与条款"]] as const;

  it("puts text in as text, numbers right-aligned and formatted, a dash for a missing count", () => {
    const table = briefingTable(columns, rows);
    expect([...table.querySelectorAll("thead th")].map((th) => [th.textContent, th.className, th.getAttribute("scope")]))
      .toEqual([["区县", "", "col"], ["逾期件数", "num", "col"], ["规则与条款", "", "col"]]);
    const cells = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(cells).toEqual([["<img src=x onerror=alert(1)>", "1,234", "A49（第49条）2件"], ["渝北区", "—", ""]]);
    expect(table.querySelectorAll("img")).toHaveLength(0);
    expect(table.querySelectorAll("tbody td.num")).toHaveLength(2);
  });

  it("says how many regions a cut list leaves out, and names the command that lists them all", () => {
    expect(regionsLeftOut(TABLE_ROWS, "2025Q3")).toBe("");
    const note = regionsLeftOut(TABLE_ROWS + 3, "2025Q3") as HTMLElement;
    expect(note.textContent).toBe("另有 3 个区县未列出；完整清单：npx spotcheck briefing 2025Q3。");
    expect(note.querySelector("code")?.textContent).toBe("npx spotcheck briefing 2025Q3");
  });

  it("sums overdue steps by region, most first, listing each rule with its article", () => {
    const regions = overdueByRegion([
      { region_name: "渝中区", rule: "A49", article: 49, overdue: 1, max_days_over: 3 },
      { region_name: "渝北区", rule: "A49", article: 49, overdue: 2, max_days_over: 5 },
      { region_name: "渝北区", rule: "A65", article: 65, overdue: 3, max_days_over: 1 },
    ]);
    expect(regions).toEqual([
      { region_name: "渝北区", overdue: 5, max_days_over: 5, rules: "A65（第65条）3件、A49（第49条）2件" },
      { region_name: "渝中区", overdue: 1, max_days_over: 3, rules: "A49（第49条）1件" },
    ]);
  });
});
