import { addMonths, formatDay, periodsOf, provinceOf, weekMonday } from "@medbridge/core";
import { and, eq, max, sql } from "drizzle-orm";
import { todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import {
  dispatches,
  furtherStudy,
  institutions,
  meetingTemplates,
  practitioners,
  techniques,
  telemedicineSessions,
  touringTeams,
  touringVisits,
  trainings,
} from "../db/schema.ts";
import { DEMO_PAIR } from "./demo-plan.ts";
import type { Random } from "./random.ts";

/**
 * Outreach for the demo pair (杭州一院 → 黄平县人民医院 → its townships and villages): telemedicine
 * sessions past and coming, a touring team whose township visits skip two months at one site and
 * whose village visits miss some weeks, trainings and further study, and three techniques — one
 * still supported, one that lived on, one that stopped after its supporters left.
 */
export async function seedOutreach(db: Db, random: Random): Promise<number> {
  const local = await db.select().from(institutions).where(eq(institutions.regionCode, DEMO_PAIR.recipientCounty));
  const county = local.find((i) => i.kind === "county_hospital");
  const townships = local.filter((i) => i.kind === "township_health_center");
  const villages = local.filter((i) => i.kind === "village_clinic").slice(0, 2);
  const [city] = await db.select().from(institutions).where(eq(institutions.name, DEMO_PAIR.supporter));
  if (!county || !city) return 0;
  const today = todayInChina();
  const year = new Date(today * 86_400_000).getUTCFullYear();
  let rows = 0;

  await db.insert(meetingTemplates).values({ institutionId: city.id, template: "https://meet.jit.si/MedBridge-{id}" });
  const at = (daysFromToday: number, hour: number) => new Date((today + daysFromToday) * 86_400_000 + (hour - 8) * 3_600_000);
  const sessions: (typeof telemedicineSessions.$inferInsert)[] = [
    ["ward_round", "心内科远程查房", "closed", -40, 9],
    ["consultation", "疑难高血压病例会诊", "closed", -25, 15],
    ["teaching", "急性胸痛规范化处置", "held", -6, 14],
    ["imaging_reading", "胸部 CT 远程阅片", "scheduled", 3, 10],
    ["ward_round", "神经内科远程查房", "scheduled", 7, 9],
    ["ecg_reading", "动态心电图判读", "requested", 10, 16],
  ].map(([kind, title, status, days, hour]) => {
    const startsAt = at(days as number, hour as number);
    const scheduled = status !== "requested";
    return {
      kind: kind as string,
      title: title as string,
      status: status as string,
      recipientId: county.id,
      supporterId: city.id,
      requestedStart: startsAt,
      startsAt: scheduled ? startsAt : null,
      durationMinutes: 60,
      link: null,
      opinion: kind === "consultation" ? "建议完善肾动脉超声，排除继发性高血压；暂予氨氯地平联合缬沙坦。" : null,
      minutes: status === "closed" || status === "held" ? "示例会议纪要：病例讨论 3 例，规范化诊疗要点已培训。" : null,
      attendance: status === "closed" || status === "held" ? [{ name: "示例专家", side: "supporter", attended: true }] : null,
      regionCode: county.regionCode,
      supporterRegionCode: city.regionCode,
    };
  });
  const insertedSessions = await db
    .insert(telemedicineSessions)
    .values(sessions)
    .returning({ id: telemedicineSessions.id, status: telemedicineSessions.status });
  // Scheduled sessions carry their link from the supporter's template.
  await db.execute(
    sql`update ${telemedicineSessions} set link = 'https://meet.jit.si/MedBridge-' || id where status in ('scheduled', 'held', 'closed') and recipient_id = ${county.id}`,
  );
  rows += insertedSessions.length;

  const [team] = await db
    .insert(touringTeams)
    .values({
      name: "示例黄平县人民医院巡回医疗队",
      homeInstitutionId: county.id,
      members: [{ name: "示例医生甲", title: "主治医师" }, { name: "示例护士乙" }],
      regionCode: county.regionCode,
    })
    .returning({ id: touringTeams.id });
  const visit = (siteId: string, regionCode: string, date: number) => ({
    teamId: (team as { id: string }).id,
    siteId,
    date: formatDay(date),
    endDate: formatDay(date),
    patientsSeen: random.int(20, 120),
    healthTalks: random.int(0, 2),
    audience: random.int(0, 80),
    trained: random.int(0, 10),
    regionCode,
    provinceCode: provinceOf(regionCode),
  });
  const visits: ReturnType<typeof visit>[] = [];
  const neglected = townships[0]?.id;
  for (const [k, t] of townships.entries()) {
    for (const month of periodsOf("month", year)) {
      if (month.end >= today) break;
      // The first township is skipped in May and June: the failure the board must show.
      if (t.id === neglected && (month.label.endsWith("-05") || month.label.endsWith("-06"))) continue;
      visits.push(visit(t.id, t.regionCode, month.start + ((k * 3) % 25)));
    }
  }
  for (const v of villages) {
    for (const week of periodsOf("week", year)) {
      if (week.end >= today) break;
      if (random.next() < 0.1) continue;
      visits.push(visit(v.id, v.regionCode, weekMonday(week.start) + random.int(0, 4)));
    }
  }
  for (let i = 0; i < visits.length; i += 500) await db.insert(touringVisits).values(visits.slice(i, i + 500));
  rows += visits.length;

  await db.insert(trainings).values([
    {
      hostInstitutionId: city.id,
      topic: "基层高血压规范化管理",
      trainer: "示例主任医师",
      date: formatDay(today - 60),
      hours: 6,
      attendees: [{ institutionId: county.id, count: 12 }],
      regionCode: city.regionCode,
    },
    {
      hostInstitutionId: county.id,
      topic: "乡村医生急救技能培训",
      trainer: "示例副主任医师",
      date: formatDay(today - 20),
      hours: 4,
      attendees: townships.slice(0, 5).map((t) => ({ institutionId: t.id, count: 3 })),
      regionCode: county.regionCode,
    },
  ]);
  await db.insert(furtherStudy).values([
    {
      traineeName: "示例进修医师甲",
      homeInstitutionId: county.id,
      hostInstitutionId: city.id,
      department: "心血管内科",
      startDate: formatDay(addMonths(today, -8)),
      endDate: formatDay(addMonths(today, -2)),
      outcome: "已独立开展冠脉造影",
      regionCode: county.regionCode,
    },
    {
      traineeName: "示例进修护士乙",
      homeInstitutionId: county.id,
      hostInstitutionId: city.id,
      department: "重症医学科",
      startDate: formatDay(addMonths(today, -1)),
      endDate: formatDay(addMonths(today, 5)),
      outcome: null,
      regionCode: county.regionCode,
    },
  ]);
  rows += 4;

  // Techniques tied to specialties of the supporters actually stationed here (from the rosters).
  const bySpecialty = await db
    .select({ specialty: practitioners.specialty, lastEnd: max(dispatches.plannedEnd) })
    .from(dispatches)
    .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
    .where(and(eq(dispatches.recipientId, county.id), sql`${dispatches.status} <> 'cancelled'`))
    .groupBy(practitioners.specialty);
  const gone = bySpecialty.filter((s) => s.lastEnd && s.lastEnd < formatDay(addMonths(today, -7)));
  const present = bySpecialty.find((s) => s.lastEnd && s.lastEnd >= formatDay(today));
  const months = (from: number, n: number, cases: (i: number) => number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [formatDay(addMonths(from, i)).slice(0, 7), cases(i)]));
  const techniqueRows: (typeof techniques.$inferInsert)[] = [];
  const launch = (s: { specialty: string | null; lastEnd: string | null }, name: string, cases: (i: number) => number, gap: boolean) => {
    const launchedOn = addMonths(today, -14);
    techniqueRows.push({
      recipientId: county.id,
      supporterId: city.id,
      name,
      kind: "technique",
      specialty: s.specialty as string,
      launchedOn: formatDay(launchedOn),
      fillsProvincialGap: gap,
      monthlyCases: months(launchedOn, 13, cases),
      regionCode: county.regionCode,
    });
  };
  if (gone[0]) launch(gone[0], `${gone[0].specialty}新技术（已独立开展）`, () => random.int(3, 9), false);
  if (gone[1]) launch(gone[1], `${gone[1].specialty}新技术（支援撤离后停滞）`, (i) => (i < 6 ? random.int(2, 6) : 0), true);
  if (present) launch(present, `${present.specialty}新技术（支援中）`, () => random.int(1, 5), false);
  if (techniqueRows.length) await db.insert(techniques).values(techniqueRows);
  return rows + techniqueRows.length;
}
