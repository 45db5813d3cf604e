// What each audience's export gets (loaders/site/export-site.ts runs them in turn).
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SiteWriter } from "./site-writer.ts";

/** The one READ_ONLY connection of the export, and the as-of date the gates were judged on. */
export interface ExportContext {
  conn: DuckDBConnection;
  /** meta.as_of of the derived tables (null before the first refresh) */
  asOf: string | null;
}

/** One audience's export: writes its files through its own writer (only inside src/<audience>/). */
export type AudienceExport = (ctx: ExportContext, writer: SiteWriter) => Promise<void>;
