// The sample generator, judged from the files it writes (parsed here independently of
// ingest): determinism, the planted patterns, valid credit codes, on-time lifecycles
// by the statutory calendar, nothing after the as-of date, the bad rows it lists, and a
// null data set whose categories fail alike.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { addNaturalDays, addWorkingDays, statutoryDeadline } from "../loaders/calendar/statutory-calendar.ts";
import { BATCH_COLUMNS, EVENT_TYPES } from "../loaders/contract/columns.ts";
import { generateSample, type PlantedBadRow, type PlantedLapse } from "../loaders/sample/generate.ts";
import { isValidUscc } from "../loaders/sample/identities.ts";

const jStat = createRequire(import.meta.url)("jstat") as {
  binomial: { cdf(k: number, n: number, p: number): number };
  chisquare: { cdf(x: number, dof: number): number };
};

const REGIONS = Papa.parse<string[]>(readFileSync(join(import.meta.dirname, "..", "loaders", "contract", "regions.csv"), "utf8").trim()).data.slice(1);
const REGION_CODE = new Map<string, string>();
for (const [code, name, short] of REGIONS) for (const label of [code, name, short]) REGION_CODE.set(label, code);

type Row = Record<string, string>;
interface Sample {
  dir: string;
  batches: Row[]; // keyed by contract key, plus row (record number) and 备注说明
  events: Row[];
  planted: {
    asOf: string; seed: string; patterns: { id: string }[]; lapses: PlantedLapse[]; badRows: PlantedBadRow[];
    pendingEvents: { row: number; sample_id: string }[];
  };
}

function read(dir: string): Sample {
  const zhToKey = new Map(BATCH_COLUMNS.map((c) => [c.zh, c.key]));
  const parse = (file: string) => {
    const text = readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, "");
    return Papa.parse<Row>(text, { header: true, skipEmptyLines: true, transformHeader: (h) => zhToKey.get(h) ?? h }).data
      .map((r, i) => ({ ...r, row: String(i + 2) }));
  };
  return {
    dir,
    batches: parse("batches.csv"),
    events: parse("events.csv"),
    planted: JSON.parse(readFileSync(join(dir, "planted.json"), "utf8")),
  };
}

/** Contract date forms (data-contract.md) → YYYY-MM-DD, or null when not a real day. */
function isoDate(text: string): string | null {
  const m = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [m[1], m[2] ?? m[4] ?? m[6] ?? m[8], m[3] ?? m[5] ?? m[7] ?? m[9]].map(Number);
  const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return new Date(iso + "T00:00:00Z").toISOString().slice(0, 10) === iso ? iso : null;
}

const list = (text: string) => text.split(/[;；、]/).map((s) => s.trim()).filter(Boolean);
const yes = (text: string) => ["是", "Y", "y", "true", "1"].includes(text.trim());
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Rows ingest will take: not listed as bad (the first of a duplicated pair is good). */
function goodBatches(s: Sample): Row[] {
  const bad = new Set(s.planted.badRows.filter((b) => b.file === "batches.csv").map((b) => String(b.row)));
  return s.batches.filter((b) => !bad.has(b.row));
}

function eventsBySample(s: Sample): Map<string, Row[]> {
  const bad = new Set(s.planted.badRows.filter((b) => b.file === "events.csv").map((b) => String(b.row)));
  const map = new Map<string, Row[]>();
  for (const e of s.events) {
    if (bad.has(e.row)) continue;
    const list = map.get(e.sample_id) ?? [];
    list.push({ ...e, date: isoDate(e.date)! });
    map.set(e.sample_id, list);
  }
  return map;
}

function failureRate(rows: Row[]): { n: number; x: number; rate: number } {
  const inspected = rows.filter((b) => b.conclusion === "合格" || b.conclusion === "不合格");
  const x = inspected.filter((b) => b.conclusion === "不合格").length;
  return { n: inspected.length, x, rate: x / inspected.length };
}

let main: Sample;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "sample-main-"));
  await generateSample({ out: dir }); // the default sample: 20,000 batches, 2023–2025, as of 2025-12-31
  main = read(dir);
}, 300_000);

describe("determinism", () => {
  it("writes byte-identical files for the same seed and different ones for another seed", async () => {
    const [a, b, c] = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "sample-det-")));
    await generateSample({ out: a, batches: 1500, seed: 7 });
    await generateSample({ out: b, batches: 1500, seed: 7 });
    await generateSample({ out: c, batches: 1500, seed: 8 });
    for (const file of ["batches.csv", "events.csv", "planted.json"]) {
      expect(sha(join(a, file)), file).toBe(sha(join(b, file)));
      expect(sha(join(a, file)), file).not.toBe(sha(join(c, file)));
    }
  });

  it("writes batches in GB18030 with the same text when asked, and events with a UTF-8 BOM", async () => {
    const [utf8, gb] = [0, 1].map(() => mkdtempSync(join(tmpdir(), "sample-enc-")));
    await generateSample({ out: utf8, batches: 300, seed: 3 });
    await generateSample({ out: gb, batches: 300, seed: 3, encoding: "gb18030" });
    const gbBytes = readFileSync(join(gb, "batches.csv"));
    expect(gbBytes.equals(readFileSync(join(utf8, "batches.csv")))).toBe(false);
    expect(new TextDecoder("gb18030").decode(gbBytes)).toBe(readFileSync(join(utf8, "batches.csv"), "utf8"));
    expect([...readFileSync(join(gb, "events.csv")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("the default sample", () => {
  it("has the contract's Chinese headers in a non-contract order, plus one extra column", () => {
    const header = Papa.parse<string[]>(readFileSync(join(main.dir, "batches.csv"), "utf8").split("\r\n")[0]).data[0];
    expect(new Set(header)).toEqual(new Set([...BATCH_COLUMNS.map((c) => c.zh), "备注说明"]));
    expect(header.slice(0, BATCH_COLUMNS.length)).not.toEqual(BATCH_COLUMNS.map((c) => c.zh));
    expect(main.batches.length).toBeGreaterThanOrEqual(20_000);
  });

  it("draws every region, in all three spellings, and about 15% out-of-city producers", () => {
    const cells = goodBatches(main).map((b) => b.sampled_region.trim());
    expect(new Set(cells.map((c) => REGION_CODE.get(c))).size).toBe(41);
    const forms = { code: 0, name: 0, short: 0 };
    for (const [code, name, short] of REGIONS) {
      forms.code += cells.filter((c) => c === code).length;
      if (name !== short) forms.name += cells.filter((c) => c === name).length;
      if (name !== short) forms.short += cells.filter((c) => c === short).length;
    }
    expect(Math.min(forms.code, forms.name, forms.short)).toBeGreaterThan(500);
    const outOfCity = goodBatches(main).filter((b) => /^市外[:：]/.test(b.producer_region)).length / goodBatches(main).length;
    expect(outOfCity).toBeGreaterThan(0.1);
    expect(outOfCity).toBeLessThan(0.2);
  });

  it("plants the regional problem: 电动自行车 in 合川 fails far above the category elsewhere", () => {
    const ebikes = goodBatches(main).filter((b) => b.product_category === "电动自行车");
    const hechuan = ebikes.filter((b) => REGION_CODE.get(b.sampled_region.trim()) === "500117");
    const elsewhere = ebikes.filter((b) => REGION_CODE.get(b.sampled_region.trim()) !== "500117");
    expect(hechuan.length).toBeGreaterThanOrEqual(60);
    const h = failureRate(hechuan);
    const e = failureRate(elsewhere);
    expect(e.rate).toBeLessThan(0.11);
    // One-sided exact binomial: P(X ≥ x | n, elsewhere rate) is tiny.
    expect(1 - jStat.binomial.cdf(h.x - 1, h.n, e.rate)).toBeLessThan(1e-6);
    expect(h.rate).toBeGreaterThan(0.3);
  });

  it("plants the industry-wide problem: 塑料一次性餐饮具 fails at about 0.35 in many regions and producers", () => {
    const rows = goodBatches(main);
    const tableware = failureRate(rows.filter((b) => b.product_category === "塑料一次性餐饮具"));
    const rest = failureRate(rows.filter((b) => b.product_category !== "塑料一次性餐饮具"));
    expect(tableware.rate).toBeGreaterThan(0.3);
    expect(tableware.rate).toBeLessThan(0.4);
    expect(rest.rate).toBeGreaterThan(0.07);
    expect(rest.rate).toBeLessThan(0.11);
    const failing = rows.filter((b) => b.product_category === "塑料一次性餐饮具" && b.conclusion === "不合格");
    expect(new Set(failing.map((b) => REGION_CODE.get(b.sampled_region.trim()))).size).toBeGreaterThan(25);
    expect(new Set(failing.map((b) => b.producer_uscc)).size).toBeGreaterThan(100);
  });

  it("plants the failing-item hot spot: 邻苯二甲酸酯增塑剂 in most 儿童玩具 failures of 2025 only", () => {
    const share = (years: string[]) => {
      const failures = goodBatches(main).filter((b) =>
        b.product_category === "儿童玩具" && b.conclusion === "不合格" && years.includes(b.plan_year));
      return failures.filter((b) => list(b.failed_items).includes("邻苯二甲酸酯增塑剂")).length / failures.length;
    };
    expect(share(["2025"])).toBeGreaterThan(0.55);
    expect(share(["2023", "2024"])).toBeLessThan(0.25);
  });

  it("gives every producer and seller valid credit codes, except the planted bad ones", () => {
    expect(isValidUscc("91350100M000100Y43")).toBe(true); // the worked example of GB 32100-2015
    expect(isValidUscc("91350100M000100Y44")).toBe(false);
    const plantedBad = new Set(main.planted.badRows.filter((b) => b.reason_code === "uscc").map((b) => `${b.row}|${b.column}`));
    expect(plantedBad.size).toBeGreaterThan(0);
    const wrong: string[] = [];
    let checked = 0;
    for (const b of main.batches) {
      for (const column of ["producer_uscc", "sampled_uscc"]) {
        const code = b[column].trim();
        if (code === "") continue;
        checked++;
        if (isValidUscc(code) === plantedBad.has(`${b.row}|${column}`)) wrong.push(`row ${b.row} ${column} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(39_000);
  });

  it("dates nothing after the as-of date", () => {
    const asOf = main.planted.asOf;
    const late: string[] = [];
    for (const b of goodBatches(main)) {
      if (isoDate(b.sampling_date)! > asOf) late.push(`${b.sample_id} sampled ${b.sampling_date}`);
      if (b.report_date && isoDate(b.report_date)! > asOf) late.push(`${b.sample_id} reported ${b.report_date}`);
    }
    for (const events of eventsBySample(main).values()) for (const e of events) if (e.date > asOf) late.push(`${e.sample_id} ${e.event} ${e.date}`);
    expect(late).toEqual([]);
    expect(main.events.length).toBeGreaterThan(50_000);
  });

  it("keeps every step that is not a planted lapse inside its statutory window (article 75 calendar)", () => {
    const lapses = new Map<string, string[]>();
    for (const l of main.planted.lapses) if (l.sample_id) lapses.set(l.sample_id, [...(lapses.get(l.sample_id) ?? []), l.rule]);
    const events = eventsBySample(main);
    const found = new Map<string, string[]>(); // sample_id → rules this check sees broken
    const broken = (id: string, rule: string) => found.set(id, [...(found.get(id) ?? []), rule]);
    let checkedSteps = 0;
    for (const b of goodBatches(main)) {
      const id = b.sample_id;
      const life = events.get(id) ?? [];
      const first = (event: string) => life.find((e) => e.event === event);
      const samplers = list(b.sampler_ids);
      const inspectors = list(b.inspector_ids);
      if (samplers.length < 2) broken(id, "A20");
      if (!yes(b.onsite) && inspectors.some((i) => samplers.includes(i))) broken(id, "A16");
      if (!b.report_date) continue;
      const report = isoDate(b.report_date)!;
      const sent = first("报告报送");
      checkedSteps++;
      if (!sent || sent.date > addWorkingDays(report, 3) || sent.date < report) broken(id, "A49");
      if (b.channel !== "生产" && !first("告知生产者")) broken(id, "A49P");
      if (b.conclusion !== "不合格") continue;
      const notice = first("不合格告知");
      if (!notice) broken(id, "A51");
      if (/^市外/.test(b.producer_region) && !first("通报市外")) broken(id, "A74");
      const objection = first("异议申请");
      if (objection && notice) {
        checkedSteps++;
        if (objection.date > statutoryDeadline(notice.date, 15)) broken(id, "A52");
      }
      const recheckNotice = first("复检通知");
      const procedure = first("办理复检手续");
      if (recheckNotice && procedure) {
        checkedSteps++;
        if (procedure.date > statutoryDeadline(recheckNotice.date, 7)) broken(id, "A54");
      }
      const agency = first("确定复检机构");
      if (procedure && agency) {
        checkedSteps++;
        if (agency.date > statutoryDeadline(procedure.date, 10) || agency.agency === b.inspection_agency) broken(id, "A56");
      }
      const order = first("责令整改");
      if (order) {
        const reportBack = life.find((e) => e.event === "整改报告" || e.event === "停产停售报告");
        const due = statutoryDeadline(order.date, 60);
        checkedSteps++;
        if (reportBack ? reportBack.date > due : due < main.planted.asOf) broken(id, "A65");
        const recheck = first("复查");
        const recheckDue = statutoryDeadline(order.date, 75);
        if (recheck ? recheck.date > recheckDue : recheckDue < main.planted.asOf) broken(id, "A66");
        if (recheck?.result === "不合格") {
          const announced = first("社会公告");
          if (!announced) broken(id, "A67");
          else {
            const second = first("再次复查");
            const latest = statutoryDeadline(announced.date, 90);
            const earliest = addNaturalDays(announced.date, 60);
            if (second ? second.date <= earliest || second.date > latest : latest < main.planted.asOf) broken(id, "A68");
          }
        }
      }
    }
    expect(checkedSteps).toBeGreaterThan(20_000);
    // What this independent check finds broken is exactly what was planted (A15, A22, A70 are cross-batch rules).
    const plantedHere = [...lapses].map(([id, rules]) => [id, rules.filter((r) => !["A15", "A22", "A70"].includes(r)).sort()] as const)
      .filter(([, rules]) => rules.length > 0);
    expect(new Map([...found].map(([id, rules]) => [id, [...new Set(rules)].sort()]))).toEqual(new Map(plantedHere));
  });

  it("plants the cross-batch lapses: a lower-level repeat (A22), a sale during rectification (A70), a task without e-commerce (A15)", () => {
    const byId = new Map(goodBatches(main).map((b) => [b.sample_id, b]));
    const events = eventsBySample(main);
    const rank: Record<string, number> = { 国家: 3, 市级: 2, 区县级: 1 };
    const a22 = main.planted.lapses.filter((l) => l.rule === "A22");
    expect(a22.length).toBeGreaterThanOrEqual(3);
    for (const l of a22) {
      const [later, earlier] = [byId.get(l.sample_id!)!, byId.get(l.related_sample_id!)!];
      for (const k of ["producer_uscc", "standard", "brand", "model"]) expect(later[k]).toBe(earlier[k]);
      expect(rank[later.level]).toBeLessThan(rank[earlier.level]);
      const days = (Date.parse(isoDate(later.sampling_date)!) - Date.parse(isoDate(earlier.sampling_date)!)) / 86_400_000;
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThanOrEqual(183);
    }
    const a70 = main.planted.lapses.filter((l) => l.rule === "A70");
    expect(a70.length).toBeGreaterThanOrEqual(3);
    for (const l of a70) {
      const [later, failed] = [byId.get(l.sample_id!)!, byId.get(l.related_sample_id!)!];
      expect(later.producer_uscc).toBe(failed.producer_uscc);
      expect(later.product_name).toBe(failed.product_name);
      const life = events.get(failed.sample_id)!;
      const order = life.find((e) => e.event === "责令整改")!.date;
      const passed = life.find((e) => e.event === "复查" && e.result === "合格")?.date ?? "9999-12-31";
      expect(isoDate(later.sampling_date)! > order && isoDate(later.sampling_date)! < passed).toBe(true);
    }
    const a15 = main.planted.lapses.filter((l) => l.rule === "A15");
    expect(a15.length).toBeGreaterThanOrEqual(1);
    for (const l of a15) {
      const task = goodBatches(main).filter((b) => b.task_id === l.task_id);
      expect(task.length).toBeGreaterThan(1);
      expect(task.some((b) => b.channel === "电商")).toBe(false);
    }
    // Every other task has both distribution and e-commerce batches (article 15).
    const tasks = new Map<string, Set<string>>();
    for (const b of goodBatches(main)) tasks.set(b.task_id, (tasks.get(b.task_id) ?? new Set()).add(b.channel));
    const without = [...tasks].filter(([, channels]) => !channels.has("流通") || !channels.has("电商")).map(([id]) => id);
    expect(without.sort()).toEqual(a15.map((l) => l.task_id).sort());
  });

  it("lists bad rows that each break exactly the rule named, and no other row breaks one", () => {
    const asBad = new Map(main.planted.badRows.map((b) => [`${b.file}|${b.row}`, b]));
    const rowProblems = (b: Row): string[] => {
      const problems: string[] = [];
      for (const c of BATCH_COLUMNS) {
        const v = (b[c.key] ?? "").replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
        if (c.required && v === "") problems.push(`${c.key}:required`);
        if (v === "") continue;
        if (c.type === "enum" && !c.values!.includes(v)) problems.push(`${c.key}:enum`);
        if (c.type === "date" && !isoDate(v)) problems.push(`${c.key}:date`);
        if (c.type === "integer" && !/^\d{4}$/.test(v)) problems.push(`${c.key}:integer`);
        if (c.type === "boolean" && ![..."是否YNyn", "true", "false", "1", "0"].includes(v)) problems.push(`${c.key}:boolean`);
        if (c.type === "uscc" && !isValidUscc(v)) problems.push(`${c.key}:uscc`);
        if (c.type === "region" && !REGION_CODE.has(v)) problems.push(`${c.key}:region`);
        if (c.type === "producer_region" && !REGION_CODE.has(v) && !/^市外[:：].+/.test(v)) problems.push(`${c.key}:region`);
      }
      if (b.channel === "电商" && !b.platform.trim()) problems.push("platform:conditional");
      if (b.conclusion === "不合格" && list(b.failed_items).length === 0) problems.push("failed_items:conditional");
      if (b.outcome === "已抽样" && !b.inspection_agency.trim()) problems.push("inspection_agency:conditional");
      return problems;
    };
    const seen = new Set<string>();
    const mismatches: string[] = [];
    for (const b of main.batches) {
      const planted = asBad.get(`batches.csv|${b.row}`);
      const problems = rowProblems(b);
      if (seen.has(b.sample_id)) problems.push("sample_id:duplicate_key");
      seen.add(b.sample_id);
      const expected = planted ? [`${planted.column}:${planted.reason_code}`] : [];
      if (problems.join() !== expected.join() || (planted && planted.sample_id !== b.sample_id)) {
        mismatches.push(`batches row ${b.row}: found [${problems}], planted [${expected}]`);
      }
    }
    const eventKeys = new Set<string>();
    for (const e of main.events) {
      const planted = asBad.get(`events.csv|${e.row}`);
      const problems: string[] = [];
      const spec = EVENT_TYPES[e.event];
      if (!spec) problems.push("event:enum");
      if (!isoDate(e.date)) problems.push("date:date");
      if (spec?.results && !e.result) problems.push("result:conditional");
      if (spec?.results && e.result && !spec.results.includes(e.result)) problems.push("result:enum");
      const key = `${e.sample_id}|${e.event}|${isoDate(e.date)}`;
      if (isoDate(e.date) && eventKeys.has(key)) problems.push("event:duplicate_key");
      eventKeys.add(key);
      const expected = planted ? [`${planted.column}:${planted.reason_code}`] : [];
      if (problems.join() !== expected.join()) mismatches.push(`events row ${e.row}: found [${problems}], planted [${expected}]`);
    }
    expect(mismatches).toEqual([]);
    expect(main.planted.badRows.length).toBeGreaterThan(30);
    const codes = new Set(main.planted.badRows.map((b) => b.reason_code));
    for (const code of ["required", "enum", "date", "integer", "boolean", "uscc", "region", "conditional", "duplicate_key"]) {
      expect(codes.has(code), code).toBe(true);
    }
    // Orphan events name batches that never arrive.
    const ids = new Set(main.batches.map((b) => b.sample_id));
    expect(main.planted.pendingEvents.length).toBeGreaterThan(0);
    for (const p of main.planted.pendingEvents) expect(ids.has(p.sample_id)).toBe(false);
  });
});

describe("the null data set (--uniform-rate)", () => {
  let nulls: Sample;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-null-"));
    await generateSample({ out: dir, batches: 12_000, uniformRate: 0.1, badRows: false, seed: 11 });
    nulls = read(dir);
  }, 300_000);

  it("plants no pattern, no lapse and no bad row", () => {
    expect(nulls.planted.patterns).toEqual([]);
    expect(nulls.planted.lapses).toEqual([]);
    expect(nulls.planted.badRows).toEqual([]);
  });

  it("fails every category alike: chi-square test of homogeneity does not reject", () => {
    const byCategory = new Map<string, Row[]>();
    for (const b of nulls.batches) byCategory.set(b.product_category, [...(byCategory.get(b.product_category) ?? []), b]);
    const counts = [...byCategory.values()].map(failureRate);
    const total = failureRate(nulls.batches);
    expect(total.rate).toBeGreaterThan(0.085);
    expect(total.rate).toBeLessThan(0.105); // objections revoke or overturn a few initial 不合格
    let chi2 = 0;
    for (const { n, x } of counts) {
      const expected = n * total.rate;
      chi2 += (x - expected) ** 2 / expected + (n - x - (n - expected)) ** 2 / (n - expected);
    }
    const p = 1 - jStat.chisquare.cdf(chi2, counts.length - 1);
    expect(p).toBeGreaterThan(0.001);
    const hechuanBikes = failureRate(nulls.batches.filter((b) =>
      b.product_category === "电动自行车" && REGION_CODE.get(b.sampled_region.trim()) === "500117"));
    expect(hechuanBikes.rate).toBeLessThan(0.3);
  });
});
