import { DomainError } from "@medbridge/core";
import type { Meta, Patient, Reference, Resource } from "@medplum/fhirtypes";
import { requireAccessTo } from "../access.ts";
import { audit } from "../audit.ts";
import { FhirError, fromDomainError, type PathMap } from "./outcome.ts";
import type { FhirContext } from "./resource-def.ts";
import { isUuid } from "./search.ts";

/**
 * What the resources made from a referral's records share (Appointment ← its booked unit,
 * Encounter ← its arrival, DocumentReference ← its attachments): the referral's access rule, the
 * audited read, references, versions.
 */

/**
 * The read of a referral's record, as the REST read of the referral: out of scope is 404 (its
 * existence not revealed), and the read of patient data is audited (`read_patient`).
 */
export async function readReferralRecord(ctx: FhirContext, referralId: string): Promise<void> {
  await requireReferral(ctx, referralId);
  await audit(ctx.db, ctx.actor, { action: "read_patient", entity: "referral", entityId: referralId });
}

/** The one access check on a referral; a refusal is an OperationOutcome naming `expression` when given. */
export async function requireReferral(ctx: FhirContext, referralId: string, expression?: string): Promise<void> {
  await located(expression, () => requireAccessTo(ctx.db, ctx.principal, "read", "referral", [referralId]));
}

/**
 * Runs feature code; its DomainErrors become OperationOutcomes whose field errors name elements
 * through `map`, and whose other refusals (not found, forbidden) name `fallback` when given.
 */
export async function located<T>(fallback: string | undefined, run: () => Promise<T>, map: PathMap = []): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fhir = fromDomainError(error, map, fallback ?? "Resource");
    if (error.errors.length || !fallback) throw fhir;
    throw new FhirError(
      fhir.status,
      fhir.issues.map((i) => ({ ...i, expression: [fallback] })),
    );
  }
}

/**
 * The id a reference search value names for `type`: `Type/<id>`, a bare `<id>`, or an absolute URL
 * ending in `Type/<id>`; null for a reference to another type.
 */
export function idOfReference(text: string, type: string): string | null {
  const parts = text.split("/");
  const id = parts[parts.length - 1] ?? "";
  const given = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (given !== undefined && given !== type) return null;
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : null;
}

/** `_id` values that can be a row's UUID. */
export function uuidValues(values: readonly string[]): string[] {
  return values.filter(isUuid).map((v) => v.toLowerCase());
}

export function referenceTo<T extends Resource>(type: T["resourceType"], id: string): Reference<T> {
  return { reference: `${type}/${id}` };
}

/** The patient of a referral (the patient index record), when the referral has been linked to one. */
export function patientReference(patientId: string | null): Reference<Patient> | undefined {
  return patientId ? referenceTo<Patient>("Patient", patientId) : undefined;
}

/** A version is the time of the last change (ms): the same record unchanged keeps its version. */
export function metaOf(updatedAt: Date | string): Meta {
  const at = new Date(updatedAt);
  return { versionId: String(at.getTime()), lastUpdated: at.toISOString() };
}

/** Raw query results (`db.execute`), the same on PGlite and PostgreSQL. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
