import type { HypertensionOutput } from "./engine.ts";
import { FOLLOW_UP, type Source } from "./knowledge.ts";

/**
 * A hypertension patient sent back down from hospital lands in the grassroots register (issue 13,
 * item 3). Which referrals are hypertension, and when the register expects the patient next.
 */

/**
 * ICD-10 categories of hypertensive diseases (I10–I15): I10 essential, I11 heart disease, I12
 * renal disease, I13 heart and renal disease, I15 secondary. I14 is not a code in ICD-10.
 */
export const HYPERTENSION_ICD10 = ["I10", "I11", "I12", "I13", "I15"] as const;

/**
 * Whether an ICD-10 code is a hypertensive disease. Accepted: one of the categories, alone or with
 * a subdivision after a dot of 1–8 letters or digits (I11.9, I13.0, and the extensions of
 * China's clinical edition such as I10.x00x002); case and surrounding spaces do not matter. Not
 * accepted: other categories (I09, I14, I16), a subdivision without the dot (I119), an empty
 * one (I10.) and anything else around the code.
 */
export function isHypertensionIcd10(code: string): boolean {
  const match = /^([A-Z]\d{2})(?:\.[0-9A-Z]{1,8})?$/.exec(code.trim().toUpperCase());
  return match !== null && (HYPERTENSION_ICD10 as readonly string[]).includes(match[1] as string);
}

/** When the register expects a patient discharged today, and by which rule. */
export interface DischargeDue {
  /** Days from the discharge to the next visit the guideline asks for. */
  days: number;
  rule: "guideline" | "no_bp";
  source: Source;
  /** The interval in words, for the visit's record. */
  detail: string;
}

/**
 * The next visit after a discharge. With a blood pressure at discharge, the engine's
 * recommendation decides as at any visit (the longest of its `followUpDays`, as the register
 * does). Without one, nothing can be judged, so the patient is treated as a referral's return:
 * hypertension.md §9, refer_* → contact within {1, 14}, the longest of which is 14 days — the
 * same 14 days referral.md gives a completed down-referral's follow-up task.
 */
export function dischargeDue(recommendation: Pick<HypertensionOutput, "followUpDays"> | null): DischargeDue {
  if (recommendation) {
    const { min, max } = recommendation.followUpDays;
    return { days: max, rule: "guideline", source: FOLLOW_UP.source, detail: `出院时血压评估：${min}–${max} 天内随访` };
  }
  const { min, max } = FOLLOW_UP.refer;
  return { days: max, rule: "no_bp", source: FOLLOW_UP.source, detail: `出院未记血压：按转诊后联系 ${min}–${max} 天内随访（refer_*）` };
}

/**
 * The register's next due date after a discharge: the guideline's next visit, or the follow-up
 * task's day if that comes first — the post-discharge contact is the call-list item, so a patient
 * controlled at discharge (next visit in 90 days) is still called within the task's 14 days.
 */
export function registerDueAfterDischarge(visitDueOn: string, followUpDueOn: string): string {
  return visitDueOn < followUpDueOn ? visitDueOn : followUpDueOn;
}
