import { applyCall, CALL_RESULTS, type CallResult, type CallState, notFound, OFF_LIST_REASONS, type OffListReason } from "@medbridge/core";
import { desc, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { chronicCalls, chronicPatients, users } from "../db/schema.ts";
import { closeFollowUps } from "../follow-ups.ts";
import { DateString, StringEnum, Timestamp, Uuid } from "../http/schemas.ts";

/** A call to a patient on the call list; the result's effect is core's (hypertension/calls.ts). */
export const CallInput = Type.Object(
  {
    result: StringEnum(CALL_RESULTS),
    agreedDate: Type.Optional(DateString),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const NullableDate = Type.Union([Type.String(), Type.Null()]);

/** Where the patient stands on the call list, as every patient item shows it. */
export const CallStateSchema = Type.Object({
  nextCallOn: Type.Union([Type.String(), Type.Null()], { description: "No call before this day (a retry, or the agreed date)" }),
  unansweredCalls: Type.Integer(),
  offListReason: Type.Union([StringEnum(OFF_LIST_REASONS), Type.Null()]),
  lastCallResult: Type.Union([StringEnum(CALL_RESULTS), Type.Null()]),
  lastCallOn: NullableDate,
});

export const CallSchema = Type.Object({
  id: Uuid,
  calledOn: Type.String(),
  result: StringEnum(CALL_RESULTS),
  agreedDate: NullableDate,
  note: Type.Union([Type.String(), Type.Null()]),
  callerName: Type.String(),
  createdAt: Timestamp,
});

/** A recorded call and the patient's place on the list after it. */
export const RecordedCallSchema = Type.Object({
  ...CallSchema.properties,
  patient: Type.Object({ nextDueOn: NullableDate, ...CallStateSchema.properties }),
});

type PatientRow = typeof chronicPatients.$inferSelect;

export function callStateOf(row: PatientRow) {
  return {
    nextCallOn: row.nextCallOn,
    unansweredCalls: row.unansweredCalls,
    offListReason: row.offListReason as OffListReason | null,
    lastCallResult: row.lastCallResult as CallResult | null,
    lastCallOn: row.lastCallOn,
  };
}

/** The register columns a call state is kept in. */
export function callStateColumns(state: CallState) {
  return { nextDueOn: state.nextDueOn, nextCallOn: state.nextCallOn, unansweredCalls: state.unanswered, offListReason: state.offListReason };
}

/** core's onCallList as a condition on the register. */
export function onCallList(today: string): SQL | undefined {
  return sql`${isNull(chronicPatients.offListReason)} and ${or(isNull(chronicPatients.nextCallOn), lte(chronicPatients.nextCallOn, today))}`;
}

/**
 * Records a call made today and moves the patient on the list; the audit names neither the patient
 * nor the note. Reaching the patient is the contact an open follow-up task after a discharge asks
 * for: the task is done.
 */
export async function recordCall(db: Db, actor: Actor, callerId: string, id: string, body: Static<typeof CallInput>, today: string, now: Date) {
  const [patient] = await db.select().from(chronicPatients).where(eq(chronicPatients.id, id)).for("update");
  if (!patient) throw notFound("patient");
  const before: CallState = {
    nextDueOn: patient.nextDueOn,
    nextCallOn: patient.nextCallOn,
    unanswered: patient.unansweredCalls,
    offListReason: patient.offListReason as OffListReason | null,
  };
  const after = applyCall(before, { result: body.result, agreedDate: body.agreedDate }, today);
  const note = body.note?.trim() || null;
  const [call] = await db
    .insert(chronicCalls)
    .values({
      patientId: id,
      institutionId: patient.institutionId,
      calledOn: today,
      result: body.result,
      agreedDate: body.agreedDate ?? null,
      note,
      callerId,
    })
    .returning();
  const [row] = await db
    .update(chronicPatients)
    .set({ ...callStateColumns(after), lastCallResult: body.result, lastCallOn: today, updatedAt: new Date() })
    .where(eq(chronicPatients.id, id))
    .returning();
  if (body.result === "reached") await closeFollowUps(db, id, today, now);
  await audit(db, actor, {
    action: "call",
    entity: "chronic_patient",
    entityId: id,
    regionCode: patient.regionCode,
    after: { result: body.result, calledOn: today, agreedDate: body.agreedDate ?? null, offListReason: after.offListReason },
  });
  const [caller] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, callerId));
  const saved = call as typeof chronicCalls.$inferSelect;
  const updated = row as PatientRow;
  return {
    id: saved.id,
    calledOn: saved.calledOn,
    result: body.result,
    agreedDate: saved.agreedDate,
    note: saved.note,
    callerName: caller?.name ?? actor.name,
    createdAt: saved.createdAt,
    patient: { nextDueOn: updated.nextDueOn, ...callStateOf(updated) },
  };
}

/** A patient's calls, newest first, with who called. */
export async function listCalls(db: Db, patientId: string) {
  const rows = await db
    .select({
      id: chronicCalls.id,
      calledOn: chronicCalls.calledOn,
      result: chronicCalls.result,
      agreedDate: chronicCalls.agreedDate,
      note: chronicCalls.note,
      callerName: users.displayName,
      createdAt: chronicCalls.createdAt,
    })
    .from(chronicCalls)
    .innerJoin(users, eq(users.id, chronicCalls.callerId))
    .where(eq(chronicCalls.patientId, patientId))
    .orderBy(desc(chronicCalls.calledOn), desc(chronicCalls.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, result: r.result as CallResult }));
}
