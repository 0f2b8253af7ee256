import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { invalid, notFound, type Principal, provinceOf, readScope, type Target } from "@medbridge/core";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { inRegion, requireAccess } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, chinaDate, todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, institutions, planRuns, regions } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf } from "../http/schemas.ts";
import { NATION, planPairing } from "./pairing-plan.ts";
import { applyRosterPlan } from "./plan-apply.ts";
import { getRun, listRuns, type PlanRunRow, startRun } from "./plan-runs.ts";
import {
  PAIRING_DEFAULTS,
  PairingPlanRequest,
  PlanApplyAnswer,
  PlanListQuery,
  PlanRunSchema,
  PlanRunSummarySchema,
  ROSTER_DEFAULTS,
  RosterPlanRequest,
} from "./plan-schemas.ts";
import { planRunAnswer } from "./plan-view.ts";
import { planRoster } from "./roster-plan.ts";

const tags = ["assistance"];

export interface PlanRouteOptions {
  db: Db;
  now: Clock;
  /** How long a request waits for its run before answering 202 (ms; 0: never waits). */
  waitMs: number;
}

/** Where a run lives for the policy: a roster run at its supporter, a pairing run in its region (the nation: nowhere but "all"). */
async function targetOf(db: Db, run: Pick<PlanRunRow, "kind" | "supporterId" | "regionCode">): Promise<Target> {
  if (run.kind === "roster" && run.supporterId) {
    const [supporter] = await db.select({ regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, run.supporterId));
    return { regionCode: supporter?.regionCode ?? null, institutionIds: [run.supporterId] };
  }
  return { regionCode: run.regionCode && run.regionCode !== NATION ? run.regionCode : null, institutionIds: [] };
}

/** The runs a caller may list, matching `allows` on targetOf (the supporter's row is joined by listRuns). */
function runScope(principal: Principal): SQL | undefined {
  const scope = readScope(principal, "plan");
  if (scope === null) return undefined;
  if ("none" in scope) return sql`false`;
  if ("regionCode" in scope) {
    return sql`((${planRuns.kind} = 'roster' and ${inRegion(institutions.regionCode, scope.regionCode)})
      or (${planRuns.kind} = 'pairing' and ${planRuns.regionCode} <> ${NATION} and ${inRegion(planRuns.regionCode, scope.regionCode)}))`;
  }
  return sql`(${planRuns.kind} = 'roster' and ${planRuns.supporterId} = ${scope.institutionId})`;
}

export function planRoutes({ db, now, waitMs }: PlanRouteOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    const runOptions = { now, waitMs, logError: (error: unknown) => app.log.error({ err: error }, "a plan run failed") };

    /** The run as answered: 200 when it finished while the request waited, else 202 with where to ask. */
    const answerRun = async (reply: FastifyReply, id: string, finished: boolean) => {
      const answer = await planRunAnswer(db, await getRun(db, id, now()));
      if (finished) reply.status(200);
      else reply.status(202).header("location", `/api/v1/plans/${id}`);
      return answer;
    };

    app.post(
      "/plans/roster",
      {
        schema: {
          operationId: "planRoster",
          tags,
          summary: "Plan a supporting hospital's stationing roster for a year (solver; 202 when it runs past a second)",
          body: RosterPlanRequest,
          response: { 200: PlanRunSchema, 202: PlanRunSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const body = request.body;
        const [supporter] = await db
          .select({ id: institutions.id, regionCode: institutions.regionCode, provinceCode: institutions.provinceCode })
          .from(institutions)
          .where(eq(institutions.id, body.supporterId));
        if (!supporter) throw notFound("institution");
        requireAccess(principal, "write", "plan", [{ regionCode: supporter.regionCode, institutionIds: [supporter.id] }]);
        // A year gone by is all facts: nothing left to plan in it.
        const thisYear = Number(chinaDate(now()).slice(0, 4));
        if (body.year < thisYear)
          throw invalid([
            { path: "year", code: "too_small", params: { limit: thisYear }, message: `must be ${thisYear} or later: a year gone by is not planned` },
          ]);
        const [agreement] = await db
          .select({ id: agreements.id })
          .from(agreementSupporters)
          .innerJoin(agreements, eq(agreements.id, agreementSupporters.agreementId))
          .where(
            and(
              eq(agreementSupporters.institutionId, supporter.id),
              sql`${agreements.startsOn} <= ${`${body.year}-12-31`} and ${agreements.endsOn} >= ${`${body.year}-01-01`} and ${agreements.status} in ('active', 'draft')`,
            ),
          )
          .limit(1);
        if (!agreement) {
          throw invalid([
            {
              path: "supporterId",
              code: "not_allowed",
              params: { reason: "no_agreements_in_year", year: body.year },
              message: `has no active or draft agreement in ${body.year}`,
            },
          ]);
        }
        const params = {
          supporterId: supporter.id,
          year: body.year,
          timeLimitSeconds: body.timeLimitSeconds ?? ROSTER_DEFAULTS.timeLimitSeconds,
          departmentMaxAwayShare: body.departmentMaxAwayShare ?? ROSTER_DEFAULTS.departmentMaxAwayShare,
        };
        const today = todayInChina(now());
        const { id, finished } = await startRun(
          db,
          {
            kind: "roster",
            supporterId: supporter.id,
            regionCode: null,
            year: params.year,
            params,
            provinceCode: supporter.provinceCode,
            requestedBy: principal.userId,
            timeLimitSeconds: params.timeLimitSeconds,
          },
          async () => {
            const { plan, fingerprint } = await planRoster(db, { ...params, today });
            return { result: plan, fingerprint };
          },
          runOptions,
        );
        return answerRun(reply, id, finished);
      },
    );

    app.post(
      "/plans/pairing",
      {
        schema: {
          operationId: "planPairing",
          tags,
          summary: "Plan which supporters serve which county hospitals in a region or the nation (solver; 202 when it runs past a second)",
          body: PairingPlanRequest,
          response: { 200: PlanRunSchema, 202: PlanRunSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const body = request.body;
        if (body.regionCode !== NATION) {
          const [known] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, body.regionCode));
          if (!known) throw invalid([{ path: "regionCode", code: "not_found", params: { entity: "region" }, message: "no such region" }]);
        }
        requireAccess(principal, "write", "plan", [{ regionCode: body.regionCode === NATION ? null : body.regionCode, institutionIds: [] }]);
        const params = {
          regionCode: body.regionCode,
          year: body.year ?? Number(chinaDate(now()).slice(0, 4)),
          keepExisting: body.keepExisting ?? PAIRING_DEFAULTS.keepExisting,
          timeLimitSeconds: body.timeLimitSeconds ?? PAIRING_DEFAULTS.timeLimitSeconds,
        };
        const { id, finished } = await startRun(
          db,
          {
            kind: "pairing",
            supporterId: null,
            regionCode: params.regionCode,
            year: params.year,
            params,
            provinceCode: params.regionCode === NATION ? null : provinceOf(params.regionCode),
            requestedBy: principal.userId,
            timeLimitSeconds: params.timeLimitSeconds,
          },
          async () => ({ result: await planPairing(db, params) }),
          runOptions,
        );
        return answerRun(reply, id, finished);
      },
    );

    app.get(
      "/plans",
      {
        schema: {
          operationId: "listPlans",
          tags,
          summary: "Planner runs you may see, newest first",
          querystring: PlanListQuery,
          response: { 200: PageOf(PlanRunSummarySchema), ...errorResponses },
        },
      },
      async (request) => listRuns(db, runScope(principalOf(request)), request.query, now()),
    );

    app.get(
      "/plans/:id",
      {
        schema: {
          operationId: "getPlan",
          tags,
          summary: "One planner run: its status and, when done, the plan (with the names it mentions)",
          params: IdParams,
          response: { 200: PlanRunSchema, ...errorResponses },
        },
      },
      async (request) => {
        const run = await getRun(db, request.params.id, now());
        requireAccess(principalOf(request), "read", "plan", [await targetOf(db, run)]);
        return planRunAnswer(db, run);
      },
    );

    app.post(
      "/plans/:id/apply",
      {
        schema: {
          operationId: "applyPlan",
          tags,
          summary: "Write a finished roster plan's dispatches (one transaction; 409 when the roster changed since the plan)",
          params: IdParams,
          response: { 200: PlanApplyAnswer, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const run = await getRun(db, request.params.id, now());
        const target = await targetOf(db, run);
        // A run the caller cannot see is not found; one it sees but may not change is forbidden.
        requireAccess(principal, "read", "plan", [target]);
        requireAccess(principal, "write", "plan", [target]);
        const at = now();
        return inTransaction(db, (tx) => applyRosterPlan(tx, actorOf(principal, request.id), request.params.id, at, todayInChina(at)));
      },
    );
  };
}
