import {
  type AgreementFlag,
  agreementFlags,
  type Day,
  day,
  FLAG_KINDS,
  type FlagFacts,
  formatDay,
  type MonthCheckIns,
  type Roster,
  ratingPeriodDay,
  type WorkMonthStatus,
  yearEnd,
  yearStart,
} from "@medbridge/core";
import { sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { attendance, dispatches, stayRatings, workLogEntries, workMonths } from "../db/schema.ts";
import { StringEnum } from "../http/schemas.ts";
import type { Agreement } from "./agreements.ts";

/** The facts flags are judged on, for many agreements, keyed by agreement id (stays come from the rosters). */
type Facts = Map<string, Omit<FlagFacts, "agreement" | "year" | "asOf" | "stays">>;
type Known = { [K in "checkIns" | "workLines" | "months" | "ratings"]: FlagFacts[K][number][] };

/** Rows of a raw query on either driver (both answer `{ rows }`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * What the flags of a set of agreements need for a year, in four set-based queries run side by
 * side (one array parameter of ids each; the indexes on agreement_id and date serve them): check-ins
 * counted by location class per person and month, work-log lines per person and month, the months
 * not left open, and the ratings' means. Nothing per agreement: a province's board is 300+ of them.
 */
export async function loadFlagFacts(db: Db, ids: string[], year: number): Promise<Facts> {
  const facts = new Map<string, Known>();
  if (ids.length === 0) return facts;
  for (const id of ids) facts.set(id, { checkIns: [], workLines: [], months: [], ratings: [] });
  // Every row names one of the ids asked for.
  const of = (id: string) => facts.get(id) as Known;
  const idArray = `{${ids.join(",")}}`;
  const from = formatDay(yearStart(year));
  const to = formatDay(yearEnd(year));
  const [checkIns, lines, months, ratings] = await Promise.all([
    db.execute(sql`
      select agreement_id, practitioner_id as person, to_char(date, 'YYYY-MM') as month, count(*)::int as total,
             count(*) filter (where location_class = 'on_site')::int as on_site,
             count(*) filter (where location_class = 'away')::int as away,
             count(*) filter (where location_class = 'without_location')::int as without_location,
             to_char(min(date) filter (where location_class = 'away'), 'YYYY-MM-DD') as away_first,
             to_char(max(date) filter (where location_class = 'away'), 'YYYY-MM-DD') as away_last,
             to_char(min(date) filter (where location_class = 'without_location'), 'YYYY-MM-DD') as without_first,
             to_char(max(date) filter (where location_class = 'without_location'), 'YYYY-MM-DD') as without_last
      from ${attendance}
      where agreement_id = any(${idArray}::uuid[]) and date between ${from} and ${to}
      group by 1, 2, 3`),
    db.execute(sql`
      select agreement_id, practitioner_id as person, to_char(date, 'YYYY-MM') as month, count(*)::int as lines
      from ${workLogEntries}
      where agreement_id = any(${idArray}::uuid[]) and date between ${from} and ${to}
      group by 1, 2, 3`),
    db.execute(sql`
      select agreement_id, practitioner_id as person, month, status
      from ${workMonths}
      where agreement_id = any(${idArray}::uuid[]) and month between ${`${year}-01`} and ${`${year}-12`} and status <> 'open'`),
    db.execute(sql`
      select r.agreement_id, r.practitioner_id as person, r.period,
             case when r.period = 'end' then coalesce(d.actual_end, d.planned_end) - date '1970-01-01' end as end_day,
             avg((r.attendance_score + r.clinical_score + r.teaching_score + r.conduct_score) / 4.0)::float8 as mean,
             count(*)::int as count
      from ${stayRatings} r join ${dispatches} d on d.id = r.dispatch_id
      where r.agreement_id = any(${idArray}::uuid[]) and (r.period = 'end' or r.period like ${`${year}-Q%`})
      group by 1, 2, 3, 4`),
  ]);
  for (const r of rowsOf<{
    agreement_id: string;
    person: string;
    month: string;
    total: number;
    on_site: number;
    away: number;
    without_location: number;
    away_first: string | null;
    away_last: string | null;
    without_first: string | null;
    without_last: string | null;
  }>(checkIns)) {
    const c: MonthCheckIns = {
      person: r.person,
      month: r.month,
      total: r.total,
      onSite: r.on_site,
      away: r.away,
      withoutLocation: r.without_location,
      awayFirst: r.away_first,
      awayLast: r.away_last,
      withoutLocationFirst: r.without_first,
      withoutLocationLast: r.without_last,
    };
    of(r.agreement_id).checkIns.push(c);
  }
  for (const r of rowsOf<{ agreement_id: string; person: string; month: string; lines: number }>(lines)) {
    of(r.agreement_id).workLines.push({ person: r.person, month: r.month, lines: r.lines });
  }
  for (const r of rowsOf<{ agreement_id: string; person: string; month: string; status: WorkMonthStatus }>(months)) {
    of(r.agreement_id).months.push({ person: r.person, month: r.month, status: r.status });
  }
  for (const r of rowsOf<{ agreement_id: string; person: string; period: string; end_day: number | null; mean: number; count: number }>(ratings)) {
    const on = r.period === "end" ? (r.end_day === null ? null : Number(r.end_day)) : ratingPeriodDay(r.period);
    if (on === null) continue;
    of(r.agreement_id).ratings.push({
      person: r.person,
      period: r.period,
      on,
      mean: Number(r.mean),
      count: r.count,
    });
  }
  return facts;
}

/** The flags of one agreement from its roster (the stays) and the loaded facts. */
export function flagsOf(
  agreement: Pick<Agreement, "id" | "startsOn" | "endsOn">,
  roster: Roster | undefined,
  facts: Facts,
  year: number,
  asOf: Day,
): AgreementFlag[] {
  const known = facts.get(agreement.id);
  if (!known) return [];
  return agreementFlags({
    ...known,
    agreement: { start: day(agreement.startsOn), end: day(agreement.endsOn) },
    year,
    asOf,
    stays: (roster?.dispatches ?? []).map((d) => ({ person: d.person, name: d.name ?? d.person, start: d.start, end: d.end })),
  });
}

/** How many agreements carry each kind of flag. */
export function countFlags(rows: { flags: AgreementFlag[] }[]): Record<(typeof FLAG_KINDS)[number], number> {
  const counts = Object.fromEntries(FLAG_KINDS.map((k) => [k, 0])) as Record<(typeof FLAG_KINDS)[number], number>;
  for (const r of rows) for (const kind of new Set(r.flags.map((f) => f.kind))) counts[kind]++;
  return counts;
}

const person = { person: Type.String({ description: "Practitioner id" }), name: Type.String(), message: Type.String(), messageEn: Type.String() };
/** A flag as the API answers it: its kind, the person, the evidence and the message in both languages. */
export const FlagSchema = Type.Union([
  Type.Object(
    {
      kind: StringEnum(["away_days", "without_location_days"] as const),
      ...person,
      days: Type.Integer(),
      checkIns: Type.Integer({ description: "Check-ins with location evidence in the year so far" }),
      share: Type.Number(),
      firstDate: Type.Union([Type.String(), Type.Null()]),
      lastDate: Type.Union([Type.String(), Type.Null()]),
      minShare: Type.Number(),
      minDays: Type.Integer(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("empty_work_log"),
      ...person,
      months: Type.Array(Type.Object({ month: Type.String(), stationedDays: Type.Integer(), checkIns: Type.Integer() })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("unconfirmed_months"),
      ...person,
      months: Type.Array(Type.Object({ month: Type.String(), status: StringEnum(["open", "disputed"] as const), dueBy: Type.String() })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("low_rating"),
      ...person,
      period: Type.String({ description: "end (of the stay) or YYYY-Qn" }),
      mean: Type.Number(),
      ratings: Type.Integer(),
      threshold: Type.Number(),
    },
    { additionalProperties: false },
  ),
]);
export type FlagSchema = Static<typeof FlagSchema>;

/** The board's counts of flagged agreements, all and by kind. */
export const FlagTotals = {
  flagged: Type.Integer({ description: "Agreements with at least one flag, under every filter but the status and `flagged`" }),
  flags: Type.Object(Object.fromEntries(FLAG_KINDS.map((k) => [k, Type.Integer()])) as Record<(typeof FLAG_KINDS)[number], ReturnType<typeof Type.Integer>>, {
    description: "Agreements with each kind of flag, under the same filters",
  }),
};
