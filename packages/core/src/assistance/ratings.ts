/**
 * The recipient's judgement of a stationed person (issue 16 item 4): which rating periods a stay
 * has and when each is due, what a valid rating is, and the aggregate the supporter sees.
 * Pure: the server loads stays and ratings, this decides.
 */
import { addMonths, type Day, formatDay } from "../dates.ts";
import type { FieldError } from "../errors.ts";
import { LOW_RATING, RATING_ASPECTS, RATING_MAX, RATING_MIN, type RatingAspect } from "./work-log.ts";

/** The rating at the end of a stay. Quarterly ratings are named `YYYY-Qn`. */
export const END_PERIOD = "end";

/** A stay is long — and rated each full quarter too — when it lasts more than this many calendar months. */
export const LONG_STAY_MONTHS = 3;

/**
 * A period opens for rating this many days before its last day. Two weeks, because the person
 * often leaves (or goes on holiday) in the last days of a stay, and the recipient's coordinator
 * has the judgement by then; before that the stay is still too young to judge as a whole.
 */
export const RATING_OPENS_DAYS_BEFORE = 14;

/** The longest comment the recipient may write. */
export const RATING_COMMENT_MAX = 500;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** A stay's first and last day (actual dates, else planned). */
export interface StaySpan {
  start: Day;
  end: Day;
}

/** One period of a stay: its name and the last day it covers (rating opens two weeks before it). */
export interface RatingPeriod {
  period: string;
  lastDay: Day;
}

/** The calendar quarter `YYYY-Qn` names, or null when the text is not one. */
export function quarterSpan(period: string): StaySpan | null {
  const m = QUARTER.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const start = Date.UTC(year, (q - 1) * 3, 1) / 86_400_000;
  return { start, end: addMonths(start, 3) - 1 };
}

/** Whether the text names a rating period at all (`end` or `YYYY-Qn`), whatever the stay. */
export function isRatingPeriod(period: string): boolean {
  return period === END_PERIOD || quarterSpan(period) !== null;
}

/** The quarter a day lies in, as `YYYY-Qn`. */
export function quarterOf(d: Day): string {
  const date = new Date(d * 86_400_000);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** Whether a stay lasts more than LONG_STAY_MONTHS calendar months (exactly three is not long). */
export function isLongStay(stay: StaySpan): boolean {
  return stay.end >= addMonths(stay.start, LONG_STAY_MONTHS);
}

/**
 * Every period a stay has, in order: one per calendar quarter the stay covers in full when the stay
 * is long, then `end`. A quarter ending on the stay's last day is left out: the end rating judges
 * that same stretch at the same moment, and two ratings of it would count it twice.
 */
export function stayPeriods(stay: StaySpan): RatingPeriod[] {
  const periods: RatingPeriod[] = [];
  if (isLongStay(stay)) {
    let q = quarterSpan(quarterOf(stay.start)) as StaySpan;
    while (q.end < stay.end) {
      if (q.start >= stay.start) periods.push({ period: quarterOf(q.start), lastDay: q.end });
      const next = q.end + 1;
      q = { start: next, end: addMonths(next, 3) - 1 };
    }
  }
  periods.push({ period: END_PERIOD, lastDay: stay.end });
  return periods;
}

/**
 * The periods due for rating today: the stay has begun, and the period's last day is at most
 * RATING_OPENS_DAYS_BEFORE days ahead (or past). A due period stays due once rated: re-rating it
 * updates the rating.
 */
export function duePeriods(stay: StaySpan, today: Day): string[] {
  if (stay.start > today) return [];
  return stayPeriods(stay)
    .filter((p) => p.lastDay <= today + RATING_OPENS_DAYS_BEFORE)
    .map((p) => p.period);
}

/** The four scores of one rating. */
export type RatingScores = Record<RatingAspect, number>;

/** What the recipient sends: the four scores and a comment. Unknown values, as a client may send. */
export interface RatingDraft {
  period: string;
  scores: Partial<Record<RatingAspect, unknown>>;
  comment?: unknown;
}

/** Field errors of a rating: the period's text, each score an integer 1..5, the comment's length. */
export function checkRating(draft: RatingDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRatingPeriod(draft.period)) {
    errors.push({ path: "period", code: "format", params: { format: "rating_period" }, message: `must be "end" or a quarter like 2026-Q1` });
  }
  for (const aspect of RATING_ASPECTS) {
    const score = draft.scores[aspect];
    if (score === undefined || score === null) errors.push({ path: aspect, code: "required", message: "is required" });
    else if (typeof score !== "number" || !Number.isInteger(score))
      errors.push({ path: aspect, code: "type", params: { type: "integer" }, message: "must be a whole number" });
    else if (score < RATING_MIN) errors.push({ path: aspect, code: "too_small", params: { limit: RATING_MIN }, message: `must be at least ${RATING_MIN}` });
    else if (score > RATING_MAX) errors.push({ path: aspect, code: "too_large", params: { limit: RATING_MAX }, message: `must be at most ${RATING_MAX}` });
  }
  if (draft.comment !== undefined && draft.comment !== null) {
    if (typeof draft.comment !== "string") errors.push({ path: "comment", code: "type", params: { type: "string" }, message: "must be text" });
    else if (draft.comment.length > RATING_COMMENT_MAX)
      errors.push({ path: "comment", code: "too_long", params: { limit: RATING_COMMENT_MAX }, message: `must be at most ${RATING_COMMENT_MAX} characters` });
  }
  return errors;
}

/** The field error when a (well-formed) period is not due for this stay today; none when it is. */
export function checkPeriodDue(period: string, stay: StaySpan | null, today: Day): FieldError[] {
  const due = stay ? duePeriods(stay, today) : [];
  if (due.includes(period)) return [];
  const listed = due.join(", ") || "none";
  return [
    {
      path: "period",
      code: "not_allowed",
      params: { reason: "rating_not_due", due: listed, today: formatDay(today) },
      message: `"${period}" is not due for this stay (due now: ${listed})`,
    },
  ];
}

/** A rating is low (a flag, issue 16 item 5) when any aspect scores below LOW_RATING. */
export function isLowRating(scores: RatingScores): boolean {
  return RATING_ASPECTS.some((a) => scores[a] < LOW_RATING);
}

/** What the supporter sees of a person: the mean per aspect, the overall mean, how many ratings. */
export interface RatingAggregate {
  means: Record<RatingAspect, number | null>;
  /** Mean of every score of every rating (the four aspects weigh the same); null without ratings. */
  overall: number | null;
  count: number;
  /** Ratings with an aspect below LOW_RATING. */
  low: number;
}

/** Two decimals, as shown and compared (half away from zero). */
export function roundScore(value: number): number {
  return Math.round(value * 100 + Number.EPSILON) / 100;
}

/** The aggregate of a person's ratings (means rounded to two decimals). */
export function aggregateRatings(ratings: readonly RatingScores[]): RatingAggregate {
  const count = ratings.length;
  const sum = (a: RatingAspect) => ratings.reduce((s, r) => s + r[a], 0);
  const means = Object.fromEntries(RATING_ASPECTS.map((a) => [a, count ? roundScore(sum(a) / count) : null])) as Record<RatingAspect, number | null>;
  const total = RATING_ASPECTS.reduce((s, a) => s + sum(a), 0);
  return {
    means,
    overall: count ? roundScore(total / (count * RATING_ASPECTS.length)) : null,
    count,
    low: ratings.filter(isLowRating).length,
  };
}
