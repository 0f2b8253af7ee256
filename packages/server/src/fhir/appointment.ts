import type { ReferralStatus } from "@medbridge/core";
import type { Appointment, AppointmentParticipant, OperationOutcomeIssue } from "@medplum/fhirtypes";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { audit } from "../audit.ts";
import { chinaDate } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { beds, referrals, slots } from "../db/schema.ts";
import { livePatientId } from "../patient-index.ts";
import { applyTransition, holdUnit, sideOf } from "../referral/referrals.ts";
import { coding } from "./code-systems.ts";
import { inInteraction } from "./fhir-http.ts";
import { locationIdOf } from "./location.ts";
import { FhirError, invalidResource, issue, type PathMap } from "./outcome.ts";
import { referralScope } from "./referral-map.ts";
import { idOfReference, located, metaOf, patientReference, requireReferral, uuidValues } from "./referral-records.ts";

import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { dayEnd, dayStart, type PoolUnit, parseSlotId, slotIdOf, unitsOfLocations } from "./schedule.ts";
import { anyOf, dateCondition, pageOf, patientCondition, referenceId, referenceOf, type SearchRequest, searchConditions, token } from "./search.ts";

/**
 * Booking ← Appointment. A referral books at most one reserved unit (referrals.slot_id or bed_id), so
 * an Appointment is a referral's booking and has the referral's id (like its ServiceRequest and Task).
 *
 * POST Appointment (slot + basedOn ServiceRequest) books through the referral's own functions:
 * - the receiver, on an accepted referral: `applyTransition(schedule)` — the REST schedule step;
 * - the sender, on its draft or submitted referral that holds nothing yet: `holdUnit` — the unit is
 *   held as one booked with the referral at creation, and the receiver's schedule confirms it;
 * - anyone else, or any other state: `applyTransition(schedule)` refuses as REST does (403 side,
 *   409 state). Both take the unit with the pool's one conditional UPDATE (`bookUnit`): the loser of
 *   a race for the last unit gets 409, naming Appointment.slot[0].
 *
 * Status: pending while the unit is held but not confirmed (draft, submitted, accepted), booked once
 * scheduled, arrived, fulfilled when completed, cancelled when the referral was rejected, cancelled
 * or expired (the unit went back to the pool; cancelationReason names the referral status).
 */

const STATUS_OF: Record<ReferralStatus, Appointment["status"]> = {
  draft: "pending",
  submitted: "pending",
  accepted: "pending",
  scheduled: "booked",
  arrived: "arrived",
  completed: "fulfilled",
  rejected: "cancelled",
  cancelled: "cancelled",
  expired: "cancelled",
};

const columns = {
  id: referrals.id,
  status: referrals.status,
  patientId: referrals.patientId,
  toInstitutionId: referrals.toInstitutionId,
  slotId: referrals.slotId,
  bedId: referrals.bedId,
  unit: sql<string>`coalesce(${slots.department}, ${beds.ward})`,
  date: sql<string>`coalesce(${slots.date}::text, ${beds.date}::text)`,
  updatedAt: referrals.updatedAt,
};
type Row = {
  id: string;
  status: string;
  patientId: string | null;
  toInstitutionId: string;
  slotId: string | null;
  bedId: string | null;
  unit: string;
  date: string;
  updatedAt: Date;
};

const booked = sql`(${referrals.slotId} is not null or ${referrals.bedId} is not null)`;
const selectAppointments = (db: Db) =>
  db.select(columns).from(referrals).leftJoin(slots, eq(slots.id, referrals.slotId)).leftJoin(beds, eq(beds.id, referrals.bedId));

function participantStatus(side: "patient" | "receiver", status: ReferralStatus): AppointmentParticipant["status"] {
  if (side === "patient") return status === "cancelled" ? "declined" : "accepted";
  if (status === "rejected") return "declined";
  return STATUS_OF[status] === "pending" || status === "expired" ? "needs-action" : "accepted";
}

export function toAppointment(r: Row): Appointment {
  const status = r.status as ReferralStatus;
  const kind = r.slotId ? "slot" : "bed";
  const unitId = (r.slotId ?? r.bedId) as string;
  const patient = patientReference(r.patientId);
  const appointmentStatus = STATUS_OF[status];
  return {
    resourceType: "Appointment",
    id: r.id,
    meta: metaOf(r.updatedAt),
    status: appointmentStatus,
    ...(appointmentStatus === "cancelled" && { cancelationReason: { coding: [coding("referral-status", status)], text: `The referral was ${status}` } }),
    serviceType: [{ text: r.unit }],
    start: dayStart(r.date),
    end: dayEnd(r.date),
    slot: [{ reference: `Slot/${slotIdOf(kind, unitId)}` }],
    basedOn: [{ reference: `ServiceRequest/${r.id}` }],
    participant: [
      ...(patient ? [{ actor: patient, required: "required" as const, status: participantStatus("patient", status) }] : []),
      {
        actor: { reference: `Location/${locationIdOf(r.toInstitutionId, kind === "slot" ? "department" : "ward", r.unit)}`, display: r.unit },
        required: "required",
        status: participantStatus("receiver", status),
      },
    ],
  };
}

/** The booking of a referral as an Appointment, unread-audited (the answer to a write, or after the audited check). */
async function appointmentOf(db: Db, id: string): Promise<Appointment | null> {
  const [row] = await selectAppointments(db).where(and(eq(referrals.id, id), booked));
  return row ? toAppointment(row as Row) : null;
}

/** Where the referral feature's field paths live in an Appointment. */
const PATHS: PathMap = [
  ["slotId", "Appointment.slot[0]"],
  ["bedId", "Appointment.slot[0]"],
  ["action", "Appointment.basedOn[0]"],
];

interface Booking {
  referralId: string;
  unit: { kind: "slot" | "bed"; id: string };
  participants: { index: number; type: "Patient" | "Location"; id: string }[];
  start: string | undefined;
}

/** What a POSTed Appointment asks, after its structure is checked (every fault at once, each naming its element). */
function bookingOf(body: Record<string, unknown>): Booking {
  const issues: OperationOutcomeIssue[] = [];
  if (body.status !== "booked" && body.status !== "pending")
    issues.push(issue(body.status === undefined ? "required" : "value", "status must be booked (the unit is taken for the referral)", "Appointment.status"));
  const slot = body.slot;
  let unit: Booking["unit"] | null = null;
  if (!Array.isArray(slot) || slot.length === 0) issues.push(issue("required", "slot must reference the Slot to book", "Appointment.slot"));
  else if (slot.length > 1) issues.push(issue("value", "book one Slot per referral", "Appointment.slot[1]"));
  else {
    const ref = (slot[0] as { reference?: unknown } | null)?.reference;
    const id = typeof ref === "string" ? /^(?:.*\/)?Slot\/([^/]+)$/.exec(ref)?.[1] : undefined;
    unit = id ? parseSlotId(id) : null;
    if (!unit) issues.push(issue("value", "must be a reference Slot/<id> to a Slot of this server", "Appointment.slot[0]"));
  }
  const basedOn = body.basedOn;
  let referralId: string | null = null;
  if (!Array.isArray(basedOn) || basedOn.length === 0)
    issues.push(issue("required", "basedOn must reference the referral's ServiceRequest", "Appointment.basedOn"));
  else if (basedOn.length > 1) issues.push(issue("value", "an Appointment books for one ServiceRequest", "Appointment.basedOn[1]"));
  else {
    const ref = (basedOn[0] as { reference?: unknown } | null)?.reference;
    referralId = typeof ref === "string" ? referenceOf(ref, "ServiceRequest") : null;
    if (!referralId) issues.push(issue("value", "must be a reference ServiceRequest/<id>", "Appointment.basedOn[0]"));
  }
  const participants: Booking["participants"] = [];
  const participant = body.participant;
  if (!Array.isArray(participant) || participant.length === 0)
    issues.push(issue("required", "participant must name at least the patient or the Location", "Appointment.participant"));
  else {
    participant.forEach((p, index) => {
      const ref = (p as { actor?: { reference?: unknown } } | null)?.actor?.reference;
      const match = typeof ref === "string" ? /^(?:.*\/)?(Patient|Location)\/([^/]+)$/.exec(ref) : null;
      const id = match?.[2] && referenceOf(ref as string, match[1] as string);
      if (!match || !id)
        issues.push(issue("not-supported", "an actor must be the referral's Patient or the Slot's Location", `Appointment.participant[${index}].actor`));
      else participants.push({ index, type: match[1] as "Patient" | "Location", id });
    });
  }
  const start = body.start;
  if (start !== undefined && (typeof start !== "string" || Number.isNaN(new Date(start).getTime())))
    issues.push(issue("value", "must be a dateTime", "Appointment.start"));
  if (issues.length || !referralId || !unit) throw invalidResource(issues);
  return { referralId, unit, participants, start: typeof start === "string" ? start : undefined };
}

/** The unit a Slot id names, with where and when it is. */
async function unitRow(db: Db, unit: Booking["unit"]) {
  const table = unit.kind === "slot" ? slots : beds;
  const [row] = await db
    .select({ institutionId: table.institutionId, name: unit.kind === "slot" ? slots.department : beds.ward, date: table.date })
    .from(table)
    .where(eq(table.id, unit.id));
  return row ?? null;
}

async function book(ctx: FhirContext, body: unknown): Promise<Appointment> {
  const booking = bookingOf(body as Record<string, unknown>);
  const { referralId, unit } = booking;
  await requireReferral(ctx, referralId, "Appointment.basedOn[0]");
  const [referral] = await ctx.db
    .select({
      status: referrals.status,
      patientId: referrals.patientId,
      fromInstitutionId: referrals.fromInstitutionId,
      toInstitutionId: referrals.toInstitutionId,
      slotId: referrals.slotId,
      bedId: referrals.bedId,
    })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  if (!referral) throw new FhirError(404, [issue("not-found", "Referral not found", "Appointment.basedOn[0]")]);
  const place = await unitRow(ctx.db, unit);
  if (!place || place.institutionId !== referral.toInstitutionId)
    throw invalidResource([issue("not-found", "no such Slot at the referral's receiving institution", "Appointment.slot[0]")]);
  const issues: OperationOutcomeIssue[] = [];
  const livePatient = referral.patientId ? await livePatientId(ctx.db, referral.patientId) : null;
  const location = locationIdOf(place.institutionId, unit.kind === "slot" ? "department" : "ward", place.name);
  for (const p of booking.participants) {
    if (p.type === "Patient" && (!livePatient || (await livePatientId(ctx.db, p.id)) !== livePatient))
      issues.push(issue("value", "is not the referral's patient", `Appointment.participant[${p.index}].actor`));
    if (p.type === "Location" && p.id !== location)
      issues.push(issue("value", "is not the department or ward of the Slot", `Appointment.participant[${p.index}].actor`));
  }
  if (booking.start && chinaDate(new Date(booking.start)) !== place.date)
    issues.push(issue("value", `the Slot is on ${place.date}; start must be that day (or left out)`, "Appointment.start"));
  if (issues.length) throw invalidResource(issues);

  const side = sideOf(ctx.principal, referral);
  const held = referral.slotId ? { kind: "slot", id: referral.slotId } : referral.bedId ? { kind: "bed", id: referral.bedId } : null;
  if (held && (held.kind !== unit.kind || held.id !== unit.id))
    throw new FhirError(409, [
      issue("conflict", `the referral already holds Slot/${slotIdOf(held.kind as "slot" | "bed", held.id)}; one booking per referral`, "Appointment.slot[0]"),
    ]);
  if (held && side === "sender")
    throw new FhirError(409, [issue("duplicate", `the referral's unit is booked already: Appointment/${referralId}`, "Appointment.basedOn[0]")]);
  const status = referral.status as ReferralStatus;
  const senderHolds = side === "sender" && !held && (status === "draft" || status === "submitted");
  await located(
    "Appointment.basedOn[0]",
    () =>
      inInteraction(ctx, (tx) =>
        senderHolds
          ? holdUnit(tx, ctx.actor, ctx.principal, referralId, unit, ctx.now())
          : applyTransition(
              tx,
              ctx.actor,
              ctx.principal,
              ctx.config,
              referralId,
              { action: "schedule", ...(unit.kind === "slot" ? { slotId: unit.id } : { bedId: unit.id }) },
              ctx.now(),
              ctx.landings,
            ),
      ),
    PATHS,
  );
  return (await appointmentOf(ctx.db, referralId)) as Appointment;
}

/** When the element a parameter searches can be absent: how it is there. */
const PRESENT: Record<string, SQL> = { patient: sql`${referrals.patientId} is not null` };

function conditions(ctx: FhirContext, search: SearchRequest): Promise<SQL[]> {
  return searchConditions(search, PRESENT, async (name, values, modifier) => {
    switch (name) {
      case "_id":
        return anyOf(uuidValues(values).map((id) => eq(referrals.id, id)));
      case "_lastUpdated":
        return dateCondition(name, referrals.updatedAt, values);
      case "based-on":
        return anyOf(values.flatMap((v) => referenceId(v, "ServiceRequest") ?? []).map((id) => eq(referrals.id, id)));
      case "patient":
        return await patientCondition(ctx.db, referrals.patientId, values);
      case "actor": {
        const patients = values.filter((v) => referenceId(v, "Patient"));
        const units = await unitsOfLocations(
          ctx.db,
          values.flatMap((v) => referenceId(v, "Location") ?? []),
        );
        return anyOf([...(patients.length ? [await patientCondition(ctx.db, referrals.patientId, patients)] : []), ...units.map(unitCondition)]);
      }
      case "slot":
        return anyOf(
          values.flatMap((v) => {
            const id = idOfReference(v, "Slot");
            const unit = id ? parseSlotId(id) : null;
            return unit ? [eq(unit.kind === "slot" ? referrals.slotId : referrals.bedId, unit.id)] : [];
          }),
        );
      case "date":
        // The appointment starts on its unit's day at 08:00 China time = that day's 00:00 UTC.
        return dateCondition(name, sql`(coalesce(${slots.date}, ${beds.date})::timestamp at time zone 'UTC')`, values);
      case "status": {
        const parts = values.map((v) => {
          const statuses = Object.entries(STATUS_OF)
            .filter(([, s]) => s === token(v).code)
            .map(([referral]) => referral);
          return statuses.length ? sql`${referrals.status} in (${sql.join(statuses, sql`, `)})` : sql`false`;
        });
        return modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts);
      }
    }
    return undefined;
  });
}

function unitCondition(u: PoolUnit): SQL {
  return u.kind === "department"
    ? sql`(${slots.institutionId} = ${u.institutionId} and ${slots.department} = ${u.name})`
    : sql`(${beds.institutionId} = ${u.institutionId} and ${beds.ward} = ${u.name})`;
}

export const appointmentResource: ResourceDef = {
  type: "Appointment",
  entity: "referral",
  documentation:
    "A referral's booking of a reserved Slot (one per referral; the referral's id). POST with slot and basedOn ServiceRequest books it " +
    "as MedBridge does: the receiver schedules an accepted referral, the sender holds a unit for its draft or submitted one; the last " +
    "unit goes to one booking, the others get 409. pending until the receiver confirms, then booked, arrived, fulfilled; cancelled " +
    "when the referral ends before the visit.",
  read: async (ctx, id) => {
    await requireReferral(ctx, id);
    const appointment = await appointmentOf(ctx.db, id);
    if (!appointment) throw new FhirError(404, [issue("not-found", `Appointment/${id} not found`)]);
    await audit(ctx.db, ctx.actor, { action: "read_patient", entity: "referral", entityId: id });
    return appointment;
  },
  create: book,
  search: {
    params: [
      { name: "patient", type: "reference", documentation: "The referral's Patient (records merged into it included)" },
      { name: "actor", type: "reference", documentation: "A participant: the Patient, or the Location of the department or ward" },
      { name: "based-on", type: "reference", documentation: "The referral's ServiceRequest" },
      { name: "slot", type: "reference", documentation: "The booked Slot" },
      { name: "date", type: "date", documentation: "The appointment's start (its unit's day, 08:00 China time)" },
      { name: "status", type: "token", documentation: "pending, booked, arrived, fulfilled, cancelled" },
    ],
    run: async (ctx, search) => {
      const where = and(booked, referralScope(ctx.principal), ...(await conditions(ctx, search)));
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () =>
          selectAppointments(ctx.db)
            .where(where)
            .orderBy(sql`coalesce(${slots.date}, ${beds.date})`, asc(referrals.id))
            .limit(search.count)
            .offset(search.offset),
        () =>
          ctx.db
            .select({ one: sql`1` })
            .from(referrals)
            .leftJoin(slots, eq(slots.id, referrals.slotId))
            .leftJoin(beds, eq(beds.id, referrals.bedId))
            .where(where),
      );
      return { resources: rows.map((r) => toAppointment(r as Row)), total };
    },
  },
};
