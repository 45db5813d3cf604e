// The public downloads: every published row, whitelisted fields only (P4).
// CSV: UTF-8 with BOM and formula cells neutralised (loaders/disclosure/csv-export.ts).
// JSON: { as_of, fields: [{ key, label }], rows: [...] } for the press and re-users.
import { publishedRowsCsv } from "../disclosure/csv-export.ts";
import { readPublished } from "../disclosure/gates.ts";
import { PUBLIC_FIELDS } from "../disclosure/whitelist.ts";
import type { PublicContext } from "./public-data.ts";

export async function publishedCsv({ conn }: PublicContext): Promise<string> {
  return publishedRowsCsv(await readPublished(conn));
}

export async function publishedJson({ conn, asOf }: PublicContext): Promise<string> {
  return JSON.stringify({ as_of: asOf, fields: PUBLIC_FIELDS, rows: await readPublished(conn) });
}
