// The export's two calls for the announcement pages (export-public.ts): the pages that need
// only the announcements and notices (each notice, /public/notices/, /public/), and, per
// year of published rows, the quarters' 抽查结果通告 with their .xlsx 附件 — so the export
// still holds one year's rows at a time.
import type { AnnualRepeatOffender } from "../../../annual/annual-report.ts";
import type { PublicationConfig } from "../../../core/config.ts";
import type { PublishedRow } from "../../../disclosure/whitelist.ts";
import type { SiteWriter } from "../../site-writer.ts";
import type { buildAnnouncements } from "../announcements.ts";
import type { buildNotices } from "../notices.ts";
import { announcementPage } from "./announcement-pages.ts";
import { NOTICES_INDEX_PATH, noticeEntries, noticePage, noticesIndexPage } from "./notice-pages.ts";
import { PUBLIC_INDEX_PATH, publicIndexPage } from "./public-index.ts";

type Announcements = Awaited<ReturnType<typeof buildAnnouncements>>;
type Notices = Awaited<ReturnType<typeof buildNotices>>;

export function writeNoticeAndIndexPages(writer: SiteWriter, announcements: Announcements, notices: Notices, config: PublicationConfig): void {
  const entries = noticeEntries(notices, config);
  for (const e of entries) writer.page(e.path, noticePage(e, config));
  writer.page(NOTICES_INDEX_PATH, noticesIndexPage(entries, notices.as_of, config));
  writer.page(PUBLIC_INDEX_PATH, publicIndexPage(announcements, entries, config));
}

/**
 * The 通告 of every quarter in one year's published rows (all of a quarter's rows are in its year);
 * `repeatOffenders`: those whose both results are published, for each quarter's 附件2.
 */
export async function writeQuarterPages(writer: SiteWriter, rows: readonly PublishedRow[], announcements: Announcements, config: PublicationConfig, repeatOffenders: readonly AnnualRepeatOffender[] = []): Promise<void> {
  const byQuarter = new Map<string, PublishedRow[]>();
  for (const r of rows) {
    const list = byQuarter.get(r.quarter);
    if (list) list.push(r);
    else byQuarter.set(r.quarter, [r]);
  }
  for (const [quarter, quarterRows] of byQuarter) {
    const announcement = announcements.announcements.find((a) => a.quarter === quarter);
    if (!announcement) throw new Error(`季度 ${quarter} 有公开批次，却没有抽查结果通告（published_counts.sql 与 published_rows.sql 不一致）`);
    const page = await announcementPage(announcement, quarterRows, config, repeatOffenders);
    writer.page(page.path, page.document);
    for (const [path, bytes] of page.attachments) writer.pageFile(path, bytes);
  }
}
