import { type FieldError, notFound, PRACTICE_SITE_KINDS, PROFESSIONS, provinceOf, type ReadScope, TITLES } from "@medbridge/core";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { inRegion, scopeCondition } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { institutions, practiceSites, practitioners } from "../db/schema.ts";
import { nameContains } from "../db/search.ts";
import { PageQuery, RegionCode, StringEnum, Text, Uuid } from "../http/schemas.ts";

const FiledSites = Type.Array(Uuid, {
  maxItems: 20,
  uniqueItems: true,
  description: "Institutions where practice is filed (备案); the home institution is the main site",
});

export const PractitionerInput = Type.Object(
  {
    name: Text(60),
    licenseNo: Type.Optional(Type.Union([Type.String({ pattern: "^[0-9A-Za-z]{6,30}$", description: "执业证书编码" }), Type.Null()])),
    profession: StringEnum(PROFESSIONS),
    title: StringEnum(TITLES),
    specialty: Type.Optional(Type.Union([Text(60, 0), Type.Null()])),
    institutionId: Uuid,
    filedSites: Type.Optional(FiledSites),
  },
  { additionalProperties: false },
);
export type PractitionerInput = Static<typeof PractitionerInput>;

export const PractitionerPatch = Type.Partial(Type.Object({ ...PractitionerInput.properties, active: Type.Boolean() }, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type PractitionerPatch = Static<typeof PractitionerPatch>;

export const PractitionerSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  licenseNo: Type.Union([Type.String(), Type.Null()]),
  profession: Type.String(),
  title: Type.String(),
  specialty: Type.Union([Type.String(), Type.Null()]),
  institutionId: Uuid,
  institutionName: Type.String(),
  regionCode: Type.String(),
  active: Type.Boolean(),
  sites: Type.Array(Type.Object({ institutionId: Uuid, institutionName: Type.String(), kind: StringEnum(PRACTICE_SITE_KINDS) })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Practitioner = Static<typeof PractitionerSchema>;

export const PractitionerListQuery = Type.Object(
  {
    ...PageQuery,
    institutionId: Type.Optional(Uuid),
    regionCode: Type.Optional(RegionCode),
    title: Type.Optional(StringEnum(TITLES)),
    profession: Type.Optional(StringEnum(PROFESSIONS)),
    status: Type.Optional(StringEnum(["active", "inactive", "all"] as const, { default: "active" })),
    sort: Type.Optional(StringEnum(["name", "-name", "title", "-title", "createdAt", "-createdAt"] as const)),
  },
  { additionalProperties: false },
);
export type PractitionerListQuery = Static<typeof PractitionerListQuery>;

const columns = {
  id: practitioners.id,
  name: practitioners.name,
  licenseNo: practitioners.licenseNo,
  profession: practitioners.profession,
  title: practitioners.title,
  specialty: practitioners.specialty,
  institutionId: practitioners.institutionId,
  institutionName: institutions.name,
  regionCode: practitioners.regionCode,
  active: practitioners.active,
  createdAt: practitioners.createdAt,
  updatedAt: practitioners.updatedAt,
};

// Titles sort by seniority, not alphabetically.
const titleRank = sql`array_position(array['resident','attending','associate_chief','chief']::text[], ${practitioners.title})`;

type PractitionerRow = Omit<Practitioner, "sites" | "createdAt" | "updatedAt"> & { createdAt: Date; updatedAt: Date };

async function withSites(db: Db, rows: PractitionerRow[]): Promise<Practitioner[]> {
  const ids = rows.map((r) => r.id);
  const sites = ids.length
    ? await db
        .select({
          practitionerId: practiceSites.practitionerId,
          institutionId: practiceSites.institutionId,
          institutionName: institutions.name,
          kind: practiceSites.kind,
        })
        .from(practiceSites)
        .innerJoin(institutions, eq(institutions.id, practiceSites.institutionId))
        .where(inArray(practiceSites.practitionerId, ids))
        .orderBy(asc(practiceSites.kind), asc(institutions.name))
    : [];
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    sites: sites.filter((s) => s.practitionerId === r.id).map(({ practitionerId: _, ...s }) => s as Practitioner["sites"][number]),
  }));
}

export async function listPractitioners(db: Db, scope: ReadScope, query: PractitionerListQuery) {
  const where: (SQL | undefined)[] = [scopeCondition(scope, { region: practitioners.regionCode, institution: practitioners.institutionId })];
  const q = query.q?.trim();
  if (q) where.push(sql`(${nameContains(practitioners.name, q)} or ${practitioners.licenseNo} = ${q})`);
  if (query.institutionId) where.push(eq(practitioners.institutionId, query.institutionId));
  if (query.regionCode) where.push(inRegion(practitioners.regionCode, query.regionCode));
  if (query.title) where.push(eq(practitioners.title, query.title));
  if (query.profession) where.push(eq(practitioners.profession, query.profession));
  const status = query.status ?? "active";
  if (status !== "all") where.push(eq(practitioners.active, status === "active"));
  const condition = and(...where);
  const sort = query.sort ?? "name";
  const column = { name: practitioners.name, title: titleRank, createdAt: practitioners.createdAt }[sort.replace("-", "") as "name" | "title" | "createdAt"];
  const order = sort.startsWith("-") ? sql`${column} desc` : sql`${column} asc`;
  const result = await paged(
    query.page,
    query.pageSize,
    db
      .select(columns)
      .from(practitioners)
      .innerJoin(institutions, eq(institutions.id, practitioners.institutionId))
      .where(condition)
      .orderBy(order, asc(practitioners.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(practitioners).where(condition),
  );
  return { ...result, items: await withSites(db, result.items) };
}

export async function getPractitioner(db: Db, id: string): Promise<Practitioner> {
  const rows = await db
    .select(columns)
    .from(practitioners)
    .innerJoin(institutions, eq(institutions.id, practitioners.institutionId))
    .where(eq(practitioners.id, id));
  const [found] = await withSites(db, rows);
  if (!found) throw notFound("practitioner");
  return found;
}

/** Region (county) of each referenced institution; unknown ids get a field error. */
export async function institutionRegions(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(inArray(institutions.id, unique));
  return new Map(rows.map((r) => [r.id, r.regionCode]));
}

export function referenceErrors(input: { institutionId?: string | undefined; filedSites?: string[] | undefined }, known: Map<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.institutionId && !known.has(input.institutionId))
    errors.push({ path: "institutionId", code: "not_found", params: { entity: "institution" }, message: "no such institution" });
  input.filedSites?.forEach((id, i) => {
    if (!known.has(id)) errors.push({ path: `filedSites[${i}]`, code: "not_found", params: { entity: "institution" }, message: "no such institution" });
    if (id === input.institutionId)
      errors.push({ path: `filedSites[${i}]`, code: "duplicate", params: { scope: "list" }, message: "is the home (main) institution already" });
  });
  return errors;
}

export async function createPractitioners(db: Db, actor: Actor, inputs: readonly PractitionerInput[]): Promise<string[]> {
  const regionsById = await institutionRegions(
    db,
    inputs.map((i) => i.institutionId),
  );
  const inserted = await db
    .insert(practitioners)
    .values(
      inputs.map((input) => {
        const regionCode = regionsById.get(input.institutionId) as string;
        const { filedSites: _, ...fields } = input;
        return { ...fields, name: input.name.trim(), regionCode, provinceCode: provinceOf(regionCode) };
      }),
    )
    .returning({ id: practitioners.id, regionCode: practitioners.regionCode });
  const sites = inserted.flatMap((row, k) => {
    const input = inputs[k] as PractitionerInput;
    return [
      { practitionerId: row.id, institutionId: input.institutionId, kind: "main" },
      ...(input.filedSites ?? []).map((institutionId) => ({ practitionerId: row.id, institutionId, kind: "filed" })),
    ];
  });
  if (sites.length) await db.insert(practiceSites).values(sites);
  await audit(
    db,
    actor,
    inserted.map((r, k) => ({ action: "create", entity: "practitioner", entityId: r.id, regionCode: r.regionCode, after: inputs[k] })),
  );
  return inserted.map((r) => r.id);
}

export async function updatePractitioner(db: Db, actor: Actor, id: string, patch: PractitionerPatch): Promise<void> {
  const [before] = await db.select().from(practitioners).where(eq(practitioners.id, id)).for("update");
  if (!before) throw notFound("practitioner");
  const { filedSites, ...fields } = patch;
  const values: Record<string, unknown> = { ...fields, updatedAt: new Date() };
  if (fields.name) values.name = fields.name.trim();
  const home = fields.institutionId ?? before.institutionId;
  if (fields.institutionId) {
    const regionCode = (await institutionRegions(db, [fields.institutionId])).get(fields.institutionId) as string;
    Object.assign(values, { regionCode, provinceCode: provinceOf(regionCode) });
  }
  await db.update(practitioners).set(values).where(eq(practitioners.id, id));
  if (fields.institutionId || filedSites) {
    const previousFiled = filedSites
      ? filedSites
      : (
          await db
            .select({ id: practiceSites.institutionId })
            .from(practiceSites)
            .where(and(eq(practiceSites.practitionerId, id), eq(practiceSites.kind, "filed")))
        ).map((r) => r.id);
    await db.delete(practiceSites).where(eq(practiceSites.practitionerId, id));
    await db
      .insert(practiceSites)
      .values([
        { practitionerId: id, institutionId: home, kind: "main" },
        ...previousFiled.filter((s) => s !== home).map((institutionId) => ({ practitionerId: id, institutionId, kind: "filed" })),
      ]);
  }
  await audit(db, actor, {
    action: patch.active === false ? "deactivate" : "update",
    entity: "practitioner",
    entityId: id,
    regionCode: (values.regionCode as string | undefined) ?? before.regionCode,
    before: Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]])),
    after: patch,
  });
}
