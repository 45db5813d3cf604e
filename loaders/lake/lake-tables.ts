// What the lake holds (spotcheck export): each table, the query that gives it, how it is
// partitioned, and what it and its columns mean — written into manifest.json and README.md so
// an engineer at a province reading the files needs nothing of this code.
import { fieldLabel } from "../contract/field-labels.ts";

export interface LakeTable {
  name: string;
  /** a file in loaders/lake/ */
  sql: string;
  /** Hive partition columns, outermost first (none: one file) */
  partitionBy: string[];
  description: string;
  meaning: (column: string) => string;
}

function labelOr(extra: Record<string, string>): (column: string) => string {
  return (column) => {
    if (column in extra) return extra[column];
    try {
      return fieldLabel(column);
    } catch {
      return "";
    }
  };
}

const LINEAGE = { ingest_id: "导入批次号（ingest_log，数据从哪次导入而来）" };

export const LAKE_TABLES: readonly LakeTable[] = [
  {
    name: "batches", sql: "lake_batches.sql", partitionBy: ["plan_year"],
    description: "抽查批次：抽了什么、在哪里、向谁抽、检验结论（初检）；不含联系人、电话",
    meaning: labelOr({ ...LINEAGE, producer_in_city: "标称生产者是否在本市", plan_year: "计划年度（分区键）" }),
  },
  {
    name: "events", sql: "lake_events.sql", partitionBy: ["event_year"],
    description: "批次抽样后的每一步：告知、异议、复检、同意公开、整改、复查……（第五十一条至第六十八条）",
    meaning: labelOr({
      ...LINEAGE, sample_id: "样品编号", event: "环节", date: "日期", result: "结果", agency: "办理机构", note: "备注",
      event_year: "环节发生年份（分区键）",
    }),
  },
  {
    name: "flags", sql: "lake_flags.sql", partitionBy: [],
    description: "区域性、行业性问题标记及其证据（第七十二条；规则见 rules.md）",
    meaning: labelOr({
      rule: "规则编号", period: "统计期", product_category: "产品类别", region_code: "区县代码", region_name: "区县",
      item: "不合格项目", inspected: "抽查批次", failed: "不合格批次", rate: "不合格发现率", expected: "期望不合格批次",
      limit: "控制限", p: "p 值", q: "FDR q 值", article: "依据条款", sentence: "说明",
    }),
  },
  {
    name: "audit_findings", sql: "lake_audit_findings.sql", partitionBy: [],
    description: "法定程序与时限审计的发现（违反与未到期的时钟）",
    meaning: labelOr({
      rule: "审计规则编号", article: "依据条款", severity: "严重程度", sample_id: "样品编号", task_id: "任务编号",
      region_code: "区县代码", status: "状态", due: "期限", days_over: "超期天数", days_left: "剩余天数",
      sentence: "说明", as_of: "审计截至日期",
    }),
  },
  {
    name: "disclosure_status", sql: "lake_disclosure_status.sql", partitionBy: [],
    description: "公开闸门：每批次可否公开，暂缓的由哪道闸门、何时可放行（第六十二条）",
    meaning: labelOr({
      published: "可公开", held_by: "暂缓闸门", reason: "原因", can_pass_on: "可放行日期", as_of: "判断截至日期",
      conclusion: "最终结论", conclusion_by: "结论依据（初检/复检）", served_on: "送达日期",
      objection_window_closes_on: "异议期届满日",
    }),
  },
  {
    name: "catalogue_draft", sql: "lake_catalogue_draft.sql", partitionBy: [],
    description: "下一年度重点产品目录草案及各项得分（第十条）",
    meaning: labelOr({
      rank: "排名", catalogue_year: "目录年度", window_years: "统计年度", score: "总分", batches: "批次", failed: "不合格批次",
      raw_rate: "不合格发现率", shrunken_rate: "经验贝叶斯收缩后的发现率", own_weight: "本类别数据权重",
      probability_above: "高于全市水平的概率", serious_count: "严重不合格批次", flag_count: "问题标记数", trend: "趋势",
      rate_points: "发现率得分", serious_points: "严重不合格得分", flag_points: "问题标记得分", trend_points: "趋势得分",
      uncertainty_points: "不确定性得分", explanation: "说明",
    }),
  },
];
