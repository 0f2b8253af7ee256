/**
 * Errors as data. Every field error and every problem carries a stable `code` from a closed union
 * and the `params` a translation needs; `message`/`detail` stay English for API clients. The web
 * shows the code in the user's language (web/src/errors-i18n.ts), and a test fails when a code
 * here has no translation there.
 */

/** What is wrong with one field: one word a client can switch on, whatever the English says. */
export const FIELD_ERROR_CODES = [
  /** Missing (params.when: a condition, e.g. the role or action that needs it). */
  "required",
  /** A field the endpoint does not know (params.field). */
  "unknown_field",
  /** Wrong JSON type (params.type: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null", or several joined by " or "). */
  "type",
  /** Not one of the allowed values (params.allowed: the values, params.value when safe to echo). */
  "enum",
  /** Text longer than params.limit characters. */
  "too_long",
  /** Text shorter than params.limit characters (1: must not be empty). */
  "too_short",
  /** Number or date below params.limit (params.exclusive when the limit itself is refused). */
  "too_small",
  /** Number, date or size above params.limit (params.unit: "bytes" | "days" when not a plain number). */
  "too_large",
  /** A list with more than params.limit items. */
  "too_many",
  /** A list with fewer than params.limit items. */
  "too_few",
  /** Not in the expected format (params.format: "date", "date-time", "uuid", "email", "uri", "month", "region_code", "base64_key"…). */
  "format",
  /** Does not match the expected pattern (params.pattern). */
  "pattern",
  /** The field's items must be unique. */
  "not_unique",
  /** Text PostgreSQL cannot store: NUL or a lone UTF-16 surrogate. */
  "unstorable_text",
  /** An ID number that is not 17 digits and a digit or X. */
  "id_number_format",
  /** An ID number whose birth date is impossible (params.date). */
  "id_number_birth_date",
  /** An ID number with a wrong check character. */
  "id_number_check_digit",
  /** A reference to a record that does not exist (params.entity: a RecordKind; params.value when it was a name). */
  "not_found",
  /** A name that matches several records (params.entity): use the id. */
  "ambiguous",
  /** Not allowed here (params.reason: a NotAllowedReason, params.* its values). */
  "not_allowed",
  /** An action not possible in the record's current state (params.state, params.allowed: the actions possible now). */
  "conflict_state",
  /** Already exists or already used (params.scope: "file" | "county" | "register" | "alliance" | "system"). */
  "duplicate",
  /** Does not match (params.other: the field or fact it must match; "password" for a password). */
  "mismatch",
  /** Must differ from params.other. */
  "same_as",
  /** A date or time before today / now (params.today when known). */
  "in_past",
  /** A date or time after today / now (params.today when known). */
  "in_future",
  /** Before params.other (a field name) or params.date. */
  "before",
  /** After params.other (a field name) or params.date. */
  "after",
  /** Outside the period params.start..params.end. */
  "out_of_period",
  /** A number above another field's (params.other). */
  "more_than",
  /** Implausible values, likely an entry error (params.other: the field it was compared with). */
  "implausible",
  /** The record is of the wrong kind for this (params.expected: an ExpectedKind). */
  "wrong_kind",
  /** Overlaps another record (params.entity). */
  "overlap",
  /** Nothing left to book (params.entity: "slot" | "bed"). */
  "none_left",
  /** Empty where content is needed (a file with no rows, an empty attachment). */
  "empty",
  /** A file or body that cannot be read (params.format: "json" | "csv" | "xlsx"). */
  "unreadable",
  /** A column header the import does not know (params.column). */
  "unknown_column",
  /** A content type or file type not accepted (params.allowed). */
  "unsupported_type",
  /** The request did not come from a page of this server. */
  "cross_origin",
  /** The server is busy (too many uploads at once); try again shortly. */
  "busy",
  /** A part of the server that is not ready (migrations, data key, database). */
  "not_ready",
  /** Give one of the fields params.fields (exactly one, or at least one with params.atLeastOne). */
  "one_of",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** Values a translation needs. Plain data: strings, numbers, booleans and lists of them. */
export type ErrorParams = Record<string, string | number | boolean | readonly (string | number)[]>;

/** One field-level problem: `path` names the field (dotted, with [i] for rows/items). */
export interface FieldError {
  path: string;
  code: FieldErrorCode;
  params?: ErrorParams;
  /** English, as API clients have always read it. */
  message: string;
}

/** Why something is `not_allowed` (field errors) — each a sentence in the web's translations. */
export const NOT_ALLOWED_REASONS = [
  "empty_for_role",
  "not_changeable",
  "only_consultation_attaches",
  "not_stationed_that_day",
  "demo_password",
  "only_up_referral_returns",
  "slot_or_bed_not_both",
  "already_merged",
  "merged_into_this",
  "both_have_id_number",
  "no_id_with_id_number",
  "path_separator",
  "outside_region",
  /** A rating period not due for the stay today (params.due: the periods that are, params.today). */
  "rating_not_due",
  "webhook_target",
  /** A work-log field the line's kind does not record (params.kind). */
  "not_for_kind",
  /** A record of another agreement's institutions (a technique of another supporter or recipient). */
  "other_agreement",
  /** A supporter with no active or draft agreement in the year asked (params.year): nothing to plan. */
  "no_agreements_in_year",
  /** A plan run that has not finished (params.status: running or failed) cannot be applied. */
  "plan_not_finished",
  /** Only a roster plan is applied (a pairing plan is advice to the commission). */
  "plan_not_roster",
  /** The plan was applied already. */
  "plan_applied",
  /** The supporter's roster changed since the plan was made: run it again. */
  "roster_changed",
  /** A plan whose stays (new or to drop) start on or before today, or a year gone by: plan again. */
  "plan_outdated",
  /** A technique named on a need that is not a technique request (issue 17: capability needs). */
  "technique_only_on_request",
] as const;
export type NotAllowedReason = (typeof NOT_ALLOWED_REASONS)[number];

/** What kind of record was expected (`wrong_kind`). */
export const EXPECTED_KINDS = [
  "county_level_code",
  "county_or_grassroots_institution",
  "county_hospital",
  "touring_site",
  "supporting_institution",
  "higher_level",
  "lower_level",
  "grassroots_institution",
  "other_institution",
  "json_csv_xlsx",
  "csv_xlsx",
] as const;
export type ExpectedKind = (typeof EXPECTED_KINDS)[number];

/** The records a `not_found` names (problem and field level), with their English names. */
export const RECORD_NAMES = {
  institution: "Institution",
  assessment: "Assessment",
  alliance: "Alliance",
  alliance_member: "Alliance member",
  practitioner: "Practitioner",
  user: "User",
  audit: "Audit entry",
  api_token: "API token",
  agreement: "Agreement",
  dispatch: "Dispatch",
  attendance: "Attendance record",
  rule_pack: "Rule pack",
  referral: "Referral",
  attachment: "Attachment",
  slot: "Slot",
  bed: "Bed",
  reserved_pool: "Reserved slot or bed",
  chronic_patient: "Patient",
  patient: "Patient",
  merge: "Merge",
  session: "Session",
  touring_visit: "Touring visit",
  touring_team: "Touring team",
  training: "Training",
  technique: "Technique",
  indicator: "Indicator",
  metric: "Ranking metric",
  region: "Region",
  notification: "Notification",
  sms_message: "Message",
  sms_service: "SMS service",
  webhook: "Webhook",
  route: "Route",
  work_log_entry: "Work-log line",
  plan: "Plan",
} as const;
export type RecordKind = keyof typeof RECORD_NAMES;
export const RECORD_KINDS = Object.keys(RECORD_NAMES) as RecordKind[];

/**
 * The problem as a whole: a stable code for the `detail` (translated when no field error says
 * more), and its HTTP status. One table: the server answers with the status this gives.
 */
export const ERROR_STATUS = {
  /** The input is invalid: see the field errors. */
  validation: 400,
  /** A request the server cannot read (malformed URL, body, header). */
  bad_request: 400,
  /** Not signed in. */
  unauthorized: 401,
  /** Wrong username or password. */
  wrong_credentials: 401,
  /** Not allowed to do this (params.reason: a ForbiddenReason). */
  forbidden: 403,
  /** A password someone else set must be changed first. */
  password_change_required: 403,
  /** The record does not exist or is not yours to see (params.entity: a RecordKind). */
  not_found: 404,
  /** The method is not allowed on this route. */
  method_not_allowed: 405,
  not_acceptable: 406,
  request_timeout: 408,
  /** The request clashes with the current state; see the field errors. */
  conflict: 409,
  /** Someone else changed the record first; try again. */
  retry: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  /** Too many attempts (params.seconds until the next may succeed). */
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  /** The database or the server is not available right now; try again shortly. */
  unavailable: 503,
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Why a request is `forbidden` (problem params.reason) — each a sentence in the web's translations. */
export const FORBIDDEN_REASONS = [
  /** The role may never do this. */
  "role",
  /** The record is outside the caller's reach (params.entity). */
  "scope",
  "figures_outside_region",
  "figures_for_commissions",
  "no_scope",
  "account_exceeds_actor",
  "own_account",
  "unsigned_report",
  "register_grassroots_only",
  "session_requested_by_recipient",
  "session_coordinators_only",
  "session_side",
  "check_in_needs_practitioner",
  "recipient_confirms",
  /** Only the recipient institution's coordinator rates a stationed person (issue 16). */
  "recipient_rates",
  "cross_origin",
  "referral_staff_only",
  "worklists_for_institutions",
  "referral_sides_only",
  "referral_side",
  /** Only the stationed person writes their month's plan and summary (issue 16). */
  "own_work_month",
  /** Only a stationed person (an account linked to a practitioner) keeps a work log (issue 16). */
  "work_log_needs_practitioner",
  /** Only the recipient's coordinator (or the commission) confirms a stationed person's month (issue 16). */
  "recipient_confirms_work",
] as const;
export type ForbiddenReason = (typeof FORBIDDEN_REASONS)[number];

/** Errors are data: a code, a human (English) title, the fields at fault and the params of the code. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly params: ErrorParams;
  constructor(code: ErrorCode, message: string, errors: FieldError[] = [], params: ErrorParams = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.errors = errors;
    this.params = params;
  }
}

/** A validation error for one or more fields. */
export function invalid(errors: FieldError[], message = "Invalid input"): DomainError {
  return new DomainError("validation", message, errors);
}

/** Not found: also what an out-of-scope read looks like. */
export function notFound(entity: RecordKind): DomainError {
  return new DomainError("not_found", `${RECORD_NAMES[entity]} not found`, [], { entity });
}

/** Forbidden: an out-of-scope or not-permitted write; `reason` says why in any language. */
export function forbidden(reason: ForbiddenReason, message = "You may not change this record", params: ErrorParams = {}): DomainError {
  return new DomainError("forbidden", message, [], { reason, ...params });
}

/** Conflict: the request clashes with the current state (duplicate, race lost, wrong state). */
export function conflict(errors: FieldError[], message = "Conflict with the current state"): DomainError {
  return new DomainError("conflict", message, errors);
}
