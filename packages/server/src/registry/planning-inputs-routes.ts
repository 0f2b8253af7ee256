import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { parseCapabilityNeeds, parsePlanningProfile, parseProvincePairings, parseSupportCapacity } from "@medbridge/core";
import { requireAccess, requireAccessTo } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, chinaDate, systemClock } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams } from "../http/schemas.ts";
import {
  CapabilityNeedsInput,
  CapabilityNeedsQuery,
  CapabilityNeedsSchema,
  getCapabilityNeeds,
  getPlanningProfile,
  getSupportCapacity,
  listProvincePairings,
  PlanningProfileInput,
  PlanningProfileSchema,
  ProvincePairingsInput,
  ProvincePairingsSchema,
  putCapabilityNeeds,
  putPlanningProfile,
  putProvincePairings,
  putSupportCapacity,
  SupportCapacityInput,
  SupportCapacitySchema,
} from "./planning-inputs.ts";

const tags = ["registry"];

/** The province pairings are the programme's, nationwide: only a reach over the whole country changes them. */
const NATIONWIDE = { regionCode: null, institutionIds: [] };

/**
 * What the planners read, per record: a practitioner's planning profile is practitioner data (their
 * institution's coordinator, officials over it); a recipient's needs come from its capability
 * assessment (read like an assessment, written by those who keep the institution's record); a
 * supporter's capacity is registry data (read by all, written like the institution).
 */
export function planningInputsRoutes(db: Db, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/practitioners/:id/planning",
      {
        schema: {
          operationId: "getPractitionerPlanning",
          tags,
          summary: "A practitioner's planning profile (roles, department, when they can go), or the defaults when none is stored",
          params: IdParams,
          response: { 200: PlanningProfileSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "practitioner", [request.params.id]);
        const profile = await getPlanningProfile(db, request.params.id);
        // Why someone cannot go (a maternity leave, an illness) is for those who plan them, not for
        // every colleague who may read the practitioner: the reasons go only to who may edit.
        const mayEdit = await requireAccessTo(db, principal, "write", "practitioner", [request.params.id]).then(
          () => true,
          () => false,
        );
        return mayEdit ? profile : { ...profile, unavailable: profile.unavailable.map(({ reason: _reason, ...period }) => period) };
      },
    );

    app.put(
      "/practitioners/:id/planning",
      {
        schema: {
          operationId: "setPractitionerPlanning",
          tags,
          summary: "Set a practitioner's planning profile (replaces it)",
          params: IdParams,
          body: PlanningProfileInput,
          response: { 200: PlanningProfileSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        await requireAccessTo(db, principal, "write", "practitioner", [id]);
        const profile = parsePlanningProfile(request.body);
        await inTransaction(db, (tx) => putPlanningProfile(tx, actorOf(principal, request.id), id, profile));
        return getPlanningProfile(db, id);
      },
    );

    app.get(
      "/institutions/:id/capability-needs",
      {
        schema: {
          operationId: "getCapabilityNeeds",
          tags,
          summary: "A recipient's needs for a year (default this year): specialties it lacks and techniques it asked for",
          params: IdParams,
          querystring: CapabilityNeedsQuery,
          response: { 200: CapabilityNeedsSchema, ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "assessment", [request.params.id]);
        const year = request.query.year ?? Number(chinaDate(now()).slice(0, 4));
        return getCapabilityNeeds(db, request.params.id, year);
      },
    );

    app.put(
      "/institutions/:id/capability-needs",
      {
        schema: {
          operationId: "setCapabilityNeeds",
          tags,
          summary: "Replace a recipient's needs for a year",
          params: IdParams,
          body: CapabilityNeedsInput,
          response: { 200: CapabilityNeedsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        await requireAccessTo(db, principal, "write", "institution", [id]);
        const needs = parseCapabilityNeeds(request.body.needs);
        await inTransaction(db, (tx) => putCapabilityNeeds(tx, actorOf(principal, request.id), id, request.body.year, needs));
        return getCapabilityNeeds(db, id, request.body.year);
      },
    );

    app.get(
      "/institutions/:id/support-capacity",
      {
        schema: {
          operationId: "getSupportCapacity",
          tags,
          summary: "A supporting hospital's capacity for pairing (recipients, staff per specialty)",
          params: IdParams,
          response: { 200: SupportCapacitySchema, ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "institution", [request.params.id]);
        return getSupportCapacity(db, request.params.id);
      },
    );

    app.put(
      "/institutions/:id/support-capacity",
      {
        schema: {
          operationId: "setSupportCapacity",
          tags,
          summary: "Set a supporting hospital's capacity (replaces it)",
          params: IdParams,
          body: SupportCapacityInput,
          response: { 200: SupportCapacitySchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        await requireAccessTo(db, principal, "write", "institution", [id]);
        const capacity = parseSupportCapacity(request.body);
        await inTransaction(db, (tx) => putSupportCapacity(tx, actorOf(principal, request.id), id, capacity));
        return getSupportCapacity(db, id);
      },
    );

    app.get(
      "/province-pairings",
      {
        schema: {
          operationId: "listProvincePairings",
          tags,
          summary: "The programme's province pairings (supporting province → recipient province)",
          response: { 200: ProvincePairingsSchema, ...errorResponses },
        },
      },
      async () => listProvincePairings(db),
    );

    app.put(
      "/province-pairings",
      {
        schema: {
          operationId: "setProvincePairings",
          tags,
          summary: "Replace the programme's province pairings (national)",
          body: ProvincePairingsInput,
          response: { 200: ProvincePairingsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireAccess(principal, "write", "plan", [NATIONWIDE], "Only the national administration sets the province pairings");
        const pairings = parseProvincePairings(request.body.pairings);
        await inTransaction(db, (tx) => putProvincePairings(tx, actorOf(principal, request.id), pairings));
        return listProvincePairings(db);
      },
    );
  };
}
