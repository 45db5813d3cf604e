// The 41 units of article 5, from the project's copy of shared/reference/regions.csv:
// the one parser of that file in TypeScript and the one Region type; the sample generator
// (loaders/sample/places.ts) takes its regions from here. The database's regions table is
// loaded by DuckDB from the same file (loaders/db/create-schema.ts), whose path is
// REGIONS_CSV in loaders/core/config.ts because loaders/db/ sits below the contract.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { REGIONS_CSV } from "../core/config.ts";

/** One unit of article 5: a row of regions.csv. */
export interface Region {
  code: string;
  name: string;
  short_name: string;
  /** 区, 县, 自治县 or 功能区 (the three functional areas have no boundary of their own) */
  type: string;
}

export { REGIONS_CSV };

export const REGIONS: readonly Region[] = Papa.parse<Region>(readFileSync(REGIONS_CSV, "utf8"), { header: true, skipEmptyLines: true }).data;

const byLabel = new Map<string, string>();
for (const r of REGIONS) for (const label of [r.code, r.name, r.short_name]) byLabel.set(label, r.code);

/** A region cell may hold the code, the full name or the short name; returns the code. */
export function regionCode(label: string): string | undefined {
  return byLabel.get(label);
}
