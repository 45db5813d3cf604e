// `npx spotcheck <command>`: one entry point, one module per capability.
// Each capability's cli.ts exports an async function (argv) => exit status.
import { UsageError } from "../core/errors.ts";
import { asksForHelp, COMMAND_HELP, commandUsage } from "./command-help.ts";

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import("../ingest/cli.ts")).ingestCommand,
  generate: async () => (await import("../sample/cli.ts")).generateCommand,
  refresh: async () => (await import("../refresh/cli.ts")).refreshCommand,
  rates: async () => (await import("../analysis/cli.ts")).ratesCommand,
  headline: async () => (await import("../analysis/cli.ts")).headlineCommand,
  flags: async () => (await import("../analysis/cli.ts")).flagsCommand,
  catalogue: async () => (await import("../analysis/cli.ts")).catalogueCommand,
  "repeat-offenders": async () => (await import("../analysis/cli.ts")).repeatOffendersCommand,
  plan: async () => (await import("../analysis/cli.ts")).planCommand,
  producer: async () => (await import("../analysis/cli.ts")).producerCommand,
  audit: async () => (await import("../audit/cli.ts")).auditCommand,
  disclosure: async () => (await import("../disclosure/cli.ts")).disclosureCommand,
  briefing: async () => (await import("../briefing/cli.ts")).briefingCommand,
  annual: async () => (await import("../annual/cli.ts")).annualCommand,
  "site-export": async () => (await import("../site/cli.ts")).siteExportCommand,
  export: async () => (await import("../lake/cli.ts")).exportCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "用法: spotcheck <命令> [选项]   （每个命令都接受 --db PATH，或环境变量 SPOTCHECK_DB）",
    "",
    ...Object.keys(commands).map((name) => `  ${name.padEnd(width)}  ${COMMAND_HELP[name].summary}`),
    "",
    "每个命令的选项：spotcheck <命令> --help",
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
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`未知命令 "${name}"\n\n${usage()}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    process.stdout.write(commandUsage(name));
    return 0;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    // a wrong option names the usage of the command it was given to, not the whole list
    if (error instanceof UsageError) {
      process.stderr.write(`spotcheck ${name}: ${error.message}\n\n${commandUsage(name)}`);
      return 2;
    }
    throw error;
  }
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
