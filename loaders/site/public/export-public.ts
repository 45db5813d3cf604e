// The public audience's page data, in one pass (issue 11): the published rows (gates P1–P3,
// whitelisted fields P4) are read ONCE — a year at a time, so memory holds one year's rows —
// and the published counts computed ONCE; every public file is derived from them. What it writes (all under src/public/, see site-writer.ts):
//   _data/results/head.arrows  _data/results/<year>.arrows  _data/results-shards.js
//   downloads/<year>.csv  downloads/<year>.json  downloads/index.json   (stable addresses)
//   feed.xml  inputs.css  public.css                                     (stable addresses)
// and the static pages (_pages/, readable without JavaScript):
//   /public/ and /public/notices/, a page per quarterly 通告 with its two .xlsx 附件 and per
//   notice (pages/announcement-site.ts), the per-category feeds /public/feeds/<slug>.xml;
//   a page per published result /public/result/<year>/<slug>, the category pages and
//   /public/categories, a page per producer /public/producer/<key> (pages/producer-pages.ts),
//   the sitemap (pages/static-pages.ts); the annual reports /public/annual/<year> with their
//   .xlsx 附件 (pages/annual-pages.ts, issue 14).
import { createPublicFieldsView, persistedAsOf, readPublished } from "../../disclosure/gates.ts";
import type { PublishedRow } from "../../disclosure/whitelist.ts";
import { z } from "zod";
import { querySqlFile } from "../../db/connection.ts";
import { tableExists } from "../../db/metadata.ts";
import type { ExportContext } from "../export-context.ts";
import type { SiteWriter } from "../site-writer.ts";
import { buildAnnouncements, publishedCounts } from "./announcements.ts";
import { writeDownloadIndex, writeYearDownloads, type DownloadFile } from "./downloads.ts";
import { readPublicationConfig } from "../../core/config.ts";
import { buildFeed, writeCategoryFeeds } from "./feed.ts";
import { writeNoticeAndIndexPages, writeQuarterPages } from "./pages/announcement-site.ts";
import { writeAnnualPublicPages } from "./pages/annual-pages.ts";
import { publishedRepeatOffenders } from "../../annual/annual-report.ts";
import { inputsStylesheet } from "./inputs-stylesheet.ts";
import { publicStylesheet } from "./pages/layout.ts";
import { PublicStaticPages } from "./pages/static-pages.ts";
import { ProducerPages, readPublishedProducerRows } from "./pages/producer-pages.ts";
import { buildNotices } from "./notices.ts";
import { FilterOptions, HEAD_ROWS, resultsModule, resultsTable, type ResultsIndex } from "./results-shards.ts";

/** Milliseconds per step, printed by the bench (SPOTCHECK_EXPORT_TIMINGS=1). */
export const publicExportTimings: Record<string, number> = {};

export async function exportPublic(ctx: ExportContext, writer: SiteWriter): Promise<void> {
  // the stylesheet every page links (/public/inputs.css), copied once from node_modules
  writer.stable("inputs.css", inputsStylesheet());
  // the static pages' stylesheet, linked by the Framework pages too (observablehq.config.ts)
  writer.stable("public.css", publicStylesheet());
  if (!(await tableExists(ctx.conn, "disclosure_status"))) {
    throw new Error("数据库中没有 disclosure_status 表：请先运行 `npx spotcheck refresh`（或重新导入）以按截止日期计算公开闸门（第六十二条）");
  }
  const timed = async <T>(step: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      publicExportTimings[step] = performance.now() - started;
    }
  };
  const asOf = await persistedAsOf(ctx.conn);
  const pctx = { conn: ctx.conn, asOf };
  await createPublicFieldsView(ctx.conn);
  const counts = await timed("published counts", () => publishedCounts(ctx.conn));

  const announcements = await timed("announcements", () => buildAnnouncements(pctx, counts));
  const notices = await timed("notices", () => buildNotices(pctx));
  const config = readPublicationConfig();
  const staticPages = new PublicStaticPages(writer, asOf, counts, config);
  writer.stable("feed.xml", await timed("feed", () => buildFeed(pctx, { announcements, notices }, config.publisher.name)));
  writeCategoryFeeds(writer, asOf, { announcements, notices }, counts, config.publisher.name);
  await timed("notice and index pages", () => writeNoticeAndIndexPages(writer, announcements, notices, config));

  // The published rows, read once, a year at a time (newest first), so memory holds one year:
  // each year gives its shard and its downloads; the newest rows, the non-conforming rows of
  // the category pages and the filter choices are gathered on the way.
  const head: PublishedRow[] = [];
  const nonconforming: PublishedRow[] = [];
  const options = new FilterOptions();
  const downloads: DownloadFile[] = [];
  const shards: ResultsIndex["shards"] = [];
  const producers = new ProducerPages();
  let total = 0;
  // 跟踪抽查仍不合格 with both results published: each quarter's 附件2 (issue 14)
  const repeatOffenders = await timed("repeat offenders", () => publishedRepeatOffenders(ctx.conn, asOf));
  const years = (await querySqlFile(ctx.conn, "loaders/site/public/published_years.sql", {}, z.object({ year: z.string() }))).map((r) => r.year);
  for (const year of years) {
    const rows = await timed(`read published rows ${year}`, async () =>
      readPublished(ctx.conn, { year }));
    total += rows.length;
    if (head.length < HEAD_ROWS) head.push(...rows.slice(0, HEAD_ROWS - head.length));
    for (const r of rows) if (r.conclusion === "不合格") nonconforming.push(r);
    options.add(rows);
    await timed(`announcement pages ${year}`, () => writeQuarterPages(writer, rows, announcements, config, repeatOffenders));
    downloads.push(await timed(`downloads ${year}`, () => writeYearDownloads(year, rows, asOf, (path, text) => writer.stable(path, text))));
    await timed(`results shard ${year}`, () => {
      const path = `results/${year}.arrows`;
      writer.arrows(path, resultsTable(rows));
      shards.push({ year, rows: rows.length, path, bytes: writer.files.at(-1)!.bytes });
    });
    const producerLinks = producers.add(await timed(`producers ${year}`, () => readPublishedProducerRows(ctx.conn, year)));
    await timed(`result pages ${year}`, () => staticPages.results(rows, producerLinks));
  }
  writeDownloadIndex(downloads, asOf, (path, text) => writer.stable(path, text));

  await timed("categories", () => staticPages.categories(nonconforming));
  await timed("producer pages", () => staticPages.producers(producers));
  await timed("annual pages", () => writeAnnualPublicPages(writer, ctx.conn, { nonconforming, announcements: announcements.announcements, config, asOf }));

  writer.arrows("results/head.arrows", resultsTable(head));
  const index: ResultsIndex = {
    as_of: asOf,
    total,
    head: { rows: head.length, path: "results/head.arrows" },
    shards,
    options: options.options(),
    downloads: downloads.map((y) => ({ year: y.year, rows: y.rows, csv: y.csv.path, json: y.json.path, csv_bytes: y.csv.bytes, json_bytes: y.json.bytes })),
  };
  writer.write("_data/results-shards.js", resultsModule(index));
  staticPages.sitemap(); // last: it lists every static page written above
}
