// Left from the data loaders: routeParam is still used by public-categories.ts until the public
// audience's export replaces its loader (issue 11). The workbench and briefing data no longer
// come through loaders (loaders/site/workbench/, loaders/site/briefing/).
import { parseArgs } from "node:util";

/** The value of a parameterized route's `--name=value` argument (Framework passes one per [name]). */
export function routeParam(name: string, argv = process.argv.slice(2)): string {
  const { values } = parseArgs({ args: argv, options: { [name]: { type: "string" } }, strict: false });
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new Error(`数据加载器缺少参数 --${name}`);
  return value;
}
