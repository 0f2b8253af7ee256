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
import { dispatches, stayRatings, workLogEntries, workMonths } from "../db/schema.ts";
import { StringEnum } from "../http/schemas.ts";
import type { Agreement } from "./agreements.ts";

/** The facts flags are judged on, for many agreements, keyed by agreement id (stays and check-ins come from the rosters). */
type Facts = Map<string, Omit<FlagFacts, "agreement" | "year" | "asOf" | "stays" | "checkIns">>;
type Known = { [K in "workLines" | "months" | "ratings"]: FlagFacts[K][number][] };

/** Rows of a raw query on either driver (both answer `{ rows }`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * What the flags of a set of agreements need for a year besides their rosters, in three set-based
 * queries run side by side (one array parameter of ids each): work-log lines per person and month,
 * the months not left open, and the ratings' means. Nothing per agreement: a province's board is
 * 300+ of them. The check-ins come with the rosters (loadRosters reads them for the nominal rule).
 */
export async function loadFlagFacts(db: Db, ids: string[], year: number): Promise<Facts> {
  const facts = new Map<string, Known>();
  if (ids.length === 0) return facts;
  for (const id of ids) facts.set(id, { workLines: [], months: [], ratings: [] });
  // Every row names one of the ids asked for.
  const of = (id: string) => facts.get(id) as Known;
  const idArray = `{${ids.join(",")}}`;
  const from = formatDay(yearStart(year));
  const to = formatDay(yearEnd(year));
  const [lines, months, ratings] = await Promise.all([
    db.execute(sql`
      select agreement_id, practitioner_id as person, date_part('month', date)::int as month, count(*)::int as lines
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
  for (const r of rowsOf<{ agreement_id: string; person: string; month: number; lines: number }>(lines)) {
    of(r.agreement_id).workLines.push({ person: r.person, month: `${year}-${String(r.month).padStart(2, "0")}`, lines: r.lines });
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

/**
 * A roster's check-ins (the year's, disputed ones left out as for the nominal rule) counted by
 * person, month and location class, with the first and last day away and without a location.
 */
export function checkInsOf(roster: Roster | undefined, year: number): MonthCheckIns[] {
  const starts = Array.from({ length: 12 }, (_, m) => Date.UTC(year, m, 1) / 86_400_000);
  type Counts = { total: number; onSite: number; away: number; without: number; af: Day; al: Day; wf: Day; wl: Day };
  // By person, then month (0–11): no key string per check-in.
  const byPerson = new Map<string, (Counts | undefined)[]>();
  for (const a of roster?.attendance ?? []) {
    let months = byPerson.get(a.person);
    if (!months) {
      months = new Array(12);
      byPerson.set(a.person, months);
    }
    let m = 11;
    while (m > 0 && a.date < (starts[m] as number)) m--;
    let c = months[m];
    if (!c) {
      c = { total: 0, onSite: 0, away: 0, without: 0, af: Infinity, al: -Infinity, wf: Infinity, wl: -Infinity };
      months[m] = c;
    }
    c.total++;
    if (a.location === "on_site") c.onSite++;
    else if (a.location === "away") {
      c.away++;
      if (a.date < c.af) c.af = a.date;
      if (a.date > c.al) c.al = a.date;
    } else if (a.location === "without_location") {
      c.without++;
      if (a.date < c.wf) c.wf = a.date;
      if (a.date > c.wl) c.wl = a.date;
    }
  }
  const dayText = (d: Day) => (Number.isFinite(d) ? formatDay(d) : null);
  const list: MonthCheckIns[] = [];
  for (const [person, months] of byPerson) {
    months.forEach((c, m) => {
      if (!c) return;
      list.push({
        person,
        month: `${year}-${String(m + 1).padStart(2, "0")}`,
        total: c.total,
        onSite: c.onSite,
        away: c.away,
        withoutLocation: c.without,
        awayFirst: dayText(c.af),
        awayLast: dayText(c.al),
        withoutLocationFirst: dayText(c.wf),
        withoutLocationLast: dayText(c.wl),
      });
    });
  }
  return list;
}

/** The flags of one agreement from its roster (the stays and check-ins) and the loaded facts. */
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
    checkIns: checkInsOf(roster, year),
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
