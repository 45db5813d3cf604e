// The product catalogue of the sample: real categories of Chongqing's product-quality
// supervision spot checks, each with the share of batches it usually takes, a base
// non-conformity rate (2%–12%, the range the bureau's published bulletins typically show;
// kept at most 12% so that no category but the planted one stands out as an
// industry-wide problem against the all-category rate of about 9%),
// the test items that usually fail, product names, standards and model designations.
// Rates are per batch and the same in every region (no category is systematically off
// except the planted patterns of patterns.ts).

export type Channel = "生产" | "流通" | "电商";

export interface ProductGroup {
  code: string;
  name: string;
  /** Inspection agencies able to test the group; the first is the usual one. More than one, so a re-inspection (article 56) can go elsewhere. */
  agencies: readonly string[];
}

export interface Category {
  name: string;
  /** Short code used in task ids. */
  code: string;
  group: string;
  /** Relative share of batches. */
  share: number;
  /** Base probability that a batch fails (initial conclusion 不合格). */
  rate: number;
  /** Test items that fail, with their relative frequency among failures. */
  items: readonly (readonly [string, number])[];
  products: readonly string[];
  standards: readonly string[];
  /** Designations of 规格型号; a producer makes a few of them. */
  models: readonly string[];
  /** Word in producers' names (重庆XX电线电缆有限公司). */
  trade: string;
  /** Channels the product is sampled in (fuel only at filling stations, rebar never online). */
  channels: readonly Channel[];
  /** On-site inspection possible (article 41, e.g. fuel at the pump). */
  onsite?: boolean;
  /** Inspection agencies, when not the group's. */
  agencies?: readonly string[];
}

export const AGENCIES = {
  jiliang: "重庆市计量质量检测研究院",
  fiber: "重庆市纤维织品检验所",
  building: "重庆市建筑科学研究院有限公司",
  moto: "国家摩托车质量检验检测中心（重庆）",
  customs: "重庆海关技术中心",
  pony: "谱尼测试集团重庆有限公司",
  food: "重庆市食品药品检验检测研究院",
  sichuan: "四川省产品质量监督检验检测院",
} as const;

/** Staff-code prefixes of the agencies (staff codes, not names, are recorded: article 20). */
export const AGENCY_CODES: Readonly<Record<string, string>> = {
  [AGENCIES.jiliang]: "JZ",
  [AGENCIES.fiber]: "XW",
  [AGENCIES.building]: "JK",
  [AGENCIES.moto]: "MT",
  [AGENCIES.customs]: "HG",
  [AGENCIES.pony]: "PN",
  [AGENCIES.food]: "SY",
  [AGENCIES.sichuan]: "SC",
};

export const GROUPS: readonly ProductGroup[] = [
  { code: "DG", name: "电工及材料产品", agencies: [AGENCIES.jiliang, AGENCIES.pony, AGENCIES.customs] },
  { code: "JC", name: "建筑和装饰装修材料", agencies: [AGENCIES.building, AGENCIES.jiliang, AGENCIES.pony] },
  { code: "RY", name: "日用及纺织品", agencies: [AGENCIES.jiliang, AGENCIES.fiber, AGENCIES.pony] },
  { code: "ET", name: "儿童及学生用品", agencies: [AGENCIES.jiliang, AGENCIES.customs, AGENCIES.pony] },
  { code: "SX", name: "食品相关产品", agencies: [AGENCIES.food, AGENCIES.jiliang, AGENCIES.pony] },
  { code: "NZ", name: "农业生产资料", agencies: [AGENCIES.jiliang, AGENCIES.pony, AGENCIES.sichuan] },
  { code: "JD", name: "机动车配件及燃料", agencies: [AGENCIES.jiliang, AGENCIES.moto, AGENCIES.pony] },
];

const ALL: readonly Channel[] = ["生产", "流通", "电商"];
const OFFLINE: readonly Channel[] = ["生产", "流通"];
const TEXTILE_AGENCIES = [AGENCIES.fiber, AGENCIES.jiliang, AGENCIES.pony];
const MOTO_AGENCIES = [AGENCIES.moto, AGENCIES.jiliang, AGENCIES.pony];

export const CATEGORIES: readonly Category[] = [
  // 电工及材料
  {
    name: "电线电缆", code: "DXDL", group: "DG", share: 5, rate: 0.12,
    items: [["导体电阻", 5], ["绝缘厚度", 3], ["绝缘老化前拉伸强度", 2], ["护套厚度", 2], ["绝缘最薄处厚度", 2], ["标志耐擦性", 1]],
    products: ["聚氯乙烯绝缘电线", "聚氯乙烯绝缘软电线", "聚氯乙烯绝缘聚氯乙烯护套电缆"],
    standards: ["GB/T 5023.3-2008", "GB/T 5023.5-2008"],
    models: ["BV 450/750V 1×1.5mm²", "BV 450/750V 1×2.5mm²", "BV 450/750V 1×4mm²", "BVR 450/750V 1×6mm²", "RVV 300/500V 3×1.5mm²", "BVVB 300/500V 2×2.5mm²"],
    trade: "电线电缆", channels: ALL,
  },
  {
    name: "电动自行车", code: "DDZXC", group: "DG", share: 4, rate: 0.08,
    items: [["整车质量", 3], ["最高车速", 3], ["脚踏骑行能力", 2], ["制动性能", 2], ["防篡改性能", 2], ["阻燃性能", 1]],
    products: ["电动自行车"],
    standards: ["GB 17761-2018"],
    models: ["TDT1018Z", "TDT2236Z", "TDR0955Z", "TDT5501Z", "TDR3302Z", "TDT0817Z", "TDT7728Z"],
    trade: "电动车", channels: ALL, agencies: MOTO_AGENCIES,
  },
  {
    name: "电动自行车用锂离子蓄电池", code: "LDC", group: "DG", share: 1.5, rate: 0.10,
    items: [["过充电保护", 3], ["过放电保护", 2], ["外部短路保护", 2], ["挤压", 1], ["标识", 1]],
    products: ["电动自行车用锂离子蓄电池"],
    standards: ["GB/T 36972-2018"],
    models: ["48V12Ah", "48V20Ah", "60V20Ah", "48V24Ah", "72V20Ah"],
    trade: "新能源科技", channels: ALL, agencies: MOTO_AGENCIES,
  },
  {
    name: "插头插座", code: "CTCZ", group: "DG", share: 3, rate: 0.12,
    items: [["防触电保护", 3], ["结构", 3], ["爬电距离、电气间隙和穿通绝缘距离", 2], ["插头拔出插座所需的力", 2], ["耐热", 1], ["标志", 1]],
    products: ["移动式插座", "转换器", "墙壁开关插座"],
    standards: ["GB/T 2099.1-2021", "GB/T 2099.3-2015", "GB/T 2099.7-2015"],
    models: ["10A 250V 四位", "10A 250V 六位", "16A 250V 三孔", "10A 250V 五孔", "10A 250V 八位带USB"],
    trade: "电器", channels: ALL,
  },
  {
    name: "LED灯具", code: "LED", group: "DG", share: 2.5, rate: 0.12,
    items: [["谐波电流", 3], ["无线电骚扰特性", 2], ["标记", 2], ["防触电保护", 2], ["接线端子", 1]],
    products: ["LED筒灯", "LED吸顶灯", "LED台灯", "LED平板灯"],
    standards: ["GB 7000.1-2015", "GB 7000.201-2008"],
    models: ["6W 4000K", "12W 6500K", "18W 3000K", "24W 5000K", "36W 6500K"],
    trade: "照明", channels: ALL,
  },
  {
    name: "电热水壶", code: "DRSH", group: "DG", share: 1.5, rate: 0.07,
    items: [["发热", 2], ["非正常工作", 2], ["输入功率和电流", 2], ["标志和说明", 2], ["结构", 1]],
    products: ["电热水壶"],
    standards: ["GB 4706.1-2005", "GB 4706.19-2008"],
    models: ["1.5L 1500W", "1.7L 1800W", "1.8L 2000W", "1.2L 1350W"],
    trade: "电器", channels: ALL,
  },
  {
    name: "储水式电热水器", code: "RSQ", group: "DG", share: 1.5, rate: 0.06,
    items: [["泄漏电流和电气强度", 2], ["接地措施", 2], ["防水", 2], ["输入功率和电流", 1], ["标志和说明", 2]],
    products: ["储水式电热水器"],
    standards: ["GB 4706.12-2006"],
    models: ["40L 2000W", "50L 2100W", "60L 3000W", "80L 3000W"],
    trade: "电器", channels: ALL,
  },
  {
    name: "小型断路器", code: "DLQ", group: "DG", share: 1.5, rate: 0.07,
    items: [["脱扣特性", 3], ["耐热", 1], ["标志", 2], ["介电性能", 1], ["温升", 1]],
    products: ["家用及类似场所用过电流保护断路器"],
    standards: ["GB/T 10963.1-2020"],
    models: ["C16 1P", "C32 2P", "C63 3P", "C20 1P+N", "D40 2P"],
    trade: "电气", channels: ALL,
  },
  {
    name: "电动工具", code: "DDGJ", group: "DG", share: 1, rate: 0.08,
    items: [["发热", 2], ["机械强度", 1], ["结构", 2], ["标志和说明", 2], ["骚扰功率", 1]],
    products: ["电钻", "角向磨光机", "电锤"],
    standards: ["GB/T 3883.1-2014", "GB/T 3883.201-2017"],
    models: ["J1Z-10", "S1M-100", "Z1C-26", "J1Z-13"],
    trade: "机电", channels: ALL,
  },
  // 建筑和装饰装修材料
  {
    name: "钢筋混凝土用热轧带肋钢筋", code: "GJ", group: "JC", share: 2, rate: 0.03,
    items: [["重量偏差", 3], ["屈服强度", 2], ["抗拉强度", 1], ["断后伸长率", 2], ["弯曲性能", 1]],
    products: ["热轧带肋钢筋"],
    standards: ["GB/T 1499.2-2018"],
    models: ["HRB400E Φ12", "HRB400E Φ16", "HRB400E Φ20", "HRB500E Φ25", "HRB400E Φ10"],
    trade: "钢铁", channels: OFFLINE,
  },
  {
    name: "水泥", code: "SN", group: "JC", share: 1.5, rate: 0.02,
    items: [["28d抗压强度", 3], ["3d抗压强度", 2], ["安定性", 1], ["凝结时间", 1], ["氯离子", 1]],
    products: ["通用硅酸盐水泥"],
    standards: ["GB 175-2007"],
    models: ["P·O 42.5", "P·O 42.5R", "P·C 42.5", "P·O 52.5"],
    trade: "水泥", channels: OFFLINE,
  },
  {
    name: "建筑防水卷材", code: "FSJC", group: "JC", share: 2, rate: 0.10,
    items: [["拉力", 3], ["低温柔性", 3], ["不透水性", 1], ["耐热性", 2], ["可溶物含量", 2]],
    products: ["弹性体改性沥青防水卷材", "聚氯乙烯防水卷材"],
    standards: ["GB 18242-2008", "GB 12952-2011"],
    models: ["SBS I PY PE PE 3 10", "SBS II PY S 4 10", "PVC H 1.2", "SBS I PY PE S 4 10"],
    trade: "防水材料", channels: ALL, agencies: [AGENCIES.building, AGENCIES.jiliang, AGENCIES.pony],
  },
  {
    name: "人造板", code: "RZB", group: "JC", share: 1.5, rate: 0.06,
    items: [["甲醛释放量", 3], ["内胶合强度", 2], ["含水率", 2], ["静曲强度", 1]],
    products: ["胶合板", "中密度纤维板", "刨花板"],
    standards: ["GB/T 9846-2015", "GB 18580-2017", "GB/T 11718-2021"],
    models: ["2440×1220×18mm", "2440×1220×15mm", "2440×1220×9mm", "2440×1220×12mm"],
    trade: "木业", channels: ALL,
  },
  {
    name: "陶瓷砖", code: "TCZ", group: "JC", share: 1.5, rate: 0.05,
    items: [["吸水率", 2], ["破坏强度", 2], ["断裂模数", 2], ["尺寸偏差", 1], ["表面质量", 1]],
    products: ["陶瓷砖"],
    standards: ["GB/T 4100-2015"],
    models: ["800×800mm", "600×1200mm", "300×600mm", "750×1500mm"],
    trade: "陶瓷", channels: ALL,
  },
  {
    name: "建筑用塑料管材", code: "SLGC", group: "JC", share: 2, rate: 0.08,
    items: [["纵向回缩率", 2], ["静液压试验", 3], ["简支梁冲击试验", 1], ["平均外径", 1], ["壁厚", 2]],
    products: ["冷热水用聚丙烯管材", "给水用硬聚氯乙烯管材", "建筑排水用硬聚氯乙烯管材"],
    standards: ["GB/T 18742.2-2017", "GB/T 10002.1-2023", "GB/T 5836.1-2018"],
    models: ["dn20×2.8 S3.2", "dn25×3.5 S3.2", "dn110×3.2", "dn50×2.4 PN1.6", "dn75×2.3"],
    trade: "塑胶管业", channels: ALL,
  },
  {
    name: "建筑涂料", code: "TL", group: "JC", share: 1.5, rate: 0.04,
    items: [["挥发性有机化合物含量", 2], ["游离甲醛", 2], ["耐洗刷性", 2], ["对比率", 2]],
    products: ["合成树脂乳液内墙涂料", "合成树脂乳液外墙涂料"],
    standards: ["GB 18582-2020", "GB/T 9756-2018", "GB/T 9755-2014"],
    models: ["5L 哑光", "18L 哑光", "20kg 平光", "5L 丝光"],
    trade: "涂料", channels: ALL,
  },
  // 日用及纺织品
  {
    name: "燃气用具", code: "RQJ", group: "RY", share: 3, rate: 0.10,
    items: [["熄火保护装置", 3], ["热负荷准确度", 2], ["干烟气中一氧化碳含量", 2], ["气密性", 2], ["热效率", 2], ["燃气导管", 1]],
    products: ["家用燃气灶具", "家用燃气快速热水器"],
    standards: ["GB 16410-2020", "GB 6932-2015"],
    models: ["JZT-2E01", "JZY-B20", "JSQ24-12A", "JZT-Q6", "JSQ30-16B"],
    trade: "燃气具", channels: ALL,
  },
  {
    name: "燃气用不锈钢波纹软管", code: "BWRG", group: "RY", share: 1, rate: 0.12,
    items: [["耐压性能", 2], ["气密性", 2], ["外径和壁厚", 2], ["耐冲击性能", 1]],
    products: ["燃气输送用不锈钢波纹软管"],
    standards: ["GB/T 26002-2010", "CJ/T 197-2010"],
    models: ["DN10×1.2m", "DN10×1.5m", "DN15×2.0m", "DN10×0.8m"],
    trade: "金属软管", channels: ALL,
  },
  {
    name: "床上用品", code: "CSYP", group: "RY", share: 1.5, rate: 0.10,
    items: [["纤维含量", 3], ["甲醛含量", 1], ["耐水色牢度", 2], ["耐摩擦色牢度", 2], ["pH值", 1]],
    products: ["床单", "被套", "枕套", "夏凉被"],
    standards: ["GB 18401-2010", "GB/T 22796-2021", "GB/T 22844-2009"],
    models: ["150×200cm", "200×230cm", "48×74cm", "180×220cm"],
    trade: "家纺", channels: ALL, agencies: TEXTILE_AGENCIES,
  },
  {
    name: "服装", code: "FZ", group: "RY", share: 2.5, rate: 0.11,
    items: [["纤维含量", 4], ["耐摩擦色牢度", 2], ["水洗尺寸变化率", 2], ["pH值", 1], ["耐皂洗色牢度", 1], ["使用说明", 2]],
    products: ["衬衫", "针织T恤", "休闲裤", "羽绒服"],
    standards: ["GB 18401-2010", "FZ/T 81007-2022", "GB/T 2660-2017", "GB/T 14272-2021"],
    models: ["170/88A", "175/92A", "165/84A", "180/96A", "160/80A"],
    trade: "服饰", channels: ALL, agencies: TEXTILE_AGENCIES,
  },
  {
    name: "鞋类", code: "XL", group: "RY", share: 1.5, rate: 0.08,
    items: [["耐折性能", 3], ["外底耐磨性能", 2], ["帮底剥离强度", 2], ["标识", 1]],
    products: ["休闲鞋", "运动鞋", "皮鞋"],
    standards: ["QB/T 4331-2012", "QB/T 4886-2015", "QB/T 1002-2015"],
    models: ["240", "250", "260", "235", "270"],
    trade: "鞋业", channels: ALL,
  },
  {
    name: "眼镜", code: "YJ", group: "RY", share: 1, rate: 0.12,
    items: [["顶焦度偏差", 3], ["光透射比", 2], ["光学中心水平偏差", 2], ["标志", 1]],
    products: ["太阳镜", "老视成镜"],
    standards: ["GB 39552.1-2020", "GB 10810.1-2005", "QB 2457-1999"],
    models: ["+1.50D", "+2.00D", "+2.50D", "UV400 偏光", "UV400"],
    trade: "眼镜", channels: ALL,
  },
  {
    name: "日常防护型口罩", code: "KZ", group: "RY", share: 1, rate: 0.10,
    items: [["过滤效率", 3], ["呼吸阻力", 2], ["防护效果", 2], ["微生物指标", 1], ["环氧乙烷残留量", 1]],
    products: ["日常防护型口罩"],
    standards: ["GB/T 32610-2016"],
    models: ["175×95mm 成人款", "145×90mm 儿童款", "折叠式 L号", "平面耳挂式"],
    trade: "防护用品", channels: ALL,
  },
  {
    name: "生活用纸", code: "SHYZ", group: "RY", share: 1.5, rate: 0.06,
    items: [["细菌菌落总数", 2], ["交货水分", 2], ["横向吸液高度", 2], ["可迁移性荧光增白剂", 1], ["定量", 1]],
    products: ["卫生纸", "纸巾纸", "湿巾"],
    standards: ["GB/T 20810-2018", "GB/T 20808-2022", "GB/T 27728.1-2024"],
    models: ["3层 130抽", "4层 180g", "3层 100抽×6包", "80片"],
    trade: "纸业", channels: ALL,
  },
  {
    name: "洗涤用品", code: "XDYP", group: "RY", share: 1, rate: 0.05,
    items: [["总活性物含量", 3], ["pH值", 1], ["总五氧化二磷", 1], ["标签", 1]],
    products: ["洗衣液", "洗洁精"],
    standards: ["GB/T 13174-2021", "GB/T 9985-2000"],
    models: ["2kg", "3kg", "1.5kg", "500g"],
    trade: "日化", channels: ALL,
  },
  {
    name: "家具", code: "JJ", group: "RY", share: 1.5, rate: 0.10,
    items: [["甲醛释放量", 2], ["稳定性", 2], ["强度和耐久性", 2], ["结构安全", 2], ["标识", 1]],
    products: ["办公椅", "衣柜", "书桌", "实木床"],
    standards: ["GB 18584-2001", "GB/T 3325-2017", "GB 28007-2011"],
    models: ["1200×600×750mm", "1800×2000mm", "600×600×1100mm", "1500×580×2200mm"],
    trade: "家具", channels: ALL,
  },
  {
    name: "摩托车乘员头盔", code: "TK", group: "RY", share: 1.5, rate: 0.12,
    items: [["吸收碰撞能量性能", 3], ["耐穿透性能", 2], ["佩戴装置稳定性", 2], ["视野", 1], ["标识", 1]],
    products: ["电动自行车乘员头盔", "摩托车乘员头盔"],
    standards: ["GB 811-2022"],
    models: ["A类 L号", "B类 M号", "A类 XL号", "B类 均码"],
    trade: "头盔", channels: ALL, agencies: MOTO_AGENCIES,
  },
  // 儿童及学生用品
  {
    name: "儿童玩具", code: "WJ", group: "ET", share: 4, rate: 0.10,
    // 邻苯二甲酸酯增塑剂 is drawn apart (patterns.ts): in ~15% of failures normally.
    items: [["小零件", 3], ["标识和使用说明", 4], ["可触及的锐利边缘", 2], ["可触及的锐利尖端", 2], ["声响", 1], ["可迁移元素", 1]],
    products: ["塑胶玩具", "毛绒布制玩具", "电玩具", "童车玩具"],
    standards: ["GB 6675.1-2014", "GB 6675.2-2014", "GB 6675.14-2014", "GB 19865-2022"],
    models: ["A-2301", "TY-8826", "W-3306", "K-1109", "BX-6602", "LT-520"],
    trade: "玩具", channels: ALL, agencies: [AGENCIES.customs, AGENCIES.jiliang, AGENCIES.pony],
  },
  {
    name: "婴幼儿及儿童服装", code: "TZ", group: "ET", share: 2, rate: 0.12,
    items: [["绳带要求", 3], ["纤维含量", 3], ["pH值", 1], ["耐唾液色牢度", 1], ["附件抗拉强力", 2], ["甲醛含量", 1]],
    products: ["婴幼儿连体衣", "儿童卫衣", "儿童外套", "儿童裤"],
    standards: ["GB 31701-2015", "FZ/T 81014-2008", "FZ/T 73045-2013"],
    models: ["80/48", "90/52", "110/56", "130/64", "150/72"],
    trade: "童装", channels: ALL, agencies: TEXTILE_AGENCIES,
  },
  {
    name: "学生用品", code: "XSYP", group: "ET", share: 2, rate: 0.08,
    items: [["可迁移元素", 2], ["标识", 3], ["游离甲醛", 1], ["苯", 1], ["书写性能", 2]],
    products: ["中性笔", "修正带", "橡皮擦", "学生书包"],
    standards: ["GB 21027-2020", "QB/T 2625-2003", "GB/T 26699-2022"],
    models: ["0.5mm 黑色", "5mm×6m", "4B 大号", "中号 双肩"],
    trade: "文具", channels: ALL,
  },
  {
    name: "童车", code: "TC", group: "ET", share: 1, rate: 0.09,
    items: [["制动装置", 2], ["锁紧装置", 2], ["稳定性", 2], ["小零件", 1], ["标识", 1]],
    products: ["婴儿推车", "儿童三轮车", "儿童自行车"],
    standards: ["GB 14748-2020", "GB 14746-2006", "GB 14747-2006"],
    models: ["A-808", "TC-12", "14英寸", "16英寸", "B-607"],
    trade: "童车", channels: ALL,
  },
  // 食品相关产品
  {
    name: "塑料一次性餐饮具", code: "SLCJ", group: "SX", share: 3, rate: 0.10, // planted industry-wide problem raises it (patterns.ts)
    items: [["总迁移量", 3], ["高锰酸钾消耗量", 3], ["脱色试验", 2], ["负重性能", 1], ["重金属（以Pb计）", 1], ["感官", 1]],
    products: ["一次性塑料餐盒", "一次性塑料杯", "一次性塑料碗", "一次性塑料吸管"],
    standards: ["GB 4806.7-2016", "GB/T 18006.1-2009"],
    models: ["750ml 长方形", "500ml 圆形", "1000ml 双格", "400ml 杯", "6×210mm"],
    trade: "塑料制品", channels: ALL,
  },
  {
    name: "食品用塑料包装容器工具", code: "SLBZ", group: "SX", share: 1.5, rate: 0.05,
    items: [["溶剂残留量", 2], ["总迁移量", 2], ["高锰酸钾消耗量", 2], ["脱色试验", 1]],
    products: ["食品用塑料包装袋", "保鲜盒", "食品用塑料瓶"],
    standards: ["GB 4806.7-2016", "GB/T 10004-2008"],
    models: ["20×30cm", "1000ml", "550ml", "25×35cm×8丝"],
    trade: "包装", channels: ALL,
  },
  {
    name: "食品用纸包装", code: "ZBZ", group: "SX", share: 1.5, rate: 0.05,
    items: [["荧光性物质", 2], ["总迁移量", 1], ["高锰酸钾消耗量", 1], ["杯身挺度", 2], ["渗漏性能", 1]],
    products: ["纸杯", "纸碗", "食品包装纸袋"],
    standards: ["GB 4806.8-2022", "GB/T 27590-2011", "GB/T 36787-2018"],
    models: ["9盎司", "7盎司", "750ml", "12盎司"],
    trade: "纸制品", channels: ALL,
  },
  {
    name: "不锈钢餐具", code: "BXG", group: "SX", share: 1, rate: 0.05,
    items: [["铬迁移量", 2], ["镍迁移量", 2], ["铅迁移量", 1], ["标识", 2]],
    products: ["不锈钢餐勺", "不锈钢碗", "不锈钢锅"],
    standards: ["GB 4806.9-2016", "GB/T 29606-2013"],
    models: ["304 14cm", "304 16cm", "201 12cm", "304 24cm"],
    trade: "不锈钢制品", channels: ALL,
  },
  // 农业生产资料
  {
    name: "复混肥料", code: "FHFL", group: "NZ", share: 2, rate: 0.12,
    items: [["总养分", 4], ["水溶性磷占有效磷百分率", 2], ["氯离子", 2], ["水分", 1], ["粒度", 1], ["标识", 1]],
    products: ["复合肥料", "掺混肥料"],
    standards: ["GB/T 15063-2020", "GB/T 21633-2020"],
    models: ["15-15-15 50kg", "17-17-17 40kg", "20-10-10 50kg", "18-8-14 40kg"],
    trade: "肥业", channels: ALL,
  },
  {
    name: "农膜", code: "NM", group: "NZ", share: 1, rate: 0.10,
    items: [["拉伸负荷", 2], ["断裂标称应变", 2], ["厚度", 2], ["直角撕裂负荷", 1]],
    products: ["聚乙烯吹塑农用地面覆盖薄膜"],
    standards: ["GB 13735-2017"],
    models: ["0.010mm×1200mm", "0.012mm×1500mm", "0.015mm×2000mm"],
    trade: "塑料", channels: ALL,
  },
  // 机动车配件及燃料
  {
    name: "车用汽油", code: "QY", group: "JD", share: 1.5, rate: 0.03,
    items: [["蒸气压", 2], ["硫含量", 2], ["研究法辛烷值", 2], ["苯含量", 1], ["烯烃含量", 1]],
    products: ["车用汽油"],
    standards: ["GB 17930-2016"],
    models: ["92号（VIB）", "95号（VIB）", "98号（VIB）"],
    trade: "能源", channels: ["流通"], onsite: true, agencies: [AGENCIES.jiliang, AGENCIES.pony, AGENCIES.sichuan],
  },
  {
    name: "车用柴油", code: "CY", group: "JD", share: 1.5, rate: 0.05,
    items: [["硫含量", 2], ["十六烷值", 2], ["闪点", 2], ["多环芳烃含量", 1], ["冷滤点", 1]],
    products: ["车用柴油"],
    standards: ["GB 19147-2016"],
    models: ["0号（VI）", "-10号（VI）"],
    trade: "能源", channels: ["流通"], onsite: true, agencies: [AGENCIES.jiliang, AGENCIES.pony, AGENCIES.sichuan],
  },
  {
    name: "机动车发动机冷却液", code: "LQY", group: "JD", share: 1, rate: 0.10,
    items: [["冰点", 3], ["沸点", 1], ["pH值", 2], ["玻璃器皿腐蚀", 1], ["储备碱度", 1]],
    products: ["机动车发动机冷却液"],
    standards: ["GB 29743-2013"],
    models: ["-25℃ 2kg", "-35℃ 4kg", "-45℃ 1.5kg"],
    trade: "汽车用品", channels: ALL,
  },
  {
    name: "车用尿素水溶液", code: "NS", group: "JD", share: 1, rate: 0.12,
    items: [["尿素含量", 3], ["缩二脲", 2], ["醛类", 1], ["不溶物", 1], ["碱度", 1]],
    products: ["柴油发动机氮氧化物还原剂 尿素水溶液（AUS 32）"],
    standards: ["GB 29518-2013"],
    models: ["10kg", "20kg", "1000L"],
    trade: "环保科技", channels: ALL,
  },
];

export function groupOf(category: Category): ProductGroup {
  return GROUPS.find((g) => g.code === category.group)!;
}

export function agenciesOf(category: Category): readonly string[] {
  return category.agencies ?? groupOf(category).agencies;
}

/** Categories the city organises special (专项) checks for (article 4), in the bureau's recent plans. */
export const SPECIAL_CHECK_CATEGORIES: ReadonlySet<string> = new Set(["电动自行车", "电动自行车用锂离子蓄电池", "燃气用具", "儿童玩具", "电线电缆"]);

/** E-commerce platforms sampled online (article 34), with their rough weight. */
export const PLATFORMS: readonly (readonly [string, number])[] = [
  ["淘宝", 20], ["天猫", 18], ["京东", 20], ["拼多多", 20], ["抖音电商", 14], ["快手电商", 5], ["苏宁易购", 3],
];
