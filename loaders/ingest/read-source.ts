// Turning an input file into a UTF-8 CSV that DuckDB's read_csv can take, and
// reading its header. DuckDB reads UTF-8 only (its encodings extension would need
// a download), so GB18030/GBK is decoded here, in Node, by streaming.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import Papa from "papaparse";
import ExcelJS from "exceljs";

export class FileRejected extends Error {}

export type Encoding = "utf-8" | "utf-8-bom" | "gb18030" | "xlsx";

export interface SourceFile {
  path: string;
  name: string;
  sha256: string;
  bytes: number;
  encoding: Encoding;
  /** A UTF-8 CSV DuckDB can read: the file itself, or a decoded temporary copy. */
  csvPath: string;
  header: string[];
  cleanup(): void;
}

export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

const SNIFF_BYTES = 1 << 20;

/** UTF-8 unless the first megabyte is not valid UTF-8; then GB18030 (a superset of GBK). */
export function sniffEncoding(path: string): "utf-8" | "utf-8-bom" | "gb18030" {
  const buffer = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(path, "r");
  const length = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
  closeSync(fd);
  const head = buffer.subarray(0, length);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8-bom";
  try {
    // stream: true tolerates a character cut at the sniff boundary
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: length === SNIFF_BYTES });
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/** Streams a GB18030 file into a UTF-8 copy. Never the "gbk" label: it misses 4-byte characters. */
async function decodeGb18030(path: string, target: string): Promise<void> {
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await pipeline(createReadStream(path), decode, createWriteStream(target));
  } catch {
    throw new FileRejected("文件既不是有效的 UTF-8，也不是有效的 GB18030/GBK 编码，无法解码；请另存为 UTF-8 或 GB18030 的 CSV");
  }
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

/** First sheet, header in row 1 (data-contract.md), streamed into a UTF-8 CSV. */
async function xlsxToCsv(path: string, target: string): Promise<void> {
  const out = createWriteStream(target);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: "emit", sharedStrings: "cache", styles: "cache" /* date cells are told from numbers by their style */, hyperlinks: "ignore" });
  let width = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellToText);
        if (row.number === 1) width = values.length;
        while (values.length < width) values.push("");
        if (!out.write(Papa.unparse([values.slice(0, Math.max(width, values.length))]) + "\n")) {
          await new Promise((resolve) => out.once("drain", resolve));
        }
      }
      break; // first sheet only
    }
  } catch (error) {
    out.destroy();
    throw new FileRejected(`无法读取 xlsx 文件：${(error as Error).message}`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** The header row, parsed as CSV (header cells may be quoted). */
function readHeader(csvPath: string): string[] {
  const buffer = Buffer.alloc(256 * 1024);
  const fd = openSync(csvPath, "r");
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const text = new TextDecoder("utf-8").decode(buffer.subarray(0, length)).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { preview: 1, delimiter: "," }); // never guessed: ";" separates list items
  const header = parsed.data[0];
  if (!header || header.every((cell) => cell.trim() === "")) throw new FileRejected("文件为空或缺少表头行");
  return header;
}

export async function openSource(path: string): Promise<SourceFile> {
  const { sha256, bytes } = await sha256OfFile(path);
  const name = basename(path);
  let workDir: string | null = null;
  const cleanup = () => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  };
  const scratch = () => {
    workDir ??= mkdtempSync(join(tmpdir(), "spotcheck-ingest-"));
    return join(workDir, "decoded.csv");
  };
  try {
    let encoding: Encoding;
    let csvPath = path;
    if (extname(path).toLowerCase() === ".xlsx") {
      encoding = "xlsx";
      csvPath = scratch();
      await xlsxToCsv(path, csvPath);
    } else {
      encoding = sniffEncoding(path);
      if (encoding === "gb18030") {
        csvPath = scratch();
        await decodeGb18030(path, csvPath);
      }
    }
    return { path, name, sha256, bytes, encoding, csvPath, header: readHeader(csvPath), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** When the first megabyte looked like UTF-8 but DuckDB met invalid bytes later: decode as GB18030. */
export async function redecodeAsGb18030(source: SourceFile): Promise<SourceFile> {
  source.cleanup();
  const workDir = mkdtempSync(join(tmpdir(), "spotcheck-ingest-"));
  const csvPath = join(workDir, "decoded.csv");
  try {
    await decodeGb18030(source.path, csvPath);
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  return { ...source, encoding: "gb18030", csvPath, cleanup: () => rmSync(workDir, { recursive: true, force: true }) };
}
