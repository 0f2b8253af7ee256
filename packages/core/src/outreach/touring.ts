import { addMonths, type Day, formatDay, weekMonday, yearEnd, yearStart } from "../dates.ts";

/** Touring (巡回医疗) frequency per site level (paired-assistance.md): the defaults, editable per region. */
export const SITE_LEVELS = ["county", "township", "village"] as const;
export type SiteLevel = (typeof SITE_LEVELS)[number];
export const PERIODS = ["quarter", "month", "week"] as const;
export type PeriodKind = (typeof PERIODS)[number];
export type FrequencyRules = Record<SiteLevel, { per: PeriodKind; min: number }>;
export const DEFAULT_FREQUENCY: FrequencyRules = {
  county: { per: "quarter", min: 1 },
  township: { per: "month", min: 1 },
  village: { per: "week", min: 1 },
};

export interface Period {
  label: string;
  start: Day;
  end: Day;
}

/** The Thursday of the ISO week decides its year: week 1 holds the year's first Thursday. */
function isoWeekYear(n: Day): number {
  return new Date((weekMonday(n) + 3) * 86_400_000).getUTCFullYear();
}

/** The periods of a calendar year: four quarters, twelve months, or the ISO weeks of the ISO year. */
export function periodsOf(kind: PeriodKind, year: number): Period[] {
  if (kind === "quarter" || kind === "month") {
    const months = kind === "quarter" ? 3 : 1;
    return Array.from({ length: 12 / months }, (_, i) => {
      const start = addMonths(yearStart(year), i * months);
      const end = addMonths(yearStart(year), (i + 1) * months) - 1;
      return { label: kind === "quarter" ? `${year}-Q${i + 1}` : formatDay(start).slice(0, 7), start, end };
    });
  }
  // ISO weeks: from the Monday of the week holding 4 January to the last week whose Thursday is in the year.
  const first = weekMonday(yearStart(year) + 3);
  const weeks: Period[] = [];
  for (let monday = first, w = 1; isoWeekYear(monday) === year; monday += 7, w++) {
    weeks.push({ label: `${year}-W${String(w).padStart(2, "0")}`, start: monday, end: monday + 6 });
  }
  return weeks;
}

export interface SiteVisits {
  siteId: string;
  level: SiteLevel;
  visits: Day[];
}

export interface SiteFrequency {
  siteId: string;
  level: SiteLevel;
  per: PeriodKind;
  min: number;
  periods: number;
  metPeriods: number;
  /** Periods that ended (by asOf) with fewer visits than required: the gaps to list. */
  emptyPeriods: { label: string; from: string; to: string; visits: number }[];
  status: "pass" | "fail";
}

/**
 * Touring-frequency compliance of each site for a year: every period that has ended by `asOf`
 * (the whole year when omitted) needs `min` visits; a period still running is not judged yet.
 * Visits are bucketed in one pass, so a province (2,000 sites, 100,000 visits) takes milliseconds.
 */
export function touringFrequency(sites: readonly SiteVisits[], year: number, rules: FrequencyRules = DEFAULT_FREQUENCY, asOf?: Day): SiteFrequency[] {
  const cutoff = asOf ?? yearEnd(year) + 7;
  const periodCache = new Map<PeriodKind, Period[]>();
  const periodsFor = (kind: PeriodKind) => {
    const cached = periodCache.get(kind);
    if (cached) return cached;
    const made = periodsOf(kind, year);
    periodCache.set(kind, made);
    return made;
  };
  return sites.map((site) => {
    const { per, min } = rules[site.level];
    const periods = periodsFor(per);
    const counts = new Array<number>(periods.length).fill(0);
    const first = periods[0]?.start ?? 0;
    for (const v of site.visits) {
      if (v < first || v > (periods[periods.length - 1]?.end ?? 0)) continue;
      // Weeks are a fixed 7 days; months and quarters need a search (at most 12 steps).
      const index = per === "week" ? Math.floor((v - first) / 7) : periods.findIndex((p) => v >= p.start && v <= p.end);
      if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
    }
    const judged = periods.map((p, i) => ({ p, n: counts[i] ?? 0 })).filter(({ p }) => p.end <= cutoff);
    const empty = judged.filter(({ n }) => n < min);
    return {
      siteId: site.siteId,
      level: site.level,
      per,
      min,
      periods: judged.length,
      metPeriods: judged.length - empty.length,
      emptyPeriods: empty.map(({ p, n }) => ({ label: p.label, from: formatDay(p.start), to: formatDay(p.end), visits: n })),
      status: empty.length ? "fail" : "pass",
    };
  });
}

/** Touring sites by institution kind; other kinds are not touring destinations. */
export function siteLevelOf(kind: string): SiteLevel | null {
  if (kind === "county_hospital" || kind === "county_tcm_hospital") return "county";
  if (kind === "township_health_center" || kind === "community_health_center") return "township";
  if (kind === "village_clinic") return "village";
  return null;
}

/** One entry of an institution's outreach calendar (server answer and web view share it). */
export interface CalendarEvent {
  id: string;
  kind: "stationing" | "telemedicine" | "touring" | "training";
  title: string;
  /** All-day events: `YYYY-MM-DD` .. `YYYY-MM-DD` inclusive; timed events: ISO times. */
  start: string;
  end: string;
  allDay: boolean;
  link: string | null;
  /**
   * What the title says, as data, so a reader sees it in their own language (the title is the
   * Chinese text the ICS file carries): which wording, and the names and numbers it puts in.
   */
  words: CalendarWords;
}

export type CalendarWords =
  | { form: "stationed_here"; name: string }
  | { form: "stationed_away"; name: string; place: string }
  | { form: "telemedicine"; sessionKind: string; title: string; other: string }
  | { form: "touring"; team: string; site: string }
  | { form: "training"; topic: string; hours: number };
