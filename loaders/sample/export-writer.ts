// Writes the two files as the bureau's system exports them, streamed through
// backpressured CSV sinks: batches.csv with the contract's Chinese labels as headers,
// events.csv with English keys, both in a column order that is not the contract's and
// with one column outside it (ingest maps headers in any order and keeps extra columns
// aside). On the way about 0.3% of batch rows and a few event rows get one mistake a
// real export makes (bad-rows.ts); each is listed for planted.json.
import { BATCH_COLUMNS } from "../contract/columns.ts";
import { badEventRow, spoilBatch, type BadCell, type BatchCells, type EventCells } from "./bad-rows.ts";
import { dateCell } from "./cells.ts";
import { CsvSink, type OutputEncoding } from "./csv-sink.ts";
import { isoOf } from "./days.ts";
import type { PendingEvent, PlantedBadRow } from "./ground-truth.ts";
import type { LifeEvent } from "./lifecycle.ts";
import type { Rng } from "./random.ts";

/** Batch columns in the order written: not the contract's order, on purpose; headers are the Chinese labels. */
const BATCH_ORDER = [
  "sample_id", "product_category", "product_name", "brand", "model", "batch_no", "standard", "level", "task_id",
  "plan_year", "kind", "organizer", "sampling_date", "channel", "platform", "sampled_name", "sampled_uscc",
  "sampled_region", "sampled_address", "sampled_contact", "sampled_phone", "enterprise_size", "producer_name",
  "producer_uscc", "producer_region", "producer_address", "sampler_ids", "sampling_agency", "outcome", "onsite",
  "inspection_agency", "inspector_ids", "report_no", "report_date", "conclusion", "failed_items", "serious",
] as const;
/** A column outside the contract, to show ingest keeps extra columns aside. */
export const BATCH_EXTRA_COLUMN = "备注说明";
/** Events: English keys, not in the contract's order, plus one extra column. */
const EVENT_ORDER = ["date", "sample_id", "event", "result", "agency", "note", "handled_by"] as const;

if (BATCH_ORDER.length !== BATCH_COLUMNS.length || !BATCH_COLUMNS.every((c) => (BATCH_ORDER as readonly string[]).includes(c.key))) {
  throw new Error("示例数据的批次列与数据规范（loaders/contract/columns.ts）不一致");
}
const ZH_LABEL = new Map(BATCH_COLUMNS.map((c) => [c.key, c.zh]));

/** The extra events column: the office that handles each step. */
const HANDLED_BY: Readonly<Record<string, string>> = {
  报告报送: "检验机构", 告知生产者: "质量监督科", 合格告知: "质量监督科", 不合格告知: "质量监督科", 公示送达: "质量监督科",
  异议申请: "质量监督科", 异议结论: "质量监督科", 复检通知: "质量监督科", 不予复检: "质量监督科", 办理复检手续: "质量监督科",
  确定复检机构: "质量监督科", 复检结论: "复检机构", 终止复检: "质量监督科", 同意公开: "办公室", 责令整改: "执法支队",
  整改报告: "执法支队", 停产停售报告: "执法支队", 复查: "执法支队", 社会公告: "办公室", 再次复查: "执法支队",
  责令停业整顿: "执法支队", 第三次复查: "执法支队", 吊销营业执照: "执法支队", 列入经营异常名录: "信用监管科",
  通报市外: "质量监督科", 移送执法: "执法支队",
};

/** A batch ready to be written, with its events. */
export interface BatchRecord {
  sampleId: string;
  /** Contract key → cell text; a bad row spoils one cell in place. */
  cells: BatchCells;
  /** The extra column. */
  note: string;
  events: LifeEvent[];
  /** A planted batch is never spoilt: its lapse must reach the audit. */
  planted: boolean;
  /** Its task's first batch of the channel is never spoilt: the task would lose the channel (article 15). */
  firstOfChannel: boolean;
}

export class ExportWriter {
  readonly badRows: PlantedBadRow[] = [];
  readonly pendingEvents: PendingEvent[] = [];
  /** Event rows written for batch rows that ingest rejects. */
  pendingFromRejectedBatches = 0;
  private owedBadRows = 0;
  private readonly batchSink: CsvSink;
  private readonly eventSink: CsvSink;

  /** Opens both files and writes their headers. */
  constructor(batchesFile: string, eventsFile: string, encoding: OutputEncoding, private readonly withBadRows: boolean, private readonly rng: Rng) {
    this.batchSink = new CsvSink(batchesFile, encoding, "\r\n", false);
    this.eventSink = new CsvSink(eventsFile, "utf8", "\n", true);
    this.batchSink.row([...BATCH_ORDER.map((k) => ZH_LABEL.get(k)!), BATCH_EXTRA_COLUMN]);
    this.eventSink.row([...EVENT_ORDER]);
  }

  /** Batch records written so far, bad and duplicate rows included. */
  get batchRows(): number {
    return this.batchSink.records - 1;
  }

  /** Event records written so far, bad and pending rows included. */
  get eventRows(): number {
    return this.eventSink.records - 1;
  }

  /** The next batch row that may be spoilt gets a mistake, whatever the draw: even a small sample has a few bad rows. */
  oweBadRow(): void {
    this.owedBadRows++;
  }

  /** Writes the batch row and, right behind it, its events; returns whether the batch row is bad (ingest rejects it). */
  writeBatch(batch: BatchRecord): boolean {
    const { sampleId, cells, events, planted } = batch;
    const rng = this.rng;
    let bad: BadCell | null = null;
    let duplicate = false;
    // About 0.3% of rows carry one deliberate mistake; 1 in 14 of them is the whole row exported twice.
    // An owed bad row (oweBadRow) goes to the next row that may be spoilt.
    if (this.withBadRows && !planted && !batch.firstOfChannel && (this.owedBadRows > 0 || rng.chance(0.003))) {
      if (this.owedBadRows > 0) this.owedBadRows--;
      if (rng.chance(1 / 14)) duplicate = true;
      else bad = spoilBatch(cells, rng);
    }
    const fields: string[] = new Array(BATCH_ORDER.length + 1);
    for (let k = 0; k < BATCH_ORDER.length; k++) fields[k] = cells[BATCH_ORDER[k]];
    fields[BATCH_ORDER.length] = batch.note;
    const row = this.batchSink.row(fields);
    if (bad) this.badRows.push({ file: "batches.csv", row, sample_id: sampleId, ...bad });
    if (duplicate) {
      const copy = this.batchSink.row(fields);
      this.badRows.push({
        file: "batches.csv", row: copy, sample_id: sampleId, column: "sample_id", reason_code: "duplicate_key",
        why: "同一批次在导出文件中重复出现（首行有效，重复行拒收）",
      });
    }

    // Its events, right behind it.
    const eventRows: string[][] = [];
    for (const e of events) {
      const eventRow = this.eventFields(sampleId, e);
      this.eventSink.row(eventRow);
      eventRows.push(eventRow);
    }
    if (bad) this.pendingFromRejectedBatches += eventRows.length;
    if (this.withBadRows && !bad && !planted && eventRows.length > 0 && rng.chance(0.0008)) {
      const extra = badEventRow(eventRows.map(eventCellsOf), rng);
      const eventRow = this.eventSink.row(EVENT_ORDER.map((k) => extra.cells[k]));
      this.badRows.push({ file: "events.csv", row: eventRow, sample_id: sampleId, ...extra.bad });
    }
    return bad !== null;
  }

  /** An event of a batch that never arrives: valid, and it stays pending. */
  writePendingEvent(sampleId: string, day: number): void {
    const row = this.eventSink.row(EVENT_ORDER.map((k) => ({
      date: isoOf(day), sample_id: sampleId, event: "报告报送", result: "", agency: "", note: "批次信息尚未导出", handled_by: "检验机构",
    })[k]));
    this.pendingEvents.push({ row, sample_id: sampleId });
  }

  /** Hands full buffers to the files, waiting while a stream is busy (memory stays flat). */
  async flushIfFull(): Promise<void> {
    if (this.batchSink.full) await this.batchSink.flush();
    if (this.eventSink.full) await this.eventSink.flush();
  }

  async close(): Promise<void> {
    await this.batchSink.close();
    await this.eventSink.close();
  }

  /** One event row, in EVENT_ORDER. */
  private eventFields(sampleId: string, e: LifeEvent): string[] {
    return [dateCell(this.rng, e.day, 0.01), sampleId, e.event, e.result ?? "", e.agency ?? "", e.note ?? "", HANDLED_BY[e.event] ?? ""];
  }
}

function eventCellsOf(fields: readonly string[]): EventCells {
  const [date, sample_id, event, result, agency, note, handled_by] = fields;
  return { date, sample_id, event, result, agency, note, handled_by };
}
