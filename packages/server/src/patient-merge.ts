import { conflict, notFound } from "@medbridge/core";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "./audit.ts";
import type { Db } from "./db/connection.ts";
import { patientMerges, patients } from "./db/schema.ts";
import { Text, Uuid } from "./http/schemas.ts";

/**
 * Merging two records of one person (a child registered without an ID card, later with one; the
 * same elderly patient entered twice): the source points to the target, every row keeps its own
 * patient id, so undoing the merge is clearing that pointer — nothing is rewritten and nothing is
 * lost. Both are audited, naming the records, never the person.
 */

export const MergeInput = Type.Object(
  {
    targetId: Uuid,
    reason: Text(500),
  },
  { additionalProperties: false },
);

export const MergeSchema = Type.Object({
  id: Uuid,
  sourceId: Uuid,
  targetId: Uuid,
  reason: Type.String(),
  mergedAt: Type.String(),
  unmergedAt: Type.Union([Type.String(), Type.Null()]),
});

type MergeRow = typeof patientMerges.$inferSelect;
const toApi = (m: MergeRow) => ({
  id: m.id,
  sourceId: m.sourceId,
  targetId: m.targetId,
  reason: m.reason,
  mergedAt: new Date(m.mergedAt).toISOString(),
  unmergedAt: m.unmergedAt ? new Date(m.unmergedAt).toISOString() : null,
});

/** Merges `sourceId` into the body's target. The caller has checked write access to both. */
export async function mergePatients(db: Db, actor: Actor, sourceId: string, input: Static<typeof MergeInput>) {
  if (sourceId === input.targetId) throw conflict([{ path: "targetId", code: "same_as", params: { other: "id" }, message: "is the record being merged" }]);
  const rows = await db
    .select({ id: patients.id, idHash: patients.idHash, mergedInto: patients.mergedInto })
    .from(patients)
    .where(sql`${patients.id} in (${sourceId}::uuid, ${input.targetId}::uuid)`)
    .for("update");
  const source = rows.find((r) => r.id === sourceId);
  const target = rows.find((r) => r.id === input.targetId);
  if (!source) throw notFound("patient");
  if (!target) throw notFound("patient");
  if (source.mergedInto)
    throw conflict([{ path: "id", code: "not_allowed", params: { reason: "already_merged" }, message: "is already merged into another record" }]);
  if (target.mergedInto)
    throw conflict([
      { path: "targetId", code: "not_allowed", params: { reason: "already_merged" }, message: "is itself merged into another record; merge into that one" },
    ]);
  // Two different ID numbers are two people; the index keeps one record per number.
  if (source.idHash && target.idHash)
    throw conflict([
      { path: "targetId", code: "not_allowed", params: { reason: "both_have_id_number" }, message: "both records have an ID number, so they are two people" },
    ]);
  const [children] = await db.select({ n: sql<number>`count(*)::int` }).from(patients).where(eq(patients.mergedInto, sourceId));
  if ((children?.n ?? 0) > 0)
    throw conflict([
      {
        path: "id",
        code: "not_allowed",
        params: { reason: "merged_into_this" },
        message: "other records are merged into this one; merge the target the other way or undo those first",
      },
    ]);
  await db.update(patients).set({ mergedInto: input.targetId, updatedAt: sql`now()` }).where(eq(patients.id, sourceId));
  const [merge] = await db
    .insert(patientMerges)
    .values({ sourceId, targetId: input.targetId, reason: input.reason.trim(), mergedBy: actor.id as string })
    .returning();
  await audit(db, actor, { action: "merge", entity: "patient", entityId: sourceId, after: { mergedInto: input.targetId, mergeId: merge?.id } });
  return toApi(merge as MergeRow);
}

/** Undoes a merge: the source stands on its own again, with all its rows. */
export async function unmergePatients(db: Db, actor: Actor, mergeId: string) {
  const [merge] = await db.select().from(patientMerges).where(eq(patientMerges.id, mergeId)).for("update");
  if (!merge) throw notFound("merge");
  if (merge.unmergedAt) throw conflict([{ path: "id", code: "conflict_state", params: { state: "undone" }, message: "this merge has already been undone" }]);
  await db
    .update(patients)
    .set({ mergedInto: null, updatedAt: sql`now()` })
    .where(and(eq(patients.id, merge.sourceId), eq(patients.mergedInto, merge.targetId)));
  const [undone] = await db
    .update(patientMerges)
    .set({ unmergedAt: sql`now()`, unmergedBy: actor.id })
    .where(and(eq(patientMerges.id, mergeId), isNull(patientMerges.unmergedAt)))
    .returning();
  await audit(db, actor, { action: "unmerge", entity: "patient", entityId: merge.sourceId, before: { mergedInto: merge.targetId, mergeId } });
  return toApi(undone as MergeRow);
}

/** The merges a record took part in, newest first. */
export async function listMerges(db: Db, id: string) {
  const rows = await db
    .select()
    .from(patientMerges)
    .where(sql`${patientMerges.sourceId} = ${id}::uuid or ${patientMerges.targetId} = ${id}::uuid`)
    .orderBy(sql`${patientMerges.mergedAt} desc`);
  return rows.map(toApi);
}

/** The source of a merge, for the access check on undoing it. */
export async function mergeRecords(db: Db, mergeId: string): Promise<{ sourceId: string; targetId: string } | null> {
  const [merge] = await db
    .select({ sourceId: patientMerges.sourceId, targetId: patientMerges.targetId })
    .from(patientMerges)
    .where(eq(patientMerges.id, mergeId));
  return merge ?? null;
}
