import { describe, expect, it } from "vitest";
import { DomainError, type FieldError } from "../src/errors.ts";
import {
  defaultPlanningProfile,
  parseCapabilityNeeds,
  parsePlanningProfile,
  parseProvincePairings,
  parseSupportCapacity,
} from "../src/planning/planning-profile.ts";

/** The field errors a parser throws (fails the test when it does not throw a validation error). */
function errorsOf(run: () => unknown): Pick<FieldError, "path" | "code">[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("validation");
    return (error as DomainError).errors.map(({ path, code }) => ({ path, code }));
  }
  throw new Error("expected a validation error");
}

const period = (start: string, end: string, reason?: string) => ({ start, end, ...(reason && { reason }) });
const profile = (over: Record<string, unknown> = {}) => ({ department: "心血管内科", roles: ["clinical"], earliestStart: null, unavailable: [], ...over });

describe("defaultPlanningProfile", () => {
  it("takes the roles from the profession and the department from the specialty", () => {
    expect(defaultPlanningProfile("physician", "心血管内科")).toEqual({ department: "心血管内科", roles: ["clinical"] });
    expect(defaultPlanningProfile("manager", null)).toEqual({ department: "general", roles: ["management"] });
    expect(defaultPlanningProfile("nurse", "儿科")).toEqual({ department: "儿科", roles: ["nursing"] });
    expect(defaultPlanningProfile("technician", "医学影像")).toEqual({ department: "医学影像", roles: ["technician"] });
    expect(defaultPlanningProfile("pharmacist", "  ")).toEqual({ department: "general", roles: ["technician"] });
  });

  it("never makes anyone a discipline leader by default", () => {
    expect(defaultPlanningProfile("physician", null).roles).not.toContain("discipline_leader");
  });
});

describe("parsePlanningProfile", () => {
  it("answers the cleaned profile, periods in start order", () => {
    expect(
      parsePlanningProfile({
        department: " 骨科 ",
        roles: ["discipline_leader", "clinical"],
        earliestStart: "2027-03-01",
        unavailable: [period("2027-09-01", "2027-09-30"), period("2027-05-01", "2027-05-20", "进修")],
      }),
    ).toEqual({
      department: "骨科",
      roles: ["discipline_leader", "clinical"],
      earliestStart: "2027-03-01",
      unavailable: [period("2027-05-01", "2027-05-20", "进修"), period("2027-09-01", "2027-09-30")],
    });
  });

  it("takes null department and start, and no periods", () => {
    expect(parsePlanningProfile({ department: null, roles: ["nursing"], earliestStart: null })).toEqual({
      department: null,
      roles: ["nursing"],
      earliestStart: null,
      unavailable: [],
    });
  });

  it("refuses unknown, duplicate, missing and too many roles, naming the item", () => {
    expect(errorsOf(() => parsePlanningProfile(profile({ roles: ["clinical", "surgeon"] })))).toEqual([{ path: "roles[1]", code: "enum" }]);
    expect(errorsOf(() => parsePlanningProfile(profile({ roles: ["clinical", "nursing", "clinical"] })))).toEqual([{ path: "roles[2]", code: "not_unique" }]);
    expect(errorsOf(() => parsePlanningProfile(profile({ roles: [] })))).toEqual([{ path: "roles", code: "too_few" }]);
    expect(errorsOf(() => parsePlanningProfile({ department: null }))).toEqual([{ path: "roles", code: "required" }]);
    const six = ["management", "clinical", "discipline_leader", "nursing", "technician", "clinical"];
    expect(errorsOf(() => parsePlanningProfile(profile({ roles: six })))).toEqual([{ path: "roles", code: "too_many" }]);
    // Five is the limit, and every role once is fine.
    expect(parsePlanningProfile(profile({ roles: six.slice(0, 5) })).roles).toHaveLength(5);
  });

  it("refuses dates that do not exist and dates out of the service's range", () => {
    expect(errorsOf(() => parsePlanningProfile(profile({ earliestStart: "2027-02-29" })))).toEqual([{ path: "earliestStart", code: "format" }]);
    expect(parsePlanningProfile(profile({ earliestStart: "2028-02-29" })).earliestStart).toBe("2028-02-29");
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: [period("2027-04-31", "2027-05-02")] })))).toEqual([
      { path: "unavailable[0].start", code: "format" },
    ]);
    expect(errorsOf(() => parsePlanningProfile(profile({ earliestStart: "2101-01-01" })))).toEqual([{ path: "earliestStart", code: "too_large" }]);
    expect(errorsOf(() => parsePlanningProfile(profile({ earliestStart: 20270301 })))).toEqual([{ path: "earliestStart", code: "type" }]);
  });

  it("refuses a start after the end on the end, and allows a one-day period", () => {
    const unavailable = [period("2027-01-01", "2027-01-10"), period("2027-02-01", "2027-02-05"), period("2027-03-10", "2027-03-09")];
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable })))).toEqual([{ path: "unavailable[2].end", code: "before" }]);
    expect(parsePlanningProfile(profile({ unavailable: [period("2027-03-10", "2027-03-10")] })).unavailable).toEqual([period("2027-03-10", "2027-03-10")]);
  });

  it("refuses overlapping periods on the later one; touching periods (the next starts the day after) are not overlapping", () => {
    const touching = [period("2027-03-01", "2027-03-31"), period("2027-04-01", "2027-04-30")];
    expect(parsePlanningProfile(profile({ unavailable: touching })).unavailable).toEqual(touching);
    // Inclusive ends: starting on the day the other ends shares that day.
    const sharing = [
      period("2027-01-01", "2027-01-05"),
      period("2027-06-01", "2027-06-02"),
      period("2027-08-01", "2027-08-09"),
      period("2027-03-31", "2027-04-01"),
      period("2027-04-01", "2027-04-02"),
    ];
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: sharing })))).toEqual([{ path: "unavailable[4]", code: "overlap" }]);
    // A period inside a long one written before it is named too, whatever the order given.
    const inside = [period("2027-05-10", "2027-05-12"), period("2027-01-01", "2027-12-31"), period("2027-02-01", "2027-02-01")];
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: inside })))).toEqual([
      { path: "unavailable[2]", code: "overlap" },
      { path: "unavailable[1]", code: "overlap" },
    ]);
  });

  it("takes 50 periods and refuses 51", () => {
    const days = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        period(
          `2027-${String(Math.floor(i / 28) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
          `2027-${String(Math.floor(i / 28) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
        ),
      );
    expect(parsePlanningProfile(profile({ unavailable: days(50) })).unavailable).toHaveLength(50);
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: days(51) })))).toEqual([{ path: "unavailable", code: "too_many" }]);
  });

  it("refuses a reason over 200 characters, NUL anywhere, and unknown fields", () => {
    expect(parsePlanningProfile(profile({ unavailable: [period("2027-01-01", "2027-01-02", "假".repeat(200))] })).unavailable[0]?.reason).toHaveLength(200);
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: [period("2027-01-01", "2027-01-02", "假".repeat(201))] })))).toEqual([
      { path: "unavailable[0].reason", code: "too_long" },
    ]);
    expect(errorsOf(() => parsePlanningProfile(profile({ department: "骨\u0000科" })))).toEqual([{ path: "department", code: "unstorable_text" }]);
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: [period("2027-01-01", "2027-01-02", "a\u0000")] })))).toEqual([
      { path: "unavailable[0].reason", code: "unstorable_text" },
    ]);
    expect(errorsOf(() => parsePlanningProfile(profile({ name: "x" })))).toEqual([{ path: "name", code: "unknown_field" }]);
    expect(errorsOf(() => parsePlanningProfile(profile({ unavailable: [{ start: "2027-01-01" }] })))).toEqual([
      { path: "unavailable[0].end", code: "required" },
    ]);
    expect(errorsOf(() => parsePlanningProfile(profile({ department: "科".repeat(61) })))).toEqual([{ path: "department", code: "too_long" }]);
  });
});

describe("parseCapabilityNeeds", () => {
  it("answers the needs with a technique only on technique requests", () => {
    expect(
      parseCapabilityNeeds([
        { specialty: " 心血管内科 ", source: "assessment" },
        { specialty: "心血管内科", source: "technique_request", technique: "冠脉介入" },
      ]),
    ).toEqual([
      { specialty: "心血管内科", source: "assessment", technique: null },
      { specialty: "心血管内科", source: "technique_request", technique: "冠脉介入" },
    ]);
  });

  it("names each wrong field", () => {
    expect(
      errorsOf(() =>
        parseCapabilityNeeds([
          { specialty: "", source: "assessment" },
          { specialty: "儿".repeat(41), source: "assessment" },
          { specialty: "儿科", source: "wish" },
          { specialty: "儿科", source: "technique_request" },
          { specialty: "骨科", source: "assessment", technique: "关节置换" },
          { specialty: "骨科", source: "assessment" },
          { specialty: "麻醉", source: "assessment" },
          { specialty: " 麻醉", source: "assessment" },
        ]),
      ),
    ).toEqual([
      { path: "needs[0].specialty", code: "too_short" },
      { path: "needs[1].specialty", code: "too_long" },
      { path: "needs[2].source", code: "enum" },
      { path: "needs[3].technique", code: "required" },
      { path: "needs[4].technique", code: "not_allowed" },
      // needs[4] is wrong only in its technique: it still counts as (骨科, assessment).
      { path: "needs[5].specialty", code: "not_unique" },
      { path: "needs[7].specialty", code: "not_unique" },
    ]);
    // 40 characters is the limit.
    expect(parseCapabilityNeeds([{ specialty: "儿".repeat(40), source: "assessment" }])).toHaveLength(1);
  });

  it("takes 60 needs and refuses 61", () => {
    const needs = (n: number) => Array.from({ length: n }, (_, i) => ({ specialty: `专科${i}`, source: "assessment" }));
    expect(parseCapabilityNeeds(needs(60))).toHaveLength(60);
    expect(errorsOf(() => parseCapabilityNeeds(needs(61)))).toEqual([{ path: "needs", code: "too_many" }]);
  });
});

describe("parseSupportCapacity", () => {
  it("answers the capacity with trimmed specialties", () => {
    expect(parseSupportCapacity({ maxRecipients: 0, staffBySpecialty: { " 儿科": 0, 心血管内科: 500 } })).toEqual({
      maxRecipients: 0,
      staffBySpecialty: { 儿科: 0, 心血管内科: 500 },
    });
    expect(parseSupportCapacity({ maxRecipients: 200 })).toEqual({ maxRecipients: 200, staffBySpecialty: {} });
  });

  it("names the specialty whose count is wrong, and the limits", () => {
    expect(errorsOf(() => parseSupportCapacity({ maxRecipients: 3, staffBySpecialty: { 心血管内科: -1, 骨科: 501, 儿科: 1.5 } }))).toEqual([
      { path: "staffBySpecialty.心血管内科", code: "too_small" },
      { path: "staffBySpecialty.骨科", code: "too_large" },
      { path: "staffBySpecialty.儿科", code: "type" },
    ]);
    expect(errorsOf(() => parseSupportCapacity({ maxRecipients: 201 }))).toEqual([{ path: "maxRecipients", code: "too_large" }]);
    expect(errorsOf(() => parseSupportCapacity({ maxRecipients: -1 }))).toEqual([{ path: "maxRecipients", code: "too_small" }]);
    expect(errorsOf(() => parseSupportCapacity({ maxRecipients: 1, staffBySpecialty: { "": 1 } }))).toEqual([{ path: "staffBySpecialty.", code: "too_short" }]);
    expect(errorsOf(() => parseSupportCapacity({ maxRecipients: 1, staffBySpecialty: { 儿科: 1, " 儿科 ": 2 } }))).toEqual([
      { path: "staffBySpecialty. 儿科 ", code: "not_unique" },
    ]);
  });
});

describe("parseProvincePairings", () => {
  it("answers province pairs and refuses the rest", () => {
    expect(parseProvincePairings([{ supporterProvince: "330000", recipientProvince: "520000" }])).toEqual([
      { supporterProvince: "330000", recipientProvince: "520000" },
    ]);
    expect(
      errorsOf(() =>
        parseProvincePairings([
          { supporterProvince: "330100", recipientProvince: "520000" },
          { supporterProvince: "520000", recipientProvince: "520000" },
          { supporterProvince: "330000", recipientProvince: "520000" },
          { supporterProvince: "330000", recipientProvince: "520000" },
        ]),
      ),
    ).toEqual([
      { path: "pairings[0].supporterProvince", code: "format" },
      { path: "pairings[1].recipientProvince", code: "same_as" },
      { path: "pairings[3]", code: "duplicate" },
    ]);
  });
});
