// Child process of the benchmark: the yardstick — DuckDB's own read_csv loading the
// same batches file into a bare table of a file-backed database, no validation.
import { openDatabase } from "../loaders/db/connection.ts";

const [dbPath, csvPath] = process.argv.slice(2);
const db = await openDatabase(dbPath, { readOnly: false });
const started = performance.now();
await db.conn.run("CREATE TABLE bare AS SELECT * FROM read_csv($path, header = true, all_varchar = true)", { path: csvPath });
const seconds = (performance.now() - started) / 1000;
db.close();
process.stdout.write(JSON.stringify({ seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 }) + "\n");
