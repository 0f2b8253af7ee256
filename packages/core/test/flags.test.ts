import { describe, expect, it } from "vitest";
import {
  type AgreementFlag,
  agreementFlags,
  DEFAULT_FLAG_THRESHOLDS,
  type FlagFacts,
  type MonthCheckIns,
  ratingPeriodDay,
  workingDaysIn,
} from "../src/assistance/flags.ts";
import { day } from "../src/dates.ts";

/** One person stationed all of 2026 under an agreement of 2025–2027, judged on 2026-12-31. */
const base = (over: Partial<FlagFacts> = {}): FlagFacts => ({
  agreement: { start: day("2025-01-01"), end: day("2027-12-31") },
  year: 2026,
  asOf: day("2026-12-31"),
  stays: [{ person: "p1", name: "示例张医生", start: day("2026-01-01"), end: day("2026-12-31") }],
  checkIns: [],
  // Every month logged and confirmed: nothing to flag.
  workLines: Array.from({ length: 12 }, (_, i) => ({ person: "p1", month: `2026-${String(i + 1).padStart(2, "0")}`, lines: 20 })),
  months: Array.from({ length: 12 }, (_, i) => ({ person: "p1", month: `2026-${String(i + 1).padStart(2, "0")}`, status: "confirmed" as const })),
  ratings: [],
  ...over,
});
const month = (m: string, counts: Partial<MonthCheckIns>): MonthCheckIns => ({
  person: "p1",
  month: m,
  total: 0,
  onSite: 0,
  away: 0,
  withoutLocation: 0,
  awayFirst: null,
  awayLast: null,
  withoutLocationFirst: null,
  withoutLocationLast: null,
  ...counts,
});
const kinds = (flags: AgreementFlag[]) => flags.map((f) => f.kind);
const only = <K extends AgreementFlag["kind"]>(flags: AgreementFlag[], kind: K) => flags.find((f) => f.kind === kind) as AgreementFlag & { kind: K };

describe("nothing to flag", () => {
  it("a logged, confirmed, on-site year raises no flag", () => {
    expect(agreementFlags(base({ checkIns: [month("2026-03", { total: 20, onSite: 20 })] }))).toEqual([]);
  });
  it("a year outside the agreement (or not begun by asOf) raises none", () => {
    expect(agreementFlags(base({ year: 2028 }))).toEqual([]);
    expect(agreementFlags(base({ asOf: day("2025-12-31"), months: [] }))).toEqual([]);
  });
});

describe("away and without-location days", () => {
  it("flags more than 20 % away with at least 5 days, with the counts, share and dates", () => {
    const flags = agreementFlags(
      base({
        checkIns: [
          month("2026-03", { total: 10, onSite: 7, away: 3, awayFirst: "2026-03-02", awayLast: "2026-03-20" }),
          month("2026-04", { total: 10, onSite: 8, away: 2, awayFirst: "2026-04-01", awayLast: "2026-04-03" }),
        ],
      }),
    );
    const away = only(flags, "away_days");
    expect(away).toMatchObject({ person: "p1", name: "示例张医生", days: 5, checkIns: 20, share: 0.25, firstDate: "2026-03-02", lastDate: "2026-04-03" });
    expect(away.message).toContain("示例张医生");
    expect(away.message).toContain("5");
    expect(away.messageEn).toContain("5 of 20");
    expect(away.messageEn).toContain("25%");
  });
  it("exactly 20 % is not flagged (the share must exceed it)", () => {
    expect(
      kinds(agreementFlags(base({ checkIns: [month("2026-03", { total: 25, onSite: 20, away: 5, awayFirst: "2026-03-02", awayLast: "2026-03-09" })] }))),
    ).toEqual([]);
  });
  it("4 days away are not flagged whatever the share; 5 are", () => {
    expect(kinds(agreementFlags(base({ checkIns: [month("2026-03", { total: 5, onSite: 1, away: 4 })] })))).toEqual([]);
    expect(kinds(agreementFlags(base({ checkIns: [month("2026-03", { total: 6, onSite: 1, away: 5 })] })))).toEqual(["away_days"]);
  });
  it("check-ins from before location evidence (no class) are not in the share", () => {
    // 5 away of 40 check-ins would be 12.5 %, but only 20 carry a class: 25 %.
    const flags = agreementFlags(base({ checkIns: [month("2026-03", { total: 40, onSite: 15, away: 5 })] }));
    expect(only(flags, "away_days")).toMatchObject({ days: 5, checkIns: 20, share: 0.25 });
  });
  it("without location is judged the same way, separately", () => {
    const flags = agreementFlags(
      base({
        checkIns: [month("2026-05", { total: 10, onSite: 4, withoutLocation: 6, withoutLocationFirst: "2026-05-04", withoutLocationLast: "2026-05-29" })],
      }),
    );
    expect(kinds(flags)).toEqual(["without_location_days"]);
    expect(only(flags, "without_location_days")).toMatchObject({ days: 6, checkIns: 10, share: 0.6, firstDate: "2026-05-04", lastDate: "2026-05-29" });
  });
  it("months outside the judged year do not count", () => {
    expect(kinds(agreementFlags(base({ checkIns: [month("2025-12", { total: 10, away: 10 })] })))).toEqual([]);
  });
  it("thresholds are parameters", () => {
    const facts = base({ checkIns: [month("2026-03", { total: 20, onSite: 17, away: 3 })] });
    expect(kinds(agreementFlags(facts, { ...DEFAULT_FLAG_THRESHOLDS, awayShare: 0.1, minDays: 3 }))).toEqual(["away_days"]);
  });
});

describe("empty work log", () => {
  const noLines = (m: string) => base().workLines.filter((w) => w.month !== m);
  it("flags a month stationed ≥ 10 working days with no line, naming the month and its days", () => {
    const flags = agreementFlags(base({ workLines: noLines("2026-03"), checkIns: [month("2026-03", { total: 12, onSite: 12 })] }));
    expect(kinds(flags)).toEqual(["empty_work_log"]);
    expect(only(flags, "empty_work_log").months).toEqual([{ month: "2026-03", stationedDays: 22, checkIns: 12 }]);
  });
  it("a stay of 9 working days in a month is not judged; 10 are", () => {
    // 2026-03-19 (Thu) .. 03-31 (Tue) = 9 working days; from 03-18 = 10.
    const short = (start: string) =>
      agreementFlags(base({ stays: [{ person: "p1", name: "示例张医生", start: day(start), end: day("2026-03-31") }], workLines: [], months: [] }));
    expect(kinds(short("2026-03-19"))).not.toContain("empty_work_log");
    expect(only(short("2026-03-18"), "empty_work_log").months).toEqual([{ month: "2026-03", stationedDays: 10, checkIns: 0 }]);
  });
  it("the current month is judged on its days so far", () => {
    const facts = base({ asOf: day("2026-03-13"), workLines: noLines("2026-03"), months: [] });
    // 2026-03-02..13: 10 working days by the 13th (the 1st is a Sunday).
    expect(only(agreementFlags(facts), "empty_work_log").months).toEqual([{ month: "2026-03", stationedDays: 10, checkIns: 0 }]);
    expect(kinds(agreementFlags({ ...facts, asOf: day("2026-03-12") }))).not.toContain("empty_work_log");
  });
  it("any line, even a disputed one, makes the month not empty", () => {
    expect(kinds(agreementFlags(base({ workLines: [...noLines("2026-03"), { person: "p1", month: "2026-03", lines: 1 }] })))).toEqual([]);
  });
});

describe("unconfirmed months", () => {
  const unconfirmed = (asOf: string, months: FlagFacts["months"] = []) =>
    agreementFlags(base({ asOf: day(asOf), stays: [{ person: "p1", name: "示例张医生", start: day("2026-01-05"), end: day("2026-02-20") }], months }));
  it("a month is due 10 days after its end and flagged the day after", () => {
    expect(kinds(unconfirmed("2026-02-10"))).not.toContain("unconfirmed_months");
    expect(only(unconfirmed("2026-02-11"), "unconfirmed_months").months).toEqual([{ month: "2026-01", status: "open", dueBy: "2026-02-10" }]);
  });
  it("lists open and disputed months, not confirmed ones, nor months without a stay", () => {
    const flag = only(
      unconfirmed("2026-06-30", [
        { person: "p1", month: "2026-01", status: "confirmed" },
        { person: "p1", month: "2026-02", status: "disputed" },
      ]),
      "unconfirmed_months",
    );
    expect(flag.months).toEqual([{ month: "2026-02", status: "disputed", dueBy: "2026-03-10" }]);
    expect(flag.messageEn).toContain("2026-02 (disputed)");
    expect(flag.message).toContain("有异议");
  });
  it("a month whose stay has only weekend days is not due", () => {
    // 2026-03-01 is a Sunday.
    const flags = agreementFlags(base({ stays: [{ person: "p1", name: "示例张医生", start: day("2026-02-28"), end: day("2026-03-01") }], months: [] }));
    expect(flags).toEqual([]);
  });
});

describe("low ratings", () => {
  const rated = (mean: number, on = "2026-06-30", period = "2026-Q2") =>
    agreementFlags(base({ ratings: [{ person: "p1", period, on: day(on), mean, count: 1 }] }));
  it("a mean below 3 is flagged with its period and mean; 3 is not", () => {
    expect(only(rated(2.75), "low_rating")).toMatchObject({ person: "p1", period: "2026-Q2", mean: 2.75, ratings: 1, threshold: 3 });
    expect(only(rated(2.75), "low_rating").messageEn).toContain("2.8");
    expect(rated(3)).toEqual([]);
  });
  it("a rating for another year is not this year's flag; an end-of-stay rating says so", () => {
    expect(rated(1, "2025-12-31", "2025-Q4")).toEqual([]);
    expect(only(rated(2, "2026-08-31", "end"), "low_rating").message).toContain("驻点结束");
  });
  it("a rating given after asOf for a stay in the year still counts (a rating exists once given)", () => {
    const flags = agreementFlags(
      base({
        asOf: day("2026-07-01"),
        months: [],
        workLines: base().workLines,
        ratings: [{ person: "p1", period: "end", on: day("2026-09-30"), mean: 2, count: 1 }],
      }),
    );
    expect(kinds(flags)).toContain("low_rating");
  });
});

describe("order and helpers", () => {
  it("flags come in kind order, then by name", () => {
    const flags = agreementFlags(
      base({
        stays: [
          { person: "p1", name: "示例张医生", start: day("2026-01-01"), end: day("2026-12-31") },
          { person: "p2", name: "示例李医生", start: day("2026-01-01"), end: day("2026-12-31") },
        ],
        checkIns: [month("2026-03", { total: 10, away: 10 }), { ...month("2026-03", { total: 10, away: 10 }), person: "p2" }],
        ratings: [{ person: "p1", period: "2026-Q1", on: day("2026-03-31"), mean: 1, count: 2 }],
      }),
    );
    expect(kinds(flags)[0]).toBe("away_days");
    expect(kinds(flags).at(-1)).toBe("low_rating");
    // p2 has no lines nor confirmed months at all.
    expect(kinds(flags)).toContain("empty_work_log");
    expect(kinds(flags)).toContain("unconfirmed_months");
  });
  it("counts working days by arithmetic and knows quarters' last days", () => {
    expect(workingDaysIn(day("2026-03-02"), day("2026-03-08"))).toBe(5);
    expect(workingDaysIn(day("2026-03-01"), day("2026-03-31"))).toBe(22);
    expect(workingDaysIn(day("2026-03-07"), day("2026-03-08"))).toBe(0);
    expect(workingDaysIn(day("2026-03-08"), day("2026-03-07"))).toBe(0);
    expect(ratingPeriodDay("2026-Q3")).toBe(day("2026-09-30"));
    expect(ratingPeriodDay("2026-Q1")).toBe(day("2026-03-31"));
    expect(ratingPeriodDay("end")).toBeNull();
  });
});
