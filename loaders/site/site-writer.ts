// Where the one-pass site export writes, per audience (issue 11).
//
// `spotcheck site-export` computes every page's data in one process on one READ_ONLY
// connection and writes plain files into src/<audience>/; Framework then builds with no
// data loaders. Each audience writes only inside its own folder, so public data can only
// ever reach dist/public/ and dist/_file/public/ — what dist-public/ is assembled from
// (article 62: the analysts' and leadership's data never reach the public web server).
//
//   src/<audience>/_data/…      page data, attached by literal FileAttachment("./_data/…")
//                               (Framework copies each attached file once, content-hashed)
//   src/<audience>/<stable>     files whose address must not change between builds (the feed,
//                               the yearly downloads): registered as routes, so Framework
//                               copies them once to the same, unhashed path
//   src/<audience>/_pages/…     static pages and their files, rendered at export time (issue 12:
//                               readable with JavaScript off, one page per announcement and
//                               result): not Framework's — the pipeline copies them into
//                               <site>/<audience>/ after Framework's build (installStaticPages)
//
// Everything a writer writes is listed in the route manifest (routes.ts), which
// observablehq.config.ts reads instead of opening the database.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { tableToIPC, type Table } from "apache-arrow";
import { PROJECT_ROOT } from "../core/config.ts";

/** Where an audience's static pages wait for the pipeline: src/<audience>/_pages/ (Framework ignores "_" folders). */
export const STATIC_PAGES_DIR = "_pages";

export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCES = ["public", "workbench", "briefing", "status"] as const;

/** The source folder of an audience's pages and data (status: src/status/, its page is /data-status). */
export function audienceDir(audience: Audience, srcDir = join(PROJECT_ROOT, "src")): string {
  return join(srcDir, audience);
}

export interface WrittenFile {
  audience: Audience;
  /** path under src/, with forward slashes: "public/_data/announcements.json" */
  path: string;
  bytes: number;
}

export class SiteWriter {
  readonly files: WrittenFile[] = [];
  /** routes Framework must build beyond its configured pages: parameterised pages and stable files */
  readonly routes: string[] = [];
  private readonly root: string;
  private readonly madeDirs = new Set<string>();

  constructor(readonly audience: Audience, private readonly srcDir = join(PROJECT_ROOT, "src")) {
    this.root = audienceDir(audience, srcDir);
  }

  /** Page data as JSON, under src/<audience>/_data/. */
  json(path: string, value: unknown): void {
    this.write(join("_data", path), JSON.stringify(value));
  }

  /** A table as an Arrow IPC stream (`.arrows`: Framework infers no CDN import from that extension). */
  arrows(path: string, table: Table): void {
    if (!path.endsWith(".arrows")) throw new Error(`Arrow 流文件须以 .arrows 结尾（${path}）`);
    this.write(join("_data", path), tableToIPC(table, "stream"));
  }

  /** A file at a stable address (src/<audience>/<path> → /<audience>/<path>), listed as a route. */
  stable(path: string, data: string | Uint8Array): void {
    this.write(path, data);
    this.route(`/${this.audience}/${path.split(sep).join("/")}`);
  }

  /**
   * A static page (a site path without ".html": "/public/announcements/2025Q3", "/public/" for
   * the index), written to _pages/ and installed beside Framework's pages after the build.
   */
  page(sitePath: string, document: string): void {
    this.pageFile(`${sitePath.endsWith("/") ? `${sitePath}index` : sitePath}.html`, document);
  }

  /**
   * A file that goes with the static pages at a fixed site path ("/public/announcements/2025Q3/附件1.xlsx").
   * Written straight to its place, without write() 's temporary file and rename: _pages/ is emptied
   * before every export and installed only after the export finished (installStaticPages), so no
   * reader can meet a half-written page — and at a million result pages the two extra system calls
   * a file were half of the time (issue 12: 20,000 pages 8.0 s → 4.1 s under load).
   */
  pageFile(sitePath: string, data: string | Uint8Array): void {
    const prefix = `/${this.audience}/`;
    if (!sitePath.startsWith(prefix)) throw new Error(`受众 ${this.audience} 不能写其他受众的页面 ${sitePath}`);
    const target = this.inside(join(STATIC_PAGES_DIR, sitePath.slice(prefix.length)));
    const dir = dirname(target);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    writeFileSync(target, data);
    this.record(target, data);
  }

  /** A parameterised page Framework must build, e.g. "/briefing/2025Q3". */
  route(path: string): void {
    if (!path.startsWith(`/${this.audience}/`) && !(this.audience === "status" && path === "/data-status")) {
      throw new Error(`受众 ${this.audience} 不能登记其他受众的路由 ${path}`);
    }
    this.routes.push(path);
  }

  /** Writes atomically (temporary file, then rename), refusing any path outside the audience's folder. */
  write(path: string, data: string | Uint8Array): void {
    const target = this.inside(path);
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${process.pid}`;
    writeFileSync(temporary, data);
    renameSync(temporary, target);
    this.record(target, data);
  }

  /** The absolute path of `path` under the audience's folder; anything outside it is refused. */
  private inside(path: string): string {
    const target = join(this.root, normalize(path));
    const within = relative(this.root, target);
    if (within === "" || within.startsWith("..") || within.includes(`${sep}..${sep}`)) {
      throw new Error(`受众 ${this.audience} 的文件必须写在 ${this.root} 之内：${path}`);
    }
    return target;
  }

  private record(target: string, data: string | Uint8Array): void {
    const bytes = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
    this.files.push({ audience: this.audience, path: relative(this.srcDir, target).split(sep).join("/"), bytes });
  }
}
