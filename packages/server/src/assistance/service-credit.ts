import { type Day, day, formatDay, lengthDays, mergeIntervals, notFound } from "@medbridge/core";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { agreements, dispatches, institutions, practitioners } from "../db/schema.ts";
import { confirmedTotals, totalsOf, type WorkTotals, WorkTotalsSchema } from "./work-totals.ts";

/** Days of grassroots service that make a doctor eligible to apply for associate chief (医师法 art. 47). */
export const REQUIRED_SERVICE_DAYS = 365;

export interface ServiceCredit {
  practitionerId: string;
  name: string;
  institutionName: string;
  asOf: string;
  totalDays: number;
  requiredDays: number;
  eligible: boolean;
  /** Confirmed work up to asOf (issue 16): what the recipients confirmed in the work log. */
  work: WorkTotals;
  stays: { agreementCode: string; recipientName: string; from: string; to: string; days: number; work: WorkTotals }[];
}

/** ServiceCredit as the API answers it. */
export const ServiceCreditSchema = Type.Object({
  practitionerId: Type.String(),
  name: Type.String(),
  institutionName: Type.String(),
  asOf: Type.String(),
  totalDays: Type.Integer(),
  requiredDays: Type.Integer(),
  eligible: Type.Boolean(),
  work: WorkTotalsSchema,
  stays: Type.Array(
    Type.Object({
      agreementCode: Type.String(),
      recipientName: Type.String(),
      from: Type.String(),
      to: Type.String(),
      days: Type.Integer(),
      work: WorkTotalsSchema,
    }),
  ),
});

/**
 * Cumulative grassroots service: every day stationed under an agreement up to `asOf` (recipients are
 * county level or below by construction); overlapping stays count once. With the confirmed work
 * (outpatient visits, operations, teaching hours, people trained) overall and per stay.
 */
export async function serviceCredit(db: Db, practitionerId: string, asOf: Day): Promise<ServiceCredit> {
  const [person] = await db
    .select({ name: practitioners.name, institutionName: institutions.name })
    .from(practitioners)
    .innerJoin(institutions, eq(institutions.id, practitioners.institutionId))
    .where(eq(practitioners.id, practitionerId));
  if (!person) throw notFound("practitioner");
  const rows = await db
    .select({
      dispatchId: dispatches.id,
      agreementCode: agreements.code,
      recipientName: institutions.name,
      start: sql<string>`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`,
      end: sql<string>`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd})`,
    })
    .from(dispatches)
    .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
    .innerJoin(institutions, eq(institutions.id, dispatches.recipientId))
    .where(and(eq(dispatches.practitionerId, practitionerId), ne(dispatches.status, "cancelled")))
    .orderBy(asc(sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`));
  const mine = sql`w.practitioner_id = ${practitionerId} and w.date <= ${formatDay(asOf)}::date`;
  const perStay = new Map((await confirmedTotals(db, mine, sql`w.dispatch_id::text`)).map((t) => [t.key, totalsOf(t)]));
  const [overall] = await confirmedTotals(db, mine);
  const stays = rows.flatMap((r) => {
    const start = day(r.start);
    const end = Math.min(day(r.end), asOf);
    return start <= end
      ? [
          {
            agreementCode: r.agreementCode,
            recipientName: r.recipientName,
            from: formatDay(start),
            to: formatDay(end),
            days: end - start + 1,
            work: perStay.get(r.dispatchId) ?? totalsOf(undefined),
          },
        ]
      : [];
  });
  const totalDays = mergeIntervals(stays.map((s) => ({ start: day(s.from), end: day(s.to) }))).reduce((sum, i) => sum + lengthDays(i), 0);
  return {
    practitionerId,
    ...person,
    asOf: formatDay(asOf),
    totalDays,
    requiredDays: REQUIRED_SERVICE_DAYS,
    eligible: totalDays >= REQUIRED_SERVICE_DAYS,
    work: totalsOf(overall),
    stays,
  };
}
