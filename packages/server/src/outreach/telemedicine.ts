import {
  actingInstitution,
  actingSide,
  forbidden,
  invalid,
  meetingLink,
  notFound,
  type Principal,
  readScope,
  SESSION_ACTIONS,
  SESSION_KINDS,
  SESSION_STATUSES,
  type SessionKind,
  type SessionSide,
  type SessionStatus,
  sessionActions,
  sessionTransition,
} from "@medbridge/core";
import { and, desc, eq, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Static, Type } from "typebox";
import { inRegion } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { chronicPatients, institutions, meetingTemplates, referrals, telemedicineSessions } from "../db/schema.ts";
import { PageQuery, StringEnum, Text, Uuid } from "../http/schemas.ts";
import { notifySession } from "../notify/notify.ts";

const DateTime = Type.String({ format: "date-time", description: "ISO 8601 time with zone, e.g. 2026-03-02T10:00:00+08:00" });

export const SessionInput = Type.Object(
  {
    kind: StringEnum(SESSION_KINDS),
    supporterId: Uuid,
    title: Text(120),
    requestedStart: Type.Optional(DateTime),
    durationMinutes: Type.Optional(Type.Integer({ minimum: 15, maximum: 480, default: 60 })),
    referralId: Type.Optional(Uuid),
    chronicPatientId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const SessionActionBody = Type.Object(
  {
    action: StringEnum(SESSION_ACTIONS),
    startsAt: Type.Optional(DateTime),
    reason: Type.Optional(Text(500)),
    minutes: Type.Optional(Text(5000)),
    opinion: Type.Optional(Text(5000)),
    attendance: Type.Optional(
      Type.Array(
        Type.Object({ name: Text(40), side: StringEnum(["recipient", "supporter"] as const), attended: Type.Boolean() }, { additionalProperties: false }),
        {
          maxItems: 100,
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SessionListQuery = Type.Object(
  {
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
    status: Type.Optional(StringEnum(SESSION_STATUSES)),
    kind: Type.Optional(StringEnum(SESSION_KINDS)),
  },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  status: Type.String(),
  title: Type.String(),
  recipientId: Uuid,
  recipientName: Type.String(),
  supporterId: Uuid,
  supporterName: Type.String(),
  requestedStart: Type.Union([Type.String(), Type.Null()]),
  startsAt: Type.Union([Type.String(), Type.Null()]),
  durationMinutes: Type.Integer(),
  link: Type.Union([Type.String(), Type.Null()]),
  referralId: Type.Union([Type.String(), Type.Null()]),
  chronicPatientId: Type.Union([Type.String(), Type.Null()]),
  attendance: Type.Union([Type.Array(Type.Object({ name: Type.String(), side: Type.String(), attended: Type.Boolean() })), Type.Null()]),
  minutes: Type.Union([Type.String(), Type.Null()]),
  opinion: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  allowedActions: Type.Array(Type.String()),
});

export const MeetingTemplateInput = Type.Object(
  {
    institutionId: Uuid,
    template: Type.String({
      maxLength: 300,
      pattern: "^https://[^\\s]+\\{id\\}[^\\s]*$",
      description: "https URL containing {id}, e.g. https://meet.example.org/mb-{id}",
    }),
  },
  { additionalProperties: false },
);

const recipient = alias(institutions, "recipient");
const supporter = alias(institutions, "supporter");
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The side of the session the principal's coordinator role acts for (the policy's two-sided records). */
const actingFor = (principal: Principal, s: { recipientId: string; supporterId: string }): SessionSide | null =>
  actingSide(principal, "telemedicine_session", { recipient: s.recipientId, supporter: s.supporterId });

const selectSessions = (db: Db) =>
  db
    .select({ s: telemedicineSessions, recipientName: recipient.name, supporterName: supporter.name })
    .from(telemedicineSessions)
    .innerJoin(recipient, eq(recipient.id, telemedicineSessions.recipientId))
    .innerJoin(supporter, eq(supporter.id, telemedicineSessions.supporterId));

type Row = Awaited<ReturnType<ReturnType<typeof selectSessions>["where"]>>[number];

function toApi(row: Row, principal: Principal) {
  const s = row.s;
  const acting = actingFor(principal, s);
  return {
    id: s.id,
    kind: s.kind,
    status: s.status,
    title: s.title,
    recipientId: s.recipientId,
    recipientName: row.recipientName,
    supporterId: s.supporterId,
    supporterName: row.supporterName,
    requestedStart: iso(s.requestedStart),
    startsAt: iso(s.startsAt),
    durationMinutes: s.durationMinutes,
    link: s.link,
    referralId: s.referralId,
    chronicPatientId: s.chronicPatientId,
    attendance: s.attendance ?? null,
    minutes: s.minutes,
    opinion: s.opinion,
    cancelReason: s.cancelReason,
    allowedActions: acting ? sessionActions(s.status as SessionStatus, acting) : [],
  };
}

export async function readSession(db: Db, principal: Principal, id: string) {
  const [row] = await selectSessions(db).where(eq(telemedicineSessions.id, id));
  if (!row) throw notFound("session");
  return toApi(row, principal);
}

/** The recipient's coordinator asks a supporting institution for a session. */
export async function requestSession(db: Db, actor: Actor, principal: Principal, input: Static<typeof SessionInput>): Promise<string> {
  const recipientId = actingInstitution(principal, "telemedicine_session");
  if (!recipientId) throw forbidden("session_requested_by_recipient", "Sessions are requested by the recipient institution's coordinator");
  if (input.supporterId === recipientId)
    throw invalid([{ path: "supporterId", code: "same_as", params: { other: "institution" }, message: "must be another institution" }]);
  const rows = await db
    .select({ id: institutions.id, regionCode: institutions.regionCode, active: institutions.active })
    .from(institutions)
    .where(sql`${institutions.id} in (${recipientId}, ${input.supporterId})`);
  const here = rows.find((r) => r.id === recipientId);
  const there = rows.find((r) => r.id === input.supporterId);
  if (!there?.active || !here)
    throw invalid([{ path: "supporterId", code: "not_found", params: { entity: "institution" }, message: "no such active institution" }]);
  if (input.kind !== "consultation" && (input.referralId || input.chronicPatientId)) {
    throw invalid([
      {
        path: input.referralId ? "referralId" : "chronicPatientId",
        code: "not_allowed",
        params: { reason: "only_consultation_attaches" },
        message: "only a consultation attaches to a patient",
      },
    ]);
  }
  // A consultation is about the recipient's own patient: a referral it sent or received, or its
  // register. Either leads to the person in the patient index, which the session points to.
  let patientId: string | null = null;
  if (input.referralId) {
    const [r] = await db
      .select({ id: referrals.id, patientId: referrals.patientId })
      .from(referrals)
      .where(and(eq(referrals.id, input.referralId), or(eq(referrals.fromInstitutionId, recipientId), eq(referrals.toInstitutionId, recipientId))));
    if (!r) throw invalid([{ path: "referralId", code: "not_found", params: { entity: "referral" }, message: "no referral of your institution with this id" }]);
    patientId = r.patientId;
  }
  if (input.chronicPatientId) {
    const [p] = await db
      .select({ id: chronicPatients.id, patientId: chronicPatients.patientId })
      .from(chronicPatients)
      .where(and(eq(chronicPatients.id, input.chronicPatientId), eq(chronicPatients.institutionId, recipientId)));
    if (!p)
      throw invalid([
        { path: "chronicPatientId", code: "not_found", params: { entity: "patient" }, message: "no patient of your institution's register with this id" },
      ]);
    patientId = p.patientId ?? patientId;
  }
  const [row] = await db
    .insert(telemedicineSessions)
    .values({
      kind: input.kind,
      status: "requested",
      recipientId,
      supporterId: input.supporterId,
      title: input.title.trim(),
      requestedStart: input.requestedStart ? new Date(input.requestedStart) : null,
      durationMinutes: input.durationMinutes ?? 60,
      referralId: input.referralId ?? null,
      chronicPatientId: input.chronicPatientId ?? null,
      patientId,
      regionCode: here.regionCode,
      supporterRegionCode: there.regionCode,
    })
    .returning({ id: telemedicineSessions.id });
  const id = (row as { id: string }).id;
  await audit(db, actor, { action: "request", entity: "telemedicine_session", entityId: id, regionCode: here.regionCode, after: { kind: input.kind } });
  // The supporter's coordinators hear of it in-app and, with a webhook, in their own system.
  await notifySession(db, input.supporterId, "telemedicine_requested", { id, status: "requested", kind: input.kind });
  return id;
}

/** Moves a session on; scheduling gives it a unique link from the supporter's meeting template. */
export async function actOnSession(db: Db, actor: Actor, principal: Principal, id: string, body: Static<typeof SessionActionBody>, now: Date): Promise<void> {
  const [s] = await db.select().from(telemedicineSessions).where(eq(telemedicineSessions.id, id)).for("update");
  if (!s) throw notFound("session");
  const side = actingFor(principal, s);
  if (!side) throw forbidden("session_coordinators_only", "Only the coordinators of the two institutions act on a session");
  const next = sessionTransition(s.status as SessionStatus, body.action, side, s.kind as SessionKind, body);
  const changes: Partial<typeof telemedicineSessions.$inferInsert> = { status: next, updatedAt: now };
  if (body.startsAt) {
    if (new Date(body.startsAt) < now) throw invalid([{ path: "startsAt", code: "in_past", message: "is in the past" }]);
    changes.startsAt = new Date(body.startsAt);
  }
  if (next === "scheduled") {
    const [template] = await db.select({ template: meetingTemplates.template }).from(meetingTemplates).where(eq(meetingTemplates.institutionId, s.supporterId));
    changes.link = meetingLink(template?.template ?? null, id);
    if (body.action === "accept") changes.startsAt = s.startsAt;
  }
  if (body.action === "hold") Object.assign(changes, { minutes: body.minutes ?? null, opinion: body.opinion ?? null, attendance: body.attendance ?? [] });
  if (body.action === "cancel") changes.cancelReason = body.reason ?? null;
  await db.update(telemedicineSessions).set(changes).where(eq(telemedicineSessions.id, id));
  await audit(db, actor, {
    action: body.action,
    entity: "telemedicine_session",
    entityId: id,
    regionCode: s.regionCode,
    before: { status: s.status },
    after: { status: next },
  });
  // Every move tells the other side (a schedule or a proposal, the requester), like a referral's.
  await notifySession(db, side === "supporter" ? s.recipientId : s.supporterId, `telemedicine_${next}`, { id, status: next, kind: s.kind });
}

/** Sessions the caller may see: their institution's (either side), their region's, or all. */
export async function listSessions(db: Db, principal: Principal, q: Static<typeof SessionListQuery>) {
  const scope = readScope(principal, "outreach");
  const where: (SQL | undefined)[] = [];
  if (scope && "none" in scope) where.push(sql`false`);
  else if (scope && "institutionId" in scope)
    where.push(or(eq(telemedicineSessions.recipientId, scope.institutionId), eq(telemedicineSessions.supporterId, scope.institutionId)));
  else if (scope && "regionCode" in scope)
    where.push(or(inRegion(telemedicineSessions.regionCode, scope.regionCode), inRegion(telemedicineSessions.supporterRegionCode, scope.regionCode)));
  if (q.status) where.push(eq(telemedicineSessions.status, q.status));
  if (q.kind) where.push(eq(telemedicineSessions.kind, q.kind));
  const condition = and(...where);
  const result = await paged(
    q.page,
    q.pageSize,
    selectSessions(db)
      .where(condition)
      .orderBy(desc(sql`coalesce(${telemedicineSessions.startsAt}, ${telemedicineSessions.requestedStart}, ${telemedicineSessions.createdAt})`))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(telemedicineSessions).where(condition),
  );
  return { ...result, items: result.items.map((r) => toApi(r, principal)) };
}

export async function setMeetingTemplate(db: Db, actor: Actor, input: Static<typeof MeetingTemplateInput>): Promise<void> {
  await db
    .insert(meetingTemplates)
    .values({ institutionId: input.institutionId, template: input.template })
    .onConflictDoUpdate({ target: meetingTemplates.institutionId, set: { template: input.template, updatedAt: new Date() } });
  await audit(db, actor, { action: "update", entity: "meeting_template", entityId: input.institutionId, after: { template: input.template } });
}
