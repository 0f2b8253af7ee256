import { type Day, formatDay } from "@medbridge/core";
import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { agreements, attendance, dispatches, institutions } from "../db/schema.ts";
import { StringEnum } from "../http/schemas.ts";

/** How many days the check-in page shows: today and the 13 before it. */
export const OWN_DAYS = 14;

export const OwnDaysSchema = Type.Object({
  today: Type.String({ format: "date" }),
  /** Where the doctor is stationed today (null: nowhere, so today cannot be checked in). */
  stationedToday: Type.Union([Type.Object({ institutionName: Type.String(), agreementCode: Type.String() }), Type.Null()]),
  /** Today first, then each day before it. */
  days: Type.Array(
    Type.Object({
      date: Type.String({ format: "date" }),
      stationed: Type.Boolean(),
      status: StringEnum(["none", "submitted", "confirmed", "disputed"] as const),
      activities: Type.Array(Type.String()),
      reviewNote: Type.Union([Type.String(), Type.Null()]),
      /** The check-in's location class (on_site, away, without_location); null before location evidence or without a check-in. */
      locationClass: Type.Union([Type.String(), Type.Null()]),
      distanceMeters: Type.Union([Type.Integer(), Type.Null()]),
    }),
    { maxItems: OWN_DAYS },
  ),
});

/**
 * A stationed doctor's own last 14 days for the check-in page: whether each day was a stationed
 * one and what became of its check-in (none, submitted, confirmed or disputed by the recipient).
 */
export async function ownDays(db: Db, practitionerId: string, today: Day): Promise<Static<typeof OwnDaysSchema>> {
  const first = formatDay(today - (OWN_DAYS - 1));
  const last = formatDay(today);
  const start = sql<string>`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`;
  const end = sql<string>`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd})`;
  const [stationings, records] = await Promise.all([
    db
      .select({ start: sql<string>`${start}::text`, end: sql<string>`${end}::text`, institutionName: institutions.name, agreementCode: agreements.code })
      .from(dispatches)
      .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
      .innerJoin(institutions, eq(institutions.id, dispatches.recipientId))
      .where(and(eq(dispatches.practitionerId, practitionerId), ne(dispatches.status, "cancelled"), sql`${start} <= ${last}`, sql`${end} >= ${first}`)),
    db
      .select({
        date: attendance.date,
        status: attendance.status,
        activities: attendance.activities,
        reviewNote: attendance.reviewNote,
        locationClass: attendance.locationClass,
        distanceMeters: attendance.distanceMeters,
      })
      .from(attendance)
      .where(and(eq(attendance.practitionerId, practitionerId), gte(attendance.date, first), lte(attendance.date, last))),
  ]);
  const byDate = new Map(records.map((r) => [r.date, r]));
  const days = Array.from({ length: OWN_DAYS }, (_, i) => {
    const date = formatDay(today - i);
    const record = byDate.get(date);
    return {
      date,
      stationed: stationings.some((s) => s.start <= date && s.end >= date),
      status: (record?.status ?? "none") as "none" | "submitted" | "confirmed" | "disputed",
      activities: record?.activities ?? [],
      reviewNote: record?.reviewNote ?? null,
      locationClass: record?.locationClass ?? null,
      distanceMeters: record?.distanceMeters ?? null,
    };
  });
  const here = stationings.find((s) => s.start <= last && s.end >= last);
  return { today: last, stationedToday: here ? { institutionName: here.institutionName, agreementCode: here.agreementCode } : null, days };
}
