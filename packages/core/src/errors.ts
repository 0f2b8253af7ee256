/** One field-level problem: `path` names the field (dotted, with [i] for rows/items). */
export interface FieldError {
  path: string;
  message: string;
}

export type ErrorCode =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unsupported_media_type";

/** HTTP status per error code: the one table the server uses to answer. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** Errors are data: a code, a human title and the fields at fault. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  constructor(code: ErrorCode, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.errors = errors;
  }
}

/** A validation error for one or more fields. */
export function invalid(errors: FieldError[], message = "Invalid input"): DomainError {
  return new DomainError("validation", message, errors);
}

/** Not found: also what an out-of-scope read looks like. */
export function notFound(what: string): DomainError {
  return new DomainError("not_found", `${what} not found`);
}

/** Forbidden: an out-of-scope or not-permitted write. */
export function forbidden(message = "You may not change this record"): DomainError {
  return new DomainError("forbidden", message);
}

/** Conflict: the request clashes with the current state (duplicate, race lost, wrong state). */
export function conflict(errors: FieldError[], message = "Conflict with the current state"): DomainError {
  return new DomainError("conflict", message, errors);
}
