import { DomainError, ERROR_STATUS, type Priority, type ReferralAction, type ReferralStatus } from "@medbridge/core";
import type { Task } from "@medplum/fhirtypes";
import { eq, sql } from "drizzle-orm";
import { requireAccessTo } from "../access.ts";
import { beds, referralEvents, referrals, slots } from "../db/schema.ts";
import { applyTransition } from "../referral/referrals.ts";
import { coding, systemUrl } from "./code-systems.ts";
import { inInteraction } from "./fhir-http.ts";
import { FhirError, fromDomainError, issue, type PathMap } from "./outcome.ts";
import { type FhirBody, field, referenceIn, text } from "./read-body.ts";
import {
  FHIR_PRIORITY,
  iso,
  meta,
  organizationRef,
  patientRef,
  type ReferralParams,
  type ReferralRow,
  referralRow,
  searchReferrals,
  TASK_STATUS,
} from "./referral-map.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";

/**
 * A referral's workflow as a Task (id = the referral's id): status from the MedBridge state,
 * businessStatus the state itself, owner the receiving institution, restriction.period.end the SLA
 * deadline. Changing its status runs the referral's own transitions (applyTransition): the same
 * sides, states, 403s and 409s as POST /referrals/:id/transitions.
 */

/** A referral's events end with the reason when it was rejected, cancelled or expired. */
const WITH_REASON: readonly ReferralStatus[] = ["rejected", "cancelled", "expired"];

export function toTask(row: ReferralRow): Task {
  const status = row.status as ReferralStatus;
  return {
    resourceType: "Task",
    id: row.id,
    meta: meta(row),
    status: TASK_STATUS[status],
    ...(WITH_REASON.includes(status) && row.lastNote?.trim() && { statusReason: { text: row.lastNote } }),
    businessStatus: { coding: [coding("referral-status", status)], text: status },
    intent: "order",
    priority: FHIR_PRIORITY[row.priority as Priority],
    code: { coding: [{ system: "http://hl7.org/fhir/CodeSystem/task-code", code: "fulfill", display: "Fulfill the focal request" }] },
    focus: { reference: `ServiceRequest/${row.id}` },
    for: patientRef(row),
    authoredOn: iso(row.createdAt) as string,
    // Never before authoredOn (inv-1): the row's creation time is the database's, its changes the server clock's.
    lastModified: iso(new Date(Math.max(new Date(row.updatedAt).getTime(), new Date(row.createdAt).getTime()))) as string,
    requester: organizationRef(row.fromInstitutionId, row.fromInstitutionName),
    owner: organizationRef(row.toInstitutionId, row.toInstitutionName),
    ...(row.slaDeadline && { restriction: { period: { end: iso(row.slaDeadline) as string } } }),
  };
}

/**
 * The Task of a referral as it stands now, for whoever is to receive it (a Subscription's
 * notification, an answer to a change). No access check and no audit: the caller decides who may
 * see it. A referral that does not exist is a 404 FhirError.
 */
export async function taskOf(ctx: FhirContext, referralId: string): Promise<Task> {
  return toTask(await referralRow(ctx.db, referralId, "Task"));
}

/** The action that moves a referral to a MedBridge state (draft and expired are no one's to choose). */
const ACTION_TO: Partial<Record<ReferralStatus, Exclude<ReferralAction, "expire">>> = {
  submitted: "submit",
  accepted: "accept",
  rejected: "reject",
  scheduled: "schedule",
  arrived: "arrive",
  completed: "complete",
  cancelled: "cancel",
};

/** What a Task status asks for, from the referral's current state (in-progress: schedule an accepted one, else arrival). */
function targetOf(taskStatus: string, current: ReferralStatus): ReferralStatus | null {
  switch (taskStatus) {
    case "requested":
      return "submitted";
    case "accepted":
      return "accepted";
    case "rejected":
      return "rejected";
    case "cancelled":
      return "cancelled";
    case "completed":
      return "completed";
    case "in-progress":
      return current === "accepted" ? "scheduled" : "arrived";
    default:
      return null;
  }
}

/** The REST transition input's fields, as the elements of the Task they were read from. */
const TRANSITION_PATHS: PathMap = [
  ["action", "Task.status"],
  ["note", "Task.statusReason.text"],
  ["slotId", "Task.input"],
  ["bedId", "Task.input"],
  ["downReferral", "Task"],
];

/** A reference element of the Task, when present, must name what the referral has (these are not changed by an update). */
function sameReference(body: FhirBody, key: string, type: string, expected: string | null): void {
  const given = referenceIn(body, key, type, `Task.${key}`);
  if (given !== undefined && given !== expected)
    throw new FhirError(400, [
      issue("business-rule", `${key} is the referral's own (${type}/${expected ?? "?"}) and is not changed through a Task`, `Task.${key}`),
    ]);
}

function checkIntent(body: FhirBody): void {
  const intent = text(body, "intent", "Task.intent");
  if (intent !== undefined && intent !== "order")
    throw new FhirError(400, [issue("code-invalid", "A referral's Task is an order (intent order)", "Task.intent")]);
}

/** The reason given with a change: statusReason.text (or its coding's display), else the first note. */
function noteOf(body: FhirBody): string | undefined {
  const reason = field(body, "statusReason", "object", "Task.statusReason") as FhirBody | undefined;
  const fromReason =
    (reason && text(reason, "text", "Task.statusReason.text")) ??
    ((Array.isArray(reason?.coding) && ((reason.coding as FhirBody[])[0]?.display as string | undefined)) || undefined);
  if (fromReason?.trim()) return fromReason;
  const notes = field(body, "note", "array", "Task.note") as FhirBody[] | undefined;
  const note = notes?.find((n) => n && typeof n.text === "string" && n.text.trim());
  return note?.text as string | undefined;
}

/** A Slot named in Task.input (valueReference Slot/<id>): a reserved slot, or a reserved bed by its own id. */
async function bookingOf(ctx: FhirContext, body: FhirBody): Promise<{ slotId?: string; bedId?: string }> {
  const inputs = (field(body, "input", "array", "Task.input") as FhirBody[] | undefined) ?? [];
  for (const [i, input] of inputs.entries()) {
    if (!input || typeof input !== "object" || !input.valueReference) continue;
    const id = referenceIn(input, "valueReference", "Slot", `Task.input[${i}].valueReference`);
    if (!id) continue;
    const [slot] = await ctx.db.select({ id: slots.id }).from(slots).where(eq(slots.id, id));
    if (slot) return { slotId: id };
    const [bed] = await ctx.db.select({ id: beds.id }).from(beds).where(eq(beds.id, id));
    if (bed) return { bedId: id };
    throw new FhirError(400, [issue("not-found", `Slot/${id} is not a reserved slot or bed`, `Task.input[${i}].valueReference`)]);
  }
  return {};
}

/** The current version (the count of the referral's events), with the row locked for the change. */
async function lockedVersion(ctx: FhirContext, id: string): Promise<{ status: ReferralStatus; version: number }> {
  const [row] = await ctx.db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, id)).for("update");
  if (!row) throw new FhirError(404, [issue("not-found", `Task/${id} not found`)]);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(referralEvents).where(eq(referralEvents.referralId, id));
  return { status: row.status as ReferralStatus, version: count?.n ?? 0 };
}

/** Runs one transition with the errors of the state machine named as Task elements. */
async function transitionTo(ctx: FhirContext, id: string, action: Exclude<ReferralAction, "expire">, body: FhirBody): Promise<void> {
  const note = noteOf(body);
  const booking = action === "schedule" ? await bookingOf(ctx, body) : {};
  try {
    await applyTransition(ctx.db, ctx.actor, ctx.principal, ctx.config, id, { action, ...(note && { note }), ...booking }, ctx.now(), ctx.landings);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The state machine's refusals in its own words (the side that may, the actions allowed now), about the status asked for.
    const aboutTheState = error.code === "forbidden" || (error.code === "conflict" && error.errors.every((e) => e.path === "action"));
    if (aboutTheState)
      throw new FhirError(ERROR_STATUS[error.code], [issue(error.code === "forbidden" ? "forbidden" : "business-rule", error.message, "Task.status")]);
    throw fromDomainError(error, TRANSITION_PATHS, "Task");
  }
}

/** 404 for a referral the caller may not read (as REST answers a transition out of scope), naming `element`. */
async function readable(ctx: FhirContext, id: string, element: string): Promise<void> {
  try {
    await requireAccessTo(ctx.db, ctx.principal, "read", "referral", [id]);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw new FhirError(404, [issue("not-found", `ServiceRequest/${id} not found`, element)]);
    throw error;
  }
}

/**
 * POST Task: the Task of a draft referral (focus ServiceRequest/<id>) with status `requested`
 * submits it; status `draft` leaves it unsent. The Task takes the referral's id.
 */
async function createTask(ctx: FhirContext, body: FhirBody): Promise<Task> {
  const status = text(body, "status", "Task.status");
  if (status !== "requested" && status !== "draft")
    throw new FhirError(400, [
      issue(
        status === undefined ? "required" : "code-invalid",
        "A Task is created to submit its ServiceRequest: status requested (or draft to leave it unsent)",
        "Task.status",
      ),
    ]);
  checkIntent(body);
  const id = referenceIn(body, "focus", "ServiceRequest", "Task.focus");
  if (!id) throw new FhirError(400, [issue("required", "focus must reference the referral's ServiceRequest", "Task.focus")]);
  // Created submitted by this Bundle's ServiceRequest entry (submitOnCreate): the submit is done.
  const submittedHere = status === "requested" ? ctx.bundle?.submitted.get(id) : undefined;
  if (!submittedHere) await readable(ctx, id, "Task.focus");
  return inInteraction(ctx, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = submittedHere ?? (await referralRow(tx, id, "Task"));
    sameReference(body, "owner", "Organization", row.toInstitutionId);
    sameReference(body, "requester", "Organization", row.fromInstitutionId);
    sameReference(body, "for", "Patient", row.patientId);
    // Nothing to move: the referral was created submitted, by the same caller, in this transaction.
    if (submittedHere) return toTask(submittedHere);
    if (status === "requested") await transitionTo(txCtx, id, "submit", body);
    else if (row.status !== "draft")
      throw new FhirError(409, [
        issue("business-rule", `ServiceRequest/${id} is already ${row.status}; a draft Task is only for a draft referral`, "Task.status"),
      ]);
    return taskOf(txCtx, id);
  });
}

/**
 * PUT Task/:id with If-Match: the status says where the referral goes — accepted → accept,
 * rejected → reject (statusReason.text is the reason), in-progress → schedule an accepted referral
 * (a reserved Slot in input, or the one it holds) or mark a scheduled one arrived, completed →
 * complete, cancelled → cancel, requested → submit. A businessStatus (referral-status) other than
 * the current state names the state wanted (scheduled or arrived, explicitly) and must go with the
 * status. The Task as read (status and businessStatus unchanged) is no change. Other elements are
 * the referral's own and stay.
 */
async function updateTask(ctx: FhirContext, id: string, body: FhirBody, ifMatch: string | undefined): Promise<Task> {
  if (ifMatch === undefined)
    throw new FhirError(428, [issue("required", "Send If-Match with the version you last read (ETag), so another system's change is not overwritten")]);
  await readable(ctx, id, "Task");
  const taskStatus = text(body, "status", "Task.status");
  if (taskStatus === undefined) throw new FhirError(400, [issue("required", "status is required", "Task.status")]);
  checkIntent(body);
  return inInteraction(ctx, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const current = await lockedVersion(txCtx, id);
    if (String(current.version) !== ifMatch)
      throw new FhirError(412, [
        issue("conflict", `Task/${id} changed since version ${ifMatch} (now ${current.version}): read it again and decide on what it says now`),
      ]);
    const row = await referralRow(tx, id, "Task");
    sameReference(body, "focus", "ServiceRequest", id);
    sameReference(body, "owner", "Organization", row.toInstitutionId);
    sameReference(body, "requester", "Organization", row.fromInstitutionId);
    sameReference(body, "for", "Patient", row.patientId);
    // businessStatus names the state wanted when it differs from the current one; as read (unchanged), the status decides.
    const named = businessStatusOf(body);
    const unchanged = named === current.status && TASK_STATUS[current.status] === taskStatus;
    const target = named !== null && named !== current.status ? named : unchanged ? current.status : targetOf(taskStatus, current.status);
    if (target === null)
      throw new FhirError(400, [
        issue(
          "code-invalid",
          `A referral's Task moves to requested, accepted, rejected, in-progress, completed or cancelled, not ${taskStatus}`,
          "Task.status",
        ),
      ]);
    if (TASK_STATUS[target] !== taskStatus)
      throw new FhirError(400, [
        issue("business-rule", `businessStatus ${target} goes with status ${TASK_STATUS[target]}, not ${taskStatus}`, "Task.businessStatus"),
      ]);
    if (target === current.status) return taskOf(txCtx, id);
    const action = ACTION_TO[target];
    if (!action) throw new FhirError(400, [issue("code-invalid", `No one moves a referral to ${target}`, "Task.businessStatus")]);
    await transitionTo(txCtx, id, action, body);
    return taskOf(txCtx, id);
  });
}

/** The MedBridge state a body's businessStatus names (referral-status code system), if it names one. */
function businessStatusOf(body: FhirBody): ReferralStatus | null {
  const business = field(body, "businessStatus", "object", "Task.businessStatus") as FhirBody | undefined;
  const codings = Array.isArray(business?.coding) ? (business.coding as FhirBody[]) : [];
  const code = codings.find((c) => c?.system === systemUrl("referral-status"))?.code;
  if (code === undefined) return null;
  if (typeof code !== "string" || !(code in TASK_STATUS))
    throw new FhirError(400, [issue("code-invalid", `businessStatus must be a code of ${systemUrl("referral-status")}`, "Task.businessStatus")]);
  return code as ReferralStatus;
}

/** What the search parameters read: the state through the status map, references to the referral's columns. */
const SEARCH_PARAMS: ReferralParams = {
  status: { map: TASK_STATUS, system: "http://hl7.org/fhir/task-status" },
  references: { owner: "to", requester: "from", patient: "patient", focus: "self" },
  businessStatus: "business-status",
};

export const taskResource: ResourceDef = {
  type: "Task",
  entity: "referral",
  // Each side moves the referral its own way: the state machine decides through actingSide (as POST /referrals/:id/transitions).
  writeAccess: ["read", "referral"],
  updateRequiresIfMatch: true,
  documentation:
    "A referral's workflow (id = the referral's id): status from the MedBridge state (scheduled and arrived are in-progress), businessStatus the state (referral-status), owner the receiving Organization, restriction.period.end the SLA deadline. POST with status requested submits a draft; PUT (If-Match) changes the status through the referral's state machine.",
  read: async (ctx, id) => {
    await requireAccessTo(ctx.db, ctx.principal, "read", "referral", [id]);
    return taskOf(ctx, id);
  },
  search: {
    params: [
      { name: "owner", type: "reference", documentation: "The receiving Organization" },
      { name: "requester", type: "reference", documentation: "The sending Organization" },
      { name: "status", type: "token", documentation: "draft, requested, accepted, in-progress, completed, rejected, cancelled, failed" },
      { name: "business-status", type: "token", documentation: "The MedBridge state (referral-status code system)" },
      { name: "focus", type: "reference", documentation: "The ServiceRequest (the same id)" },
      { name: "patient", type: "reference", documentation: "The Patient (records merged into it included)" },
      { name: "priority", type: "token", documentation: "routine, urgent, stat (green channel)" },
    ],
    run: (ctx, search) => searchReferrals(ctx, search, SEARCH_PARAMS, ["owner"], toTask),
  },
  create: (ctx, body) => createTask(ctx, body as FhirBody),
  update: (ctx, id, body, ifMatch) => updateTask(ctx, id, body as FhirBody, ifMatch),
};
