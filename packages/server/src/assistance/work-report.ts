import { actingSide, allows, conflict, daysInMonth, forbidden, invalid, notFound, type Principal } from "@medbridge/core";
import { and, asc, eq, gte, lte, ne, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { requireAccessTo } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { attendance, dispatches, institutions, practitioners, techniques, users, workLogEntries, workMonths } from "../db/schema.ts";
import { Text, Timestamp, Uuid } from "../http/schemas.ts";
import { type Agreement, getAgreement } from "./agreements.ts";

/**
 * A stationed person's month (issue 16 item 3): the plan they write at its start, their summary at
 * its end, and the report the figures make — check-in days from attendance, work from the log —
 * signed off by the recipient (the month's review, which confirms the log lines).
 */

export const Month = Type.String({ pattern: "^(19|20)\\d{2}-(0[1-9]|1[0-2])$", description: "YYYY-MM (China calendar)" });
export const WorkMonthParams = Type.Object({ agreementId: Uuid, practitionerId: Uuid, month: Month }, { additionalProperties: false });
export type WorkMonthParams = Static<typeof WorkMonthParams>;

export const PLAN_MAX = 2000;
export const PlanInput = Type.Object(
  {
    plan: Type.Optional(Text(PLAN_MAX, 0)),
    summary: Type.Optional(Text(PLAN_MAX, 0)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PlanInput = Static<typeof PlanInput>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Totals = Type.Object({
  outpatientPatients: Type.Integer(),
  outpatientSessions: Type.Integer(),
  operations: Type.Integer(),
  operationsLead: Type.Integer(),
  wardRounds: Type.Integer(),
  wardRoundPatients: Type.Integer(),
  teachingSessions: Type.Integer(),
  teachingMinutes: Type.Integer(),
  attendees: Type.Integer(),
  mentees: Type.Integer(),
  techniques: Type.Integer(),
  techniquePatients: Type.Integer(),
  lines: Type.Integer(),
});
export type MonthTotals = Static<typeof Totals>;

export const WorkReportSchema = Type.Object({
  month: Type.String(),
  agreement: Type.Object({
    id: Uuid,
    code: Type.String(),
    recipient: Type.Object({ id: Uuid, name: Type.String() }),
    supporters: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  }),
  person: Type.Object({
    practitionerId: Uuid,
    name: Type.String(),
    institutionName: Type.String(),
    /** The title the person was stationed with (core TITLES). */
    title: Type.String(),
    /** The stationing's role (core DISPATCH_ROLES). */
    role: Type.String(),
  }),
  /** The days of the month the person's stays under the agreement cover. */
  stays: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  stationedDays: Type.Integer(),
  plan: Nullable(Type.String()),
  planUpdatedAt: Nullable(Timestamp),
  summary: Nullable(Type.String()),
  checkIns: Type.Object({
    days: Type.Integer(),
    onSite: Type.Integer(),
    away: Type.Integer(),
    withoutLocation: Type.Integer(),
    /** Check-ins from before location evidence. */
    unclassified: Type.Integer(),
    confirmed: Type.Integer(),
    disputed: Type.Integer(),
  }),
  /** The month's lines the recipient has not disputed (recorded or confirmed), and the confirmed ones. */
  totals: Totals,
  confirmedTotals: Totals,
  disputedLines: Type.Integer(),
  operations: Type.Array(
    Type.Object({
      date: Type.String(),
      name: Nullable(Type.String()),
      procedureCode: Nullable(Type.String()),
      role: Nullable(Type.String()),
      status: Type.String(),
    }),
  ),
  teaching: Type.Array(
    Type.Object({
      date: Type.String(),
      topic: Nullable(Type.String()),
      attendees: Nullable(Type.Integer()),
      minutes: Nullable(Type.Integer()),
      status: Type.String(),
    }),
  ),
  techniques: Type.Array(Type.Object({ date: Type.String(), name: Nullable(Type.String()), patients: Nullable(Type.Integer()), status: Type.String() })),
  /** The recipient's sign-off of the month (its review): never who signed, only the institution. */
  signOff: Type.Object({
    status: Type.String(),
    at: Nullable(Timestamp),
    note: Nullable(Type.String()),
    institutionName: Nullable(Type.String()),
  }),
});
export type WorkReport = Static<typeof WorkReportSchema>;

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}` };
}

/** The person's stays under the agreement that touch the month (cancelled ones excluded), clipped to it. */
async function staysInMonth(db: Db, agreementId: string, practitionerId: string | null, month: string) {
  const { from, to } = monthBounds(month);
  const start = sql<string>`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`;
  const end = sql<string>`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd})`;
  const rows = await db
    .select({
      practitionerId: dispatches.practitionerId,
      provinceCode: dispatches.provinceCode,
      role: dispatches.role,
      title: dispatches.title,
      start: start.mapWith(String),
      end: end.mapWith(String),
    })
    .from(dispatches)
    .where(
      and(
        eq(dispatches.agreementId, agreementId),
        practitionerId ? eq(dispatches.practitionerId, practitionerId) : undefined,
        ne(dispatches.status, "cancelled"),
        sql`${start} <= ${to}`,
        sql`${end} >= ${from}`,
      ),
    )
    .orderBy(asc(start));
  return rows.map((r) => ({ ...r, from: r.start < from ? from : r.start, to: r.end > to ? to : r.end }));
}

/**
 * Who reads a stationed person's month: the person, the coordinators of the agreement's parties
 * (those who speak for their side of attendance), officials over a party's region. Anyone else who
 * may read the agreement, and everyone outside it, gets 404 (the month is not revealed). Without a
 * practitioner (the agreement's whole month) the person's own standing does not count.
 */
export async function requireMonthReader(db: Db, principal: Principal, agreement: Agreement, practitionerId: string | null): Promise<void> {
  await requireAccessTo(db, principal, "read", "agreement", [agreement.id]);
  if (practitionerId && (await isPractitioner(db, principal, practitionerId))) return;
  const sides = Object.fromEntries([["recipient", agreement.recipient.id], ...agreement.supporters.map((s, i) => [`supporter${i}`, s.id])]);
  if (actingSide(principal, "attendance", sides) !== null) return;
  const region = { regionCode: agreement.regionCode, otherRegionCodes: agreement.supporters.map((s) => s.regionCode), institutionIds: [] };
  if (allows(principal, "read", "agreement", region)) return;
  throw notFound("agreement");
}

async function isPractitioner(db: Db, principal: Principal, practitionerId: string): Promise<boolean> {
  const [user] = await db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.id, principal.userId));
  return user?.practitionerId === practitionerId;
}

/**
 * The stationed person writes their month's plan and summary: only their own month, only a month
 * one of their stays under the agreement touches, never once the recipient has confirmed it.
 */
export async function saveMonthPlan(db: Db, actor: Actor, principal: Principal, params: WorkMonthParams, input: PlanInput): Promise<void> {
  const agreement = await getAgreement(db, params.agreementId);
  if (!(await isPractitioner(db, principal, params.practitionerId))) {
    // Those who may read the agreement learn the month is not theirs to write; others learn nothing.
    await requireAccessTo(db, principal, "read", "agreement", [agreement.id]);
    throw forbidden("own_work_month", "Only the stationed person writes their month's plan and summary");
  }
  const stays = await staysInMonth(db, params.agreementId, params.practitionerId, params.month);
  if (stays.length === 0)
    throw invalid([
      { path: "month", code: "not_allowed", params: { reason: "not_stationed_that_day" }, message: "you are not stationed under this agreement in this month" },
    ]);
  const [existing] = await db
    .select()
    .from(workMonths)
    .where(and(eq(workMonths.agreementId, params.agreementId), eq(workMonths.practitionerId, params.practitionerId), eq(workMonths.month, params.month)))
    .for("update");
  if (existing?.status === "confirmed")
    throw conflict([{ path: "month", code: "conflict_state", params: { state: "confirmed" }, message: "the recipient has confirmed this month" }]);
  const clean = (s: string | undefined) => (s === undefined ? undefined : s.trim() === "" ? null : s.trim());
  const changes = {
    ...(input.plan !== undefined && { plan: clean(input.plan), planUpdatedAt: new Date() }),
    ...(input.summary !== undefined && { summary: clean(input.summary) }),
  };
  let id: string;
  if (existing) {
    await db
      .update(workMonths)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(workMonths.id, existing.id));
    id = existing.id;
  } else {
    const [row] = await db
      .insert(workMonths)
      .values({
        agreementId: params.agreementId,
        practitionerId: params.practitionerId,
        month: params.month,
        provinceCode: (stays[0] as { provinceCode: string }).provinceCode,
        ...changes,
      })
      .onConflictDoUpdate({ target: [workMonths.agreementId, workMonths.practitionerId, workMonths.month], set: { ...changes, updatedAt: new Date() } })
      .returning({ id: workMonths.id });
    id = (row as { id: string }).id;
  }
  await audit(db, actor, {
    action: existing ? "update" : "create",
    entity: "work_month",
    entityId: id,
    regionCode: agreement.regionCode,
    before: existing ? { plan: existing.plan, summary: existing.summary } : null,
    after: {
      month: params.month,
      ...(changes.plan !== undefined && { plan: changes.plan }),
      ...(changes.summary !== undefined && { summary: changes.summary }),
    },
  });
}

function emptyTotals(): MonthTotals {
  return {
    outpatientPatients: 0,
    outpatientSessions: 0,
    operations: 0,
    operationsLead: 0,
    wardRounds: 0,
    wardRoundPatients: 0,
    teachingSessions: 0,
    teachingMinutes: 0,
    attendees: 0,
    mentees: 0,
    techniques: 0,
    techniquePatients: 0,
    lines: 0,
  };
}

type Line = typeof workLogEntries.$inferSelect & { techniqueName: string | null };

function addLine(t: MonthTotals, line: Line): void {
  t.lines += 1;
  // People mentored (带教) count on any line, as the confirmed-work indicators count them.
  t.mentees += line.mentees ?? 0;
  switch (line.kind) {
    case "outpatient":
      t.outpatientSessions += 1;
      t.outpatientPatients += line.patients ?? 0;
      break;
    case "operation":
      t.operations += 1;
      if (line.operationRole === "lead") t.operationsLead += 1;
      break;
    case "ward_round":
      t.wardRounds += 1;
      t.wardRoundPatients += line.patients ?? 0;
      break;
    case "teaching":
      t.teachingSessions += 1;
      t.teachingMinutes += line.minutes ?? 0;
      t.attendees += line.attendees ?? 0;
      break;
    case "mentoring":
      break;
    case "technique":
      t.techniques += 1;
      t.techniquePatients += line.patients ?? 0;
      break;
  }
}

/** The month's report of one stationed person (404 when none of their stays under the agreement touches it). */
export async function workReport(db: Db, agreement: Agreement, practitionerId: string, month: string): Promise<WorkReport> {
  const stays = await staysInMonth(db, agreement.id, practitionerId, month);
  if (stays.length === 0) throw notFound("dispatch");
  return reportOf(db, agreement, practitionerId, month, stays);
}

/** The reports of everyone stationed under the agreement in the month, by name. */
export async function agreementMonthReports(db: Db, agreement: Agreement, month: string): Promise<WorkReport[]> {
  const stays = await staysInMonth(db, agreement.id, null, month);
  const people = [...new Set(stays.map((s) => s.practitionerId))];
  const reports: WorkReport[] = [];
  for (const id of people)
    reports.push(
      await reportOf(
        db,
        agreement,
        id,
        month,
        stays.filter((s) => s.practitionerId === id),
      ),
    );
  return reports.sort((a, b) => a.person.name.localeCompare(b.person.name, "zh-CN"));
}

async function reportOf(
  db: Db,
  agreement: Agreement,
  practitionerId: string,
  month: string,
  stays: Awaited<ReturnType<typeof staysInMonth>>,
): Promise<WorkReport> {
  const { from, to } = monthBounds(month);
  const [person] = await db
    .select({ name: practitioners.name, institutionName: institutions.name })
    .from(practitioners)
    .innerJoin(institutions, eq(institutions.id, practitioners.institutionId))
    .where(eq(practitioners.id, practitionerId));
  const [row] = await db
    .select()
    .from(workMonths)
    .where(and(eq(workMonths.agreementId, agreement.id), eq(workMonths.practitionerId, practitionerId), eq(workMonths.month, month)));
  const days = await db
    .select({ locationClass: attendance.locationClass, status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.agreementId, agreement.id), eq(attendance.practitionerId, practitionerId), gte(attendance.date, from), lte(attendance.date, to)));
  const lines: Line[] = (
    await db
      .select({ entry: workLogEntries, techniqueName: techniques.name })
      .from(workLogEntries)
      .leftJoin(techniques, eq(techniques.id, workLogEntries.techniqueId))
      .where(
        and(
          eq(workLogEntries.agreementId, agreement.id),
          eq(workLogEntries.practitionerId, practitionerId),
          gte(workLogEntries.date, from),
          lte(workLogEntries.date, to),
        ),
      )
      .orderBy(asc(workLogEntries.date), asc(workLogEntries.createdAt))
  ).map((r) => ({ ...r.entry, techniqueName: r.techniqueName }));
  const totals = emptyTotals();
  const confirmedTotals = emptyTotals();
  // A disputed line is not counted as work done (as in the months list); it is counted apart.
  for (const line of lines) {
    if (line.status !== "disputed") addLine(totals, line);
    if (line.status === "confirmed") addLine(confirmedTotals, line);
  }
  const covered = new Set<string>();
  for (const s of stays) for (let d = Number(s.from.slice(8)); d <= Number(s.to.slice(8)); d++) covered.add(String(d));
  const latest = stays[stays.length - 1];
  const status = row?.status ?? "open";
  return {
    month,
    agreement: {
      id: agreement.id,
      code: agreement.code,
      recipient: { id: agreement.recipient.id, name: agreement.recipient.name },
      supporters: agreement.supporters.map((s) => ({ id: s.id, name: s.name })),
    },
    person: { practitionerId, name: person?.name ?? "", institutionName: person?.institutionName ?? "", title: latest?.title ?? "", role: latest?.role ?? "" },
    stays: stays.map((s) => ({ from: s.from, to: s.to })),
    stationedDays: covered.size,
    plan: row?.plan ?? null,
    planUpdatedAt: row?.planUpdatedAt ?? null,
    summary: row?.summary ?? null,
    checkIns: {
      days: days.length,
      onSite: days.filter((d) => d.locationClass === "on_site").length,
      away: days.filter((d) => d.locationClass === "away").length,
      withoutLocation: days.filter((d) => d.locationClass === "without_location").length,
      unclassified: days.filter((d) => d.locationClass === null).length,
      confirmed: days.filter((d) => d.status === "confirmed").length,
      disputed: days.filter((d) => d.status === "disputed").length,
    },
    totals,
    confirmedTotals,
    disputedLines: lines.filter((l) => l.status === "disputed").length,
    operations: lines
      .filter((l) => l.kind === "operation")
      .map((l) => ({ date: l.date, name: l.operationName, procedureCode: l.procedureCode, role: l.operationRole, status: l.status })),
    teaching: lines
      .filter((l) => l.kind === "teaching")
      .map((l) => ({ date: l.date, topic: l.topic, attendees: l.attendees, minutes: l.minutes, status: l.status })),
    techniques: lines.filter((l) => l.kind === "technique").map((l) => ({ date: l.date, name: l.techniqueName, patients: l.patients, status: l.status })),
    signOff: {
      status,
      at: status === "open" ? null : (row?.reviewedAt ?? null),
      note: status === "open" ? null : (row?.reviewNote ?? null),
      institutionName: status === "open" ? null : agreement.recipient.name,
    },
  };
}
