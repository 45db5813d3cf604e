// The sampling plan page's data (article 11, src/workbench/plan.md), written into
// src/workbench/_data/:
//   sampling-plan.json   the allocation's inputs (the page recomputes the plan for another N or
//                        floor with the same pure code, src/components/sampling-allocation.ts) and
//                        the default plan: the year after the latest plan year, N = this year's batches
//   sampling-plan.xlsx.bin   that default plan as an .xlsx workbook (the page's Excel download). Not
//                        named .xlsx: from a FileAttachment of an .xlsx Framework adds an import of
//                        npm:exceljs from a CDN, and the offline build fails (as with .arrow, see
//                        cube.ts); the page reads the bytes with .arrayBuffer() and offers them as .xlsx.
// Computed like `spotcheck plan` (loaders/analysis/sampling-plan.ts), as of the derived tables' as-of date.
import { resolveDerivedContext } from "../../core/config.ts";
import { UsageError } from "../../core/errors.ts";
import { xlsxTable } from "../../core/xlsx-table.ts";
import {
  DEFAULT_FLOOR, SAMPLING_PLAN_WEIGHTS, planFromInputs, readSamplingPlanInputs, samplingPlanWorkbook,
  type SamplingPlan, type SamplingPlanInputs,
} from "../../analysis/sampling-plan.ts";
import type { ExportContext } from "../export-context.ts";
import type { SiteWriter } from "../site-writer.ts";

export interface WorkbenchSamplingPlan {
  as_of: string;
  default_floor: number;
  weights: typeof SAMPLING_PLAN_WEIGHTS;
  inputs: SamplingPlanInputs | null;
  plan: SamplingPlan | null;
  /** why there is no plan (no plan year with final conclusions yet, or too few batches for the floor) */
  reason: string | null;
}

export async function exportSamplingPlan(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  // the derived tables' as-of date; before the first refresh, the configured one
  const asOf = ctx.asOf ?? resolveDerivedContext().asOf;
  let data: WorkbenchSamplingPlan = { as_of: asOf, default_floor: DEFAULT_FLOOR, weights: SAMPLING_PLAN_WEIGHTS, inputs: null, plan: null, reason: null };
  try {
    const inputs = await readSamplingPlanInputs(ctx.conn, { asOf });
    data = { ...data, inputs, plan: planFromInputs(inputs) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    data = { ...data, reason: error.message };
  }
  writer.json("sampling-plan.json", data);
  // the page links the workbook by a literal path, so one is always written (a note in its title when there is no plan)
  writer.write("_data/sampling-plan.xlsx.bin", data.plan
    ? await samplingPlanWorkbook(data.plan, asOf)
    : await xlsxTable(["说明"], [[data.reason]], { title: "尚无抽查计划", sheetName: "抽查计划", date: asOf, author: "重庆市市场监督管理局" }));
}
