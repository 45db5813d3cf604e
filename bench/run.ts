// `npm run bench`: speed and memory figures, printed, never asserted in unit tests.
//
//   ingest      1,000,000 batches (+ events): rows/s, MB/s, peak RSS, and the ratio to DuckDB's
//               bare read_csv of the same batches file (target: within 2×, RSS < 1.5 GB);
//               200k vs 1M to show time grows linearly; refresh of the derived tables at 1M (target < 10 s)
//   analysis    rates by every pair of dimensions, flags (target: each < 2 s)
//   audit       the full audit (target: < 5 s)
//   site        build time from the 1M database (also as a multiple of one `spotcheck rates` process),
//               the one-pass export alone, the explorer cube's Arrow vs JSON bytes and decode time,
//               largest page's transferred bytes
//   start       cold `npm start` on the default sample: from no database to serving
//   public list 20,000 published rows: bytes transferred, search/filter latency in Chromium
//
// Options: --sizes 200000,1000000   --skip ingest,analysis,site,start,public   --keep (reuse generated data
// in data/bench/)   --db PATH (with --skip ingest: measure an existing database)   --repeat 3 (ingest and bare
// read_csv are run this many times, alternately, and compared by their medians: on a shared machine one
// run of either can be 15% off)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT, openDatabase } from "../loaders/db/connection.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "200000,1000000" },
    repeat: { type: "string", default: "3" },
    skip: { type: "string", default: "" },
    keep: { type: "boolean", default: false },
    db: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const repeat = Math.max(1, Number(values.repeat) || 1);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const skip = new Set(values.skip.split(",").filter(Boolean));
const BENCH_DIR = join(PROJECT_ROOT, "data", "bench");
const TSX = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const line = (label: string, value: string, target = "") => console.log(`  ${label.padEnd(44)} ${value.padStart(14)}  ${target}`);

function runChild<T>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, [TSX, join(PROJECT_ROOT, "bench", script), ...args], {
    cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1" },
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

async function ensureSample(batches: number): Promise<string> {
  const dir = join(BENCH_DIR, `sample-${batches}`);
  if (values.keep && existsSync(join(dir, "batches.csv"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { generateSample } = await import("../loaders/sample/generate.ts");
  const [, seconds] = await timed(() => generateSample({ out: dir, batches }));
  line(`generate ${batches.toLocaleString()} batches`, `${seconds.toFixed(1)} s`);
  return dir;
}

interface IngestFigures { seconds: number; bytes: number; rows: number; peakRssBytes: number }

async function benchIngest(): Promise<string> {
  console.log("\n# ingest (issue 2)");
  const perSize: { size: number; seconds: number }[] = [];
  let largestDb = "";
  for (const size of sizes) {
    const dir = await ensureSample(size);
    const dbPath = join(BENCH_DIR, `bench-${size}.duckdb`);
    rmSync(dbPath, { force: true });
    const batchesFile = join(dir, "batches.csv");
    // alternately, so that a slow spell of the machine falls on both
    const ingestRuns: IngestFigures[] = [];
    const bareRuns: number[] = [];
    for (let run = 0; run < repeat; run++) {
      const onlyDb = join(BENCH_DIR, `batches-only-${size}.duckdb`);
      rmSync(onlyDb, { force: true });
      ingestRuns.push(runChild<IngestFigures>("measure-ingest.ts", [onlyDb, batchesFile]));
      rmSync(onlyDb, { force: true });
      const bareDb = join(BENCH_DIR, `bare-${size}.duckdb`);
      rmSync(bareDb, { force: true });
      bareRuns.push(runChild<{ seconds: number }>("measure-bare-read-csv.ts", [bareDb, batchesFile]).seconds);
      rmSync(bareDb, { force: true });
    }
    const batchesOnly = { ...ingestRuns[0], seconds: median(ingestRuns.map((r) => r.seconds)), peakRssBytes: Math.max(...ingestRuns.map((r) => r.peakRssBytes)) };
    const bare = { seconds: median(bareRuns) };
    const full = runChild<IngestFigures>("measure-ingest.ts", [dbPath, batchesFile, join(dir, "events.csv")]);
    console.log(`  -- ${size.toLocaleString()} batches --`);
    const runs = (xs: number[]) => (repeat > 1 ? `  (median of ${xs.map((x) => x.toFixed(2)).join(", ")})` : "");
    line("batches file: validated ingest", `${batchesOnly.seconds.toFixed(2)} s`, runs(ingestRuns.map((r) => r.seconds)));
    line("batches file: bare read_csv", `${bare.seconds.toFixed(2)} s`, runs(bareRuns));
    line("ratio ingest / bare read_csv", `${(batchesOnly.seconds / bare.seconds).toFixed(2)} ×`,
      `target ≤ 2 ×${repeat > 1 ? `  (run by run: ${ingestRuns.map((r, i) => (r.seconds / bareRuns[i]).toFixed(2)).join(", ")})` : ""}`);
    line("batches rows/s", `${Math.round(batchesOnly.rows / batchesOnly.seconds).toLocaleString()}`);
    line("batches MB/s", `${mb(batchesOnly.bytes / batchesOnly.seconds)}`);
    line("peak RSS, batches ingest", `${mb(batchesOnly.peakRssBytes)} MB`, `target < 1500 MB${repeat > 1 ? " (highest of the runs)" : ""}`);
    line("batches + events: rows", `${full.rows.toLocaleString()}`);
    line("batches + events: seconds", `${full.seconds.toFixed(2)} s`);
    line("batches + events: rows/s, MB/s", `${Math.round(full.rows / full.seconds).toLocaleString()}, ${mb(full.bytes / full.seconds)}`);
    line("peak RSS, batches + events", `${mb(full.peakRssBytes)} MB`, "target < 1500 MB");
    perSize.push({ size, seconds: batchesOnly.seconds });
    largestDb = dbPath;
  }
  if (perSize.length >= 2) {
    const [a, b] = [perSize[0], perSize[perSize.length - 1]];
    line(`time per row, ${b.size.toLocaleString()} vs ${a.size.toLocaleString()}`, `${((b.seconds / b.size) / (a.seconds / a.size)).toFixed(2)} ×`, "linear ≈ 1 ×");
  }
  // the derived tables, as npm start computes them
  const { refreshDerivedTables } = await import("../loaders/refresh/refresh-derived-tables.ts");
  const { resolveDerivedContext } = await import("../loaders/core/config.ts");
  const [, refreshSeconds] = await timed(() => refreshDerivedTables(largestDb, resolveDerivedContext()));
  line("refresh derived tables (flags, audit, gates)", `${refreshSeconds.toFixed(2)} s`);
  return largestDb;
}

async function benchAnalysis(dbPath: string): Promise<void> {
  console.log("\n# analysis (issues 3 and 4) on the largest database");
  const { computeRates, RATE_DIMENSIONS } = await import("../loaders/analysis/rates.ts");
  const { computeFlags } = await import("../loaders/analysis/flags.ts");
  const { computeFindings } = await import("../loaders/audit/audit.ts");
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const dims = [...RATE_DIMENSIONS] as string[];
    let worst = { pair: "", seconds: 0 };
    let total = 0;
    for (let i = 0; i < dims.length; i++) {
      for (let j = i + 1; j < dims.length; j++) {
        const [, seconds] = await timed(() => computeRates(db.conn, { by: [dims[i], dims[j]] }));
        total += seconds;
        if (seconds > worst.seconds) worst = { pair: `${dims[i]} × ${dims[j]}`, seconds };
      }
    }
    const pairs = (dims.length * (dims.length - 1)) / 2;
    line(`rates, ${pairs} pairs of dimensions: mean`, `${(total / pairs).toFixed(3)} s`, "target < 2 s each");
    line(`rates, slowest pair (${worst.pair})`, `${worst.seconds.toFixed(3)} s`, "target < 2 s");
    const [flags, flagSeconds] = await timed(() => computeFlags(db.conn, {}));
    line(`flags (${flags.length} raised)`, `${flagSeconds.toFixed(3)} s`, "target < 2 s");
    const { resolveDerivedContext } = await import("../loaders/core/config.ts");
    const [findings, auditSeconds] = await timed(() => computeFindings(db.conn, { asOf: resolveDerivedContext().asOf }));
    line(`full audit (${findings.length.toLocaleString()} findings)`, `${auditSeconds.toFixed(3)} s`, "target < 5 s");
  } finally {
    db.close();
  }
}

async function benchSite(dbPath: string): Promise<void> {
  console.log("\n# site build (issue 6) on the largest database");
  const { measureSiteBuild } = await import("./site-build.ts");
  const figures = await measureSiteBuild(dbPath);
  for (const [label, value] of Object.entries(figures)) line(label, String(value));
}

async function benchColdStart(): Promise<void> {
  console.log("\n# cold npm start on the default sample (issue 11): no database → serving");
  const { timeColdStart } = await import("./site-build.ts");
  const start = await timeColdStart(join(BENCH_DIR, "cold-start.log"));
  line(`npm start, cold (sample ${start.sampleExisted ? "already generated" : "generated too"})`, `${start.seconds.toFixed(1)} s`);
}

async function benchPublicList(): Promise<void> {
  console.log("\n# public result list (issue 5), measured in Chromium");
  const { measurePublicList } = await import("./public-list.ts");
  const figures = await measurePublicList({ keep: values.keep });
  for (const [label, value] of Object.entries(figures)) line(label, String(value));
}

mkdirSync(BENCH_DIR, { recursive: true });
console.log(`spotcheck bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, sizes ${sizes.join(", ")}`);
async function existingDatabase(): Promise<string> {
  const dbPath = values.db ?? join(BENCH_DIR, `bench-${Math.max(...sizes)}.duckdb`);
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}: run the ingest part first`);
  // bring its views up to date with this checkout (one writer, before any reader)
  const { createSchema } = await import("../loaders/db/create-schema.ts");
  const db = await openDatabase(dbPath, { readOnly: false });
  await createSchema(db.conn);
  db.close();
  return dbPath;
}

const dbPath = skip.has("ingest") ? await existingDatabase() : await benchIngest();
if (!skip.has("analysis")) await benchAnalysis(dbPath);
if (!skip.has("site")) await benchSite(dbPath);
if (!skip.has("start")) await benchColdStart();
if (!skip.has("public")) await benchPublicList();
