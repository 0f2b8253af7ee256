import { describe, expect, it } from "vitest";
import { allows, mayEver, type Principal, readScope } from "../src/access.ts";

const admin: Principal = { userId: "a", username: "admin", role: "national_admin", regionCode: null, institutionId: null };
const guizhou: Principal = { userId: "o", username: "gz", role: "health_official", regionCode: "520000", institutionId: null };
const county: Principal = { userId: "c", username: "cc", role: "health_official", regionCode: "522622", institutionId: null };
const coordinator: Principal = { userId: "k", username: "k", role: "institution_coordinator", regionCode: null, institutionId: "H" };
const clinician: Principal = { userId: "d", username: "d", role: "clinician", regionCode: null, institutionId: "T" };
const stationed: Principal = { userId: "s", username: "s", role: "stationed_doctor", regionCode: null, institutionId: "H" };
const officialWithoutRegion: Principal = { ...guizhou, regionCode: null };

const inHuangping = { regionCode: "522622", institutionIds: ["H"] };
const inYunnan = { regionCode: "530702", institutionIds: ["Y"] };

describe("access policy", () => {
  it("lets the national admin do everything but write the audit log", () => {
    for (const entity of ["institution", "assessment", "alliance", "practitioner", "user", "api_token"] as const) {
      expect(allows(admin, "write", entity, inYunnan)).toBe(true);
    }
    expect(allows(admin, "write", "audit", inYunnan)).toBe(false);
  });

  it("scopes officials to their region subtree, at any level", () => {
    expect(allows(guizhou, "read", "practitioner", inHuangping)).toBe(true);
    expect(allows(guizhou, "read", "practitioner", inYunnan)).toBe(false);
    expect(allows(county, "write", "institution", inHuangping)).toBe(true);
    expect(allows(county, "write", "institution", { regionCode: "522623", institutionIds: [] })).toBe(false);
    expect(allows(guizhou, "read", "user", { regionCode: null, institutionIds: [] })).toBe(false);
    expect(allows(officialWithoutRegion, "read", "practitioner", inHuangping)).toBe(false);
  });

  it("scopes institution roles to their own institution", () => {
    expect(allows(coordinator, "write", "institution", inHuangping)).toBe(true);
    expect(allows(coordinator, "write", "institution", inYunnan)).toBe(false);
    expect(allows(coordinator, "read", "practitioner", inHuangping)).toBe(true);
    expect(allows(clinician, "read", "practitioner", inHuangping)).toBe(false);
    expect(allows(clinician, "write", "practitioner", { regionCode: "522622", institutionIds: ["T"] })).toBe(false);
    expect(allows(stationed, "read", "practitioner", inHuangping)).toBe(true);
    expect(allows(coordinator, "write", "assessment", inHuangping)).toBe(false);
  });

  it("keeps the registry of institutions and alliances readable by every role", () => {
    for (const p of [admin, guizhou, coordinator, clinician, stationed]) {
      expect(allows(p, "read", "institution", inYunnan)).toBe(true);
      expect(allows(p, "read", "alliance", inYunnan)).toBe(true);
    }
  });

  it("derives list filters matching the per-record rule", () => {
    expect(readScope(admin, "practitioner")).toBeNull();
    expect(readScope(guizhou, "practitioner")).toEqual({ regionCode: "520000" });
    expect(readScope(coordinator, "practitioner")).toEqual({ institutionId: "H" });
    expect(readScope(clinician, "user")).toEqual({ none: true });
    expect(readScope(officialWithoutRegion, "audit")).toEqual({ none: true });
  });

  it("tells the UI which areas a role may ever use", () => {
    expect(mayEver(clinician, "read", "audit")).toBe(false);
    expect(mayEver(guizhou, "read", "audit")).toBe(true);
    expect(mayEver(guizhou, "write", "api_token")).toBe(false);
  });
});
