import { conflict, DISPATCH_ROLES, DISPATCH_STATUSES, type FieldError, invalid, notFound, TITLES } from "@medbridge/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, dispatches, practitioners } from "../db/schema.ts";
import { pgErrorCode } from "../db/transaction.ts";
import { DateString, StringEnum, Uuid } from "../http/schemas.ts";

export const DispatchInput = Type.Object(
  {
    practitionerId: Uuid,
    role: StringEnum(DISPATCH_ROLES),
    title: Type.Optional(StringEnum(TITLES, { description: "Defaults to the practitioner's current title" })),
    batch: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()])),
    plannedStart: DateString,
    plannedEnd: DateString,
    actualStart: Type.Optional(Type.Union([DateString, Type.Null()])),
    actualEnd: Type.Optional(Type.Union([DateString, Type.Null()])),
    status: Type.Optional(StringEnum(DISPATCH_STATUSES, { default: "planned" })),
  },
  { additionalProperties: false },
);
export type DispatchInput = Static<typeof DispatchInput>;

export const DispatchPatch = Type.Partial(
  Type.Object(
    {
      role: DispatchInput.properties.role,
      batch: DispatchInput.properties.batch,
      plannedStart: DateString,
      plannedEnd: DateString,
      actualStart: Type.Union([DateString, Type.Null()]),
      actualEnd: Type.Union([DateString, Type.Null()]),
      status: StringEnum(DISPATCH_STATUSES),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type DispatchPatch = Static<typeof DispatchPatch>;

export const DispatchSchema = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  practitionerId: Uuid,
  practitionerName: Type.String(),
  homeInstitutionId: Uuid,
  role: Type.String(),
  title: Type.String(),
  batch: Type.Union([Type.String(), Type.Null()]),
  plannedStart: Type.String(),
  plannedEnd: Type.String(),
  actualStart: Type.Union([Type.String(), Type.Null()]),
  actualEnd: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
});
export type Dispatch = Static<typeof DispatchSchema>;

const columns = {
  id: dispatches.id,
  agreementId: dispatches.agreementId,
  practitionerId: dispatches.practitionerId,
  practitionerName: practitioners.name,
  homeInstitutionId: practitioners.institutionId,
  role: dispatches.role,
  title: dispatches.title,
  batch: dispatches.batch,
  plannedStart: dispatches.plannedStart,
  plannedEnd: dispatches.plannedEnd,
  actualStart: dispatches.actualStart,
  actualEnd: dispatches.actualEnd,
  status: dispatches.status,
};

export function listDispatches(db: Db, agreementId: string): Promise<Dispatch[]> {
  return db
    .select(columns)
    .from(dispatches)
    .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
    .where(eq(dispatches.agreementId, agreementId))
    .orderBy(asc(sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`), asc(practitioners.name));
}

export async function getDispatch(db: Db, id: string): Promise<Dispatch> {
  const [row] = await db
    .select(columns)
    .from(dispatches)
    .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
    .where(eq(dispatches.id, id));
  if (!row) throw notFound("dispatch");
  return row;
}

/** The dates a dispatch holds after a change, checked against each other and the agreement. */
function checkDates(
  d: { plannedStart: string; plannedEnd: string; actualStart?: string | null; actualEnd?: string | null },
  agreement: { startsOn: string; endsOn: string },
): FieldError[] {
  const errors: FieldError[] = [];
  if (d.plannedEnd < d.plannedStart)
    errors.push({
      path: "plannedEnd",
      code: "before",
      params: { other: "plannedStart" },
      message: `is before plannedStart (${d.plannedEnd} < ${d.plannedStart})`,
    });
  if (d.actualStart && d.actualEnd && d.actualEnd < d.actualStart)
    errors.push({ path: "actualEnd", code: "before", params: { other: "actualStart" }, message: `is before actualStart (${d.actualEnd} < ${d.actualStart})` });
  const start = d.actualStart ?? d.plannedStart;
  const end = d.actualEnd ?? d.plannedEnd;
  if (start < agreement.startsOn)
    errors.push({
      path: d.actualStart ? "actualStart" : "plannedStart",
      code: "before",
      params: { date: agreement.startsOn },
      message: `is before the agreement starts (${agreement.startsOn})`,
    });
  if (end > agreement.endsOn)
    errors.push({
      path: d.actualEnd ? "actualEnd" : "plannedEnd",
      code: "after",
      params: { date: agreement.endsOn },
      message: `is after the agreement ends (${agreement.endsOn})`,
    });
  return errors;
}

/** The exclusion constraint's answer, said in words. */
async function guardDoubleStationing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === "23P01") {
      throw conflict(
        [
          {
            path: "practitionerId",
            code: "overlap",
            params: { entity: "dispatch" },
            message: "is already stationed at another recipient on an overlapping day",
          },
        ],
        "This person is already stationed elsewhere then",
      );
    }
    throw error;
  }
}

export async function createDispatch(db: Db, actor: Actor, agreementId: string, input: DispatchInput): Promise<string> {
  const { id, regionCode } = await insertDispatch(db, agreementId, input);
  await audit(db, actor, { action: "create", entity: "dispatch", entityId: id, regionCode, after: { agreementId, ...input } });
  return id;
}

/**
 * A dispatch checked (the person works at one of the agreement's supporters, dates inside the
 * agreement, nobody at two recipients on one day) and inserted, without its audit entry: the
 * caller audits (one entry per dispatch here, one per applied plan in plan-apply.ts).
 */
export async function insertDispatch(db: Db, agreementId: string, input: DispatchInput): Promise<{ id: string; regionCode: string }> {
  const [agreement] = await db.select().from(agreements).where(eq(agreements.id, agreementId));
  if (!agreement) throw notFound("agreement");
  const [person] = await db.select().from(practitioners).where(eq(practitioners.id, input.practitionerId));
  const errors: FieldError[] = [];
  if (!person) errors.push({ path: "practitionerId", code: "not_found", params: { entity: "practitioner" }, message: "no such practitioner" });
  else {
    const [supporter] = await db
      .select({ id: agreementSupporters.institutionId })
      .from(agreementSupporters)
      .where(and(eq(agreementSupporters.agreementId, agreementId), eq(agreementSupporters.institutionId, person.institutionId)));
    if (!supporter)
      errors.push({
        path: "practitionerId",
        code: "wrong_kind",
        params: { expected: "supporting_institution" },
        message: "must work at one of the agreement's supporting institutions",
      });
  }
  errors.push(...checkDates(input, agreement));
  if (errors.length) throw invalid(errors);
  return guardDoubleStationing(async () => {
    const [row] = await db
      .insert(dispatches)
      .values({
        agreementId,
        practitionerId: input.practitionerId,
        recipientId: agreement.recipientId,
        role: input.role,
        title: input.title ?? (person as { title: string }).title,
        batch: input.batch ?? null,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        actualStart: input.actualStart ?? null,
        actualEnd: input.actualEnd ?? null,
        status: input.status ?? "planned",
        provinceCode: agreement.provinceCode,
      })
      .returning({ id: dispatches.id });
    return { id: (row as { id: string }).id, regionCode: agreement.regionCode };
  });
}

export async function updateDispatch(db: Db, actor: Actor, id: string, patch: DispatchPatch): Promise<void> {
  const [before] = await db.select().from(dispatches).where(eq(dispatches.id, id)).for("update");
  if (!before) throw notFound("dispatch");
  const [agreement] = await db.select().from(agreements).where(eq(agreements.id, before.agreementId));
  const after = { ...before, ...patch };
  const errors = checkDates(after, agreement as { startsOn: string; endsOn: string });
  if (errors.length) throw invalid(errors);
  await guardDoubleStationing(() =>
    db
      .update(dispatches)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(dispatches.id, id)),
  );
  await audit(db, actor, {
    action: patch.status === "cancelled" ? "cancel" : "update",
    entity: "dispatch",
    entityId: id,
    regionCode: agreement?.regionCode ?? null,
    before: Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]])),
    after: patch,
  });
}
