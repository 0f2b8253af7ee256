import { CARE_LEVEL, type InstitutionKind, invalid, type Priority, type ReferralStatus } from "@medbridge/core";
import type { CodeableConcept, ServiceRequest } from "@medplum/fhirtypes";
import { eq, sql } from "drizzle-orm";
import { requireAccessTo } from "../access.ts";
import { audit } from "../audit.ts";
import { decrypt } from "../crypto.ts";
import { institutions, patients } from "../db/schema.ts";
import { toFieldErrors } from "../http/validation.ts";
import { livePatientId } from "../patient-index.ts";
import type { PersonInput } from "../patients.ts";
import { createReferral, ReferralInput } from "../referral/referrals.ts";
import { coding, systemUrl } from "./code-systems.ts";
import { inInteraction } from "./fhir-http.ts";
import { FhirError, issue, type PathMap, withPaths } from "./outcome.ts";
import { compiled, type FhirBody, field, referenceIn, text } from "./read-body.ts";
import {
  FHIR_PRIORITY,
  ICD10_SYSTEM,
  iso,
  meta,
  organizationRef,
  patientRef,
  type ReferralParams,
  type ReferralRow,
  referralRow,
  rowOfCreated,
  SERVICE_REQUEST_STATUS,
  searchReferrals,
} from "./referral-map.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";

/** SNOMED CT 3457005 "Patient referral": what every MedBridge ServiceRequest asks for. */
const REFERRAL_CODE: CodeableConcept = { coding: [{ system: "http://snomed.info/sct", code: "3457005", display: "Patient referral" }], text: "转诊" };

export function toServiceRequest(row: ReferralRow): ServiceRequest {
  const status = row.status as ReferralStatus;
  return {
    resourceType: "ServiceRequest",
    id: row.id,
    meta: meta(row),
    status: SERVICE_REQUEST_STATUS[status],
    intent: "order",
    category: [{ coding: [coding("referral-direction", row.direction)] }],
    priority: FHIR_PRIORITY[row.priority as Priority],
    code: REFERRAL_CODE,
    subject: patientRef(row),
    ...(row.bookingDate && { occurrenceDateTime: row.bookingDate }),
    authoredOn: iso(row.createdAt) as string,
    requester: organizationRef(row.fromInstitutionId, row.fromInstitutionName),
    performerType: { text: row.department },
    performer: [organizationRef(row.toInstitutionId, row.toInstitutionName)],
    reasonCode: [{ coding: [{ system: ICD10_SYSTEM, code: row.reasonIcd10 }], text: row.reasonText }],
    ...(row.summary?.trim() && { note: [{ text: row.summary }] }),
  };
}

/** The ServiceRequest of a referral as it stands (no access check, no audit: the caller's). */
export async function serviceRequestOf(ctx: FhirContext, referralId: string): Promise<ServiceRequest> {
  return toServiceRequest(await referralRow(ctx.db, referralId, "ServiceRequest"));
}

/** Where each field of the REST referral input is read from in a ServiceRequest. */
function pathsOf(reasonIndex: number, codingIndex: number): PathMap {
  return [
    ["direction", "ServiceRequest.category"],
    ["priority", "ServiceRequest.priority"],
    ["toInstitutionId", "ServiceRequest.performer[0]"],
    ["department", "ServiceRequest.performerType.text"],
    ["patient", "ServiceRequest.subject"],
    ["reason", `ServiceRequest.reasonCode[${reasonIndex}]`],
    ["reason.icd10", `ServiceRequest.reasonCode[${reasonIndex}].coding[${codingIndex}].code`],
    ["reason.text", `ServiceRequest.reasonCode[${reasonIndex}].text`],
    ["summary", "ServiceRequest.note"],
  ];
}

const PRIORITY_OF: Record<string, Priority> = { routine: "routine", urgent: "urgent", stat: "green_channel" };

/**
 * A new referral from a POSTed ServiceRequest, created as a draft (a Task with status `requested`
 * submits it). Read: subject (Patient/<id> of the patient index), performer (the receiving
 * Organization), performerType.text (the receiving department), reasonCode (ICD-10 coding and
 * text), priority, category (up/down; inferred from the two institutions' levels when absent), note
 * (the summary). requester, when given, must be the caller's institution.
 */
async function createServiceRequest(ctx: FhirContext, body: FhirBody): Promise<ServiceRequest> {
  const b = body;
  const status = text(b, "status", "ServiceRequest.status");
  if (status !== undefined && status !== "draft")
    throw new FhirError(400, [
      issue("business-rule", "A ServiceRequest is created as a draft; submit it with a Task (status requested) focused on it", "ServiceRequest.status"),
    ]);
  const intent = text(b, "intent", "ServiceRequest.intent");
  if (intent !== undefined && intent !== "order")
    throw new FhirError(400, [issue("code-invalid", "A referral is an order (intent order)", "ServiceRequest.intent")]);
  const priorityCode = text(b, "priority", "ServiceRequest.priority") ?? "routine";
  const priority = PRIORITY_OF[priorityCode];
  if (!priority) throw new FhirError(400, [issue("code-invalid", "priority must be routine, urgent or stat (green channel)", "ServiceRequest.priority")]);

  const subjectRef = referenceIn(b, "subject", "Patient", "ServiceRequest.subject");
  if (!subjectRef) throw new FhirError(400, [issue("required", "subject must reference the Patient (Patient/<id>)", "ServiceRequest.subject")]);
  const performers = field(b, "performer", "array", "ServiceRequest.performer") as unknown[] | undefined;
  if (performers?.length !== 1) throw new FhirError(400, [issue("required", "performer must name the one receiving Organization", "ServiceRequest.performer")]);
  const toId = referenceIn({ performer: performers[0] }, "performer", "Organization", "ServiceRequest.performer[0]");
  if (!toId) throw new FhirError(400, [issue("required", "performer must reference an Organization (Organization/<id>)", "ServiceRequest.performer[0]")]);
  const requester = referenceIn(b, "requester", "Organization", "ServiceRequest.requester");
  if (requester !== undefined && requester !== ctx.principal.institutionId)
    throw new FhirError(400, [issue("business-rule", "requester must be your own institution (or left out)", "ServiceRequest.requester")]);

  const performerType = field(b, "performerType", "object", "ServiceRequest.performerType") as Record<string, unknown> | undefined;
  const department =
    (performerType && text(performerType, "text", "ServiceRequest.performerType.text")) ??
    (((performerType?.coding as Record<string, unknown>[] | undefined)?.[0]?.display as string | undefined) || undefined);
  if (!department?.trim())
    throw new FhirError(400, [
      issue("required", "performerType.text must name the receiving department (e.g. 心血管内科)", "ServiceRequest.performerType.text"),
    ]);

  const reasons = (field(b, "reasonCode", "array", "ServiceRequest.reasonCode") as Record<string, unknown>[] | undefined) ?? [];
  let reasonIndex = -1;
  let codingIndex = -1;
  reasons.forEach((r, i) => {
    if (reasonIndex !== -1 || !r || typeof r !== "object") return;
    const codings = Array.isArray(r.coding) ? (r.coding as Record<string, unknown>[]) : [];
    const j = codings.findIndex((c) => c && c.system === ICD10_SYSTEM);
    if (j !== -1) {
      reasonIndex = i;
      codingIndex = j;
    }
  });
  if (reasonIndex === -1)
    throw new FhirError(400, [issue("required", `reasonCode needs an ICD-10 coding (system ${ICD10_SYSTEM})`, "ServiceRequest.reasonCode")]);
  const reason = reasons[reasonIndex] as Record<string, unknown>;
  const icd = (reason.coding as Record<string, unknown>[])[codingIndex] as Record<string, unknown>;
  const reasonText = typeof reason.text === "string" ? reason.text : typeof icd.display === "string" ? icd.display : "";
  const notes = (field(b, "note", "array", "ServiceRequest.note") as Record<string, unknown>[] | undefined) ?? [];
  const summary = notes
    .map((n) => (n && typeof n.text === "string" ? n.text : ""))
    .filter(Boolean)
    .join("\n\n");

  const categories = (field(b, "category", "array", "ServiceRequest.category") as Record<string, unknown>[] | undefined) ?? [];
  const directions = categories
    .flatMap((c) => (Array.isArray(c?.coding) ? (c.coding as Record<string, unknown>[]) : []))
    .filter((c) => c?.system === systemUrl("referral-direction"))
    .map((c) => c.code);
  if (directions.some((d) => d !== "up" && d !== "down") || new Set(directions).size > 1)
    throw new FhirError(400, [
      issue("code-invalid", `category must hold one coding of ${systemUrl("referral-direction")}: up or down`, "ServiceRequest.category"),
    ]);

  const given = ctx.bundle?.people.get(subjectRef);
  const { patientId, person } = given ? { patientId: subjectRef, person: given } : await indexedPerson(ctx, subjectRef);
  const direction = (directions[0] as "up" | "down" | undefined) ?? (await inferredDirection(ctx, toId));
  const input = {
    direction,
    priority,
    toInstitutionId: toId,
    department: department.trim(),
    patient: person,
    reason: { icd10: icd.code, text: reasonText.trim() },
    ...(summary && { summary }),
    submit: ctx.submitOnCreate === true,
  };
  const paths = pathsOf(reasonIndex, codingIndex);
  return withPaths(paths, "ServiceRequest", async () => {
    // The REST body schema, so the same limits hold (ICD-10 pattern, department and reason lengths).
    const validate = compiled(ReferralInput);
    if (!validate(input)) throw invalid(toFieldErrors(validate.errors ?? []));
    return inInteraction(ctx, async (tx) => {
      const created = rowOfCreated(await createReferral(tx, ctx.actor, ctx.principal, ctx.config, input as ReferralInput, ctx.now(), patientId));
      if (input.submit) ctx.bundle?.submitted.set(created.id, created);
      return toServiceRequest(created);
    });
  });
}

/** The person a ServiceRequest's subject names, as createReferral takes them: the live record (a merged one's survivor). */
async function indexedPerson(ctx: FhirContext, subjectRef: string): Promise<{ patientId: string; person: PersonInput }> {
  const patientId = await livePatientId(ctx.db, subjectRef);
  const [person] = patientId ? await ctx.db.select().from(patients).where(eq(patients.id, patientId)) : [];
  if (!patientId || !person) throw new FhirError(400, [issue("not-found", `Patient/${subjectRef} is not in the patient index`, "ServiceRequest.subject")]);
  return { patientId, person: indexedPersonOf(ctx, person) };
}

function indexedPersonOf(ctx: FhirContext, person: typeof patients.$inferSelect): PersonInput {
  const idNumber = person.idCipher ? decrypt(ctx.config.dataKey, person.idCipher) : undefined;
  return {
    name: person.name,
    sex: person.sex as PersonInput["sex"],
    birthDate: person.birthDate,
    ...(idNumber ? { idNumber } : { noIdCard: true }),
    ...(person.phone && { phone: person.phone }),
    ...(person.homeCounty && { homeCounty: person.homeCounty }),
  } as PersonInput;
}

/** Up when the receiver is a higher level of care than the caller's institution, else down (createReferral checks it either way). */
async function inferredDirection(ctx: FhirContext, toId: string): Promise<"up" | "down"> {
  const from = ctx.principal.institutionId;
  if (!from) return "up";
  const rows = await ctx.db.select({ id: institutions.id, kind: institutions.kind }).from(institutions).where(sql`${institutions.id} in (${from}, ${toId})`);
  const level = (id: string) => CARE_LEVEL[rows.find((r) => r.id === id)?.kind as InstitutionKind] ?? 0;
  return level(toId) < level(from) ? "down" : "up";
}

/** What the search parameters read: the state through the status map, references to the referral's columns. */
const SEARCH_PARAMS: ReferralParams = {
  status: { map: SERVICE_REQUEST_STATUS, system: "http://hl7.org/fhir/request-status" },
  references: { requester: "from", performer: "to", patient: "patient", subject: "patient" },
};

export const serviceRequestResource: ResourceDef = {
  type: "ServiceRequest",
  entity: "referral",
  documentation:
    "A referral (转诊) as an order: status from its state, priority (green channel = stat), ICD-10 reason, requester and performer Organizations, performerType.text the receiving department, occurrence the booked day. Created as a draft; its Task carries the workflow. versionId counts the referral's events.",
  read: async (ctx, id) => {
    await requireAccessTo(ctx.db, ctx.principal, "read", "referral", [id]);
    const row = await referralRow(ctx.db, id, "ServiceRequest");
    // Reading a referral's details is audited as the REST read is.
    await audit(ctx.db, ctx.actor, { action: "read_patient", entity: "referral", entityId: id });
    return toServiceRequest(row);
  },
  search: {
    params: [
      { name: "requester", type: "reference", documentation: "The sending Organization" },
      { name: "performer", type: "reference", documentation: "The receiving Organization" },
      { name: "patient", type: "reference", documentation: "The Patient (records merged into it included)" },
      { name: "subject", type: "reference", documentation: "The Patient, as patient" },
      { name: "status", type: "token", documentation: "draft, active, completed, revoked" },
      { name: "priority", type: "token", documentation: "routine, urgent, stat (green channel)" },
      { name: "category", type: "token", documentation: "up or down (referral-direction code system)" },
    ],
    run: (ctx, search) => searchReferrals(ctx, search, SEARCH_PARAMS, ["performer"], toServiceRequest),
  },
  create: (ctx, body) => createServiceRequest(ctx, body as FhirBody),
};
