import {
  type Activity,
  type AgreementFlag,
  type AttendanceDay,
  type ComplianceReport,
  type Day,
  type DispatchRole,
  day,
  evaluateCompliance,
  formatDay,
  invalid,
  type LocationClass,
  type Roster,
  type Title,
  uncovered,
  yearEnd,
  yearStart,
} from "@medbridge/core";
import { type and, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreements, attendance, dispatches, practitioners } from "../db/schema.ts";
import type { Agreement } from "./agreements.ts";
import { flagsOf, loadFlagFacts } from "./flags-service.ts";
import { resolvePack } from "./packs.ts";

/**
 * Rosters of several agreements for one year, from the database, in three queries: effective
 * dates are actual where recorded, else planned; cancelled dispatches are left out; attendance
 * counts as supplied when the agreement has any in the year.
 */
export async function loadRosters(
  db: Db,
  agreementRows: Pick<Agreement, "id" | "code" | "packId" | "startsOn" | "endsOn">[],
  year: number,
): Promise<Map<string, Roster>> {
  const ids = agreementRows.map((a) => a.id);
  const rosters = new Map<string, Roster>();
  if (ids.length === 0) return rosters;
  const from = formatDay(yearStart(year));
  const to = formatDay(yearEnd(year));
  // The board's hot path: plain SQL (Drizzle's row mapping costs a third more on 10,000 rows), one
  // array parameter for the ids, and day numbers computed by the database.
  const idArray = `{${ids.join(",")}}`;
  // A province's year of daily check-ins is ~60,000 rows: shipped as one text per person
  // ("day|activity+activity|class,…"), parsed here, instead of a row (and a text[]) each — the rows
  // cost the board most of its time. Started first, it runs beside the dispatches' query.
  const attendanceQuery = db.execute(sql`
      select a.agreement_id, a.practitioner_id as person,
             string_agg((a.date - date '1970-01-01')::text || '|' || array_to_string(a.activities, '+') || '|' || coalesce(a.location_class, ''), ',') as days
      from ${attendance} a
      where a.agreement_id = any(${idArray}::uuid[]) and a.date between ${from} and ${to} and a.status <> 'disputed'
      group by 1, 2`);
  // Awaited below; this only keeps it from going unhandled should the dispatches' query fail first.
  attendanceQuery.catch(() => undefined);
  const dispatchRows = rowsOf<{
    agreement_id: string;
    person: string;
    name: string;
    role: string;
    title: string;
    batch: string | null;
    start: number;
    end: number;
  }>(
    await db.execute(sql`
      select d.agreement_id, d.practitioner_id as person, p.name, d.role, d.title, d.batch,
             coalesce(d.actual_start, d.planned_start) - date '1970-01-01' as start,
             coalesce(d.actual_end, d.planned_end) - date '1970-01-01' as "end"
      from ${dispatches} d join ${practitioners} p on p.id = d.practitioner_id
      where d.agreement_id = any(${idArray}::uuid[]) and d.status <> 'cancelled'`),
  );
  for (const a of agreementRows) {
    rosters.set(a.id, { agreement: { id: a.code, pack: a.packId, start: day(a.startsOn), end: day(a.endsOn) }, dispatches: [], attendance: null });
  }
  for (const d of dispatchRows) {
    rosters.get(d.agreement_id)?.dispatches.push({
      person: d.person,
      name: d.name,
      role: d.role as DispatchRole,
      title: d.title as Title,
      start: Number(d.start),
      end: Number(d.end),
      batch: d.batch ?? undefined,
    });
  }
  const activityLists = new Map<string, Activity[]>();
  for (const r of rowsOf<{ agreement_id: string; person: string; days: string }>(await attendanceQuery)) {
    const roster = rosters.get(r.agreement_id);
    if (!roster) continue;
    roster.attendance ??= [];
    // Scanned in place (no array per day): "day|activities|class", comma-separated.
    const text = r.days;
    for (let at = 0; at < text.length; ) {
      const bar1 = text.indexOf("|", at);
      const bar2 = text.indexOf("|", bar1 + 1);
      let end = text.indexOf(",", bar2 + 1);
      if (end < 0) end = text.length;
      let date = 0;
      for (let i = text.charCodeAt(at) === 45 ? at + 1 : at; i < bar1; i++) date = date * 10 + text.charCodeAt(i) - 48;
      if (text.charCodeAt(at) === 45) date = -date;
      const acts = text.slice(bar1 + 1, bar2);
      let activities = activityLists.get(acts);
      if (!activities) {
        activities = (acts ? acts.split("+") : []) as Activity[];
        activityLists.set(acts, activities);
      }
      const location = bar2 + 1 === end ? null : LOCATION_BY_INITIAL[text[bar2 + 1] as string];
      (roster.attendance as AttendanceDay[]).push({ person: r.person, date, activities, location: location ?? null });
      at = end + 1;
    }
  }
  return rosters;
}

/** A check-in's location class by its first letter, as loadRosters reads them back. */
const LOCATION_BY_INITIAL: Record<string, LocationClass> = { o: "on_site", a: "away", w: "without_location" };

/** Rows of a raw query on either driver (both answer `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The compliance report of one agreement, the same engine and report as the CLI. */
export async function agreementCompliance(db: Db, agreement: Agreement, year: number, asOf: Day): Promise<ComplianceReport> {
  if (`${year}-12-31` < agreement.startsOn || `${year}-01-01` > agreement.endsOn) {
    throw invalid([
      {
        path: "query.year",
        code: "out_of_period",
        params: { start: agreement.startsOn, end: agreement.endsOn },
        message: `${year} lies outside the agreement's period ${agreement.startsOn}..${agreement.endsOn}`,
      },
    ]);
  }
  const pack = await resolvePack(db, agreement.packId);
  if (!pack) throw invalid([{ path: "packId", code: "not_found", params: { entity: "rule_pack" }, message: `unknown rule pack "${agreement.packId}"` }]);
  const roster = (await loadRosters(db, [agreement], year)).get(agreement.id) as Roster;
  return evaluateCompliance({ roster, pack, year, asOf });
}

export interface BoardRow<A = Agreement> {
  agreement: A;
  report: ComplianceReport;
  /** Warnings officials can act on (flags-service.ts), with their evidence. */
  flags: AgreementFlag[];
}

/** Every agreement of the list active in `year`, evaluated with the packs they name. */
export async function complianceBoard<A extends Pick<Agreement, "id" | "code" | "packId" | "startsOn" | "endsOn">>(
  db: Db,
  list: A[],
  year: number,
  asOf: Day,
): Promise<BoardRow<A>[]> {
  const inYear = list.filter((a) => a.startsOn <= `${year}-12-31` && a.endsOn >= `${year}-01-01`);
  const [rosters, facts] = await Promise.all([
    loadRosters(db, inYear, year),
    loadFlagFacts(
      db,
      inYear.map((a) => a.id),
      year,
    ),
  ]);
  const packs = new Map<string, Awaited<ReturnType<typeof resolvePack>>>();
  for (const id of new Set(inYear.map((a) => a.packId))) packs.set(id, await resolvePack(db, id));
  return inYear.flatMap((agreement) => {
    const pack = packs.get(agreement.packId);
    if (!pack) return [];
    const roster = rosters.get(agreement.id) as Roster;
    return [{ agreement, report: evaluateCompliance({ roster, pack, year, asOf }), flags: flagsOf(agreement, roster, facts, year, asOf) }];
  });
}

export interface Warning {
  agreement: Agreement;
  gaps: { from: string; to: string }[];
  firstGapInDays: number;
}

/**
 * Early warning: agreements under a year-round rule whose planned roster leaves days uncovered in
 * the next `days` days, so the supporter can act before the gap happens.
 */
export async function coverageWarnings(db: Db, list: Agreement[], today: Day, days: number): Promise<Warning[]> {
  const horizon = today + days - 1;
  const candidates = list.filter((a) => a.status === "active" && day(a.startsOn) <= horizon && day(a.endsOn) >= today);
  const warnings: Warning[] = [];
  const byYear = new Map<number, Agreement[]>();
  for (const a of candidates) {
    const year = Number(formatDay(Math.max(today, day(a.startsOn))).slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), a]);
  }
  for (const [year, group] of byYear) {
    const rosters = await loadRosters(db, group, year);
    for (const agreement of group) {
      const pack = await resolvePack(db, agreement.packId);
      if (!pack?.rules.some((r) => r.id === "full_year_coverage")) continue;
      const window = { start: Math.max(today, day(agreement.startsOn)), end: Math.min(horizon, day(agreement.endsOn)) };
      const roster = rosters.get(agreement.id) as Roster;
      const gaps = uncovered(window, roster.dispatches);
      if (gaps.length) {
        warnings.push({
          agreement,
          gaps: gaps.map((g) => ({ from: formatDay(g.start), to: formatDay(g.end) })),
          firstGapInDays: (gaps[0] as { start: number }).start - today,
        });
      }
    }
  }
  return warnings.sort((a, b) => a.firstGapInDays - b.firstGapInDays);
}

/** All agreements the scope may see (no paging: a province has hundreds, not millions). */
export async function agreementsInScope(db: Db, condition: ReturnType<typeof and>): Promise<(typeof agreements.$inferSelect)[]> {
  return db.select().from(agreements).where(condition).orderBy(agreements.code);
}
