// Companies, shops and people of the sample: names, unified social credit codes
// (GB 32100-2015, with valid check characters), addresses, contacts and phones.
// Every entity is a pure function of (seed, entity number), so a company looks
// the same each time it is sampled and nothing has to be remembered.
import { USCC_CHARSET, isValidUscc, usccCheckCharacter } from "../contract/uscc.ts";
import { entityRng, type Rng } from "./random.ts";
import { ROADS, TOWNS, type Province, type SampleRegion } from "./places.ts";

// The check character is the contract's own (GB 32100-2015), so generated codes and the
// ingest check can never drift apart.
export { isValidUscc };

export function usccCheckChar(first17: string): string {
  return usccCheckCharacter(first17)!;
}

/** The same code with a wrong check character (a planted bad row). */
export function corruptUscc(code: string): string {
  const right = USCC_CHARSET.indexOf(code[17]);
  return code.slice(0, 17) + USCC_CHARSET[(right + 7) % 31];
}

/** GB 11714 check character of the 8-character organisation code body (the 17th character of a USCC). */
function organisationCheckChar(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i];
    const value = ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += value * weights[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

const BODY_SPACE = 31 ** 6;

/**
 * A USCC unique to `entityNumber`: 9 (registered by market regulation), 1 (company) or
 * 2 (individual business), the division code, an organisation code "MA" + 6 characters
 * (a bijective scramble of the entity number, so two entities never share a code),
 * its GB 11714 check, and the GB 32100 check character.
 */
export function makeUscc(entityNumber: number, divisionCode: string, individual: boolean): string {
  let n = (entityNumber * 48271 + 12345) % BODY_SPACE; // 48271 is prime to 31, so this is a bijection
  let chars = "";
  for (let i = 0; i < 6; i++) {
    chars = USCC_CHARSET[n % 31] + chars;
    n = Math.floor(n / 31);
  }
  const body = "MA" + chars;
  const first17 = (individual ? "92" : "91") + divisionCode + body + organisationCheckChar(body);
  return first17 + usccCheckChar(first17);
}

// 字号 (the distinctive part of a company name): two characters from these lists, a third one when a pool is large.
const NAME_FIRST = "鑫宏华瑞泰恒达盛隆祥晟远川渝巴嘉亿和众佳金银龙凤兴旺福顺安康永新创美丰源德利昌荣盈".split("");
const NAME_SECOND = "达源鑫泰宇诚信邦通辉峰森林海阳光明科创业新锦程昊天润发成捷祥瑞康华富豪腾飞扬升".split("");
const NAME_THIRD = "星辰恒博联卓越云弘正".split("");
const NAME_SPACE = NAME_FIRST.length * NAME_SECOND.length;

/** The k-th distinct 字号 of a pool; `salt` varies the order between pools. */
export function tradeName(k: number, salt: number): string {
  const stride = 617; // prime to NAME_SPACE, so k ↦ index is one-to-one
  const index = (((k % NAME_SPACE) * stride + salt) % NAME_SPACE + NAME_SPACE) % NAME_SPACE;
  const base = NAME_FIRST[Math.floor(index / NAME_SECOND.length)] + NAME_SECOND[index % NAME_SECOND.length];
  const round = Math.floor(k / NAME_SPACE);
  return round === 0 ? base : base + NAME_THIRD[(round - 1) % NAME_THIRD.length] + (round > NAME_THIRD.length ? String(round) : "");
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢谭廖".split("");
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志文斌海燕波宇浩琳雪梅丹".split("");

export function personName(rng: Rng): string {
  const given = rng.chance(0.6) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

export function phoneNumber(rng: Rng): string {
  if (rng.chance(0.3)) return `023-${rng.int(4, 8)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
  return `1${rng.pick(["3", "5", "7", "8", "9"])}${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
}

const SIZES = [["大型", 4], ["中型", 14], ["小型", 46], ["微型", 36]] as const;

function enterpriseSize(rng: Rng): string {
  let x = rng.next() * 100;
  for (const [size, weight] of SIZES) {
    if (x < weight) return size;
    x -= weight;
  }
  return "小型";
}

export interface Entity {
  number: number;
  name: string;
  uscc: string;
  address: string;
  contact: string;
  phone: string;
  size: string;
  brand: string;
}

/** Where an entity is: a Chongqing region, or a province for 市外 producers. */
export type Place = { region: SampleRegion; province?: undefined } | { region?: undefined; province: Province };

function placeAddress(rng: Rng, place: Place): string {
  const road = rng.pick(ROADS);
  const number = rng.int(1, 399);
  const annex = rng.chance(0.2) ? `附${rng.int(1, 12)}号` : "";
  if (place.province) return `${place.province.place}${road}${number}号${annex}`;
  const town = rng.pick(TOWNS);
  const area = place.region.type === "功能区" ? `重庆${place.region.name}` : `重庆市${place.region.name}`;
  return `${area}${town ? place.region.short_name + town : ""}${road}${number}号${annex}`;
}

function namePrefix(place: Place): string {
  if (place.province) return place.province.place.replace(/^.+?省/, "");
  return place.region.type === "功能区" ? `重庆${place.region.name}` : `重庆市${place.region.name}`;
}

const BRAND_FIRST = "金银宏华星龙凤美佳安康新光力天川渝山水蓝绿红".split("");
const BRAND_SECOND = "盾虎鹰狮帆达宝乐源泰盛辉星威驰牛马鹿".split("");

function brandName(rng: Rng, trade: string): string {
  if (rng.chance(0.04)) return "图形商标";
  const core = rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND);
  if (rng.chance(0.15)) return core + "牌";
  if (rng.chance(0.1)) return `${core}${trade.slice(0, 1)}`;
  return core;
}

/** A producer: number `entityNumber`, the k-th of its pool (trade word × place). */
export function producer(seed: number, entityNumber: number, k: number, trade: string, place: Place, poolSalt: number): Entity {
  const rng = entityRng(seed, entityNumber, 1);
  const suffix = rng.chance(0.08) ? "股份有限公司" : rng.chance(0.15) ? "制造有限公司" : "有限公司";
  const division = place.province ? place.province.divisionCode : place.region.divisionCode;
  return {
    number: entityNumber,
    name: `${namePrefix(place)}${tradeName(k, poolSalt)}${trade}${suffix}`,
    uscc: makeUscc(entityNumber, division, false),
    address: placeAddress(rng, place),
    contact: personName(rng),
    phone: phoneNumber(rng),
    size: enterpriseSize(rng),
    brand: brandName(rng, trade),
  };
}

const SHOP_KINDS = [
  ["商贸有限公司", false], ["超市有限公司", false], ["五金经营部", true], ["百货商行", true],
  ["建材经营部", true], ["电器经营部", true], ["贸易有限公司", false], ["连锁超市有限公司", false],
] as const;
const ONLINE_KINDS = ["电子商务有限公司", "网络科技有限公司", "商贸有限公司", "电子商务商行"] as const;

/** A seller (shop or online store operator) in a Chongqing region. */
export function seller(seed: number, entityNumber: number, k: number, region: SampleRegion, online: boolean, poolSalt: number): Entity {
  const rng = entityRng(seed, entityNumber, 2);
  const place: Place = { region };
  let kind: string;
  let individual: boolean;
  if (online) {
    kind = rng.pick(ONLINE_KINDS);
    individual = kind.endsWith("商行");
  } else {
    [kind, individual] = rng.pick(SHOP_KINDS);
  }
  return {
    number: entityNumber,
    name: `${namePrefix(place)}${tradeName(k, poolSalt)}${kind}`,
    uscc: makeUscc(entityNumber, region.divisionCode, individual),
    address: placeAddress(rng, place),
    contact: personName(rng),
    phone: phoneNumber(rng),
    size: individual ? "微型" : enterpriseSize(rng),
    brand: "",
  };
}

