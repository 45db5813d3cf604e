// Configuration: where the project's files are, and the as-of context every derived
// result is computed for (deadlines and disclosure gates are judged as of a day, never the
// wall clock — rules.md). In the kernel because ingest, refresh, audit, disclosure and the
// site all need it, and each of them sits above the kernel.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
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

const text = z.string().trim().min(1);
const PublicationConfigSchema = z.object({
  /** 发布机构 of every announcement, and the organisation code that heads its 索引号 */
  publisher: z.object({ name: text, orgCode: text, department: text, address: text, postcode: text }),
  /** where objections to a conclusion go (article 52), printed on every announcement and result page */
  objections: z.object({ department: text, address: text, phone: text, hours: text }),
  /** the site's identification fields, printed in the footer of every page (主办单位, 网站标识码, 备案号), and
   *  the public address it is served from (the sitemap and feeds need absolute URLs) */
  site: z.object({ owner: text, origin: z.url(), siteCode: text, icp: text, police: text }),
  /** the briefing's 文号 prefix (〔year〕N号 is added) and its circulation mark */
  briefing: z.object({ docNumberPrefix: text, mark: text }),
});
export type PublicationConfig = z.infer<typeof PublicationConfigSchema>;

/** The publication settings of spotcheck.config.json, checked (a missing field names itself). */
export function readPublicationConfig(path = join(PROJECT_ROOT, "spotcheck.config.json")): PublicationConfig {
  const parsed = PublicationConfigSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}：${i.message}`).join("；");
    throw new Error(`${path} 的发布信息不完整（${problems}）`);
  }
  return parsed.data;
}
