import { day, formatDay } from "../dates.ts";

/**
 * SMS reminders of the register (issue 13, item 4): a text the day before a patient's due date
 * and one the day after a due date that passed without a visit, only for patients who agreed to
 * them. The rules are data here; the server plans rows from them (`remindersToPlan`), and right
 * before each send asks again whether the reminder still stands (`reminderSkipReason`).
 */
export const REMINDER_KINDS = ["before_due", "missed_visit"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * pending: planned, to be sent (again) at its next attempt; sent: the gateway took it; failed: given
 * up (a 4xx answer, or too many attempts); delivered / undelivered: the gateway's delivery report;
 * skipped: not sent, because it no longer stood when its turn came (REMINDER_SKIP_REASONS).
 */
export const REMINDER_STATUSES = ["pending", "sent", "failed", "delivered", "undelivered", "skipped"] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** Why a planned reminder was not sent (kept on the row). */
export const REMINDER_SKIP_REASONS = ["no_consent", "no_phone", "inactive", "off_list", "due_moved", "too_late"] as const;
export type ReminderSkipReason = (typeof REMINDER_SKIP_REASONS)[number];

export const REMINDER_RULES = {
  /** Planned on the due date plus this many days: before_due the day before, missed_visit the day after. */
  planOffsetDays: { before_due: -1, missed_visit: 1 } satisfies Record<ReminderKind, number>,
  /** Not sent any more once today is past the due date plus this many days (an outage, quiet hours). */
  staleAfterDays: { before_due: 0, missed_visit: 3 } satisfies Record<ReminderKind, number>,
  /**
   * After a failed attempt (no answer, a 5xx, 408 or 429) the next one waits this long, in minutes;
   * the attempt after the last wait is the last: a failure then marks the reminder failed.
   */
  retryAfterMinutes: [5, 30, 120],
  /** Texts go out between these China hours only (from inclusive, until exclusive); nobody is woken at night. */
  sendHours: { from: 8, until: 21 },
} as const;

/** Attempts in all: the first and one per retry wait. */
export const REMINDER_MAX_ATTEMPTS = REMINDER_RULES.retryAfterMinutes.length + 1;

/** What the rules read of a register row. */
export interface ReminderPatient {
  smsConsent: boolean;
  phone: string | null;
  active: boolean;
  /** Set when the patient is off the call list (died, moved away, refused …): no reminders either. */
  offListReason: string | null;
  nextDueOn: string | null;
  lastVisitOn: string | null;
}

export interface PlannedReminder {
  kind: ReminderKind;
  dueOn: string;
}

/** The due date a reminder of this kind planned today is for (today minus the plan offset). */
export function dueOnPlannedToday(kind: ReminderKind, today: string): string {
  return formatDay(day(today) - REMINDER_RULES.planOffsetDays[kind]);
}

/** Why the patient takes no reminders at all now (null: the patient does). */
export function patientSkipReason(patient: ReminderPatient): ReminderSkipReason | null {
  if (!patient.smsConsent) return "no_consent";
  if (!patient.phone) return "no_phone";
  if (!patient.active) return "inactive";
  if (patient.offListReason !== null) return "off_list";
  return null;
}

/**
 * The reminders to plan today for a patient: before_due when the next due date is tomorrow,
 * missed_visit when it was yesterday and no visit came on or after it. The server inserts them
 * once per (patient, kind, due date), so planning again the same day, or the next, adds nothing.
 */
export function remindersToPlan(patient: ReminderPatient, today: string): PlannedReminder[] {
  if (patientSkipReason(patient) !== null || patient.nextDueOn === null) return [];
  const due = patient.nextDueOn;
  const planned: PlannedReminder[] = [];
  for (const kind of REMINDER_KINDS) {
    if (dueOnPlannedToday(kind, today) !== due) continue;
    if (kind === "missed_visit" && patient.lastVisitOn !== null && patient.lastVisitOn >= due) continue;
    planned.push({ kind, dueOn: due });
  }
  return planned;
}

/**
 * Asked right before a send: does the reminder still stand? Consent withdrawn, the phone gone, the
 * patient inactive or off the list, the due date moved (a visit was recorded, a date agreed on a
 * call) or the reminder too late to mean anything: it is skipped with that reason.
 */
export function reminderSkipReason(reminder: PlannedReminder, patient: ReminderPatient, today: string): ReminderSkipReason | null {
  const reason = patientSkipReason(patient);
  if (reason) return reason;
  if (patient.nextDueOn !== reminder.dueOn) return "due_moved";
  if (reminder.kind === "missed_visit" && patient.lastVisitOn !== null && patient.lastVisitOn >= reminder.dueOn) return "due_moved";
  if (day(today) > day(reminder.dueOn) + REMINDER_RULES.staleAfterDays[reminder.kind]) return "too_late";
  return null;
}

/** When a failed attempt (the `attempts`-th) is tried again, in minutes from now; null: give up. */
export function retryAfterMinutes(attempts: number): number | null {
  return attempts >= 1 && attempts < REMINDER_MAX_ATTEMPTS ? (REMINDER_RULES.retryAfterMinutes[attempts - 1] ?? null) : null;
}

/** Whether a China hour of the day (0–23) lies in the sending hours. */
export function inSendingHours(chinaHour: number): boolean {
  return chinaHour >= REMINDER_RULES.sendHours.from && chinaHour < REMINDER_RULES.sendHours.until;
}

/**
 * What the gateway's answer to a send means: sent (2xx), retry (it may work later: no answer, a
 * 5xx, 408 Request Timeout, 429 Too Many Requests) or failed (any other 4xx/3xx: the request
 * itself is wrong, sending it again would not help).
 */
export function gatewayOutcome(status: number | null): "sent" | "retry" | "failed" {
  if (status === null) return "retry";
  if (status >= 200 && status < 300) return "sent";
  if (status >= 500 || status === 408 || status === 429) return "retry";
  return "failed";
}
