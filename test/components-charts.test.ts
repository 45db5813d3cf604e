// @vitest-environment jsdom
// The chart components (src/components/*.ts) rendered in a DOM (jsdom), checked for what
// their captions promise the reader.
import { beforeAll, describe, expect, it } from "vitest";
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
