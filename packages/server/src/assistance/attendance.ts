import {
  ACTIVITIES,
  actingSide,
  allows,
  classifyCheckIn,
  conflict,
  type Day,
  day,
  forbidden,
  formatDay,
  invalid,
  notFound,
  onSiteRadius,
  POSITION_RETENTION_DAYS,
  type Principal,
} from "@medbridge/core";
import { and, asc, eq, gte, isNotNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import { chinaDay } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { agreements, attendance, dispatches, institutions, practitioners, users } from "../db/schema.ts";
import { resolveLocation } from "../geo/county-areas.ts";
import { DateString, StringEnum, Text, Uuid } from "../http/schemas.ts";
import { resolvePack } from "./packs.ts";
import { syncCheckInLines } from "./work-log.ts";

export const CheckInInput = Type.Object(
  {
    date: DateString,
    activities: Type.Array(StringEnum(ACTIVITIES), { minItems: 1, maxItems: 7, uniqueItems: true }),
    patients: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    trainees: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    note: Type.Optional(Text(500, 0)),
    /** The device's position when the person allows it (Geolocation API: degrees, accuracy in metres). */
    position: Type.Optional(
      Type.Object(
        {
          latitude: Type.Number({ minimum: -90, maximum: 90 }),
          longitude: Type.Number({ minimum: -180, maximum: 180 }),
          accuracyMeters: Type.Number({ minimum: 0, maximum: 1_000_000 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CheckInInput = Static<typeof CheckInInput>;

export const ReviewInput = Type.Object(
  { decision: StringEnum(["confirmed", "disputed"] as const), note: Type.Optional(Text(500, 0)) },
  { additionalProperties: false },
);

export const AttendanceSchema = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  dispatchId: Uuid,
  practitionerId: Uuid,
  practitionerName: Type.String(),
  date: Type.String(),
  activities: Type.Array(Type.String()),
  patients: Type.Union([Type.Integer(), Type.Null()]),
  trainees: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  /** on_site | away | without_location; null for check-ins from before location evidence. Never the position itself. */
  locationClass: Type.Union([Type.String(), Type.Null()]),
  /** Metres from the recipient institution, when a usable position was given and the site is known. */
  distanceMeters: Type.Union([Type.Integer(), Type.Null()]),
  /** In the check-in's answer only: judged against the county (its centroid and shape), no point having been set for the recipient. */
  siteApproximate: Type.Optional(Type.Boolean()),
});

const columns = {
  id: attendance.id,
  agreementId: attendance.agreementId,
  dispatchId: attendance.dispatchId,
  practitionerId: attendance.practitionerId,
  practitionerName: practitioners.name,
  date: attendance.date,
  activities: attendance.activities,
  patients: attendance.patients,
  trainees: attendance.trainees,
  note: attendance.note,
  status: attendance.status,
  reviewNote: attendance.reviewNote,
  locationClass: attendance.locationClass,
  distanceMeters: attendance.distanceMeters,
};

export function listAttendance(db: Db, agreementId: string, from: string, to: string) {
  return db
    .select(columns)
    .from(attendance)
    .innerJoin(practitioners, eq(practitioners.id, attendance.practitionerId))
    .where(and(eq(attendance.agreementId, agreementId), gte(attendance.date, from), lte(attendance.date, to)))
    .orderBy(asc(attendance.date), asc(practitioners.name));
}

/** The practitioner record behind a signed-in stationed doctor (or clinician). */
export async function practitionerOf(db: Db, principal: Principal): Promise<string> {
  const [user] = await db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.id, principal.userId));
  if (!user?.practitionerId)
    throw forbidden("check_in_needs_practitioner", "Only a stationed practitioner can check in (your account is not linked to a practitioner)");
  return user.practitionerId;
}

/** The stationings of a practitioner that cover a day (cancelled ones excluded). */
export function dispatchesOn(db: Db, practitionerId: string, date: string) {
  return db
    .select({
      id: dispatches.id,
      agreementId: dispatches.agreementId,
      provinceCode: dispatches.provinceCode,
      regionCode: agreements.regionCode,
      code: agreements.code,
      recipientId: agreements.recipientId,
      packId: agreements.packId,
    })
    .from(dispatches)
    .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
    .where(
      and(
        eq(dispatches.practitionerId, practitionerId),
        ne(dispatches.status, "cancelled"),
        sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart}) <= ${date}`,
        sql`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd}) >= ${date}`,
      ),
    );
}

/**
 * A stationed doctor's check-in for a day: only on a day they are stationed, never in the future;
 * a second check-in the same day replaces the first while it is not yet reviewed.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  practitionerId: string,
  input: CheckInInput,
  today: Day,
): Promise<{ id: string; agreementId: string; siteApproximate: boolean }> {
  if (day(input.date) > today)
    throw invalid([{ path: "date", code: "in_future", params: { today: formatDay(today) }, message: `is in the future (today is ${formatDay(today)})` }]);
  const [stationing] = await dispatchesOn(db, practitionerId, input.date);
  if (!stationing)
    throw invalid([{ path: "date", code: "not_allowed", params: { reason: "not_stationed_that_day" }, message: "you are not stationed anywhere on this day" }]);
  const [existing] = await db
    .select()
    .from(attendance)
    .where(and(eq(attendance.practitionerId, practitionerId), eq(attendance.date, input.date)))
    .for("update");
  if (existing && existing.status !== "submitted")
    throw conflict([
      { path: "date", code: "conflict_state", params: { state: existing.status }, message: `this day was already ${existing.status} by the recipient` },
    ]);
  const [recipient] = await db
    .select({
      regionCode: institutions.regionCode,
      latitude: institutions.latitude,
      longitude: institutions.longitude,
      locationApproximate: institutions.locationApproximate,
    })
    .from(institutions)
    .where(eq(institutions.id, stationing.recipientId));
  // The recipient's own point, else its county's centroid; with the latter "on site" means in the county.
  const { location, area } = recipient ? await resolveLocation(recipient) : { location: null, area: null };
  const site =
    location && location.latitude !== null && location.longitude !== null
      ? { latitude: location.latitude, longitude: location.longitude, approximate: location.approximate }
      : null;
  const { position, ...declared } = input;
  // The radius is the agreement's pack's (nominal_days.onSiteRadiusMeters, default 1 km).
  const evidence = classifyCheckIn(position ?? null, site, onSiteRadius(await resolvePack(db, stationing.packId)), area?.contains ?? null);
  const values = {
    dispatchId: stationing.id,
    agreementId: stationing.agreementId,
    practitionerId,
    date: input.date,
    activities: input.activities,
    patients: input.patients ?? null,
    trainees: input.trainees ?? null,
    note: input.note ?? null,
    positionLatitude: position?.latitude ?? null,
    positionLongitude: position?.longitude ?? null,
    positionAccuracy: position?.accuracyMeters ?? null,
    locationClass: evidence.kind,
    distanceMeters: evidence.distanceMeters,
    provinceCode: stationing.provinceCode,
  };
  let id: string;
  if (existing) {
    await db.update(attendance).set(values).where(eq(attendance.id, existing.id));
    id = existing.id;
  } else {
    const [row] = await db.insert(attendance).values(values).returning({ id: attendance.id });
    id = (row as { id: string }).id;
  }
  await syncCheckInLines(db, id);
  await audit(db, actor, {
    action: existing ? "update" : "check_in",
    entity: "attendance",
    entityId: id,
    regionCode: stationing.regionCode,
    // Minimisation: the audit trail keeps the class and distance, never a position (positions go after 30 days).
    before: existing ? withoutPosition(existing) : null,
    after: { ...declared, locationClass: evidence.kind, distanceMeters: evidence.distanceMeters },
  });
  return { id, agreementId: stationing.agreementId, siteApproximate: evidence.siteApproximate };
}

function withoutPosition<T extends { positionLatitude: unknown; positionLongitude: unknown; positionAccuracy: unknown }>(row: T) {
  const { positionLatitude: _lat, positionLongitude: _lng, positionAccuracy: _acc, ...rest } = row;
  return rest;
}

/**
 * Personal-information minimisation: the positions of check-ins dated more than
 * POSITION_RETENTION_DAYS before today (China date) are deleted; their class and distance stay.
 * Returns how many check-ins lost their position.
 */
export async function forgetPositions(db: Db, now: Date): Promise<number> {
  const cutoff = formatDay(chinaDay(now) - POSITION_RETENTION_DAYS);
  const forgotten = await db
    .update(attendance)
    .set({ positionLatitude: null, positionLongitude: null, positionAccuracy: null })
    .where(
      and(
        lt(attendance.date, cutoff),
        or(isNotNull(attendance.positionLatitude), isNotNull(attendance.positionLongitude), isNotNull(attendance.positionAccuracy)),
      ),
    )
    .returning({ id: attendance.id });
  return forgotten.length;
}

/** The recipient's coordinator (or the commission) confirms or disputes a check-in. */
export async function reviewAttendance(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: string,
  decision: "confirmed" | "disputed",
  note: string | undefined,
): Promise<void> {
  const [row] = await db
    .select({ id: attendance.id, status: attendance.status, recipientId: agreements.recipientId, regionCode: agreements.regionCode })
    .from(attendance)
    .innerJoin(agreements, eq(agreements.id, attendance.agreementId))
    .where(eq(attendance.id, id))
    .for("update");
  if (!row) throw notFound("attendance");
  // Only the receiving side vouches for presence: its coordinator, or the commission.
  const receiving =
    actingSide(principal, "attendance", { recipient: row.recipientId }) !== null ||
    allows(principal, "write", "agreement", { regionCode: row.regionCode, institutionIds: [] });
  if (!receiving) throw forbidden("recipient_confirms", "Only the recipient institution confirms attendance");
  await db
    .update(attendance)
    .set({ status: decision, reviewNote: note ?? null, reviewedBy: principal.userId, reviewedAt: new Date() })
    .where(eq(attendance.id, id));
  await audit(db, actor, {
    action: decision === "confirmed" ? "confirm" : "dispute",
    entity: "attendance",
    entityId: id,
    regionCode: row.regionCode,
    before: { status: row.status },
    after: { status: decision, note },
  });
}
