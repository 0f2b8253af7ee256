import { day, formatDay } from "../dates.ts";
import { type FieldError, invalid } from "../errors.ts";

/**
 * Closing the loop on the register's call list (issue 13, item 4): each call to a due or overdue
 * patient has a result, and the result decides — as data, in CALL_EFFECTS — whether the patient is
 * rescheduled, called again later or leaves the list with a reason. A recorded visit puts the
 * patient back on the list (CALL_STATE_AFTER_VISIT).
 */
export const CALL_RESULTS = ["reached", "no_answer", "wrong_number", "moved_away", "died", "refused"] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

/** Why a patient is off the call list: a result that ends calling, or too many unanswered calls. */
export const OFF_LIST_REASONS = ["unreachable", "wrong_number", "moved_away", "died", "refused"] as const;
export type OffListReason = (typeof OFF_LIST_REASONS)[number];

export const CALL_RULES = {
  /** no_answer: call again this many days later. */
  retryAfterDays: 3,
  /** The unanswered call that makes this many in a row takes the patient off the list as unreachable. */
  maxUnanswered: 3,
  /** reached: the agreed visit date lies between today and today + this many days. */
  agreedWithinDays: 90,
} as const;

export type CallEffect =
  /** The patient agreed a date: it becomes the next due date, and nobody calls before it. */
  | { kind: "reschedule" }
  /** Nobody answered: call again later, until too many calls in a row went unanswered. */
  | { kind: "retry"; afterDays: number; limit: number; offAs: OffListReason }
  /** Calling is over: the patient leaves the list with this reason. */
  | { kind: "off"; reason: OffListReason };

export const CALL_EFFECTS: Record<CallResult, CallEffect> = {
  reached: { kind: "reschedule" },
  no_answer: { kind: "retry", afterDays: CALL_RULES.retryAfterDays, limit: CALL_RULES.maxUnanswered, offAs: "unreachable" },
  wrong_number: { kind: "off", reason: "wrong_number" },
  moved_away: { kind: "off", reason: "moved_away" },
  died: { kind: "off", reason: "died" },
  refused: { kind: "off", reason: "refused" },
};

/** A patient's place on the call list, kept on the register row. */
export interface CallState {
  /** The next due date (of a visit); reached moves it to the agreed date. */
  nextDueOn: string | null;
  /** No call before this day (a retry, or the agreed date); null: call when due. */
  nextCallOn: string | null;
  /** Unanswered calls in a row. */
  unanswered: number;
  offListReason: OffListReason | null;
}

export interface CallInput {
  result: CallResult;
  /** Required for reached, refused otherwise. */
  agreedDate?: string | undefined;
}

/** What is wrong with a call recorded today, each problem naming its field. */
export function callProblems(input: CallInput, today: string): FieldError[] {
  if (input.result !== "reached") {
    return input.agreedDate === undefined
      ? []
      : [{ path: "agreedDate", code: "not_allowed", params: { reason: "not_changeable" }, message: "is only given when the patient was reached" }];
  }
  if (input.agreedDate === undefined)
    return [{ path: "agreedDate", code: "required", params: { when: "reached" }, message: "is required when the patient was reached" }];
  const latest = formatDay(day(today) + CALL_RULES.agreedWithinDays);
  if (input.agreedDate < today) return [{ path: "agreedDate", code: "in_past", message: "is in the past" }];
  if (input.agreedDate > latest)
    return [
      { path: "agreedDate", code: "after", params: { date: latest }, message: `is more than ${CALL_RULES.agreedWithinDays} days ahead (latest ${latest})` },
    ];
  return [];
}

/** The patient's call state after a call recorded today; throws a validation error naming the field. */
export function applyCall(state: CallState, input: CallInput, today: string): CallState {
  const problems = callProblems(input, today);
  if (problems.length) throw invalid(problems);
  const effect = CALL_EFFECTS[input.result];
  switch (effect.kind) {
    case "reschedule": {
      const agreed = input.agreedDate as string;
      return { nextDueOn: agreed, nextCallOn: agreed, unanswered: 0, offListReason: null };
    }
    case "retry": {
      const unanswered = state.unanswered + 1;
      if (unanswered >= effect.limit) return { ...state, nextCallOn: null, unanswered, offListReason: effect.offAs };
      return { ...state, nextCallOn: formatDay(day(today) + effect.afterDays), unanswered, offListReason: null };
    }
    case "off":
      return { ...state, nextCallOn: null, offListReason: effect.reason };
  }
}

/** A recorded visit puts the patient back on the list at the visit's next due date. */
export function callStateAfterVisit(nextDueOn: string): CallState {
  return { nextDueOn, nextCallOn: null, unanswered: 0, offListReason: null };
}

/** On the call list today: not off it, and no call put off until later. */
export function onCallList(state: Pick<CallState, "nextCallOn" | "offListReason">, today: string): boolean {
  return state.offListReason === null && (state.nextCallOn === null || state.nextCallOn <= today);
}
