import { DomainError, type FieldError } from "../errors.ts";

/** Telemedicine session kinds and states (issue: outreach); the identifiers are part of the API. */
export const SESSION_KINDS = ["consultation", "ward_round", "teaching", "training", "imaging_reading", "ecg_reading"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ["requested", "proposed", "scheduled", "held", "closed", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_ACTIONS = ["schedule", "propose", "accept", "hold", "close", "cancel"] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];
/** The recipient asks for a session; the supporter gives the expert and the time. */
export type SessionSide = "recipient" | "supporter";

interface Rule {
  from: readonly SessionStatus[];
  to: SessionStatus;
  by: readonly SessionSide[];
  requires?: readonly ("startsAt" | "reason" | "opinion")[];
}

/**
 * requested --schedule(startsAt)--> scheduled            (supporter accepts, at the asked or its own time)
 * requested --propose(startsAt)--> proposed --accept--> scheduled   (recipient takes the proposed time)
 * scheduled --hold(attendance, minutes; a consultation needs the expert opinion)--> held --close--> closed
 * requested|proposed|scheduled --cancel(reason)--> cancelled     (either side)
 */
export const SESSION_TRANSITIONS: Record<SessionAction, Rule> = {
  schedule: { from: ["requested"], to: "scheduled", by: ["supporter"], requires: ["startsAt"] },
  propose: { from: ["requested"], to: "proposed", by: ["supporter"], requires: ["startsAt"] },
  accept: { from: ["proposed"], to: "scheduled", by: ["recipient"] },
  hold: { from: ["scheduled"], to: "held", by: ["supporter"] },
  close: { from: ["held"], to: "closed", by: ["recipient"] },
  cancel: { from: ["requested", "proposed", "scheduled"], to: "cancelled", by: ["recipient", "supporter"], requires: ["reason"] },
};

export interface SessionActionInput {
  startsAt?: string | undefined;
  reason?: string | undefined;
  opinion?: string | undefined;
}

export function sessionActions(status: SessionStatus, side: SessionSide): SessionAction[] {
  return SESSION_ACTIONS.filter((a) => SESSION_TRANSITIONS[a].by.includes(side) && SESSION_TRANSITIONS[a].from.includes(status));
}

/** The next state, or a DomainError: 403 wrong side, 409 wrong state (listing what is allowed), 400 a missing field. */
export function sessionTransition(
  status: SessionStatus,
  action: SessionAction,
  side: SessionSide,
  kind: SessionKind,
  input: SessionActionInput = {},
): SessionStatus {
  const rule = SESSION_TRANSITIONS[action];
  if (!rule.by.includes(side))
    throw new DomainError("forbidden", `Only the ${rule.by.join(" or ")} side may ${action} a session`, [], { reason: "session_side", action });
  if (!rule.from.includes(status)) {
    const allowed = sessionActions(status, side);
    throw new DomainError("conflict", `A ${status} session cannot be ${action}d; allowed now: ${allowed.length ? allowed.join(", ") : "none"}`, [
      { path: "action", code: "conflict_state", params: { entity: "session", action, state: status, allowed }, message: `not allowed in state ${status}` },
    ]);
  }
  const errors: FieldError[] = [];
  if (rule.requires?.includes("startsAt") && !input.startsAt)
    errors.push({ path: "startsAt", code: "required", params: { when: action }, message: `a time is required to ${action}` });
  if (rule.requires?.includes("reason") && !input.reason?.trim())
    errors.push({ path: "reason", code: "required", params: { when: "cancel" }, message: "a reason is required to cancel" });
  if (action === "hold" && kind === "consultation" && !input.opinion?.trim())
    errors.push({ path: "opinion", code: "required", params: { when: "hold" }, message: "a consultation is held with the expert opinion" });
  if (errors.length) throw new DomainError("validation", "Invalid input", errors);
  return rule.to;
}

/** A session's meeting link from its host's template: `{id}` becomes the session id. */
export function meetingLink(template: string | null, sessionId: string): string | null {
  if (!template) return null;
  return template.replaceAll("{id}", sessionId);
}
