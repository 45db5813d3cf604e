// Kept until loaders/ingest/cli.ts, loaders/refresh/cli.ts, loaders/refresh/refresh-derived-tables.ts
// and loaders/sample/cli.ts move to loaders/core/command-line.ts; then delete this file.
export { parseCommandArgs, parseIsoDate, parseYear } from "../core/command-line.ts";
