import { DomainError, ERROR_STATUS, type ErrorCode, type FieldError, type FieldErrorCode } from "@medbridge/core";
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";

type IssueType = OperationOutcomeIssue["code"];

/**
 * FHIR's answer to every refusal is an OperationOutcome (http://hl7.org/fhir/R4/operationoutcome.html).
 * The server's one error path (DomainError with field errors) is translated here, once: a problem
 * code becomes an issue type, a field error an issue whose `expression` names the FHIR element.
 */
const ISSUE_OF_PROBLEM: Record<ErrorCode, IssueType> = {
  validation: "invalid",
  bad_request: "structure",
  unauthorized: "login",
  wrong_credentials: "security",
  forbidden: "forbidden",
  password_change_required: "security",
  not_found: "not-found",
  method_not_allowed: "not-supported",
  not_acceptable: "not-supported",
  request_timeout: "timeout",
  conflict: "conflict",
  retry: "transient",
  payload_too_large: "too-long",
  uri_too_long: "too-long",
  unsupported_media_type: "not-supported",
  rate_limited: "throttled",
  headers_too_large: "too-long",
  internal: "exception",
  unavailable: "transient",
};

const ISSUE_OF_FIELD: Partial<Record<FieldErrorCode, IssueType>> = {
  required: "required",
  unknown_field: "structure",
  type: "structure",
  too_long: "too-long",
  duplicate: "duplicate",
  conflict_state: "business-rule",
  not_allowed: "business-rule",
  not_found: "not-found",
  none_left: "conflict",
  unstorable_text: "invalid",
};

/** A refusal in FHIR's terms: the HTTP status and the outcome's issues. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: OperationOutcomeIssue[],
  ) {
    super(issues[0]?.diagnostics ?? "FHIR request refused");
  }
}

export function operationOutcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: issues.length ? issues : [{ severity: "error", code: "exception" }] };
}

/** An issue naming one element (a FHIRPath such as `Task.status`). */
export function issue(code: IssueType, diagnostics: string, expression?: string): OperationOutcomeIssue {
  return { severity: "error", code, diagnostics, ...(expression && { expression: [expression] }) };
}

/** 400 with one issue per element at fault. */
export function invalidResource(issues: OperationOutcomeIssue[]): FhirError {
  return new FhirError(400, issues);
}

/**
 * Where a field of the REST input lives in the FHIR resource it was read from, e.g.
 * `patient.birthDate` → `Patient.birthDate`. Longest prefix first; a path no entry names keeps the
 * resource type as its expression, so an issue always points somewhere.
 */
export type PathMap = readonly (readonly [restPrefix: string, fhirPath: string])[];

export function fhirPath(map: PathMap, restPath: string, fallback: string): string {
  let best: readonly [string, string] | undefined;
  for (const entry of map) {
    const [prefix] = entry;
    const matches = restPath === prefix || restPath.startsWith(`${prefix}.`) || restPath.startsWith(`${prefix}[`);
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best ? best[1] : fallback;
}

function fieldIssue(error: FieldError, map: PathMap, fallback: string, status: number): OperationOutcomeIssue {
  const code = ISSUE_OF_FIELD[error.code] ?? (status === 409 ? "conflict" : "value");
  return issue(code, `${error.path} ${error.message}`, fhirPath(map, error.path, fallback));
}

/** A DomainError of the features, told in FHIR: its field errors name elements through `map`. */
export function fromDomainError(error: DomainError, map: PathMap = [], fallback = "Resource"): FhirError {
  const status = ERROR_STATUS[error.code];
  const issues = error.errors.length ? error.errors.map((e) => fieldIssue(e, map, fallback, status)) : [issue(ISSUE_OF_PROBLEM[error.code], error.message)];
  return new FhirError(status, issues);
}

/**
 * Runs a feature's function on behalf of a FHIR interaction, so that its errors name the elements
 * of the resource the input was read from.
 */
export async function withPaths<T>(map: PathMap, fallback: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError) throw fromDomainError(error, map, fallback);
    throw error;
  }
}
