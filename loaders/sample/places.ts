// Where the sample's batches come from: the 41 units of article 5 weighted by
// economic size, the provinces of out-of-city (市外) producers, and the pieces
// that make addresses.
import { REGIONS as CONTRACT_REGIONS, type Region } from "../contract/regions.ts";

/** A unit of article 5 (loaders/contract/regions.ts) with what the generator adds to it. */
export interface SampleRegion extends Region {
  /** Relative economic size (GDP 2023, 亿元, rounded; the functional areas by their own output). */
  weight: number;
  /** Administrative division code used in USCCs (functional areas: the district they sit in). */
  divisionCode: string;
}

// GDP 2023 in 亿元, rounded (district statistical bulletins). Only the relative size matters.
const ECONOMIC_WEIGHT: Readonly<Record<string, number>> = {
  "500101": 1230, "500102": 1520, "500103": 1620, "500104": 370, "500105": 1460, "500106": 1100,
  "500107": 1750, "500108": 900, "500109": 780, "500110": 730, "500111": 850, "500112": 2360,
  "500113": 1020, "500114": 300, "500115": 900, "500116": 1300, "500117": 1020, "500118": 1260,
  "500119": 410, "500120": 950, "500151": 830, "500152": 600, "500153": 870, "500154": 680,
  "500155": 680, "500156": 250, "500229": 70, "500230": 400, "500231": 610, "500233": 560,
  "500235": 580, "500236": 460, "500237": 230, "500238": 140, "500240": 250, "500241": 300,
  "500242": 250, "500243": 250, LJXQ: 1300, GXQ: 700, WSJKQ: 200,
};

const FUNCTIONAL_AREA_DIVISION: Readonly<Record<string, string>> = { LJXQ: "500112", GXQ: "500106", WSJKQ: "500110" };

function sampleRegions(): SampleRegion[] {
  return CONTRACT_REGIONS.map((region) => {
    const weight = ECONOMIC_WEIGHT[region.code];
    if (weight === undefined) throw new Error(`示例数据生成器缺少区县 ${region.code} ${region.name} 的经济权重`);
    return { ...region, weight, divisionCode: FUNCTIONAL_AREA_DIVISION[region.code] ?? region.code };
  });
}

export const REGIONS: readonly SampleRegion[] = sampleRegions();

export const HECHUAN = "500117";

export interface Province {
  name: string;
  /** City and district of the producers we invent there, with the district's division code. */
  place: string;
  divisionCode: string;
  weight: number;
}

/** Provinces that supply Chongqing's shops, roughly by how often their products turn up. */
export const PROVINCES: readonly Province[] = [
  { name: "四川省", place: "四川省成都市新都区", divisionCode: "510114", weight: 30 },
  { name: "广东省", place: "广东省佛山市顺德区", divisionCode: "440606", weight: 20 },
  { name: "浙江省", place: "浙江省宁波市慈溪市", divisionCode: "330282", weight: 18 },
  { name: "江苏省", place: "江苏省苏州市吴江区", divisionCode: "320509", weight: 12 },
  { name: "福建省", place: "福建省泉州市晋江市", divisionCode: "350582", weight: 6 },
  { name: "山东省", place: "山东省临沂市兰山区", divisionCode: "371302", weight: 6 },
  { name: "河北省", place: "河北省石家庄市藁城区", divisionCode: "130109", weight: 5 },
  { name: "湖北省", place: "湖北省武汉市东西湖区", divisionCode: "420112", weight: 3 },
  { name: "贵州省", place: "贵州省贵阳市白云区", divisionCode: "520113", weight: 3 },
  { name: "天津市", place: "天津市静海区", divisionCode: "120118", weight: 3 },
];

export const ROADS = [
  "工业园区", "科技大道", "人民路", "建设路", "迎宾大道", "东环路", "滨江路", "兴业路", "创业大道", "振兴路",
  "金山大道", "龙湖路", "解放路", "新华路", "长江路", "嘉陵路", "凤凰大道", "白鹤路", "星光大道", "朝阳路",
  "南滨路", "学府大道", "桂花街", "商贸城", "物流园区", "黄桷路", "西城大道", "电子产业园", "建材市场", "五金机电城",
] as const;

/** Town-like prefixes inside a district, for variety in addresses. */
export const TOWNS = ["", "", "", "工业园区", "街道", "镇", "经济开发区"] as const;
