// Progress of a long command on a terminal (issue 13): one line on stderr, rewritten in place,
// saying what is being done, how much is done, the rate and the time left. Quiet — nothing
// written at all — when stderr is not a terminal (a pipe, a log file, CI) or the output is
// machine-readable (--format json): a script reading stdout must see only its data.

export interface ProgressLine {
  update(text: string): void;
  done(text?: string): void;
}

const QUIET: ProgressLine = { update() {}, done() {} };

export function progressLine(stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true): ProgressLine {
  if (!enabled) return QUIET;
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return; // a terminal redraws ten times a second at most
      last = now;
      stream.write(`\r${text}\x1b[K`);
    },
    done(text) {
      stream.write(text === undefined ? "\r\x1b[K" : `\r${text}\x1b[K\n`);
    },
  };
}

/** "1.2 GB", "420 MB", "12 KB" */
export function byteSize(bytes: number): string {
  const [unit, size] = bytes >= 1e9 ? ["GB", 1e9] : bytes >= 1e6 ? ["MB", 1e6] : ["KB", 1e3];
  return `${(bytes / size).toFixed(bytes >= 1e9 ? 2 : 0)} ${unit}`;
}

/** "约剩 40 秒" / "约剩 3 分 5 秒" from the share done so far and the time it took; "" before there is a basis. */
export function timeLeft(doneShare: number, elapsedMs: number): string {
  if (doneShare <= 0.01 || doneShare >= 1 || elapsedMs < 1000) return "";
  const seconds = Math.round((elapsedMs / doneShare - elapsedMs) / 1000);
  return seconds >= 60 ? `约剩 ${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒` : `约剩 ${seconds} 秒`;
}
