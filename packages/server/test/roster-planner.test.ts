import {
  buildRosterModel,
  builtInPack,
  type DispatchRole,
  day,
  type ExistingDispatch,
  type PlanAgreement,
  type PlanCandidate,
  type RosterPlan,
  type RosterPlanInput,
  type Title,
} from "@medbridge/core";
import { afterAll, describe, expect, it } from "vitest";
import { solveByPricing } from "../src/solver/priced-solve.ts";
import { solve, stopSolver } from "../src/solver/solve.ts";

/**
 * The roster planner against HiGHS, on instances small enough to know the optimum by hand. Every
 * plan is also checked by the compliance engine inside `decode` (a plan without breaks that the
 * engine fails throws), so each test also proves that check.
 */
afterAll(() => stopSolver());

const pack = (id: string) => {
  const p = builtInPack(id);
  if (!p) throw new Error(id);
  return p;
};
const agreement = (id: string, packId = "city_tertiary_to_county", start = "2027-01-01", end = "2029-12-31", specialties: string[] = []): PlanAgreement => ({
  id,
  code: id,
  pack: pack(packId),
  start: day(start),
  end: day(end),
  specialties,
});
let n = 0;
const person = (roles: DispatchRole[], title: Title = "attending", extra: Partial<PlanCandidate> = {}): PlanCandidate => ({
  person: `P${++n}`,
  roles,
  title,
  specialty: null,
  department: "内科",
  unavailable: [],
  earliestStart: null,
  ...extra,
});
/** The five a city_tertiary_to_county agreement asks for: a manager, a discipline leader, three clinicians. */
const team = (extra: Partial<PlanCandidate> = {}) => [
  person(["management"], "associate_chief", extra),
  person(["discipline_leader"], "chief", extra),
  person(["clinical"], "attending", extra),
  person(["clinical"], "attending", extra),
  person(["clinical"], "attending", extra),
];

async function plan(input: Partial<RosterPlanInput> & Pick<RosterPlanInput, "agreements" | "candidates">, timeLimitSeconds = 20): Promise<RosterPlan> {
  const { model, decode } = buildRosterModel({ year: 2027, existing: [], departmentMaxAwayShare: 1, ...input });
  return decode(await solve(model, { timeLimitSeconds, relativeGap: 1e-6 }));
}

describe("roster planner", () => {
  it("plans five people for six months each and covers the year, passing the engine", async () => {
    const p = await plan({ agreements: [agreement("A-1")], candidates: team() });
    expect(p.solver.status).toBe("optimal");
    expect(p.feasible).toBe(true);
    expect(p.breaks).toEqual([]);
    expect(p.dispatches).toHaveLength(5);
    expect(p.totals.personMonths).toBe(30);
    expect(p.checks).toEqual([expect.objectContaining({ agreement: "A-1", status: "pass" })]);
    expect(p.reasons[0]?.en).toMatch(/meets every stationing rule/);
    const starts = p.dispatches.map((d) => d.start);
    expect(starts).toContain("2027-01-01");
    expect(p.dispatches.some((d) => d.end === "2027-12-31" || d.end > "2027-12-31")).toBe(true);
  });

  it("makes each new stay exactly six months by the spec's definition (2027-03-01..2027-08-31)", async () => {
    const p = await plan({ agreements: [agreement("A-1", "city_tertiary_to_county", "2027-03-01")], candidates: team() });
    expect(p.feasible).toBe(true);
    for (const d of p.dispatches) {
      const start = day(d.start);
      const [y, m] = [Number(d.start.slice(0, 4)), Number(d.start.slice(5, 7))];
      expect(day(d.end)).toBe(Date.UTC(y, m - 1 + 6, Number(d.start.slice(8))) / 86_400_000 - 1);
      expect(start).toBeGreaterThanOrEqual(day("2027-03-01"));
    }
    expect(p.dispatches.map((d) => d.start)).toContain("2027-03-01");
  });

  it("names the role shortage: 2 discipline leaders for 3 agreements", async () => {
    // The two leaders can go only in the first half: each serves one agreement.
    const busy = { unavailable: [{ start: day("2027-07-01"), end: day("2027-12-31") }] };
    const leaders = [person(["discipline_leader"], "chief", busy), person(["discipline_leader"], "chief", busy)];
    const others = [1, 2, 3].flatMap(() => team().filter((c) => !c.roles.includes("discipline_leader")));
    const p = await plan({ agreements: [agreement("A-1"), agreement("A-2"), agreement("A-3")], candidates: [...leaders, ...others] });
    expect(p.feasible).toBe(false);
    const roleBreaks = p.breaks.filter((b) => b.rule === "composition");
    expect(roleBreaks).toHaveLength(1);
    expect(p.reasons[0]).toEqual({ zh: "3 个协议各需 1 名学科带头人，可派的只有 2 名", en: "2 discipline leaders for 3 agreements" });
    // The best plan still meets every other rule of every agreement.
    expect(p.breaks.every((b) => b.rule === "composition")).toBe(true);
    expect(p.checks.filter((c) => c.status === "fail")).toHaveLength(1);
  });

  it("names the uncovered days: nobody free for 2027-07-01…2027-08-15", async () => {
    const away = { unavailable: [{ start: day("2027-07-01"), end: day("2027-08-15") }] };
    const p = await plan({ agreements: [agreement("A-1")], candidates: team(away) });
    expect(p.feasible).toBe(false);
    const gaps = p.breaks.filter((b) => b.rule === "full_year_coverage");
    expect(gaps).toEqual([expect.objectContaining({ agreement: "A-1", from: "2027-07-01", to: "2027-08-15" })]);
    expect(p.reasons.map((r) => r.en)).toContain("A-1: nobody free for 2027-07-01…2027-08-15, so nobody is on site then");
    expect(p.dispatches.some((d) => d.start === "2027-08-16")).toBe(true);
  });

  it("lets a stay start the day after another ends (touching stays are not two places at once)", async () => {
    const candidates = team();
    const manager = candidates[0] as PlanCandidate;
    const fact: ExistingDispatch = {
      id: "d-1",
      agreement: "B-1",
      person: manager.person,
      role: "management",
      title: "associate_chief",
      start: day("2026-10-01"),
      end: day("2027-03-31"),
      batch: null,
      replaceable: false,
    };
    // Only the manager can manage, and A-1 runs 2027-04-01..2027-09-30: the one six-month stay there
    // starts the day after the manager's stay elsewhere ends.
    const p = await plan({ agreements: [agreement("A-1", "city_tertiary_to_county", "2027-04-01", "2027-09-30")], candidates, existing: [fact] });
    expect(p.feasible).toBe(true);
    expect(p.dispatches.find((d) => d.person === manager.person)?.start).toBe("2027-04-01");
  });

  it("takes a discipline leader who is also a clinician as the leader, not as a sixth person", async () => {
    const candidates = [
      person(["management"]),
      person(["discipline_leader", "clinical"], "chief"),
      person(["clinical"]),
      person(["clinical"]),
      person(["clinical"]),
    ];
    const p = await plan({ agreements: [agreement("A-1")], candidates });
    expect(p.feasible).toBe(true);
    expect(p.dispatches.find((d) => d.person === candidates[1]?.person)?.role).toBe("discipline_leader");
  });

  it("builds on facts and keeps what was planned when it still fits (no change)", async () => {
    const c = team();
    const [m, l, c1, c2, c3] = c as [PlanCandidate, PlanCandidate, PlanCandidate, PlanCandidate, PlanCandidate];
    const existing: ExistingDispatch[] = [
      {
        id: "f-1",
        agreement: "A-1",
        person: m.person,
        role: "management",
        title: m.title,
        start: day("2026-10-01"),
        end: day("2027-03-31"),
        batch: null,
        replaceable: false,
      },
      {
        id: "p-1",
        agreement: "A-1",
        person: l.person,
        role: "discipline_leader",
        title: l.title,
        start: day("2027-04-01"),
        end: day("2027-09-30"),
        batch: null,
        replaceable: true,
      },
    ];
    const p = await plan({ agreements: [agreement("A-1")], candidates: [m, l, c1, c2, c3], existing });
    expect(p.feasible).toBe(true);
    expect(p.kept).toEqual(["p-1"]);
    expect(p.dropped).toEqual([]);
    expect(p.dispatches).toHaveLength(3);
    expect(p.dispatches.some((d) => d.person === m.person)).toBe(false);
  });

  it("drops a planned stay that breaks the rules and says so in the totals", async () => {
    const c = team();
    const existing: ExistingDispatch[] = [
      // Planned for four months only: the stay rule fails unless it goes.
      {
        id: "p-9",
        agreement: "A-1",
        person: (c[2] as PlanCandidate).person,
        role: "clinical",
        title: "attending",
        start: day("2027-01-01"),
        end: day("2027-04-30"),
        batch: null,
        replaceable: true,
      },
    ];
    const p = await plan({ agreements: [agreement("A-1")], candidates: c, existing });
    // Keeping it would leave a four-month stay, which no slack allows for: the engine would fail
    // min_continuous_stay, so the planner must not keep it.
    expect(p.feasible).toBe(true);
    expect(p.dropped).toEqual(["p-9"]);
    expect(p.totals.changes).toBe(1);
  });

  it("never empties a department beyond its limit, and names the break when it must", async () => {
    const sameDept = team();
    const strict = await plan({ agreements: [agreement("A-1")], candidates: sameDept, departmentMaxAwayShare: 0.2 });
    // Five in the department, 20%: one away at a time, so only two six-month stays fit in the year.
    expect(strict.feasible).toBe(false);
    expect(strict.breaks.some((b) => b.rule === "min_staff" || b.rule === "department_limit")).toBe(true);
    const loose = await plan({ agreements: [agreement("A-1")], candidates: sameDept, departmentMaxAwayShare: 0.6 });
    expect(loose.feasible).toBe(true);
  });

  it("plans a county_to_township agreement with a fixed physician of attending or above", async () => {
    const candidates = [person(["clinical"], "resident"), person(["clinical"], "attending"), person(["nursing"], "attending")];
    const p = await plan({ agreements: [agreement("T-1", "county_to_township")], candidates });
    expect(p.feasible).toBe(true);
    expect(p.checks[0]?.status).toBe("pass");
    expect(p.dispatches.some((d) => d.person === candidates[1]?.person && d.role === "clinical")).toBe(true);
  });

  it("plans a group_county batch of 5–7 for twelve months with a senior", async () => {
    const candidates = [person(["clinical"], "associate_chief"), ...[1, 2, 3, 4, 5].map(() => person(["clinical"], "attending"))];
    const p = await plan({ agreements: [agreement("G-1", "group_county")], candidates });
    expect(p.feasible).toBe(true);
    expect(p.dispatches).toHaveLength(5);
    for (const d of p.dispatches)
      expect(day(d.end)).toBe(Date.UTC(Number(d.start.slice(0, 4)) + 1, Number(d.start.slice(5, 7)) - 1, Number(d.start.slice(8))) / 86_400_000 - 1);
    expect(p.dispatches.some((d) => d.start === "2027-01-01")).toBe(true);
    expect(p.dispatches.some((d) => d.person === candidates[0]?.person)).toBe(true);
  });

  it("names a recorded stay too short for the pack as a break it cannot mend, not as a planner bug", async () => {
    const candidates = [person(["clinical"], "associate_chief"), ...[1, 2, 3, 4, 5].map(() => person(["clinical"], "attending"))];
    const short: ExistingDispatch = {
      id: "f-short",
      agreement: "G-1",
      person: "OTHER-1",
      role: "clinical",
      title: "attending",
      start: day("2026-10-01"),
      end: day("2027-03-31"),
      batch: null,
      replaceable: false,
    };
    const p = await plan({ agreements: [agreement("G-1", "group_county")], candidates, existing: [short] });
    expect(p.feasible).toBe(false);
    expect(p.breaks).toEqual([expect.objectContaining({ rule: "min_continuous_stay", agreement: "G-1", persons: ["OTHER-1"], months: 12 })]);
    expect(p.reasons.map((r) => r.en)).toContain("G-1: 1 recorded stay is shorter than 12 months; a plan cannot lengthen them");
  });

  it("finds by pricing the same optimum as the full model, with a proven bound", async () => {
    const busy = { unavailable: [{ start: day("2027-05-10"), end: day("2027-06-20") }] };
    const agreements = [agreement("A-1"), agreement("A-2"), agreement("T-1", "county_to_township")];
    const candidates = [...team(), ...team(busy), ...team({ department: "外科" }), person(["clinical"], "chief"), person(["clinical"], "associate_chief")];
    const input: RosterPlanInput = { year: 2027, agreements, candidates, existing: [], departmentMaxAwayShare: 0.5 };
    const { model, initialColumns, decode } = buildRosterModel(input);
    const full = await solve(model, { timeLimitSeconds: 60, relativeGap: 1e-9 });
    const priced = await solveByPricing(model, initialColumns, { timeLimitSeconds: 60, relativeGap: 1e-9 });
    expect(decode(full).feasible).toBe(true);
    expect(priced.status).toBe("optimal");
    expect(priced.objective).toBeCloseTo(full.objective as number, 3);
    expect(priced.columnsUsed).toBeLessThan(model.cost.length);
    expect(priced.lpBound).not.toBeNull();
    expect(priced.lpBound as number).toBeLessThanOrEqual((full.objective as number) + 1e-6);
    const plan = decode(priced);
    expect(plan.checks.map((c) => c.status)).toEqual(decode(full).checks.map((c) => c.status));
  });

  it("plans the rest of this year from tomorrow: no stay starts on a day gone by, the days gone by left uncovered are named", async () => {
    const p = await plan({ agreements: [agreement("A-1")], candidates: team(), today: day("2027-03-10") });
    expect(p.dispatches.every((d) => d.start > "2027-03-10")).toBe(true);
    expect(p.dispatches.map((d) => d.start)).toContain("2027-03-11");
    expect(p.breaks).toEqual([expect.objectContaining({ rule: "full_year_coverage", from: "2027-01-01", to: "2027-03-10" })]);
  });

  it("leaves planned stays of other years and stays already begun as they are (facts, never dropped)", async () => {
    const c = team();
    const [m] = c as [PlanCandidate];
    const existing: ExistingDispatch[] = [
      // Next year's planned stay: not this plan's to drop, even though it does nothing for 2027.
      {
        id: "next-year",
        agreement: "A-1",
        person: m.person,
        role: "management",
        title: m.title,
        start: day("2028-01-01"),
        end: day("2028-06-30"),
        batch: null,
        replaceable: true,
      },
      // Planned, but begun before today: a fact.
      {
        id: "begun",
        agreement: "A-1",
        person: (c[1] as PlanCandidate).person,
        role: "discipline_leader",
        title: "chief",
        start: day("2027-01-01"),
        end: day("2027-06-30"),
        batch: null,
        replaceable: true,
      },
    ];
    const p = await plan({ agreements: [agreement("A-1")], candidates: c, existing, today: day("2026-12-31") });
    expect(p.dropped).toEqual([]);
    expect(p.kept).toEqual(["begun"]);
    const q = await plan({ agreements: [agreement("A-1")], candidates: c, existing, today: day("2027-02-01") });
    expect(q.dropped).toEqual([]);
    expect(q.kept).toEqual([]);
    expect(q.dispatches.some((d) => d.person === (c[1] as PlanCandidate).person)).toBe(false);
  });

  it("honours the time limit", async () => {
    const agreements = Array.from({ length: 10 }, (_, i) => agreement(`L-${i}`));
    const candidates = Array.from({ length: 10 }, () => team({ department: `D${n % 7}` })).flat();
    const started = performance.now();
    const p = await plan({ agreements, candidates, departmentMaxAwayShare: 0.34 }, 1);
    expect((performance.now() - started) / 1000).toBeLessThan(8);
    expect(p.solver.seconds).toBeLessThan(3);
    expect(["optimal", "time_limit"]).toContain(p.solver.status);
  });
});
