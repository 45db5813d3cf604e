// The workbench's data builders (loaders/site/workbench/, run by the one-pass export) against
// small fixture databases with known numbers, and the pages' conventions (bare imports, JSON
// or Arrow streams only, escaped text).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDb, type FixtureBatch, type FixtureEvent } from "./helpers/fixture-db.ts";
import { PROJECT_ROOT, query, type Database } from "../loaders/db/connection.ts";
import { writeFlagsTable } from "../loaders/analysis/flags.ts";
import { writeCatalogueTable } from "../loaders/analysis/catalogue.ts";
import { AUDIT_RULES, writeAuditFindingsTable } from "../loaders/audit/audit.ts";
import { loadRegionTileGrid, REGION_TILE_POSITIONS } from "../loaders/site/workbench/tile-grid.ts";
import {
  AUDIT_ROWS_PER_RULE, buildWorkbenchAuditRule, buildWorkbenchAuditSummary, buildWorkbenchCatalogue,
  buildWorkbenchFlags, buildWorkbenchFunnel,
} from "../loaders/site/workbench/tables.ts";
import { funnelLimits } from "../src/components/workbench-stats.js";

describe("region tile grid", () => {
  let db: Database;
  beforeAll(async () => { db = await createFixtureDb([]); });
  afterAll(() => db.close());

  it("has one tile for each of the 41 units of article 5, on distinct squares", async () => {
    const tiles = await loadRegionTileGrid(db.conn);
    const codes = (await query(db.conn, "SELECT code FROM regions ORDER BY code")).map((r) => r.code);
    expect(codes).toHaveLength(41);
    expect(tiles.map((t) => t.code).sort()).toEqual([...codes].sort());
    expect(new Set(tiles.map((t) => `${t.col},${t.row}`)).size).toBe(41);
  });

  it("includes the three functional zones, which have no boundary of their own", async () => {
    const tiles = await loadRegionTileGrid(db.conn);
    const zones = tiles.filter((t) => t.type === "功能区").map((t) => t.name).sort();
    expect(zones).toEqual(["万盛经开区", "两江新区", "重庆高新区"].sort());
  });

  it("approximates geography: 城口 northernmost, 秀山 southernmost, 大足/荣昌 west, 巫山/巫溪 east", () => {
    const at = new Map(REGION_TILE_POSITIONS.map(([code, col, row]) => [code, { col, row }]));
    const rows = REGION_TILE_POSITIONS.map(([, , row]) => row);
    const cols = REGION_TILE_POSITIONS.map(([, col]) => col);
    expect(at.get("500229")!.row).toBe(Math.min(...rows)); // 城口
    expect(at.get("500241")!.row).toBe(Math.max(...rows)); // 秀山
    expect([at.get("500111")!.col, at.get("500153")!.col]).toEqual([Math.min(...cols), Math.min(...cols)]); // 大足 荣昌
    expect(Math.max(at.get("500237")!.col, at.get("500238")!.col)).toBe(Math.max(...cols)); // 巫山 巫溪
    // 主城: 渝中 is between 沙坪坝 (west) and 江北 (east)
    expect(at.get("500106")!.col).toBeLessThan(at.get("500103")!.col);
    expect(at.get("500105")!.col).toBeGreaterThan(at.get("500103")!.col);
  });
});

/** One category over 12 regions of 20 batches; 合川 (500117) has 12 failures where the others have 1–3. */
function funnelFixture(): { batches: FixtureBatch[]; events: FixtureEvent[] } {
  const regions = ["500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108", "500109", "500110", "500117", "500112"];
  const failures = [1, 2, 1, 3, 2, 1, 2, 2, 1, 2, 12, 1];
  const batches: FixtureBatch[] = [];
  regions.forEach((region, r) => {
    for (let i = 0; i < 20; i++) {
      const fails = i < failures[r];
      batches.push({
        sample_id: `F${r}-${i}`, sampled_region: region, product_category: "电动自行车", producer_name: `生产者${r}-${i % 5}`,
        sampling_date: `2025-0${1 + (i % 6)}-1${i % 10}`, report_date: `2025-0${1 + (i % 6)}-2${i % 8}`,
        conclusion: fails ? "不合格" : "合格", failed_items: fails ? ["制动性能"] : null,
      });
    }
  });
  // evidence for the audit page: a failure never notified (article 51), with an internal note
  batches.push({ sample_id: "E1", sampled_region: "500112", product_category: "电线电缆", sampling_date: "2025-03-10",
    report_date: "2025-03-20", conclusion: "不合格", failed_items: ["导体电阻"] });
  const events: FixtureEvent[] = [
    { sample_id: "E1", event: "报告报送", date: "2025-03-21", note: "内部备注勿外传" },
    { sample_id: "E1", event: "同意公开", date: "2025-04-30" },
  ];
  return { batches, events };
}

describe("funnel, flags, catalogue and audit loaders on the persisted tables", () => {
  let db: Database;
  beforeAll(async () => {
    const { batches, events } = funnelFixture();
    db = await createFixtureDb(batches, events);
  });
  afterAll(() => db.close());

  it("are null (the page says so) before the refresh step has written the tables", async () => {
    expect((await buildWorkbenchFunnel(db.conn)).points).toBeNull();
    expect((await buildWorkbenchFlags(db.conn)).flags).toBeNull();
    expect((await buildWorkbenchCatalogue(db.conn)).rows).toBeNull();
    expect((await buildWorkbenchAuditSummary(db.conn)).counts).toBeNull();
  });

  describe("after the refresh writers", () => {
    beforeAll(async () => {
      await writeFlagsTable(db.conn, { asOf: "2025-12-31" });
      await writeCatalogueTable(db.conn, { asOf: "2025-12-31", catalogueYear: 2026 });
      await writeAuditFindingsTable(db.conn, { asOf: "2025-12-31" });
    });

    it("ships every funnel point, in columns that decode back to the table's rows", async () => {
      const funnel = await buildWorkbenchFunnel(db.conn);
      const p = funnel.points!;
      const decoded = p.inspected.map((n, i) => ({
        period: p.periods[p.period[i]], category: p.categories[p.category[i]], region: p.regions[p.region[i]],
        inspected: n, failed: p.failed[i], flagged: p.flagged[i] === 1,
      }));
      const table = await query(db.conn, `SELECT period, product_category AS category, region_code AS region,
        CAST(inspected AS INTEGER) AS inspected, CAST(failed AS INTEGER) AS failed, flagged FROM funnel_points ORDER BY ALL`);
      expect(decoded).toEqual(table);
      // the 2025 funnel of 电动自行车 has its 12 regions; 合川 is the outlier the analysis flags
      const hechuan = decoded.find((d) => d.period === "2025" && d.region === "500117")!;
      expect([hechuan.inspected, hechuan.failed, hechuan.flagged]).toEqual([20, 12, true]);
      expect(p.region_names["500117"]).toBe("合川区");
    });

    it("draws the same limits in the browser as the analysis stored for each point", async () => {
      const funnel = await buildWorkbenchFunnel(db.conn);
      const stored = await query(db.conn, "SELECT period, product_category, inspected, upper_998, upper_95, lower_998 FROM funnel_points");
      for (const point of stored) {
        const target = funnel.targets!.find((t) => t.period === point.period && t.product_category === point.product_category)!;
        const limits = funnelLimits(Number(target.expected), Number(target.tau2), Number(point.inspected));
        expect(limits.upper_998).toBeCloseTo(Number(point.upper_998), 9);
        expect(limits.upper_95).toBeCloseTo(Number(point.upper_95), 9);
        expect(limits.lower_998).toBeCloseTo(Number(point.lower_998), 9);
      }
    });

    it("lists the flags with their sentences, including 合川's regional flag", async () => {
      const { flags } = await buildWorkbenchFlags(db.conn);
      const regional = flags!.filter((f) => f.rule === "regional" && f.period === "2025");
      expect(regional.map((f) => [f.region_name, f.inspected, f.failed])).toContainEqual(["合川区", 20, 12]);
      expect(String(regional.find((f) => f.region_name === "合川区")!.sentence)).toContain("合川区");
    });

    it("ships the catalogue draft in rank order with its parts adding up to the score", async () => {
      const { rows, catalogue_year } = await buildWorkbenchCatalogue(db.conn);
      expect(catalogue_year).toBeNull(); // meta is written by the refresh step, not by the writers
      expect(rows!.map((r) => r.rank)).toEqual(rows!.map((_, i) => i + 1));
      for (const r of rows!) {
        const parts = ["rate_points", "serious_points", "flag_points", "trend_points", "uncertainty_points"].reduce((s, k) => s + Number(r[k] ?? 0), 0);
        expect(Number(r.score)).toBeCloseTo(parts, 9);
      }
    });

    it("counts every finding by rule and region, and each finding carries its evidence without internal notes", async () => {
      const summary = await buildWorkbenchAuditSummary(db.conn);
      const [{ total }] = await query(db.conn, "SELECT CAST(count(*) AS INTEGER) AS total FROM audit_findings");
      expect(summary.counts!.reduce((s, c) => s + Number(c.findings), 0)).toBe(total);
      expect(summary.rules.map((r) => r.id)).toEqual(AUDIT_RULES.map((r) => r.id));

      const a51 = await buildWorkbenchAuditRule(db.conn, "A51");
      const e1 = a51.findings!.find((f) => f.sample_id === "E1")!;
      expect(e1.status).toBe("violation");
      expect(e1.region_name).toBe("渝北区");
      expect(e1.events).toBe("2025-03-21 报告报送；2025-04-30 同意公开");
      expect(e1.final_conclusion).toBe("不合格");
      expect(JSON.stringify(a51)).not.toContain("内部备注");
      expect(JSON.stringify(a51)).not.toContain("13800000000"); // the fixture's phone number (P4)
    });

    it("lists at most AUDIT_ROWS_PER_RULE findings of a rule, violations first", async () => {
      const a49 = await buildWorkbenchAuditRule(db.conn, "A49");
      expect(a49.findings!.length).toBeLessThanOrEqual(AUDIT_ROWS_PER_RULE);
      const statuses = a49.findings!.map((f) => f.status);
      expect(statuses).toEqual([...statuses].sort().reverse()); // 'violation' sorts after 'open'
    });

    it("refuses an unknown rule", async () => {
      await expect(buildWorkbenchAuditRule(db.conn, "A99")).rejects.toThrow(/未知的审计规则/);
    });
  });
});

describe("page conventions", () => {
  const dirs = ["src/workbench", "src/briefing"];
  const pages = dirs.flatMap((dir) => readdirSync(join(PROJECT_ROOT, dir))
    .filter((f) => f.endsWith(".md") && f !== "withheld.md") // withheld.md is a teammate's page
    .map((f) => join(dir, f)));

  it.each(pages)("%s imports d3, Plot and Inputs by bare specifier and loads the export's JSON or Arrow streams only", (page) => {
    const text = readFileSync(join(PROJECT_ROOT, page), "utf8");
    expect(text).toContain('import * as d3 from "d3";');
    expect(text).toContain('import * as Plot from "@observablehq/plot";');
    expect(text).toContain('import * as Inputs from "@observablehq/inputs";');
    expect(text).not.toMatch(/npm:|```sql|\.csv\(|\.arrow\(|\.parquet\(|innerHTML|sql`/);
    // the export's files only (src/<audience>/_data/); an Arrow stream (.arrows) read with .arrayBuffer() right on the
    // call, so that Framework infers no method from the extension (a .arrow file would pull apache-arrow from a CDN);
    // likewise opaque bytes (.bin, e.g. the plan's workbook: an .xlsx attachment would pull exceljs from a CDN)
    for (const [call, file] of text.matchAll(/FileAttachment\(([^)]*)\)(\.\w+)?/g)) {
      expect(file).toMatch(/^[`"]\.\/_data\//);
      if (/\.(arrows|bin)[`"]$/.test(file)) expect(call).toMatch(/\.arrayBuffer$/);
      else expect(file).toMatch(/\.json[`"]$/);
    }
    // a free variable Arrow would add an implicit CDN import: a page that uses it imports it
    if (/\bArrow\./.test(text)) expect(text).toContain('import * as Arrow from "apache-arrow";');
  });

  it("the audit page has one detail file for each audit rule", () => {
    const text = readFileSync(join(PROJECT_ROOT, "src/workbench/audit.md"), "utf8");
    const listed = [...text.matchAll(/^\s*(\w+): FileAttachment\("\.\/_data\/audit\/(\w+)\.json"\)/gm)];
    expect(listed.every(([, key, file]) => key === file)).toBe(true);
    expect(listed.map(([, key]) => key)).toEqual(AUDIT_RULES.map((r) => r.id));
  });
});
