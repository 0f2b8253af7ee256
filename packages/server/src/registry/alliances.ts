import { ALLIANCE_KINDS, type FieldError, invalid, notFound, provinceOf } from "@medbridge/core";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { inRegion } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { allianceMembers, alliances, institutions } from "../db/schema.ts";
import { nameContains } from "../db/search.ts";
import { DateString, PageQuery, RegionCode, StringEnum, Text, Uuid } from "../http/schemas.ts";

export const MemberInput = Type.Object(
  { institutionId: Uuid, joinedOn: DateString, leftOn: Type.Optional(Type.Union([DateString, Type.Null()])) },
  { additionalProperties: false },
);
export type MemberInput = Static<typeof MemberInput>;

export const AllianceInput = Type.Object(
  {
    name: Text(120),
    kind: StringEnum(ALLIANCE_KINDS),
    leadInstitutionId: Uuid,
    members: Type.Optional(Type.Array(MemberInput, { maxItems: 2000 })),
  },
  { additionalProperties: false },
);
export type AllianceInput = Static<typeof AllianceInput>;

export const AlliancePatch = Type.Partial(
  Type.Object({ name: Text(120), kind: StringEnum(ALLIANCE_KINDS), active: Type.Boolean() }, { additionalProperties: false }),
  { additionalProperties: false, minProperties: 1 },
);
export type AlliancePatch = Static<typeof AlliancePatch>;

export const MemberPatch = Type.Object({ leftOn: Type.Union([DateString, Type.Null()]) }, { additionalProperties: false });

const MemberSchema = Type.Object({
  institutionId: Uuid,
  institutionName: Type.String(),
  kind: Type.String(),
  regionCode: Type.String(),
  joinedOn: Type.String(),
  leftOn: Type.Union([Type.String(), Type.Null()]),
});

export const AllianceSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  leadInstitutionId: Uuid,
  leadInstitutionName: Type.String(),
  regionCode: Type.String(),
  active: Type.Boolean(),
  memberCount: Type.Integer(),
  members: Type.Optional(Type.Array(MemberSchema)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Alliance = Static<typeof AllianceSchema>;

export const AllianceListQuery = Type.Object(
  {
    ...PageQuery,
    kind: Type.Optional(StringEnum(ALLIANCE_KINDS)),
    regionCode: Type.Optional(RegionCode),
    institutionId: Type.Optional(Uuid),
    status: Type.Optional(StringEnum(["active", "inactive", "all"] as const, { default: "active" })),
    sort: Type.Optional(StringEnum(["name", "-name", "memberCount", "-memberCount", "createdAt", "-createdAt"] as const)),
  },
  { additionalProperties: false },
);
export type AllianceListQuery = Static<typeof AllianceListQuery>;

// Current members: joined and not (yet) left.
const memberCount = sql<number>`(select count(*)::int from ${allianceMembers} m where m.alliance_id = ${alliances.id} and (m.left_on is null or m.left_on >= current_date))`;

const columns = {
  id: alliances.id,
  name: alliances.name,
  kind: alliances.kind,
  leadInstitutionId: alliances.leadInstitutionId,
  leadInstitutionName: institutions.name,
  regionCode: alliances.regionCode,
  active: alliances.active,
  memberCount,
  createdAt: alliances.createdAt,
  updatedAt: alliances.updatedAt,
};

function iso<T extends { createdAt: Date; updatedAt: Date }>(row: T) {
  return { ...row, createdAt: new Date(row.createdAt).toISOString(), updatedAt: new Date(row.updatedAt).toISOString() };
}

export async function listAlliances(db: Db, query: AllianceListQuery) {
  const where: (SQL | undefined)[] = [];
  if (query.q?.trim()) where.push(nameContains(alliances.name, query.q.trim()));
  if (query.kind) where.push(eq(alliances.kind, query.kind));
  if (query.regionCode) where.push(inRegion(alliances.regionCode, query.regionCode));
  if (query.institutionId) {
    where.push(sql`exists (select 1 from ${allianceMembers} m where m.alliance_id = ${alliances.id} and m.institution_id = ${query.institutionId})`);
  }
  const status = query.status ?? "active";
  if (status !== "all") where.push(eq(alliances.active, status === "active"));
  const condition = and(...where);
  const sort = query.sort ?? "name";
  const column = { name: alliances.name, memberCount, createdAt: alliances.createdAt }[sort.replace("-", "") as "name" | "memberCount" | "createdAt"];
  const result = await paged(
    query.page,
    query.pageSize,
    db
      .select(columns)
      .from(alliances)
      .innerJoin(institutions, eq(institutions.id, alliances.leadInstitutionId))
      .where(condition)
      .orderBy(sort.startsWith("-") ? sql`${column} desc` : sql`${column} asc`, asc(alliances.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(alliances).where(condition),
  );
  return { ...result, items: result.items.map(iso) };
}

export async function getAlliance(db: Db, id: string): Promise<Alliance> {
  const [row] = await db.select(columns).from(alliances).innerJoin(institutions, eq(institutions.id, alliances.leadInstitutionId)).where(eq(alliances.id, id));
  if (!row) throw notFound("alliance");
  const members = await db
    .select({
      institutionId: allianceMembers.institutionId,
      institutionName: institutions.name,
      kind: institutions.kind,
      regionCode: institutions.regionCode,
      joinedOn: allianceMembers.joinedOn,
      leftOn: allianceMembers.leftOn,
    })
    .from(allianceMembers)
    .innerJoin(institutions, eq(institutions.id, allianceMembers.institutionId))
    .where(eq(allianceMembers.allianceId, id))
    .orderBy(asc(institutions.regionCode), asc(institutions.name));
  return { ...iso(row), members };
}

/** Validates member references and dates; returns the lead's region. */
export async function checkAllianceInput(db: Db, input: { leadInstitutionId?: string; members?: MemberInput[] }): Promise<string | null> {
  const ids = [...(input.leadInstitutionId ? [input.leadInstitutionId] : []), ...(input.members ?? []).map((m) => m.institutionId)];
  const rows = ids.length
    ? await db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(inArray(institutions.id, ids))
    : [];
  const regions = new Map(rows.map((r) => [r.id, r.regionCode]));
  const errors: FieldError[] = [];
  if (input.leadInstitutionId && !regions.has(input.leadInstitutionId))
    errors.push({ path: "leadInstitutionId", code: "not_found", params: { entity: "institution" }, message: "no such institution" });
  const seen = new Set<string>();
  for (const [i, m] of (input.members ?? []).entries()) errors.push(...memberErrors(m, `members[${i}]`, regions, seen));
  if (errors.length) throw invalid(errors);
  return input.leadInstitutionId ? (regions.get(input.leadInstitutionId) ?? null) : null;
}

export function memberErrors(m: MemberInput, path: string, known: Map<string, string>, seen: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!known.has(m.institutionId))
    errors.push({ path: `${path}.institutionId`, code: "not_found", params: { entity: "institution" }, message: "no such institution" });
  if (seen.has(m.institutionId)) errors.push({ path: `${path}.institutionId`, code: "duplicate", params: { scope: "list" }, message: "is listed twice" });
  seen.add(m.institutionId);
  if (m.leftOn && m.leftOn < m.joinedOn) errors.push({ path: `${path}.leftOn`, code: "before", params: { other: "joinedOn" }, message: "is before joinedOn" });
  return errors;
}

/** `today` is the China date the lead institution joins on when the members leave it out. */
export async function createAlliance(db: Db, actor: Actor, input: AllianceInput, regionCode: string, today: string): Promise<string> {
  const [row] = await db
    .insert(alliances)
    .values({ name: input.name.trim(), kind: input.kind, leadInstitutionId: input.leadInstitutionId, regionCode, provinceCode: provinceOf(regionCode) })
    .returning({ id: alliances.id });
  const id = (row as { id: string }).id;
  const members = input.members ?? [];
  if (!members.some((m) => m.institutionId === input.leadInstitutionId)) {
    members.unshift({ institutionId: input.leadInstitutionId, joinedOn: today });
  }
  await db
    .insert(allianceMembers)
    .values(members.map((m) => ({ allianceId: id, institutionId: m.institutionId, joinedOn: m.joinedOn, leftOn: m.leftOn ?? null })));
  await audit(db, actor, { action: "create", entity: "alliance", entityId: id, regionCode, after: input });
  return id;
}

export async function updateAlliance(db: Db, actor: Actor, id: string, patch: AlliancePatch): Promise<void> {
  const [before] = await db.select().from(alliances).where(eq(alliances.id, id)).for("update");
  if (!before) throw notFound("alliance");
  await db
    .update(alliances)
    .set({ ...patch, ...(patch.name && { name: patch.name.trim() }), updatedAt: new Date() })
    .where(eq(alliances.id, id));
  await audit(db, actor, {
    action: patch.active === false ? "deactivate" : "update",
    entity: "alliance",
    entityId: id,
    regionCode: before.regionCode,
    before: Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]])),
    after: patch,
  });
}

/** A change of membership is a change of the alliance: its updated_at versions the members too (FHIR OrganizationAffiliation). */
async function touchAlliance(db: Db, allianceId: string): Promise<void> {
  await db.update(alliances).set({ updatedAt: new Date() }).where(eq(alliances.id, allianceId));
}

export async function addMember(db: Db, actor: Actor, allianceId: string, member: MemberInput, regionCode: string): Promise<void> {
  const [exists] = await db
    .select({ id: allianceMembers.institutionId })
    .from(allianceMembers)
    .where(and(eq(allianceMembers.allianceId, allianceId), eq(allianceMembers.institutionId, member.institutionId)));
  if (exists) throw invalid([{ path: "institutionId", code: "duplicate", params: { scope: "alliance" }, message: "is already a member of this alliance" }]);
  await db.insert(allianceMembers).values({ allianceId, institutionId: member.institutionId, joinedOn: member.joinedOn, leftOn: member.leftOn ?? null });
  await touchAlliance(db, allianceId);
  await audit(db, actor, { action: "add_member", entity: "alliance", entityId: allianceId, regionCode, after: member });
}

export async function setMemberLeft(db: Db, actor: Actor, allianceId: string, institutionId: string, leftOn: string | null, regionCode: string): Promise<void> {
  const [member] = await db
    .select()
    .from(allianceMembers)
    .where(and(eq(allianceMembers.allianceId, allianceId), eq(allianceMembers.institutionId, institutionId)));
  if (!member) throw notFound("alliance_member");
  if (leftOn && leftOn < member.joinedOn)
    throw invalid([{ path: "leftOn", code: "before", params: { date: member.joinedOn }, message: `is before the join date ${member.joinedOn}` }]);
  await db
    .update(allianceMembers)
    .set({ leftOn })
    .where(and(eq(allianceMembers.allianceId, allianceId), eq(allianceMembers.institutionId, institutionId)));
  await touchAlliance(db, allianceId);
  await audit(db, actor, { action: "update_member", entity: "alliance", entityId: allianceId, regionCode, before: member, after: { institutionId, leftOn } });
}
