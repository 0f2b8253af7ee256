import { type Drug, day } from "@medbridge/core";
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Actor } from "./audit.ts";
import { chinaMidnight } from "./clock.ts";
import type { Db } from "./db/connection.ts";
import { followUps } from "./db/schema.ts";
import type { IndexedPerson } from "./patient-index.ts";

/**
 * The follow-up task after a down-referral (referral.md: contact the patient within 14 days) and
 * the hand-over of a discharged patient to a register. Two features meet here without importing
 * each other: the referral opens the task and offers the patient to whoever keeps a register at
 * the receiving institution (a `LandDischarge` that app.ts hands to the referral routes); the
 * hypertension register takes its patients in and closes the task with a call or a visit.
 */

/** referral.md: a completed down-referral asks the grassroots institution to contact the patient within this many days. */
export const FOLLOW_UP_WITHIN_DAYS = 14;

/** A patient sent back down, as the completing hospital hands them to the receiving institution. */
export interface DischargeLanding {
  /** The down-referral that sends the patient back. */
  downReferralId: string;
  /** The receiving institution (the up-referral's sender). */
  institutionId: string;
  hospitalName: string;
  /** The person in the patient index. */
  patientId: string;
  person: IndexedPerson;
  /** The referral's reason (ICD-10), as the up-referral gave it. */
  icd10: string;
  summary: string;
  medications: Drug[];
  bp: { sbp: number; dbp: number } | null;
  /** The follow-up task's day: a register that takes the patient calls them by then. */
  followUpDueOn: string;
  today: string;
}

/**
 * Takes a discharged patient into a register, inside the completing transaction; answers the
 * register entry's id, or null when the patient is not one it keeps (another disease, an
 * institution without that register). Invalid input throws a DomainError naming the field.
 */
export type LandDischarge = (tx: Db, actor: Actor, landing: DischargeLanding) => Promise<string | null>;

/**
 * Opens the follow-up task of a down-referral, once: a task the landing opened is not opened again
 * when the down-referral is completed. The caller holds the referral's row lock.
 */
export async function openFollowUp(
  db: Db,
  task: { referralId: string; institutionId: string; dueOn: string; chronicPatientId: string | null; provinceCode: string; now: Date },
): Promise<void> {
  const [open] = await db.select({ id: followUps.id }).from(followUps).where(eq(followUps.referralId, task.referralId)).limit(1);
  if (open) return;
  await db.insert(followUps).values({
    referralId: task.referralId,
    institutionId: task.institutionId,
    dueOn: task.dueOn,
    chronicPatientId: task.chronicPatientId,
    provinceCode: task.provinceCode,
    createdAt: task.now,
  });
}

/**
 * Marks done the open follow-up tasks of a register entry that a contact on `on` (a call, a visit)
 * answers: those opened by the end of that day — a visit entered late, from before the discharge,
 * closes nothing. Returns how many it closed.
 */
export async function closeFollowUps(db: Db, chronicPatientId: string, on: string, at: Date): Promise<number> {
  const endOfDay = chinaMidnight(day(on) + 1);
  const closed = await db
    .update(followUps)
    .set({ doneAt: at })
    .where(and(eq(followUps.chronicPatientId, chronicPatientId), isNull(followUps.doneAt), lt(followUps.createdAt, endOfDay)))
    .returning({ id: followUps.id });
  return closed.length;
}

/**
 * The open follow-up task of each of these register entries (the earliest due), for the call list.
 * Narrowed by institution first: the tasks are indexed by institution and due date.
 */
export async function openFollowUpsOf(db: Db, entries: { id: string; institutionId: string }[]): Promise<Map<string, { dueOn: string; referralId: string }>> {
  const open = new Map<string, { dueOn: string; referralId: string }>();
  if (entries.length === 0) return open;
  const rows = await db
    .select({ chronicPatientId: followUps.chronicPatientId, dueOn: followUps.dueOn, referralId: followUps.referralId })
    .from(followUps)
    .where(
      and(
        inArray(followUps.institutionId, [...new Set(entries.map((e) => e.institutionId))]),
        inArray(
          followUps.chronicPatientId,
          entries.map((e) => e.id),
        ),
        isNull(followUps.doneAt),
      ),
    )
    .orderBy(followUps.dueOn);
  for (const r of rows) if (r.chronicPatientId && !open.has(r.chronicPatientId)) open.set(r.chronicPatientId, { dueOn: r.dueOn, referralId: r.referralId });
  return open;
}
