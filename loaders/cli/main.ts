// `npx spotcheck <command>`: one entry point, one module per capability.
// Each capability's cli.ts exports an async function (argv) => exit status.
import { UsageError } from "../core/errors.ts";

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  ingest: { summary: "导入批次/事件文件（CSV UTF-8/GB18030，xlsx）", load: async () => (await import("../ingest/cli.ts")).ingestCommand },
  generate: { summary: "生成可复现的示例数据", load: async () => (await import("../sample/cli.ts")).generateCommand },
  refresh: { summary: "按截止日期重算派生表（问题标记、审计、公开）", load: async () => (await import("../refresh/cli.ts")).refreshCommand },
  rates: { summary: "不合格发现率及 Wilson 区间", load: async () => (await import("../analysis/cli.ts")).ratesCommand },
  headline: { summary: "通报式总体数据（品类、企业、批次、不合格、环节）", load: async () => (await import("../analysis/cli.ts")).headlineCommand },
  flags: { summary: "区域性、行业性问题标记（第七十二条）", load: async () => (await import("../analysis/cli.ts")).flagsCommand },
  catalogue: { summary: "下一年度重点产品目录草案（第十条）", load: async () => (await import("../analysis/cli.ts")).catalogueCommand },
  audit: { summary: "法定程序与时限审计", load: async () => (await import("../audit/cli.ts")).auditCommand },
  disclosure: { summary: "公开闸门：可公开与暂缓公开的批次", load: async () => (await import("../disclosure/cli.ts")).disclosureCommand },
  briefing: { summary: "季度简报 PDF", load: async () => (await import("../briefing/cli.ts")).briefingCommand },
  "site-export": { summary: "一次导出站点各页面的数据（npm run build 的第一步）", load: async () => (await import("../site/cli.ts")).siteExportCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "用法: spotcheck <命令> [选项]   （每个命令都接受 --db PATH，或环境变量 SPOTCHECK_DB）",
    "",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  // own names only: `spotcheck toString` is an unknown command, not Object.prototype's
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`未知命令 "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

// `spotcheck … | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`spotcheck: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`spotcheck: ${(error as Error).message}\n`);
    if (process.env.SPOTCHECK_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}
