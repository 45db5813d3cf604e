// What `spotcheck <command> --help` prints (issue 13): each command's usage in Chinese, its
// options and what they mean. One table, so the dispatcher can answer --help without loading
// the command (and its database) and can name the right usage when an option is wrong.

export interface CommandHelp {
  /** one line for the top-level list */
  summary: string;
  /** the synopsis: "spotcheck ingest <文件或文件夹>... [选项]" */
  usage: string;
  /** [option, meaning] in the order they are shown */
  options: [option: string, meaning: string][];
  /** a worked example or two */
  examples?: string[];
}

const DB: [string, string] = ["--db PATH", "数据库文件（默认 data/spotcheck.duckdb，或环境变量 SPOTCHECK_DB）"];
const FORMAT = (formats: string): [string, string] => ["--format " + formats, `输出格式（默认 ${formats.split("|")[0]}）`];
const AS_OF: [string, string] = ["--as-of YYYY-MM-DD", "按哪一天判断期限与公开闸门（默认 spotcheck.config.json 的 asOf，或 SPOTCHECK_AS_OF）"];

export const COMMAND_HELP: Record<string, CommandHelp> = {
  ingest: {
    summary: "导入批次/事件文件（CSV UTF-8/GB18030，xlsx）",
    usage: "spotcheck ingest <文件或文件夹>... [选项]",
    options: [
      DB, FORMAT("table|json"), AS_OF,
      ["--no-refresh", "只导入，不重算派生表（之后须运行 spotcheck refresh）"],
    ],
    examples: ["spotcheck ingest data/sample", "spotcheck ingest 2025年第三季度.xlsx --format json"],
  },
  generate: {
    summary: "生成可复现的示例数据",
    usage: "spotcheck generate [选项]",
    options: [
      ["--years 2023-2025", "抽样年度范围"],
      ["--batches N", "批次数（默认 20000）"],
      ["--seed S", "随机种子（相同种子生成相同数据）"],
      ["--out DIR", "输出目录（默认 data/sample）"],
      ["--as-of YYYY-MM-DD", "事件截至日期"],
      ["--uniform-rate P", "所有类别使用同一不合格率 P（0–1），用于校准"],
      ["--no-bad-rows", "不植入格式错误的行"],
      ["--encoding utf8|gb18030", "CSV 编码"],
      FORMAT("table|json"),
    ],
  },
  refresh: {
    summary: "按截止日期重算派生表（问题标记、审计、公开）",
    usage: "spotcheck refresh [选项]",
    options: [DB, FORMAT("table|json"), AS_OF, ["--catalogue-year YYYY", "重点产品目录草案的年度（第十条；默认 catalogueYear）"]],
  },
  rates: {
    summary: "不合格发现率及 Wilson 区间",
    usage: "spotcheck rates [选项]",
    options: [
      DB, FORMAT("table|json|csv"),
      ["--by 维度[,维度…]", "分组维度：product_category, sampled_region, channel, plan_year, quarter, level 等（默认 product_category）"],
      ["--year YYYY", "只统计该计划年度"],
      ["--quarter 2025Q3", "只统计该抽样季度"],
      ["--filter 维度=值", "筛选（可重复），如 --filter channel=电商"],
    ],
    examples: ["spotcheck rates --by product_category,sampled_region --year 2025"],
  },
  headline: {
    summary: "通报式总体数据（品类、企业、批次、不合格、环节）",
    usage: "spotcheck headline [选项]",
    options: [DB, FORMAT("table|json"), ["--year YYYY", "计划年度"], ["--quarter 1-4|2025Q3", "季度"]],
  },
  flags: {
    summary: "区域性、行业性问题标记（第七十二条）",
    usage: "spotcheck flags [选项]",
    options: [DB, FORMAT("table|json|csv"), ["--year YYYY", "计划年度"], ["--rule 规则", "只列该规则的标记（见 shared/spec/rules.md）"]],
  },
  catalogue: {
    summary: "下一年度重点产品目录草案（第十条）",
    usage: "spotcheck catalogue [选项]",
    options: [DB, FORMAT("table|json|csv"), ["--year YYYY", "目录年度（默认最近计划年度的下一年）"]],
  },
  "repeat-offenders": {
    summary: "跟踪抽查仍不合格的生产者（同一类别再次不合格）",
    usage: "spotcheck repeat-offenders [选项]",
    options: [DB, FORMAT("table|json|csv"), AS_OF],
  },
  plan: {
    summary: "下一年度市级监督抽查计划：批次按类别和环节分配（第十一条、第十五条）",
    usage: "spotcheck plan [选项]",
    options: [
      DB, FORMAT("table|json|csv"),
      ["--as-of YYYY-MM-DD", "按哪一天的数据编制：晚于该日所在年度的计划年度不计入（默认 spotcheck.config.json 的 asOf，或 SPOTCHECK_AS_OF）"],
      ["--year YYYY", "计划年度（默认最近计划年度的下一年）"],
      ["--batches N", "计划抽查的批次总数（默认今年的批次数）"],
      ["--floor N", "每个产品类别至少抽查的批次数（默认 10）"],
      ["--xlsx 输出.xlsx", "另把计划写成 Excel 工作簿"],
    ],
    examples: ["spotcheck plan --year 2027 --batches 6000 --floor 10", "spotcheck plan --format csv > 抽查计划.csv"],
  },
  producer: {
    summary: "一个生产者的全部记录：批次、结论、后续事项、审计发现、问题标记",
    usage: "spotcheck producer <统一社会信用代码或企业名称> [选项]",
    options: [DB, FORMAT("table|json"), AS_OF],
  },
  audit: {
    summary: "法定程序与时限审计",
    usage: "spotcheck audit [选项]",
    options: [DB, FORMAT("table|json|csv"), AS_OF, ["--rule A1…", "只列该审计规则的发现"], ["--region 区县", "只列该区县"]],
  },
  disclosure: {
    summary: "公开闸门：可公开与暂缓公开的批次",
    usage: "spotcheck disclosure [选项]",
    options: [DB, FORMAT("json|csv|table"), AS_OF, ["--withheld", "列出暂缓公开的批次及原因（第六十二条）"]],
  },
  briefing: {
    summary: "季度简报 PDF",
    usage: "spotcheck briefing <季度，如 2025Q3> [选项]",
    options: [DB, FORMAT("table|json"), ["--pdf 输出.pdf", "把已构建站点的简报页打印为 A4 PDF"], ["--site DIR", "站点目录（默认 dist）"]],
  },
  annual: {
    summary: "年度监督抽查情况报告（全部结果，内部资料；--pdf 打印为 A4）",
    usage: "spotcheck annual <年份，如 2025> [选项]",
    options: [DB, FORMAT("table|json"), ["--pdf 输出.pdf", "把已构建站点的年度报告页（/briefing/annual/<年份>）打印为 A4 PDF"], ["--site DIR", "站点目录（默认 dist）"]],
    examples: ["spotcheck annual 2025", "spotcheck annual 2025 --pdf 2025年度报告.pdf"],
  },
  export: {
    summary: "导出为按 Hive 分区的 Parquet 数据湖（供省级、国家级汇总）",
    usage: "spotcheck export --out DIR [选项]",
    options: [
      DB,
      ["--out DIR", "写到哪个文件夹（须为空、不存在，或上次导出的数据湖）"],
      ["--format parquet", "数据湖格式（目前只有 parquet）"],
      ["--report table|json", "导出摘要的格式（默认 table；json 时不显示进度）"],
    ],
    examples: ["spotcheck export --out /srv/lake/chongqing"],
  },
  "site-export": {
    summary: "一次导出站点各页面的数据（npm run build 的第一步）",
    usage: "spotcheck site-export [选项]",
    options: [DB, FORMAT("table|json")],
  },
};

/** Columns a terminal gives the text: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

/** The whole help text of one command. */
export function commandUsage(name: string): string {
  const help = COMMAND_HELP[name];
  const width = Math.max(...help.options.map(([o]) => displayWidth(o)));
  return [
    `spotcheck ${name} — ${help.summary}`,
    "",
    `用法: ${help.usage}`,
    "",
    "选项:",
    ...help.options.map(([option, meaning]) => `  ${pad(option, width)}  ${meaning}`),
    `  ${pad("-h, --help", width)}  显示本帮助`,
    ...(help.examples?.length ? ["", "示例:", ...help.examples.map((e) => `  ${e}`)] : []),
    "",
  ].join("\n");
}

/** True when the arguments ask for help (before "--", which ends the options). */
export function asksForHelp(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}
