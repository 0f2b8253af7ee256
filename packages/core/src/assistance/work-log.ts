/**
 * The stationed person's work log (issue 16) as data: the kinds of work, which fields each kind
 * asks, and the recipient's judgement of a stay. Identifiers are part of the interface.
 */
export const WORK_KINDS = ["outpatient", "operation", "ward_round", "teaching", "mentoring", "technique"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** The stationed person's part in an operation. */
export const OPERATION_ROLES = ["lead", "assistant"] as const;
export type OperationRole = (typeof OPERATION_ROLES)[number];

/** A log line's review state: the recipient confirms a month's lines in one action, or disputes some. */
export const WORK_ENTRY_STATUSES = ["recorded", "confirmed", "disputed"] as const;
export type WorkEntryStatus = (typeof WORK_ENTRY_STATUSES)[number];

/** Where a line came from: the work log itself, or a check-in's counts carried over (migration 0031). */
export const WORK_ENTRY_SOURCES = ["log", "check_in"] as const;
export type WorkEntrySource = (typeof WORK_ENTRY_SOURCES)[number];

/** A stationed person's month: open until the recipient confirms it (or disputes it). */
export const WORK_MONTH_STATUSES = ["open", "confirmed", "disputed"] as const;
export type WorkMonthStatus = (typeof WORK_MONTH_STATUSES)[number];

/** What the recipient rates at the end of a stay (and each quarter of a long one), 1–5 each. */
export const RATING_ASPECTS = ["attendance", "clinical", "teaching", "conduct"] as const;
export type RatingAspect = (typeof RATING_ASPECTS)[number];
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A rating below this is a flag on the board (issue 16 item 5). */
export const LOW_RATING = 3;
