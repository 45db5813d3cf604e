// Telling the encoding of a CSV from all of its bytes, and saying where it goes wrong.
// The contract allows UTF-8 (with or without BOM) and GB18030/GBK; anything else, or a file
// that mixes them, is refused with the byte offset and row where the reading failed.
import { isAscii, isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { CsvScanner } from "./csv-scan.ts";

/**
 * Valid multi-byte UTF-8 sequences before the first invalid byte that make a file "UTF-8
 * that turns into something else" rather than GB18030 whose first characters happen to be
 * valid UTF-8 (about one GBK character in eight is; eight in a row, about one file in 10^7).
 */
export const UTF8_EVIDENCE = 8;

/** Checks a stream of bytes for UTF-8, chunk by chunk (a character may straddle chunks). */
export class Utf8Validator {
  /** absolute offset of the first byte that is not UTF-8, or -1 */
  invalidAt = -1;
  /** valid multi-byte sequences before it (counted up to UTF8_EVIDENCE) */
  multibyte = 0;
  private carry: Buffer | null = null;
  private offset = 0; // absolute offset of the start of `carry` (or of the next chunk)

  feed(chunk: Buffer): void {
    if (this.invalidAt >= 0) return;
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const keep = incompleteTail(data);
    const body = keep ? data.subarray(0, data.length - keep) : data;
    if (isUtf8(body)) {
      if (this.multibyte < UTF8_EVIDENCE && !isAscii(body)) this.multibyte += countMultibyte(body, UTF8_EVIDENCE - this.multibyte);
    } else {
      const { at, multibyte } = firstInvalidUtf8(body);
      this.multibyte = Math.min(UTF8_EVIDENCE, this.multibyte + multibyte);
      this.invalidAt = this.offset + Math.max(at, 0);
      return;
    }
    this.offset += body.length;
    this.carry = keep ? Buffer.from(data.subarray(data.length - keep)) : null;
  }

  /** Ends the input: a character cut off by the end of the file is invalid. */
  end(): void {
    if (this.invalidAt < 0 && this.carry) this.invalidAt = this.offset;
  }
}

/** Bytes at the end that start a multi-byte character not complete yet. */
function incompleteTail(data: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, data.length); k++) {
    const b = data[data.length - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > k ? k : 0;
  }
  return 0;
}

function countMultibyte(body: Uint8Array, upTo: number): number {
  let n = 0;
  for (let i = 0; i < body.length && n < upTo; i++) if (body[i] >= 0xc2) n++;
  return n;
}

/** The first byte that does not start a valid UTF-8 character (WHATWG rules), or -1. */
export function firstInvalidUtf8(b: Uint8Array): { at: number; multibyte: number } {
  let multibyte = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c === 0xe0) [need, lo] = [2, 0xa0];
    else if (c === 0xed) [need, hi] = [2, 0x9f];
    else if (c >= 0xe1 && c <= 0xef) need = 2;
    else if (c === 0xf0) [need, lo] = [3, 0x90];
    else if (c === 0xf4) [need, hi] = [3, 0x8f];
    else if (c >= 0xf1 && c <= 0xf3) need = 3;
    else return { at: i, multibyte };
    if (i + need >= b.length) return { at: i, multibyte }; // cut off by the end
    if (b[i + 1] < lo || b[i + 1] > hi) return { at: i, multibyte };
    for (let k = 2; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return { at: i, multibyte };
    i += need + 1;
    multibyte++;
  }
  return { at: -1, multibyte };
}

/**
 * The first byte where the WHATWG GB18030 decoder (what TextDecoder("gb18030") is) fails,
 * found by its byte structure: one byte 00–80, two bytes 81–FE + 40–7E/80–FE, or four bytes
 * 81–FE 30–39 81–FE 30–39 whose pointer is in range.
 */
export class Gb18030Validator {
  invalidAt = -1;
  private carry: Buffer | null = null;
  private offset: number;

  constructor(startOffset = 0) {
    this.offset = startOffset;
  }

  feed(chunk: Buffer): void {
    if (this.invalidAt >= 0) return;
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let i = 0;
    while (i < b.length) {
      const c = b[i];
      if (c <= 0x80) {
        i++;
        continue;
      }
      if (c === 0xff) return this.fail(i);
      if (i + 1 >= b.length) break;
      const c2 = b[i + 1];
      if (c2 >= 0x30 && c2 <= 0x39) {
        if (i + 3 >= b.length) break;
        const c3 = b[i + 2];
        const c4 = b[i + 3];
        if (c3 < 0x81 || c3 > 0xfe || c4 < 0x30 || c4 > 0x39) return this.fail(i);
        const pointer = (((c - 0x81) * 10 + (c2 - 0x30)) * 126 + (c3 - 0x81)) * 10 + (c4 - 0x30);
        if ((pointer > 39419 && pointer < 189000) || pointer > 1237575) return this.fail(i);
        i += 4;
      } else if ((c2 >= 0x40 && c2 <= 0x7e) || (c2 >= 0x80 && c2 <= 0xfe)) {
        i += 2;
      } else {
        return this.fail(i);
      }
    }
    this.offset += i;
    this.carry = i < b.length ? Buffer.from(b.subarray(i)) : null;
  }

  end(): void {
    if (this.invalidAt < 0 && this.carry) this.invalidAt = this.offset;
  }

  private fail(at: number): void {
    this.invalidAt = this.offset + at;
  }
}

/** The first byte at or after `from` that GB18030 cannot decode, or -1. */
export async function firstInvalidGb18030(path: string, from = 0): Promise<number> {
  const validator = new Gb18030Validator(from);
  for await (const chunk of createReadStream(path, { start: from, highWaterMark: 1 << 20 })) {
    validator.feed(chunk as Buffer);
    if (validator.invalidAt >= 0) return validator.invalidAt;
  }
  validator.end();
  return validator.invalidAt;
}

/** The row (header = 1) holding the byte at `offset`: the CSV's structure bytes are ASCII in UTF-8 and GB18030 alike. */
export async function rowAtOffset(path: string, offset: number): Promise<number> {
  const scanner = new CsvScanner(Number.MAX_SAFE_INTEGER);
  if (offset <= 0) return 1;
  for await (const chunk of createReadStream(path, { start: 0, end: offset - 1, highWaterMark: 1 << 20 })) {
    scanner.feed(chunk as Buffer);
  }
  return scanner.currentRow;
}

export type WideEncoding = "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE";

/**
 * UTF-16 or UTF-32 (what Excel's "Unicode 文本" writes): by its byte-order mark, or, without
 * one, by NUL bytes falling nearly all on odd (LE) or even (BE) offsets of the first 4 KB —
 * every ASCII character (comma, line break) is then a NUL and a byte.
 */
export function wideEncoding(head: Uint8Array): WideEncoding | null {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return "UTF-32LE";
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "UTF-32BE";
  if (a === 0xff && b === 0xfe) return "UTF-16LE";
  if (a === 0xfe && b === 0xff) return "UTF-16BE";
  const n = Math.min(head.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) (i % 2 ? odd++ : even++);
  if (even + odd < 8) return null;
  if (odd >= 0.9 * (even + odd)) return "UTF-16LE";
  if (even >= 0.9 * (even + odd)) return "UTF-16BE";
  return null;
}

/**
 * In a file that is not UTF-8 as a whole (read as GB18030), the first line that is UTF-8
 * with at least UTF8_EVIDENCE multi-byte characters: GB18030 text followed by UTF-8 text,
 * which GB18030 would otherwise "decode" into wrong characters without an error.
 */
export class Utf8LineProbe {
  /** absolute offset of the start of that line, or -1 */
  foundAt = -1;
  private carry: Buffer | null = null;
  private offset = 0; // absolute offset of the start of `carry` (or of the next chunk)

  feed(chunk: Buffer): void {
    if (this.foundAt >= 0) return;
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const end = data.indexOf(0x0a, start);
      if (end < 0) break;
      if (this.check(data.subarray(start, end), this.offset + start)) return;
      start = end + 1;
    }
    this.carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
    this.offset += start;
  }

  end(): void {
    if (this.foundAt < 0 && this.carry) this.check(this.carry, this.offset);
  }

  private check(line: Buffer, at: number): boolean {
    if (isAscii(line) || !isUtf8(line) || countMultibyte(line, UTF8_EVIDENCE) < UTF8_EVIDENCE) return false;
    this.foundAt = at;
    return true;
  }
}
