import {
  type Day,
  formatDay,
  type Interval,
  isWorkingDay,
  lastsMonths,
  lengthDays,
  mergeIntervals,
  overlaps,
  uncovered,
  weekMonday,
  yearEnd,
  yearStart,
} from "../dates.ts";
import { invalid } from "../errors.ts";
import { TITLES, type Title } from "../registry.ts";
import { type Bilingual, MESSAGES } from "./messages.ts";
import type { AttendanceDay, Dispatch, Roster } from "./roster.ts";
import { NOMINAL_DAYS_DEFAULT, type NominalDaysSettings, nominalDaysSettings, type RuleConfig, type RuleId, type RulePack } from "./rule-packs.ts";
import { CLINICAL_OR_TEACHING, PHYSICIAN_ROLES } from "./vocabulary.ts";

export type RuleStatus = "pass" | "fail" | "at_risk";

export interface RuleResult {
  id: RuleId;
  status: RuleStatus;
  message: string;
  messageEn: string;
  [detail: string]: unknown;
}

export interface ComplianceReport {
  agreement: string;
  pack: string;
  year: number;
  period: { from: string; to: string };
  asOf?: string;
  status: RuleStatus;
  rules: RuleResult[];
}

export interface ComplianceInput {
  roster: Roster;
  pack: RulePack;
  year: number;
  /** With a date before the period's end, dispatches after it are plans: rules that hold only thanks to them are `at_risk`. */
  asOf?: Day | undefined;
}

const titleRank = (t: Title) => TITLES.indexOf(t);

/** A rule's verdict on one scenario, with the numbers that explain it. */
interface Verdict {
  ok: boolean;
  details: Record<string, unknown>;
  message: Bilingual;
}

/** Everything the rules need about one set of stationing intervals, computed once. */
interface Scenario {
  period: Interval;
  /** Dispatches overlapping the period. */
  inYear: Dispatch[];
  /** Persons counting for the year → their merged stays (not clipped to the year). */
  stays: Map<string, Interval[]>;
  intervals: Interval[];
  /** Last day whose facts are known (attendance is judged up to here). */
  knownUntil: Day;
}

function scenario(dispatches: readonly Dispatch[], period: Interval, knownUntil: Day): Scenario {
  const byPerson = new Map<string, Interval[]>();
  const inYear: Dispatch[] = [];
  for (const d of dispatches) {
    const list = byPerson.get(d.person);
    if (list) list.push({ start: d.start, end: d.end });
    else byPerson.set(d.person, [{ start: d.start, end: d.end }]);
    if (d.start <= period.end && period.start <= d.end) inYear.push(d);
  }
  const stays = new Map<string, Interval[]>();
  const counting = new Set(inYear.map((d) => d.person));
  for (const person of counting) stays.set(person, mergeIntervals(byPerson.get(person) ?? []));
  return { period, inYear, stays, intervals: dispatches.map((d) => ({ start: d.start, end: d.end })), knownUntil };
}

/** Dispatches as far as they are facts on `asOf`: cut at that day, later ones dropped. */
function actualAsOf(dispatches: readonly Dispatch[], asOf: Day): Dispatch[] {
  return dispatches.filter((d) => d.start <= asOf).map((d) => (d.end > asOf ? { ...d, end: asOf } : d));
}

/** How a person is named in messages: their name when the roster gives one, else their id. */
function namer(roster: Roster): (person: string) => string {
  const names = new Map(roster.dispatches.filter((d) => d.name).map((d) => [d.person, d.name as string]));
  return (person) => names.get(person) ?? person;
}

function judge(rule: RuleConfig, s: Scenario, roster: Roster): Verdict {
  const display = namer(roster);
  switch (rule.id) {
    case "min_staff": {
      const actual = s.stays.size;
      return { ok: actual >= rule.min, details: { actual, required: rule.min }, message: MESSAGES.min_staff(actual, rule.min) };
    }
    case "min_continuous_stay": {
      const offenders: { person: string; longestStayDays: number }[] = [];
      for (const [person, stays] of s.stays) {
        const relevant = stays.filter((i) => overlaps(i, s.period));
        if (!relevant.some((i) => lastsMonths(i.start, i.end, rule.months))) {
          offenders.push({ person, longestStayDays: Math.max(0, ...relevant.map(lengthDays)) });
        }
      }
      offenders.sort((a, b) => a.person.localeCompare(b.person));
      return {
        ok: offenders.length === 0,
        details: { requiredMonths: rule.months, offenders },
        message: MESSAGES.min_continuous_stay(
          offenders.map((o) => ({ ...o, person: display(o.person) })),
          rule.months,
        ),
      };
    }
    case "full_year_coverage": {
      const gaps = uncovered(s.period, s.intervals).map((g) => ({ from: formatDay(g.start), to: formatDay(g.end) }));
      return { ok: gaps.length === 0, details: { gaps }, message: MESSAGES.full_year_coverage(gaps) };
    }
    case "composition": {
      const present = new Set(s.inYear.map((d) => d.role));
      const missing = rule.roles.filter((r) => !present.has(r));
      return { ok: missing.length === 0, details: { missing }, message: MESSAGES.composition(missing) };
    }
    case "batch_size": {
      const batches = batchesOf(s.inYear);
      const offenders = [...batches]
        .map(([batch, ds]) => ({ batch, size: new Set(ds.map((d) => d.person)).size }))
        .filter((b) => b.size < rule.min || b.size > rule.max);
      return {
        ok: offenders.length === 0,
        details: {
          required: { min: rule.min, max: rule.max },
          batches: [...batches].map(([batch, ds]) => ({ batch, size: new Set(ds.map((d) => d.person)).size })),
          offenders,
        },
        message: MESSAGES.batch_size(offenders, rule.min, rule.max),
      };
    }
    case "senior_title": {
      const offenders = [...batchesOf(s.inYear)]
        .map(([batch, ds]) => ({ batch, seniors: new Set(ds.filter((d) => titleRank(d.title) >= titleRank(rule.minTitle)).map((d) => d.person)).size }))
        .filter((b) => b.seniors < rule.count);
      return {
        ok: offenders.length === 0,
        details: { minTitle: rule.minTitle, required: rule.count, offenders },
        message: MESSAGES.senior_title(offenders, rule.minTitle, rule.count),
      };
    }
    case "fixed_physician": {
      const qualifying = [...s.stays.keys()].filter((person) => {
        const senior = s.inYear.some((d) => d.person === person && PHYSICIAN_ROLES.includes(d.role) && titleRank(d.title) >= titleRank(rule.minTitle));
        return senior && (s.stays.get(person) ?? []).some((i) => overlaps(i, s.period) && lastsMonths(i.start, i.end, rule.months));
      });
      return {
        ok: qualifying.length > 0,
        details: { minTitle: rule.minTitle, requiredMonths: rule.months, qualifying },
        message: MESSAGES.fixed_physician(qualifying.length, rule.minTitle, rule.months),
      };
    }
    case "weekly_days_on_site":
      return weeklyDays(rule.days, s, roster, display);
    case "nominal_days":
      return nominalDays(nominalDaysSettings({ rules: [rule] }), s, roster);
  }
}

function batchesOf(dispatches: Dispatch[]): Map<string, Dispatch[]> {
  const map = new Map<string, Dispatch[]>();
  for (const d of dispatches) {
    const key = d.batch ?? "(all)";
    map.set(key, [...(map.get(key) ?? []), d]);
  }
  return map;
}

/** Check-ins by person, then by day: no key string per check-in and per lookup (a province's board has ~60,000). */
function attendanceIndex(roster: Roster): { get(person: string, day: number): AttendanceDay | undefined } {
  const index = new Map<string, Map<number, AttendanceDay>>();
  for (const a of roster.attendance ?? []) {
    let days = index.get(a.person);
    if (!days) {
      days = new Map();
      index.set(a.person, days);
    }
    days.set(a.date, a);
  }
  return { get: (person, day) => index.get(person)?.get(day) };
}

/** Each ISO week of each stay: at least `days` working days on site (fewer when the stay covers fewer). */
function weeklyDays(days: number, s: Scenario, roster: Roster, display: (person: string) => string): Verdict {
  if (!roster.attendance) return { ok: false, details: { requiredDays: days, offenders: [] }, message: MESSAGES.no_attendance() };
  const present = attendanceIndex(roster);
  const offenders: { person: string; week: string; days: number; required: number }[] = [];
  const last = Math.min(s.period.end, s.knownUntil);
  for (const [person, stays] of s.stays) {
    for (const stay of stays) {
      const from = Math.max(stay.start, s.period.start);
      const to = Math.min(stay.end, last);
      for (let monday = weekMonday(from); monday <= to; monday += 7) {
        let available = 0;
        let onSite = 0;
        for (let d = Math.max(monday, from); d <= Math.min(monday + 6, to); d++) {
          if (!isWorkingDay(d)) continue;
          available++;
          if (present.get(person, d)) onSite++;
        }
        const required = Math.min(days, available);
        if (onSite < required) offenders.push({ person, week: formatDay(monday), days: onSite, required });
      }
    }
  }
  return {
    ok: offenders.length === 0,
    details: { requiredDays: days, offenders },
    message: MESSAGES.weekly_days_on_site(
      offenders.map((o) => ({ ...o, person: display(o.person) })),
      days,
    ),
  };
}

/**
 * Stationed working days with no attendance, or attendance without clinical or teaching work, or
 * (as the pack says) a check-in classified away or without location. A check-in from before
 * location evidence (no class) is judged by its activities alone.
 */
function nominalDays(rule: NominalDaysSettings, s: Scenario, roster: Roster): Verdict {
  const present = attendanceIndex(roster);
  const last = Math.min(s.period.end, s.knownUntil);
  let stationed = 0;
  let awayDays = 0;
  let withoutLocationDays = 0;
  const persons: { person: string; days: number; first: string; away: number; withoutLocation: number }[] = [];
  for (const [person, stays] of s.stays) {
    let count = 0;
    let away = 0;
    let withoutLocation = 0;
    let first: Day | null = null;
    for (const stay of stays) {
      for (let d = Math.max(stay.start, s.period.start); d <= Math.min(stay.end, last); d++) {
        if (!isWorkingDay(d)) continue;
        stationed++;
        const checkIn = present.get(person, d);
        const worked = checkIn?.activities.some((a) => (CLINICAL_OR_TEACHING as readonly string[]).includes(a)) ?? false;
        if (checkIn?.location === "away") away++;
        if (checkIn?.location === "without_location") withoutLocation++;
        const elsewhere = (checkIn?.location === "away" && rule.countAway) || (checkIn?.location === "without_location" && rule.countWithoutLocation);
        if (!worked || elsewhere) {
          count++;
          first ??= d;
        }
      }
    }
    awayDays += away;
    withoutLocationDays += withoutLocation;
    if (count > 0) persons.push({ person, days: count, first: formatDay(first as Day), away, withoutLocation });
  }
  const nominal = persons.reduce((sum, p) => sum + p.days, 0);
  const share = stationed ? nominal / stationed : 0;
  return {
    ok: share <= rule.maxShare,
    details: {
      nominalDays: nominal,
      stationedWorkingDays: stationed,
      share: Math.round(share * 1000) / 1000,
      maxShare: rule.maxShare,
      awayDays,
      withoutLocationDays,
      countAway: rule.countAway,
      countWithoutLocation: rule.countWithoutLocation,
      persons,
    },
    message: MESSAGES.nominal_days(nominal, stationed, rule.maxShare, { ...rule, awayDays, withoutLocationDays }),
  };
}

/**
 * The compliance engine: one pure function from a roster, a rule pack and a year to a report that
 * says, rule by rule, what holds and why (paired-assistance.md, "Exact semantics").
 */
export function evaluateCompliance({ roster, pack, year, asOf }: ComplianceInput): ComplianceReport {
  const from = Math.max(yearStart(year), roster.agreement.start);
  const to = Math.min(yearEnd(year), roster.agreement.end);
  if (from > to) {
    throw invalid([
      {
        path: "year",
        code: "out_of_period",
        params: { start: formatDay(roster.agreement.start), end: formatDay(roster.agreement.end) },
        message: `${year} lies outside the agreement's period ${formatDay(roster.agreement.start)}..${formatDay(roster.agreement.end)}`,
      },
    ]);
  }
  const period = { start: from, end: to };
  const rules = [...pack.rules];
  if (roster.attendance && !rules.some((r) => r.id === "nominal_days")) rules.push(NOMINAL_DAYS_DEFAULT);

  const planned = scenario(roster.dispatches, period, asOf ?? period.end);
  const judgingPlans = asOf !== undefined && asOf < period.end;
  const actual = judgingPlans ? scenario(actualAsOf(roster.dispatches, asOf), period, asOf) : planned;

  const results: RuleResult[] = rules.map((rule) => {
    const plan = judge(rule, planned, roster);
    let status: RuleStatus = plan.ok ? "pass" : "fail";
    let message = plan.message;
    if (plan.ok && judgingPlans) {
      const fact = judge(rule, actual, roster);
      if (!fact.ok) {
        status = "at_risk";
        message = MESSAGES.at_risk(plan.message, formatDay(asOf as Day));
      }
    }
    return { id: rule.id, status, message: message.zh, messageEn: message.en, ...plan.details };
  });
  const status: RuleStatus = results.some((r) => r.status === "fail") ? "fail" : results.some((r) => r.status === "at_risk") ? "at_risk" : "pass";
  return {
    agreement: roster.agreement.id,
    pack: pack.id,
    year,
    period: { from: formatDay(from), to: formatDay(to) },
    ...(asOf !== undefined && { asOf: formatDay(asOf) }),
    status,
    rules: results,
  };
}
