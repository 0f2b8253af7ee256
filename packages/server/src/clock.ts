import { type Day, formatDay } from "@medbridge/core";

/**
 * The only source of "now" and "today" on the server. The programme runs on China time (UTC+8,
 * no daylight saving since 1991), so every calendar date the server makes — today, a due date,
 * a month — is a China date: between 00:00 and 08:00 Beijing time the UTC date is still
 * yesterday. Routes and jobs take a `Clock` so tests can move time; nothing else calls
 * `new Date()` or `Date.now()` to decide a date.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MS_PER_DAY = 86_400_000;

/** The China calendar day of an instant, as a day number (see core/dates.ts). */
export function chinaDay(at: Date): Day {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / MS_PER_DAY);
}

/** The China calendar date of an instant, `YYYY-MM-DD`. */
export function chinaDate(at: Date): string {
  return formatDay(chinaDay(at));
}

/** The China month of an instant, `YYYY-MM`. */
export function chinaMonth(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

/** Today in China as a day number. */
export function todayInChina(now: Date = systemClock()): Day {
  return chinaDay(now);
}

/** The instant a China calendar day begins (00:00 Beijing time). */
export function chinaMidnight(day: Day): Date {
  return new Date(day * MS_PER_DAY - CHINA_OFFSET_MS);
}
