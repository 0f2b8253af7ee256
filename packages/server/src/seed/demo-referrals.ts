import { formatDay, idCheckCharacter, maskIdNumber, provinceOf, slaDeadline } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { chinaDay } from "../clock.ts";
import { encrypt } from "../crypto.ts";
import type { Db } from "../db/connection.ts";
import { beds, institutions, referralEvents, referrals, slots } from "../db/schema.ts";
import { DEMO_PAIR } from "./demo-plan.ts";
import { fictionalPersonName, type Random } from "./random.ts";

const REASONS: [string, string, string][] = [
  ["I10", "高血压控制不佳", "心血管内科"],
  ["I63.9", "疑似脑梗死", "神经内科"],
  ["E11.9", "2型糖尿病血糖控制差", "内分泌科"],
  ["J18.9", "社区获得性肺炎", "呼吸内科"],
  ["K35.8", "急性阑尾炎", "普通外科"],
  ["I21.9", "急性心肌梗死", "心血管内科"],
  ["O14.9", "妊娠期高血压", "妇产科"],
];
const REJECTIONS = ["本院无床位，建议转上级医院", "资料不全，请补充检查结果", "不属本科诊治范围"];

/**
 * Six months of referral history for the demo county (mostly up from its townships to the county
 * hospital and on to the supporting city hospital, some back down; a few rejected or expired),
 * today's open referrals for the worklists, and two weeks of reserved slots and beds.
 */
export async function seedReferrals(db: Db, random: Random, key: Buffer, now: Date): Promise<number> {
  const local = await db.select().from(institutions).where(eq(institutions.regionCode, DEMO_PAIR.recipientCounty));
  const county = local.find((i) => i.kind === "county_hospital");
  const townships = local.filter((i) => i.kind === "township_health_center");
  const [city] = await db.select().from(institutions).where(eq(institutions.name, DEMO_PAIR.supporter));
  if (!county || !city || townships.length === 0) return 0;

  const slotRows = [];
  for (let d = 1; d <= 14; d++) {
    const date = formatDay(chinaDay(now) + d);
    for (const department of ["心血管内科", "神经内科", "内分泌科"]) {
      const reserved = random.int(3, 8);
      slotRows.push({
        institutionId: county.id,
        department,
        date,
        reserved,
        booked: random.int(0, Math.min(2, reserved)),
        provinceCode: provinceOf(county.regionCode),
      });
    }
  }
  await db.insert(slots).values(slotRows);

  const rows: (typeof referrals.$inferInsert)[] = [];
  const events: (typeof referralEvents.$inferInsert)[] = [];
  const total = 160;
  for (let i = 0; i < total; i++) {
    const daysAgo = i < 6 ? 0 : random.int(1, 180);
    const submittedAt = new Date(now.getTime() - daysAgo * 86_400_000 - random.int(1, 600) * 60_000);
    const [icd10, text, department] = random.pick(REASONS);
    const township = random.pick(townships);
    const toCity = random.next() < 0.25;
    const down = random.next() < 0.15 && daysAgo > 0;
    const from = down ? county : toCity ? county : township;
    const to = down ? township : toCity ? city : county;
    const priority = i < 2 ? "green_channel" : random.next() < 0.1 ? "green_channel" : random.next() < 0.3 ? "urgent" : "routine";
    const birth = `19${random.int(40, 99)}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
    const first17 = `${DEMO_PAIR.recipientCounty}${birth.replaceAll("-", "")}${String(random.int(100, 999))}`;
    const idNumber = first17 + idCheckCharacter(first17);
    const open = daysAgo === 0;
    const roll = random.next();
    const status = open ? "submitted" : roll < 0.08 ? "rejected" : roll < 0.12 ? "expired" : roll < 0.15 ? "cancelled" : "completed";
    const acceptedAt = status === "completed" ? new Date(submittedAt.getTime() + random.int(5, 600) * 60_000) : null;
    const id = crypto.randomUUID();
    rows.push({
      id,
      direction: down ? "down" : "up",
      priority,
      status,
      fromInstitutionId: from.id,
      toInstitutionId: to.id,
      department: down ? "全科医疗科" : department,
      patientName: fictionalPersonName(random),
      patientSex: random.pick(["female", "male"]),
      patientBirthDate: birth,
      patientIdCipher: encrypt(key, idNumber),
      patientIdMasked: maskIdNumber(idNumber),
      patientHomeCounty: DEMO_PAIR.recipientCounty,
      reasonIcd10: icd10,
      reasonText: text,
      summary: down ? "出院小结：病情稳定，转回基层随访。" : `${text}，基层处理后效果不佳，申请上转。`,
      submittedAt,
      slaDeadline: slaDeadline(submittedAt, priority as "routine"),
      acceptedAt,
      regionCode: from.regionCode,
      provinceCode: provinceOf(from.regionCode),
      createdAt: submittedAt,
      updatedAt: acceptedAt ?? submittedAt,
    });
    events.push({ referralId: id, at: submittedAt, actorName: "demo", action: "submit", fromStatus: "draft", toStatus: "submitted" });
    if (status === "rejected")
      events.push({
        referralId: id,
        at: new Date(submittedAt.getTime() + 3_600_000),
        actorName: "demo",
        action: "reject",
        fromStatus: "submitted",
        toStatus: "rejected",
        note: random.pick(REJECTIONS),
      });
    if (status === "expired")
      events.push({
        referralId: id,
        at: slaDeadline(submittedAt, priority as "routine"),
        actorName: "system",
        action: "expire",
        fromStatus: "submitted",
        toStatus: "expired",
      });
    if (status === "cancelled")
      events.push({
        referralId: id,
        at: new Date(submittedAt.getTime() + 600_000),
        actorName: "demo",
        action: "cancel",
        fromStatus: "submitted",
        toStatus: "cancelled",
        note: "患者选择自行就医",
      });
    if (status === "completed" && acceptedAt) {
      for (const [k, action, to2] of [
        [0, "accept", "accepted"],
        [1, "schedule", "scheduled"],
        [2, "arrive", "arrived"],
        [3, "complete", "completed"],
      ] as const) {
        events.push({
          referralId: id,
          at: new Date(acceptedAt.getTime() + k * 86_400_000),
          actorName: "demo",
          action,
          fromStatus: k === 0 ? "submitted" : ["accepted", "scheduled", "arrived"][k - 1],
          toStatus: to2,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 100) await db.insert(referrals).values(rows.slice(i, i + 100));
  for (let i = 0; i < events.length; i += 300) await db.insert(referralEvents).values(events.slice(i, i + 300));

  // Beds reserved for referred admissions, per ward, for the same two weeks (drawn last, so the
  // referral history above stays what it was).
  const bedRows = [];
  for (let d = 1; d <= 14; d++) {
    const date = formatDay(chinaDay(now) + d);
    for (const ward of ["内科病区", "外科病区"]) {
      const reserved = random.int(2, 4);
      bedRows.push({ institutionId: county.id, ward, date, reserved, booked: random.int(0, 1), provinceCode: provinceOf(county.regionCode) });
    }
  }
  await db.insert(beds).values(bedRows);
  return rows.length;
}
