import { DomainError, type FieldError } from "../errors.ts";

/** Referral states and actions (referral.md); the identifiers are part of the API. */
export const REFERRAL_STATUSES = ["draft", "submitted", "accepted", "scheduled", "arrived", "completed", "rejected", "cancelled", "expired"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_ACTIONS = ["submit", "accept", "reject", "schedule", "arrive", "complete", "cancel", "expire"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const PRIORITIES = ["routine", "urgent", "green_channel"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Who acts: the sending institution, the receiving one, or the server's SLA clock. */
export type Side = "sender" | "receiver" | "system";

interface Rule {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: Side;
  /** Field the action cannot do without. */
  requires?: "reason" | "booking";
}

/**
 * The transition table: only the sending side submits and cancels; only the receiving side
 * accepts, rejects, schedules, marks arrival and completes; only the clock expires.
 */
export const TRANSITIONS: Record<ReferralAction, Rule> = {
  submit: { from: ["draft"], to: "submitted", by: "sender" },
  accept: { from: ["submitted"], to: "accepted", by: "receiver" },
  reject: { from: ["submitted"], to: "rejected", by: "receiver", requires: "reason" },
  schedule: { from: ["accepted"], to: "scheduled", by: "receiver", requires: "booking" },
  arrive: { from: ["scheduled"], to: "arrived", by: "receiver" },
  complete: { from: ["arrived"], to: "completed", by: "receiver" },
  cancel: { from: ["draft", "submitted", "accepted", "scheduled"], to: "cancelled", by: "sender", requires: "reason" },
  expire: { from: ["submitted"], to: "expired", by: "system" },
};

export interface TransitionInput {
  note?: string | undefined;
  slotId?: string | undefined;
  bedId?: string | undefined;
}

/** Actions a side may take on a referral in a given state (what the UI offers, what a 409 lists). */
export function allowedActions(status: ReferralStatus, side: Side): ReferralAction[] {
  return REFERRAL_ACTIONS.filter((a) => TRANSITIONS[a].by === side && TRANSITIONS[a].from.includes(status));
}

/**
 * The next state, or a DomainError: 403 when the side may never take the action, 409 (naming the
 * current state and the allowed actions) when the state does not allow it, 400 for a missing
 * reason or booking.
 */
export function transition(status: ReferralStatus, action: ReferralAction, side: Side, input: TransitionInput = {}): ReferralStatus {
  const rule = TRANSITIONS[action];
  if (rule.by !== side) {
    throw new DomainError(
      "forbidden",
      `Only the ${rule.by === "system" ? "SLA clock" : `${rule.by === "sender" ? "sending" : "receiving"} institution`} may ${action} a referral`,
      [],
      { reason: "referral_side", action, side: rule.by },
    );
  }
  if (!rule.from.includes(status)) {
    const allowed = allowedActions(status, side);
    // "cannot be arriveed" read badly: name the action, not a made-up participle.
    throw new DomainError("conflict", `"${action}" is not possible on a ${status} referral; allowed now: ${allowed.length ? allowed.join(", ") : "none"}`, [
      { path: "action", code: "conflict_state", params: { entity: "referral", action, state: status, allowed }, message: `not allowed in state ${status}` },
    ]);
  }
  const errors: FieldError[] = [];
  if (rule.requires === "reason" && !input.note?.trim())
    errors.push({ path: "note", code: "required", params: { when: action }, message: `a reason is required to ${action}` });
  if (rule.requires === "booking") {
    if (!input.slotId && !input.bedId)
      errors.push({ path: "slotId", code: "one_of", params: { fields: ["slotId", "bedId"] }, message: "book a reserved slot or bed (slotId or bedId)" });
    if (input.slotId && input.bedId)
      errors.push({ path: "bedId", code: "not_allowed", params: { reason: "slot_or_bed_not_both" }, message: "book either a slot or a bed, not both" });
  }
  if (errors.length) throw new DomainError("validation", "Invalid transition", errors);
  return rule.to;
}

/** Default answer times before a submitted referral expires (configurable per deployment). */
export const DEFAULT_SLA_MINUTES: Record<Priority, number> = { green_channel: 30, urgent: 120, routine: 48 * 60 };

/** When a referral submitted at `submittedAt` expires unanswered. */
export function slaDeadline(submittedAt: Date, priority: Priority, sla: Record<Priority, number> = DEFAULT_SLA_MINUTES): Date {
  return new Date(submittedAt.getTime() + sla[priority] * 60_000);
}

/**
 * The receiver is warned once the last quarter of the SLA begins: 7.5 minutes before a green-channel
 * referral expires, 30 minutes for urgent, 12 hours for routine.
 */
export function expiryWarningLeadMinutes(priority: Priority, sla: Record<Priority, number> = DEFAULT_SLA_MINUTES): number {
  return sla[priority] / 4;
}

/** Green channel first, then urgent, then routine; within a priority the oldest first. */
export function worklistOrder(a: { priority: Priority; submittedAt: Date }, b: { priority: Priority; submittedAt: Date }): number {
  const rank = (p: Priority) => (p === "green_channel" ? 0 : p === "urgent" ? 1 : 2);
  return rank(a.priority) - rank(b.priority) || a.submittedAt.getTime() - b.submittedAt.getTime();
}
