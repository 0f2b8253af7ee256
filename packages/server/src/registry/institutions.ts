import {
  ASSESSMENT_LEVELS,
  COUNTY_OR_LOWER_KINDS,
  conflict,
  type FieldError,
  GRADES,
  INSTITUTION_KINDS,
  type InstitutionKind,
  invalid,
  notFound,
  provinceOf,
  type ReadScope,
} from "@medbridge/core";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Static, Type } from "typebox";
import { inRegion, scopeCondition } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { institutionAssessments, institutions, regions } from "../db/schema.ts";
import { nameContains } from "../db/search.ts";
import { resolveLocation } from "../geo/county-areas.ts";
import { PageQuery, RegionCode, StringEnum, Text, Uuid } from "../http/schemas.ts";

export const InstitutionInput = Type.Object(
  {
    name: Text(120),
    kind: StringEnum(INSTITUTION_KINDS),
    grade: Type.Optional(Type.Union([StringEnum(GRADES), Type.Null()])),
    regionCode: RegionCode,
    address: Type.Optional(Type.Union([Text(200, 0), Type.Null()])),
    beds: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 20000 }), Type.Null()])),
    departments: Type.Optional(Type.Array(Text(40), { maxItems: 200, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type InstitutionInput = Static<typeof InstitutionInput>;

export const InstitutionPatch = Type.Partial(Type.Object({ ...InstitutionInput.properties, active: Type.Boolean() }, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type InstitutionPatch = Static<typeof InstitutionPatch>;

/** Fields only the health commission (admin or official) may change; a coordinator edits the rest. */
export const COMMISSION_FIELDS = ["kind", "grade", "regionCode", "active"] as const;

export const Assessment = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), level: StringEnum(ASSESSMENT_LEVELS) },
  { additionalProperties: false },
);

export const InstitutionSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  grade: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  regionPath: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  beds: Type.Union([Type.Integer(), Type.Null()]),
  departments: Type.Array(Type.String()),
  active: Type.Boolean(),
  /** Where it is (WGS-84 degrees), set by its coordinator; null when unset. */
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  /** The point is the county's centroid, not the institution's own: "on site" then means "in the area". */
  locationApproximate: Type.Boolean(),
  /**
   * One institution's answer only: where check-ins are judged against — the point its coordinator
   * set ("set"), else its county's centroid from the map data ("county_centroid", approximate: then
   * "on site" means inside the county), null when neither is known.
   */
  location: Type.Optional(
    Type.Object({
      latitude: Type.Union([Type.Number(), Type.Null()]),
      longitude: Type.Union([Type.Number(), Type.Null()]),
      approximate: Type.Boolean(),
      source: Type.Union([StringEnum(["set", "county_centroid"] as const), Type.Null()]),
    }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  assessments: Type.Optional(Type.Array(Assessment)),
});
export type Institution = Static<typeof InstitutionSchema>;

export const SORT_KEYS = ["name", "-name", "beds", "-beds", "regionCode", "-regionCode", "createdAt", "-createdAt"] as const;

export const InstitutionListQuery = Type.Object(
  {
    ...PageQuery,
    kind: Type.Optional(StringEnum(INSTITUTION_KINDS)),
    regionCode: Type.Optional(RegionCode),
    status: Type.Optional(StringEnum(["active", "inactive", "all"] as const, { default: "active" })),
    sort: Type.Optional(StringEnum(SORT_KEYS)),
  },
  { additionalProperties: false },
);
export type InstitutionListQuery = Static<typeof InstitutionListQuery>;

const county = alias(regions, "county");
const city = alias(regions, "city");
const province = alias(regions, "province");

const columns = {
  id: institutions.id,
  name: institutions.name,
  kind: institutions.kind,
  grade: institutions.grade,
  regionCode: institutions.regionCode,
  regionName: county.name,
  regionPath: sql<string>`concat_ws(' / ', ${province.name}, nullif(${city.name}, '市辖区'), ${county.name})`,
  address: institutions.address,
  beds: institutions.beds,
  departments: institutions.departments,
  active: institutions.active,
  latitude: institutions.latitude,
  longitude: institutions.longitude,
  locationApproximate: institutions.locationApproximate,
  createdAt: institutions.createdAt,
  updatedAt: institutions.updatedAt,
};

/** The institutions with their region names (the REST list and FHIR's Organization read the same rows). */
export function baseSelect(db: Db) {
  return db
    .select(columns)
    .from(institutions)
    .innerJoin(county, eq(county.code, institutions.regionCode))
    .leftJoin(city, eq(city.code, county.parentCode))
    .leftJoin(province, eq(province.code, institutions.provinceCode));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseSelect>["execute"]>>[number];

export function toApi(row: Row): Institution {
  return {
    ...row,
    regionName: row.regionName,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function listInstitutions(db: Db, scope: ReadScope, query: InstitutionListQuery) {
  const where: (SQL | undefined)[] = [scopeCondition(scope, { region: institutions.regionCode, institution: institutions.id })];
  if (query.q?.trim()) where.push(nameContains(institutions.name, query.q.trim()));
  if (query.kind) where.push(eq(institutions.kind, query.kind));
  if (query.regionCode) where.push(inRegion(institutions.regionCode, query.regionCode));
  const status = query.status ?? "active";
  if (status !== "all") where.push(eq(institutions.active, status === "active"));
  const condition = and(...where);

  const sortKey = query.sort ?? "name";
  const descending = sortKey.startsWith("-");
  const column = { name: institutions.name, beds: institutions.beds, regionCode: institutions.regionCode, createdAt: institutions.createdAt }[
    sortKey.replace("-", "") as "name" | "beds" | "regionCode" | "createdAt"
  ];
  const order = descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;

  const page = query.page;
  const pageSize = query.pageSize;
  const result = await paged(
    page,
    pageSize,
    baseSelect(db)
      .where(condition)
      .orderBy(order, asc(institutions.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(institutions).where(condition),
  );
  return { ...result, items: result.items.map(toApi) };
}

export async function getInstitution(db: Db, id: string, withAssessments: boolean): Promise<Institution> {
  const [row] = await baseSelect(db).where(eq(institutions.id, id));
  if (!row) throw notFound("institution");
  const institution = toApi(row);
  institution.location = (await resolveLocation(row)).location;
  if (withAssessments) {
    institution.assessments = (await db
      .select({ year: institutionAssessments.year, level: institutionAssessments.level })
      .from(institutionAssessments)
      .where(eq(institutionAssessments.institutionId, id))
      .orderBy(desc(institutionAssessments.year))) as Institution["assessments"];
  }
  return institution;
}

/** Checks that every input names an existing county; returns field errors per input index. */
export async function checkInstitutionRegions(db: Db, inputs: readonly { regionCode?: string | undefined }[]): Promise<Map<number, FieldError[]>> {
  const codes = [...new Set(inputs.map((i) => i.regionCode).filter((c): c is string => !!c))];
  const found = codes.length
    ? await db.select({ code: regions.code, level: regions.level, leaf: regions.leaf }).from(regions).where(inArray(regions.code, codes))
    : [];
  const byCode = new Map(found.map((r) => [r.code, r]));
  const errors = new Map<number, FieldError[]>();
  inputs.forEach((input, index) => {
    if (!input.regionCode) return;
    const region = byCode.get(input.regionCode);
    if (!region) errors.set(index, [{ path: "regionCode", code: "format", params: { format: "region_code" }, message: "is not a GB/T 2260 region code" }]);
    else if (!region.leaf) {
      const message = `must be a county-level code (this is a ${region.level})`;
      errors.set(index, [{ path: "regionCode", code: "wrong_kind", params: { expected: "county_level_code", level: region.level }, message }]);
    }
  });
  return errors;
}

export async function createInstitutions(db: Db, actor: Actor, inputs: readonly InstitutionInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += 500) {
    const chunk = inputs.slice(i, i + 500);
    const inserted = await db
      .insert(institutions)
      .values(chunk.map((input) => ({ ...normalise(input), provinceCode: provinceOf(input.regionCode) })))
      .returning({ id: institutions.id, regionCode: institutions.regionCode });
    await audit(
      db,
      actor,
      inserted.map((r, k) => ({ action: "create", entity: "institution", entityId: r.id, regionCode: r.regionCode, after: chunk[k] })),
    );
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

function normalise<T extends Partial<InstitutionInput>>(input: T): T {
  return {
    ...input,
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.departments !== undefined && { departments: input.departments.map((d) => d.trim()) }),
  };
}

export async function updateInstitution(db: Db, actor: Actor, id: string, patch: InstitutionPatch): Promise<void> {
  const [before] = await db.select().from(institutions).where(eq(institutions.id, id)).for("update");
  if (!before) throw notFound("institution");
  const values = { ...normalise(patch), updatedAt: new Date(), ...(patch.regionCode && { provinceCode: provinceOf(patch.regionCode) }) };
  await db.update(institutions).set(values).where(eq(institutions.id, id));
  await audit(db, actor, {
    action: patch.active === false ? "deactivate" : "update",
    entity: "institution",
    entityId: id,
    regionCode: patch.regionCode ?? before.regionCode,
    before: pick(before, Object.keys(patch)),
    after: patch,
  });
}

/** The body of PUT /institutions/:id/location: a point on the map (WGS-84 degrees). */
export const LocationInput = Type.Object(
  { latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }) },
  { additionalProperties: false },
);
export type LocationInput = Static<typeof LocationInput>;

export const LocationSchema = Type.Object({
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  locationApproximate: Type.Boolean(),
});
export type InstitutionLocation = Static<typeof LocationSchema>;

/** The coordinator sets the institution's own point on the map: it is no longer approximate. */
export async function setInstitutionLocation(db: Db, actor: Actor, id: string, location: LocationInput): Promise<InstitutionLocation> {
  const [before] = await db
    .select({
      regionCode: institutions.regionCode,
      latitude: institutions.latitude,
      longitude: institutions.longitude,
      locationApproximate: institutions.locationApproximate,
    })
    .from(institutions)
    .where(eq(institutions.id, id))
    .for("update");
  if (!before) throw notFound("institution");
  const after = { latitude: location.latitude, longitude: location.longitude, locationApproximate: false };
  await db
    .update(institutions)
    .set({ ...after, updatedAt: new Date() })
    .where(eq(institutions.id, id));
  const { regionCode, ...previous } = before;
  await audit(db, actor, { action: "update", entity: "institution", entityId: id, regionCode, before: previous, after });
  return after;
}

export async function setAssessment(db: Db, actor: Actor, id: string, year: number, level: string): Promise<void> {
  const [inst] = await db
    .select({ kind: institutions.kind, regionCode: institutions.regionCode, provinceCode: institutions.provinceCode })
    .from(institutions)
    .where(eq(institutions.id, id));
  if (!inst) throw notFound("institution");
  if (!ASSESSED_KINDS.includes(inst.kind as InstitutionKind)) {
    throw invalid([
      { path: "kind", code: "wrong_kind", params: { expected: "county_hospital" }, message: "capability assessments apply to county hospitals only" },
    ]);
  }
  const [before] = await db
    .select()
    .from(institutionAssessments)
    .where(and(eq(institutionAssessments.institutionId, id), eq(institutionAssessments.year, year)));
  await db
    .insert(institutionAssessments)
    .values({ institutionId: id, year, level, provinceCode: inst.provinceCode })
    .onConflictDoUpdate({ target: [institutionAssessments.institutionId, institutionAssessments.year], set: { level } });
  await audit(db, actor, {
    action: "assess",
    entity: "institution",
    entityId: id,
    regionCode: inst.regionCode,
    before: before ?? null,
    after: { year, level },
  });
}

/** County hospitals (general and TCM) receive the yearly capability assessment. */
export const ASSESSED_KINDS: readonly InstitutionKind[] = COUNTY_OR_LOWER_KINDS.filter((k) => k === "county_hospital" || k === "county_tcm_hospital");

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

/** Rejects a name already used by another institution in the same county (the unique index is the backstop). */
export async function assertNameFree(db: Db, regionCode: string, name: string, exceptId?: string): Promise<void> {
  const [row] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.regionCode, regionCode), eq(institutions.name, name.trim()), exceptId ? sql`${institutions.id} <> ${exceptId}` : undefined));
  if (row) throw conflict([{ path: "name", code: "duplicate", params: { scope: "county" }, message: "another institution in this county has this name" }]);
}
