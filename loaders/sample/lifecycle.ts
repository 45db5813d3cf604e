// The life of one inspected batch after sampling, as events (data-contract.md, events
// table), dated by the statutory calendar (article 75). Every step meant to be on
// time is inside its statutory window, so an audit finds only the planted lapses;
// a planted lapse (`plant`) breaks exactly one rule.
//
// The as-of date cuts the story: no event is written after it. A batch whose report
// and first notifications are not all done by then is still "in progress" (no report
// fields, no events), so rules without a deadline (A49P, A51, A74) never see a
// half-finished notification round.
import type { DayCalendar } from "./days.ts";
import type { Rng } from "./random.ts";
import type { Channel } from "./catalogue-of-products.ts";

export interface LifeEvent {
  event: string;
  day: number;
  result?: string;
  agency?: string;
  note?: string;
}

/** Lapses planted in the lifecycle; each names the rule (rules.md) it breaks. */
export type LifecyclePlant =
  | "A49" | "A49P" | "A51" | "A52" | "A54" | "A56_late" | "A56_same" | "A65" | "A66" | "A67"
  | "A68_early" | "A68_late" | "A74"
  | StoryPlant;

/**
 * Not lapses: the fixed outcomes of a planted story's batch (the A70 follow-up's origin, the
 * repeat-offender stories of repeat-offender-stories.ts). clean_failure: 不合格, no objection,
 * rectified, passing 复查. overturned: 不合格, objection, 复检 合格 (article 58, so finally
 * 合格). revoked: 不合格, objection to the sampling, 异议结论 撤销 (article 54). Each on time.
 */
export type StoryPlant = "clean_failure" | "overturned" | "revoked";

export interface LifecycleInput {
  sampling: number;
  channel: Channel;
  failed: boolean;
  outOfCity: boolean;
  onsite: boolean;
  serious: boolean;
  inspectionAgency: string;
  /** Agencies able to re-inspect (article 56: not the first agency). */
  otherAgencies: readonly string[];
  asOf: number;
  plant?: LifecyclePlant;
}

export interface Lifecycle {
  /** null: the inspection is still in progress at the as-of date. */
  reportDay: number | null;
  /** Events on or before the as-of date, in date order. */
  events: LifeEvent[];
  /** 责令整改 day (article 65), when one was (or will be) issued. */
  rectificationDay: number | null;
  /** First passing re-check (复查 / 再次复查 / 第三次复查); Infinity when none. */
  passedRecheckDay: number;
  /** Day from which the planted lapse is visible to an audit (Infinity: not visible by the as-of date). */
  lapseDay: number;
}

const NOTICE_UNREACHABLE = "标称生产者地址不详，无法书面告知，于官网公示送达，公示期15日（第五十一条）";
const NOTICE_ONSITE = "经异议申请人确认的现场检验结论，不予复检（第五十五条第三项）";
const NOTICE_REFUSED = "异议申请人未提交有效证明材料，不予复检（第五十五条）";

export function lifecycle(input: LifecycleInput, rng: Rng, cal: DayCalendar): Lifecycle {
  const { sampling, asOf, plant } = input;
  const events: LifeEvent[] = [];

  const report = cal.deadline(sampling, rng.int(5, 25));
  // Article 49: report to the organiser within 3 working days after the inspection ends.
  const reported = plant === "A49" ? cal.addWorkingDays(report, rng.int(5, 7)) : cal.addWorkingDays(report, rng.int(1, 3));
  const notified = cal.deadline(reported, rng.int(1, 4));
  const toOtherCity = input.failed && input.outOfCity ? cal.deadline(notified, rng.int(0, 3)) : notified;
  if (Math.max(reported, notified, toOtherCity) > asOf) {
    return { reportDay: null, events: [], rectificationDay: null, passedRecheckDay: Infinity, lapseDay: Infinity };
  }

  let lapseDay = plant ? notified : Infinity;
  add(events, "报告报送", reported);
  // Article 49: a sample taken at a seller (or bought online) is also reported to its producer.
  if (input.channel !== "生产" && plant !== "A49P") add(events, "告知生产者", notified);

  if (!input.failed) {
    add(events, "合格告知", notified); // article 50
    approve(events, notified, rng, cal);
    return finish(events, report, asOf, lapseDay, null, Infinity);
  }

  if (plant !== "A51") add(events, "不合格告知", notified); // article 51
  if (input.outOfCity && plant !== "A74") add(events, "通报市外", toOtherCity); // article 74
  const unreachable = !plant && rng.chance(0.03);
  if (unreachable) add(events, "公示送达", cal.deadline(notified, rng.int(2, 6)), { note: NOTICE_UNREACHABLE });
  if (input.serious) add(events, "移送执法", cal.deadline(notified, rng.int(3, 15)), { note: "严重质量问题，移送执法机构依法查处（第七十一条）" });

  const wantsRecheck = plant === "A52" || plant === "A54" || plant === "A56_late" || plant === "A56_same" || plant === "overturned";
  const objects = wantsRecheck || plant === "revoked" || (!plant && !unreachable && rng.chance(0.12));
  let settled: number;
  let revoked = false;
  let recheckPassed = false;
  if (objects) {
    // Article 52: within 15 days of the written notice.
    const objection = plant === "A52" ? cal.deadline(notified, 15) + rng.int(2, 8) : notified + rng.int(2, 15);
    const about = plant === "revoked" ? "抽样过程" : wantsRecheck || !rng.chance(0.3) ? "检验结论" : "抽样过程";
    add(events, "异议申请", objection, { result: about });
    if (about === "抽样过程") {
      // Article 54, first paragraph: the organiser upholds or revokes the conclusion.
      settled = cal.deadline(objection, rng.int(10, 30));
      revoked = rng.chance(0.25) || plant === "revoked";
      add(events, "异议结论", settled, { result: revoked ? "撤销" : "维持" });
    } else if (!wantsRecheck && (input.onsite || rng.chance(0.15))) {
      settled = cal.deadline(objection, rng.int(5, 15));
      add(events, "不予复检", settled, { note: input.onsite ? NOTICE_ONSITE : NOTICE_REFUSED });
    } else {
      const notice = cal.deadline(objection, rng.int(3, 10));
      add(events, "复检通知", notice);
      if (plant === "A52") lapseDay = notice;
      // Article 54: the applicant completes the procedure within 7 days of the notice.
      const procedure = plant === "A54" ? cal.deadline(notice, 7) + rng.int(2, 5) : notice + rng.int(1, 7);
      add(events, "办理复检手续", procedure);
      if (plant === "A54") lapseDay = procedure;
      // Article 56: the re-inspection agency is fixed within 10 days, and is not the first agency.
      const fixed = plant === "A56_late" ? cal.deadline(procedure, 10) + rng.int(2, 6) : procedure + rng.int(1, 10);
      const agency = plant === "A56_same" ? input.inspectionAgency : rng.pick(input.otherAgencies);
      add(events, "确定复检机构", fixed, { agency });
      if (plant === "A56_late" || plant === "A56_same") lapseDay = fixed;
      if (!wantsRecheck && rng.chance(0.08)) {
        settled = cal.deadline(fixed, rng.int(5, 20)); // article 61
        add(events, "终止复检", settled, { note: "异议申请人拒绝配合确认和交接样品，终止复检，维持初检结论（第六十一条）" });
      } else {
        settled = cal.deadline(fixed, rng.int(10, 30)); // article 58: final
        recheckPassed = rng.chance(0.3) || plant === "overturned";
        add(events, "复检结论", settled, { result: recheckPassed ? "合格" : "不合格", agency });
      }
    }
  } else {
    settled = cal.deadline(notified, 15) + 1; // the objection window (article 52) has closed
  }

  if (!revoked && plant !== "A51") approve(events, settled, rng, cal);
  if (revoked || recheckPassed) return finish(events, report, asOf, lapseDay, null, Infinity);

  if (unreachable) {
    // Article 73: unreachable at its registered address, so no rectification: listed as abnormal.
    add(events, "列入经营异常名录", cal.deadline(settled, rng.int(10, 40)), { note: "通过登记的住所无法联系，未开展整改（第七十三条）" });
    return finish(events, report, asOf, lapseDay, null, Infinity);
  }

  // Article 65: rectification within 60 days; article 66: re-check within 75 days.
  const ordered = cal.deadline(settled, rng.int(3, 20));
  add(events, "责令整改", ordered);
  let reportBack: number | null = null;
  if (plant !== "A65") {
    reportBack = ordered + rng.int(15, 55);
    add(events, rng.chance(0.1) ? "停产停售报告" : "整改报告", reportBack);
  } else {
    lapseDay = cal.deadline(ordered, 60) + 1;
  }
  const recheck = plant === "A66"
    ? cal.deadline(ordered, 75) + rng.int(5, 20)
    : reportBack !== null ? reportBack + rng.int(3, 15) : ordered + rng.int(40, 70);
  if (plant === "A66") lapseDay = recheck;
  const recheckFails = plant === "A67" || plant === "A68_early" || plant === "A68_late"
    ? true
    : plant ? false : rng.chance(0.12);
  add(events, "复查", recheck, { result: recheckFails ? "不合格" : "合格" });
  if (!recheckFails) return finish(events, report, asOf, lapseDay, ordered, recheck);
  if (plant === "A67") {
    lapseDay = recheck; // a failed re-check with no 社会公告
    return finish(events, report, asOf, lapseDay, ordered, Infinity);
  }

  // Article 67: announced; clamped to the as-of date so a visible failed re-check always has its announcement.
  let announced = cal.deadline(recheck, rng.int(5, 20));
  if (announced > asOf && recheck <= asOf) announced = asOf;
  add(events, "社会公告", announced);
  // Article 68: second re-check after day 60 and before day 90 of the announcement.
  const second = plant === "A68_early" ? announced + rng.int(40, 55)
    : plant === "A68_late" ? cal.deadline(announced, 90) + rng.int(5, 20)
    : announced + rng.int(62, 88);
  if (plant === "A68_early" || plant === "A68_late") lapseDay = second;
  const secondFails = plant ? false : rng.chance(0.25);
  add(events, "再次复查", second, { result: secondFails ? "不合格" : "合格" });
  if (!secondFails) return finish(events, report, asOf, lapseDay, ordered, second);
  const closed = cal.deadline(second, rng.int(5, 15));
  add(events, "责令停业整顿", closed, { note: "依据《产品质量法》第十七条责令停业，限期整顿（第六十八条）" });
  const third = closed + rng.int(30, 90);
  const thirdFails = rng.chance(0.2);
  add(events, "第三次复查", third, { result: thirdFails ? "不合格" : "合格" });
  if (!thirdFails) return finish(events, report, asOf, lapseDay, ordered, third);
  add(events, "吊销营业执照", cal.deadline(third, rng.int(10, 30)));
  return finish(events, report, asOf, lapseDay, ordered, Infinity);
}

function add(events: LifeEvent[], event: string, day: number, extra?: Omit<LifeEvent, "event" | "day">): void {
  events.push(extra ? { event, day, ...extra } : { event, day });
}

/** Article 62: most results are approved for publication some weeks after they are final. */
function approve(events: LifeEvent[], final: number, rng: Rng, cal: DayCalendar): void {
  if (rng.chance(0.96)) events.push({ event: "同意公开", day: cal.deadline(final, rng.int(7, 45)) });
}

function byDay(a: LifeEvent, b: LifeEvent): number {
  return a.day - b.day;
}

function finish(
  events: LifeEvent[], reportDay: number, asOf: number, lapseDay: number, rectificationDay: number | null, passedRecheckDay: number,
): Lifecycle {
  const kept: LifeEvent[] = [];
  for (const e of events) if (e.day <= asOf) kept.push(e);
  kept.sort(byDay);
  return { reportDay, events: kept, rectificationDay, passedRecheckDay, lapseDay };
}
