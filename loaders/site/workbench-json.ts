// What every workbench and briefing data loader stub does: open the database READ_ONLY
// (Framework may run loaders in parallel; one writer only), build one aggregated
// object, print it as JSON on stdout, close.
import { parseArgs } from "node:util";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openForReading } from "../db/connection.ts";

export async function emitJson(build: (conn: DuckDBConnection) => Promise<unknown>): Promise<void> {
  const db = await openForReading();
  try {
    process.stdout.write(JSON.stringify(await build(db.conn)));
  } finally {
    db.close();
  }
}

/** The value of a parameterized route's `--name=value` argument (Framework passes one per [name]). */
export function routeParam(name: string, argv = process.argv.slice(2)): string {
  const { values } = parseArgs({ args: argv, options: { [name]: { type: "string" } }, strict: false });
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new Error(`数据加载器缺少参数 --${name}`);
  return value;
}
