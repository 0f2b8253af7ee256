import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { invalid, readScope, regionContains } from "@medbridge/core";
import { eq, inArray } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { dispatches, institutions } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf } from "../http/schemas.ts";
import {
  AgreementInput,
  AgreementListQuery,
  AgreementPatch,
  AgreementSchema,
  checkAgreementInput,
  createAgreement,
  getAgreement,
  listAgreements,
  updateAgreement,
} from "./agreements.ts";
import { createDispatch, DispatchInput, DispatchPatch, DispatchSchema, getDispatch, listDispatches, updateDispatch } from "./dispatches.ts";
import { resolvePack } from "./packs.ts";

const tags = ["assistance"];

/** The pack must exist, and a province's copy may only be assigned inside that province's region. */
async function checkPack(db: Db, packId: string, recipientRegion: string): Promise<void> {
  const pack = await resolvePack(db, packId);
  if (!pack) throw invalid([{ path: "packId", code: "not_found", params: { entity: "rule_pack" }, message: `unknown rule pack "${packId}"` }]);
  if (pack.regionCode && !regionContains(pack.regionCode, recipientRegion)) {
    throw invalid([
      {
        path: "packId",
        code: "not_allowed",
        params: { reason: "outside_region" },
        message: `pack ${packId} belongs to region ${pack.regionCode}, not the recipient's`,
      },
    ]);
  }
}

export function agreementRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/agreements",
      {
        schema: {
          operationId: "listAgreements",
          tags,
          summary: "Paired-assistance agreements in your scope",
          querystring: AgreementListQuery,
          response: { 200: PageOf(AgreementSchema), ...errorResponses },
        },
      },
      async (request) => listAgreements(db, readScope(principalOf(request), "agreement"), request.query),
    );

    app.get(
      "/agreements/:id",
      { schema: { operationId: "getAgreement", tags, summary: "One agreement", params: IdParams, response: { 200: AgreementSchema, ...errorResponses } } },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "agreement", [request.params.id]);
        return getAgreement(db, request.params.id);
      },
    );

    app.post(
      "/agreements",
      {
        schema: {
          operationId: "createAgreement",
          tags,
          summary: "Create an agreement (health commission)",
          body: AgreementInput,
          response: { 201: AgreementSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireEver(principal, "write", "agreement", "Only the health commission creates agreements");
        const regionCode = await checkAgreementInput(db, request.body);
        const supporterRegions = (
          await db.select({ r: institutions.regionCode }).from(institutions).where(inArray(institutions.id, request.body.supporterIds))
        ).map((x) => x.r);
        requireAccess(principal, "write", "agreement", [{ regionCode, otherRegionCodes: supporterRegions, institutionIds: [] }]);
        await checkPack(db, request.body.packId, regionCode);
        const id = await inTransaction(db, (tx) => createAgreement(tx, actorOf(principal, request.id), request.body, regionCode));
        return reply.status(201).send(await getAgreement(db, id));
      },
    );

    app.patch(
      "/agreements/:id",
      {
        schema: {
          operationId: "updateAgreement",
          tags,
          summary: "Change pack, mode, end date, specialties or status",
          params: IdParams,
          body: AgreementPatch,
          response: { 200: AgreementSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "agreement", [request.params.id]);
        if (request.body.packId) await checkPack(db, request.body.packId, (await getAgreement(db, request.params.id)).regionCode);
        await inTransaction(db, (tx) => updateAgreement(tx, actorOf(principal, request.id), request.params.id, request.body));
        return getAgreement(db, request.params.id);
      },
    );

    app.get(
      "/agreements/:id/dispatches",
      {
        schema: {
          operationId: "listDispatches",
          tags,
          summary: "The agreement's dispatch roster",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(DispatchSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "agreement", [request.params.id]);
        return { items: await listDispatches(db, request.params.id) };
      },
    );

    app.post(
      "/agreements/:id/dispatches",
      {
        schema: {
          operationId: "createDispatch",
          tags,
          summary: "Station a practitioner of a supporter (the supporter's roster)",
          params: IdParams,
          body: DispatchInput,
          response: { 201: DispatchSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "dispatch", [request.params.id]);
        const id = await inTransaction(db, (tx) => createDispatch(tx, actorOf(principal, request.id), request.params.id, request.body));
        return reply.status(201).send(await getDispatch(db, id));
      },
    );

    app.patch(
      "/dispatches/:id",
      {
        schema: {
          operationId: "updateDispatch",
          tags,
          summary: "Record actual dates, change plans, cancel",
          params: IdParams,
          body: DispatchPatch,
          response: { 200: DispatchSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const [row] = await db.select({ agreementId: dispatches.agreementId }).from(dispatches).where(eq(dispatches.id, request.params.id));
        if (!row) throw invalid([{ path: "id", code: "not_found", params: { entity: "dispatch" }, message: "no such dispatch" }]);
        await requireAccessTo(db, principal, "write", "dispatch", [row.agreementId]);
        await inTransaction(db, (tx) => updateDispatch(tx, actorOf(principal, request.id), request.params.id, request.body));
        return getDispatch(db, request.params.id);
      },
    );
  };
}
