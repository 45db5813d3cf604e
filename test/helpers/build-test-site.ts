// Builds, once per test run, the site the browser tests load: a generated sample
// (small, deterministic) plus the fixture rows the tests look for (test/fixtures/public-*.csv),
// ingested into its own database and built into its own directory.
// SPOTCHECK_TEST_SITE=<dir> skips the build and uses an existing site. .ci/run runs the tests,
// and so this build (npm run build's pipeline), with no network (unshare --net): issue 11.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const ROOT = join(import.meta.dirname, "..", "..");
const WORK = join(ROOT, ".cache", "test-site");

function spotcheck(args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, [join(ROOT, "bin", "spotcheck.js"), ...args], { cwd: ROOT, env, stdio: "inherit" });
}

export default function setup(project: TestProject): void {
  if (process.env.SPOTCHECK_TEST_SITE) {
    project.provide("siteDir", process.env.SPOTCHECK_TEST_SITE);
    return;
  }
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const dbPath = join(WORK, "spotcheck.duckdb");
  const siteDir = join(WORK, "dist");
  const env = { ...process.env, SPOTCHECK_DB: dbPath, SPOTCHECK_SITE_OUT: siteDir, OBSERVABLE_TELEMETRY_DISABLE: "1" };
  spotcheck(["generate", "--out", join(WORK, "sample"), "--batches", "3000"], env);
  const fixtures = join(ROOT, "test", "fixtures");
  const extra = existsSync(fixtures)
    ? readdirSync(fixtures).filter((f) => /^public-.*\.csv$/.test(f)).map((f) => join(fixtures, f))
    : [];
  // Quarantined rows exit 0; a rejected file exits non-zero and fails the setup, as it should.
  spotcheck(["ingest", join(WORK, "sample"), ...extra], env);
  execFileSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "loaders", "cli", "build-site.ts")], {
    cwd: ROOT, env, stdio: "inherit",
  });
  project.provide("siteDir", siteDir);
}

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
  }
}
