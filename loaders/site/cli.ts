// `spotcheck site-export [--db PATH] [--format json]`: every page's data in one pass into
// src/<audience>/ (what `npm run build` does before Framework builds), e.g. to check an
// export, or to refresh the data `npm run dev` shows without restarting it.
import { parseCommandArgs } from "../core/command-line.ts";
import { parseFormat } from "../core/report-output.ts";
import { exportSite } from "./export-site.ts";
import { AUDIENCES } from "./site-writer.ts";

export async function siteExportCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {});
  const format = parseFormat(values.format, ["table", "json"]);
  const started = performance.now();
  const manifest = await exportSite({ db: values.db });
  const seconds = (performance.now() - started) / 1000;
  const byAudience = AUDIENCES.map((audience) => {
    const files = manifest.files.filter((f) => f.audience === audience);
    return { audience, files: files.length, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
  });
  if (format === "json") {
    process.stdout.write(JSON.stringify({ database: manifest.database, as_of: manifest.as_of, seconds, routes: manifest.routes.length, audiences: byAudience }, null, 2) + "\n");
  } else {
    process.stdout.write(`已从 ${manifest.database}（截至 ${manifest.as_of ?? "未计算"}）导出站点数据，用时 ${seconds.toFixed(1)} 秒，动态路由 ${manifest.routes.length} 个：\n` +
      byAudience.map((a) => `  ${a.audience.padEnd(10)} ${String(a.files).padStart(6)} 个文件  ${(a.bytes / 1e6).toFixed(1)} MB`).join("\n") + "\n");
  }
  return 0;
}
