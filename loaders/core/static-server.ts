// Serving a built site folder over HTTP, the one way `npm start`, the briefing's PDF printing
// and the browser tests all do it: sirv for the files ("/x" finds "x.html", as Framework links),
// the content types a citizen's feed reader and spreadsheet need (issue 12 item 6: sirv's
// mrmime serves .xml as text/xml and .csv as text/csv with no charset, and they then guess the
// encoding; feeds are Atom, RFC 4287 §7), and a folder asked for without its slash redirected
// to it ("/public/notices" → "/public/notices/"), so that the static index's relative links
// resolve from the folder, as on any web server.
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import sirv from "sirv";

/** Content-Type by file extension, where sirv's default is wrong or has no charset. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".xml": "application/atom+xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** "/public/notices" when it names a folder with an index.html and no notices.html: the address with its slash. */
function folderWithoutSlash(dir: string, url: string): string | null {
  const [pathname, query] = url.split(/\?(.*)/s, 2);
  if (pathname.endsWith("/") || extname(pathname) !== "") return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const local = normalize(join(dir, decoded));
  if (!local.startsWith(normalize(dir) + sep)) return null;
  if (existsSync(`${local}.html`) || !existsSync(join(local, "index.html"))) return null;
  return `${pathname}/${query === undefined ? "" : `?${query}`}`;
}

export function siteRequestHandler(dir: string): RequestListener {
  const serve = sirv(dir, {
    extensions: ["html"],
    dev: false,
    setHeaders: (res, pathname) => {
      const type = CONTENT_TYPES[extname(pathname).toLowerCase()];
      if (type) res.setHeader("Content-Type", type);
    },
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    const redirect = folderWithoutSlash(dir, req.url ?? "/");
    if (redirect) {
      res.writeHead(301, { Location: redirect });
      res.end();
      return;
    }
    serve(req, res, () => {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("404");
    });
  };
}

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
