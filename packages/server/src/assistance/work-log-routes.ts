import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { forbidden, formatDay, type Principal } from "@medbridge/core";
import { and, eq, inArray, ne } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccessTo } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, chinaMonth, systemClock, todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, dispatches, institutions, techniques, users } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf, Uuid } from "../http/schemas.ts";
import {
  createWorkLine,
  deleteWorkLine,
  listWorkLog,
  logReach,
  updateWorkLine,
  WorkLineInput,
  WorkLinePatch,
  WorkLineSchema,
  WorkLogQuery,
} from "./work-log.ts";
import { listWorkMonths, MonthParams, MonthReviewInput, MonthReviewResult, reviewWorkMonth, WorkMonthQuery, WorkMonthSchema } from "./work-months.ts";

const tags = ["assistance"];
const NoQuery = Type.Object({}, { additionalProperties: false });

/** The practitioner behind the signed-in account: only a stationed person keeps a work log. */
async function ownPractitioner(db: Db, principal: Principal): Promise<string> {
  const [user] = await db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.id, principal.userId));
  if (!user?.practitionerId)
    throw forbidden("work_log_needs_practitioner", "Only a stationed person keeps a work log (your account is not linked to a practitioner)");
  return user.practitionerId;
}

const WorkLogOptions = Type.Object({
  today: Type.String({ format: "date" }),
  /** The person's stays (cancelled ones left out), newest first: the days a line may be logged. */
  stays: Type.Array(Type.Object({ agreementId: Uuid, agreementCode: Type.String(), recipientName: Type.String(), from: Type.String(), to: Type.String() })),
  /** Technique transfer records of those agreements (recipient and a supporter of the agreement). */
  techniques: Type.Array(Type.Object({ id: Uuid, agreementId: Uuid, name: Type.String() })),
});

export function workLogRoutes(db: Db, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/work-log",
      {
        schema: {
          operationId: "listWorkLog",
          tags,
          summary: "Work-log lines: one's own (stationed person), one's agreements' (coordinators), the region's (officials)",
          querystring: WorkLogQuery,
          response: { 200: PageOf(WorkLineSchema), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (request.query.agreementId) await requireAccessTo(db, principal, "read", "agreement", [request.query.agreementId]);
        return listWorkLog(db, await logReach(db, principal), request.query);
      },
    );

    app.get(
      "/work-log/options",
      {
        schema: {
          operationId: "getWorkLogOptions",
          tags,
          summary: "What the signed-in stationed person may log: their stays and their agreements' techniques",
          querystring: NoQuery,
          response: { 200: WorkLogOptions, ...errorResponses },
        },
      },
      async (request) => {
        const practitionerId = await ownPractitioner(db, principalOf(request));
        const stays = await db
          .select({
            agreementId: dispatches.agreementId,
            agreementCode: agreements.code,
            recipientId: agreements.recipientId,
            recipientName: institutions.name,
            plannedStart: dispatches.plannedStart,
            plannedEnd: dispatches.plannedEnd,
            actualStart: dispatches.actualStart,
            actualEnd: dispatches.actualEnd,
          })
          .from(dispatches)
          .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
          .innerJoin(institutions, eq(institutions.id, agreements.recipientId))
          .where(and(eq(dispatches.practitionerId, practitionerId), ne(dispatches.status, "cancelled")));
        const agreementIds = [...new Set(stays.map((s) => s.agreementId))];
        const found =
          agreementIds.length === 0
            ? []
            : await db
                .select({ id: techniques.id, agreementId: agreements.id, name: techniques.name })
                .from(techniques)
                .innerJoin(agreements, eq(agreements.recipientId, techniques.recipientId))
                .innerJoin(
                  agreementSupporters,
                  and(eq(agreementSupporters.agreementId, agreements.id), eq(agreementSupporters.institutionId, techniques.supporterId)),
                )
                .where(inArray(agreements.id, agreementIds))
                .orderBy(techniques.name);
        return {
          today: formatDay(todayInChina(now())),
          stays: stays
            .map((s) => ({
              agreementId: s.agreementId,
              agreementCode: s.agreementCode,
              recipientName: s.recipientName,
              from: s.actualStart ?? s.plannedStart,
              to: s.actualEnd ?? s.plannedEnd,
            }))
            .sort((a, b) => b.from.localeCompare(a.from)),
          techniques: found,
        };
      },
    );

    app.post(
      "/work-log",
      {
        schema: {
          operationId: "createWorkLine",
          tags,
          summary: "Log a piece of work (the signed-in stationed person, a day of their stay, not in the future)",
          body: WorkLineInput,
          response: { 201: Type.Object({ id: Uuid }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const practitionerId = await ownPractitioner(db, principal);
        const id = await inTransaction(db, (tx) => createWorkLine(tx, actorOf(principal, request.id), practitionerId, request.body, todayInChina(now())));
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      "/work-log/:id",
      {
        schema: {
          operationId: "updateWorkLine",
          tags,
          summary: "Correct one's own line while the recipient has not confirmed it",
          params: IdParams,
          querystring: NoQuery,
          body: WorkLinePatch,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const practitionerId = await ownPractitioner(db, principal);
        await inTransaction(db, (tx) =>
          updateWorkLine(tx, actorOf(principal, request.id), practitionerId, request.params.id, request.body, todayInChina(now())),
        );
        return reply.status(204).send(null);
      },
    );

    app.delete(
      "/work-log/:id",
      {
        schema: {
          operationId: "deleteWorkLine",
          tags,
          summary: "Remove one's own line while the recipient has not confirmed it",
          params: IdParams,
          querystring: NoQuery,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const practitionerId = await ownPractitioner(db, principal);
        await inTransaction(db, (tx) => deleteWorkLine(tx, actorOf(principal, request.id), practitionerId, request.params.id));
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/work-months",
      {
        schema: {
          operationId: "listWorkMonths",
          tags,
          summary: "Stationed people's months: totals of the work log and the recipient's sign-off",
          querystring: WorkMonthQuery,
          response: { 200: PageOf(WorkMonthSchema), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (request.query.agreementId) await requireAccessTo(db, principal, "read", "agreement", [request.query.agreementId]);
        return listWorkMonths(db, await logReach(db, principal), request.query);
      },
    );

    app.post(
      "/work-months/:agreementId/:practitionerId/:month/review",
      {
        schema: {
          operationId: "reviewWorkMonth",
          tags,
          summary: "Confirm a stationed person's month in one action, or dispute lines (the recipient's coordinator, or the commission)",
          params: MonthParams,
          body: MonthReviewInput,
          response: { 200: MonthReviewResult, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        // A stranger to the agreement learns nothing of it (404); a party that does not receive is refused (403).
        await requireAccessTo(db, principal, "read", "agreement", [request.params.agreementId]);
        return inTransaction(db, (tx) => reviewWorkMonth(tx, actorOf(principal, request.id), principal, request.params, request.body, chinaMonth(now())));
      },
    );
  };
}
