import {
  type CapabilityNeed,
  DISPATCH_ROLES,
  type DispatchRole,
  defaultPlanningProfile,
  invalid,
  NEED_SOURCES,
  notFound,
  PLANNING_LIMITS,
  type PlanningProfile,
  type Profession,
  type ProvincePairing,
  provinceOf,
  type SupportCapacity,
} from "@medbridge/core";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { capabilityNeeds, institutions, practitioners, provincePairings, regions, staffPlanning, supportCapacity } from "../db/schema.ts";
import { DateString, StringEnum, Text, Uuid } from "../http/schemas.ts";

/**
 * The inputs the planners read (issue 17), kept beside the registry: a staff member's planning
 * profile, a recipient's needs for a year, a supporter's capacity, and the programme's province
 * pairings. The HTTP schemas below say the shape (types, bounds) for the contract; core's parsers
 * (planning-profile.ts) then judge what a schema cannot (real dates, start ≤ end, overlaps,
 * duplicates) and name the field. Every write replaces the whole value and is audited in its
 * transaction; an audit entry carries dates and counts, never a person's reasons for being away.
 */

const Period = Type.Object(
  { start: DateString, end: DateString, reason: Type.Optional(Text(PLANNING_LIMITS.reason)) },
  { additionalProperties: false, description: "Inclusive dates this person cannot go; touching periods are allowed, overlapping ones are not" },
);

export const PlanningProfileInput = Type.Object(
  {
    department: Type.Optional(Type.Union([Text(PLANNING_LIMITS.department), Type.Null()], { description: "null: the default (specialty, else general)" })),
    roles: Type.Array(StringEnum(DISPATCH_ROLES), {
      minItems: 1,
      maxItems: PLANNING_LIMITS.roles,
      description: "Dispatch roles this person may take, each once",
    }),
    earliestStart: Type.Optional(Type.Union([DateString, Type.Null()])),
    unavailable: Type.Optional(Type.Array(Period, { maxItems: PLANNING_LIMITS.unavailable })),
  },
  { additionalProperties: false },
);

export const PlanningProfileSchema = Type.Object({
  practitionerId: Uuid,
  department: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(StringEnum(DISPATCH_ROLES)),
  earliestStart: Type.Union([Type.String(), Type.Null()]),
  unavailable: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), reason: Type.Optional(Type.String()) })),
  /** false: nothing stored, this is what the planner assumes. */
  stored: Type.Boolean(),
  defaults: Type.Object(
    { department: Type.String(), roles: Type.Array(StringEnum(DISPATCH_ROLES)) },
    { description: "What the planner assumes without a stored profile: roles from the profession, department = specialty (else general)" },
  ),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type PlanningProfileView = Static<typeof PlanningProfileSchema>;

const Need = Type.Object(
  {
    specialty: Text(PLANNING_LIMITS.specialty),
    source: StringEnum(NEED_SOURCES),
    technique: Type.Optional(Type.Union([Text(PLANNING_LIMITS.technique), Type.Null()], { description: "Required for technique_request, absent otherwise" })),
  },
  { additionalProperties: false },
);
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const CapabilityNeedsInput = Type.Object(
  { year: Year, needs: Type.Array(Need, { maxItems: PLANNING_LIMITS.needs, description: "Replaces the year's set" }) },
  { additionalProperties: false },
);
export const CapabilityNeedsQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export const CapabilityNeedsSchema = Type.Object({
  institutionId: Uuid,
  year: Type.Integer(),
  needs: Type.Array(Type.Object({ specialty: Type.String(), source: StringEnum(NEED_SOURCES), technique: Type.Union([Type.String(), Type.Null()]) })),
});

export const SupportCapacityInput = Type.Object(
  {
    maxRecipients: Type.Integer({ minimum: 0, maximum: PLANNING_LIMITS.maxRecipients }),
    staffBySpecialty: Type.Optional(
      Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: PLANNING_LIMITS.staffPerSpecialty }), {
        maxProperties: PLANNING_LIMITS.specialties,
        description: "Staff it can send in a year, per specialty",
      }),
    ),
  },
  { additionalProperties: false },
);
export const SupportCapacitySchema = Type.Object({
  institutionId: Uuid,
  maxRecipients: Type.Integer(),
  staffBySpecialty: Type.Record(Type.String(), Type.Integer()),
  /** false: nothing stored (the planner treats the hospital as having no capacity). */
  stored: Type.Boolean(),
});

const ProvinceCode = Type.String({ pattern: "^[1-9][0-9]0000$", description: "Province code (GB/T 2260, ends in 0000)" });
const Pairing = Type.Object({ supporterProvince: ProvinceCode, recipientProvince: ProvinceCode }, { additionalProperties: false });
export const ProvincePairingsInput = Type.Object(
  { pairings: Type.Array(Pairing, { maxItems: PLANNING_LIMITS.pairings, description: "Replaces the set" }) },
  { additionalProperties: false },
);
export const ProvincePairingsSchema = Type.Object({
  pairings: Type.Array(
    Type.Object({ supporterProvince: Type.String(), recipientProvince: Type.String(), supporterName: Type.String(), recipientName: Type.String() }),
  ),
});

const dateText = (d: string | Date | null): string | null => (d === null ? null : typeof d === "string" ? d : d.toISOString().slice(0, 10));

/** Where a practitioner lives, for the access check and the row's province. */
async function practitionerFacts(db: Db, id: string) {
  const [row] = await db
    .select({ profession: practitioners.profession, specialty: practitioners.specialty, regionCode: practitioners.regionCode })
    .from(practitioners)
    .where(eq(practitioners.id, id));
  if (!row) throw notFound("practitioner");
  return row;
}

export async function getPlanningProfile(db: Db, practitionerId: string): Promise<PlanningProfileView> {
  const facts = await practitionerFacts(db, practitionerId);
  const defaults = defaultPlanningProfile(facts.profession as Profession, facts.specialty);
  const [row] = await db.select().from(staffPlanning).where(eq(staffPlanning.practitionerId, practitionerId));
  if (!row)
    return {
      practitionerId,
      department: defaults.department,
      roles: defaults.roles,
      earliestStart: null,
      unavailable: [],
      stored: false,
      defaults,
      updatedAt: null,
    };
  return {
    practitionerId,
    department: row.department,
    roles: row.roles as DispatchRole[],
    earliestStart: dateText(row.earliestStart),
    unavailable: row.unavailable,
    stored: true,
    defaults,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What an audit entry keeps of a profile: no reasons (they may say why a person is away). */
const auditedProfile = (p: Pick<PlanningProfile, "department" | "roles" | "earliestStart" | "unavailable">) => ({
  department: p.department,
  roles: p.roles,
  earliestStart: p.earliestStart,
  unavailable: p.unavailable.map(({ start, end }) => ({ start, end })),
});

export async function putPlanningProfile(db: Db, actor: Actor, practitionerId: string, profile: PlanningProfile): Promise<void> {
  const facts = await practitionerFacts(db, practitionerId);
  const [before] = await db.select().from(staffPlanning).where(eq(staffPlanning.practitionerId, practitionerId)).for("update");
  const values = {
    department: profile.department,
    roles: profile.roles,
    earliestStart: profile.earliestStart,
    unavailable: profile.unavailable,
    provinceCode: provinceOf(facts.regionCode),
    updatedAt: new Date(),
  };
  await db
    .insert(staffPlanning)
    .values({ practitionerId, ...values })
    .onConflictDoUpdate({ target: staffPlanning.practitionerId, set: values });
  await audit(db, actor, {
    action: before ? "update" : "create",
    entity: "staff_planning",
    entityId: practitionerId,
    regionCode: facts.regionCode,
    before: before
      ? auditedProfile({
          department: before.department,
          roles: before.roles as DispatchRole[],
          earliestStart: dateText(before.earliestStart),
          unavailable: before.unavailable,
        })
      : null,
    after: auditedProfile(profile),
  });
}

async function institutionRegion(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, id));
  if (!row) throw notFound("institution");
  return row.regionCode;
}

export async function getCapabilityNeeds(db: Db, institutionId: string, year: number) {
  await institutionRegion(db, institutionId);
  const rows = await db
    .select({ specialty: capabilityNeeds.specialty, source: capabilityNeeds.source, technique: capabilityNeeds.technique })
    .from(capabilityNeeds)
    .where(and(eq(capabilityNeeds.institutionId, institutionId), eq(capabilityNeeds.year, year)))
    .orderBy(asc(capabilityNeeds.source), asc(capabilityNeeds.specialty));
  return { institutionId, year, needs: rows as CapabilityNeed[] };
}

/** Replaces the year's needs (delete, then insert): one statement each, inside the caller's transaction. */
export async function putCapabilityNeeds(db: Db, actor: Actor, institutionId: string, year: number, needs: readonly CapabilityNeed[]): Promise<void> {
  const regionCode = await institutionRegion(db, institutionId);
  const removed = await db
    .delete(capabilityNeeds)
    .where(and(eq(capabilityNeeds.institutionId, institutionId), eq(capabilityNeeds.year, year)))
    .returning({ specialty: capabilityNeeds.specialty, source: capabilityNeeds.source, technique: capabilityNeeds.technique });
  if (needs.length) await db.insert(capabilityNeeds).values(needs.map((n) => ({ ...n, institutionId, year, provinceCode: provinceOf(regionCode) })));
  await audit(db, actor, {
    action: "update",
    entity: "capability_needs",
    entityId: institutionId,
    regionCode,
    before: { year, needs: removed },
    after: { year, needs },
  });
}

export async function getSupportCapacity(db: Db, institutionId: string) {
  await institutionRegion(db, institutionId);
  const [row] = await db.select().from(supportCapacity).where(eq(supportCapacity.institutionId, institutionId));
  if (!row) return { institutionId, maxRecipients: 0, staffBySpecialty: {}, stored: false };
  return { institutionId, maxRecipients: row.maxRecipients, staffBySpecialty: row.staffBySpecialty, stored: true };
}

export async function putSupportCapacity(db: Db, actor: Actor, institutionId: string, capacity: SupportCapacity): Promise<void> {
  const regionCode = await institutionRegion(db, institutionId);
  const [before] = await db.select().from(supportCapacity).where(eq(supportCapacity.institutionId, institutionId)).for("update");
  const values = { ...capacity, provinceCode: provinceOf(regionCode), updatedAt: new Date() };
  await db
    .insert(supportCapacity)
    .values({ institutionId, ...values })
    .onConflictDoUpdate({ target: supportCapacity.institutionId, set: values });
  await audit(db, actor, {
    action: before ? "update" : "create",
    entity: "support_capacity",
    entityId: institutionId,
    regionCode,
    before: before ? { maxRecipients: before.maxRecipients, staffBySpecialty: before.staffBySpecialty } : null,
    after: capacity,
  });
}

export async function listProvincePairings(db: Db) {
  const rows = await db
    .select({ supporterProvince: provincePairings.supporterProvince, recipientProvince: provincePairings.recipientProvince })
    .from(provincePairings)
    .orderBy(asc(provincePairings.recipientProvince), asc(provincePairings.supporterProvince));
  const codes = [...new Set(rows.flatMap((r) => [r.supporterProvince, r.recipientProvince]))];
  const names = new Map(
    codes.length
      ? (await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name])
      : [],
  );
  return {
    pairings: rows.map((r) => ({
      ...r,
      supporterName: names.get(r.supporterProvince) ?? r.supporterProvince,
      recipientName: names.get(r.recipientProvince) ?? r.recipientProvince,
    })),
  };
}

/** Replaces the programme's pairings; every code must be a province the regions table knows. */
export async function putProvincePairings(db: Db, actor: Actor, pairings: readonly ProvincePairing[]): Promise<void> {
  const codes = [...new Set(pairings.flatMap((p) => [p.supporterProvince, p.recipientProvince]))];
  const known = new Set(
    codes.length
      ? (
          await db
            .select({ code: regions.code })
            .from(regions)
            .where(and(inArray(regions.code, codes), eq(regions.level, "province")))
        ).map((r) => r.code)
      : [],
  );
  const errors = pairings.flatMap((p, i) =>
    (["supporterProvince", "recipientProvince"] as const)
      .filter((field) => !known.has(p[field]))
      .map((field) => ({ path: `pairings[${i}].${field}`, code: "not_found" as const, params: { entity: "region" }, message: "no such province" })),
  );
  if (errors.length) throw invalid(errors);
  const removed = await db
    .delete(provincePairings)
    .returning({ supporterProvince: provincePairings.supporterProvince, recipientProvince: provincePairings.recipientProvince });
  if (pairings.length) await db.insert(provincePairings).values([...pairings]);
  await audit(db, actor, {
    action: "update",
    entity: "province_pairings",
    entityId: null,
    regionCode: null,
    before: { pairings: removed },
    after: { pairings },
  });
}
