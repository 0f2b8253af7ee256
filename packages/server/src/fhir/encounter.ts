import type { Encounter } from "@medplum/fhirtypes";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { beds, referrals, slots } from "../db/schema.ts";
import { locationIdOf } from "./location.ts";
import { FhirError, issue } from "./outcome.ts";
import { referralScope } from "./referral-map.ts";
import { metaOf, patientReference, referenceTo, requireReferral, uuidValues } from "./referral-records.ts";

import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, dateRange, pageOf, patientCondition, referenceId, type SearchRequest, searchConditions, token } from "./search.ts";

/**
 * Arrival ← Encounter: a referral the receiver marked `arrived` (in-progress) or `completed`
 * (finished) is the patient's visit or stay there. The referral's id; class AMB for an outpatient
 * slot, IMP for a bed; period from the arrive and complete events (referral_events, the Clock's
 * time); serviceProvider the receiving hospital; basedOn the referral's ServiceRequest.
 */

const V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
const VISITED = ["arrived", "completed"] as const;

const eventAt = (action: string) =>
  sql<
    string | null
  >`(select to_char(max(e.at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from referral_events e where e.referral_id = ${referrals.id} and e.action = ${action})`;
const arrivedAt = sql`(select max(e.at) from referral_events e where e.referral_id = ${referrals.id} and e.action = 'arrive')`;
const completedAt = sql`(select max(e.at) from referral_events e where e.referral_id = ${referrals.id} and e.action = 'complete')`;

const columns = {
  id: referrals.id,
  status: referrals.status,
  patientId: referrals.patientId,
  toInstitutionId: referrals.toInstitutionId,
  department: referrals.department,
  slotId: referrals.slotId,
  bedId: referrals.bedId,
  unit: sql<string | null>`coalesce(${slots.department}, ${beds.ward})`,
  arrivedAt: eventAt("arrive"),
  completedAt: eventAt("complete"),
  updatedAt: referrals.updatedAt,
};

const selectEncounters = (db: Db) =>
  db.select(columns).from(referrals).leftJoin(slots, eq(slots.id, referrals.slotId)).leftJoin(beds, eq(beds.id, referrals.bedId));
const visited = inArray(referrals.status, [...VISITED]);

type Row = Awaited<ReturnType<ReturnType<typeof selectEncounters>["where"]>>[number];

export function toEncounter(r: Row): Encounter {
  const finished = r.status === "completed";
  const inpatient = r.bedId !== null;
  const patient = patientReference(r.patientId);
  return {
    resourceType: "Encounter",
    id: r.id,
    meta: metaOf(r.updatedAt),
    status: finished ? "finished" : "in-progress",
    class: inpatient ? { system: V3_ACT_CODE, code: "IMP", display: "inpatient encounter" } : { system: V3_ACT_CODE, code: "AMB", display: "ambulatory" },
    serviceType: { text: r.unit ?? r.department },
    ...(patient && { subject: patient }),
    basedOn: [{ reference: `ServiceRequest/${r.id}` }],
    ...((r.slotId || r.bedId) && { appointment: [{ reference: `Appointment/${r.id}` }] }),
    ...(r.arrivedAt && { period: { start: r.arrivedAt, ...(finished && r.completedAt && { end: r.completedAt }) } }),
    ...(r.unit && {
      location: [
        {
          location: { reference: `Location/${locationIdOf(r.toInstitutionId, inpatient ? "ward" : "department", r.unit)}`, display: r.unit },
          status: finished ? ("completed" as const) : ("active" as const),
        },
      ],
    }),
    serviceProvider: referenceTo("Organization", r.toInstitutionId),
  };
}

/**
 * A date parameter on the Encounter's period [arrival, completion] (open while in progress): eq
 * the period overlaps the value, ge/gt some of it is at/after it, le/lt some of it before, sa it
 * starts after, eb it ends before.
 */
function periodCondition(values: readonly string[]): SQL {
  return anyOf(
    values.map((text) => {
      const { prefix, start, end } = dateRange("date", text);
      const from = start.toISOString();
      const to = end.toISOString();
      const overlaps = sql`(${arrivedAt} < ${to} and (${completedAt} is null or ${completedAt} >= ${from}))`;
      const byPrefix: Record<typeof prefix, SQL> = {
        eq: overlaps,
        ap: overlaps,
        ne: sql`not ${overlaps}`,
        gt: sql`(${completedAt} is null or ${completedAt} >= ${to})`,
        ge: sql`(${completedAt} is null or ${completedAt} >= ${from})`,
        lt: sql`${arrivedAt} < ${from}`,
        le: sql`${arrivedAt} < ${to}`,
        sa: sql`${arrivedAt} >= ${to}`,
        eb: sql`(${completedAt} is not null and ${completedAt} < ${from})`,
      };
      return byPrefix[prefix];
    }),
  );
}

/** When the element a parameter searches can be absent: how it is there. */
const PRESENT: Record<string, SQL> = {
  patient: sql`${referrals.patientId} is not null`,
  subject: sql`${referrals.patientId} is not null`,
  date: sql`${arrivedAt} is not null`,
};

function conditions(ctx: FhirContext, search: SearchRequest): Promise<SQL[]> {
  return searchConditions(search, PRESENT, async (name, values, modifier) => {
    switch (name) {
      case "_id":
        return anyOf(uuidValues(values).map((id) => eq(referrals.id, id)));
      case "_lastUpdated":
        return dateCondition(name, referrals.updatedAt, values);
      case "patient":
      case "subject":
        return await patientCondition(ctx.db, referrals.patientId, values);
      case "service-provider":
        return anyOf(values.flatMap((v) => referenceId(v, "Organization") ?? []).map((id) => eq(referrals.toInstitutionId, id)));
      case "based-on":
        return anyOf(values.flatMap((v) => referenceId(v, "ServiceRequest") ?? []).map((id) => eq(referrals.id, id)));
      case "status": {
        const parts = values.map((v) => {
          const code = token(v).code;
          return code === "in-progress" ? eq(referrals.status, "arrived") : code === "finished" ? eq(referrals.status, "completed") : sql`false`;
        });
        return modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts);
      }
      case "class": {
        const parts = values.map((v) => {
          const { system, code } = token(v);
          if (system !== undefined && system !== V3_ACT_CODE) return sql`false`;
          return code === "IMP" ? sql`${referrals.bedId} is not null` : code === "AMB" ? sql`${referrals.bedId} is null` : sql`false`;
        });
        return anyOf(parts);
      }
      case "date":
        return periodCondition(values);
    }
    return undefined;
  });
}

export const encounterResource: ResourceDef = {
  type: "Encounter",
  entity: "referral",
  documentation:
    "A referred patient's visit (AMB, an outpatient slot) or stay (IMP, a bed) at the receiving hospital, from the referral's arrival " +
    "(in-progress) to its completion (finished); the referral's id. Reading one is audited like the referral.",
  read: async (ctx, id) => {
    await requireReferral(ctx, id);
    const [row] = await selectEncounters(ctx.db).where(and(eq(referrals.id, id), visited));
    if (!row) throw new FhirError(404, [issue("not-found", `Encounter/${id} not found`)]);
    await audit(ctx.db, ctx.actor, { action: "read_patient", entity: "referral", entityId: id });
    return toEncounter(row);
  },
  search: {
    params: [
      { name: "patient", type: "reference", documentation: "The Patient (records merged into it included)" },
      { name: "subject", type: "reference", documentation: "The same as patient" },
      { name: "service-provider", type: "reference", documentation: "The receiving Organization" },
      { name: "based-on", type: "reference", documentation: "The referral's ServiceRequest" },
      { name: "status", type: "token", documentation: "in-progress (arrived) or finished (completed)" },
      { name: "class", type: "token", documentation: "AMB (outpatient slot) or IMP (bed), v3 ActCode" },
      { name: "date", type: "date", documentation: "The period from arrival to completion, with prefixes" },
    ],
    run: async (ctx, search) => {
      const where = and(visited, referralScope(ctx.principal), ...(await conditions(ctx, search)));
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        // Latest change first (an arrival or a completion): a column, not the events' subquery, orders the page.
        () => selectEncounters(ctx.db).where(where).orderBy(desc(referrals.updatedAt), asc(referrals.id)).limit(search.count).offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(referrals).where(where),
      );
      return { resources: rows.map(toEncounter), total };
    },
  },
};
