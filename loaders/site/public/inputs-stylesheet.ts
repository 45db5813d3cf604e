// The stylesheet of @observablehq/inputs. Framework adds it only for `npm:@observablehq/inputs`
// (its built-in copy); the pages import the package from node_modules by bare specifier, which
// brings the script but not the styles — and without them Inputs.table does not scroll, so it
// never shows more than its first rows. Served as /public/inputs.css from node_modules, no copy.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export function inputsStylesheet(): string {
  return readFileSync(createRequire(import.meta.url).resolve("@observablehq/inputs/dist/index.css"), "utf8");
}
