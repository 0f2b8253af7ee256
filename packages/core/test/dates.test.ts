import { describe, expect, it } from "vitest";
import { addMonths, day, formatDay, lastsMonths, mergeIntervals, parseDay, uncovered, weekday, weekMonday } from "../src/dates.ts";

describe("calendar dates", () => {
  it("parses only real dates", () => {
    expect(parseDay("2025-02-28")).not.toBeNull();
    expect(parseDay("2024-02-29")).not.toBeNull();
    for (const bad of ["2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-1-01", "20250101", "", "2025-01-01T00:00"])
      expect(parseDay(bad)).toBeNull();
  });

  it("round-trips through day numbers", () => {
    for (const d of ["1970-01-01", "2000-02-29", "2025-12-31", "2026-01-01"]) expect(formatDay(day(d))).toBe(d);
  });

  it("adds months clamping to the month's end", () => {
    expect(formatDay(addMonths(day("2025-01-31"), 1))).toBe("2025-02-28");
    expect(formatDay(addMonths(day("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatDay(addMonths(day("2025-08-31"), 6))).toBe("2026-02-28");
    expect(formatDay(addMonths(day("2025-11-15"), 3))).toBe("2026-02-15");
    expect(formatDay(addMonths(day("2025-01-01"), 12))).toBe("2026-01-01");
  });

  it("judges an N-month stay as end >= addMonths(start, N) - 1 day", () => {
    expect(lastsMonths(day("2025-01-01"), day("2025-06-30"), 6)).toBe(true);
    expect(lastsMonths(day("2025-01-01"), day("2025-06-29"), 6)).toBe(false);
    expect(lastsMonths(day("2025-08-31"), day("2026-02-27"), 6)).toBe(true);
    expect(lastsMonths(day("2025-08-31"), day("2026-02-26"), 6)).toBe(false);
    expect(lastsMonths(day("2025-03-01"), day("2026-02-28"), 12)).toBe(true);
    expect(lastsMonths(day("2025-03-01"), day("2026-02-27"), 12)).toBe(false);
  });

  it("knows ISO weekdays and weeks", () => {
    expect(weekday(day("2025-01-06"))).toBe(1);
    expect(weekday(day("2025-01-05"))).toBe(7);
    expect(formatDay(weekMonday(day("2025-01-01")))).toBe("2024-12-30");
  });

  it("merges touching and overlapping intervals, not gapped ones", () => {
    const i = (a: string, b: string) => ({ start: day(a), end: day(b) });
    expect(mergeIntervals([i("2025-04-01", "2025-06-30"), i("2025-01-01", "2025-03-31")])).toEqual([i("2025-01-01", "2025-06-30")]);
    expect(mergeIntervals([i("2025-01-01", "2025-05-31"), i("2025-03-01", "2025-04-30")])).toEqual([i("2025-01-01", "2025-05-31")]);
    expect(mergeIntervals([i("2025-01-01", "2025-03-31"), i("2025-04-02", "2025-06-30")])).toHaveLength(2);
  });

  it("lists uncovered ranges at both ends and between", () => {
    const i = (a: string, b: string) => ({ start: day(a), end: day(b) });
    const gaps = uncovered(i("2025-01-01", "2025-12-31"), [i("2025-01-05", "2025-03-31"), i("2025-04-10", "2025-12-30")]);
    expect(gaps.map((g) => [formatDay(g.start), formatDay(g.end)])).toEqual([
      ["2025-01-01", "2025-01-04"],
      ["2025-04-01", "2025-04-09"],
      ["2025-12-31", "2025-12-31"],
    ]);
    expect(uncovered(i("2025-01-01", "2025-01-31"), [])).toEqual([i("2025-01-01", "2025-01-31")]);
  });
});
