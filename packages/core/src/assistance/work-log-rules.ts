import type { FieldError } from "../errors.ts";
import type { Activity } from "./vocabulary.ts";
import { OPERATION_ROLES, WORK_KINDS, type WorkKind } from "./work-log.ts";

/**
 * The rules of a work-log line as data: which fields each kind of work asks (required) or takes
 * (optional), and the bounds of each field. The server validates with it, the web shows only a
 * kind's fields from it.
 */
export const WORK_LINE_FIELDS = [
  "patients",
  "operationName",
  "procedureCode",
  "operationRole",
  "topic",
  "attendees",
  "minutes",
  "mentees",
  "techniqueId",
] as const;
export type WorkLineField = (typeof WORK_LINE_FIELDS)[number];

export type FieldRule =
  | { type: "count"; min: number; max: number }
  | { type: "text"; max: number }
  | { type: "procedure_code" }
  | { type: "choice"; values: readonly string[] }
  | { type: "reference" };

/** Bounds of each field, whatever the kind. */
export const WORK_FIELD_RULES: Record<WorkLineField, FieldRule> = {
  patients: { type: "count", min: 0, max: 500 },
  operationName: { type: "text", max: 100 },
  procedureCode: { type: "procedure_code" },
  operationRole: { type: "choice", values: OPERATION_ROLES },
  topic: { type: "text", max: 100 },
  attendees: { type: "count", min: 1, max: 1000 },
  minutes: { type: "count", min: 10, max: 600 },
  mentees: { type: "count", min: 1, max: 100 },
  techniqueId: { type: "reference" },
};

/** Per kind: each field it takes, and whether it is required. Fields not listed are not allowed. */
export const WORK_KIND_FIELDS: Record<WorkKind, Partial<Record<WorkLineField, "required" | "optional">>> = {
  outpatient: { patients: "required" },
  operation: { operationName: "required", procedureCode: "optional", operationRole: "required" },
  ward_round: { patients: "optional" },
  teaching: { topic: "required", attendees: "required", minutes: "required" },
  mentoring: { mentees: "required" },
  technique: { techniqueId: "required", patients: "optional" },
};

/** A free-text note any line may carry. */
export const WORK_NOTE_MAX = 500;

/** ICD-9-CM-3 procedure code as written in China's operation lists: `47.09`, `81.54`, `36.1`, `38`. Format only. */
export const PROCEDURE_CODE_PATTERN = /^\d{2}(\.\d{1,2})?$/;

/** A line as entered: the kind and any of its fields (absent or null: not given). */
export type WorkLine = { kind: WorkKind; note?: string | null } & { [F in WorkLineField]?: string | number | null };

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Fields of `line` that its kind takes, the rest dropped (a kind changed by an edit). */
export function fieldsOfKind<T extends Partial<Record<WorkLineField, unknown>>>(kind: WorkKind, line: T): Partial<T> {
  const allowed = WORK_KIND_FIELDS[kind];
  return Object.fromEntries(
    Object.entries(line).filter(([field]) => !(WORK_LINE_FIELDS as readonly string[]).includes(field) || field in allowed),
  ) as Partial<T>;
}

/** Field errors of one line (empty: valid), each naming its field. Pure: references are checked by the caller. */
export function workLineErrors(line: WorkLine): FieldError[] {
  if (!(WORK_KINDS as readonly string[]).includes(line.kind))
    return [{ path: "kind", code: "enum", params: { allowed: WORK_KINDS }, message: `must be one of ${WORK_KINDS.join(", ")}` }];
  const errors: FieldError[] = [];
  const wanted = WORK_KIND_FIELDS[line.kind];
  for (const field of WORK_LINE_FIELDS) {
    const value = line[field];
    const need = wanted[field];
    if (!need) {
      if (given(value))
        errors.push({ path: field, code: "not_allowed", params: { reason: "not_for_kind", kind: line.kind }, message: `is not recorded for ${line.kind}` });
      continue;
    }
    if (!given(value)) {
      if (need === "required") errors.push({ path: field, code: "required", params: { when: line.kind }, message: `is required for ${line.kind}` });
      continue;
    }
    const error = fieldError(field, WORK_FIELD_RULES[field], value);
    if (error) errors.push(error);
  }
  if (given(line.note) && typeof line.note === "string" && line.note.length > WORK_NOTE_MAX)
    errors.push({ path: "note", code: "too_long", params: { limit: WORK_NOTE_MAX }, message: `must be at most ${WORK_NOTE_MAX} characters` });
  return errors;
}

function fieldError(path: WorkLineField, rule: FieldRule, value: unknown): FieldError | null {
  switch (rule.type) {
    case "count":
      if (typeof value !== "number" || !Number.isInteger(value)) return { path, code: "type", params: { type: "integer" }, message: "must be a whole number" };
      if (value < rule.min) return { path, code: "too_small", params: { limit: rule.min }, message: `must be at least ${rule.min}` };
      if (value > rule.max) return { path, code: "too_large", params: { limit: rule.max }, message: `must be at most ${rule.max}` };
      return null;
    case "text":
      if (typeof value !== "string") return { path, code: "type", params: { type: "string" }, message: "must be text" };
      if (value.trim().length === 0) return { path, code: "too_short", params: { limit: 1 }, message: "must not be empty" };
      if (value.length > rule.max) return { path, code: "too_long", params: { limit: rule.max }, message: `must be at most ${rule.max} characters` };
      return null;
    case "procedure_code":
      if (typeof value !== "string" || !PROCEDURE_CODE_PATTERN.test(value))
        return { path, code: "format", params: { format: "icd9cm3" }, message: "must be an ICD-9-CM-3 code like 47.09" };
      return null;
    case "choice":
      if (typeof value !== "string" || !rule.values.includes(value))
        return { path, code: "enum", params: { allowed: rule.values }, message: `must be one of ${rule.values.join(", ")}` };
      return null;
    case "reference":
      if (typeof value !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
        return { path, code: "format", params: { format: "uuid" }, message: "must be an id" };
      return null;
  }
}

/**
 * The lines a check-in's activities and counts stand for, as migration 0031 carried them over:
 * clinic → an outpatient session with the check-in's patients, ward_round → a ward round,
 * surgery → an operation (its name was never asked), teaching or training → a teaching session
 * with its trainees as attendees. Consultation and management make no line.
 */
export function linesFromCheckIn(activities: readonly (Activity | string)[], patients: number | null, trainees: number | null): CheckInLine[] {
  const lines: CheckInLine[] = [];
  if (activities.includes("clinic")) lines.push({ kind: "outpatient", patients, attendees: null });
  if (activities.includes("ward_round")) lines.push({ kind: "ward_round", patients: null, attendees: null });
  if (activities.includes("surgery")) lines.push({ kind: "operation", patients: null, attendees: null });
  if (activities.includes("teaching") || activities.includes("training")) lines.push({ kind: "teaching", patients: null, attendees: trainees });
  return lines;
}
export interface CheckInLine {
  kind: WorkKind;
  patients: number | null;
  attendees: number | null;
}

/** The month (YYYY-MM) a date (YYYY-MM-DD) lies in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
