import { type Day, type DispatchRole, provinceOf } from "@medbridge/core";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import {
  agreementSupporters,
  agreements,
  capabilityNeeds,
  institutionAssessments,
  institutions,
  practitioners,
  provincePairings,
  staffPlanning,
  supportCapacity,
} from "../db/schema.ts";
import { DEMO_PAIR, demoYears, SPECIALTIES } from "./demo-plan.ts";
import type { Random } from "./random.ts";

/**
 * What the planners (issue 17) read, for the demo world:
 * - the programme's province pairings between the demo's provinces;
 * - capability needs of the county hospitals (this year and next) and the support capacity of the
 *   tertiary hospitals, for the pairing planner;
 * - next year's agreements of two Zhejiang supporters, drafted and not yet staffed, with planning
 *   profiles of their staff: the demo supporter (杭州一院) can be planned in full; 宁波一院 has three
 *   agreements and two discipline leaders who can each go only once, so its best plan misses one
 *   leader and says so ("2 discipline leaders for 3 agreements").
 */

/** The supporter whose next year cannot be planned in full (the infeasible case explained). */
export const DEMO_SHORT_SUPPORTER = "示例宁波市第一医院";

/**
 * Real pairings between the demo's provinces. 东西部扶贫协作 as set in 2016 (中办 国办《关于进一步
 * 加强东西部扶贫协作工作的指导意见》: 杭州—黔东南, 宁波—黔西南, 上海—云南; from 2021 浙江 pairs with
 * 四川 and 广东 with 贵州, 《关于坚持和完善东西部协作机制的意见》, but the demo keeps the
 * Zhejiang–Guizhou pairing its agreements were made under); 对口支援新疆 (2010 全国对口支援新疆工作会议:
 * 上海—喀什, 北京—和田, 浙江—阿克苏); 对口支援西藏 (1994 中央第三次西藏工作座谈会: 北京—拉萨,
 * 上海—日喀则, 浙江—那曲). A pairing is kept at province level, as the table holds them.
 */
export const DEMO_PROVINCE_PAIRINGS: [supporter: string, recipient: string][] = [
  ["330000", "520000"],
  ["310000", "530000"],
  ["310000", "650000"],
  ["110000", "650000"],
  ["330000", "650000"],
  ["110000", "540000"],
  ["310000", "540000"],
  ["330000", "540000"],
];

/** The departments the demo's specialties sit in (two surgical specialties share 外科). */
const DEPARTMENT_OF: Record<string, string> = {
  心血管内科: "心血管内科",
  神经内科: "神经内科",
  普通外科: "外科",
  骨科: "外科",
  妇产科: "妇产科",
  儿科: "儿科",
  重症医学: "重症医学科",
  麻醉: "麻醉科",
  医学影像: "医学影像科",
  急诊医学: "急诊医学科",
  全科医学: "全科医学科",
  肿瘤科: "肿瘤科",
};
const ADMINISTRATION = "医务部";

/** A technique a county hospital may ask for, by the specialty that brings it. */
const TECHNIQUES: Record<string, string> = {
  心血管内科: "经皮冠状动脉介入治疗",
  神经内科: "急性缺血性卒中静脉溶栓",
  普通外科: "腹腔镜胆囊切除术",
  骨科: "膝关节镜手术",
  妇产科: "宫腔镜手术",
  儿科: "新生儿复苏",
  重症医学: "床旁连续性血液净化",
  麻醉: "超声引导下神经阻滞",
  医学影像: "冠状动脉CT血管成像",
  急诊医学: "胸痛中心规范化救治",
  肿瘤科: "肿瘤规范化化疗",
};

/** Specialties a county hospital may lack: all but general practice, which every county has. */
const NEEDABLE = SPECIALTIES.filter((s) => s !== "全科医学");

export interface PlanningSeedSummary {
  provincePairings: number;
  capabilityNeeds: number;
  supportCapacities: number;
  staffProfiles: number;
  agreements: number;
}

type Staff = { id: string; profession: string; title: string; specialty: string | null; provinceCode: string };
type Profile = typeof staffPlanning.$inferInsert;

export async function seedPlanning(db: Db, random: Random, today: Day): Promise<PlanningSeedSummary> {
  const [, , thisYear] = demoYears(today);
  const next = thisYear + 1;
  const all = await db
    .select({ id: institutions.id, name: institutions.name, kind: institutions.kind, regionCode: institutions.regionCode })
    .from(institutions)
    .orderBy(asc(institutions.regionCode), asc(institutions.name));
  const byName = new Map(all.map((i) => [i.name, i]));

  await db.insert(provincePairings).values(DEMO_PROVINCE_PAIRINGS.map(([supporterProvince, recipientProvince]) => ({ supporterProvince, recipientProvince })));

  // Needs: a county hospital whose latest assessment found little lacks more specialties.
  const countyHospitals = all.filter((i) => i.kind === "county_hospital");
  const levels = await db
    .select({ id: institutionAssessments.institutionId, year: institutionAssessments.year, level: institutionAssessments.level })
    .from(institutionAssessments)
    .orderBy(asc(institutionAssessments.year));
  const latestLevel = new Map(levels.map((l) => [l.id, l.level]));
  const needs: (typeof capabilityNeeds.$inferInsert)[] = [];
  for (const h of countyHospitals) {
    const count = { none: 3, basic: 2, recommended: 1 }[latestLevel.get(h.id) ?? "basic"] ?? 2;
    for (const year of [thisYear, next]) {
      const lacking = new Set<string>();
      while (lacking.size < count) lacking.add(random.pick(NEEDABLE));
      for (const specialty of lacking)
        needs.push({ institutionId: h.id, specialty, source: "assessment", technique: null, year, provinceCode: provinceOf(h.regionCode) });
      if (random.next() < 0.3) {
        const specialty = random.pick(NEEDABLE);
        needs.push({
          institutionId: h.id,
          specialty,
          source: "technique_request",
          technique: TECHNIQUES[specialty] ?? null,
          year,
          provinceCode: provinceOf(h.regionCode),
        });
      }
    }
  }
  for (let i = 0; i < needs.length; i += 500) await db.insert(capabilityNeeds).values(needs.slice(i, i + 500));

  // Capacity: the recipients a tertiary hospital serves today and three more; per specialty, its physicians.
  const tertiary = all.filter((i) => i.kind === "tertiary_hospital");
  const tertiaryIds = tertiary.map((t) => t.id);
  const physicians = await db
    .select({ institutionId: practitioners.institutionId, specialty: practitioners.specialty, n: sql<number>`count(*)::int` })
    .from(practitioners)
    .where(and(inArray(practitioners.institutionId, tertiaryIds), eq(practitioners.profession, "physician")))
    .groupBy(practitioners.institutionId, practitioners.specialty);
  const served = await db
    .select({ institutionId: agreementSupporters.institutionId, n: sql<number>`count(distinct ${agreements.recipientId})::int` })
    .from(agreementSupporters)
    .innerJoin(agreements, eq(agreements.id, agreementSupporters.agreementId))
    .where(and(eq(agreements.status, "active"), inArray(agreementSupporters.institutionId, tertiaryIds)))
    .groupBy(agreementSupporters.institutionId);
  const servedBy = new Map(served.map((s) => [s.institutionId, s.n]));
  await db.insert(supportCapacity).values(
    tertiary.map((t) => ({
      institutionId: t.id,
      maxRecipients: (servedBy.get(t.id) ?? 0) + 3,
      staffBySpecialty: Object.fromEntries(physicians.filter((p) => p.institutionId === t.id && p.specialty).map((p) => [p.specialty as string, p.n])),
      provinceCode: provinceOf(t.regionCode),
    })),
  );

  // Next year's agreements, drafted: the demo supporter renews 黄平 and takes its neighbour; 宁波一院 takes three Qianxinan counties.
  const demoSupporter = byName.get(DEMO_PAIR.supporter) as (typeof all)[number];
  const shortSupporter = byName.get(DEMO_SHORT_SUPPORTER) as (typeof all)[number];
  const qiandongnan = countyHospitals.filter((h) => h.regionCode.startsWith("5226"));
  const demoCounty = qiandongnan.find((h) => h.regionCode === DEMO_PAIR.recipientCounty) as (typeof all)[number];
  const neighbour = qiandongnan.find((h) => h.regionCode > DEMO_PAIR.recipientCounty) as (typeof all)[number];
  const qianxinan = countyHospitals.filter((h) => h.regionCode.startsWith("5223")).slice(0, 3);
  const drafts = [
    ...[demoCounty, neighbour].map((recipient) => ({ supporter: demoSupporter, recipient })),
    ...qianxinan.map((recipient) => ({ supporter: shortSupporter, recipient })),
  ];
  for (const [k, d] of drafts.entries()) {
    const [row] = await db
      .insert(agreements)
      .values({
        code: `ZJ-GZ-${next}-${String(k + 1).padStart(3, "0")}`,
        recipientId: d.recipient.id,
        packId: "city_tertiary_to_county",
        mode: "one_to_one",
        startsOn: `${next}-01-01`,
        endsOn: `${next + 2}-12-31`,
        specialties: ["心血管内科", "重症医学", "急诊医学"],
        status: "draft",
        regionCode: d.recipient.regionCode,
        provinceCode: provinceOf(d.recipient.regionCode),
      })
      .returning({ id: agreements.id });
    await db.insert(agreementSupporters).values({ agreementId: (row as { id: string }).id, institutionId: d.supporter.id });
  }

  const staffOf = (institutionId: string) =>
    db
      .select({
        id: practitioners.id,
        profession: practitioners.profession,
        title: practitioners.title,
        specialty: practitioners.specialty,
        provinceCode: practitioners.provinceCode,
      })
      .from(practitioners)
      .where(and(eq(practitioners.institutionId, institutionId), eq(practitioners.active, true)))
      .orderBy(asc(practitioners.licenseNo));
  const profiles = [...demoSupporterProfiles(await staffOf(demoSupporter.id), next), ...shortSupporterProfiles(await staffOf(shortSupporter.id), next)];
  await db.insert(staffPlanning).values(profiles);
  return {
    provincePairings: DEMO_PROVINCE_PAIRINGS.length,
    capabilityNeeds: needs.length,
    supportCapacities: tertiary.length,
    staffProfiles: profiles.length,
    agreements: drafts.length,
  };
}

/** Everyone's profile from their registry entry: the department of their specialty, the roles of their profession. */
function baseProfile(p: Staff): Profile {
  const roles: DispatchRole[] = p.profession === "manager" ? ["management"] : p.profession === "nurse" ? ["nursing"] : ["clinical"];
  const department = p.profession === "manager" ? ADMINISTRATION : (DEPARTMENT_OF[p.specialty ?? ""] ?? "内科");
  return { practitionerId: p.id, department, roles, earliestStart: null, unavailable: [], provinceCode: p.provinceCode };
}

const isSenior = (p: Staff) => p.profession === "physician" && (p.title === "chief" || p.title === "associate_chief");

/**
 * 杭州一院: three discipline leaders who also practise as clinicians (one away for further study in
 * spring), a chief physician who may go as the team's manager, a maternity leave, and two people
 * who can start only in April — enough for its two agreements next year, every rule met.
 */
function demoSupporterProfiles(staff: Staff[], year: number): Profile[] {
  const profiles = staff.map(baseProfile);
  const seniors = staff.filter(isSenior).map((p) => profiles.find((x) => x.practitionerId === p.id) as Profile);
  const juniors = staff.filter((p) => p.profession === "physician" && !isSenior(p)).map((p) => profiles.find((x) => x.practitionerId === p.id) as Profile);
  const [leaderA, leaderB, leaderC, manager] = seniors;
  if (!leaderA || !leaderB || !leaderC || !manager || juniors.length < 3) throw new Error("Demo planning: the demo supporter has too few physicians");
  for (const leader of [leaderA, leaderB, leaderC]) leader.roles = ["discipline_leader", "clinical"];
  leaderB.unavailable = [{ start: `${year}-03-01`, end: `${year}-05-31`, reason: "国家医学中心进修 further study" }];
  manager.roles = ["management", "clinical"];
  (juniors[0] as Profile).unavailable = [{ start: `${year}-02-01`, end: `${year}-07-31`, reason: "产假 maternity leave" }];
  (juniors[1] as Profile).earliestStart = `${year}-04-01`;
  (juniors[2] as Profile).earliestStart = `${year}-04-01`;
  (juniors[2] as Profile).unavailable = [{ start: `${year}-11-01`, end: `${year}-11-30`, reason: "规培考核 residency assessment" }];
  return profiles;
}

/**
 * 宁波一院: two discipline leaders for three agreements, each free for one six-month stay only (one
 * leads a national centre's project from July, the other returns in April and goes abroad in
 * October); two chiefs may go as managers, so only the leader rule fails.
 */
function shortSupporterProfiles(staff: Staff[], year: number): Profile[] {
  const profiles = staff.map(baseProfile);
  const seniors = staff.filter(isSenior).map((p) => profiles.find((x) => x.practitionerId === p.id) as Profile);
  const [leaderA, leaderB, managerA, managerB] = seniors;
  if (!leaderA || !leaderB || !managerA || !managerB) throw new Error("Demo planning: the short supporter has too few senior physicians");
  leaderA.roles = ["discipline_leader", "clinical"];
  leaderA.unavailable = [{ start: `${year}-07-01`, end: `${year}-12-31`, reason: "国家区域医疗中心建设任务 regional centre project" }];
  leaderB.roles = ["discipline_leader", "clinical"];
  leaderB.earliestStart = `${year}-04-01`;
  leaderB.unavailable = [{ start: `${year}-10-01`, end: `${year}-12-31`, reason: "出国访学 visiting scholar abroad" }];
  managerA.roles = ["management", "clinical"];
  managerB.roles = ["management", "clinical"];
  return profiles;
}
