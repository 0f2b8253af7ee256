import { actingSide, allows, conflict, type FieldError, forbidden, invalid, notFound, type Principal, WORK_MONTH_STATUSES } from "@medbridge/core";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { agreements, dispatches, practitioners, workLogEntries, workMonths } from "../db/schema.ts";
import { PageQuery, StringEnum, Text, Uuid } from "../http/schemas.ts";
import { type LogReach, reachCondition } from "./work-log.ts";

export const Month = Type.String({ pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });

export const WorkMonthQuery = Type.Object(
  {
    agreementId: Type.Optional(Uuid),
    practitionerId: Type.Optional(Uuid),
    month: Type.Optional(Month),
    status: Type.Optional(StringEnum(WORK_MONTH_STATUSES)),
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
  },
  { additionalProperties: false },
);

const Totals = Type.Object({
  outpatientPatients: Type.Integer(),
  operations: Type.Integer(),
  wardRounds: Type.Integer(),
  teachingSessions: Type.Integer(),
  teachingMinutes: Type.Integer(),
  attendees: Type.Integer(),
  mentees: Type.Integer(),
  techniques: Type.Integer(),
  lines: Type.Integer(),
});

export const WorkMonthSchema = Type.Object({
  agreementId: Uuid,
  agreementCode: Type.String(),
  /** The recipient institution: its coordinator confirms the month. */
  recipientId: Uuid,
  practitionerId: Uuid,
  practitionerName: Type.String(),
  month: Type.String(),
  status: StringEnum(WORK_MONTH_STATUSES),
  plan: Type.Union([Type.String(), Type.Null()]),
  /** The month's work, disputed lines left out. */
  totals: Totals,
  /** Lines by review state: recorded ones await the recipient. */
  lineStatus: Type.Object({ recorded: Type.Integer(), confirmed: Type.Integer(), disputed: Type.Integer() }),
  reviewNote: Type.Union([Type.String(), Type.Null()]),
});
type WorkMonth = Static<typeof WorkMonthSchema>;

export const MonthParams = Type.Object({ agreementId: Uuid, practitionerId: Uuid, month: Month }, { additionalProperties: false });

export const MonthReviewInput = Type.Object(
  {
    decision: StringEnum(["confirmed", "disputed"] as const),
    note: Type.Optional(Text(500, 0)),
    disputed: Type.Optional(Type.Array(Type.Object({ entryId: Uuid, note: Text(500) }, { additionalProperties: false }), { maxItems: 500, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const MonthReviewResult = Type.Object({
  agreementId: Uuid,
  practitionerId: Uuid,
  month: Type.String(),
  status: StringEnum(["confirmed", "disputed"] as const),
  /** Lines this review confirmed and disputed (lines reviewed before keep their state). */
  confirmed: Type.Integer(),
  disputed: Type.Integer(),
});

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Each stationed person's months: every (agreement, person, month) with lines or a month record
 * (a plan, a review), with the month's totals and the recipient's sign-off. Newest month first.
 */
export async function listWorkMonths(db: Db, reach: LogReach, query: Static<typeof WorkMonthQuery>) {
  const filters = [
    query.agreementId ? sql`and k.agreement_id = ${query.agreementId}` : sql``,
    query.practitionerId ? sql`and k.practitioner_id = ${query.practitionerId}` : sql``,
    query.month ? sql`and k.month = ${query.month}` : sql``,
    query.status ? sql`and coalesce(m.status, 'open') = ${query.status}` : sql``,
  ];
  const scope = reachCondition(reach, sql`k.practitioner_id`) ?? sql`true`;
  const keys = sql`(
    select agreement_id, practitioner_id, to_char(date, 'YYYY-MM') as month from work_log_entries
    union
    select agreement_id, practitioner_id, month::text from work_months
  ) k
  join ${agreements} on ${agreements.id} = k.agreement_id
  join ${practitioners} on ${practitioners.id} = k.practitioner_id
  left join ${workMonths} m on m.agreement_id = k.agreement_id and m.practitioner_id = k.practitioner_id and m.month = k.month
  where ${scope} ${sql.join(filters, sql` `)}`;
  const offset = (query.page - 1) * query.pageSize;
  const [page, total] = await Promise.all([
    db.execute(sql`
      with page as (
        select k.agreement_id, k.practitioner_id, k.month, ${agreements.code} as agreement_code, ${agreements.recipientId} as recipient_id, ${practitioners.name} as practitioner_name,
          coalesce(m.status, 'open') as status, m.plan, m.review_note
        from ${keys}
        order by k.month desc, ${agreements.code}, ${practitioners.name}, k.practitioner_id
        limit ${query.pageSize} offset ${offset}
      )
      select page.*,
        coalesce(sum(w.patients) filter (where w.kind = 'outpatient' and w.status <> 'disputed'), 0)::int as outpatient_patients,
        count(*) filter (where w.kind = 'operation' and w.status <> 'disputed')::int as operations,
        count(*) filter (where w.kind = 'ward_round' and w.status <> 'disputed')::int as ward_rounds,
        count(*) filter (where w.kind = 'teaching' and w.status <> 'disputed')::int as teaching_sessions,
        coalesce(sum(w.minutes) filter (where w.kind = 'teaching' and w.status <> 'disputed'), 0)::int as teaching_minutes,
        coalesce(sum(w.attendees) filter (where w.status <> 'disputed'), 0)::int as attendees,
        coalesce(sum(w.mentees) filter (where w.status <> 'disputed'), 0)::int as mentees,
        count(*) filter (where w.kind = 'technique' and w.status <> 'disputed')::int as techniques,
        count(w.id) filter (where w.status <> 'disputed')::int as lines,
        count(*) filter (where w.status = 'recorded')::int as recorded,
        count(*) filter (where w.status = 'confirmed')::int as confirmed,
        count(*) filter (where w.status = 'disputed')::int as disputed
      from page
      left join work_log_entries w on w.agreement_id = page.agreement_id and w.practitioner_id = page.practitioner_id
        and w.date >= (page.month || '-01')::date and w.date < (page.month || '-01')::date + interval '1 month'
      group by page.agreement_id, page.practitioner_id, page.month, page.agreement_code, page.recipient_id, page.practitioner_name, page.status, page.plan, page.review_note
      order by page.month desc, page.agreement_code, page.practitioner_name, page.practitioner_id`),
    db.execute(sql`select count(*)::int as n from ${keys}`),
  ]);
  const items: WorkMonth[] = rows<Record<string, unknown>>(page).map((r) => ({
    agreementId: r.agreement_id as string,
    agreementCode: r.agreement_code as string,
    recipientId: r.recipient_id as string,
    practitionerId: r.practitioner_id as string,
    practitionerName: r.practitioner_name as string,
    month: r.month as string,
    status: r.status as WorkMonth["status"],
    plan: (r.plan as string | null) ?? null,
    totals: {
      outpatientPatients: Number(r.outpatient_patients),
      operations: Number(r.operations),
      wardRounds: Number(r.ward_rounds),
      teachingSessions: Number(r.teaching_sessions),
      teachingMinutes: Number(r.teaching_minutes),
      attendees: Number(r.attendees),
      mentees: Number(r.mentees),
      techniques: Number(r.techniques),
      lines: Number(r.lines),
    },
    lineStatus: { recorded: Number(r.recorded), confirmed: Number(r.confirmed), disputed: Number(r.disputed) },
    reviewNote: (r.review_note as string | null) ?? null,
  }));
  return { items, total: Number(rows<{ n: number }>(total)[0]?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

const monthRange = (month: string) => ({ first: `${month}-01`, next: sql`(${`${month}-01`}::date + interval '1 month')::date` });

/**
 * The recipient signs off a stationed person's month in one action: every recorded line becomes
 * confirmed, except those it lists as disputed (each with its note); or it disputes the month
 * (the listed lines, or the month as a whole with a note). A confirmed month is final and frozen.
 */
export async function reviewWorkMonth(
  db: Db,
  actor: Actor,
  principal: Principal,
  params: Static<typeof MonthParams>,
  input: Static<typeof MonthReviewInput>,
  currentMonth: string,
): Promise<Static<typeof MonthReviewResult>> {
  const { agreementId, practitionerId, month } = params;
  const [agreement] = await db
    .select({ recipientId: agreements.recipientId, regionCode: agreements.regionCode, provinceCode: agreements.provinceCode })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  if (!agreement) throw notFound("agreement");
  // Only the receiving side vouches for the work: its coordinator, or the commission (as for attendance).
  const receiving =
    actingSide(principal, "attendance", { recipient: agreement.recipientId }) !== null ||
    allows(principal, "write", "agreement", { regionCode: agreement.regionCode, institutionIds: [] });
  if (!receiving) throw forbidden("recipient_confirms_work", "Only the recipient institution confirms a stationed person's month");

  const errors: FieldError[] = [];
  if (month > currentMonth)
    errors.push({ path: "month", code: "in_future", params: { today: currentMonth }, message: `is after the current month ${currentMonth}` });
  const { first, next } = monthRange(month);
  const [stay] = await db
    .select({ id: dispatches.id })
    .from(dispatches)
    .where(
      and(
        eq(dispatches.agreementId, agreementId),
        eq(dispatches.practitionerId, practitionerId),
        ne(dispatches.status, "cancelled"),
        sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart}) < ${next}`,
        sql`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd}) >= ${first}`,
      ),
    )
    .limit(1);
  if (!stay)
    errors.push({
      path: "month",
      code: "not_allowed",
      params: { reason: "not_stationed_that_day" },
      message: "the person has no stay under this agreement in this month",
    });
  const listed = input.disputed ?? [];
  if (input.decision === "disputed" && listed.length === 0 && !input.note?.trim())
    errors.push({ path: "note", code: "required", message: "say what is disputed: a note, or the lines with theirs" });
  if (new Set(listed.map((d) => d.entryId)).size !== listed.length) errors.push({ path: "disputed", code: "not_unique", message: "each line once" });
  const monthLines = await db
    .select({ id: workLogEntries.id, status: workLogEntries.status })
    .from(workLogEntries)
    .where(
      and(
        eq(workLogEntries.agreementId, agreementId),
        eq(workLogEntries.practitionerId, practitionerId),
        sql`${workLogEntries.date} >= ${first}::date and ${workLogEntries.date} < ${next}`,
      ),
    )
    .for("update");
  const byId = new Map(monthLines.map((l) => [l.id, l]));
  listed.forEach((d, i) => {
    const line = byId.get(d.entryId);
    if (!line) errors.push({ path: `disputed[${i}].entryId`, code: "not_found", params: { entity: "work_log_entry" }, message: "is not a line of this month" });
    else if (line.status === "confirmed")
      errors.push({ path: `disputed[${i}].entryId`, code: "conflict_state", params: { state: "confirmed" }, message: "is already confirmed" });
  });
  if (errors.length > 0) throw invalid(errors);

  const [existing] = await db
    .select({ status: workMonths.status })
    .from(workMonths)
    .where(and(eq(workMonths.agreementId, agreementId), eq(workMonths.practitionerId, practitionerId), eq(workMonths.month, month)))
    .for("update");
  if (existing?.status === "confirmed")
    throw conflict([{ path: "month", code: "conflict_state", params: { state: "confirmed" }, message: "this month is already confirmed" }]);

  const now = new Date();
  const review = { reviewedBy: principal.userId, reviewedAt: now, updatedAt: now };
  const disputedIds = listed.map((d) => d.entryId);
  for (const d of listed)
    await db
      .update(workLogEntries)
      .set({ status: "disputed", reviewNote: d.note.trim(), ...review })
      .where(eq(workLogEntries.id, d.entryId));
  const toConfirm = input.decision === "confirmed" ? monthLines.filter((l) => l.status === "recorded" && !disputedIds.includes(l.id)).map((l) => l.id) : [];
  if (toConfirm.length > 0)
    await db
      .update(workLogEntries)
      .set({ status: "confirmed", reviewNote: null, ...review })
      .where(inArray(workLogEntries.id, toConfirm));
  const note = input.note?.trim() ? input.note.trim() : null;
  const [row] = await db
    .insert(workMonths)
    .values({ agreementId, practitionerId, month, status: input.decision, reviewNote: note, provinceCode: agreement.provinceCode, ...review })
    .onConflictDoUpdate({
      target: [workMonths.agreementId, workMonths.practitionerId, workMonths.month],
      set: { status: input.decision, reviewNote: note, ...review },
    })
    .returning({ id: workMonths.id });
  const result = { agreementId, practitionerId, month, status: input.decision, confirmed: toConfirm.length, disputed: listed.length };
  await audit(db, actor, {
    action: input.decision === "confirmed" ? "confirm" : "dispute",
    entity: "work_month",
    entityId: row?.id ?? null,
    regionCode: agreement.regionCode,
    before: { status: existing?.status ?? "open" },
    after: { ...result, note, disputedLines: listed },
  });
  return result;
}
