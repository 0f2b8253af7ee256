import {
  conflict,
  dueOnPlannedToday,
  gatewayOutcome,
  invalid,
  notFound,
  type PlannedReminder,
  REMINDER_KINDS,
  REMINDER_SKIP_REASONS,
  REMINDER_STATUSES,
  type ReminderKind,
  type ReminderPatient,
  type ReminderSkipReason,
  type ReminderStatus,
  reminderSkipReason,
  remindersToPlan,
  retryAfterMinutes,
} from "@medbridge/core";
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { chronicPatients, smsReminders } from "../db/schema.ts";
import { StringEnum, Timestamp, Uuid } from "../http/schemas.ts";
import type { SmsResult } from "../notify/sms-gateway.ts";

/**
 * SMS reminders of the register, as rows of `sms_reminders` (one per patient, kind and due date):
 * planned from core's rules, claimed for sending with SKIP LOCKED and a lease, settled with the
 * gateway's answer, completed by its delivery reports. The job (sms-jobs.ts) drives it; the routes
 * (sms-routes.ts) set consent, list a patient's reminders and take the reports.
 */

const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const ReminderSchema = Type.Object({
  id: Uuid,
  kind: StringEnum(REMINDER_KINDS, { description: "before_due: the day before the due date; missed_visit: the day after it passed without a visit" }),
  dueOn: Type.String({ description: "The due date the reminder is about" }),
  status: StringEnum(REMINDER_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: NullableTimestamp,
  sentAt: NullableTimestamp,
  deliveredAt: NullableTimestamp,
  skipReason: Type.Union([StringEnum(REMINDER_SKIP_REASONS), Type.Null()], { description: "Why a skipped reminder was not sent" }),
  lastError: Type.Union([Type.String(), Type.Null()], { description: "The last failed attempt, or why it was not delivered" }),
  createdAt: Timestamp,
});

export const ConsentInput = Type.Object(
  { consent: Type.Boolean({ description: "Whether the patient agrees to SMS reminders" }) },
  { additionalProperties: false },
);

export const ConsentSchema = Type.Object({ smsConsent: Type.Boolean(), smsConsentAt: NullableTimestamp });

export const DeliveryReportInput = Type.Object(
  {
    messageId: Type.Optional(Type.String({ format: "uuid", description: "Our id of the message, as sent (messageId)" })),
    gatewayMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "The gateway's own id, as it answered the send" })),
    status: StringEnum(["delivered", "undelivered"] as const),
    at: Type.Optional(Type.String({ format: "date-time", description: "When the handset received it (delivered)" })),
    reason: Type.Optional(Type.String({ maxLength: 200, description: "The carrier's reason (undelivered)" })),
  },
  { additionalProperties: false },
);

/**
 * Plans today's reminders: the register rows that may take one (consent, a phone, active, on the
 * call list) and are due on a day core plans a reminder for today, without that reminder yet; core
 * decides each (remindersToPlan) and the row is inserted once per (patient, kind, due date), ON
 * CONFLICT DO NOTHING, so planning again — in this process or another — adds nothing.
 */
export async function planReminders(db: Db, today: string, at: Date): Promise<number> {
  const pairs = REMINDER_KINDS.map((kind) => sql`(${kind}, ${dueOnPlannedToday(kind, today)}::date)`);
  const candidates = await db
    .select({
      id: chronicPatients.id,
      institutionId: chronicPatients.institutionId,
      smsConsent: chronicPatients.smsConsent,
      phone: chronicPatients.phone,
      active: chronicPatients.active,
      offListReason: chronicPatients.offListReason,
      nextDueOn: chronicPatients.nextDueOn,
      lastVisitOn: chronicPatients.lastVisitOn,
    })
    .from(chronicPatients)
    .where(
      and(
        eq(chronicPatients.smsConsent, true),
        isNotNull(chronicPatients.phone),
        eq(chronicPatients.active, true),
        isNull(chronicPatients.offListReason),
        inArray(
          chronicPatients.nextDueOn,
          REMINDER_KINDS.map((kind) => dueOnPlannedToday(kind, today)),
        ),
        sql`not exists (select 1 from ${smsReminders} r where r.patient_id = ${chronicPatients.id} and r.due_on = ${chronicPatients.nextDueOn}
          and (r.kind, r.due_on) in (${sql.join(pairs, sql`, `)}))`,
      ),
    );
  const rows = candidates.flatMap((p) =>
    remindersToPlan(p, today).map((r) => ({
      patientId: p.id,
      institutionId: p.institutionId,
      kind: r.kind,
      dueOn: r.dueOn,
      status: "pending",
      nextAttemptAt: at,
    })),
  );
  let planned = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(smsReminders)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: smsReminders.id });
    planned += inserted.length;
  }
  return planned;
}

/** A reminder claimed for sending, with what the re-check and the message need. */
export interface ClaimedReminder {
  id: string;
  kind: ReminderKind;
  dueOn: string;
  attempts: number;
  lease: Date;
  patient: ReminderPatient;
  institutionName: string;
}

interface ClaimedRow {
  id: string;
  kind: ReminderKind;
  due_on: string;
  attempts: number;
  sms_consent: boolean;
  phone: string | null;
  active: boolean;
  off_list_reason: string | null;
  next_due_on: string | null;
  last_visit_on: string | null;
  institution_name: string;
}

/**
 * Claims pending reminders whose attempt is due, for this process: the row lock (SKIP LOCKED) and
 * the lease written in the same statement (`next_attempt_at` moved past any exchange) mean that
 * several server processes each take different rows — a reminder is sent by one of them — and one
 * whose sender died is taken again when its lease runs out. The patient is read in the same
 * statement, so consent and phone are as they are now.
 */
export async function claimReminders(db: Db, at: Date, lease: Date, limit: number): Promise<ClaimedReminder[]> {
  const result = await db.execute(sql`
    with claimed as (
      select r.id from sms_reminders r
      where r.status = 'pending' and r.next_attempt_at <= ${at}
      order by r.next_attempt_at, r.id
      limit ${limit}
      for update of r skip locked
    )
    update sms_reminders r set next_attempt_at = ${lease}, updated_at = ${at}
    from claimed, chronic_patients p, institutions i
    where r.id = claimed.id and p.id = r.patient_id and i.id = r.institution_id
    returning r.id, r.kind, r.due_on::text as due_on, r.attempts, p.sms_consent, p.phone, p.active, p.off_list_reason,
      p.next_due_on::text as next_due_on, p.last_visit_on::text as last_visit_on, i.name as institution_name`);
  return (result as unknown as { rows: ClaimedRow[] }).rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    dueOn: r.due_on,
    attempts: r.attempts,
    lease,
    institutionName: r.institution_name,
    patient: {
      smsConsent: r.sms_consent,
      phone: r.phone,
      active: r.active,
      offListReason: r.off_list_reason,
      nextDueOn: r.next_due_on,
      lastVisitOn: r.last_visit_on,
    },
  }));
}

/** Whether a claimed reminder still stands today (core's re-check), else why not. */
export function skipReasonOf(reminder: ClaimedReminder, today: string): ReminderSkipReason | null {
  const planned: PlannedReminder = { kind: reminder.kind, dueOn: reminder.dueOn };
  return reminderSkipReason(planned, reminder.patient, today);
}

/** What became of one claimed reminder. */
export type Settled = "sent" | "retry" | "failed" | "skipped" | "lost";

/** The row as long as this process holds its lease (else another process owns it now). */
const held = (r: ClaimedReminder) => and(eq(smsReminders.id, r.id), eq(smsReminders.status, "pending"), eq(smsReminders.nextAttemptAt, r.lease));

/** Marks a claimed reminder skipped, with the reason; it is not sent. */
export async function skipReminder(db: Db, r: ClaimedReminder, reason: ReminderSkipReason, at: Date): Promise<Settled> {
  const rows = await db
    .update(smsReminders)
    .set({ status: "skipped", lastError: reason, nextAttemptAt: null, updatedAt: at })
    .where(held(r))
    .returning({ id: smsReminders.id });
  return rows.length ? "skipped" : "lost";
}

/**
 * Records the gateway's answer: sent (with the gateway's id), retried after core's wait, or failed
 * — at once for a request the gateway refuses (4xx), after the last attempt for the rest.
 */
export async function settleReminder(db: Db, r: ClaimedReminder, result: SmsResult, at: Date): Promise<Settled> {
  const attempts = r.attempts + 1;
  const outcome = gatewayOutcome(result.status);
  const wait = outcome === "retry" ? retryAfterMinutes(attempts) : null;
  const settled: Settled = outcome === "sent" ? "sent" : outcome === "retry" && wait !== null ? "retry" : "failed";
  const error = (result.error ?? "").slice(0, 500) || null;
  const values =
    settled === "sent"
      ? { status: "sent", attempts, sentAt: at, gatewayMessageId: result.gatewayMessageId, lastError: null, nextAttemptAt: null }
      : settled === "retry"
        ? { attempts, lastError: error, nextAttemptAt: new Date(at.getTime() + (wait as number) * 60_000) }
        : { status: "failed", attempts, lastError: error, nextAttemptAt: null };
  const rows = await db
    .update(smsReminders)
    .set({ ...values, updatedAt: at })
    .where(held(r))
    .returning({ id: smsReminders.id });
  return rows.length ? settled : "lost";
}

/** A patient's reminders, newest due date first. */
export async function listReminders(db: Db, patientId: string) {
  const rows = await db
    .select()
    .from(smsReminders)
    .where(eq(smsReminders.patientId, patientId))
    .orderBy(desc(smsReminders.dueOn), desc(smsReminders.createdAt))
    .limit(100);
  return rows.map((r) => {
    const skipped = r.status === "skipped";
    return {
      id: r.id,
      kind: r.kind as ReminderKind,
      dueOn: r.dueOn,
      status: r.status as ReminderStatus,
      attempts: r.attempts,
      nextAttemptAt: r.status === "pending" ? r.nextAttemptAt : null,
      sentAt: r.sentAt,
      deliveredAt: r.deliveredAt,
      skipReason: skipped ? (r.lastError as ReminderSkipReason | null) : null,
      lastError: skipped ? null : r.lastError,
      createdAt: r.createdAt,
    };
  });
}

/**
 * Records the patient's consent to SMS reminders (or its withdrawal, which also skips what is still
 * pending). The audit entry carries the consent only: neither the patient's name nor the phone.
 */
export async function setConsent(db: Db, actor: Actor, id: string, consent: boolean, at: Date) {
  const [patient] = await db
    .select({ smsConsent: chronicPatients.smsConsent, regionCode: chronicPatients.regionCode })
    .from(chronicPatients)
    .where(eq(chronicPatients.id, id))
    .for("update");
  if (!patient) throw notFound("patient");
  const [row] = await db
    .update(chronicPatients)
    .set({ smsConsent: consent, smsConsentAt: at, updatedAt: at })
    .where(eq(chronicPatients.id, id))
    .returning({ smsConsent: chronicPatients.smsConsent, smsConsentAt: chronicPatients.smsConsentAt });
  let withdrawn = 0;
  if (!consent) {
    const skipped = await db
      .update(smsReminders)
      .set({ status: "skipped", lastError: "no_consent" satisfies ReminderSkipReason, nextAttemptAt: null, updatedAt: at })
      .where(and(eq(smsReminders.patientId, id), eq(smsReminders.status, "pending")))
      .returning({ id: smsReminders.id });
    withdrawn = skipped.length;
  }
  await audit(db, actor, {
    action: "sms_consent",
    entity: "chronic_patient",
    entityId: id,
    regionCode: patient.regionCode,
    before: { smsConsent: patient.smsConsent },
    after: { smsConsent: consent, ...(withdrawn > 0 && { pendingSkipped: withdrawn }) },
  });
  return row as { smsConsent: boolean; smsConsentAt: Date | null };
}

/**
 * Stores a delivery report on the reminder it names (our id, else the gateway's). A report for a
 * reminder that was never sent (skipped) is a conflict; a later report replaces an earlier one.
 */
export async function recordDeliveryReport(db: Db, report: Static<typeof DeliveryReportInput>, at: Date): Promise<void> {
  if (!report.messageId && !report.gatewayMessageId)
    throw invalid([
      {
        path: "messageId",
        code: "one_of",
        params: { fields: ["messageId", "gatewayMessageId"], atLeastOne: true },
        message: "or gatewayMessageId is required",
      },
    ]);
  const delivered = report.status === "delivered";
  const receivedAt = report.at ? new Date(report.at) : at;
  const which = report.messageId ? eq(smsReminders.id, report.messageId) : eq(smsReminders.gatewayMessageId, report.gatewayMessageId as string);
  const rows = await db
    .update(smsReminders)
    .set({
      status: report.status,
      deliveredAt: delivered ? receivedAt : null,
      sentAt: sql`coalesce(${smsReminders.sentAt}, ${at})`,
      lastError: delivered ? null : (report.reason?.trim() || "undelivered").slice(0, 200),
      nextAttemptAt: null,
      updatedAt: at,
    })
    .where(and(which, sql`${smsReminders.status} <> 'skipped'`))
    .returning({ id: smsReminders.id });
  if (rows.length) return;
  const [exists] = await db.select({ id: smsReminders.id }).from(smsReminders).where(which);
  if (exists) throw conflict([{ path: "status", code: "conflict_state", params: { state: "skipped" }, message: "the reminder was never sent (skipped)" }]);
  throw notFound("sms_message");
}
