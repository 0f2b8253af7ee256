import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { evaluateHypertension, figureScope, formatDay, parseHypertensionInput } from "@medbridge/core";
import { Type } from "typebox";
import { requireAccessTo, requireEver } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { todayInChina } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf } from "../http/schemas.ts";
import { CallInput, CallSchema, listCalls, RecordedCallSchema, recordCall } from "./calls.ts";
import {
  ChronicPatientInput,
  ChronicPatientSchema,
  ControlRateQuery,
  ControlRateSchema,
  controlRate,
  enrolPatient,
  listPatients,
  listVisits,
  PatientListQuery,
  RecommendationSchema,
  RecordedVisitSchema,
  readPatient,
  recordVisit,
  VisitInput,
  VisitSchema,
} from "./register.ts";

const tags = ["hypertension"];

/** Hypertension decision support (stateless) and the chronic-care register of grassroots institutions. */
export function cdsRoutes({ db, config, now = () => new Date() }: { db: Db; config: Config; now?: () => Date }): FastifyPluginAsyncTypebox {
  const today = () => formatDay(todayInChina(now()));
  return async (app) => {
    app.post(
      "/cds/hypertension/evaluate",
      {
        schema: {
          operationId: "evaluateHypertension",
          tags,
          summary: "Evaluate one visit (hypertension.md input) → recommendation with its trace; nothing is stored",
          // The engine's own validator checks the body (the CLI uses the same one), naming each field.
          body: Type.Unknown({ description: "hypertension.md input" }),
          response: { 200: RecommendationSchema, ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return evaluateHypertension(parseHypertensionInput(request.body, { today: today() }));
      },
    );

    app.post(
      "/htn/patients",
      {
        schema: {
          operationId: "enrolChronicPatient",
          tags,
          summary: "Register a hypertension patient at your grassroots institution",
          body: ChronicPatientInput,
          response: { 201: ChronicPatientSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireEver(principal, "write", "chronic_patient", "Only clinicians and coordinators of a grassroots institution keep the register");
        const created = await inTransaction(db, (tx) => enrolPatient(tx, actorOf(principal, request.id), principal, config, request.body, now()));
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/htn/patients",
      {
        schema: {
          operationId: "listChronicPatients",
          tags,
          summary: "Your register, soonest due first; due=overdue|week is the call list",
          querystring: PatientListQuery,
          response: { 200: PageOf(ChronicPatientSchema), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireEver(principal, "read", "chronic_patient", "Officials see control rates, not patients");
        return listPatients(db, principal, config.dataKey, request.query, today());
      },
    );

    app.get(
      "/htn/patients/:id",
      {
        schema: {
          operationId: "getChronicPatient",
          tags,
          summary: "One patient (an audited read of personal details)",
          params: IdParams,
          response: { 200: ChronicPatientSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "chronic_patient", [request.params.id]);
        return readPatient(db, actorOf(principal, request.id), principal, config.dataKey, request.params.id);
      },
    );

    app.get(
      "/htn/patients/:id/visits",
      {
        schema: {
          operationId: "listChronicVisits",
          tags,
          summary: "The patient's visits, newest first, each with its recommendation",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(VisitSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "chronic_patient", [request.params.id]);
        return { items: await listVisits(db, request.params.id) };
      },
    );

    app.post(
      "/htn/patients/:id/visits",
      {
        schema: {
          operationId: "recordChronicVisit",
          tags,
          summary: "Record a visit; answers the recommendation and the next due date",
          params: IdParams,
          body: VisitInput,
          response: { 201: RecordedVisitSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "chronic_patient", [request.params.id]);
        const visit = await inTransaction(db, (tx) => recordVisit(tx, actorOf(principal, request.id), request.params.id, request.body, today(), now()));
        return reply.status(201).send(visit);
      },
    );

    app.get(
      "/htn/patients/:id/calls",
      {
        schema: {
          operationId: "listChronicCalls",
          tags,
          summary: "The calls made to the patient from the call list, newest first",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(CallSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "chronic_patient", [request.params.id]);
        return { items: await listCalls(db, request.params.id) };
      },
    );

    app.post(
      "/htn/patients/:id/calls",
      {
        schema: {
          operationId: "recordChronicCall",
          tags,
          summary: "Record a call and its result: reschedules, retries or takes the patient off the call list",
          params: IdParams,
          body: CallInput,
          response: { 201: RecordedCallSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "chronic_patient", [request.params.id]);
        const call = await inTransaction(db, (tx) =>
          recordCall(tx, actorOf(principal, request.id), principal.userId, request.params.id, request.body, today(), now()),
        );
        return reply.status(201).send(call);
      },
    );

    app.get(
      "/htn/control-rate",
      {
        schema: {
          operationId: "getControlRate",
          tags,
          summary: "Control rate for a region or an institution, per institution",
          querystring: ControlRateQuery,
          response: { 200: ControlRateSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { regionCode, institutionId } = request.query;
        const asOf = request.query.asOf ?? today();
        const scope = figureScope(principal, "count", regionCode);
        // Staff count their own institution; a region's figures may be narrowed to one institution.
        if ("institutionId" in scope) return controlRate(db, scope, asOf);
        return controlRate(db, { ...(scope.regionCode && { regionCode: scope.regionCode }), ...(institutionId && { institutionId }) }, asOf);
      },
    );
  };
}
