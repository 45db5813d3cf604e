// The 41 units of article 5, from the project's copy of shared/reference/regions.csv.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { PROJECT_ROOT } from "../db/connection.ts";

export interface Region {
  code: string;
  name: string;
  short_name: string;
  type: string;
}

export const REGIONS: readonly Region[] = Papa.parse<Region>(
  readFileSync(join(PROJECT_ROOT, "loaders", "contract", "regions.csv"), "utf8"),
  { header: true, skipEmptyLines: true },
).data;

const byLabel = new Map<string, string>();
for (const r of REGIONS) for (const label of [r.code, r.name, r.short_name]) byLabel.set(label, r.code);

/** A region cell may hold the code, the full name or the short name; returns the code. */
export function regionCode(label: string): string | undefined {
  return byLabel.get(label);
}
