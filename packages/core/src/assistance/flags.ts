/**
 * Flags officials can act on (issue 16 item 5): warnings on the board and in an agreement's detail
 * that the support may not be real — a stay with many days away or without a location, an empty
 * work log, months the recipient has not confirmed, a low rating. Pure: the server gathers the
 * counts (a few set-based queries for a whole province) and this decides, each flag with its
 * evidence and a message in both languages. Flags are warnings, not verdicts: the compliance
 * status stays the rule packs' business.
 */
import { type Day, formatDay, type Interval, isWorkingDay, mergeIntervals, yearEnd, yearStart } from "../dates.ts";
import { FLAG_MESSAGES } from "./flag-messages.ts";
import { LOW_RATING, type WorkMonthStatus } from "./work-log.ts";

export const FLAG_KINDS = ["away_days", "without_location_days", "empty_work_log", "unconfirmed_months", "low_rating"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** The numbers that raise a flag. Defaults are ours (not from a notice); a province may pass others. */
export interface FlagThresholds {
  /**
   * "away" days over located check-ins (on site + away + without location) must be MORE than this
   * share, and at least `minDays`. 20 %: one working day in five, i.e. a stay that is away about a
   * day every week; below that a phone's position indoors, missing the radius now and then, is noise.
   */
  awayShare: number;
  /** The same share for check-ins without a usable position (denied, or worse than 5 km). */
  withoutLocationShare: number;
  /**
   * The least number of away (or without-location) days that can raise a flag: a working week. A
   * three-day stay with one away day is 33 % but tells nothing; five days away is a week gone.
   */
  minDays: number;
  /**
   * A person-month with no work-log line at all is empty when the person was stationed (or checked
   * in) on at least this many days of it so far: two working weeks without one line of work.
   * Fewer days (a stay starting late in the month, or the first days of this month) are not judged.
   */
  emptyLogMinDays: number;
  /**
   * Days after a month's end the recipient has to confirm it: 10, the day monthly reports are due
   * where provinces run them by hand (报送次月10日前); after that the month is flagged.
   */
  confirmGraceDays: number;
  /** A rating whose mean over the four aspects is below this is flagged (core work-log.ts LOW_RATING). */
  lowRating: number;
}

export const DEFAULT_FLAG_THRESHOLDS: FlagThresholds = {
  awayShare: 0.2,
  withoutLocationShare: 0.2,
  minDays: 5,
  emptyLogMinDays: 10,
  confirmGraceDays: 10,
  lowRating: LOW_RATING,
};

/** One stationing of a person (effective dates; cancelled ones left out). */
export interface FlagStay {
  person: string;
  name: string;
  start: Day;
  end: Day;
}

/** A person's check-ins of one month under the agreement, counted by location class. */
export interface MonthCheckIns {
  person: string;
  /** YYYY-MM. */
  month: string;
  /** Every check-in, location evidence or not. */
  total: number;
  onSite: number;
  away: number;
  withoutLocation: number;
  awayFirst: string | null;
  awayLast: string | null;
  withoutLocationFirst: string | null;
  withoutLocationLast: string | null;
}

export interface FlagFacts {
  /** The agreement's period. */
  agreement: Interval;
  /** The year judged (the board's year). */
  year: number;
  /** The day facts are known until (today on the board). */
  asOf: Day;
  stays: readonly FlagStay[];
  checkIns: readonly MonthCheckIns[];
  /** Work-log lines (any status) per person and month; a missing pair has none. */
  workLines: readonly { person: string; month: string; lines: number }[];
  /** The work_months rows; a missing person-month is open. */
  months: readonly { person: string; month: string; status: WorkMonthStatus }[];
  /** The recipient's ratings: period `end` or `YYYY-Qn`, `on` = the stay's end or the quarter's last day. */
  ratings: readonly { person: string; period: string; on: Day; mean: number; count: number }[];
}

interface FlagBase {
  person: string;
  name: string;
  message: string;
  messageEn: string;
}
export interface LocationFlag extends FlagBase {
  kind: "away_days" | "without_location_days";
  days: number;
  /** Check-ins with location evidence (on site, away or without location) in the year so far. */
  checkIns: number;
  share: number;
  firstDate: string | null;
  lastDate: string | null;
  minShare: number;
  minDays: number;
}
export interface EmptyLogFlag extends FlagBase {
  kind: "empty_work_log";
  months: { month: string; stationedDays: number; checkIns: number }[];
}
export interface UnconfirmedFlag extends FlagBase {
  kind: "unconfirmed_months";
  months: { month: string; status: "open" | "disputed"; dueBy: string }[];
}
export interface LowRatingFlag extends FlagBase {
  kind: "low_rating";
  period: string;
  mean: number;
  ratings: number;
  threshold: number;
}
export type AgreementFlag = LocationFlag | EmptyLogFlag | UnconfirmedFlag | LowRatingFlag;

const MS_PER_DAY = 86_400_000;
const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;
const monthStart = (year: number, month: number): Day => Date.UTC(year, month - 1, 1) / MS_PER_DAY;
const monthEnd = (year: number, month: number): Day => Date.UTC(year, month, 0) / MS_PER_DAY;

/** Monday–Friday days in an inclusive range (whole weeks by arithmetic, the rest one by one). */
export function workingDaysIn(from: Day, to: Day): number {
  if (to < from) return 0;
  const length = to - from + 1;
  let count = Math.floor(length / 7) * 5;
  for (let d = from + Math.floor(length / 7) * 7; d <= to; d++) if (isWorkingDay(d)) count++;
  return count;
}

/** The months of `year` up to `until`, with their bounds. */
function monthsOf(year: number, until: Day): { key: string; start: Day; end: Day }[] {
  const list = [];
  for (let m = 1; m <= 12; m++) {
    const start = monthStart(year, m);
    if (start > until) break;
    list.push({ key: monthKey(year, m), start, end: monthEnd(year, m) });
  }
  return list;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const ORDER = new Map(FLAG_KINDS.map((k, i) => [k, i]));

/**
 * The flags of one agreement for a year, as of a day: the year clipped to the agreement's period
 * and to `asOf`. Stationed working days come from the stays, the rest from the facts' counts.
 */
export function agreementFlags(facts: FlagFacts, thresholds: FlagThresholds = DEFAULT_FLAG_THRESHOLDS): AgreementFlag[] {
  const from = Math.max(yearStart(facts.year), facts.agreement.start);
  const yearTo = Math.min(yearEnd(facts.year), facts.agreement.end);
  const to = Math.min(yearTo, facts.asOf);
  if (from > to) return [];
  const names = new Map<string, string>();
  const staysOf = new Map<string, Interval[]>();
  for (const s of facts.stays) {
    names.set(s.person, s.name);
    staysOf.set(s.person, [...(staysOf.get(s.person) ?? []), { start: s.start, end: s.end }]);
  }
  const nameOf = (person: string) => names.get(person) ?? person;
  const flags: AgreementFlag[] = [];

  // Location: the year's check-ins of each person, summed over months inside the window.
  const located = new Map<
    string,
    { total: number; away: number; without: number; af: string | null; al: string | null; wf: string | null; wl: string | null }
  >();
  const checkInsByMonth = new Map<string, number>();
  const fromMonth = formatDay(from).slice(0, 7);
  const toMonth = formatDay(to).slice(0, 7);
  for (const c of facts.checkIns) {
    if (c.month < fromMonth || c.month > toMonth) continue;
    checkInsByMonth.set(`${c.person}|${c.month}`, (checkInsByMonth.get(`${c.person}|${c.month}`) ?? 0) + c.total);
    const l = located.get(c.person) ?? { total: 0, away: 0, without: 0, af: null, al: null, wf: null, wl: null };
    l.total += c.onSite + c.away + c.withoutLocation;
    l.away += c.away;
    l.without += c.withoutLocation;
    l.af = earliest(l.af, c.awayFirst);
    l.al = latest(l.al, c.awayLast);
    l.wf = earliest(l.wf, c.withoutLocationFirst);
    l.wl = latest(l.wl, c.withoutLocationLast);
    located.set(c.person, l);
  }
  for (const [person, l] of located) {
    const name = nameOf(person);
    const judge = (kind: LocationFlag["kind"], days: number, minShare: number, first: string | null, last: string | null) => {
      const share = l.total ? days / l.total : 0;
      if (days < thresholds.minDays || share <= minShare) return;
      const message = FLAG_MESSAGES[kind](name, days, l.total, share, first, last);
      flags.push({
        kind,
        person,
        name,
        days,
        checkIns: l.total,
        share: round3(share),
        firstDate: first,
        lastDate: last,
        minShare,
        minDays: thresholds.minDays,
        message: message.zh,
        messageEn: message.en,
      });
    };
    judge("away_days", l.away, thresholds.awayShare, l.af, l.al);
    judge("without_location_days", l.without, thresholds.withoutLocationShare, l.wf, l.wl);
  }

  // Work log and sign-off, month by month of each person's stays.
  const lines = new Map(facts.workLines.map((w) => [`${w.person}|${w.month}`, w.lines]));
  const monthStatus = new Map(facts.months.map((m) => [`${m.person}|${m.month}`, m.status]));
  const months = monthsOf(facts.year, to);
  for (const [person, intervals] of staysOf) {
    const merged = mergeIntervals(intervals).filter((stay) => stay.start <= to && stay.end >= from);
    if (merged.length === 0) continue;
    const empty: EmptyLogFlag["months"] = [];
    const unconfirmed: UnconfirmedFlag["months"] = [];
    for (const m of months) {
      let stationed = 0;
      for (const stay of merged) stationed += workingDaysIn(Math.max(stay.start, m.start, from), Math.min(stay.end, m.end, to));
      if (stationed === 0) continue;
      const key = `${person}|${m.key}`;
      const checkIns = checkInsByMonth.get(key) ?? 0;
      if ((lines.get(key) ?? 0) === 0 && Math.max(stationed, checkIns) >= thresholds.emptyLogMinDays) {
        empty.push({ month: m.key, stationedDays: stationed, checkIns });
      }
      const due = m.end + thresholds.confirmGraceDays;
      const status = monthStatus.get(key) ?? "open";
      if (facts.asOf > due && status !== "confirmed") unconfirmed.push({ month: m.key, status, dueBy: formatDay(due) });
    }
    const name = nameOf(person);
    if (empty.length) {
      const message = FLAG_MESSAGES.empty_work_log(name, empty);
      flags.push({ kind: "empty_work_log", person, name, months: empty, message: message.zh, messageEn: message.en });
    }
    if (unconfirmed.length) {
      const message = FLAG_MESSAGES.unconfirmed_months(name, unconfirmed, thresholds.confirmGraceDays);
      flags.push({ kind: "unconfirmed_months", person, name, months: unconfirmed, message: message.zh, messageEn: message.en });
    }
  }

  // Ratings given for the year's stays and quarters (a rating exists once given: not clipped to asOf).
  for (const r of facts.ratings) {
    if (r.on < from || r.on > yearTo || !(r.mean < thresholds.lowRating)) continue;
    const name = nameOf(r.person);
    const mean = Math.round(r.mean * 100) / 100;
    const message = FLAG_MESSAGES.low_rating(name, r.period, mean, thresholds.lowRating);
    flags.push({
      kind: "low_rating",
      person: r.person,
      name,
      period: r.period,
      mean,
      ratings: r.count,
      threshold: thresholds.lowRating,
      message: message.zh,
      messageEn: message.en,
    });
  }
  return flags.sort((a, b) => (ORDER.get(a.kind) as number) - (ORDER.get(b.kind) as number) || a.name.localeCompare(b.name, "zh"));
}

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const latest = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** The day a rating period refers to: a quarter's last day (`2026-Q3` → 2026-09-30); `end` has no day of its own. */
export function ratingPeriodDay(period: string): Day | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  return m ? monthEnd(Number(m[1]), Number(m[2]) * 3) : null;
}
