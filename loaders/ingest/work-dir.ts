// Temporary folders for decoded copies (GB18030 → UTF-8, .xlsx → CSV). Each is named after
// the process that made it, spotcheck-ingest-<pid>-XXXXXX, so that a run killed before it
// could clean up (kill -9, a power cut) leaves a folder the next run recognises and removes.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "spotcheck-ingest-";
const OURS = /^spotcheck-ingest-(\d+)-[A-Za-z0-9]{6}$/;

export function makeWorkDir(parent = tmpdir()): string {
  return mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Removes the work folders of ingest processes that are gone; a folder of a live process
 * (another ingest running now) and anything not named like ours is left alone.
 * Returns the folders removed.
 */
export function removeStaleWorkDirs(parent = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  for (const name of names) {
    const match = OURS.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    const path = join(parent, name);
    try {
      const stats = statSync(path);
      if (!stats.isDirectory() || (uid !== null && stats.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
