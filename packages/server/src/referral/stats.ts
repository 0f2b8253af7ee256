import type { ReadScope } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { inRegion } from "../access.ts";
import type { Db } from "../db/connection.ts";
import { beds, institutions, referralEvents, referrals, slots } from "../db/schema.ts";
import { DateString, RegionCode } from "../http/schemas.ts";

export const StatsQuery = Type.Object({ regionCode: Type.Optional(RegionCode), from: DateString, to: DateString }, { additionalProperties: false });

export const StatsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  up: Type.Integer(),
  down: Type.Integer(),
  downUpRatio: Type.Union([Type.Number(), Type.Null()]),
  acceptanceHours: Type.Object({ median: Type.Union([Type.Number(), Type.Null()]), p90: Type.Union([Type.Number(), Type.Null()]) }),
  slaBreaches: Type.Integer(),
  rejectionReasons: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  upLeavingCounty: Type.Integer(),
  slots: Type.Object({ reserved: Type.Integer(), booked: Type.Integer(), utilisation: Type.Union([Type.Number(), Type.Null()]) }),
  beds: Type.Object({ reserved: Type.Integer(), booked: Type.Integer(), utilisation: Type.Union([Type.Number(), Type.Null()]) }),
});

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * Counts for the indicators (referral.md "Indicators this feeds"), never patients: referrals
 * submitted in [from, to] that started in the region (sender's county); pool utilisation of its
 * institutions.
 */
export async function referralStats(db: Db, scope: SqlScope, q: Static<typeof StatsQuery>) {
  // A referral counts in the period it was submitted (China time); drafts are not referrals yet.
  const inPeriod = sql`${referrals.submittedAt} >= ${`${q.from}T00:00:00+08:00`}::timestamptz and ${referrals.submittedAt} < ${`${q.to}T00:00:00+08:00`}::timestamptz + interval '1 day'`;
  const where = sql`${inPeriod} and ${scope.referrals}`;
  const [counts] = rows<{ up: number; down: number; breaches: number; leaving: number }>(
    await db.execute(sql`
      select count(*) filter (where direction = 'up')::int as up,
             count(*) filter (where direction = 'down')::int as down,
             count(*) filter (where status = 'expired')::int as breaches,
             count(*) filter (where direction = 'up' and patient_home_county is not null
               and patient_home_county <> (select region_code from ${institutions} i where i.id = ${referrals.toInstitutionId}))::int as leaving
      from ${referrals} where ${where}`),
  );
  const [acceptance] = rows<{ median: number | null; p90: number | null }>(
    await db.execute(sql`
      select percentile_cont(0.5) within group (order by h) as median, percentile_cont(0.9) within group (order by h) as p90
      from (select extract(epoch from (${referrals.acceptedAt} - ${referrals.submittedAt})) / 3600 as h
            from ${referrals} where ${where} and ${referrals.acceptedAt} is not null) t`),
  );
  const reasons = rows<{ reason: string; count: number }>(
    await db.execute(sql`
      select coalesce(e.note, '') as reason, count(*)::int as count
      from ${referralEvents} e join ${referrals} on ${referrals.id} = e.referral_id
      where e.action = 'reject' and ${where}
      group by 1 order by 2 desc limit 20`),
  );
  const pool = async (table: typeof slots | typeof beds) => {
    const [r] = rows<{ reserved: number; booked: number }>(
      await db.execute(sql`
        select coalesce(sum(t.reserved), 0)::int as reserved, coalesce(sum(t.booked), 0)::int as booked
        from ${table} t join ${institutions} on ${institutions.id} = t.institution_id
        where t.date between ${q.from} and ${q.to} and ${scope.institutions}`),
    );
    return { reserved: r?.reserved ?? 0, booked: r?.booked ?? 0, utilisation: ratio(r?.booked ?? 0, r?.reserved ?? 0) };
  };
  const up = counts?.up ?? 0;
  const round = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(Number(n) * 100) / 100);
  return {
    from: q.from,
    to: q.to,
    up,
    down: counts?.down ?? 0,
    downUpRatio: ratio(counts?.down ?? 0, up),
    acceptanceHours: { median: round(acceptance?.median), p90: round(acceptance?.p90) },
    slaBreaches: counts?.breaches ?? 0,
    rejectionReasons: reasons,
    upLeavingCounty: counts?.leaving ?? 0,
    slots: await pool(slots),
    beds: await pool(beds),
  };
}

export interface SqlScope {
  referrals: ReturnType<typeof sql>;
  institutions: ReturnType<typeof sql>;
}

/**
 * Whose counts a caller sees: officials their region (narrowed by `regionCode`), staff their
 * institution (as sender or receiver), the national admin everything.
 */
export function statsScope(scope: ReadScope | { regionCode: string }, institutionId: string | null, regionCode?: string): SqlScope {
  const region = regionCode ?? (scope && "regionCode" in scope ? scope.regionCode : undefined);
  if (institutionId) {
    return {
      referrals: sql`(${referrals.fromInstitutionId} = ${institutionId} or ${referrals.toInstitutionId} = ${institutionId})`,
      institutions: sql`${institutions.id} = ${institutionId}`,
    };
  }
  if (region) return { referrals: inRegion(referrals.regionCode, region), institutions: inRegion(institutions.regionCode, region) };
  return { referrals: sql`true`, institutions: sql`true` };
}
