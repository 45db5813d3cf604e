// The data of /public/results: every published row (whitelisted fields, P4), compact enough
// that 20,000 rows travel in well under 2 MB whatever the web server does:
//   - columnar JSON: one array per field, rows newest first;
//   - text stored once (`strings`, index 0 = missing), fields hold indexes into it;
//   - the outcome (conclusion, conclusion_by, failing items) as an index into `outcomes`;
//   - sampling dates as day numbers, delta-coded;
//   - the whole gzip-compressed (served as results.json.gz; the page decompresses it with the
//     browser's DecompressionStream, or takes it as is when the server already decoded it).
// src/components/public-results.js decodes it and builds the search haystacks in the browser.
import { gzipSync } from "node:zlib";
import { readPublished } from "../disclosure/gates.ts";
import type { PublishedRow } from "../disclosure/whitelist.ts";
import { newestFirst, type PublicContext } from "./public-data.ts";

/** Fields stored as indexes into `strings`. */
export const TEXT_FIELDS = [
  "level", "organizer", "product_category", "product_name", "brand", "model", "batch_no",
  "producer_name", "producer_address", "producer_region", "sampled_name", "sampled_region",
  "channel", "platform", "inspection_agency",
] as const satisfies readonly (keyof PublishedRow)[];

export interface PublicResultsData {
  format: "spotcheck-public-results/2";
  as_of: string;
  count: number;
  strings: string[];
  /** [conclusion, conclusion_by, ...failing items], as indexes into strings */
  outcomes: number[][];
  columns: { sample_id: string[]; day: number[]; outcome: number[] } & Record<(typeof TEXT_FIELDS)[number], number[]>;
}

const DAY_MS = 86_400_000;

/** Interns values: the same value always gets the same index. */
class Interner<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (value: T) => string) {}
  id(value: T): number {
    const k = this.key(value);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(k, i);
    }
    return i;
  }
}

export function encodePublicResults(published: PublishedRow[], asOf: string): PublicResultsData {
  const strings = new Interner<string>((s) => s);
  strings.id(""); // 0: missing
  const s = (value: string | null | undefined) => strings.id(value ?? "");
  const outcomes = new Interner<number[]>((t) => t.join(","));
  const columns = {
    sample_id: [] as string[], day: [] as number[], outcome: [] as number[],
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, [] as number[]])),
  } as PublicResultsData["columns"];
  let previousDay = 0;
  for (const r of newestFirst(published)) {
    const day = Date.parse(r.sampling_date + "T00:00:00Z") / DAY_MS;
    columns.sample_id.push(r.sample_id);
    columns.day.push(day - previousDay);
    previousDay = day;
    for (const f of TEXT_FIELDS) columns[f].push(s(r[f]));
    columns.outcome.push(outcomes.id([r.conclusion, r.conclusion_by, ...r.failed_items].map(s)));
  }
  return {
    format: "spotcheck-public-results/2",
    as_of: asOf,
    count: columns.sample_id.length,
    strings: strings.values,
    outcomes: outcomes.values,
    columns,
  };
}

/** The file the page loads: the encoded data as gzip-compressed JSON. */
export async function publicResultsFile({ conn, asOf }: PublicContext): Promise<Buffer> {
  return gzipSync(JSON.stringify(encodePublicResults(await readPublished(conn), asOf)), { level: 9 });
}
