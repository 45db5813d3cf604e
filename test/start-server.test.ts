// `npm start`'s server (loaders/core/static-server.ts, started by loaders/cli/start.ts) over a directory of downloads: each names its
// type and, for text, its charset — a feed reader given `text/xml` with no charset misreads
// Chinese (issue 12, item 6). The expected types are the registrations, not the code's table:
// Atom is application/atom+xml (RFC 4287 §7), CSV text/csv (RFC 4180 §3), JSON
// application/json (RFC 8259 §11), .xlsx the OOXML spreadsheet type (ECMA-376 / IANA).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSiteServer, type SiteServer } from "../loaders/core/static-server.ts";

describe("npm start's server", () => {
  let dir: string;
  let site: SiteServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "spotcheck-start-"));
    mkdirSync(join(dir, "public"));
    writeFileSync(join(dir, "public", "feed.xml"), '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>抽查结果</title></feed>');
    writeFileSync(join(dir, "public", "results.csv"), "\ufeff产品名称,检验结论\n电热水壶,不合格\n");
    writeFileSync(join(dir, "public", "index.json"), '{"标题":"抽查"}');
    writeFileSync(join(dir, "public", "附件1.xlsx"), Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    writeFileSync(join(dir, "public", "index.html"), "<!doctype html><title>公告</title>");
    mkdirSync(join(dir, "public", "notices"));
    writeFileSync(join(dir, "public", "notices", "index.html"), "<!doctype html><title>社会公告</title>");
    writeFileSync(join(dir, "public", "results.html"), "<!doctype html><title>查询</title>");
    mkdirSync(join(dir, "public", "results")); // a page and a folder of the same name: the page wins
    site = await startSiteServer(dir, { port: 0 });
  });
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("listens on a free port of 127.0.0.1 when given port 0", () => {
    expect(site.port).toBeGreaterThan(0);
    expect(site.url).toBe(`http://127.0.0.1:${site.port}/`);
  });

  const typeOf = async (path: string) => {
    const response = await fetch(new URL(path, site.url));
    await response.arrayBuffer();
    return [response.status, response.headers.get("content-type")];
  };

  it("serves the Atom feed as application/atom+xml in UTF-8", async () => {
    expect(await typeOf("public/feed.xml")).toEqual([200, "application/atom+xml; charset=utf-8"]);
  });

  it("serves CSV and JSON with their charset", async () => {
    expect(await typeOf("public/results.csv")).toEqual([200, "text/csv; charset=utf-8"]);
    expect(await typeOf("public/index.json")).toEqual([200, "application/json; charset=utf-8"]);
  });

  it("serves a spreadsheet attachment (a Chinese file name) as an OOXML workbook", async () => {
    expect(await typeOf(`public/${encodeURIComponent("附件1")}.xlsx`))
      .toEqual([200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
  });

  it("still serves pages as UTF-8 HTML, by their path without .html, and 404 for what is not there", async () => {
    expect(await typeOf("public/")).toEqual([200, "text/html;charset=utf-8"]);
    expect((await typeOf("public/none.xml"))[0]).toBe(404);
  });

  it("redirects a folder asked for without its slash, so the index's relative links resolve from the folder", async () => {
    const response = await fetch(new URL("public/notices?page=2", site.url), { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/public/notices/?page=2");
    expect(await typeOf("public/notices/")).toEqual([200, "text/html;charset=utf-8"]);
    const page = await fetch(new URL("public/results", site.url), { redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("查询");
    expect((await fetch(new URL("public/..%2f..%2fetc", site.url), { redirect: "manual" })).status).toBe(404);
  });

  it("returns the file's bytes unchanged", async () => {
    // bytes, not .text(): the decoder would drop the byte-order mark Excel needs
    const bytes = Buffer.from(await (await fetch(new URL("public/results.csv", site.url))).arrayBuffer());
    expect(bytes.equals(Buffer.from("\ufeff产品名称,检验结论\n电热水壶,不合格\n", "utf8"))).toBe(true);
  });
});
