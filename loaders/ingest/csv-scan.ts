// Counting the records of a CSV in Node, independently of DuckDB's reader, which has been
// seen to skip a record longer than its 32 MB buffer without an error (issue 9, item 4).
//
// The scanner follows the rules DuckDB's read_csv applies with ingest's options (delim ',',
// quote and escape '"'), checked against it in test/ingest-hostile.test.ts:
// - a record ends at LF, CR or CRLF outside quotes;
// - a quote opens a quoted field only at the start of a field; elsewhere it is a character;
//   inside a quoted field "" is a quote, and a line break is part of the field;
// - line 1 is the header, even when empty; an empty line after it is no record;
// - a last record without a line break counts.
// Row numbers are those of rejected_rows: the header is row 1, a blank line has none.
//
// It jumps from quote to line break with Buffer.indexOf (native), so it costs a few calls
// per record, not a JavaScript step per byte.

export interface TooLongRecord {
  /** row number (header = 1) */
  row: number;
  /** byte offset where the record starts */
  offset: number;
  /** bytes of the record seen when it passed the limit (a lower bound of its length) */
  bytes: number;
}

export interface ScanResult {
  /** records including the header */
  records: number;
  /** bytes of the header record (line 1, from offset 0, without its line break) */
  headerBytes: number;
  /** the first record over the limit, if any (scanning stopped there) */
  tooLong: TooLongRecord | null;
  /** a quote opened and never closed: the row and byte offset of the quote */
  unclosedQuote: { row: number; offset: number } | null;
  /** the first line break (outside quotes) unlike the first one: DuckDB cannot read such a file */
  mixedLineBreak: { row: number; offset: number; first: LineBreak; found: LineBreak } | null;
  bytes: number;
}

export type LineBreak = "LF" | "CRLF" | "CR";

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NONE = Number.MAX_SAFE_INTEGER;

export class CsvScanner {
  private records = 0;
  private headerBytes = -1;
  private offset = 0; // absolute offset of the next byte fed
  private inQuotes = false;
  /** the previous chunk ended on a quote inside a quoted field (closing, or the first of "") */
  private pendingQuote = false;
  /** the previous chunk ended on a CR that ended a record (a following LF belongs to it) */
  private pendingCr = false;
  private lastByte = -1;
  private recordStart = 0;
  private quoteOffset = 0;
  private firstBreak: LineBreak | null = null;
  private pendingCrOffset = 0;
  private mixedLineBreak: ScanResult["mixedLineBreak"] = null;
  tooLong: TooLongRecord | null = null;

  constructor(private readonly maxRecordBytes: number) {}

  /** Row number of the record being read (header = 1). */
  get currentRow(): number {
    return this.records + 1;
  }

  /** Feeds the next bytes; after a record over the limit, further bytes are ignored. */
  feed(chunk: Uint8Array): void {
    if (this.tooLong) return;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const n = buf.length;
    if (n === 0) return;
    const base = this.offset;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (buf[0] === LF) {
        i = 1;
        this.recordStart = base + 1;
      }
      this.noteBreak(buf[0] === LF ? "CRLF" : "CR", this.pendingCrOffset);
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (buf[0] === QUOTE) i = 1; // "" is a quote: still inside
      else this.inQuotes = false;
    }
    let nextQuote = -1;
    let nextLf = -1;
    let nextCr = -1;
    const find = (byte: number, from: number) => {
      const at = buf.indexOf(byte, from);
      return at < 0 ? NONE : at;
    };
    while (i < n) {
      if (this.inQuotes) {
        if (nextQuote < i) nextQuote = find(QUOTE, i);
        if (nextQuote === NONE) break;
        const j = nextQuote;
        if (j + 1 === n) {
          this.pendingQuote = true;
          i = n;
          break;
        }
        if (buf[j + 1] === QUOTE) {
          i = j + 2; // "" inside quotes
        } else {
          this.inQuotes = false;
          i = j + 1;
        }
        continue;
      }
      if (nextQuote < i) nextQuote = find(QUOTE, i);
      if (nextLf < i) nextLf = find(LF, i);
      if (nextCr < i) nextCr = find(CR, i);
      const k = Math.min(nextQuote, nextLf, nextCr);
      if (k === NONE) break;
      if (k === nextQuote) {
        const before = k > 0 ? buf[k - 1] : this.lastByte;
        if (base + k === this.recordStart || before === COMMA) {
          this.inQuotes = true;
          this.quoteOffset = base + k;
        }
        i = k + 1;
        continue;
      }
      // a line break outside quotes ends the record
      if (this.overLimit(base + k)) {
        this.offset = base + n;
        return;
      }
      this.endRecord(base + k);
      if (k === nextCr) {
        if (k + 1 === n) {
          this.pendingCr = true;
          this.pendingCrOffset = base + k;
        } else if (buf[k + 1] === LF) {
          this.noteBreak("CRLF", base + k);
          this.recordStart = base + k + 2;
          i = k + 2;
          continue;
        } else {
          this.noteBreak("CR", base + k);
        }
      } else {
        this.noteBreak("LF", base + k);
      }
      this.recordStart = base + k + 1;
      i = k + 1;
    }
    this.offset = base + n;
    this.lastByte = buf[n - 1];
    this.overLimit(this.offset);
  }

  /** Ends the input. */
  end(): ScanResult {
    let unclosedQuote: ScanResult["unclosedQuote"] = null;
    if (!this.tooLong) {
      if (this.inQuotes && !this.pendingQuote) unclosedQuote = { row: this.currentRow, offset: this.quoteOffset };
      if ((this.offset > this.recordStart || this.records === 0) && !this.overLimit(this.offset)) this.endRecord(this.offset);
    }
    if (this.pendingCr) this.noteBreak("CR", this.pendingCrOffset);
    return {
      records: this.records, headerBytes: this.headerBytes < 0 ? this.offset : this.headerBytes,
      tooLong: this.tooLong, unclosedQuote, mixedLineBreak: this.mixedLineBreak, bytes: this.offset,
    };
  }

  /** A line break ending the record before the current one (rows count from the header = 1). */
  private noteBreak(kind: LineBreak, offset: number): void {
    if (this.firstBreak === null) this.firstBreak = kind;
    else if (kind !== this.firstBreak && this.mixedLineBreak === null) {
      this.mixedLineBreak = { row: this.records, offset, first: this.firstBreak, found: kind };
    }
  }

  private endRecord(at: number): void {
    if (this.records === 0) {
      this.headerBytes = at;
      this.records = 1;
    } else if (at > this.recordStart) {
      this.records++;
    }
  }

  /** True (and tooLong set) when the record read up to `at` is longer than the limit. */
  private overLimit(at: number): boolean {
    const bytes = at - this.recordStart;
    if (bytes <= this.maxRecordBytes) return false;
    this.tooLong = { row: this.currentRow, offset: this.recordStart, bytes };
    return true;
  }
}

/**
 * The longest field among the first `limit` bytes of a record (by the scanner's rules),
 * for the message about a record that is too long: 0-based column and its bytes so far.
 */
export function longestField(bytes: Uint8Array): { column: number; bytes: number } {
  let column = 0;
  let start = 0;
  let end = bytes.length;
  let best = { column: 0, bytes: 0 };
  let state: "start" | "plain" | "quoted" | "afterQuote" = "start";
  const close = (at: number) => {
    if (at - start > best.bytes) best = { column, bytes: at - start };
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (state === "quoted") {
      if (b === QUOTE) state = "afterQuote";
      continue;
    }
    if (b === QUOTE && (state === "start" || state === "afterQuote")) {
      state = "quoted";
    } else if (b === COMMA) {
      close(i);
      column++;
      start = i + 1;
      state = "start";
    } else if (b === LF || b === CR) {
      end = i;
      break;
    } else {
      state = "plain";
    }
  }
  close(end);
  return best;
}
