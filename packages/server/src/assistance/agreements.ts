import {
  AGREEMENT_MODES,
  AGREEMENT_STATUSES,
  COUNTY_OR_LOWER_KINDS,
  type FieldError,
  type InstitutionKind,
  invalid,
  notFound,
  provinceOf,
  type ReadScope,
} from "@medbridge/core";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { inRegion } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { agreementSupporters, agreements, institutions } from "../db/schema.ts";
import { likeContains } from "../db/search.ts";
import { DateString, PageQuery, RegionCode, StringEnum, Text, Uuid } from "../http/schemas.ts";

export const AgreementInput = Type.Object(
  {
    code: Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", description: "协议编号, e.g. ZJ-GZ-2024-001" }),
    supporterIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
    recipientId: Uuid,
    packId: Type.String({ minLength: 1, maxLength: 60 }),
    mode: StringEnum(AGREEMENT_MODES),
    startsOn: DateString,
    endsOn: DateString,
    specialties: Type.Optional(Type.Array(Text(40), { maxItems: 50, uniqueItems: true })),
    status: Type.Optional(StringEnum(AGREEMENT_STATUSES, { default: "active" })),
  },
  { additionalProperties: false },
);
export type AgreementInput = Static<typeof AgreementInput>;

export const AgreementPatch = Type.Partial(
  Type.Object(
    {
      packId: AgreementInput.properties.packId,
      mode: AgreementInput.properties.mode,
      endsOn: DateString,
      specialties: AgreementInput.properties.specialties,
      status: StringEnum(AGREEMENT_STATUSES),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type AgreementPatch = Static<typeof AgreementPatch>;

const Party = Type.Object({ id: Uuid, name: Type.String(), regionCode: Type.String(), kind: Type.String() });
export const AgreementSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  packId: Type.String(),
  mode: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  specialties: Type.Array(Type.String()),
  status: Type.String(),
  regionCode: Type.String(),
  recipient: Party,
  supporters: Type.Array(Party),
});
export type Agreement = Static<typeof AgreementSchema>;

export const AgreementListQuery = Type.Object(
  {
    ...PageQuery,
    regionCode: Type.Optional(RegionCode),
    institutionId: Type.Optional(Uuid),
    status: Type.Optional(StringEnum(AGREEMENT_STATUSES)),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: "Agreements active at some point in this year" })),
    sort: Type.Optional(StringEnum(["code", "-code", "startsOn", "-startsOn"] as const)),
  },
  { additionalProperties: false },
);
export type AgreementListQuery = Static<typeof AgreementListQuery>;

/**
 * Rows an agreement list may show: for officials, agreements whose recipient or any supporter lies
 * in their region; for institution staff, agreements their institution is party to.
 */
export function agreementScope(scope: ReadScope): SQL | undefined {
  if (scope === null) return undefined;
  if ("none" in scope) return sql`false`;
  if ("regionCode" in scope) {
    return sql`(${inRegion(agreements.regionCode, scope.regionCode)} or exists (select 1 from ${agreementSupporters} join ${institutions} on ${institutions.id} = ${agreementSupporters.institutionId} where ${agreementSupporters.agreementId} = ${agreements.id} and ${inRegion(institutions.regionCode, scope.regionCode)}))`;
  }
  return sql`(${agreements.recipientId} = ${scope.institutionId} or exists (select 1 from ${agreementSupporters} where ${agreementSupporters.agreementId} = ${agreements.id} and ${agreementSupporters.institutionId} = ${scope.institutionId}))`;
}

/** Fills in recipient and supporters for a page of agreement rows (two queries in all). */
export async function withParties(db: Db, rows: (typeof agreements.$inferSelect)[]): Promise<Agreement[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const supporterRows = await db
    .select({
      agreementId: agreementSupporters.agreementId,
      id: institutions.id,
      name: institutions.name,
      regionCode: institutions.regionCode,
      kind: institutions.kind,
    })
    .from(agreementSupporters)
    .innerJoin(institutions, eq(institutions.id, agreementSupporters.institutionId))
    .where(inArray(agreementSupporters.agreementId, ids))
    .orderBy(asc(institutions.name));
  const recipients = await db
    .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode, kind: institutions.kind })
    .from(institutions)
    .where(
      inArray(
        institutions.id,
        rows.map((r) => r.recipientId),
      ),
    );
  const recipientById = new Map(recipients.map((r) => [r.id, r]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    packId: r.packId,
    mode: r.mode,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    specialties: r.specialties,
    status: r.status,
    regionCode: r.regionCode,
    recipient: recipientById.get(r.recipientId) as Agreement["recipient"],
    supporters: supporterRows.filter((s) => s.agreementId === r.id).map(({ agreementId: _, ...s }) => s),
  }));
}

export async function listAgreements(db: Db, scope: ReadScope, query: AgreementListQuery) {
  const where: (SQL | undefined)[] = [agreementScope(scope)];
  if (query.q?.trim()) {
    const pattern = likeContains(query.q.trim());
    where.push(
      sql`(${agreements.code} ilike ${pattern} or exists (select 1 from ${institutions} where ${institutions.id} = ${agreements.recipientId} and ${institutions.name} like ${pattern}))`,
    );
  }
  if (query.regionCode) {
    where.push(agreementScope({ regionCode: query.regionCode }));
  }
  if (query.institutionId) where.push(agreementScope({ institutionId: query.institutionId }));
  if (query.status) where.push(eq(agreements.status, query.status));
  if (query.year) where.push(sql`${agreements.startsOn} <= ${`${query.year}-12-31`} and ${agreements.endsOn} >= ${`${query.year}-01-01`}`);
  const condition = and(...where);
  const sort = query.sort ?? "code";
  const column = sort.endsWith("code") ? agreements.code : agreements.startsOn;
  const result = await paged(
    query.page,
    query.pageSize,
    db
      .select()
      .from(agreements)
      .where(condition)
      .orderBy(sort.startsWith("-") ? sql`${column} desc` : sql`${column} asc`, asc(agreements.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(agreements).where(condition),
  );
  return { ...result, items: await withParties(db, result.items) };
}

export async function getAgreement(db: Db, id: string): Promise<Agreement> {
  const rows = await db.select().from(agreements).where(eq(agreements.id, id));
  const [found] = await withParties(db, rows);
  if (!found) throw notFound("agreement");
  return found;
}

/** Checks parties and dates; returns the recipient's county. */
export async function checkAgreementInput(db: Db, input: AgreementInput): Promise<string> {
  const errors: FieldError[] = [];
  if (input.endsOn < input.startsOn)
    errors.push({ path: "endsOn", code: "before", params: { other: "startsOn" }, message: `is before startsOn (${input.endsOn} < ${input.startsOn})` });
  if (input.supporterIds.includes(input.recipientId))
    errors.push({ path: "supporterIds", code: "same_as", params: { other: "recipientId" }, message: "must not include the recipient" });
  const ids = [input.recipientId, ...input.supporterIds];
  const found = await db
    .select({ id: institutions.id, kind: institutions.kind, regionCode: institutions.regionCode })
    .from(institutions)
    .where(inArray(institutions.id, ids));
  const byId = new Map(found.map((f) => [f.id, f]));
  const recipient = byId.get(input.recipientId);
  if (!recipient) errors.push({ path: "recipientId", code: "not_found", params: { entity: "institution" }, message: "no such institution" });
  else if (!COUNTY_OR_LOWER_KINDS.includes(recipient.kind as InstitutionKind) && recipient.kind !== "secondary_hospital") {
    errors.push({
      path: "recipientId",
      code: "wrong_kind",
      params: { expected: "county_or_grassroots_institution" },
      message: "must be a county-level or grassroots institution",
    });
  }
  input.supporterIds.forEach((id, i) => {
    if (!byId.has(id)) errors.push({ path: `supporterIds[${i}]`, code: "not_found", params: { entity: "institution" }, message: "no such institution" });
  });
  const [taken] = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.code, input.code));
  if (taken) errors.push({ path: "code", code: "duplicate", params: { scope: "system" }, message: "is taken" });
  if (errors.length) throw invalid(errors);
  return (recipient as { regionCode: string }).regionCode;
}

export async function createAgreement(db: Db, actor: Actor, input: AgreementInput, regionCode: string): Promise<string> {
  const [row] = await db
    .insert(agreements)
    .values({
      code: input.code,
      recipientId: input.recipientId,
      packId: input.packId,
      mode: input.mode,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      specialties: input.specialties ?? [],
      status: input.status ?? "active",
      regionCode,
      provinceCode: provinceOf(regionCode),
    })
    .returning({ id: agreements.id });
  const id = (row as { id: string }).id;
  await db.insert(agreementSupporters).values(input.supporterIds.map((institutionId) => ({ agreementId: id, institutionId })));
  await audit(db, actor, { action: "create", entity: "agreement", entityId: id, regionCode, after: input });
  return id;
}

export async function updateAgreement(db: Db, actor: Actor, id: string, patch: AgreementPatch): Promise<void> {
  const [before] = await db.select().from(agreements).where(eq(agreements.id, id)).for("update");
  if (!before) throw notFound("agreement");
  if (patch.endsOn && patch.endsOn < before.startsOn)
    throw invalid([{ path: "endsOn", code: "before", params: { date: before.startsOn }, message: `is before the start ${before.startsOn}` }]);
  await db
    .update(agreements)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(agreements.id, id));
  await audit(db, actor, {
    action: "update",
    entity: "agreement",
    entityId: id,
    regionCode: before.regionCode,
    before: Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]])),
    after: patch,
  });
}
