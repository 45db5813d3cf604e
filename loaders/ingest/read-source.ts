// Turning an input file into a UTF-8 CSV that DuckDB's read_csv can take, reading its
// header, and counting its records. DuckDB reads UTF-8 only (its encodings extension would
// need a download), so GB18030/GBK is decoded here, in Node, by streaming.
//
// One pass over the bytes hashes the file, checks all of it for UTF-8 and counts its records
// (csv-scan.ts) — the count DuckDB's reading is checked against, so that no record is lost
// without a word. A record over the length limit, a quote never closed, an encoding that is
// neither UTF-8 nor GB18030 (or both at once), UTF-16, too many columns, or a workbook that
// expands past its limit refuses the file here, before DuckDB sees it.
import { createHash } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { LIST, listValue, VARCHAR } from "@duckdb/node-api";
import { z } from "zod";
import { openDatabase } from "../db/connection.ts";
import { query, readSql } from "../db/sql.ts";
import { CsvScanner, longestField, type ScanResult, type TooLongRecord } from "./csv-scan.ts";
import {
  UTF8_EVIDENCE, Utf8LineProbe, Utf8Validator, firstInvalidGb18030, rowAtOffset, wideEncoding, type WideEncoding,
} from "./encoding.ts";
import { makeWorkDir } from "./work-dir.ts";

export class FileRejected extends Error {}

export type Encoding = "utf-8" | "utf-8-bom" | "gb18030" | "xlsx" | "parquet";

export interface SourceLimits {
  /** bytes of one record (line) of the CSV read by DuckDB; a longer one refuses the file */
  maxRecordBytes: number;
  /** columns of the header */
  maxColumns: number;
  /** bytes of the CSV an .xlsx expands to */
  maxXlsxCsvBytes: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  // DuckDB's own default max_line_size, which ingest used to meet as an error: records that
  // loaded before still do. ingest.ts gives DuckDB twice this, so this check always comes first.
  maxRecordBytes: 2_000_000,
  // the contract has 37 + 6 columns; DuckDB runs out of its 1 GB at some thousands
  maxColumns: 1_000,
  // Excel's largest sheet (1,048,576 rows) of the contract's columns is some 500 MB of CSV
  maxXlsxCsvBytes: 1 << 30,
};

export interface SourceFile {
  path: string;
  name: string;
  sha256: string;
  bytes: number;
  encoding: Encoding;
  /** A UTF-8 CSV DuckDB can read: the file itself, or a decoded temporary copy. */
  csvPath: string;
  header: string[];
  /** data records of csvPath (the header not counted), as counted by csv-scan.ts */
  dataRecords: number;
  /** where csvPath first changes its kind of line break, if it does */
  mixedLineBreak: ScanResult["mixedLineBreak"];
  cleanup(): void;
}

const CHUNK = 1 << 20;
/** A size for a message: 20 KB, 2.1 MB, 1.07 GB. */
function megabytes(bytes: number): string {
  const [unit, size] = bytes >= 1e9 ? ["GB", 1e9] : bytes >= 1e6 ? ["MB", 1e6] : bytes >= 1e3 ? ["KB", 1e3] : ["字节", 1];
  return `${(bytes / size).toLocaleString("zh-CN", { maximumFractionDigits: bytes >= 1e9 ? 2 : 1 })} ${unit}`;
}
const count = (n: number) => n.toLocaleString("zh-CN");
/** Byte offsets in messages count from 1, as a person counts. */
const byteAt = (offset: number) => `第 ${count(offset + 1)} 字节`;

export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

function readBytes(path: string, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, length, offset));
  } finally {
    closeSync(fd);
  }
}

/** An error opening or reading the input file itself: the file is refused, not the run. */
function unreadable(error: unknown, path: string): FileRejected | null {
  if ((error as NodeJS.ErrnoException).path !== path) return null; // the temp folder, say: not the file's fault
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: "文件不存在（可能已被移动或删除）", EACCES: "没有读取权限", EPERM: "没有读取权限",
    EISDIR: "这是一个文件夹", EIO: "读取磁盘出错", EBUSY: "文件被其他程序占用",
  };
  return code && why[code] ? new FileRejected(`无法读取文件：${why[code]}（${code}）`) : null;
}

function wideEncodingMessage(kind: WideEncoding): string {
  return `文件是 ${kind} 编码（Excel“另存为 Unicode 文本”得到的就是这种文件）；本系统只接受 UTF-8 或 GB18030/GBK 编码的 CSV，` +
    "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”后再导入";
}

interface FirstPass {
  sha256: string;
  bytes: number;
  scan: ScanResult;
  bom: boolean;
  utf8InvalidAt: number;
  utf8Multibyte: number;
}

/** Hash, UTF-8 check and record count in one pass over the file's bytes. */
async function firstPass(path: string, limits: SourceLimits): Promise<FirstPass> {
  const hash = createHash("sha256");
  const utf8 = new Utf8Validator();
  const scanner = new CsvScanner(limits.maxRecordBytes);
  let bytes = 0;
  let head: Buffer | null = null;
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  for await (const data of stream) {
    const chunk = data as Buffer;
    if (head === null) {
      head = chunk;
      const wide = wideEncoding(chunk);
      if (wide) {
        stream.destroy();
        throw new FileRejected(wideEncodingMessage(wide));
      }
    }
    hash.update(chunk);
    bytes += chunk.length;
    utf8.feed(chunk);
    scanner.feed(chunk);
    if (scanner.tooLong) {
      stream.destroy(); // the file is refused: no need to read the rest
      break;
    }
  }
  utf8.end();
  const bom = head !== null && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return {
    sha256: hash.digest("hex"), bytes, scan: scanner.end(), bom, utf8InvalidAt: utf8.invalidAt, utf8Multibyte: utf8.multibyte,
  };
}

/** Streams a GB18030 file into a UTF-8 copy, counting its records. Never the "gbk" label: it misses 4-byte characters. */
async function decodeGb18030(path: string, target: string, limits: SourceLimits): Promise<ScanResult | { failed: true } | { utf8LineAt: number }> {
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const scanner = new CsvScanner(limits.maxRecordBytes);
  const probe = new Utf8LineProbe();
  const out = createWriteStream(target);
  const write = async (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    scanner.feed(bytes);
    if (!out.write(bytes)) await new Promise((resolve) => out.once("drain", resolve));
  };
  let failed = false;
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) {
      probe.feed(chunk as Buffer);
      if (probe.foundAt >= 0) break;
      await write(decoder.decode(chunk as Buffer, { stream: true }));
      if (scanner.tooLong) break;
    }
    probe.end();
    if (!scanner.tooLong && probe.foundAt < 0) await write(decoder.decode());
  } catch (error) {
    if (!(error instanceof TypeError)) throw error; // TextDecoder's "The encoded data was not valid"
    failed = true;
  } finally {
    stream.destroy();
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  if (failed) return { failed: true };
  return probe.foundAt >= 0 ? { utf8LineAt: probe.foundAt } : scanner.end();
}

/** The file is not one encoding: where UTF-8 and GB18030 each fail. */
async function encodingRejection(path: string, pass: FirstPass): Promise<FileRejected> {
  const utf8At = pass.utf8InvalidAt;
  const utf8Row = await rowAtOffset(path, utf8At);
  const notUtf8 = `从${byteAt(utf8At)}（第 ${utf8Row} 行）起不是有效的 UTF-8`;
  const advice = "请把整个文件另存为同一种编码（UTF-8 或 GB18030）的 CSV 后再导入";
  if (pass.bom) {
    const restIsGb = (await firstInvalidGb18030(path, 3)) < 0;
    return new FileRejected(
      `文件编码混杂：开头有 UTF-8 的 BOM（EF BB BF），但${notUtf8}` +
        `${restIsGb ? "，其余内容看起来是 GB18030/GBK 编码" : ""}；同一个文件里混用了两种编码。${advice}`,
    );
  }
  if (pass.utf8Multibyte >= UTF8_EVIDENCE) {
    const gbAt = await firstInvalidGb18030(path, utf8At);
    return new FileRejected(
      `文件编码混杂：前面的内容是 UTF-8（含中文），但${notUtf8}` +
        `${gbAt < 0 ? "（后面的内容像是 GB18030/GBK）" : ""}；同一个文件里混用了两种编码。${advice}`,
    );
  }
  const gbAt = await firstInvalidGb18030(path);
  const gbRow = gbAt < 0 ? null : await rowAtOffset(path, gbAt);
  return new FileRejected(
    "文件既不是有效的 UTF-8，也不是有效的 GB18030/GBK 编码，无法解码：按 UTF-8 读，" + notUtf8 +
      (gbRow === null ? "" : `；按 GB18030 读，从${byteAt(gbAt)}（第 ${gbRow} 行）起无法解码`) +
      `。${advice}`,
  );
}

function cellToText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellToText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

/** An .xlsx is a zip archive; say what else the file is when it is not one. */
function checkXlsxSignature(path: string): void {
  const head = readBytes(path, 0, 4096);
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) return;
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => head[i] === b);
  if (ole) {
    throw new FileRejected("文件扩展名是 .xlsx，但内容是旧版 Excel 97-2003（.xls）格式或加了密码的工作簿；请在 Excel 中另存为不加密的 .xlsx 或 CSV 后再导入");
  }
  if (head.length === 0) throw new FileRejected("文件为空（0 字节），不是 Excel 工作簿");
  const text = wideEncoding(head) !== null || (!head.includes(0) && (decodesAs("utf-8", head) || decodesAs("gb18030", head)));
  throw new FileRejected(
    text
      ? "文件扩展名是 .xlsx，但内容是文本（不是 Excel 工作簿）；如果这是 CSV 文件，请把扩展名改为 .csv 后再导入"
      : "文件扩展名是 .xlsx，但内容不是 Excel 工作簿（.xlsx 是 zip 格式，本文件不是）；请在 Excel 中重新另存为 .xlsx 或 CSV",
  );
}

/** Whether the bytes decode as `label` (a character cut off at the end is fine: this is a file's start). */
function decodesAs(label: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** First sheet, header in row 1 (data-contract.md), streamed into a UTF-8 CSV of at most limits.maxXlsxCsvBytes. */
async function xlsxToCsv(path: string, target: string, limits: SourceLimits): Promise<ScanResult> {
  checkXlsxSignature(path);
  const out = createWriteStream(target);
  const scanner = new CsvScanner(limits.maxRecordBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: "emit", sharedStrings: "cache", styles: "cache" /* date cells are told from numbers by their style */, hyperlinks: "ignore" });
  let width = 0;
  let written = 0;
  let rejection: FileRejected | null = null;
  try {
    sheets: for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellToText);
        if (row.number === 1) {
          width = values.length;
          if (width > limits.maxColumns) {
            rejection = new FileRejected(`工作表第1行（表头）有 ${count(width)} 列，超过 ${count(limits.maxColumns)} 列的上限；整个文件未导入`);
            break sheets;
          }
        }
        while (values.length < width) values.push("");
        const line = Buffer.from(Papa.unparse([values.slice(0, Math.max(width, values.length))]) + "\n", "utf8");
        written += line.length;
        if (written > limits.maxXlsxCsvBytes) {
          rejection = new FileRejected(
            `工作簿展开成 CSV 超过 ${megabytes(limits.maxXlsxCsvBytes)} 的上限（读到工作表第 ${row.number} 行时已超过）；` +
              "请把数据拆成几个较小的文件，或另存为 CSV 后再导入；整个文件未导入",
          );
          break sheets;
        }
        scanner.feed(line);
        if (scanner.tooLong) break sheets;
        if (!out.write(line)) await new Promise((resolve) => out.once("drain", resolve));
      }
      break; // first sheet only
    }
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw new FileRejected(`无法读取 xlsx 文件：${(error as Error).message}`);
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  if (rejection) throw rejection;
  return scanner.end();
}

const PARQUET_MAGIC = Buffer.from("PAR1");

/**
 * A Parquet file as a UTF-8 CSV of text cells (parquet_to_text_csv.sql), written by an
 * in-memory DuckDB of its own (this process's, not the database being written). The file is
 * checked to be Parquet first (PAR1 at both ends), and a file DuckDB cannot read is refused
 * whole with DuckDB's reason.
 */
async function parquetToCsv(path: string, target: string, limits: SourceLimits): Promise<ScanResult> {
  const head = readBytes(path, 0, 4);
  const { size } = statSync(path);
  const tail = size >= 8 ? readBytes(path, size - 4, 4) : Buffer.alloc(0);
  if (!head.equals(PARQUET_MAGIC) || !tail.equals(PARQUET_MAGIC)) {
    throw new FileRejected(size === 0 ? "文件为空（0 字节），不是 Parquet 文件"
      : "文件扩展名是 .parquet，但内容不是 Parquet 文件（开头和结尾应为 PAR1）；请重新导出后再导入");
  }
  // read_parquet expands * ? [ ] { } as a glob: a path holding one would read other files
  if (/[*?[\]{}]/.test(path)) throw new FileRejected("文件路径含有 * ? [ ] { } 等通配符字符，无法按单个 Parquet 文件读取；请改名后再导入");
  if (!/^[\w/.-]+$/.test(target)) throw new Error(`内部错误：临时文件路径含有不安全字符：${target}`);
  const db = await openDatabase(":memory:", { readOnly: false });
  try {
    const described = await query(db.conn, "DESCRIBE SELECT * FROM read_parquet($path)", { path },
      z.looseObject({ column_name: z.string(), column_type: z.string() }));
    if (described.length > limits.maxColumns) {
      throw new FileRejected(`Parquet 文件有 ${count(described.length)} 列，超过 ${count(limits.maxColumns)} 列的上限；整个文件未导入`);
    }
    const lists = described.filter((c) => c.column_type.endsWith("[]")).map((c) => c.column_name);
    const withLists = lists.length > 0;
    const select = readSql(`loaders/ingest/${withLists ? "parquet_to_text_csv.sql" : "parquet_to_text_csv_without_lists.sql"}`).replace(/;\s*$/, "");
    // the target is this process's own temporary file (checked above), never input text
    await db.conn.run(`COPY (${select}) TO '${target}' (FORMAT csv, HEADER true)`,
      withLists ? { path, lists: listValue(lists) } : { path }, withLists ? { path: VARCHAR, lists: LIST(VARCHAR) } : { path: VARCHAR });
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw new FileRejected(`无法读取 Parquet 文件：${(error as Error).message.split("\n")[0]}`);
  } finally {
    db.close();
  }
  const scanner = new CsvScanner(limits.maxRecordBytes);
  for await (const chunk of createReadStream(target, { highWaterMark: CHUNK })) {
    scanner.feed(chunk as Buffer);
    if (scanner.tooLong) break;
  }
  return scanner.end();
}

/** The header row, parsed as CSV (header cells may be quoted): line 1, read whole. */
function readHeader(csvPath: string, headerBytes: number, encoding: "utf-8" | "gb18030" = "utf-8"): string[] {
  const text = new TextDecoder(encoding).decode(readBytes(csvPath, 0, headerBytes)).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", newline: "\n" }); // never guessed: ";" separates list items
  const header = parsed.data[0];
  if (!header || header.every((cell) => cell.trim() === "")) throw new FileRejected("文件为空或缺少表头行");
  return header;
}

/** The message for a record over the limit: its row, size and longest column. */
function tooLongRejection(csvPath: string, tooLong: TooLongRecord, limits: SourceLimits, header: string[] | null): FileRejected {
  const field = longestField(readBytes(csvPath, tooLong.offset, limits.maxRecordBytes + 1));
  const name = header?.[field.column];
  const where = tooLong.row === 1 ? "表头行（第 1 行）" : `第 ${tooLong.row} 行`;
  const column = `第 ${field.column + 1} 列${name ? `“${name.length > 40 ? `${name.slice(0, 40)}…` : name}”` : ""}`;
  return new FileRejected(
    `${where}超过每行 ${count(limits.maxRecordBytes)} 字节的上限（该行从${byteAt(tooLong.offset)}开始，至少 ${megabytes(tooLong.bytes)}；` +
      `最长的是${column}，至少 ${megabytes(field.bytes)}）：单元格内容过长，或某个引号没有闭合；为免丢行，整个文件未导入`,
  );
}

/** The header for naming a column in a message, if it can be read. */
function headerOrNull(csvPath: string, scan: ScanResult, encoding: "utf-8" | "gb18030" = "utf-8"): string[] | null {
  if (scan.tooLong?.row === 1) return null;
  try {
    return readHeader(csvPath, scan.headerBytes, encoding);
  } catch {
    return null;
  }
}

function checkScan(csvPath: string, scan: ScanResult, limits: SourceLimits): string[] {
  if (scan.tooLong) throw tooLongRejection(csvPath, scan.tooLong, limits, headerOrNull(csvPath, scan));
  if (scan.unclosedQuote) {
    throw new FileRejected(
      `第 ${scan.unclosedQuote.row} 行${byteAt(scan.unclosedQuote.offset)}的引号（"）一直到文件末尾都没有闭合；整个文件未导入`,
    );
  }
  const header = readHeader(csvPath, scan.headerBytes);
  if (header.length > limits.maxColumns) {
    throw new FileRejected(`表头有 ${count(header.length)} 列，超过 ${count(limits.maxColumns)} 列的上限；整个文件未导入`);
  }
  return header;
}

export async function openSource(path: string, limits: SourceLimits = DEFAULT_LIMITS): Promise<SourceFile> {
  const name = basename(path);
  let workDir: string | null = null;
  const cleanup = () => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    workDir = null;
  };
  const scratch = () => {
    workDir ??= makeWorkDir();
    return join(workDir, "decoded.csv");
  };
  try {
    // a workbook or a Parquet file becomes a UTF-8 CSV first, then meets the same checks as any CSV
    const converters = { ".parquet": ["parquet", parquetToCsv], ".xlsx": ["xlsx", xlsxToCsv] } as const;
    const converter = converters[extname(path).toLowerCase() as keyof typeof converters];
    if (converter) {
      const [encoding, convert] = converter;
      const { sha256, bytes } = await sha256OfFile(path);
      const csvPath = scratch();
      const scan = await convert(path, csvPath, limits);
      const header = checkScan(csvPath, scan, limits);
      return {
        path, name, sha256, bytes, encoding, csvPath, header, dataRecords: scan.records - 1, mixedLineBreak: scan.mixedLineBreak, cleanup,
      };
    }
    const pass = await firstPass(path, limits);
    if (pass.scan.tooLong) {
      // not decoded yet: a header with bytes that are not UTF-8 is read as GB18030 for the column's name
      const headerEncoding = pass.utf8InvalidAt >= 0 && pass.utf8InvalidAt < pass.scan.headerBytes ? "gb18030" : "utf-8";
      throw tooLongRejection(path, pass.scan.tooLong, limits, headerOrNull(path, pass.scan, headerEncoding));
    }
    if (pass.utf8InvalidAt < 0) {
      const header = checkScan(path, pass.scan, limits);
      return {
        path, name, sha256: pass.sha256, bytes: pass.bytes, encoding: pass.bom ? "utf-8-bom" : "utf-8", csvPath: path, header,
        dataRecords: pass.scan.records - 1, mixedLineBreak: pass.scan.mixedLineBreak, cleanup,
      };
    }
    if (pass.bom || pass.utf8Multibyte >= UTF8_EVIDENCE) throw await encodingRejection(path, pass);
    const csvPath = scratch();
    const decoded = await decodeGb18030(path, csvPath, limits);
    if ("failed" in decoded) throw await encodingRejection(path, pass);
    if ("utf8LineAt" in decoded) {
      const row = await rowAtOffset(path, decoded.utf8LineAt);
      throw new FileRejected(
        `文件编码混杂：前面的内容不是 UTF-8（像是 GB18030/GBK，${byteAt(pass.utf8InvalidAt)}起），但从${byteAt(decoded.utf8LineAt)}（第 ${row} 行）起的一行是 UTF-8；` +
          "同一个文件里混用了两种编码。请把整个文件另存为同一种编码（UTF-8 或 GB18030）的 CSV 后再导入",
      );
    }
    const header = checkScan(csvPath, decoded, limits);
    return {
      path, name, sha256: pass.sha256, bytes: pass.bytes, encoding: "gb18030", csvPath, header, dataRecords: decoded.records - 1,
      mixedLineBreak: decoded.mixedLineBreak, cleanup,
    };
  } catch (error) {
    cleanup();
    throw unreadable(error, path) ?? error;
  }
}
