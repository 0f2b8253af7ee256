import { describe, expect, it } from "vitest";
import { evaluateCompliance, type RuleResult } from "../src/assistance/compliance.ts";
import { classifyCheckIn, DEFAULT_ON_SITE_RADIUS_METERS } from "../src/assistance/location-evidence.ts";
import { parseRoster, type RosterInput } from "../src/assistance/roster.ts";
import {
  builtInPack,
  LOCATION_DEFAULTS,
  NOMINAL_DAYS_DEFAULT,
  type NominalDaysRule,
  nominalDaysSettings,
  onSiteRadius,
  type RulePack,
} from "../src/assistance/rule-packs.ts";
import { DomainError } from "../src/errors.ts";

/** 2025-03-03 (Mon) .. 2025-03-14 (Fri): ten working days, one stationed person. */
const WORKING_DAYS = ["03", "04", "05", "06", "07", "10", "11", "12", "13", "14"].map((d) => `2025-03-${d}`);

type Attendance = NonNullable<RosterInput["attendance"]>;

function nominal(attendance: Attendance, rule: Partial<NominalDaysRule> | null = null): RuleResult {
  const base = builtInPack("city_to_community") as RulePack;
  const pack: RulePack = rule ? { ...base, rules: [...base.rules, { ...NOMINAL_DAYS_DEFAULT, ...rule }] } : base;
  const roster = parseRoster({
    agreement: { id: "A-1", pack: pack.id, start: "2025-01-01", end: "2025-12-31" },
    dispatches: [{ person: "P-1", role: "clinical", title: "attending", start: "2025-03-03", end: "2025-03-14" }],
    attendance,
  });
  return evaluateCompliance({ roster, pack, year: 2025 }).rules.find((r) => r.id === "nominal_days") as RuleResult;
}

/** Every working day checked in with clinic work; `classes` gives each day's location class in order. */
const days = (classes: (string | null | undefined)[]): Attendance =>
  WORKING_DAYS.map((date, i) => ({
    person: "P-1",
    date,
    activities: ["clinic"],
    ...(classes[i] !== undefined && { location: classes[i] }),
  }));

const all = (location: string | null | undefined) => days(WORKING_DAYS.map(() => location));

describe("pack location parameters", () => {
  it("fills in the defaults for a pack without a nominal_days rule or with an old one", () => {
    expect(nominalDaysSettings(builtInPack("city_tertiary_to_county"))).toEqual({ ...NOMINAL_DAYS_DEFAULT, ...LOCATION_DEFAULTS });
    expect(nominalDaysSettings({ rules: [{ id: "nominal_days", maxShare: 0.2 }] })).toEqual({
      id: "nominal_days",
      maxShare: 0.2,
      onSiteRadiusMeters: 1000,
      countAway: true,
      countWithoutLocation: false,
    });
    expect(onSiteRadius(undefined)).toBe(DEFAULT_ON_SITE_RADIUS_METERS);
  });

  it("takes the pack's own values, false included", () => {
    const settings = nominalDaysSettings({
      rules: [{ id: "nominal_days", maxShare: 0.1, onSiteRadiusMeters: 2000, countAway: false, countWithoutLocation: true }],
    });
    expect(settings).toMatchObject({ onSiteRadiusMeters: 2000, countAway: false, countWithoutLocation: true });
    expect(onSiteRadius({ rules: [{ id: "nominal_days", maxShare: 0.1, onSiteRadiusMeters: 2000 }] })).toBe(2000);
  });

  it("ignores a stored value of the wrong type (a hand-edited pack) in favour of the default", () => {
    const odd = { id: "nominal_days", maxShare: 0.1, onSiteRadiusMeters: "2000", countAway: "no" } as unknown as NominalDaysRule;
    expect(nominalDaysSettings({ rules: [odd] })).toMatchObject({ onSiteRadiusMeters: 1000, countAway: true });
  });
});

describe("nominal_days with location classes", () => {
  it("check-ins from before location evidence (no class, or null) count as before: on-site days", () => {
    for (const legacy of [undefined, null]) {
      const r = nominal(all(legacy));
      expect(r).toMatchObject({ status: "pass", nominalDays: 0, stationedWorkingDays: 10, awayDays: 0, withoutLocationDays: 0 });
      expect(r.message).not.toContain("打卡");
    }
  });

  it("on-site check-ins are never nominal", () => {
    expect(nominal(all("on_site"))).toMatchObject({ status: "pass", nominalDays: 0, awayDays: 0 });
  });

  it("an away day counts as nominal by default", () => {
    const r = nominal(days(["away"]));
    expect(r).toMatchObject({ status: "pass", nominalDays: 1, awayDays: 1, withoutLocationDays: 0, countAway: true, share: 0.1 });
    expect(r.persons).toEqual([{ person: "P-1", days: 1, first: "2025-03-03", away: 1, withoutLocation: 0 }]);
    expect(r.message).toContain("1 天打卡不在岗（计入）");
    expect(r.messageEn).toContain("1 checked in away (counted)");
  });

  it("a without-location day does not count by default, but is reported", () => {
    const r = nominal(days(["without_location", "without_location"]));
    expect(r).toMatchObject({ status: "pass", nominalDays: 0, withoutLocationDays: 2, countWithoutLocation: false, persons: [] });
    expect(r.message).toContain("2 天打卡无位置（按规则包不计入）");
    expect(r.messageEn).toContain("2 checked in without location (not counted under this pack)");
  });

  it("the pack decides: countAway false keeps away days out, countWithoutLocation true brings the others in", () => {
    const mixed = days(["away", "away", "without_location", "on_site", null]);
    expect(nominal(mixed, { countAway: false })).toMatchObject({ nominalDays: 0, awayDays: 2, withoutLocationDays: 1 });
    expect(nominal(mixed, { countWithoutLocation: true })).toMatchObject({ nominalDays: 3, awayDays: 2, withoutLocationDays: 1 });
    expect(nominal(mixed, { countAway: false, countWithoutLocation: true })).toMatchObject({ nominalDays: 1 });
    expect(nominal(mixed, { countAway: true, countWithoutLocation: false })).toMatchObject({ nominalDays: 2 });
  });

  it("the share boundary: 1 of 10 away passes at 10 %, 2 of 10 fail, and the failure names away check-ins", () => {
    expect(nominal(days(["away"])).status).toBe("pass");
    const two = nominal(days(["away", "away"]));
    expect(two).toMatchObject({ status: "fail", nominalDays: 2, share: 0.2 });
    expect(two.message).toContain("打卡不在岗");
    expect(two.messageEn).toContain("a check-in away from the recipient");
    expect(nominal(days(["away", "away"]), { maxShare: 0.2 }).status).toBe("pass");
    expect(nominal(all("away"), { maxShare: 1 })).toMatchObject({ status: "pass", nominalDays: 10 });
    expect(nominal(days(["away"]), { maxShare: 0 }).status).toBe("fail");
  });

  it("an away day that also lacks clinical work counts once", () => {
    const attendance = days(["away"]);
    (attendance[0] as Attendance[number]).activities = ["management"];
    expect(nominal(attendance)).toMatchObject({ nominalDays: 1, awayDays: 1 });
  });

  it("a missing day still counts whatever the classes of the others", () => {
    const attendance = all("on_site").slice(1);
    expect(nominal(attendance)).toMatchObject({ nominalDays: 1, awayDays: 0, persons: [{ person: "P-1", days: 1, first: "2025-03-03" }] });
  });

  it("weekend check-ins away are not stationed working days and change nothing", () => {
    const attendance = [...all("on_site"), { person: "P-1", date: "2025-03-08", activities: ["clinic"], location: "away" }];
    expect(nominal(attendance)).toMatchObject({ nominalDays: 0, awayDays: 0, stationedWorkingDays: 10 });
  });
});

describe("roster attendance location", () => {
  const roster = (location: unknown) => ({
    agreement: { id: "A-1", pack: "city_to_community", start: "2025-01-01", end: "2025-12-31" },
    dispatches: [{ person: "P-1", role: "clinical", title: "attending", start: "2025-03-03", end: "2025-03-14" }],
    attendance: [{ person: "P-1", date: "2025-03-03", activities: ["clinic"], location }],
  });

  it("accepts each class and null", () => {
    for (const location of ["on_site", "away", "without_location", null]) expect(parseRoster(roster(location)).attendance?.[0]?.location).toBe(location);
  });

  it("rejects an unknown class naming the entry's field", () => {
    for (const location of ["onsite", 3, true]) {
      try {
        parseRoster(roster(location));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).errors.map((f) => f.path)).toEqual(["attendance[0].location"]);
      }
    }
  });
});

describe("classifying against a county (approximate site)", () => {
  const centroid = { latitude: 26.6, longitude: 106.7, approximate: true };
  const inCounty = (p: { latitude: number; longitude: number }) => p.latitude > 26 && p.latitude < 27;
  const position = (latitude: number) => ({ latitude, longitude: 106.7, accuracyMeters: 20 });

  it("on site anywhere inside the county's shape, away outside it, whatever the radius", () => {
    expect(classifyCheckIn(position(26.95), centroid, 1000, inCounty)).toMatchObject({ kind: "on_site", siteApproximate: true });
    expect(classifyCheckIn(position(26.601), centroid, 1000, () => false)).toMatchObject({ kind: "away" });
    // ≈ 39 km from the centroid, still in the county: on site; the distance is to the centroid.
    expect(classifyCheckIn(position(26.95), centroid, 1000, inCounty).distanceMeters).toBeGreaterThan(38_000);
  });

  it("without the shape it falls back to the radius", () => {
    expect(classifyCheckIn(position(26.95), centroid, 1000, null).kind).toBe("away");
    expect(classifyCheckIn(position(26.605), centroid, 1000, null).kind).toBe("on_site");
  });

  it("a set (not approximate) site ignores the shape", () => {
    expect(classifyCheckIn(position(26.95), { ...centroid, approximate: false }, 1000, inCounty).kind).toBe("away");
  });

  it("a poor accuracy is still without location in the county", () => {
    expect(classifyCheckIn({ ...position(26.7), accuracyMeters: 6000 }, centroid, 1000, inCounty).kind).toBe("without_location");
  });
});
