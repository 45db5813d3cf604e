// The kernel (loaders/core/, issue 10): one copy of each shared helper, below every capability.
// Expected values are worked out by hand from the calendar and the circulars' wording.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DIMENSION_LABELS } from "../loaders/analysis/rates.ts";
import { fieldLabel } from "../loaders/contract/field-labels.ts";
import { CHROMIUM_FLAGS, launchChromium, serveDirectory } from "../loaders/core/browser.ts";
import { UsageError } from "../loaders/core/errors.ts";
import { changePhrase, countsPercentText, percentOrMissing, percentText, pointsChangeText, thousands } from "../loaders/core/format.ts";
import {
  isIsoDate, isQuarter, parseQuarter, periodLabel, previousPeriod, previousQuarter, quarterDates, quarterKey, quarterLabelWithDigit,
} from "../loaders/core/periods.ts";
import { PUBLIC_FIELDS } from "../loaders/disclosure/whitelist.ts";
import { CUBE_DIMENSIONS } from "../loaders/site/workbench/cube.ts";
import * as testBrowser from "./helpers/browser.ts";

const ROOT = resolve(import.meta.dirname, "..");
const LOADERS = join(ROOT, "loaders");

/** Every relative import of a .ts file, resolved to a path under the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gm)].map((m) => relative(ROOT, resolve(file, "..", m[1])));
}

const tsFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => join(dir, f));

describe("layering", () => {
  // that the kernel imports nothing above it is test/architecture.test.ts's job (core is its lowest layer)
  it("no capability, test or bench imports loaders/cli/ (a test may import the site pipeline it tests)", () => {
    // the shims loaders/cli/args.ts and output.ts are gone: everything imports loaders/core/.
    // What stays in loaders/cli/ is the dispatcher and the site pipeline (npm start / build /
    // dev); a test of the pipeline itself (ensureDatabase) or of the commands' help table has to import it.
    const testedByTests = new Set([join("loaders", "cli", "site-pipeline.ts"), join("loaders", "cli", "command-help.ts")]);
    const files = [...tsFiles(LOADERS), ...tsFiles(join(ROOT, "test")), ...tsFiles(join(ROOT, "bench"))]
      .filter((file) => !relative(ROOT, file).startsWith(join("loaders", "cli") + "/"));
    const isTest = (file: string) => relative(ROOT, file).startsWith("test" + "/");
    const users = files.filter((file) => importsOf(file).some((target) =>
      target.startsWith(join("loaders", "cli") + "/") && !(isTest(file) && testedByTests.has(target))))
      .map((file) => relative(ROOT, file)).sort();
    expect(users).toEqual([]);
  });
});

describe("periods", () => {
  it("parses quarters and refuses anything else with a UsageError", () => {
    expect(parseQuarter("2025Q3")).toEqual({ year: 2025, quarter: 3 });
    expect(isQuarter("2024Q1")).toBe(true);
    for (const bad of ["2025Q5", "2025Q0", "2025q3", "2025-3", "25Q3", " 2025Q3", "2025Q3 "]) {
      expect(isQuarter(bad)).toBe(false);
      expect(() => parseQuarter(bad)).toThrow(new UsageError(`季度需要 2025Q3 这样的格式，收到 "${bad}"`));
    }
    expect(() => parseQuarter("x", "--quarter ")).toThrow(new UsageError('--quarter 需要 2025Q3 这样的格式，收到 "x"'));
  });

  it("steps back a quarter across the year and a year for a year", () => {
    expect(previousQuarter("2025Q1")).toBe("2024Q4");
    expect(previousQuarter("2025Q3")).toBe("2025Q2");
    expect(previousPeriod({ year: 2025 })).toEqual({ year: 2024 });
    expect(quarterKey({ year: 2025, quarter: 4 })).toBe("2025Q4");
    expect(quarterKey({ year: 2025 })).toBeNull();
  });

  it("labels periods the way circulars and the public announcements write them", () => {
    expect(periodLabel({ year: 2025, quarter: 3 })).toBe("2025年第三季度");
    expect(periodLabel({ year: 2025, quarter: 1 })).toBe("2025年第一季度");
    expect(periodLabel({ year: 2024 })).toBe("2024年");
    expect(quarterLabelWithDigit("2025Q3")).toBe("2025年第3季度");
  });

  it("gives a quarter's first and last day (leap February inside Q1)", () => {
    expect(quarterDates({ year: 2024, quarter: 1 })).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(quarterDates({ year: 2025, quarter: 2 })).toEqual({ start: "2025-04-01", end: "2025-06-30" });
    expect(quarterDates({ year: 2025, quarter: 4 })).toEqual({ start: "2025-10-01", end: "2025-12-31" });
  });

  it("accepts only real YYYY-MM-DD days", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    for (const bad of ["2025-02-29", "2025-02-30", "2025-13-01", "2025-2-1", "2025/02/01", "20250201", ""]) expect(isIsoDate(bad)).toBe(false);
  });
});

describe("formatting", () => {
  it("writes one-decimal percentages of rates and of counts", () => {
    expect(percentText(0.0512)).toBe("5.1%");
    expect(percentText(0)).toBe("0.0%");
    expect(percentOrMissing(0.25)).toBe("25.0%");
    expect(percentOrMissing(null)).toBe("");
    expect(percentOrMissing(undefined, "—")).toBe("—");
    // 2 of 3 = 66.666…% → 66.7%; 1 of 8 = 12.5% exactly
    expect(countsPercentText(2, 3)).toBe("66.7%");
    expect(countsPercentText(1, 8)).toBe("12.5%");
    expect(countsPercentText(0, 0)).toBe("");
  });

  it("says a change in percentage points as circulars do", () => {
    expect(changePhrase(0, "上季度")).toBe("与上季度持平");
    expect(changePhrase(0.8, "上季度")).toBe("比上季度上升0.8个百分点");
    expect(changePhrase(-1.2, "上年同期")).toBe("比上年同期下降1.2个百分点");
    expect(changePhrase(null, "上年")).toBeNull();
    expect(pointsChangeText(-0.25)).toBe("下降0.3个百分点"); // 0.25 is exact in binary: toFixed rounds the tie up
    expect(thousands(1234567)).toBe("1,234,567");
  });
});

describe("field labels (the data contract's headers, data-contract.md)", () => {
  it("heads the rates table, the explorer's cube and the public list with the contract's words", () => {
    expect(DIMENSION_LABELS).toEqual({
      product_category: "产品类别", sampled_region: "被抽样单位所在区县", channel: "抽样环节", plan_year: "计划年度",
      quarter: "抽样季度", level: "抽查级别", kind: "抽查类型", enterprise_size: "企业规模", producer_region: "生产者所在地（市内/市外）",
    });
    expect(CUBE_DIMENSIONS.map((d) => d.label)).toEqual(["产品类别", "被抽样单位所在区县", "抽样环节", "抽样季度", "抽查级别", "抽查类型", "生产者所在地", "企业规模"]);
    expect(PUBLIC_FIELDS.map((f) => f.label)).toEqual([
      "样品编号", "抽查季度", "抽样日期", "抽查级别", "组织部门", "产品类别", "产品名称", "商标", "规格型号", "生产日期/批号",
      "标称生产者名称", "标称生产者地址", "标称生产者所在地", "被抽样单位名称", "被抽样单位所在区县", "抽样环节", "电商平台",
      "检验机构", "不合格项目", "检验结论", "结论依据", "同意公开日期", "结论生效日期",
    ]);
  });

  it("fails at once for a field it does not know", () => {
    expect(() => fieldLabel("sampled_phone_number")).toThrow(/sampled_phone_number/);
  });
});

describe("Chromium", () => {
  it("has one set of flags, headless and closed-network, used by the browser tests too", () => {
    for (const flag of ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"]) expect(CHROMIUM_FLAGS).toContain(flag);
    expect(testBrowser.launchChromium).toBe(launchChromium);
    expect(testBrowser.serveDirectory).toBe(serveDirectory);
  });

  it("the browser tests fail, not skip, when Chromium is missing in CI", () => {
    const missing = join(ROOT, "no-such-chromium");
    expect(() => testBrowser.browserTestsCanRun(missing, { CI: "true" })).toThrow(`CI 环境中找不到 Chromium（${missing}）：浏览器测试不能跳过。`);
    expect(testBrowser.browserTestsCanRun(missing, {})).toBe(false); // a developer's machine: skipped
    expect(testBrowser.browserTestsCanRun(process.execPath, { CI: "true" })).toBe(true); // any file that exists stands in for it
  });
});
