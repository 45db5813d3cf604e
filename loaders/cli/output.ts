// Kept until loaders/ingest/cli.ts and loaders/sample/cli.ts move to loaders/core/ (errors.ts,
// report-output.ts); then delete this file.
export { UsageError } from "../core/errors.ts";
export { formatRows, parseFormat } from "../core/report-output.ts";
