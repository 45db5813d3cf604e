// The 41 units of article 5, from the project's copy of shared/reference/regions.csv:
// the one reader of that file and the one Region type. The database's regions table
// (loaders/db/create-schema.ts) and the sample generator (loaders/sample/places.ts) take
// their regions from here.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";

/** One unit of article 5: a row of regions.csv. */
export interface Region {
  code: string;
  name: string;
  short_name: string;
  /** 区, 县, 自治县 or 功能区 (the three functional areas have no boundary of their own) */
  type: string;
}

export const REGIONS_CSV = join(dirname(fileURLToPath(import.meta.url)), "regions.csv");

export const REGIONS: readonly Region[] = Papa.parse<Region>(readFileSync(REGIONS_CSV, "utf8"), { header: true, skipEmptyLines: true }).data;

const byLabel = new Map<string, string>();
for (const r of REGIONS) for (const label of [r.code, r.name, r.short_name]) byLabel.set(label, r.code);

/** A region cell may hold the code, the full name or the short name; returns the code. */
export function regionCode(label: string): string | undefined {
  return byLabel.get(label);
}
