import { type Principal, type Priority, type ReferralStatus, readScope } from "@medbridge/core";
import type { Organization, Patient, Reference, Resource, ServiceRequest, Task } from "@medplum/fhirtypes";
import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { inRegion } from "../access.ts";
import type { Db } from "../db/connection.ts";
import { referrals } from "../db/schema.ts";
import { patientFamily } from "../patient-index.ts";
import { type createReferral, columns as restColumns } from "../referral/referrals.ts";
import { systemUrl } from "./code-systems.ts";
import { FhirError, issue } from "./outcome.ts";
import type { FhirContext } from "./resource-def.ts";
import { dateCondition, isUuid, pageOf, referenceId, type SearchRequest, type SearchResult, token } from "./search.ts";

/**
 * A referral as the FHIR door shows it: one row read with what the ServiceRequest and the Task need
 * (the booked day, the version, the last event's note), the status and priority maps both share,
 * and the search conditions both take. ServiceRequest.id = Task.id = the referral's id.
 */

/** ICD-10 (WHO) as FHIR names it: the reason of a referral. */
export const ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10";

/** The referral's state as the ServiceRequest's status: the order stands while the referral is open. */
export const SERVICE_REQUEST_STATUS: Record<ReferralStatus, ServiceRequest["status"]> = {
  draft: "draft",
  submitted: "active",
  accepted: "active",
  scheduled: "active",
  arrived: "active",
  completed: "completed",
  rejected: "revoked",
  cancelled: "revoked",
  expired: "revoked",
};

/**
 * The referral's state as the Task's status. `scheduled` (a slot or bed booked, the patient not yet
 * come) is `in-progress`: the receiver has started on it, and a HIS moving an accepted Task to
 * in-progress is what schedules it; `businessStatus` tells scheduled from arrived.
 */
export const TASK_STATUS: Record<ReferralStatus, Task["status"]> = {
  draft: "draft",
  submitted: "requested",
  accepted: "accepted",
  scheduled: "in-progress",
  arrived: "in-progress",
  completed: "completed",
  rejected: "rejected",
  cancelled: "cancelled",
  expired: "failed",
};

export const FHIR_PRIORITY: Record<Priority, "routine" | "urgent" | "stat"> = { routine: "routine", urgent: "urgent", green_channel: "stat" };

/** MedBridge states whose FHIR status (through `map`) is one of `codes`. */
export function statusesOf<C extends string>(map: Record<ReferralStatus, C>, codes: readonly string[]): ReferralStatus[] {
  return (Object.keys(map) as ReferralStatus[]).filter((s) => codes.includes(map[s]));
}

const date = (d: Date | string | null) => (d ? new Date(d).toISOString() : undefined);

/** What one referral row brings to its ServiceRequest and Task. */
export const referralColumns = {
  id: restColumns.id,
  direction: restColumns.direction,
  priority: restColumns.priority,
  status: restColumns.status,
  fromInstitutionId: restColumns.fromInstitutionId,
  fromInstitutionName: restColumns.fromInstitutionName,
  toInstitutionId: restColumns.toInstitutionId,
  toInstitutionName: restColumns.toInstitutionName,
  department: restColumns.department,
  patientId: restColumns.patientId,
  reasonIcd10: restColumns.reasonIcd10,
  reasonText: restColumns.reasonText,
  summary: restColumns.summary,
  slotId: restColumns.slotId,
  bedId: restColumns.bedId,
  bookingDate: restColumns.bookingDate,
  slaDeadline: referrals.slaDeadline,
  createdAt: referrals.createdAt,
  updatedAt: referrals.updatedAt,
  /** The version: every change of a referral is an event (create or submit, each transition, expiry), so their count only grows. */
  version: sql<number>`(select count(*)::int from referral_events e where e.referral_id = "referrals"."id")`,
  /** The note of the latest event: a rejection's or cancellation's reason, the expiry's. */
  lastNote: sql<string | null>`(select e.note from referral_events e where e.referral_id = "referrals"."id" order by e.at desc, e.id desc limit 1)`,
};

export type ReferralRow = Awaited<ReturnType<typeof selectReferrals>>[number];

export function selectReferrals(db: Db, where: SQL | undefined) {
  return db.select(referralColumns).from(referrals).where(where);
}

/** One referral's row, or a 404 naming `type/id`. */
export async function referralRow(db: Db, id: string, type: "ServiceRequest" | "Task"): Promise<ReferralRow> {
  const [row] = await selectReferrals(db, eq(referrals.id, id));
  if (!row) throw new FhirError(404, [issue("not-found", `${type}/${id} not found`)]);
  return row;
}

/**
 * The row of a referral createReferral has just made, from its answer: nothing read back. Its one
 * event (create, or submit when created submitted) is its version; its times are the Clock's.
 */
export function rowOfCreated(created: Awaited<ReturnType<typeof createReferral>>): ReferralRow {
  const at = new Date(created.createdAt);
  return {
    id: created.id,
    direction: created.direction,
    priority: created.priority,
    status: created.status,
    fromInstitutionId: created.fromInstitutionId,
    fromInstitutionName: created.fromInstitutionName,
    toInstitutionId: created.toInstitutionId,
    toInstitutionName: created.toInstitutionName,
    department: created.department,
    patientId: created.patient.id,
    reasonIcd10: created.reason.icd10,
    reasonText: created.reason.text,
    summary: created.summary,
    slotId: created.slotId,
    bedId: created.bedId,
    bookingDate: created.booking?.date ?? null,
    slaDeadline: created.slaDeadline ? new Date(created.slaDeadline) : null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    lastNote: null,
  };
}

/**
 * A search of referrals as ServiceRequests or Tasks: the caller's scope and the parameters'
 * conditions, the worklist order when the receiver's side is searched, one page.
 */
export async function searchReferrals(
  ctx: FhirContext,
  search: SearchRequest,
  params: ReferralParams,
  receiverParams: readonly string[],
  toResource: (row: ReferralRow) => Resource,
): Promise<SearchResult> {
  const conditions = await referralConditions(ctx.db, search, params);
  const where = referralWhere(ctx.principal, search, params, conditions);
  const { rows, total } = await pageOf(
    ctx.db,
    search,
    () =>
      selectReferrals(ctx.db, where)
        .orderBy(...referralOrder(search, receiverParams))
        .limit(search.count)
        .offset(search.offset),
    () => ctx.db.select({ one: sql`1` }).from(referrals).where(where),
  );
  return { resources: rows.map(toResource), total };
}

export const organizationRef = (id: string, name?: string | null): Reference<Organization> => ({
  reference: `Organization/${id}`,
  ...(name && { display: name }),
});

/** The person in the patient index; a row the linking has not reached yet is named by type only. */
export const patientRef = (row: ReferralRow): Reference<Patient> =>
  row.patientId ? { reference: `Patient/${row.patientId}` } : { type: "Patient", display: "(not yet linked to the patient index)" };

export const meta = (row: ReferralRow) => ({ versionId: String(row.version), lastUpdated: date(row.updatedAt) as string });

export const iso = date;

/** A draft is the sender's alone: it never reaches the receiver's lists (as the REST incoming worklist). */
const sent = sql`${referrals.status} <> 'draft'`;

/**
 * What a caller may list: the referrals of their institution — its own drafts and what it sent, and
 * what it was sent — or a region's, or all.
 */
export function referralScope(principal: Principal): SQL | undefined {
  const scope = readScope(principal, "referral");
  if (scope === null) return undefined;
  if ("none" in scope) return sql`false`;
  if ("regionCode" in scope) return inRegion(referrals.regionCode, scope.regionCode);
  return or(eq(referrals.fromInstitutionId, scope.institutionId), and(eq(referrals.toInstitutionId, scope.institutionId), sent));
}

/** A token parameter of a fixed code system (or none given) as the MedBridge values it stands for. */
function tokenCodes(values: readonly string[], system: string): string[] {
  return values.flatMap((v) => {
    const t = token(v);
    if (t.system !== undefined && t.system !== system) return [];
    return t.code === undefined ? [] : [t.code];
  });
}

/** A reference parameter (`Organization/<id>`, `<id>`, or a URL ending so) → the uuids it names. */
function referenceIds(values: readonly string[], type: string): string[] {
  return values.map((v) => referenceId(v, type)).filter((id): id is string => id !== null);
}

const inOrFalse = (column: Parameters<typeof inArray>[0], values: string[]) => (values.length ? inArray(column, values) : sql`false`);

export interface ReferralParams {
  /** Status parameter name → the map its codes go through, with its code system. */
  status: { map: Record<ReferralStatus, string>; system: string };
  /** Reference parameters: name → the column and the type it refers to. */
  references: Record<string, "from" | "to" | "patient" | "self">;
  /** Token parameter on the MedBridge state itself (Task's business-status). */
  businessStatus?: string;
}

/**
 * The conditions of a search over referrals: each occurrence ANDed, each comma alternative ORed;
 * `:not` on tokens, `:missing` on references. A patient reference also finds the referrals of
 * records merged into that patient.
 */
export async function referralConditions(db: Db, search: SearchRequest, params: ReferralParams): Promise<SQL[]> {
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (name === "_id") {
        where.push(
          inOrFalse(
            referrals.id,
            values.filter(isUuid).map((v) => v.toLowerCase()),
          ),
        );
        continue;
      }
      if (name === "_lastUpdated") {
        where.push(dateCondition(name, referrals.updatedAt, values));
        continue;
      }
      const kind = params.references[name];
      if (kind) {
        const column =
          kind === "from" ? referrals.fromInstitutionId : kind === "to" ? referrals.toInstitutionId : kind === "patient" ? referrals.patientId : referrals.id;
        if (modifier === "missing") {
          // Only a referral the patient linking has not reached lacks its patient.
          const missing = values.includes("true");
          where.push(kind === "patient" ? sql`${column} is ${missing ? sql`null` : sql`not null`}` : missing ? sql`false` : sql`true`);
          continue;
        }
        const type = kind === "patient" ? "Patient" : kind === "self" ? "ServiceRequest" : "Organization";
        let ids = referenceIds(values, type);
        if (kind === "patient") ids = (await Promise.all(ids.map((id) => patientFamily(db, id)))).flat();
        where.push(inOrFalse(column, ids));
        continue;
      }
      let condition: SQL;
      if (name === "status") condition = inOrFalse(referrals.status, statusesOf(params.status.map, tokenCodes(values, params.status.system)));
      else if (name === "priority") {
        const codes = tokenCodes(values, "http://hl7.org/fhir/request-priority");
        condition = inOrFalse(
          referrals.priority,
          (Object.keys(FHIR_PRIORITY) as Priority[]).filter((p) => codes.includes(FHIR_PRIORITY[p])),
        );
      } else if (name === "category") {
        condition = inOrFalse(
          referrals.direction,
          tokenCodes(values, systemUrl("referral-direction")).filter((c) => c === "up" || c === "down"),
        );
      } else if (name === params.businessStatus) condition = inOrFalse(referrals.status, tokenCodes(values, systemUrl("referral-status")));
      else throw new FhirError(400, [issue("not-supported", `${name}: not supported here`, name)]);
      // Every referral has a status, priority and direction: :missing=true finds none.
      if (modifier === "missing") condition = values.includes("true") ? sql`false` : sql`true`;
      where.push(modifier === "not" ? sql`not ${condition}` : condition);
    }
  }
  return where;
}

/**
 * The order of a referral search: a receiver's search (by owner or performer) in its worklist's
 * order — green channel first, then the SLA deadline soonest — read straight off
 * `referrals_incoming_idx`; any other oldest first. The id makes the order total (stable pages).
 */
export function referralOrder(search: SearchRequest, receiverParams: readonly string[]): SQL[] {
  const byReceiver = receiverParams.some((p) => search.params.has(p));
  return byReceiver
    ? [asc(referrals.priorityRank), sql`${referrals.slaDeadline} asc nulls last`, asc(referrals.createdAt), asc(referrals.id)]
    : [asc(referrals.createdAt), asc(referrals.id)];
}

/**
 * The scope and the parameters' conditions together. When a parameter already keeps the search to
 * the caller's own institution on one side (`Task?owner=<mine>`: every alternative is the caller's
 * institution), the scope comes down to that side's part (no drafts for the receiver), so the
 * receiver's poll reads `referrals_incoming_idx` alone (the scope's OR needs the sender's column,
 * which that index lacks).
 */
export function referralWhere(principal: Principal, search: SearchRequest, params: ReferralParams, conditions: SQL[]): SQL | undefined {
  const reach = readScope(principal, "referral");
  const mine = reach !== null && "institutionId" in reach ? reach.institutionId : null;
  const keptTo = (side: "to" | "from") =>
    mine !== null &&
    [...search.params].some(
      ([name, occurrences]) =>
        params.references[name] === side &&
        occurrences.some(({ modifier, values }) => modifier === null && values.every((v) => referenceId(v, "Organization") === mine)),
    );
  const scope = keptTo("from") ? undefined : keptTo("to") ? sent : referralScope(principal);
  return and(scope, ...conditions);
}
