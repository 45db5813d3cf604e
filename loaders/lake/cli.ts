// `spotcheck export --out DIR [--format parquet]`: the database as a Hive-partitioned Parquet lake.
import { parseChoice, parseCommandArgs } from "../core/command-line.ts";
import { UsageError } from "../core/errors.ts";
import { byteSize, progressLine } from "../core/progress.ts";
import { formatRows, parseFormat } from "../core/report-output.ts";
import { exportLake } from "./lake-export.ts";

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { out: { type: "string" }, report: { type: "string" } });
  if (!values.out) throw new UsageError("需要 --out DIR：数据湖写到哪个文件夹");
  // --format names the lake's format (parquet, the only one); --report the summary's (table|json)
  if (values.format !== undefined) parseChoice(values.format, ["parquet"], "--format");
  const report = parseFormat(values.report, ["table", "json"]);
  const started = performance.now();
  const progress = progressLine(process.stderr, report === "table" && process.stderr.isTTY === true);
  const manifest = await exportLake({
    db: values.db, out: values.out,
    onTable: (t, i, total) => progress.update(`[${i + 1}/${total}] ${t.name}：${t.rows.toLocaleString("zh-CN")} 行，${byteSize(t.bytes)}，已用 ${((performance.now() - started) / 1000).toFixed(1)} 秒`),
  });
  progress.done();
  if (report === "json") {
    process.stdout.write(JSON.stringify(manifest, null, 1) + "\n");
  } else {
    process.stdout.write(formatRows(manifest.tables.map((t) => ({ 表: t.name, 行数: t.rows, 文件: t.files, 字节: t.bytes, 分区: t.partitioned_by.join(",") || "—" })), "table"));
    process.stdout.write(`数据湖已写入 ${values.out}（清单 manifest.json，说明 README.md）\n`);
  }
  return 0;
}
