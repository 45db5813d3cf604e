// `spotcheck refresh [--as-of YYYY-MM-DD] [--catalogue-year YYYY] [--db PATH]`: recompute the derived tables
// as of another day (e.g. before a publication run) without re-ingesting.
import { parseCommandArgs, parseYear } from "../core/command-line.ts";
import { resolveDerivedContext } from "../core/config.ts";
import { resolveDbPath } from "../db/connection.ts";
import { refreshDerivedTables } from "./refresh-derived-tables.ts";

export async function refreshCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { "as-of": { type: "string" }, "catalogue-year": { type: "string" } });
  const ctx = resolveDerivedContext({
    asOf: values["as-of"],
    // checked before anything reaches the database: a four-digit year or nothing
    catalogueYear: parseYear(values["catalogue-year"], "--catalogue-year", "重点产品目录的年度，第十条"),
  });
  const dbPath = resolveDbPath(values.db);
  await refreshDerivedTables(dbPath, ctx);
  process.stdout.write(`已按 ${ctx.asOf} 重算派生表（问题标记、重点目录草案、程序审计、公开闸门）：${dbPath}\n`);
  return 0;
}
