import { type Day, formatDay, linesFromCheckIn, monthOf } from "@medbridge/core";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, attendance, dispatches, techniques, users, workLogEntries, workMonths } from "../db/schema.ts";
import { DEMO_PAIR } from "./demo-plan.ts";
import type { Random } from "./random.ts";

const OPERATIONS = [
  ["腹腔镜胆囊切除术", "51.23"],
  ["阑尾切除术", "47.09"],
  ["经皮冠状动脉支架置入术", "36.06"],
  ["全髋关节置换术", "81.51"],
  ["子宫下段剖宫产术", "74.1"],
  ["腹股沟疝修补术", "53.00"],
  ["甲状腺次全切除术", "06.39"],
  ["胃镜下息肉切除术", "43.41"],
] as const;
const TOPICS = ["急性胸痛的识别与处置", "心肺复苏规范培训", "危重患者早期预警评分", "高血压分级诊疗", "院内感染防控", "病历书写规范"];

/**
 * The demo's work log: every check-in's lines (as migration 0031 maps them), and for the demo
 * county's stationed people operations by name, teaching, mentoring and new techniques on some of
 * their days. Months before last month are confirmed by the recipient's coordinator; last month
 * and this month are open, so the months view has something to confirm.
 */
export async function seedWorkLog(db: Db, random: Random, today: Day, reviewerUsername: string): Promise<number> {
  const [reviewer] = await db.select({ id: users.id }).from(users).where(eq(users.username, reviewerUsername));
  const lastMonth = monthOf(formatDay(today - Number(formatDay(today).slice(8, 10))));
  const settled = (month: string) => month < lastMonth;
  const checkIns = await db
    .select({ a: attendance, recipientId: dispatches.recipientId, regionCode: agreements.regionCode })
    .from(attendance)
    .innerJoin(dispatches, eq(dispatches.id, attendance.dispatchId))
    .innerJoin(agreements, eq(agreements.id, attendance.agreementId));
  const demoAgreements = new Set(checkIns.filter((c) => c.regionCode === DEMO_PAIR.recipientCounty).map((c) => c.a.agreementId));
  const techniquesOf = new Map<string, string[]>();
  if (demoAgreements.size > 0) {
    const rows = await db
      .select({ agreementId: agreements.id, id: techniques.id })
      .from(techniques)
      .innerJoin(agreements, eq(agreements.recipientId, techniques.recipientId))
      .innerJoin(agreementSupporters, and(eq(agreementSupporters.agreementId, agreements.id), eq(agreementSupporters.institutionId, techniques.supporterId)))
      .where(inArray(agreements.id, [...demoAgreements]));
    for (const r of rows) techniquesOf.set(r.agreementId, [...(techniquesOf.get(r.agreementId) ?? []), r.id]);
  }
  const lines: (typeof workLogEntries.$inferInsert)[] = [];
  const months = new Map<string, typeof workMonths.$inferInsert>();
  const reviewedAt = new Date();
  for (const { a, recipientId, regionCode } of checkIns) {
    const month = monthOf(a.date);
    const confirmed = settled(month);
    const common = {
      agreementId: a.agreementId,
      dispatchId: a.dispatchId,
      practitionerId: a.practitionerId,
      recipientId,
      date: a.date,
      status: confirmed ? "confirmed" : "recorded",
      reviewedBy: confirmed ? (reviewer?.id ?? null) : null,
      reviewedAt: confirmed ? reviewedAt : null,
      provinceCode: a.provinceCode,
    };
    const demo = regionCode === DEMO_PAIR.recipientCounty;
    const operation = () => {
      const [name, code] = random.pick([...OPERATIONS]);
      return { operationName: name, procedureCode: random.next() < 0.8 ? code : null, operationRole: random.next() < 0.6 ? "lead" : "assistant" };
    };
    for (const line of linesFromCheckIn(a.activities, a.patients, a.trainees)) {
      // The demo county's people named most operations their check-ins carried over.
      const named = demo && line.kind === "operation" && random.next() < 0.7 ? operation() : {};
      lines.push({ ...common, kind: line.kind, patients: line.patients, attendees: line.attendees, source: "check_in", attendanceId: a.id, ...named });
    }
    if (demo && a.activities.some((x) => x !== "management")) {
      if (!a.activities.includes("surgery") && random.next() < 0.15) lines.push({ ...common, kind: "operation", ...operation() });
      if (random.next() < 0.12)
        lines.push({ ...common, kind: "teaching", topic: random.pick(TOPICS), attendees: random.int(6, 30), minutes: random.pick([30, 45, 60, 90]) });
      if (random.next() < 0.15) lines.push({ ...common, kind: "mentoring", mentees: random.int(1, 3) });
      const own = techniquesOf.get(a.agreementId);
      if (own && random.next() < 0.04) lines.push({ ...common, kind: "technique", techniqueId: random.pick(own), patients: random.int(1, 3) });
    }
    const key = `${a.agreementId}|${a.practitionerId}|${month}`;
    if (confirmed && !months.has(key))
      months.set(key, {
        agreementId: a.agreementId,
        practitionerId: a.practitionerId,
        month,
        status: "confirmed",
        reviewedBy: reviewer?.id ?? null,
        reviewedAt,
        provinceCode: a.provinceCode,
      });
  }
  for (let i = 0; i < lines.length; i += 500) await db.insert(workLogEntries).values(lines.slice(i, i + 500));
  const monthRows = [...months.values()];
  for (let i = 0; i < monthRows.length; i += 500) await db.insert(workMonths).values(monthRows.slice(i, i + 500));
  return lines.length;
}
