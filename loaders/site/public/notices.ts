// /public/notices: 社会公告 (article 67) and the 公示送达 notices still in their 15-day period
// (article 51), as of the persisted disclosure date. Each shows only whitelisted fields (P4).
import { querySqlFile } from "../../db/connection.ts";
import { toNoticeFields, type NoticeFields } from "../../disclosure/whitelist.ts";
import type { PublicContext } from "./public-context.ts";

export interface SocialAnnouncement extends NoticeFields { posted_on: string; latest_step: string | null }
export interface ServiceNotice extends NoticeFields { posted_on: string; ends_on: string | null }

export async function buildNotices({ conn, asOf }: PublicContext): Promise<{ as_of: string; social: SocialAnnouncement[]; service: ServiceNotice[] }> {
  const social: SocialAnnouncement[] = [];
  const service: ServiceNotice[] = [];
  for (const n of await querySqlFile(conn, "loaders/disclosure/public_notices.sql")) {
    const fields = toNoticeFields(n);
    if (n.kind === "社会公告") social.push({ ...fields, posted_on: n.posted_on as string, latest_step: (n.latest_step as string | null) ?? null });
    else service.push({ ...fields, posted_on: n.posted_on as string, ends_on: (n.ends_on as string | null) ?? null });
  }
  return { as_of: asOf, social, service };
}
