import { describe, expect, it } from "vitest";
import {
  DomainError,
  day,
  meetingLink,
  periodsOf,
  SESSION_ACTIONS,
  SESSION_STATUSES,
  type SessionAction,
  type SessionSide,
  type SessionStatus,
  sessionTransition,
  siteLevelOf,
  techniqueStatus,
  touringFrequency,
} from "../src/index.ts";

describe("telemedicine session state machine", () => {
  const allowed: Record<string, SessionStatus> = {
    "requested schedule supporter": "scheduled",
    "requested propose supporter": "proposed",
    "proposed accept recipient": "scheduled",
    "scheduled hold supporter": "held",
    "held close recipient": "closed",
    "requested cancel recipient": "cancelled",
    "requested cancel supporter": "cancelled",
    "proposed cancel recipient": "cancelled",
    "proposed cancel supporter": "cancelled",
    "scheduled cancel recipient": "cancelled",
    "scheduled cancel supporter": "cancelled",
  };
  const full = { startsAt: "2026-03-02T02:00:00Z", reason: "专家出诊", opinion: "建议加用 ACEI" };
  for (const status of SESSION_STATUSES)
    for (const action of SESSION_ACTIONS)
      for (const side of ["recipient", "supporter"] as SessionSide[]) {
        const key = `${status} ${action} ${side}`;
        it(`${key} → ${allowed[key] ?? "refused"}`, () => {
          if (allowed[key]) expect(sessionTransition(status, action as SessionAction, side, "consultation", full)).toBe(allowed[key]);
          else expect(() => sessionTransition(status, action as SessionAction, side, "consultation", full)).toThrow(DomainError);
        });
      }
  it("answers 403 for the wrong side and 409 naming what is allowed for the wrong state", () => {
    expect(() => sessionTransition("requested", "schedule", "recipient", "ward_round", full)).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => sessionTransition("held", "schedule", "supporter", "ward_round", full)).toThrow(/allowed now: none/);
    expect(() => sessionTransition("requested", "cancel", "recipient", "ward_round", full)).not.toThrow();
  });
  it("needs a time to schedule, a reason to cancel, the expert opinion to hold a consultation", () => {
    const paths = (f: () => unknown) => {
      try {
        f();
        return [];
      } catch (e) {
        return (e as DomainError).errors.map((x) => x.path);
      }
    };
    expect(paths(() => sessionTransition("requested", "schedule", "supporter", "ward_round", {}))).toEqual(["startsAt"]);
    expect(paths(() => sessionTransition("scheduled", "cancel", "supporter", "ward_round", { reason: " " }))).toEqual(["reason"]);
    expect(paths(() => sessionTransition("scheduled", "hold", "supporter", "consultation", {}))).toEqual(["opinion"]);
    expect(sessionTransition("scheduled", "hold", "supporter", "teaching", {})).toBe("held");
  });
  it("makes a unique link from the host's template", () => {
    expect(meetingLink("https://meet.example.org/mb-{id}", "abc")).toBe("https://meet.example.org/mb-abc");
    expect(meetingLink(null, "abc")).toBeNull();
  });
});

describe("touring periods", () => {
  it("cuts a year into quarters, months and ISO weeks with the right edges", () => {
    expect(periodsOf("quarter", 2026).map((p) => p.label)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(periodsOf("quarter", 2026)[0]).toEqual({ label: "2026-Q1", start: day("2026-01-01"), end: day("2026-03-31") });
    expect(periodsOf("month", 2024)[1]).toEqual({ label: "2024-02", start: day("2024-02-01"), end: day("2024-02-29") });
    const weeks2026 = periodsOf("week", 2026);
    // 2026-01-01 is a Thursday: week 1 starts on Monday 2025-12-29; 2026 has 53 ISO weeks.
    expect(weeks2026[0]).toEqual({ label: "2026-W01", start: day("2025-12-29"), end: day("2026-01-04") });
    expect(weeks2026).toHaveLength(53);
    expect(weeks2026.at(-1)).toMatchObject({ label: "2026-W53", end: day("2027-01-03") });
    // 2027-01-01 is a Friday: it belongs to 2026-W53, and 2027-W01 starts on 2027-01-04.
    expect(periodsOf("week", 2027)[0]?.start).toBe(day("2027-01-04"));
    expect(periodsOf("week", 2025)).toHaveLength(52);
  });
});

describe("touring frequency compliance", () => {
  const site = (level: "county" | "township" | "village", dates: string[]) => ({ siteId: `${level}-1`, level, visits: dates.map(day) });
  it("passes a county visited once a quarter, with visits on the quarter's first and last days", () => {
    const [r] = touringFrequency([site("county", ["2026-01-01", "2026-06-30", "2026-07-01", "2026-12-31"])], 2026);
    expect(r).toMatchObject({ status: "pass", periods: 4, metPeriods: 4, emptyPeriods: [] });
  });
  it("lists the empty quarter when a visit falls one day outside it", () => {
    const [r] = touringFrequency([site("county", ["2026-01-01", "2026-07-01", "2026-07-02", "2026-12-31"])], 2026);
    expect(r?.emptyPeriods).toEqual([{ label: "2026-Q2", from: "2026-04-01", to: "2026-06-30", visits: 0 }]);
  });
  it("finds a township not visited for two months", () => {
    const dates = ["01", "02", "03", "04", "07", "08", "09", "10", "11", "12"].map((m) => `2026-${m}-15`);
    const [r] = touringFrequency([site("township", dates)], 2026);
    expect(r?.emptyPeriods.map((p) => p.label)).toEqual(["2026-05", "2026-06"]);
    expect(r?.status).toBe("fail");
  });
  it("judges only periods that ended by asOf", () => {
    const [r] = touringFrequency([site("township", ["2026-01-31"])], 2026, undefined, day("2026-02-27"));
    expect(r).toMatchObject({ periods: 1, status: "pass" });
    const [r2] = touringFrequency([site("township", ["2026-01-31"])], 2026, undefined, day("2026-02-28"));
    expect(r2).toMatchObject({ periods: 2, status: "fail" });
  });
  it("counts village visits per ISO week, including the week that straddles the new year", () => {
    const mondays = periodsOf("week", 2026).map((w) => w.start);
    const [all] = touringFrequency([{ siteId: "v", level: "village", visits: mondays }], 2026);
    expect(all).toMatchObject({ status: "pass", periods: 53 });
    // Sunday 2027-01-03 still counts for 2026-W53; Monday 2027-01-04 does not.
    const lastWeek = mondays.slice(0, -1);
    const [sunday] = touringFrequency([{ siteId: "v", level: "village", visits: [...lastWeek, day("2027-01-03")] }], 2026);
    expect(sunday?.status).toBe("pass");
    const [monday] = touringFrequency([{ siteId: "v", level: "village", visits: [...lastWeek, day("2027-01-04")] }], 2026);
    expect(monday?.emptyPeriods.map((p) => p.label)).toEqual(["2026-W53"]);
  });
  it("takes a region's own parameters", () => {
    const [r] = touringFrequency([site("county", ["2026-02-01", "2026-05-01", "2026-08-01", "2026-11-01"])], 2026, {
      county: { per: "quarter", min: 2 },
      township: { per: "month", min: 1 },
      village: { per: "week", min: 1 },
    });
    expect(r?.emptyPeriods).toHaveLength(4);
  });
  it("maps institution kinds to site levels", () => {
    expect(["county_hospital", "township_health_center", "village_clinic", "tertiary_hospital"].map(siteLevelOf)).toEqual([
      "county",
      "township",
      "village",
      null,
    ]);
  });
});

describe("technique sustainability", () => {
  const left = day("2026-01-15");
  it("is supported while a supporter is there or left less than six months ago", () => {
    expect(techniqueStatus({ lastSupportLeft: null, monthlyCases: {}, asOf: day("2026-12-01") }).status).toBe("supported");
    expect(techniqueStatus({ lastSupportLeft: left, monthlyCases: {}, asOf: day("2026-07-14") }).status).toBe("supported");
  });
  it("is sustained with cases in the month six months on, died with none reported", () => {
    expect(techniqueStatus({ lastSupportLeft: left, monthlyCases: { "2026-07": 3 }, asOf: day("2026-08-01") })).toEqual({
      status: "sustained",
      checkMonth: "2026-07",
    });
    expect(techniqueStatus({ lastSupportLeft: left, monthlyCases: { "2026-06": 5, "2026-07": 0, "2026-08": 0 }, asOf: day("2026-09-01") }).status).toBe("died");
    expect(techniqueStatus({ lastSupportLeft: left, monthlyCases: { "2026-06": 5 }, asOf: day("2026-09-01") }).status).toBe("not_yet_known");
  });
});
