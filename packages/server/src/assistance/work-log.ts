import {
  actingInstitution,
  conflict,
  type Day,
  day,
  type FieldError,
  fieldsOfKind,
  formatDay,
  invalid,
  linesFromCheckIn,
  monthOf,
  notFound,
  OPERATION_ROLES,
  type Principal,
  type ReadScope,
  reachOf,
  readScope,
  WORK_ENTRY_STATUSES,
  WORK_FIELD_RULES,
  WORK_KINDS,
  type WORK_LINE_FIELDS,
  WORK_NOTE_MAX,
  type WorkKind,
  type WorkLine,
  workLineErrors,
} from "@medbridge/core";
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { type Static, type TSchema, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, attendance, dispatches, practitioners, techniques, users, workLogEntries, workMonths } from "../db/schema.ts";
import { DateString, PageQuery, StringEnum, Text, Uuid } from "../http/schemas.ts";
import { agreementScope } from "./agreements.ts";
import { dispatchesOn } from "./attendance.ts";

const count = (field: "patients" | "attendees" | "minutes" | "mentees") => {
  const rule = WORK_FIELD_RULES[field] as { min: number; max: number };
  return Type.Integer({ minimum: rule.min, maximum: rule.max });
};
/** Each field's schema, bounded as core's rules (so a bad count answers 400 naming it before any lookup). */
const FIELD_SCHEMAS = {
  patients: count("patients"),
  operationName: Text(100),
  procedureCode: Type.String({ pattern: "^[0-9]{2}(\\.[0-9]{1,2})?$", description: "ICD-9-CM-3 procedure code, e.g. 47.09" }),
  operationRole: StringEnum(OPERATION_ROLES),
  topic: Text(100),
  attendees: count("attendees"),
  minutes: count("minutes"),
  mentees: count("mentees"),
  techniqueId: Uuid,
} satisfies Record<(typeof WORK_LINE_FIELDS)[number], TSchema>;

const F = FIELD_SCHEMAS;
export const WorkLineInput = Type.Object(
  {
    date: DateString,
    kind: StringEnum(WORK_KINDS),
    patients: Type.Optional(F.patients),
    operationName: Type.Optional(F.operationName),
    procedureCode: Type.Optional(F.procedureCode),
    operationRole: Type.Optional(F.operationRole),
    topic: Type.Optional(F.topic),
    attendees: Type.Optional(F.attendees),
    minutes: Type.Optional(F.minutes),
    mentees: Type.Optional(F.mentees),
    techniqueId: Type.Optional(F.techniqueId),
    note: Type.Optional(Text(WORK_NOTE_MAX, 0)),
  },
  { additionalProperties: false },
);
export type WorkLineInput = Static<typeof WorkLineInput>;

/** An edit: any field, null clears it. A changed kind drops the old kind's fields it does not take. */
const clearable = <T extends TSchema>(s: T) => Type.Optional(Type.Union([s, Type.Null()]));
export const WorkLinePatch = Type.Object(
  {
    date: Type.Optional(DateString),
    kind: Type.Optional(StringEnum(WORK_KINDS)),
    patients: clearable(F.patients),
    operationName: clearable(F.operationName),
    procedureCode: clearable(F.procedureCode),
    operationRole: clearable(F.operationRole),
    topic: clearable(F.topic),
    attendees: clearable(F.attendees),
    minutes: clearable(F.minutes),
    mentees: clearable(F.mentees),
    techniqueId: clearable(F.techniqueId),
    note: clearable(Text(WORK_NOTE_MAX, 0)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type WorkLinePatch = Static<typeof WorkLinePatch>;

const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
export const WorkLineSchema = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  agreementCode: Type.String(),
  practitionerId: Uuid,
  practitionerName: Type.String(),
  date: Type.String({ format: "date" }),
  kind: StringEnum(WORK_KINDS),
  patients: Nullable(Type.Integer()),
  operationName: Nullable(Type.String()),
  procedureCode: Nullable(Type.String()),
  operationRole: Nullable(Type.String()),
  topic: Nullable(Type.String()),
  attendees: Nullable(Type.Integer()),
  minutes: Nullable(Type.Integer()),
  mentees: Nullable(Type.Integer()),
  techniqueId: Nullable(Uuid),
  /** The technique transfer record's name, for a new-technique line. */
  techniqueName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  source: Type.String({ description: "log | check_in" }),
  status: StringEnum(WORK_ENTRY_STATUSES),
  reviewNote: Nullable(Type.String()),
});

export const WorkLogQuery = Type.Object(
  {
    agreementId: Type.Optional(Uuid),
    practitionerId: Type.Optional(Uuid),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    kind: Type.Optional(StringEnum(WORK_KINDS)),
    status: Type.Optional(StringEnum(WORK_ENTRY_STATUSES)),
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
  },
  { additionalProperties: false },
);

/**
 * Whose work a caller reads: the commission (its region) and each side's coordinators (their
 * agreements) read by the agreement's scope; everyone else — the stationed person — only their
 * own lines (an account linked to no practitioner: none).
 */
export type LogReach = { scope: ReadScope } | { own: string | null };

export async function logReach(db: Db, principal: Principal): Promise<LogReach> {
  const reach = reachOf(principal.role, "read", "agreement");
  if (reach === "all" || reach === "region" || actingInstitution(principal, "attendance") !== null) return { scope: readScope(principal, "agreement") };
  const [user] = await db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.id, principal.userId));
  return { own: user?.practitionerId ?? null };
}

/** The SQL condition of a reach on rows joined with `agreements` (`practitioner` the row's practitioner column). */
export function reachCondition(reach: LogReach, practitioner: SQL | typeof workLogEntries.practitionerId): SQL | undefined {
  if ("scope" in reach) return agreementScope(reach.scope);
  return reach.own ? sql`${practitioner} = ${reach.own}` : sql`false`;
}

const lineColumns = {
  id: workLogEntries.id,
  agreementId: workLogEntries.agreementId,
  agreementCode: agreements.code,
  practitionerId: workLogEntries.practitionerId,
  practitionerName: practitioners.name,
  date: workLogEntries.date,
  kind: workLogEntries.kind,
  patients: workLogEntries.patients,
  operationName: workLogEntries.operationName,
  procedureCode: workLogEntries.procedureCode,
  operationRole: workLogEntries.operationRole,
  topic: workLogEntries.topic,
  attendees: workLogEntries.attendees,
  minutes: workLogEntries.minutes,
  mentees: workLogEntries.mentees,
  techniqueId: workLogEntries.techniqueId,
  techniqueName: techniques.name,
  note: workLogEntries.note,
  source: workLogEntries.source,
  status: workLogEntries.status,
  reviewNote: workLogEntries.reviewNote,
};

export async function listWorkLog(db: Db, reach: LogReach, query: Static<typeof WorkLogQuery>) {
  const where = and(
    reachCondition(reach, workLogEntries.practitionerId),
    query.agreementId ? eq(workLogEntries.agreementId, query.agreementId) : undefined,
    query.practitionerId ? eq(workLogEntries.practitionerId, query.practitionerId) : undefined,
    query.from ? gte(workLogEntries.date, query.from) : undefined,
    query.to ? lte(workLogEntries.date, query.to) : undefined,
    query.kind ? eq(workLogEntries.kind, query.kind) : undefined,
    query.status ? eq(workLogEntries.status, query.status) : undefined,
  );
  const base = () =>
    db
      .select(lineColumns)
      .from(workLogEntries)
      .innerJoin(agreements, eq(agreements.id, workLogEntries.agreementId))
      .innerJoin(practitioners, eq(practitioners.id, workLogEntries.practitionerId))
      .leftJoin(techniques, eq(techniques.id, workLogEntries.techniqueId))
      .where(where);
  const [items, [total]] = await Promise.all([
    base()
      .orderBy(desc(workLogEntries.date), desc(workLogEntries.createdAt), desc(workLogEntries.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(workLogEntries).innerJoin(agreements, eq(agreements.id, workLogEntries.agreementId)).where(where),
  ]);
  return { items: items as Static<typeof WorkLineSchema>[], total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** A month the recipient has confirmed is frozen: no line of it is added, changed or removed. */
async function monthConfirmed(db: Db, agreementId: string, practitionerId: string, month: string): Promise<boolean> {
  const [row] = await db
    .select({ status: workMonths.status })
    .from(workMonths)
    .where(and(eq(workMonths.agreementId, agreementId), eq(workMonths.practitionerId, practitionerId), eq(workMonths.month, month)));
  return row?.status === "confirmed";
}

const frozen = (month: string): FieldError => ({
  path: "date",
  code: "conflict_state",
  params: { state: "confirmed", month },
  message: `the recipient has confirmed ${month}; its lines can no longer change`,
});

/** The stay of the person that covers the day, or the field errors (future day, no stay). */
async function stayOn(db: Db, practitionerId: string, date: string, today: Day) {
  if (day(date) > today)
    return {
      errors: [
        { path: "date", code: "in_future", params: { today: formatDay(today) }, message: `is in the future (today is ${formatDay(today)})` },
      ] as FieldError[],
    };
  const [stay] = await dispatchesOn(db, practitionerId, date);
  if (!stay)
    return {
      errors: [
        { path: "date", code: "not_allowed", params: { reason: "not_stationed_that_day" }, message: "you are not stationed anywhere on this day" },
      ] as FieldError[],
    };
  return { stay, errors: [] as FieldError[] };
}

/** A technique is one of the agreement's: launched at its recipient by one of its supporters. */
async function techniqueErrors(db: Db, techniqueId: string | null | undefined, agreementId: string, recipientId: string): Promise<FieldError[]> {
  if (!techniqueId) return [];
  const [t] = await db
    .select({ recipientId: techniques.recipientId, supporterId: techniques.supporterId })
    .from(techniques)
    .where(eq(techniques.id, techniqueId));
  if (!t) return [{ path: "techniqueId", code: "not_found", params: { entity: "technique" }, message: "no such technique" }];
  const [party] = await db
    .select({ id: agreementSupporters.institutionId })
    .from(agreementSupporters)
    .where(and(eq(agreementSupporters.agreementId, agreementId), eq(agreementSupporters.institutionId, t.supporterId)));
  if (t.recipientId !== recipientId || !party)
    return [
      {
        path: "techniqueId",
        code: "not_allowed",
        params: { reason: "other_agreement" },
        message: "is a technique of other institutions than this agreement's",
      },
    ];
  return [];
}

type LineValues = Omit<WorkLine, "kind"> & { kind: WorkKind };
function lineFields(line: LineValues) {
  return {
    kind: line.kind,
    patients: (line.patients as number | null | undefined) ?? null,
    operationName: (line.operationName as string | null | undefined)?.trim() ?? null,
    procedureCode: (line.procedureCode as string | null | undefined) ?? null,
    operationRole: (line.operationRole as string | null | undefined) ?? null,
    topic: (line.topic as string | null | undefined)?.trim() ?? null,
    attendees: (line.attendees as number | null | undefined) ?? null,
    minutes: (line.minutes as number | null | undefined) ?? null,
    mentees: (line.mentees as number | null | undefined) ?? null,
    techniqueId: (line.techniqueId as string | null | undefined) ?? null,
    note: line.note?.trim() ? line.note.trim() : null,
  };
}

/** The stationed person logs a piece of work on a day a stay of theirs covers, never in the future. */
export async function createWorkLine(db: Db, actor: Actor, practitionerId: string, input: WorkLineInput, today: Day): Promise<string> {
  const { date, ...line } = input;
  const { stay, errors } = await stayOn(db, practitionerId, date, today);
  errors.push(...workLineErrors(line));
  if (stay) errors.push(...(await techniqueErrors(db, input.techniqueId, stay.agreementId, stay.recipientId)));
  if (errors.length > 0 || !stay) throw invalid(errors);
  if (await monthConfirmed(db, stay.agreementId, practitionerId, monthOf(date))) throw conflict([frozen(monthOf(date))]);
  const values = lineFields(line);
  const [row] = await db
    .insert(workLogEntries)
    .values({
      ...values,
      agreementId: stay.agreementId,
      dispatchId: stay.id,
      practitionerId,
      recipientId: stay.recipientId,
      date,
      source: "log",
      provinceCode: stay.provinceCode,
    })
    .returning({ id: workLogEntries.id });
  const id = (row as { id: string }).id;
  await audit(db, actor, { action: "create", entity: "work_log_entry", entityId: id, regionCode: stay.regionCode, after: { date, ...values } });
  return id;
}

/** The person's own line, locked; another's is not found. A reviewed line (confirmed) or a confirmed month is frozen. */
async function ownLine(db: Db, practitionerId: string, id: string) {
  const [row] = await db
    .select({ line: workLogEntries, regionCode: agreements.regionCode })
    .from(workLogEntries)
    .innerJoin(agreements, eq(agreements.id, workLogEntries.agreementId))
    .where(eq(workLogEntries.id, id))
    .for("update", { of: workLogEntries });
  if (!row || row.line.practitionerId !== practitionerId) throw notFound("work_log_entry");
  // A disputed line may be corrected (it goes back to the recipient as recorded); a confirmed one is final.
  if (row.line.status === "confirmed")
    throw conflict([{ path: "status", code: "conflict_state", params: { state: "confirmed" }, message: "the recipient has confirmed this line" }]);
  const month = monthOf(row.line.date);
  if (await monthConfirmed(db, row.line.agreementId, practitionerId, month)) throw conflict([frozen(month)]);
  return row;
}

export async function updateWorkLine(db: Db, actor: Actor, practitionerId: string, id: string, patch: WorkLinePatch, today: Day): Promise<void> {
  const { line: before, regionCode } = await ownLine(db, practitionerId, id);
  const kind = patch.kind ?? (before.kind as WorkKind);
  const { date: newDate, kind: _kind, ...changes } = patch;
  // The old line's fields of the new kind, then what the edit says (a field the kind does not take is an error).
  const kept = fieldsOfKind(kind, lineFields({ ...(before as unknown as LineValues), kind }));
  const merged = { ...kept, ...changes, kind } as LineValues;
  const date = newDate ?? before.date;
  const errors: FieldError[] = [];
  let stay = { id: before.dispatchId, agreementId: before.agreementId, recipientId: before.recipientId, regionCode };
  if (newDate !== undefined && newDate !== before.date) {
    const found = await stayOn(db, practitionerId, newDate, today);
    errors.push(...found.errors);
    if (found.stay) stay = found.stay;
  }
  errors.push(...workLineErrors(merged));
  if (errors.length === 0) errors.push(...(await techniqueErrors(db, merged.techniqueId as string | null, stay.agreementId, stay.recipientId)));
  if (errors.length > 0) throw invalid(errors);
  if (monthOf(date) !== monthOf(before.date) || stay.agreementId !== before.agreementId) {
    if (await monthConfirmed(db, stay.agreementId, practitionerId, monthOf(date))) throw conflict([frozen(monthOf(date))]);
  }
  const values = { ...lineFields(merged), date, agreementId: stay.agreementId, dispatchId: stay.id, recipientId: stay.recipientId };
  await db
    .update(workLogEntries)
    .set({ ...values, status: "recorded", reviewNote: null, reviewedBy: null, reviewedAt: null, updatedAt: new Date() })
    .where(eq(workLogEntries.id, id));
  await audit(db, actor, {
    action: "update",
    entity: "work_log_entry",
    entityId: id,
    regionCode: stay.regionCode,
    before: { ...lineFields(before as unknown as LineValues), date: before.date, status: before.status },
    after: values,
  });
}

export async function deleteWorkLine(db: Db, actor: Actor, practitionerId: string, id: string): Promise<void> {
  const { line, regionCode } = await ownLine(db, practitionerId, id);
  await db.delete(workLogEntries).where(eq(workLogEntries.id, id));
  await audit(db, actor, {
    action: "delete",
    entity: "work_log_entry",
    entityId: id,
    regionCode,
    before: { ...lineFields(line as unknown as LineValues), date: line.date, source: line.source },
  });
}

/**
 * One source of figures: a check-in's activities and counts are its day's `check_in` lines, mapped
 * as migration 0031 did (core linesFromCheckIn). Called by the check-in after it is saved: lines
 * still recorded are brought in line (updated, added, removed); lines the recipient has reviewed,
 * and any line of a confirmed month, stay as they are.
 */
export async function syncCheckInLines(db: Db, attendanceId: string): Promise<void> {
  const [checkIn] = await db
    .select({ a: attendance, recipientId: dispatches.recipientId })
    .from(attendance)
    .innerJoin(dispatches, eq(dispatches.id, attendance.dispatchId))
    .where(eq(attendance.id, attendanceId));
  if (!checkIn) return;
  const { a } = checkIn;
  if (await monthConfirmed(db, a.agreementId, a.practitionerId, monthOf(a.date))) return;
  const wanted = linesFromCheckIn(a.activities, a.patients, a.trainees);
  const existing = await db
    .select({ id: workLogEntries.id, kind: workLogEntries.kind, status: workLogEntries.status })
    .from(workLogEntries)
    .where(and(eq(workLogEntries.attendanceId, attendanceId), eq(workLogEntries.source, "check_in")));
  const gone = existing.filter((e) => e.status === "recorded" && !wanted.some((w) => w.kind === e.kind)).map((e) => e.id);
  if (gone.length > 0) await db.delete(workLogEntries).where(inArray(workLogEntries.id, gone));
  for (const line of wanted) {
    const have = existing.find((e) => e.kind === line.kind);
    if (have && have.status !== "recorded") continue;
    if (have) {
      await db
        .update(workLogEntries)
        .set({ patients: line.patients, attendees: line.attendees, dispatchId: a.dispatchId, updatedAt: new Date() })
        .where(eq(workLogEntries.id, have.id));
      continue;
    }
    await db.insert(workLogEntries).values({
      agreementId: a.agreementId,
      dispatchId: a.dispatchId,
      practitionerId: a.practitionerId,
      recipientId: checkIn.recipientId,
      date: a.date,
      kind: line.kind,
      patients: line.patients,
      attendees: line.attendees,
      source: "check_in",
      attendanceId,
      status: "recorded",
      provinceCode: a.provinceCode,
    });
  }
}
