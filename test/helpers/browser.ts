// Real-browser tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// against the built site served from localhost. Never a downloaded browser.
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The flags that keep Chromium from phoning home on a closed network.
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface StaticSite { url: string; close(): Promise<void> }

/** Serves a built site directory on 127.0.0.1 at a free port. */
export async function serveDirectory(dir: string): Promise<StaticSite> {
  const handler = sirv(dir, { dev: false, extensions: ["html"], single: false });
  const server: Server = createServer((req, res) => handler(req, res, () => { res.statusCode = 404; res.end("not found"); }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
