// Progress on a terminal, silence elsewhere (issue 13 item 4).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressLine, timeLeft } from "../loaders/core/progress.ts";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WriteStream, written };
}

describe("progress line", () => {
  it("rewrites one line on a terminal and ends it", () => {
    const { stream, written } = fakeStream(true);
    const line = progressLine(stream);
    line.update("读取 10%");
    line.done("完成");
    expect(written).toEqual(["\r读取 10%\x1b[K", "\r完成\x1b[K\n"]);
  });
  it("writes nothing when the stream is not a terminal, or when told to be quiet (--format json)", () => {
    for (const [tty, enabled] of [[false, undefined], [true, false]] as const) {
      const { stream, written } = fakeStream(tty);
      const line = progressLine(stream, enabled ?? stream.isTTY === true);
      line.update("x");
      line.done("y");
      expect(written).toEqual([]);
    }
  });
  it("estimates the time left from the share done: a quarter in 10 s leaves 30 s", () => {
    expect(timeLeft(0.25, 10_000)).toBe("约剩 30 秒");
    expect(timeLeft(0.1, 20_000)).toBe("约剩 3 分 0 秒");
    expect(timeLeft(0, 5_000)).toBe("");
  });
  it("spotcheck ingest with stderr to a pipe prints no progress", () => {
    const dir = mkdtempSync(join(tmpdir(), "progress-"));
    const root = join(import.meta.dirname, "..");
    const run = spawnSync(process.execPath, [join(root, "bin", "spotcheck.js"), "ingest", "--db", join(dir, "db.duckdb"), "--no-refresh", join(root, "test", "fixtures", "public-batches.csv")], { encoding: "utf8" });
    expect(run.stdout).toContain("public-batches.csv");
    expect(run.stderr).not.toMatch(/\[1\/1\]|\r/);
  }, 60_000);
});
