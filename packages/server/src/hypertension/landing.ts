import {
  callStateAfterVisit,
  DEFAULT_EDITION,
  DomainError,
  day,
  dischargeDue,
  evaluateHypertension,
  formatDay,
  type HypertensionInput,
  type InstitutionKind,
  invalid,
  isHypertensionIcd10,
  parseHypertensionInput,
  provinceOf,
  registerDueAfterDischarge,
} from "@medbridge/core";
import { and, eq, sql } from "drizzle-orm";
import { audit } from "../audit.ts";
import { chronicPatients, chronicVisits, institutions } from "../db/schema.ts";
import type { LandDischarge } from "../follow-ups.ts";
import { type PatientKeys, sealIdNumber } from "../patient-index.ts";
import { callStateColumns } from "./calls.ts";
import { ageOn, GRASSROOTS } from "./register.ts";

/** What a discharge visit keeps besides the engine's input: the hospital's words. */
export interface DischargeRecord {
  summary: string;
  hospital: string;
}

/**
 * The engine names fields as a visit does (readings[0].sbp, currentDrugs[1].name); a discharge's
 * caller sent downReferral.bp and downReferral.medications.
 */
function asDischargeFields(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== "validation") return error;
  return invalid(
    error.errors.map((e) => ({
      ...e,
      path: e.path.replace(/^readings\[0\]\./, "downReferral.bp.").replace(/^currentDrugs\[/, "downReferral.medications["),
    })),
  );
}

/**
 * A hypertension patient (ICD-10 I10–I15) sent back down to a village clinic, township or
 * community health centre lands in that institution's register: enrolled, or the existing entry
 * (same person in the patient index) updated and reactivated, with a visit of kind `discharge`
 * carrying the hospital's summary and medications. Its next visit comes from the guideline
 * (core's `dischargeDue`: the engine's interval with a BP at discharge, refer_*'s 14 days
 * without); the register's next due date is the earlier of that and the follow-up task's day, so
 * the post-discharge contact is the call-list item. Runs inside the referral's transaction.
 */
export function landInRegister(keys: PatientKeys): LandDischarge {
  return async (tx, actor, landing) => {
    if (!isHypertensionIcd10(landing.icd10)) return null;
    const [home] = await tx
      .select({ kind: institutions.kind, regionCode: institutions.regionCode })
      .from(institutions)
      .where(eq(institutions.id, landing.institutionId));
    if (!home || !GRASSROOTS.includes(home.kind as InstitutionKind)) return null;

    const { person, today } = landing;
    const sealed = sealIdNumber(keys.dataKey, person.idNumber);
    // The person's entry at this institution, if any, held until the transaction ends; the upsert
    // below also covers an entry made meanwhile by another landing.
    const [before] = await tx
      .select({ active: chronicPatients.active })
      .from(chronicPatients)
      .where(and(eq(chronicPatients.institutionId, landing.institutionId), eq(chronicPatients.patientId, landing.patientId)))
      .for("update");
    const [entry] = await tx
      .insert(chronicPatients)
      .values({
        institutionId: landing.institutionId,
        patientId: landing.patientId,
        name: person.name.trim(),
        sex: person.sex,
        birthDate: person.birthDate,
        idCipher: sealed.cipher,
        idMasked: sealed.masked,
        phone: person.phone ?? null,
        enrolledOn: today,
        regionCode: home.regionCode,
        provinceCode: provinceOf(home.regionCode),
      })
      .onConflictDoUpdate({
        target: [chronicPatients.institutionId, chronicPatients.patientId],
        set: { active: true, phone: sql`coalesce(excluded.phone, ${chronicPatients.phone})`, updatedAt: new Date() },
      })
      .returning({
        id: chronicPatients.id,
        birthDate: chronicPatients.birthDate,
        sex: chronicPatients.sex,
        conditions: chronicPatients.conditions,
        riskFactors: chronicPatients.riskFactors,
        lastVisitOn: chronicPatients.lastVisitOn,
      });
    if (!entry) throw new Error("register landing: upsert returned no row");

    let input: HypertensionInput | null = null;
    if (landing.bp) {
      try {
        input = parseHypertensionInput(
          {
            asOf: today,
            patient: { age: ageOn(entry.birthDate, today), sex: entry.sex },
            readings: [{ date: today, setting: "office", sbp: landing.bp.sbp, dbp: landing.bp.dbp }],
            diagnosedHypertension: true,
            conditions: entry.conditions,
            riskFactors: entry.riskFactors,
            currentDrugs: landing.medications,
          },
          { today },
        );
      } catch (error) {
        throw asDischargeFields(error);
      }
    }
    const recommendation = input ? evaluateHypertension(input) : null;
    const due = dischargeDue(recommendation);
    const visitDueOn = formatDay(day(today) + due.days);
    const nextDueOn = registerDueAfterDischarge(visitDueOn, landing.followUpDueOn);
    const discharge: DischargeRecord = { summary: landing.summary, hospital: landing.hospitalName };
    await tx.insert(chronicVisits).values({
      patientId: entry.id,
      institutionId: landing.institutionId,
      visitOn: today,
      // Without a BP there is no engine input: the drugs are kept so the next visit offers them.
      input: { ...(input ?? { currentDrugs: landing.medications }), discharge },
      edition: input?.edition ?? DEFAULT_EDITION,
      // Without a BP the engine did not run: the record says which interval was taken instead.
      recommendation: recommendation ?? { followUpDays: { min: 1, max: due.days }, rule: due.rule, source: due.source, detail: due.detail },
      action: recommendation?.action ?? "not_evaluated",
      controlled: recommendation?.controlled ?? false,
      kind: "discharge",
      referralId: landing.downReferralId,
      sbp: landing.bp?.sbp ?? null,
      dbp: landing.bp?.dbp ?? null,
      nextDueOn: visitDueOn,
      recordedBy: landing.hospitalName,
    });
    // A BP at discharge is the patient's latest reading (for the control rate); without one the
    // last visit stays as it was. Either way the patient is back on the call list at the new day.
    const latest = recommendation && (!entry.lastVisitOn || today >= entry.lastVisitOn);
    await tx
      .update(chronicPatients)
      .set({
        ...(latest && { lastVisitOn: today, lastControlled: recommendation.controlled }),
        ...callStateColumns(callStateAfterVisit(nextDueOn)),
        updatedAt: new Date(),
      })
      .where(eq(chronicPatients.id, entry.id));
    // The audit names the referral and the dates, never the person or the summary.
    await audit(tx, actor, [
      ...(!before ? [{ action: "create", entity: "chronic_patient", entityId: entry.id, regionCode: home.regionCode }] : []),
      {
        action: "discharge",
        entity: "chronic_patient",
        entityId: entry.id,
        regionCode: home.regionCode,
        after: { referralId: landing.downReferralId, visitOn: today, rule: due.rule, visitDueOn, nextDueOn, reactivated: before?.active === false },
      },
    ]);
    return entry.id;
  };
}
