import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type FrequencyRules, formatDay, invalid, notFound, type Principal, type Target } from "@medbridge/core";
import { eq, inArray } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf, audit } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { institutions, techniques, touringTeams, touringVisits, trainings } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { DateString, errorResponses, fileResponse, IdParams, PageOf, RegionCode, Uuid } from "../http/schemas.ts";
import { importRoute } from "../tabular/import-route.ts";
import { CalendarEventSchema, calendarOf, toIcs } from "./calendar.ts";
import {
  createFurtherStudy,
  createTechnique,
  createTraining,
  FurtherStudyInput,
  FurtherStudySchema,
  furtherStudyOf,
  MonthlyCasesInput,
  reportCases,
  TechniqueInput,
  TechniqueSchema,
  TrainingInput,
  TrainingSchema,
  techniquesOf,
  trainingAttendanceImport,
  trainingsOf,
} from "./learning.ts";
import {
  actOnSession,
  listSessions,
  MeetingTemplateInput,
  readSession,
  requestSession,
  SessionActionBody,
  SessionInput,
  SessionListQuery,
  SessionSchema,
  setMeetingTemplate,
} from "./telemedicine.ts";
import {
  ComplianceQuery,
  checkVisits,
  createTeam,
  FrequencyRulesInput,
  insertVisits,
  listVisitsOf,
  RulesSchema,
  rulesFor,
  setRules,
  TeamInput,
  TeamSchema,
  TouringComplianceSchema,
  TouringVisitInput,
  TouringVisitSchema,
  touringCompliance,
  touringVisitImport,
} from "./touring.ts";

const tags = ["outreach"];
const Created = Type.Object({ id: Type.String() });
const InstitutionQuery = Type.Object({ institutionId: Uuid }, { additionalProperties: false });
const RangeQuery = Type.Object({ from: DateString, to: DateString }, { additionalProperties: false });

/** Where institutions live, as one access target (the first is the record's home region). */
async function targetOf(db: Db, ids: string[]): Promise<Target & { regionCode: string }> {
  const rows = await db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(inArray(institutions.id, ids));
  const first = rows.find((r) => r.id === ids[0]);
  if (!first || rows.length !== new Set(ids).size)
    throw invalid(
      ids
        .filter((id) => !rows.some((r) => r.id === id))
        .map((id) => ({ path: "institutionId", code: "not_found", params: { entity: "institution" }, message: `no institution ${id}` })),
    );
  return { regionCode: first.regionCode, otherRegionCodes: rows.map((r) => r.regionCode), institutionIds: ids };
}

/** Telemedicine, touring, training and further study, techniques, and each institution's calendar. */
export function outreachRoutes({ db, now = () => new Date() }: { db: Db; now?: () => Date }): FastifyPluginAsyncTypebox {
  const today = () => formatDay(todayInChina(now()));
  const readable = async (principal: Principal, institutionId: string) => {
    const [inst] = await db
      .select({ regionCode: institutions.regionCode, name: institutions.name })
      .from(institutions)
      .where(eq(institutions.id, institutionId));
    if (!inst) throw notFound("institution");
    requireAccess(principal, "read", "outreach", [{ regionCode: inst.regionCode, institutionIds: [institutionId] }]);
    return inst;
  };
  return async (app) => {
    app.put(
      "/outreach/meeting-template",
      {
        schema: {
          operationId: "setMeetingTemplate",
          tags,
          summary: "Set an institution's video-meeting link template ({id} becomes the session id)",
          body: MeetingTemplateInput,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireAccess(principal, "write", "outreach", [await targetOf(db, [request.body.institutionId])]);
        await inTransaction(db, (tx) => setMeetingTemplate(tx, actorOf(principal, request.id), request.body));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/telemedicine",
      {
        schema: {
          operationId: "requestTelemedicineSession",
          tags,
          summary: "Request a telemedicine session of a supporting institution (recipient's coordinator)",
          body: SessionInput,
          response: { 201: SessionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const id = await inTransaction(db, (tx) => requestSession(tx, actorOf(principal, request.id), principal, request.body));
        return reply.status(201).send(await readSession(db, principal, id));
      },
    );
    app.get(
      "/telemedicine",
      {
        schema: {
          operationId: "listTelemedicineSessions",
          tags,
          summary: "Sessions of your institution (either side) or region",
          querystring: SessionListQuery,
          response: { 200: PageOf(SessionSchema), ...errorResponses },
        },
      },
      async (request) => listSessions(db, principalOf(request), request.query),
    );
    app.get(
      "/telemedicine/:id",
      {
        schema: { operationId: "getTelemedicineSession", tags, summary: "One session", params: IdParams, response: { 200: SessionSchema, ...errorResponses } },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "outreach", [request.params.id]);
        return readSession(db, principal, request.params.id);
      },
    );
    app.post(
      "/telemedicine/:id/actions",
      {
        schema: {
          operationId: "actOnTelemedicineSession",
          tags,
          summary:
            "schedule | propose (supporter), accept | close (recipient), hold (supporter, with minutes; a consultation with the opinion), cancel (either, with reason)",
          params: IdParams,
          body: SessionActionBody,
          response: { 200: SessionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "outreach", [request.params.id]);
        await inTransaction(db, (tx) => actOnSession(tx, actorOf(principal, request.id), principal, request.params.id, request.body, now()));
        return readSession(db, principal, request.params.id);
      },
    );

    app.post(
      "/touring/teams",
      { schema: { operationId: "createTouringTeam", tags, summary: "Create a touring team", body: TeamInput, response: { 201: Created, ...errorResponses } } },
      async (request, reply) => {
        const principal = principalOf(request);
        const target = await targetOf(db, [request.body.homeInstitutionId]);
        requireAccess(principal, "write", "outreach", [target]);
        return reply.status(201).send({ id: await inTransaction(db, (tx) => createTeam(tx, actorOf(principal, request.id), request.body, target.regionCode)) });
      },
    );
    app.get(
      "/touring/teams",
      {
        schema: {
          operationId: "listTouringTeams",
          tags,
          summary: "An institution's touring teams",
          querystring: InstitutionQuery,
          response: { 200: Type.Object({ items: Type.Array(TeamSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await readable(principalOf(request), request.query.institutionId);
        return { items: await db.select().from(touringTeams).where(eq(touringTeams.homeInstitutionId, request.query.institutionId)) };
      },
    );
    app.post(
      "/touring/visits",
      {
        schema: {
          operationId: "recordTouringVisit",
          tags,
          summary: "Record a touring visit",
          body: TouringVisitInput,
          response: { 201: Created, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { errors, sites, homes } = await checkVisits(db, [request.body]);
        if (errors.size) throw invalid(errors.get(0) ?? []);
        // The team's home institution records its visits (or the commission of the site's region).
        const target = await targetOf(db, [homes.get(request.body.teamId) as string, request.body.siteId]);
        requireAccess(principal, "write", "outreach", [target]);
        const [id] = await inTransaction(db, (tx) => insertVisits(tx, actorOf(principal, request.id), [request.body], sites));
        return reply.status(201).send({ id: id as string });
      },
    );
    app.delete(
      "/touring/visits/:id",
      {
        schema: {
          operationId: "deleteTouringVisit",
          tags,
          summary: "Remove a touring visit entered by mistake",
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const [visit] = await db
          .select({ siteId: touringVisits.siteId, home: touringTeams.homeInstitutionId })
          .from(touringVisits)
          .innerJoin(touringTeams, eq(touringTeams.id, touringVisits.teamId))
          .where(eq(touringVisits.id, request.params.id));
        if (!visit) throw notFound("touring_visit");
        requireAccess(principal, "write", "outreach", [await targetOf(db, [visit.home, visit.siteId])]);
        await inTransaction(db, async (tx) => {
          await tx.delete(touringVisits).where(eq(touringVisits.id, request.params.id));
          await audit(tx, actorOf(principal, request.id), { action: "delete", entity: "touring_visit", entityId: request.params.id, before: visit });
        });
        return reply.status(204).send(null);
      },
    );
    app.delete(
      "/trainings/:id",
      {
        schema: {
          operationId: "deleteTraining",
          tags,
          summary: "Remove a training entered by mistake",
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const [course] = await db.select().from(trainings).where(eq(trainings.id, request.params.id));
        if (!course) throw notFound("training");
        requireAccess(principal, "write", "outreach", [await targetOf(db, [course.hostInstitutionId])]);
        await inTransaction(db, async (tx) => {
          await tx.delete(trainings).where(eq(trainings.id, request.params.id));
          await audit(tx, actorOf(principal, request.id), {
            action: "delete",
            entity: "training",
            entityId: request.params.id,
            before: { topic: course.topic, date: course.date },
          });
        });
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/touring/visits",
      {
        schema: {
          operationId: "listTouringVisits",
          tags,
          summary: "Touring visits at or by an institution, or in a region",
          querystring: Type.Object(
            { institutionId: Type.Optional(Uuid), regionCode: Type.Optional(RegionCode), from: Type.Optional(DateString), to: Type.Optional(DateString) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(TouringVisitSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { institutionId, regionCode, from, to } = request.query;
        if (institutionId) await readable(principal, institutionId);
        else if (regionCode) requireAccess(principal, "read", "outreach", [{ regionCode, institutionIds: [] }]);
        else
          throw invalid([
            { path: "institutionId", code: "one_of", params: { fields: ["institutionId", "regionCode"] }, message: "give institutionId or regionCode" },
          ]);
        const rows = await listVisitsOf(db, { siteId: institutionId, regionCode, from, to });
        return { items: rows.map((r) => ({ ...r.v, team: r.team })) };
      },
    );
    await app.register(
      importRoute(db, {
        url: "/touring/visits/import",
        operationId: "importTouringVisits",
        summary:
          "Import touring visits from CSV or XLSX (team, site, date, end_date, patients_seen, health_talks, audience, trained; English or Chinese headers)",
        tags,
        spec: touringVisitImport,
        authorize: (principal) => {
          requireEver(principal, "write", "outreach", "Touring visits are recorded by coordinators or the commission");
        },
      }),
    );
    await app.register(
      importRoute(db, {
        url: "/trainings/attendance/import",
        operationId: "importTrainingAttendance",
        summary: "Import training attendance from CSV or XLSX (training topic or id, date, institution, count; English or Chinese headers)",
        tags,
        spec: trainingAttendanceImport,
        authorize: (principal) => {
          requireEver(principal, "write", "outreach", "Attendance is recorded by coordinators or the commission");
        },
      }),
    );
    app.get(
      "/touring/compliance",
      {
        schema: {
          operationId: "getTouringCompliance",
          tags,
          summary: "Touring-frequency compliance per site for a region and year, with the empty periods",
          querystring: ComplianceQuery,
          response: { 200: TouringComplianceSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAccess(principalOf(request), "read", "outreach", [{ regionCode: request.query.regionCode, institutionIds: [] }]);
        return touringCompliance(db, request.query.regionCode, request.query.year, request.query.asOf);
      },
    );
    app.get(
      "/touring/rules/:regionCode",
      {
        schema: {
          operationId: "getTouringRules",
          tags,
          summary: "The touring-frequency rules that apply in a region",
          params: Type.Object({ regionCode: RegionCode }),
          response: { 200: RulesSchema, ...errorResponses },
        },
      },
      async (request) => rulesFor(db, request.params.regionCode),
    );
    app.put(
      "/touring/rules/:regionCode",
      {
        schema: {
          operationId: "setTouringRules",
          tags,
          summary: "Set a region's touring-frequency rules (its commission)",
          params: Type.Object({ regionCode: RegionCode }),
          body: FrequencyRulesInput,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireAccess(
          principal,
          "write",
          "rule_pack",
          [{ regionCode: request.params.regionCode, institutionIds: [] }],
          "Only the health commission sets touring rules",
        );
        await inTransaction(db, (tx) => setRules(tx, actorOf(principal, request.id), request.params.regionCode, request.body as FrequencyRules));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/trainings",
      {
        schema: { operationId: "recordTraining", tags, summary: "Record a training event", body: TrainingInput, response: { 201: Created, ...errorResponses } },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const target = await targetOf(db, [request.body.hostInstitutionId]);
        requireAccess(principal, "write", "outreach", [target]);
        return reply
          .status(201)
          .send({ id: await inTransaction(db, (tx) => createTraining(tx, actorOf(principal, request.id), request.body, target.regionCode)) });
      },
    );
    app.get(
      "/trainings",
      {
        schema: {
          operationId: "listTrainings",
          tags,
          summary: "Trainings an institution hosted or attended",
          querystring: InstitutionQuery,
          response: { 200: Type.Object({ items: Type.Array(TrainingSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await readable(principalOf(request), request.query.institutionId);
        return { items: await trainingsOf(db, request.query.institutionId) };
      },
    );
    app.post(
      "/further-study",
      {
        schema: {
          operationId: "recordFurtherStudy",
          tags,
          summary: "Record a further-study placement (进修)",
          body: FurtherStudyInput,
          response: { 201: Created, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (request.body.endDate < request.body.startDate)
          throw invalid([{ path: "endDate", code: "before", params: { other: "startDate" }, message: "is before startDate" }]);
        const target = await targetOf(db, [request.body.homeInstitutionId, request.body.hostInstitutionId]);
        requireAccess(principal, "write", "outreach", [target]);
        return reply
          .status(201)
          .send({ id: await inTransaction(db, (tx) => createFurtherStudy(tx, actorOf(principal, request.id), request.body, target.regionCode)) });
      },
    );
    app.get(
      "/further-study",
      {
        schema: {
          operationId: "listFurtherStudy",
          tags,
          summary: "Placements from or at an institution",
          querystring: InstitutionQuery,
          response: { 200: Type.Object({ items: Type.Array(FurtherStudySchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await readable(principalOf(request), request.query.institutionId);
        return { items: await furtherStudyOf(db, request.query.institutionId) };
      },
    );
    app.post(
      "/techniques",
      {
        schema: {
          operationId: "recordTechnique",
          tags,
          summary: "Record a technique or specialty launched at a recipient",
          body: TechniqueInput,
          response: { 201: Created, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (request.body.launchedOn > today()) throw invalid([{ path: "launchedOn", code: "in_future", message: "is in the future" }]);
        const target = await targetOf(db, [request.body.recipientId, request.body.supporterId]);
        requireAccess(principal, "write", "outreach", [target]);
        return reply
          .status(201)
          .send({ id: await inTransaction(db, (tx) => createTechnique(tx, actorOf(principal, request.id), request.body, target.regionCode)) });
      },
    );
    app.get(
      "/techniques",
      {
        schema: {
          operationId: "listTechniques",
          tags,
          summary: "Techniques at a recipient, with whether they outlived their supporters",
          querystring: Type.Object({ recipientId: Uuid }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(TechniqueSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await readable(principalOf(request), request.query.recipientId);
        return { items: await techniquesOf(db, request.query.recipientId, today()) };
      },
    );
    app.post(
      "/techniques/:id/cases",
      {
        schema: {
          operationId: "reportTechniqueCases",
          tags,
          summary: "Report a month's case count (recipient)",
          params: IdParams,
          body: MonthlyCasesInput,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const [t] = await db
          .select({ recipientId: techniques.recipientId, regionCode: techniques.regionCode })
          .from(techniques)
          .where(eq(techniques.id, request.params.id));
        if (!t) throw notFound("technique");
        requireAccess(principal, "write", "outreach", [{ regionCode: t.regionCode, institutionIds: [t.recipientId] }]);
        if (request.body.month > today().slice(0, 7)) throw invalid([{ path: "month", code: "in_future", message: "is in the future" }]);
        await inTransaction(db, (tx) => reportCases(tx, actorOf(principal, request.id), request.params.id, request.body));
        return reply.status(204).send(null);
      },
    );

    const checkRange = (from: string, to: string) => {
      if (to < from) throw invalid([{ path: "to", code: "before", params: { other: "from" }, message: "is before from" }]);
      if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000)
        throw invalid([{ path: "to", code: "too_large", params: { limit: 366, unit: "days" }, message: "a calendar covers at most a year" }]);
    };
    app.get(
      "/institutions/:id/calendar",
      {
        schema: {
          operationId: "getInstitutionCalendar",
          tags,
          summary: "An institution's outreach calendar (stationing, telemedicine, touring, training)",
          params: IdParams,
          querystring: RangeQuery,
          response: { 200: Type.Object({ items: Type.Array(CalendarEventSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        checkRange(request.query.from, request.query.to);
        await readable(principalOf(request), request.params.id);
        return { items: await calendarOf(db, request.params.id, request.query.from, request.query.to) };
      },
    );
    app.get(
      "/institutions/:id/calendar.ics",
      {
        schema: {
          operationId: "getInstitutionCalendarIcs",
          tags,
          summary: "The same calendar as iCalendar (ICS)",
          params: IdParams,
          querystring: RangeQuery,
          response: { 200: fileResponse("text/calendar", "The calendar as iCalendar"), ...errorResponses },
        },
      },
      async (request, reply) => {
        checkRange(request.query.from, request.query.to);
        const inst = await readable(principalOf(request), request.params.id);
        const events = await calendarOf(db, request.params.id, request.query.from, request.query.to);
        return reply
          .header("content-type", "text/calendar; charset=utf-8")
          .header("content-disposition", `attachment; filename="calendar.ics"; filename*=UTF-8''${encodeURIComponent(`${inst.name}.ics`)}`)
          .send(toIcs(inst.name, events, now()));
      },
    );
  };
}
