// /public/notices/ and one page per notice (pages/notice-pages.ts): 社会公告 (article 67) and the 公示送达 notices still in their 15-day period
// (article 51), as of the persisted disclosure date. Each shows only whitelisted fields (P4).
import { z } from "zod";
import { querySqlFile } from "../../db/connection.ts";
import { toNoticeFields, type NoticeFields } from "../../disclosure/whitelist.ts";
import type { PublicContext } from "./public-context.ts";

export interface SocialAnnouncement extends NoticeFields { posted_on: string; latest_step: string | null }
export interface ServiceNotice extends NoticeFields { posted_on: string; ends_on: string | null }

/** What public_notices.sql adds to the whitelisted fields: which notice, since when, until when. */
const NoticeDatesSchema = z.looseObject({
  kind: z.enum(["社会公告", "公示送达"]),
  posted_on: z.string(),
  latest_step: z.string().nullable().optional(),
  ends_on: z.string().nullable().optional(),
});

export async function buildNotices({ conn, asOf }: PublicContext): Promise<{ as_of: string; social: SocialAnnouncement[]; service: ServiceNotice[] }> {
  const social: SocialAnnouncement[] = [];
  const service: ServiceNotice[] = [];
  const served = new Set<string>();
  for (const n of await querySqlFile(conn, "loaders/disclosure/public_notices.sql", {}, NoticeDatesSchema)) {
    const fields = toNoticeFields(n);
    if (n.kind === "社会公告") social.push({ ...fields, posted_on: n.posted_on, latest_step: n.latest_step ?? null });
    // one page per batch (noticePath): a batch served twice in its period keeps its newest
    // notice (the query lists them newest first), the one whose 15 days run longest
    else if (!served.has(fields.sample_id)) {
      served.add(fields.sample_id);
      service.push({ ...fields, posted_on: n.posted_on, ends_on: n.ends_on ?? null });
    }
  }
  return { as_of: asOf, social, service };
}
