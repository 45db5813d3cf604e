// Which kind a file is and which of its columns is which contract key.
// Headers may be the Chinese label or the English key, in any order; extra columns
// are kept aside; a missing required column rejects the whole file (data-contract.md).
import { basename } from "node:path";
import { BATCH_COLUMNS, EVENT_COLUMNS, columnsOf, trimContractWhitespace, type FileKind } from "../contract/columns.ts";
import { FileRejected } from "./read-source.ts";

export interface HeaderMapping {
  kind: FileKind;
  /** contract key -> column index in the file */
  keyToIndex: Map<string, number>;
  /** extra (non-contract) header text -> column index */
  extras: { header: string; index: number }[];
}

const normalise = trimContractWhitespace; // the BOM U+FEFF is among the trimmed characters

function keyFor(kind: FileKind, header: string): string | undefined {
  const lower = header.toLowerCase();
  return columnsOf(kind).find((c) => c.key === lower || c.zh === header)?.key;
}

/** By the file name (*batches* / *events*, 批次 / 事件), else by its headers. */
export function detectKind(fileName: string, header: string[]): FileKind {
  const name = basename(fileName).toLowerCase();
  if (/batch|批次/.test(name)) return "batches";
  if (/event|事件/.test(name)) return "events";
  const cells = header.map(normalise);
  const hits = (kind: FileKind) => cells.filter((h) => keyFor(kind, h) !== undefined && keyFor(kind === "batches" ? "events" : "batches", h) === undefined).length;
  const batchHits = hits("batches");
  const eventHits = hits("events");
  if (batchHits === 0 && eventHits === 0) {
    throw new FileRejected("无法判断文件类型：文件名不含 batches/批次 或 events/事件，表头也不是批次表或事件表的列");
  }
  return batchHits >= eventHits ? "batches" : "events";
}

export function mapHeader(kind: FileKind, header: string[]): HeaderMapping {
  const keyToIndex = new Map<string, number>();
  const extras: { header: string; index: number }[] = [];
  const extraNames = new Set<string>();
  header.forEach((raw, index) => {
    const cell = normalise(raw);
    const key = keyFor(kind, cell);
    if (key === undefined) {
      // Extra columns are kept aside under their header; a header repeated among them gets
      // _2, _3, … (备注说明, 备注说明_2), so that both columns are kept.
      const base = cell === "" ? `第${index + 1}列` : cell;
      let name = base;
      for (let n = 2; extraNames.has(name); n++) name = `${base}_${n}`;
      extraNames.add(name);
      extras.push({ header: name, index });
    } else if (keyToIndex.has(key)) {
      throw new FileRejected(`表头第${keyToIndex.get(key)! + 1}列与第${index + 1}列都是“${key}”，无法确定用哪一列`);
    } else {
      keyToIndex.set(key, index);
    }
  });
  const columns = kind === "batches" ? BATCH_COLUMNS : EVENT_COLUMNS;
  const missing = columns.filter((c) => c.required && !keyToIndex.has(c.key));
  if (missing.length > 0) {
    throw new FileRejected(
      `${kind === "batches" ? "批次" : "事件"}文件缺少必填列：${missing.map((c) => `${c.zh}（${c.key}）`).join("、")}；整个文件未导入`,
    );
  }
  return { kind, keyToIndex, extras };
}
