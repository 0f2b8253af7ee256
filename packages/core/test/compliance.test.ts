import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateCompliance, type RuleResult } from "../src/assistance/compliance.ts";
import { parseRoster, type RosterInput } from "../src/assistance/roster.ts";
import { BUILT_IN_PACKS, builtInPack, type RulePack } from "../src/assistance/rule-packs.ts";
import { day, formatDay, uncovered } from "../src/dates.ts";
import { DomainError } from "../src/errors.ts";

type D = RosterInput["dispatches"][number];
const d = (person: string, start: string, end: string, extra: Partial<D> = {}): D => ({ person, role: "clinical", title: "attending", start, end, ...extra });

function check(
  dispatches: D[],
  options: { pack?: string; year?: number; asOf?: string; start?: string; end?: string; attendance?: RosterInput["attendance"]; packData?: RulePack } = {},
) {
  const packId = options.pack ?? "city_tertiary_to_county";
  const roster = parseRoster({
    agreement: { id: "A-1", pack: packId, start: options.start ?? "2024-01-01", end: options.end ?? "2027-12-31" },
    dispatches,
    ...(options.attendance && { attendance: options.attendance }),
  });
  return evaluateCompliance({
    roster,
    pack: options.packData ?? (builtInPack(packId) as RulePack),
    year: options.year ?? 2025,
    asOf: options.asOf ? day(options.asOf) : undefined,
  });
}
const rule = (report: ReturnType<typeof check>, id: string) => report.rules.find((r) => r.id === id) as RuleResult;

/** Five people covering 2025 in 6-month halves, with a manager and a discipline leader. */
const passing: D[] = [
  d("P-1", "2025-01-01", "2025-06-30", { role: "management" }),
  d("P-2", "2025-01-01", "2025-06-30", { role: "discipline_leader" }),
  d("P-3", "2025-07-01", "2025-12-31"),
  d("P-4", "2025-07-01", "2025-12-31"),
  d("P-5", "2025-03-01", "2025-08-31"),
];

describe("city_tertiary_to_county", () => {
  it("passes a roster that meets every rule", () => {
    const report = check(passing);
    expect(report.status).toBe("pass");
    expect(report.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(rule(report, "min_staff")).toMatchObject({ status: "pass", actual: 5, required: 5 });
    expect(report.rules.map((r) => r.id)).toEqual(["min_staff", "min_continuous_stay", "full_year_coverage", "composition"]);
  });

  it("fails a four-person year", () => {
    const report = check(passing.slice(0, 4));
    expect(rule(report, "min_staff")).toMatchObject({ status: "fail", actual: 4, required: 5 });
    expect(report.status).toBe("fail");
    expect(rule(report, "min_staff").message).toContain("4");
  });

  it("counts distinct persons, not dispatches", () => {
    const report = check([...passing.slice(0, 4), d("P-1", "2025-07-01", "2025-09-30", { role: "management" })]);
    expect(rule(report, "min_staff").actual).toBe(4);
  });

  it.each([
    ["2025-01-01", "2025-06-30", "pass"],
    ["2025-01-01", "2025-06-29", "fail"],
    ["2025-08-31", "2026-02-27", "pass"],
    ["2025-08-31", "2026-02-26", "fail"],
  ])("a stay %s..%s is %s for 6 months", (start, end, status) => {
    const report = check([...passing.slice(0, 4), d("P-X", start, end)]);
    expect(rule(report, "min_continuous_stay").status).toBe(status);
  });

  it("merges touching stays but not stays with a one-day break", () => {
    const touching = check([...passing.slice(0, 4), d("P-X", "2025-01-01", "2025-03-31"), d("P-X", "2025-04-01", "2025-06-30")]);
    expect(rule(touching, "min_continuous_stay").status).toBe("pass");
    const broken = check([...passing.slice(0, 4), d("P-X", "2025-01-01", "2025-03-31"), d("P-X", "2025-04-02", "2025-06-30")]);
    expect(rule(broken, "min_continuous_stay")).toMatchObject({ status: "fail", offenders: [{ person: "P-X", longestStayDays: 90 }] });
  });

  it("merges overlapping stays of the same person", () => {
    const report = check([...passing.slice(0, 4), d("P-X", "2025-01-01", "2025-05-31"), d("P-X", "2025-03-01", "2025-06-30")]);
    expect(rule(report, "min_continuous_stay").status).toBe("pass");
  });

  it("does not clip stays to the year: Oct–Mar counts as 6 months for the second year", () => {
    const report = check([...passing.slice(0, 4), d("P-X", "2024-10-01", "2025-03-31")]);
    expect(rule(report, "min_staff").actual).toBe(5);
    expect(rule(report, "min_continuous_stay").status).toBe("pass");
  });

  it("lists coverage gaps in the middle and at both ends of the year", () => {
    const report = check([d("P-1", "2025-01-10", "2025-06-30", { role: "management" }), d("P-2", "2025-07-15", "2025-12-20", { role: "discipline_leader" })]);
    expect(rule(report, "full_year_coverage")).toMatchObject({
      status: "fail",
      gaps: [
        { from: "2025-01-01", to: "2025-01-09" },
        { from: "2025-07-01", to: "2025-07-14" },
        { from: "2025-12-21", to: "2025-12-31" },
      ],
    });
    expect(rule(report, "full_year_coverage").message).toBe("2025-01-01 至 2025-01-09、2025-07-01 至 2025-07-14、2025-12-21 至 2025-12-31 无派驻人员在岗");
    expect(rule(report, "full_year_coverage").messageEn).toContain("from 2025-07-01 to 2025-07-14");
  });

  it("evaluates an agreement starting mid-year from its start", () => {
    const report = check(
      [
        d("P-1", "2025-04-01", "2025-12-31", { role: "management" }),
        d("P-2", "2025-04-01", "2025-10-31", { role: "discipline_leader" }),
        d("P-3", "2025-04-01", "2025-09-30"),
        d("P-4", "2025-05-01", "2025-10-31"),
        d("P-5", "2025-06-01", "2025-12-31"),
      ],
      { start: "2025-04-01" },
    );
    expect(report.period).toEqual({ from: "2025-04-01", to: "2025-12-31" });
    expect(rule(report, "full_year_coverage").status).toBe("pass");
    expect(report.status).toBe("pass");
  });

  it("reports a missing discipline leader", () => {
    const report = check(passing.map((x) => (x.role === "discipline_leader" ? { ...x, role: "clinical" } : x)));
    expect(rule(report, "composition")).toMatchObject({ status: "fail", missing: ["discipline_leader"] });
    expect(rule(report, "composition").message).toBe("本年度未派驻学科带头人");
  });

  it("marks rules that hold only thanks to planned dispatches as at_risk", () => {
    const report = check(passing, { asOf: "2025-05-31" });
    expect(rule(report, "full_year_coverage").status).toBe("at_risk");
    expect(rule(report, "min_continuous_stay").status).toBe("at_risk");
    expect(rule(report, "min_staff").status).toBe("at_risk");
    expect(rule(report, "composition").status).toBe("pass");
    expect(report.status).toBe("at_risk");
    expect(report.asOf).toBe("2025-05-31");
  });

  it("still fails, not at_risk, when even the plan falls short", () => {
    const report = check(passing.slice(0, 4), { asOf: "2025-05-31" });
    expect(rule(report, "min_staff").status).toBe("fail");
    expect(report.status).toBe("fail");
  });

  it("treats asOf at or after the period's end as no plans", () => {
    expect(check(passing, { asOf: "2025-12-31" }).status).toBe("pass");
    expect(check(passing, { asOf: "2026-03-01" }).status).toBe("pass");
  });

  it("uses a copied pack's changed numbers", () => {
    const base = builtInPack("city_tertiary_to_county") as RulePack;
    const strict: RulePack = {
      ...base,
      id: "gz_strict",
      basedOn: base.id,
      rules: base.rules.map((r) => (r.id === "min_continuous_stay" ? { ...r, months: 12 } : r)),
    };
    const report = check(passing, { packData: strict });
    expect(rule(report, "min_continuous_stay")).toMatchObject({ status: "fail", requiredMonths: 12 });
    expect(report.pack).toBe("gz_strict");
  });

  it("refuses a year outside the agreement", () => {
    expect(() => check(passing, { year: 2030 })).toThrow(DomainError);
  });
});

describe("group_county", () => {
  const batch = (b: string, from: string, to: string, n: number, titles: D["title"][] = []) =>
    Array.from({ length: n }, (_, i) => d(`${b}-${i}`, from, to, { batch: b, title: titles[i] ?? "attending" }));

  it("judges batch size and senior titles per batch", () => {
    const report = check([...batch("2025-1", "2025-01-01", "2025-12-31", 5, ["chief"]), ...batch("2025-2", "2025-01-01", "2025-12-31", 8)], {
      pack: "group_county",
    });
    expect(rule(report, "batch_size")).toMatchObject({ status: "fail", offenders: [{ batch: "2025-2", size: 8 }] });
    expect(rule(report, "senior_title")).toMatchObject({ status: "fail", offenders: [{ batch: "2025-2", seniors: 0 }] });
    expect(rule(report, "min_continuous_stay").status).toBe("pass");
  });

  it("treats the whole year as one batch without batch labels and needs 12-month stays", () => {
    const people = Array.from({ length: 6 }, (_, i) => d(`P-${i}`, "2025-01-01", "2025-12-30", { title: i === 0 ? "associate_chief" : "attending" }));
    const report = check(people, { pack: "group_county" });
    expect(rule(report, "batch_size")).toMatchObject({ status: "pass", batches: [{ batch: "(all)", size: 6 }] });
    expect(rule(report, "senior_title").status).toBe("pass");
    expect(rule(report, "min_continuous_stay").status).toBe("fail");
    expect(rule(report, "full_year_coverage")).toMatchObject({ gaps: [{ from: "2025-12-31", to: "2025-12-31" }] });
  });

  it("has batches of exactly 5 and 7 pass, 4 fail", () => {
    const sizes = (n: number) => rule(check(batch("b", "2025-01-01", "2025-12-31", n, ["chief"]), { pack: "group_county" }), "batch_size").status;
    expect([sizes(4), sizes(5), sizes(7), sizes(8)]).toEqual(["fail", "pass", "pass", "fail"]);
  });
});

describe("county_to_township", () => {
  it("needs one attending-or-above physician staying 6 months", () => {
    const ok = check([d("P-1", "2025-01-01", "2025-06-30", { title: "attending" }), d("P-2", "2025-07-01", "2025-12-31", { title: "resident" })], {
      pack: "county_to_township",
    });
    expect(rule(ok, "fixed_physician")).toMatchObject({ status: "pass", qualifying: ["P-1"] });
    expect(ok.status).toBe("pass");
    const resident = check([d("P-1", "2025-01-01", "2025-12-31", { title: "resident" })], { pack: "county_to_township" });
    expect(rule(resident, "fixed_physician").status).toBe("fail");
    const nurse = check([d("P-1", "2025-01-01", "2025-12-31", { title: "chief", role: "nursing" })], { pack: "county_to_township" });
    expect(rule(nurse, "fixed_physician").status).toBe("fail");
    const short = check([d("P-1", "2025-01-01", "2025-06-29", { title: "chief" }), d("P-2", "2025-06-30", "2025-12-31", { title: "resident" })], {
      pack: "county_to_township",
    });
    expect(rule(short, "fixed_physician").status).toBe("fail");
  });
});

describe("attendance rules", () => {
  /** Attendance for P-1 on the given dates with clinic work. */
  const att = (dates: string[], activities = ["clinic"]) => dates.map((date) => ({ person: "P-1", date, activities }));
  const weekdays = (from: string, to: string) => {
    const out: string[] = [];
    for (let x = day(from); x <= day(to); x++) if (((((x + 3) % 7) + 7) % 7) + 1 <= 5) out.push(formatDay(x));
    return out;
  };

  it("city_to_community: needs 3 working days in every ISO week of the stay", () => {
    const stay = [d("P-1", "2025-03-03", "2025-03-16"), d("P-2", "2025-01-01", "2025-12-31"), d("P-3", "2025-01-01", "2025-12-31")];
    const base = { pack: "city_to_community", asOf: "2025-03-16" };
    const attendance = [
      ...att(["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-10", "2025-03-11"]),
      ...weekdays("2025-01-01", "2025-12-31").flatMap((date) => ["P-2", "P-3"].map((person) => ({ person, date, activities: ["clinic"] }))),
    ];
    const report = check(stay, { ...base, attendance });
    expect(rule(report, "weekly_days_on_site")).toMatchObject({ status: "fail", offenders: [{ person: "P-1", week: "2025-03-10", days: 2, required: 3 }] });
    const fixed = check(stay, { ...base, attendance: [...attendance, ...att(["2025-03-12"])] });
    expect(rule(fixed, "weekly_days_on_site").status).toBe("pass");
  });

  it("city_to_community: a stay covering only two working days of a week needs only those", () => {
    const report = check([d("P-1", "2025-03-06", "2025-03-09")], {
      pack: "city_to_community",
      asOf: "2025-03-09",
      attendance: att(["2025-03-06", "2025-03-07"]),
    });
    expect(rule(report, "weekly_days_on_site").status).toBe("pass");
  });

  it("city_to_community without attendance cannot be verified and fails", () => {
    const report = check([d("P-1", "2025-01-01", "2025-12-31")], { pack: "city_to_community" });
    expect(rule(report, "weekly_days_on_site").status).toBe("fail");
    expect(rule(report, "weekly_days_on_site").message).toContain("未提供考勤");
  });

  it("flags stationed working days without attendance or clinical work as suspected nominal", () => {
    const days = weekdays("2025-01-01", "2025-06-30");
    const full = check([...passing], { attendance: days.map((date) => ({ person: "P-1", date, activities: ["clinic"] })) });
    const nominal = rule(full, "nominal_days");
    // P-1 attended every working day; the other four people supplied no attendance at all.
    expect(nominal.persons).toEqual(expect.not.arrayContaining([expect.objectContaining({ person: "P-1" })]));
    expect(nominal.status).toBe("fail");
    const managementOnly = check([d("P-1", "2025-01-01", "2025-06-30")], {
      attendance: days.map((date) => ({ person: "P-1", date, activities: ["management"] })),
    });
    expect(rule(managementOnly, "nominal_days")).toMatchObject({ status: "fail", nominalDays: days.length, stationedWorkingDays: days.length });
    const fine = check([d("P-1", "2025-01-01", "2025-06-30")], {
      attendance: days.slice(0, -5).map((date) => ({ person: "P-1", date, activities: ["surgery"] })),
    });
    expect(rule(fine, "nominal_days")).toMatchObject({ status: "pass", nominalDays: 5 });
  });

  it("adds nominal_days to any pack only when attendance is supplied", () => {
    expect(check(passing).rules.some((r) => r.id === "nominal_days")).toBe(false);
    expect(check(passing, { attendance: [] }).rules.some((r) => r.id === "nominal_days")).toBe(true);
  });
});

describe("roster validation", () => {
  const errorsOf = (raw: unknown) => {
    try {
      parseRoster(raw);
      return [];
    } catch (error) {
      return (error as DomainError).errors.map((e) => e.path);
    }
  };
  const agreement = { id: "A-1", pack: "city_tertiary_to_county", start: "2025-01-01", end: "2027-12-31" };

  it("names the record and field of every problem", () => {
    const paths = errorsOf({
      agreement,
      dispatches: [
        d("P-1", "2025-06-30", "2025-01-01"),
        d("P-2", "2025-02-30", "2025-06-30"),
        { ...d("P-3", "2025-01-01", "2025-06-30"), role: "doctor" },
        { ...d("P-4", "2025-01-01", "2025-06-30"), title: "professor" },
        d("P-5", "2024-12-01", "2025-06-30"),
        { ...d("P-6", "2025-01-01", "2025-06-30"), colour: "red" },
        { role: "clinical" },
      ],
      attendance: [{ person: "P-1", date: "2025-01-02", activities: ["dancing"] }],
    });
    expect(paths).toEqual([
      "dispatches[0].end",
      "dispatches[1].start",
      "dispatches[2].role",
      "dispatches[3].title",
      "dispatches[4].start",
      "dispatches[5].colour",
      "dispatches[6].person",
      "dispatches[6].title",
      "dispatches[6].start",
      "dispatches[6].end",
      "attendance[0].activities[0]",
    ]);
  });

  it("rejects a missing agreement and an agreement ending before it starts", () => {
    expect(errorsOf({ dispatches: [] })).toEqual(["agreement"]);
    expect(errorsOf({ agreement: { ...agreement, end: "2024-01-01" }, dispatches: [] })).toEqual(["agreement.end"]);
    expect(errorsOf("nonsense")).toEqual(["(roster)"]);
  });
});

describe("compliance properties", () => {
  const arbInterval = fc.tuple(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 200 })).map(([s, len]) => {
    const start = day("2025-01-01") + s;
    return { start: formatDay(start), end: formatDay(Math.min(start + len, day("2025-12-31"))) };
  });
  const arbRoster = fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), arbInterval), { maxLength: 12 });

  it("adding a dispatch never creates a new gap", () => {
    fc.assert(
      fc.property(arbRoster, arbInterval, (people, extra) => {
        const dispatches = people.map(([p, i]) => d(`P-${p}`, i.start, i.end));
        const before = rule(check(dispatches), "full_year_coverage").gaps as { from: string; to: string }[];
        const after = rule(check([...dispatches, d("P-new", extra.start, extra.end)]), "full_year_coverage").gaps as { from: string; to: string }[];
        // Every uncovered day after adding was already uncovered before.
        const days = (gaps: { from: string; to: string }[]) =>
          new Set(gaps.flatMap((g) => Array.from({ length: day(g.to) - day(g.from) + 1 }, (_, k) => day(g.from) + k)));
        const was = days(before);
        return [...days(after)].every((x) => was.has(x));
      }),
      { numRuns: 200 },
    );
  });

  it("gap days plus covered days equal the days of the period", () => {
    fc.assert(
      fc.property(arbRoster, (people) => {
        const intervals = people.map(([, i]) => ({ start: day(i.start), end: day(i.end) }));
        const period = { start: day("2025-01-01"), end: day("2025-12-31") };
        const gapDays = uncovered(period, intervals).reduce((s, g) => s + g.end - g.start + 1, 0);
        let covered = 0;
        for (let x = period.start; x <= period.end; x++) if (intervals.some((i) => i.start <= x && x <= i.end)) covered++;
        return gapDays + covered === 365;
      }),
      { numRuns: 200 },
    );
  });

  it("overall status is fail exactly when a rule fails", () => {
    fc.assert(
      fc.property(arbRoster, fc.constantFrom(...BUILT_IN_PACKS.map((p) => p.id)), (people, pack) => {
        const report = check(
          people.map(([p, i]) => d(`P-${p}`, i.start, i.end)),
          { pack },
        );
        return (report.status === "fail") === report.rules.some((r) => r.status === "fail");
      }),
      { numRuns: 100 },
    );
  });
});
