// Types of public-results.js (a browser module in plain JS), for the tests.
export interface DecodedRow {
  sample_id: string; quarter: string; sampling_date: string;
  level: string | null; organizer: string | null; product_category: string | null; product_name: string | null;
  brand: string | null; model: string | null; batch_no: string | null;
  producer_name: string | null; producer_address: string | null; producer_region: string | null;
  sampled_name: string | null; sampled_region: string | null; channel: string | null; platform: string | null;
  inspection_agency: string | null; failed_items: string; conclusion: string | null; conclusion_by: string | null;
  /** position in the decoded list (the search index refers to it) */
  index: number;
}
export interface Filters { terms?: string[]; category?: string | null; region?: string | null; channel?: string | null; conclusion?: string | null; quarter?: string | null }
export const RESULT_COLUMNS: [string, string][];
export function searchKey(text: unknown): string;
export function readResultsFile(buffer: ArrayBuffer | Uint8Array): Promise<unknown>;
export interface SearchIndex { text: string; starts: Int32Array }
export function searchIndex(texts: string[]): SearchIndex;
export function decodeResults(data: unknown): { asOf: string; rows: DecodedRow[]; index: SearchIndex };
export function searchTerms(query: string): string[];
export function filterRows(rows: DecodedRow[], index: SearchIndex, filters?: Filters): DecodedRow[];
export function conclusionText(row: Pick<DecodedRow, "conclusion" | "conclusion_by">): string;
export function csvCells(rows: DecodedRow[]): { header: string[]; rows: string[][] };
