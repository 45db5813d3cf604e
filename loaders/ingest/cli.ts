// `spotcheck ingest <file-or-folder>... [--db PATH] [--format json] [--no-refresh] [--as-of DATE]`
// Ingests and then, in the same write session, recomputes the derived tables whenever they
// do not follow the data — also when every file is unchanged (loaders/README.md).
import { basename } from "node:path";
import { parseCommandArgs } from "../core/command-line.ts";
import { resolveDerivedContext } from "../core/config.ts";
import { UsageError } from "../core/errors.ts";
import { byteSize, progressLine, timeLeft } from "../core/progress.ts";
import { parseFormat } from "../core/report-output.ts";
import { resolveDbPath } from "../db/connection.ts";
import { ingestIntoDatabase, RefreshFailedAfterIngest, type IngestProgress, type IngestRunSummary, type IngestSummary } from "./ingest.ts";

const REASON_LABELS: Record<string, string> = {
  required: "必填项为空", enum: "取值不在规定范围", date: "日期无效", integer: "不是整数", boolean: "不是 是/否",
  uscc: "统一社会信用代码校验失败", region: "区县无法识别", conditional: "条件必填项为空", duplicate_key: "主键重复",
};

export function formatIngestSummary(summary: IngestSummary): string {
  const lines = [`数据库：${summary.database}`];
  for (const f of summary.files) {
    if (f.status === "rejected") {
      lines.push(`✗ ${f.file}：整个文件被拒绝，未写入任何数据。原因：${f.error}`);
      continue;
    }
    if (f.status === "unchanged") {
      lines.push(`= ${f.file}：与已导入的文件内容完全相同，未作任何更改`);
      continue;
    }
    const kind = f.kind === "batches" ? "批次" : "事件";
    lines.push(
      `✓ ${f.file}（${kind}，${f.encoding}）：读取 ${f.rows_read} 行，导入 ${f.rows_loaded} 行，隔离 ${f.rows_rejected} 行` +
        (f.kind === "events" ? `，待批次到达 ${f.rows_pending} 行` : "") +
        (f.events_released ? `，先前待处理事件转入 ${f.events_released} 行` : ""),
    );
    if (f.extra_columns.length) lines.push(`    额外列（另行保存）：${f.extra_columns.join("、")}`);
    for (const [code, n] of Object.entries(f.rejections_by_reason)) lines.push(`    ${REASON_LABELS[code] ?? code}（${code}）：${n} 处`);
    for (const r of f.rejections) {
      lines.push(`    第${r.row}行 ${r.column}${r.value === null ? "" : `「${r.value}」`}：${r.reason}`);
    }
    const listed = f.rejections.length;
    const total = Object.values(f.rejections_by_reason).reduce((a, b) => a + b, 0);
    if (total > listed) lines.push(`    ……另有 ${total - listed} 处，见数据库表 rejected_rows`);
  }
  return lines.join("\n") + "\n";
}

/** One line on what the run left the derived tables as. */
export function formatDerivedTables(summary: IngestRunSummary): string {
  const report = summary.derived_tables;
  if (report.refreshed) {
    const repaired = !summary.files.some((f) => f.status === "loaded");
    return `派生表（问题标记、重点目录草案、程序审计、公开闸门）${repaired ? `与数据不符（${report.reason}），现` : ""}` +
      `已在同一写入会话中按 ${report.as_of} 重算\n`;
  }
  if (report.state === "fresh") return `派生表与数据一致（按 ${report.as_of} 计算），无需重算\n`;
  if (!report.needs_refresh) return ""; // nothing ingested, nothing derived: nothing to say
  return `派生表未重算（--no-refresh）：${report.reason}。报表命令会拒绝读取，直到运行 \`npx spotcheck refresh\`\n`;
}

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { "no-refresh": { type: "boolean" }, "as-of": { type: "string" } }, true);
  const format = parseFormat(values.format, ["table", "json"]);
  if (positionals.length === 0) throw new UsageError("用法：spotcheck ingest <文件或文件夹>... [--db PATH] [--format json]");
  const dbPath = resolveDbPath(values.db);
  const context = resolveDerivedContext({ asOf: values["as-of"] });
  // one write session from the first file to the end of the refresh (see ingestIntoDatabase)
  let summary;
  const progress = progressLine(process.stderr, format === "table" && process.stderr.isTTY === true);
  const started = Date.now();
  const onProgress = (p: IngestProgress) => {
    const elapsed = Date.now() - started;
    if (p.stage === "重算派生表") return progress.update(`重算派生表（问题标记、目录草案、审计、公开闸门）…… 已用 ${(elapsed / 1000).toFixed(1)} 秒`);
    const share = p.bytesTotal ? p.bytesBefore / p.bytesTotal : 0;
    progress.update(`[${p.index + 1}/${p.files}] ${basename(p.file)} · ${p.stage}${p.rows !== undefined ? ` ${p.rows.toLocaleString("zh-CN")} 行` : ""}` +
      ` · 已完成 ${Math.round(share * 100)}%（${byteSize(p.bytesBefore)} / ${byteSize(p.bytesTotal)}，${(p.bytesBefore / 1e6 / Math.max(elapsed / 1000, 0.001)).toFixed(1)} MB/秒）` +
      ` · 已用 ${(elapsed / 1000).toFixed(1)} 秒${timeLeft(share, elapsed) ? ` · ${timeLeft(share, elapsed)}` : ""}`);
  };
  try {
    summary = await ingestIntoDatabase(dbPath, positionals, { refresh: values["no-refresh"] ? undefined : context, onProgress });
  } catch (error) {
    progress.done();
    if (!(error instanceof RefreshFailedAfterIngest)) throw error;
    process.stdout.write(format === "json" ? JSON.stringify(error.summary, null, 2) + "\n" : formatIngestSummary(error.summary));
    throw error;
  }
  progress.done(`导入完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  process.stdout.write(format === "json"
    ? JSON.stringify(summary, null, 2) + "\n"
    : formatIngestSummary(summary) + formatDerivedTables(summary));
  return summary.files.some((f) => f.status === "rejected") ? 1 : 0;
}
