import { describe, expect, it } from "vitest";
import {
  aggregateRatings,
  checkPeriodDue,
  checkRating,
  duePeriods,
  isLongStay,
  isLowRating,
  isRatingPeriod,
  quarterOf,
  quarterSpan,
  RATING_OPENS_DAYS_BEFORE,
  stayPeriods,
} from "../src/assistance/ratings.ts";
import { day } from "../src/dates.ts";

const stay = (start: string, end: string) => ({ start: day(start), end: day(end) });
const names = (s: ReturnType<typeof stay>) => stayPeriods(s).map((p) => p.period);
const good = { attendance: 4, clinical: 5, teaching: 3, conduct: 5 };

describe("rating periods", () => {
  it("reads period names: end and YYYY-Q1..Q4 only", () => {
    for (const ok of ["end", "2026-Q1", "2025-Q4", "1999-Q2"]) expect(isRatingPeriod(ok), ok).toBe(true);
    for (const bad of ["", "End", "2026-Q0", "2026-Q5", "2026Q1", "2026-q1", "26-Q1", "2026-Q1 ", "end ", "2026-01"])
      expect(isRatingPeriod(bad), bad).toBe(false);
  });

  it("knows each quarter's days (leap years included)", () => {
    expect(quarterSpan("2024-Q1")).toEqual(stay("2024-01-01", "2024-03-31"));
    expect(quarterSpan("2026-Q2")).toEqual(stay("2026-04-01", "2026-06-30"));
    expect(quarterSpan("2026-Q3")).toEqual(stay("2026-07-01", "2026-09-30"));
    expect(quarterSpan("2026-Q4")).toEqual(stay("2026-10-01", "2026-12-31"));
    expect(quarterSpan("2026-Q5")).toBeNull();
    expect(quarterOf(day("2026-03-31"))).toBe("2026-Q1");
    expect(quarterOf(day("2026-04-01"))).toBe("2026-Q2");
    expect(quarterOf(day("2026-12-31"))).toBe("2026-Q4");
  });

  it("a stay of exactly three months is not long: only its end is rated", () => {
    const s = stay("2026-01-01", "2026-03-31");
    expect(isLongStay(s)).toBe(false);
    expect(names(s)).toEqual(["end"]);
    // Mid-month too: 15 January to 14 April is three months exactly.
    expect(isLongStay(stay("2026-01-15", "2026-04-14"))).toBe(false);
  });

  it("one day more than three months is long; a quarter it covers in full is rated", () => {
    const s = stay("2026-01-01", "2026-04-01");
    expect(isLongStay(s)).toBe(true);
    expect(names(s)).toEqual(["2026-Q1", "end"]);
    expect(isLongStay(stay("2026-01-15", "2026-04-15"))).toBe(true);
    // Long, but no quarter lies wholly inside it before its last day.
    expect(names(stay("2026-01-15", "2026-04-15"))).toEqual(["end"]);
  });

  it("a half-year stay: the first quarter and the end (the quarter ending with the stay is the end rating)", () => {
    expect(names(stay("2026-01-01", "2026-06-30"))).toEqual(["2026-Q1", "end"]);
    expect(names(stay("2026-07-01", "2026-12-31"))).toEqual(["2026-Q3", "end"]);
    // Starting on 15 July, the third quarter is not full.
    expect(names(stay("2026-07-15", "2026-12-31"))).toEqual(["end"]);
  });

  it("a year's stay: three quarters and the end", () => {
    expect(names(stay("2026-01-01", "2026-12-31"))).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "end"]);
  });

  it("a stay crossing a year names quarters of both years", () => {
    expect(names(stay("2025-10-01", "2026-03-31"))).toEqual(["2025-Q4", "end"]);
    expect(names(stay("2025-09-15", "2026-06-30"))).toEqual(["2025-Q4", "2026-Q1", "end"]);
    expect(names(stay("2025-11-20", "2026-05-10"))).toEqual(["2026-Q1", "end"]);
    const last = stayPeriods(stay("2025-10-01", "2026-03-31"));
    expect(last[0]).toEqual({ period: "2025-Q4", lastDay: day("2025-12-31") });
    expect(last[1]).toEqual({ period: "end", lastDay: day("2026-03-31") });
  });
});

describe("due periods", () => {
  const year = stay("2026-01-01", "2026-12-31");
  it("nothing is due before the stay begins, even a short stay ending within two weeks", () => {
    expect(duePeriods(stay("2026-05-10", "2026-05-20"), day("2026-05-09"))).toEqual([]);
    expect(duePeriods(stay("2026-05-10", "2026-05-20"), day("2026-05-10"))).toEqual(["end"]);
  });

  it(`a period opens ${RATING_OPENS_DAYS_BEFORE} days before its last day, not a day earlier`, () => {
    expect(duePeriods(year, day("2026-03-16"))).toEqual([]);
    expect(duePeriods(year, day("2026-03-17"))).toEqual(["2026-Q1"]);
    expect(duePeriods(year, day("2026-12-16"))).toEqual(["2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(duePeriods(year, day("2026-12-17"))).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "end"]);
  });

  it("an ended stay keeps all its periods due (a rating may be given or changed later)", () => {
    expect(duePeriods(stay("2025-10-01", "2026-03-31"), day("2027-01-01"))).toEqual(["2025-Q4", "end"]);
  });

  it("checkPeriodDue names the period and what is due", () => {
    expect(checkPeriodDue("2026-Q1", year, day("2026-04-01"))).toEqual([]);
    const [error] = checkPeriodDue("2026-Q2", year, day("2026-04-01"));
    expect(error).toMatchObject({ path: "period", code: "not_allowed", params: { reason: "rating_not_due", due: "2026-Q1" } });
    // A quarter of another year, and a stay that has none.
    expect(checkPeriodDue("2025-Q4", year, day("2027-01-01"))[0]?.path).toBe("period");
    expect(checkPeriodDue("end", null, day("2027-01-01"))[0]).toMatchObject({ path: "period", params: { due: "none" } });
  });
});

describe("rating validation", () => {
  const paths = (draft: Parameters<typeof checkRating>[0]) => checkRating(draft).map((e) => `${e.path}:${e.code}`);
  it("accepts four whole scores 1..5 and an optional comment", () => {
    expect(checkRating({ period: "end", scores: good })).toEqual([]);
    expect(checkRating({ period: "2026-Q2", scores: { attendance: 1, clinical: 5, teaching: 1, conduct: 5 }, comment: "准时，带教认真" })).toEqual([]);
  });

  it("refuses 0, 6, 2.5, text and a missing aspect, naming each field", () => {
    expect(paths({ period: "end", scores: { ...good, attendance: 0 } })).toEqual(["attendance:too_small"]);
    expect(paths({ period: "end", scores: { ...good, clinical: 6 } })).toEqual(["clinical:too_large"]);
    expect(paths({ period: "end", scores: { ...good, teaching: 2.5 } })).toEqual(["teaching:type"]);
    expect(paths({ period: "end", scores: { ...good, conduct: "5" } })).toEqual(["conduct:type"]);
    const { conduct: _, ...three } = good;
    expect(paths({ period: "end", scores: three })).toEqual(["conduct:required"]);
    expect(paths({ period: "end", scores: {} })).toEqual(["attendance:required", "clinical:required", "teaching:required", "conduct:required"]);
  });

  it("refuses an unknown period and a comment over 500 characters", () => {
    expect(paths({ period: "2026-Q5", scores: good })).toEqual(["period:format"]);
    expect(paths({ period: "final", scores: good })).toEqual(["period:format"]);
    expect(paths({ period: "end", scores: good, comment: "好".repeat(501) })).toEqual(["comment:too_long"]);
    expect(paths({ period: "end", scores: good, comment: "好".repeat(500) })).toEqual([]);
  });
});

describe("aggregates", () => {
  it("are empty without ratings", () => {
    expect(aggregateRatings([])).toEqual({ means: { attendance: null, clinical: null, teaching: null, conduct: null }, overall: null, count: 0, low: 0 });
  });

  it("average each aspect and all scores, rounded to two decimals", () => {
    const a = aggregateRatings([good, { attendance: 5, clinical: 4, teaching: 2, conduct: 4 }, { attendance: 5, clinical: 4, teaching: 3, conduct: 5 }]);
    expect(a.means).toEqual({ attendance: 4.67, clinical: 4.33, teaching: 2.67, conduct: 4.67 });
    // 12 scores summing to 49.
    expect(a.overall).toBe(4.08);
    expect(a.count).toBe(3);
    expect(a.low).toBe(1);
  });

  it("a rating is low when any aspect is below 3", () => {
    expect(isLowRating(good)).toBe(false);
    expect(isLowRating({ ...good, conduct: 2 })).toBe(true);
    expect(isLowRating({ attendance: 3, clinical: 3, teaching: 3, conduct: 3 })).toBe(false);
  });
});
