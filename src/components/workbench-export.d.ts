// Types for workbench-export.js, so the Node tests (TypeScript) can import it.
export function safeCell(value: unknown): unknown;
export function csvForExcel(rows: Record<string, unknown>[], columns: string[], header?: Record<string, string>): string;
