// `npm start`: ingest the default sample when the database is missing, build the site,
// and serve dist/ on http://127.0.0.1:3000 (PORT to change it).
//
// The server is startSiteServer, so a test can start it on port 0 over any directory; what it
// serves and with which content types is the kernel's siteRequestHandler (core/static-server.ts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { siteRequestHandler } from "../core/static-server.ts";


export interface SiteServer { url: string; port: number; server: Server; close(): Promise<void> }

/** Serves `dir` ("/x" finds "x.html") on host:port; port 0 takes a free port. */
export async function startSiteServer(dir: string, { port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {}): Promise<SiteServer> {
  const server = createServer(siteRequestHandler(dir));
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => done());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function main(): Promise<void> {
  const { buildSite } = await import("./site-pipeline.ts");
  const siteDir = await buildSite();
  const site = await startSiteServer(siteDir, { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "127.0.0.1" });
  console.log(`站点已启动：${site.url}`);
}

// Run as `npm start` (tsx loaders/cli/start.ts), not when a test imports startSiteServer.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
