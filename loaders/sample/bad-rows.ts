// Deliberately bad rows (about 0.3% of batches): what a real export of the bureau's
// system gets wrong. Each bad row breaks exactly one rule of the data contract, so
// ingest must reject it with exactly one reason; planted.json lists every one with
// the reason code ingest uses (loaders/ingest/checked_batches.sql, checked_events.sql):
// required | enum | date | integer | boolean | uscc | region | conditional | duplicate_key.
import { corruptUscc } from "./identities.ts";
import type { Rng } from "./random.ts";

export type ReasonCode = "required" | "enum" | "date" | "integer" | "boolean" | "uscc" | "region" | "conditional" | "duplicate_key";

/** A batch row as written: contract key → cell text. */
export type BatchCells = Record<string, string>;

export interface BadCell {
  column: string;
  reason_code: ReasonCode;
  /** Why a real export has this mistake (for the README and planted.json). */
  why: string;
}

interface BadBatchKind {
  applies(cells: BatchCells): boolean;
  spoil(cells: BatchCells, rng: Rng): BadCell;
}

const MISSING_REQUIRED = ["producer_name", "sampled_name", "product_name", "task_id", "sampling_agency"] as const;
const UNKNOWN_REGIONS = ["渝东新区", "500199", "合川县", "重庆市"] as const;

export const BAD_BATCH_KINDS: readonly BadBatchKind[] = [
  {
    applies: (c) => c.producer_uscc !== "",
    spoil: (c) => {
      c.producer_uscc = corruptUscc(c.producer_uscc);
      return { column: "producer_uscc", reason_code: "uscc", why: "统一社会信用代码抄错一位，校验码不符（GB 32100-2015）" };
    },
  },
  {
    applies: (c) => c.sampled_uscc !== "",
    spoil: (c) => {
      c.sampled_uscc = corruptUscc(c.sampled_uscc);
      return { column: "sampled_uscc", reason_code: "uscc", why: "统一社会信用代码抄错一位，校验码不符（GB 32100-2015）" };
    },
  },
  {
    applies: () => true,
    spoil: (c, rng) => {
      c.sampled_region = rng.pick(UNKNOWN_REGIONS);
      return { column: "sampled_region", reason_code: "region", why: "所在区县写成旧名、不存在的区县或只写“重庆市”" };
    },
  },
  {
    applies: (c) => c.producer_region.startsWith("市外:"),
    spoil: (c) => {
      c.producer_region = c.producer_region.slice(3); // "四川省" without the 市外: prefix
      return { column: "producer_region", reason_code: "region", why: "市外生产者所在地漏写“市外:”前缀" };
    },
  },
  {
    applies: () => true,
    spoil: (c, rng) => {
      const year = c.plan_year.slice(0, 4);
      c.sampling_date = rng.pick([`${year}-02-30`, `${year}-04-31`, `${year}-06-31`, `${year}-09-31`, `${year}-11-31`]);
      return { column: "sampling_date", reason_code: "date", why: "手工录入了不存在的日期" };
    },
  },
  {
    applies: () => true,
    spoil: (c, rng) => {
      const column = rng.pick(MISSING_REQUIRED);
      c[column] = "";
      return { column, reason_code: "required", why: "必填项漏填" };
    },
  },
  {
    applies: () => true,
    spoil: (c) => {
      c.channel = "批发";
      return { column: "channel", reason_code: "enum", why: "抽样环节写成“批发”，不是 生产 / 流通 / 电商（第十五条）" };
    },
  },
  {
    applies: () => true,
    spoil: (c) => {
      c.level = "省级";
      return { column: "level", reason_code: "enum", why: "抽查级别写成“省级”（重庆为直辖市，应为 国家 / 市级 / 区县级）" };
    },
  },
  {
    applies: (c) => c.channel === "电商",
    spoil: (c) => {
      c.platform = "";
      return { column: "platform", reason_code: "conditional", why: "电商抽样未填电商平台" };
    },
  },
  {
    applies: (c) => c.conclusion === "不合格",
    spoil: (c) => {
      c.failed_items = "";
      return { column: "failed_items", reason_code: "conditional", why: "结论不合格却未填不合格项目" };
    },
  },
  {
    applies: (c) => c.outcome === "已抽样",
    spoil: (c) => {
      c.inspection_agency = "";
      return { column: "inspection_agency", reason_code: "conditional", why: "已抽样却未填检验机构" };
    },
  },
  {
    applies: () => true,
    spoil: (c) => {
      c.plan_year = `${c.plan_year}年度`;
      return { column: "plan_year", reason_code: "integer", why: "计划年度写成“2024年度”，不是四位年份" };
    },
  },
  {
    applies: () => true,
    spoil: (c, rng) => {
      const column = rng.chance(0.5) ? "onsite" : "serious";
      c[column] = rng.pick(["不详", "待定", "？"]);
      return { column, reason_code: "boolean", why: "是/否 栏填了“不详”之类的文字" };
    },
  },
];

/** Spoils `cells` in place with one applicable kind of mistake. */
export function spoilBatch(cells: BatchCells, rng: Rng): BadCell {
  const kinds = BAD_BATCH_KINDS.filter((k) => k.applies(cells));
  return rng.pick(kinds).spoil(cells, rng);
}

export type EventCells = { sample_id: string; event: string; date: string; result: string; agency: string; note: string; handled_by: string };

/**
 * An extra, bad event row for a batch that has events: an event type the contract
 * does not know, an impossible date, a result-bearing event without its result, or a
 * second copy of one of its rows (the first copy wins, the second is a duplicate key).
 */
export function badEventRow(batchEvents: readonly EventCells[], rng: Rng): { cells: EventCells; bad: BadCell } {
  const base = batchEvents[0];
  const kind = rng.int(0, 3);
  if (kind === 0) {
    return {
      cells: { ...base, event: "整改通知", result: "", agency: "", note: "" },
      bad: { column: "event", reason_code: "enum", why: "事件名称用了旧称“整改通知”，应为“责令整改”" },
    };
  }
  if (kind === 1) {
    const year = base.date.slice(0, 4);
    return {
      cells: { ...base, event: "同意公开", date: `${year}-02-30`, result: "", agency: "", note: "" },
      bad: { column: "date", reason_code: "date", why: "手工录入了不存在的日期" },
    };
  }
  if (kind === 2) {
    return {
      cells: { ...base, event: "复查", result: "", agency: "", note: "结果待补录" },
      bad: { column: "result", reason_code: "conditional", why: "复查未填结果（合格/不合格）" },
    };
  }
  const copy = rng.pick(batchEvents);
  return {
    cells: { ...copy },
    bad: { column: "event", reason_code: "duplicate_key", why: "同一事件重复导出（同一样品、事件、日期）" },
  };
}
