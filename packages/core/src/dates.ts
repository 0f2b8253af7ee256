/**
 * Calendar dates without time zones, as integer day numbers (days since 1970-01-01), which makes
 * interval arithmetic exact and fast. Intervals are inclusive at both ends.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` string, or null if the text is not a real calendar date. */
export function parseDay(text: string): Day | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

/** Day number of a date known to be valid (throws otherwise: a programming error). */
export function day(text: string): Day {
  const n = parseDay(text);
  if (n === null) throw new Error(`Not a calendar date: ${text}`);
  return n;
}

export function formatDay(n: Day): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(n: Day, months: number): Day {
  const d = new Date(n * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return Date.UTC(year, month - 1, Math.min(d.getUTCDate(), daysInMonth(year, month))) / MS_PER_DAY;
}

/** Whether the inclusive stay start..end lasts at least `months` calendar months. */
export function lastsMonths(start: Day, end: Day, months: number): boolean {
  return end >= addMonths(start, months) - 1;
}

export function yearStart(year: number): Day {
  return Date.UTC(year, 0, 1) / MS_PER_DAY;
}

export function yearEnd(year: number): Day {
  return Date.UTC(year, 11, 31) / MS_PER_DAY;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function weekday(n: Day): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** Monday of the ISO week containing the day. */
export function weekMonday(n: Day): Day {
  return n - weekday(n) + 1;
}

export function isWorkingDay(n: Day): boolean {
  return weekday(n) <= 5;
}

export interface Interval {
  start: Day;
  end: Day;
}

/** Merges intervals that overlap or touch (the next starts the day after the previous ends). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end + 1) last.end = Math.max(last.end, i.end);
    else merged.push({ start: i.start, end: i.end });
  }
  return merged;
}

/** The days of `period` covered by none of the intervals, as inclusive ranges in order. */
export function uncovered(period: Interval, intervals: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = period.start;
  for (const i of mergeIntervals(intervals)) {
    if (i.end < cursor) continue;
    if (i.start > period.end) break;
    if (i.start > cursor) gaps.push({ start: cursor, end: Math.min(i.start - 1, period.end) });
    cursor = Math.max(cursor, i.end + 1);
    if (cursor > period.end) break;
  }
  if (cursor <= period.end) gaps.push({ start: cursor, end: period.end });
  return gaps;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function clip(i: Interval, to: Interval): Interval | null {
  const start = Math.max(i.start, to.start);
  const end = Math.min(i.end, to.end);
  return start <= end ? { start, end } : null;
}

export function lengthDays(i: Interval): number {
  return i.end - i.start + 1;
}
