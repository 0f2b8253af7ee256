import { MASK_KEEPS } from "./id-number.ts";
import type { ReferralStatus } from "./state-machine.ts";

/** What a worklist shows: what still waits on someone (the default), everything, or the finished ones. */
export const WORKLIST_VIEWS = ["action", "all", "finished"] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];
export type WorklistRole = "incoming" | "outgoing";

/**
 * The referrals still under way, in the order each side deals with them. Incoming: the ones to
 * answer (green channel first, then by SLA deadline), then those accepted or scheduled awaiting the
 * patient, then those here to be completed. Outgoing: drafts to send, then what waits on the other
 * side in the same order. Drafts never reach the receiver.
 */
export const OPEN_STATUSES: Record<WorklistRole, readonly ReferralStatus[]> = {
  incoming: ["submitted", "accepted", "scheduled", "arrived"],
  outgoing: ["draft", "submitted", "accepted", "scheduled", "arrived"],
};

/** Nobody has anything left to do: one filter away on both worklists. */
export const FINISHED_STATUSES: readonly ReferralStatus[] = ["completed", "rejected", "cancelled", "expired"];

/** The statuses a view of a worklist holds. */
export function viewStatuses(role: WorklistRole, view: WorklistView): readonly ReferralStatus[] {
  if (view === "action") return OPEN_STATUSES[role];
  if (view === "finished") return FINISHED_STATUSES;
  return role === "incoming" ? [...OPEN_STATUSES.incoming, ...FINISHED_STATUSES] : [...OPEN_STATUSES.outgoing, ...FINISHED_STATUSES];
}

/** The longest ID-number tail a worklist search takes: more would narrow a person down from clear data. */
export const ID_TAIL_MAX = 4;

/**
 * How a worklist search reads its text: a name, or the tail of an ID number (digits, the last one
 * possibly X). A tail is refused (with the field error's code and limit) when shorter than two
 * characters, longer than four (a whole number belongs in the patient index's lookup, never in a
 * URL), or longer than the caller sees (those who read only the masked form search by its last
 * MASK_KEEPS characters).
 */
export function worklistSearch(
  text: string,
  seesIdNumbers: boolean,
): { kind: "name"; name: string } | { kind: "idTail"; tail: string } | { kind: "refused"; code: "too_short" | "too_long"; limit: number } {
  const q = text.trim();
  if (!/^[0-9]+[0-9Xx]?$|^[Xx]$/.test(q)) return { kind: "name", name: q };
  const tail = q.toUpperCase();
  if (tail.length < 2) return { kind: "refused", code: "too_short", limit: 2 };
  const limit = seesIdNumbers ? ID_TAIL_MAX : MASK_KEEPS;
  if (tail.length > limit) return { kind: "refused", code: "too_long", limit };
  return { kind: "idTail", tail };
}
