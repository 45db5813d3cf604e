// Command-line parsing every command shares: each takes --db PATH (or SPOTCHECK_DB) and
// --format; a bad option is a UsageError whose message says what is allowed.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.ts";
import { isIsoDate } from "./periods.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args: argv,
      options: { db: { type: "string" }, format: { type: "string" }, ...options },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(parseErrorInChinese(error as NodeJS.ErrnoException));
  }
}

/**
 * node:util parseArgs speaks English ("Unknown option '--x'. To specify a positional argument
 * starting with a '-', place it at the end of the command after '--', as in '-- \"--x\""): the
 * bureau's staff read Chinese, so its errors are said again by their code (issue 13).
 */
function parseErrorInChinese(error: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `未知选项 ${quoted}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数 "${quoted}"：该命令不接受文件名或其他位置参数`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(error.message) ? `选项 ${optionName(error.message)} 需要一个值` : `选项 ${optionName(error.message)} 不接受值`;
    default:
      return error.message;
  }
}

function optionName(message: string): string {
  return /(--[\w-]+)/.exec(message)?.[1] ?? "";
}

/** YYYY-MM-DD, validated as a real calendar date. */
export function parseIsoDate(value: string | undefined, flag: string): string {
  if (!value || !isIsoDate(value)) {
    throw new UsageError(`${flag} 需要 YYYY-MM-DD 格式的日期，收到 "${value ?? ""}"`);
  }
  return value;
}

/**
 * A value that must be one of a fixed list. Checked against the list itself, never with `in`
 * or an object lookup, so JavaScript built-ins (toString, __proto__, constructor) are refused
 * like any other unknown name; the message says what is allowed.
 */
export function parseChoice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} 只能是 ${allowed.join(" / ")}，收到 "${value}"`);
  }
  return value as T;
}

/** A four-digit year (plan year, catalogue year); undefined when the option was not given. */
export function parseYear(value: string | undefined, flag: string, what?: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new UsageError(`${flag} 需要四位年份${what ? `（${what}）` : ""}，如 2025，收到 "${value}"`);
  return Number(value);
}
