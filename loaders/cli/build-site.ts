// `npm run build`: the static site in dist/, from the database (SPOTCHECK_DB or data/spotcheck.duckdb).
import { buildSite } from "./site-pipeline.ts";

await buildSite();
