// Types of public-csv.js (a browser module in plain JS), for the tests.
export const UTF8_BOM: string;
export const FORMULA_START: RegExp;
export function toExcelCsv(header: string[], rows: string[][]): string;
export function downloadText(text: string, filename: string, type?: string): void;
