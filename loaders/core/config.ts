// Configuration: where the project's files are, and the as-of context every derived
// result is computed for (deadlines and disclosure gates are judged as of a day, never the
// wall clock — rules.md). In the kernel because ingest, refresh, audit, disclosure and the
// site all need it, and each of them sits above the kernel.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseIsoDate } from "./command-line.ts";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The project's copy of shared/reference/regions.csv (the 41 units of article 5). Named
 * here, not in loaders/contract/, because the database (loaders/db/create-schema.ts), which
 * sits below the contract, loads it into the regions table; loaders/contract/regions.ts is
 * its one parser.
 */
export const REGIONS_CSV = join(PROJECT_ROOT, "loaders", "contract", "regions.csv");

export interface DerivedContext {
  /** deadlines and disclosure gates are judged as of this day (rules.md), never the wall clock */
  asOf: string;
  /** the year the catalogue draft is for (article 10) */
  catalogueYear: number;
}

/** --as-of wins, then SPOTCHECK_AS_OF, then spotcheck.config.json. */
export function resolveDerivedContext(overrides: { asOf?: string; catalogueYear?: number } = {}): DerivedContext {
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, "spotcheck.config.json"), "utf8")) as Partial<DerivedContext>;
  const asOf = parseIsoDate(overrides.asOf ?? process.env.SPOTCHECK_AS_OF ?? config.asOf, "--as-of");
  const catalogueYear = overrides.catalogueYear ?? config.catalogueYear ?? Number(asOf.slice(0, 4)) + 1;
  return { asOf, catalogueYear };
}
