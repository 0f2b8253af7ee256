import { type Day, day, duePeriods, RATING_ASPECTS, stayPeriods } from "@medbridge/core";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreements, dispatches, stayRatings, users } from "../db/schema.ts";
import { makeRandom } from "./random.ts";

const COMMENTS = [
  "门诊和查房认真，带教耐心，科室反映很好。",
  "手术示教规范，帮助科室开展了新技术。",
  "按时到岗，与本院医生配合默契。",
  "讲课内容实用，年轻医生收获大。",
  "工作踏实，值班和会诊随叫随到。",
];

/**
 * The demo county's judgement of the people stationed there (issue 16 item 4), written by its
 * coordinator: most due periods rated 3–5, one stay's end rated low (a flag on the board), and the
 * newest due periods left unrated (what the card asks for). Its own random stream, so the rest of
 * the demo world does not change.
 */
export async function seedRatings(db: Db, today: Day, raterUsername: string): Promise<number> {
  const [rater] = await db.select({ id: users.id, institutionId: users.institutionId }).from(users).where(eq(users.username, raterUsername));
  if (!rater?.institutionId) return 0;
  const stays = await db
    .select({
      id: dispatches.id,
      agreementId: dispatches.agreementId,
      practitionerId: dispatches.practitionerId,
      provinceCode: dispatches.provinceCode,
      start: sql<string>`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`,
      end: sql<string>`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd})`,
    })
    .from(dispatches)
    .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
    .where(and(eq(agreements.recipientId, rater.institutionId), ne(dispatches.status, "cancelled")))
    .orderBy(asc(sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`), asc(dispatches.id));
  const random = makeRandom(16_004);
  const rows: (typeof stayRatings.$inferInsert)[] = [];
  const ended = stays.filter((s) => day(s.end) < today);
  const low = ended.at(-4)?.id;
  // The demo stationed doctor (an account) sees their own aggregate, so their stay is rated.
  const linked = new Set((await db.select({ id: users.practitionerId }).from(users)).map((u) => u.id));
  const current = stays.filter((s) => day(s.start) <= today && day(s.end) >= today && !linked.has(s.practitionerId));
  for (const s of stays) {
    const span = { start: day(s.start), end: day(s.end) };
    const due = new Set(duePeriods(span, today));
    for (const { period, lastDay } of stayPeriods(span).filter((p) => due.has(p.period))) {
      // The stays under way: the last one's due quarter is still to be rated.
      if (current.at(-1)?.id === s.id) continue;
      // And the latest ended stay's end rating too.
      if (ended.at(-1)?.id === s.id && period === "end") continue;
      const isLow = s.id === low && period === "end";
      const scores = Object.fromEntries(RATING_ASPECTS.map((a) => [a, random.next() < 0.6 ? 5 : random.int(3, 4)])) as Record<string, number>;
      if (isLow) Object.assign(scores, { attendance: 2, conduct: 2, teaching: 3 });
      rows.push({
        dispatchId: s.id,
        agreementId: s.agreementId,
        practitionerId: s.practitionerId,
        period,
        attendanceScore: scores.attendance as number,
        clinicalScore: scores.clinical as number,
        teachingScore: scores.teaching as number,
        conductScore: scores.conduct as number,
        comment: isLow ? "多次无故离岗，交接不清，科室反映较差。" : random.next() < 0.5 ? random.pick(COMMENTS) : null,
        ratedBy: rater.id,
        ratedAt: new Date((Math.min(lastDay + random.int(0, 6), today) + 0.4) * 86_400_000),
        provinceCode: s.provinceCode,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 300) await db.insert(stayRatings).values(rows.slice(i, i + 300));
  return rows.length;
}
