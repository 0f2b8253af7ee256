import { describe, expect, it } from "vitest";
import { type AccountScope, accountGrantExcess, mayGrantAccount } from "../src/access.ts";
import { ROLES, type Role } from "../src/registry.ts";

// Every account sits in 黄平县 (522622) or at its township health centre T, inside Guizhou (520000).
const at: Record<Role, AccountScope> = {
  national_admin: { role: "national_admin", regionCode: null, institutionId: null },
  health_official: { role: "health_official", regionCode: "520000", institutionId: null },
  institution_coordinator: { role: "institution_coordinator", regionCode: "522622", institutionId: "T" },
  clinician: { role: "clinician", regionCode: "522622", institutionId: "T" },
  stationed_doctor: { role: "stationed_doctor", regionCode: "522622", institutionId: "T" },
};

/**
 * Whether the row's role may manage an account of the column's role at the same place (the
 * target inside the actor's region, or at the actor's own institution). Read off the policy table:
 * officials never see patients, so they cannot make anyone who does.
 */
const EXPECTED: Record<Role, Record<Role, boolean>> = {
  national_admin: { national_admin: true, health_official: true, institution_coordinator: true, clinician: true, stationed_doctor: true },
  health_official: { national_admin: false, health_official: true, institution_coordinator: false, clinician: false, stationed_doctor: true },
  // A clinician reads the ID numbers of its patients in clear (patient_identity) and their paths, a coordinator does not.
  institution_coordinator: { national_admin: false, health_official: false, institution_coordinator: true, clinician: false, stationed_doctor: true },
  clinician: { national_admin: false, health_official: false, institution_coordinator: false, clinician: true, stationed_doctor: true },
  stationed_doctor: { national_admin: false, health_official: false, institution_coordinator: false, clinician: false, stationed_doctor: true },
};

describe("account grants: no account may reach what its creator may not", () => {
  for (const actor of ROLES) {
    for (const target of ROLES) {
      it(`${actor} → ${target}: ${EXPECTED[actor][target] ? "allowed" : "denied"}`, () => {
        expect(mayGrantAccount(at[actor], at[target])).toBe(EXPECTED[actor][target]);
      });
    }
  }

  it("names what an official would gain through a clinician: the patients", () => {
    const excess = accountGrantExcess(at.health_official, at.clinician);
    expect(excess).toContainEqual({ entity: "referral", action: "read", reach: "institution" });
    expect(excess).toContainEqual({ entity: "chronic_patient", action: "read", reach: "institution" });
    expect(excess.map((e) => e.entity)).not.toContain("practitioner");
  });

  it("names what a coordinator would gain through a clinician: ID numbers in clear and patients' paths", () => {
    expect(accountGrantExcess(at.institution_coordinator, at.clinician)).toEqual([
      { entity: "patient_identity", action: "read", reach: "institution" },
      { entity: "patient_path", action: "read", reach: "institution" },
    ]);
  });

  it("lets the national admin make every account, though it writes no referral itself", () => {
    expect(accountGrantExcess(at.national_admin, at.clinician)).toEqual([]);
  });

  it("keeps officials inside their own subtree", () => {
    const guizhou = at.health_official;
    const county = { role: "health_official", regionCode: "522622", institutionId: null } as const;
    expect(mayGrantAccount(guizhou, county)).toBe(true);
    expect(mayGrantAccount(county, guizhou)).toBe(false);
    expect(mayGrantAccount(guizhou, { ...guizhou, regionCode: "530000" })).toBe(false);
    expect(mayGrantAccount(guizhou, { ...at.stationed_doctor, regionCode: "530702", institutionId: "Y" })).toBe(false);
    expect(mayGrantAccount({ ...guizhou, regionCode: null }, county)).toBe(false);
  });

  it("keeps institution roles inside their own institution", () => {
    expect(mayGrantAccount(at.institution_coordinator, { ...at.clinician, institutionId: "H" })).toBe(false);
    expect(mayGrantAccount(at.clinician, { ...at.stationed_doctor, institutionId: "H" })).toBe(false);
  });
});
