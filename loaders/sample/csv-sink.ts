// Streaming CSV output with RFC 4180 quoting and backpressure: rows are buffered
// into chunks of about 256 KB, each chunk is encoded (UTF-8, or GB18030 as Excel on
// a Chinese Windows writes it) and written; the generator awaits 'drain' whenever
// the stream asks it to, so memory stays flat however many rows are written.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import iconv from "iconv-lite";

export type OutputEncoding = "utf8" | "gb18030";

/** Spaces a reader may trim: ASCII whitespace, NBSP and the full-width space U+3000. */
function isEdgeSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000;
}

/** RFC 4180: quote a field holding a comma, quote or line break; also one with surrounding spaces, so they survive. */
export function csvField(value: string): string {
  const n = value.length;
  if (n === 0) return value;
  let quote = isEdgeSpace(value.charCodeAt(0)) || isEdgeSpace(value.charCodeAt(n - 1));
  for (let i = 0; !quote && i < n; i++) {
    const c = value.charCodeAt(i);
    quote = c === 44 || c === 34 || c === 10 || c === 13; // , " \n \r
  }
  return quote ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CsvSink {
  private readonly stream: WriteStream;
  /** Lines not yet handed to the stream (joined once per chunk: cheaper than growing one string). */
  private lines: string[] = [];
  private buffered = 0;
  /** Records written, header included (so the last record's number is `records`). */
  records = 0;
  private failure: Error | undefined;

  constructor(
    path: string,
    private readonly encoding: OutputEncoding,
    private readonly lineEnd: "\r\n" | "\n",
    bom: boolean,
  ) {
    this.stream = createWriteStream(path);
    this.stream.on("error", (error) => (this.failure ??= error)); // reported by the next flush/close
    if (bom) this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Writes one record and returns its record number (header = 1). */
  row(fields: readonly string[]): number {
    let line = csvField(fields[0]);
    for (let i = 1; i < fields.length; i++) line += "," + csvField(fields[i]);
    this.lines.push(line + this.lineEnd);
    this.buffered += line.length;
    return ++this.records;
  }

  get full(): boolean {
    return this.buffered >= 262_144;
  }

  /** Hands the buffered rows to the stream; waits when the stream's own buffer is full. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.lines.length === 0) return;
    const text = this.lines.join("");
    this.lines = [];
    this.buffered = 0;
    const chunk = this.encoding === "gb18030" ? iconv.encode(text, "gb18030") : Buffer.from(text, "utf8");
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    if (this.failure) throw this.failure;
  }
}
