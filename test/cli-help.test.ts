// `spotcheck <command> --help` and wrong options (issue 13): usage in Chinese, exit 0 for
// help, exit 2 naming the command's usage for a wrong option — never Node's English message.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_HELP } from "../loaders/cli/command-help.ts";

const ROOT = join(import.meta.dirname, "..");
const spotcheck = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "bin", "spotcheck.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, SPOTCHECK_DB: join(ROOT, ".cache", "no-such.duckdb") } });

// the dispatcher's own list of commands, read from its source (not from the help table)
const DISPATCHED = [...readFileSync(join(ROOT, "loaders", "cli", "main.ts"), "utf8").matchAll(/^ {2}"?([\w-]+)"?: async \(\) =>/gm)].map((m) => m[1]);

describe("spotcheck <command> --help", () => {
  it("every dispatched command has a help entry, and only those", () => {
    expect(DISPATCHED.length).toBeGreaterThanOrEqual(11);
    expect(Object.keys(COMMAND_HELP).sort()).toEqual([...DISPATCHED].sort());
  });

  it.each(DISPATCHED)("%s --help prints its usage in Chinese and exits 0 without opening a database", (name) => {
    for (const flag of ["--help", "-h"]) {
      const run = spotcheck(name, flag);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`用法: spotcheck ${name}`);
      expect(run.stdout).toContain("选项:");
      expect(run.stderr).toBe("");
    }
  });

  it.each(["ingest", "audit", "rates", "refresh"])("%s with an unknown option says so in Chinese and shows that command's usage", (name) => {
    const run = spotcheck(name, "--bogus");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`spotcheck ${name}: 未知选项 --bogus`);
    expect(run.stderr).toContain(`用法: spotcheck ${name}`);
    expect(run.stderr).not.toMatch(/Unknown option|positional argument/);
  });

  it("a missing value and an unexpected argument are named too", () => {
    expect(spotcheck("rates", "--by").stderr).toContain("选项 --by 需要一个值");
    expect(spotcheck("refresh", "extra").stderr).toContain('多余的参数 "extra"');
  });

  it("lists every option each command's parser accepts", () => {
    const sources: Record<string, string> = {
      ingest: "ingest/cli.ts", generate: "sample/cli.ts", refresh: "refresh/cli.ts", audit: "audit/cli.ts",
      disclosure: "disclosure/cli.ts", briefing: "briefing/cli.ts", annual: "annual/cli.ts", "site-export": "site/cli.ts",
    };
    for (const [name, file] of Object.entries(sources)) {
      const source = readFileSync(join(ROOT, "loaders", file), "utf8");
      const call = /parseCommandArgs\(argv, \{([\s\S]*?)\}\s*(?:,\s*true)?\)/.exec(source)?.[1] ?? "";
      const accepted = [...call.matchAll(/"?([a-z][\w-]*)"?: \{ type:/g)].map((m) => m[1]).filter((o) => o !== "help");
      const listed = COMMAND_HELP[name].options.map(([o]) => o.split(" ")[0]);
      for (const option of accepted) expect(listed, `${name} --${option}`).toContain(`--${option}`);
      if (name !== "generate") expect(listed).toContain("--db"); // generate writes files, not a database
    }
  });
});
