// Debian's Chromium (never a downloaded browser) driven by playwright-core, and a built
// site served on 127.0.0.1: `spotcheck briefing --pdf`, the browser tests
// (test/helpers/browser.ts) and the bench all launch and serve through here.
import { existsSync } from "node:fs";
import { startSiteServer } from "./static-server.ts";
import { chromium, type Browser } from "playwright-core";

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/**
 * Headless, no sandbox (containers), and nothing that phones home — the bureau's machines
 * are on a closed network: no background networking, component updates, sync, QUIC probes
 * or first-run pages.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
];

/** What to tell a user whose machine has no Chromium. */
export function chromiumMissingMessage(path = chromiumPath()): string {
  return [
    `找不到 Chromium 浏览器（${path}），无法打印 PDF。`,
    "安装方法：以管理员身份运行 `apt-get install chromium`（Debian/Ubuntu），",
    "或把已安装的 Chromium/Chrome 可执行文件路径设为环境变量 CHROMIUM_PATH，例如",
    "  CHROMIUM_PATH=/opt/google/chrome/chrome npx spotcheck briefing 2025Q3 --pdf 简报.pdf",
  ].join("\n");
}

export function chromiumInstalled(path = chromiumPath()): boolean {
  return existsSync(path);
}

export async function launchChromium(path = chromiumPath()): Promise<Browser> {
  return chromium.launch({ executablePath: path, headless: true, args: [...CHROMIUM_FLAGS] });
}

export interface ServedSite { url: string; close(): Promise<void> }

/** Serves a built site directory on 127.0.0.1 at a free port ("/x" finds "x.html"). */
export async function serveDirectory(dir: string): Promise<ServedSite> {
  const site = await startSiteServer(dir);
  return { url: site.url.replace(/\/$/, ""), close: site.close }; // callers add "/path"
}
