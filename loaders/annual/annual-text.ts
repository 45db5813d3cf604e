// The annual report's sentences (issue 14), written the way the national annual announcement
// writes them ("共抽查了…类产品…批次，…不合格发现率为…，比上年上升…个百分点"): the same words
// on the public page, the leadership's page and in `spotcheck annual`.
import { changePhrase, percentText, thousands } from "../core/format.ts";
import type { AnnualReport } from "./annual-report.ts";

/** What the figures count, said once at the top of each version. */
export function scopeSentence(r: AnnualReport): string {
  return r.scope === "published"
    ? `只统计${r.year}年抽样、经组织部门同意公开（第六十二条）且检验结论已经生效的批次。不合格发现率 = 不合格批次 ÷ 统计批次。`
    : `统计${r.year}年抽样、已有最终检验结论的全部批次（含尚未公开的批次；复检结论为准，第五十八条）。不合格发现率 = 不合格批次 ÷ 统计批次。`;
}

export function overviewSentence(r: AnnualReport): string {
  const o = r.overview;
  const change = changePhrase(r.change_pp, "上年");
  return `${r.year}年，共抽查${o.categories}类产品${thousands(o.batches)}批次，涉及${thousands(o.enterprises)}家企业、${o.regions}个区县；` +
    `发现${thousands(o.failed_enterprises)}家企业的${thousands(o.failed_batches)}批次产品不合格，不合格发现率为${percentText(o.rate)}` +
    (change ? `，${change}（${r.previous!.year}年为${percentText(r.previous!.rate)}）` : `（${r.year - 1}年没有可比数据）`) + "。";
}

export function regionsSentence(r: AnnualReport): string {
  if (!r.regions.length) return "没有数据。";
  // the regions with most batches (the national announcement gives the provinces' shares); a
  // region's rate on a handful of batches says little, so the sentence ranks none by rate —
  // every region's rate is in the table
  const top = r.regions.slice(0, 3).map((c) => `${c.label}（${thousands(c.batches)}批次，占${percentText(c.share)}）`).join("、");
  return `抽查覆盖${r.regions.length}个区县（按被抽样单位所在区县），抽查批次最多的是${top}。各区县的批次与不合格发现率见下表。`;
}

export function sizesSentence(r: AnnualReport): string {
  const current = r.sizes.filter((s) => s.year === r.year);
  if (!current.length) return "没有数据。";
  const who = (label: string) => (label === "未填报" ? "未填报企业规模的" : `${label}企业`);
  return `按标称生产者的企业规模，${current.map((s) => `${who(s.label)}${thousands(s.batches)}批次（占${percentText(s.share)}），不合格发现率为${percentText(s.rate)}`).join("；")}。`;
}

export function channelsSentence(r: AnnualReport): string {
  if (!r.channels.length) return "没有数据。";
  return `${r.channels.map((c) => `${c.label}环节抽查${thousands(c.batches)}批次，不合格发现率为${percentText(c.rate)}` +
    (c.change_pp === null ? "" : `，${changePhrase(c.change_pp, "上年")}`)).join("；")}（抽样环节，第十五条）。`;
}

export function productsSentence(r: AnnualReport): string {
  const n = (band: string) => r.bands.find((b) => b.band === band)!.categories;
  const worst = r.worst.map((c) => `${c.label}（${percentText(c.rate)}）`).join("、");
  return `${r.categories.length}类产品中，未发现不合格的${n("none")}类，不合格发现率低于10%的${n("under_10")}类，` +
    `在10%～20%之间（含10%和20%）的${n("10_to_20")}类，高于20%的${n("over_20")}类。` +
    (worst ? `不合格发现率较高的产品是${worst}。` : "");
}

export function repeatSentence(r: AnnualReport): string {
  const scope = r.scope === "published" ? "只列首次与跟踪抽查结果均已公开的企业。" : "";
  if (!r.repeat_offenders.length) return `截至${r.repeat_as_of}，${r.year}年跟踪抽查未发现再次不合格的企业。${scope}`;
  const producers = new Set(r.repeat_offenders.map((o) => o.producer_id)).size;
  return `截至${r.repeat_as_of}，${r.year}年对此前抽查不合格的企业跟踪抽查，发现${producers}家企业的同类产品再次不合格（${r.repeat_offenders.length}家次：同一产品类别，在首次不合格检验报告之后抽样，第五十一条、第六十五条）。${scope}`;
}
