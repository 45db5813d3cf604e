// The data contract as zod schemas: one raw row (header-mapped text cells) in, one
// normalised row out, or the problems with their reason codes.
//
// Ingest validates in SQL for speed (checked_batches.sql / checked_events.sql); these
// schemas are the readable, row-at-a-time statement of the same rules, and
// test/contract-schemas.test.ts checks that both agree cell by cell.
import { z } from "zod";
import {
  CHANNELS, CONCLUSIONS, ENTERPRISE_SIZES, EVENT_TYPES, KINDS, LEVELS, OUTCOMES, trimContractWhitespace,
} from "./columns.ts";
import { regionCode } from "./regions.ts";
import { isValidUscc } from "./uscc.ts";

export type ReasonCode = "required" | "enum" | "date" | "integer" | "boolean" | "uscc" | "region" | "conditional";

/** Empty string = missing; the contract's whitespace (TRIMMED_WHITESPACE: U+3000, U+FEFF, VT, …) trimmed. */
export function cleanCell(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = trimContractWhitespace(value);
  return trimmed === "" ? null : trimmed;
}

const DATE_FORMS = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 → 'YYYY-MM-DD', or null if not a real day. */
export function parseContractDate(text: string): string | null {
  const m = DATE_FORMS.exec(text);
  if (!m) return null;
  const [year, month, day] = [m[1], ...m.slice(2).filter(Boolean)].map(Number);
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

export function parseContractList(text: string): string[] {
  return text.split(/[;；、]/).map(cleanCell).filter((v): v is string => v !== null);
}

export function parseContractBoolean(text: string): boolean | null {
  if (text === "是" || ["y", "yes", "true", "1"].includes(text.toLowerCase())) return true;
  if (text === "否" || ["n", "no", "false", "0"].includes(text.toLowerCase())) return false;
  return null;
}

const fail = (ctx: z.RefinementCtx, code: ReasonCode) => {
  ctx.addIssue({ code: "custom", message: code });
  return z.NEVER;
};

const cell = z.string().nullish().transform(cleanCell);

/** A cell read by `parse`, which returns null for text it cannot read. */
function typed<T>(parse: (text: string) => T | null, code: ReasonCode, required: boolean) {
  return cell.transform((text, ctx): T | null => {
    if (text === null) return required ? fail(ctx, "required") : null;
    const value = parse(text);
    return value === null ? fail(ctx, code) : value;
  });
}

const text = (required: boolean) => typed((t) => t, "required", required);
const oneOf = (values: readonly string[], required: boolean) => typed((t) => (values.includes(t) ? t : null), "enum", required);
const date = (required: boolean) => typed(parseContractDate, "date", required);
const list = (required: boolean) =>
  typed((t) => {
    const items = parseContractList(t);
    return items.length ? items : null;
  }, "required", required);
const yesNo = typed(parseContractBoolean, "boolean", false).transform((v) => v ?? false); // default no (article 41)
const uscc = typed((t) => (isValidUscc(t.toUpperCase()) ? t.toUpperCase() : null), "uscc", false);
const region = (required: boolean) => typed((t) => regionCode(t) ?? null, "region", required);
const producerRegion = typed((t) => {
  const outside = /^市外[:：](.+)$/.exec(t);
  if (outside) {
    const province = cleanCell(outside[1]);
    return province ? `市外:${province}` : null;
  }
  return regionCode(t) ?? null;
}, "region", false);
const year = typed((t) => (/^\d{4}$/.test(t) ? Number(t) : null), "integer", true);

export const BatchRowSchema = z
  .object({
    sample_id: text(true),
    task_id: text(true),
    plan_year: year,
    level: oneOf(LEVELS, true),
    kind: oneOf(KINDS, true),
    organizer: text(true),
    product_category: text(true),
    product_name: text(true),
    brand: text(false),
    model: text(false),
    batch_no: text(false),
    standard: text(false),
    producer_name: text(true),
    producer_uscc: uscc,
    producer_address: text(false),
    producer_region: producerRegion,
    sampled_name: text(true),
    sampled_uscc: uscc,
    sampled_address: text(false),
    sampled_region: region(true),
    sampled_contact: text(false),
    sampled_phone: text(false),
    channel: oneOf(CHANNELS, true),
    platform: text(false),
    enterprise_size: oneOf(ENTERPRISE_SIZES, false),
    sampling_date: date(true),
    sampler_ids: list(true),
    sampling_agency: text(true),
    outcome: oneOf(OUTCOMES, true),
    onsite: yesNo,
    inspection_agency: text(false),
    inspector_ids: list(false),
    report_no: text(false),
    report_date: date(false),
    conclusion: oneOf(CONCLUSIONS, false),
    failed_items: list(false),
    serious: yesNo,
  })
  .superRefine((row, ctx) => {
    const conditional = (failed: boolean, column: string) => {
      if (failed) ctx.addIssue({ code: "custom", message: "conditional", path: [column] });
    };
    conditional(row.channel === "电商" && row.platform === null, "platform"); // article 34
    conditional(row.outcome === "已抽样" && row.inspection_agency === null, "inspection_agency");
    conditional(row.report_date !== null && row.conclusion === null, "conclusion");
    conditional(row.conclusion === "不合格" && row.failed_items === null, "failed_items");
  });

export type BatchRow = z.infer<typeof BatchRowSchema>;

export const EventRowSchema = z
  .object({
    sample_id: text(true),
    event: oneOf(Object.keys(EVENT_TYPES), true),
    date: date(true),
    result: text(false),
    agency: text(false),
    note: text(false),
  })
  .superRefine((row, ctx) => {
    const rule = row.event === null ? undefined : EVENT_TYPES[row.event];
    if (rule?.results) {
      if (row.result === null) ctx.addIssue({ code: "custom", message: "conditional", path: ["result"] });
      else if (!rule.results.includes(row.result)) ctx.addIssue({ code: "custom", message: "enum", path: ["result"] });
    }
    if (rule?.agencyRequired && row.agency === null) ctx.addIssue({ code: "custom", message: "conditional", path: ["agency"] });
  });

export type EventRow = z.infer<typeof EventRowSchema>;

export interface RowProblem {
  column: string;
  reason_code: ReasonCode;
}

/**
 * Validates one raw row. A row whose cells already fail is not checked for the
 * conditional rules (zod stops before the object refinement); the SQL path reports
 * both — see test/contract-schemas.test.ts for how the two are compared.
 */
export function validateRow<S extends typeof BatchRowSchema | typeof EventRowSchema>(
  schema: S,
  raw: Record<string, string | null | undefined>,
): { ok: true; value: z.infer<S> } | { ok: false; problems: RowProblem[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data as z.infer<S> };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ column: String(issue.path[0]), reason_code: issue.message as ReasonCode })),
  };
}
