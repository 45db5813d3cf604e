// `npx spotcheck disclosure --as-of YYYY-MM-DD [--format json|csv|table] [--withheld] [--db PATH]`
// JSON (default): { "published": [...], "withheld": [...] } — published rows hold only the
// whitelisted fields (P4) and their final conclusion; each withheld batch names the first
// gate holding it (P1 article 62, P2, P3 articles 52/54/58) and when that gate can pass.
// CSV / table: the published rows (CSV exactly as the public download), or with
// --withheld the withheld batches.
import { createTempCalendarTable } from "../calendar/calendar-table.ts";
import { parseCommandArgs } from "../core/command-line.ts";
import { formatRows, parseFormat } from "../core/report-output.ts";
import { resolveDerivedContext } from "../core/config.ts";
import { withReader } from "../db/lifecycle.ts";
import { publishedRowsCsv } from "./csv-export.ts";
import { computeDisclosure } from "./gates.ts";
import { PUBLIC_FIELDS, publicFieldText } from "./whitelist.ts";

const WITHHELD_COLUMNS = ["sample_id", "held_by", "can_pass_on", "reason", "quarter", "product_category", "product_name", "producer_name", "sampled_name", "conclusion", "conclusion_by"];
const PUBLISHED_TABLE_COLUMNS = ["sample_id", "quarter", "product_category", "product_name", "producer_name", "sampled_region", "conclusion", "conclusion_by", "failed_items"];

export async function disclosureCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { "as-of": { type: "string" }, withheld: { type: "boolean" } });
  const format = parseFormat(values.format, ["json", "csv", "table"]);
  // as of an explicit date (--as-of, else SPOTCHECK_AS_OF, else spotcheck.config.json), never the wall clock
  const { asOf } = resolveDerivedContext({ asOf: values["as-of"] });
  // computed live as of --as-of, never from the persisted disclosure_status: a database whose
  // derived tables are stale is no reason to refuse
  return withReader(values.db, async (conn) => {
    // the calendar as a TEMP table: the read-only database may hold none, or an older one (article 75)
    await createTempCalendarTable(conn);
    const { published, withheld } = await computeDisclosure(conn, { asOf });
    process.stderr.write(`截至 ${asOf}：可公开 ${published.length} 批次，暂缓公开 ${withheld.length} 批次` +
      `（${(["P1", "P2", "P3"] as const).map((g) => `${g} ${withheld.filter((w) => w.held_by === g).length}`).join("，")}）\n`);
    if (format === "json") {
      process.stdout.write(JSON.stringify({ published, withheld }, null, 2) + "\n");
    } else if (values.withheld) {
      process.stdout.write(formatRows(withheld, format, WITHHELD_COLUMNS));
    } else if (format === "csv") {
      process.stdout.write(publishedRowsCsv(published));
    } else {
      const labels = new Map(PUBLIC_FIELDS.map((f) => [f.key as string, f.label]));
      const rows = published.map((r) => Object.fromEntries(PUBLISHED_TABLE_COLUMNS.map((c) => [labels.get(c)!, publicFieldText(r, c as never)])));
      process.stdout.write(formatRows(rows, "table"));
    }
    return 0;
  }, { derivedTables: false });
}
