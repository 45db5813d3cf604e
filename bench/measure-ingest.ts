// Child process of the benchmark: ingests one folder into a fresh database and
// reports wall time and peak RSS of this process alone.
import { statSync } from "node:fs";
import { ingestIntoDatabase } from "../loaders/ingest/ingest.ts";

const [dbPath, ...inputs] = process.argv.slice(2);
const started = performance.now();
const summary = await ingestIntoDatabase(dbPath, inputs);
const seconds = (performance.now() - started) / 1000;
const bytes = inputs.reduce((sum, f) => sum + statSync(f).size, 0);
process.stdout.write(JSON.stringify({
  seconds,
  bytes,
  rows: summary.files.reduce((sum, f) => sum + f.rows_read, 0),
  files: summary.files.map((f) => ({ file: f.file, status: f.status, rows_read: f.rows_read, rows_rejected: f.rows_rejected })),
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
}) + "\n");
