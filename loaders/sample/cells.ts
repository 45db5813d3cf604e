// How a value is written into a cell: the realistic mess of a real export that is
// still valid (data-contract.md accepts every form written here), so ingest's
// normalising is exercised on every run: dates as 2024/3/5 or 2024年3月5日, region
// codes or short names, lists separated by 、 ; or ；, yes/no as 是/否/Y/N/empty,
// names with a stray (full-width) space, notes that need CSV quoting.
import type { Channel } from "./catalogue-of-products.ts";
import { isoOf } from "./days.ts";
import type { Place } from "./identities.ts";
import type { SampleRegion } from "./places.ts";
import type { Rng } from "./random.ts";

const NOTES = ["样品由被抽样单位签字确认", "备样封存于检验机构", "抽样时企业负责人在场", "企业提供了出厂检验报告", "同批次库存较少"] as const;
const ONLINE_NOTES = ["网购样品，订单截图已留存", "网购样品，收货时外包装完好", "网络抽样，已核对店铺营业执照信息"] as const;
/** Notes that need CSV quoting: commas, quotes and a line break inside one cell. */
const TRICKY_NOTES = [
  "抽样单编号补录，原单据字迹不清，已核实",
  "企业称\"该批次为试销品\"，经核实为待销产品",
  "复核意见：\n样品外观完好，封条无破损",
  "被抽样单位联系人变更，新联系人已签字, 见附件",
] as const;

/** Mostly YYYY-MM-DD; a few cells (`otherForms`) in the other spellings the contract accepts. */
export function dateCell(rng: Rng, day: number, otherForms = 0.03): string {
  const iso = isoOf(day);
  const x = rng.next();
  if (x >= otherForms) return iso;
  const [y, m, d] = iso.split("-").map(Number);
  return x < otherForms * 0.67 ? `${y}/${m}/${d}` : `${y}年${m}月${d}日`;
}

/** A production batch number as manufacturers print them: a date 10–300 days before sampling, in one of four forms. */
export function batchNumberCell(rng: Rng, day: number): string {
  const made = isoOf(day - rng.int(10, 300));
  const x = rng.next();
  if (x < 0.4) return made;
  if (x < 0.7) return made.replaceAll("-", "");
  if (x < 0.9) return `批号：${String.fromCharCode(65 + rng.int(0, 5))}${made.slice(2).replaceAll("-", "")}`;
  return made.slice(0, 7).replace("-", "/");
}

/** The free-text note (the extra column 备注说明): why nothing was sampled, else now and then a remark. */
export function noteCell(rng: Rng, outcome: string, channel: Channel): string {
  if (outcome === "终止抽样") return "产品无中文标明的生产企业厂名、厂址，终止抽样（第二十四条）";
  if (outcome === "拒检") return "被抽样单位拒绝在抽样单上签字确认（第二十八条）";
  if (outcome === "无法抽样") return "企业已停产，无样品可抽，已收集证明材料（第二十七条）";
  const x = rng.next();
  if (x < 0.02) return rng.pick(TRICKY_NOTES);
  if (x < 0.12) return channel === "电商" ? rng.pick(ONLINE_NOTES) : rng.pick(NOTES);
  return "";
}

/** The three forms a region cell may take (data-contract.md): full name, code, short name. */
export function regionCell(rng: Rng, region: SampleRegion): string {
  const x = rng.next();
  return x < 0.6 ? region.name : x < 0.85 ? region.code : region.short_name;
}

/** A district cell, or `市外:<省>` for a producer outside the city (now and then with a full-width colon). */
export function producerRegionCell(rng: Rng, place: Place): string {
  return place.province
    ? `市外${rng.chance(0.05) ? "：" : ":"}${place.province.name}`
    : regionCell(rng, place.region!);
}

export function listCell(rng: Rng, values: readonly string[]): string {
  const x = rng.next();
  return values.join(x < 0.8 ? "、" : x < 0.95 ? ";" : "；");
}

export function booleanCell(rng: Rng, value: boolean): string {
  const x = rng.next();
  if (value) return x < 0.9 ? "是" : "Y";
  return x < 0.6 ? "否" : x < 0.9 ? "" : "N";
}

/** About 1% of names carry stray spaces (full-width included), which ingest trims. */
export function padded(rng: Rng, name: string): string {
  const x = rng.next();
  return x < 0.005 ? `${name}\u3000` : x < 0.01 ? ` ${name}` : name;
}
