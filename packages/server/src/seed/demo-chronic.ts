import { type Condition, DRUGS, type DrugClass, formatDay, idCheckCharacter, type RiskFactor } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { CLI_ACTOR } from "../audit.ts";
import { todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { enrolPatient, recordVisit } from "../hypertension/register.ts";
import type { PatientKeys } from "../patient-index.ts";
import { fictionalPersonName, type Random } from "./random.ts";

const CONDITION_MIX: Condition[][] = [[], [], [], ["diabetes"], ["coronary_heart_disease"], ["stroke"], ["diabetes", "gout"], ["asthma"]];
const FACTOR_MIX: RiskFactor[][] = [[], ["smoking"], ["dyslipidemia"], ["smoking", "obesity"], []];

/**
 * A hypertension register at each of the demo county's township health centres: patients with
 * one to four visits over the last six months (most controlled, some not, a few overdue), each
 * visit evaluated by the engine exactly as a doctor's would be.
 */
export async function seedChronicCare(db: Db, random: Random, keys: PatientKeys, townships: { id: string; regionCode: string }[]): Promise<number> {
  const today = formatDay(todayInChina());
  let visits = 0;
  let serial = 0;
  for (const township of townships) {
    const clinician = {
      userId: "00000000-0000-4000-8000-000000000000",
      username: "seed",
      role: "clinician" as const,
      regionCode: null,
      institutionId: township.id,
    };
    for (let k = 0; k < 12; k++) {
      const birth = `${random.int(1938, 1985)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
      const first17 = `${township.regionCode}${birth.replaceAll("-", "")}${String(serial++ % 1000).padStart(3, "0")}`;
      const sex = random.next() < 0.5 ? "female" : "male";
      const patient = await enrolPatient(
        db,
        CLI_ACTOR,
        clinician,
        keys,
        {
          patient: { name: fictionalPersonName(random), sex, birthDate: birth, idNumber: first17 + idCheckCharacter(first17) },
          conditions: random.pick(CONDITION_MIX),
          riskFactors: random.pick(FACTOR_MIX),
        },
        new Date(),
      );
      const drugClass: DrugClass = random.pick(["A", "C", "C", "D"] as const);
      const drug = { class: drugClass, name: random.pick(DRUGS[drugClass].examples).name, atMaxDose: false };
      // One in five has not been seen for four months or more: they make the call list.
      const daysAgo = random.next() < 0.2 ? random.int(120, 180) : random.int(10, 80);
      for (let v = random.int(1, 4); v > 0; v--) {
        const controlled = random.next() < 0.6;
        await recordVisit(
          db,
          CLI_ACTOR,
          patient.id,
          {
            visitOn: formatDay(todayInChina() - daysAgo - (v - 1) * 30),
            readings: [controlled ? { sbp: random.int(118, 136), dbp: random.int(70, 86) } : { sbp: random.int(142, 168), dbp: random.int(84, 102) }],
            currentDrugs: [drug],
            weeksOnCurrentRegimen: 8,
          },
          today,
          new Date(),
        );
        visits++;
      }
    }
  }
  // Enrolment is "today" for the API; these people were under care before their first visit
  // (a month earlier), so the register's paths and the yearly follow-up figures read naturally.
  await db.execute(sql`
    update chronic_patients c set enrolled_on = (select min(v.visit_on) - 30 from chronic_visits v where v.patient_id = c.id)
    where c.institution_id in (${sql.join(
      townships.map((t) => sql`${t.id}::uuid`),
      sql`, `,
    )}) and exists (select 1 from chronic_visits v where v.patient_id = c.id)`);
  return visits;
}
