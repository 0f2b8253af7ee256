import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { requireAccess, requireAccessTo } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, chinaDate, systemClock } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf, Uuid } from "../http/schemas.ts";
import {
  AllianceInput,
  AllianceListQuery,
  AlliancePatch,
  AllianceSchema,
  addMember,
  checkAllianceInput,
  createAlliance,
  getAlliance,
  listAlliances,
  MemberInput,
  MemberPatch,
  setMemberLeft,
  updateAlliance,
} from "./alliances.ts";

const tags = ["registry"];
const MemberParams = Type.Object({ id: Uuid, institutionId: Uuid }, { additionalProperties: false });

export function allianceRoutes(db: Db, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/alliances",
      {
        schema: {
          operationId: "listAlliances",
          tags,
          summary: "List alliances (医联体, 医共体, …)",
          querystring: AllianceListQuery,
          response: { 200: PageOf(AllianceSchema), ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return listAlliances(db, request.query);
      },
    );

    app.get(
      "/alliances/:id",
      {
        schema: {
          operationId: "getAlliance",
          tags,
          summary: "One alliance with its members",
          params: IdParams,
          response: { 200: AllianceSchema, ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "alliance", [request.params.id]);
        return getAlliance(db, request.params.id);
      },
    );

    app.post(
      "/alliances",
      {
        schema: {
          operationId: "createAlliance",
          tags,
          summary: "Create an alliance led by an institution",
          body: AllianceInput,
          response: { 201: AllianceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const regionCode = (await checkAllianceInput(db, request.body)) as string;
        requireAccess(principal, "write", "alliance", [{ regionCode, institutionIds: [request.body.leadInstitutionId] }]);
        const id = await inTransaction(db, (tx) => createAlliance(tx, actorOf(principal, request.id), request.body, regionCode, chinaDate(now())));
        return reply.status(201).send(await getAlliance(db, id));
      },
    );

    app.patch(
      "/alliances/:id",
      {
        schema: {
          operationId: "updateAlliance",
          tags,
          summary: "Rename, change kind, or deactivate (active: false)",
          params: IdParams,
          body: AlliancePatch,
          response: { 200: AllianceSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "alliance", [request.params.id]);
        await inTransaction(db, (tx) => updateAlliance(tx, actorOf(principal, request.id), request.params.id, request.body));
        return getAlliance(db, request.params.id);
      },
    );

    app.post(
      "/alliances/:id/members",
      {
        schema: {
          operationId: "addAllianceMember",
          tags,
          summary: "Add a member institution",
          params: IdParams,
          body: MemberInput,
          response: { 200: AllianceSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        await requireAccessTo(db, principal, "write", "alliance", [id]);
        await checkAllianceInput(db, { members: [request.body] });
        const alliance = await getAlliance(db, id);
        await inTransaction(db, (tx) => addMember(tx, actorOf(principal, request.id), id, request.body, alliance.regionCode));
        return getAlliance(db, id);
      },
    );

    app.patch(
      "/alliances/:id/members/:institutionId",
      {
        schema: {
          operationId: "updateAllianceMember",
          tags,
          summary: "Record that a member left (or undo it with null)",
          params: MemberParams,
          body: MemberPatch,
          response: { 200: AllianceSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id, institutionId } = request.params;
        await requireAccessTo(db, principal, "write", "alliance", [id]);
        const alliance = await getAlliance(db, id);
        await inTransaction(db, (tx) => setMemberLeft(tx, actorOf(principal, request.id), id, institutionId, request.body.leftOn, alliance.regionCode));
        return getAlliance(db, id);
      },
    );
  };
}
