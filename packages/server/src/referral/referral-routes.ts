import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { figureScope, forbidden, mayEver, readScope } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf, audit } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { todayInChina } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { slots } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import type { LandDischarge } from "../follow-ups.ts";
import { errorResponses, fileResponse, IdParams, PageOf, Uuid } from "../http/schemas.ts";
import { ATTACHMENT_TYPES, REFERRAL_BODY_LIMIT, readAttachment } from "./attachments.ts";
import { PartnerQuery, PartnerSchema, suggestPartners } from "./partners.ts";
import {
  BedInput,
  BedSchema,
  checkPublication,
  listBeds,
  listSlots,
  PoolQuery,
  publishBeds,
  publishSlots,
  releaseSlot,
  SlotInput,
  SlotSchema,
} from "./pool.ts";
import { referralBodyParser } from "./referral-body.ts";
import {
  applyTransition,
  createReferral,
  history,
  listReferrals,
  ReferralInput,
  ReferralListQuery,
  ReferralSchema,
  readReferral,
  TransitionInput,
} from "./referrals.ts";
import { referralStats, StatsQuery, StatsSchema, statsScope } from "./stats.ts";
import { uploadGate } from "./upload-gate.ts";

const tags = ["referral"];

export interface ReferralRouteOptions {
  db: Db;
  config: Config;
  /** The clock, so tests can move time (SLA expiry). */
  now?: () => Date;
  /** Registers that take in a patient sent back down (follow-ups.ts); app.ts gives the hypertension register's. */
  landings?: readonly LandDischarge[];
}

export function referralRoutes({ db, config, now = () => new Date(), landings = [] }: ReferralRouteOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The create route alone takes files: its own scope, with a body parser that holds each file
    // once, and a gate that admits a few large bodies at a time (referral-body.ts, upload-gate.ts).
    const gate = uploadGate();
    const createRoute: FastifyPluginAsyncTypebox = async (create) => {
      create.addContentTypeParser("application/json", referralBodyParser(create.getDefaultJsonParser("error", "error")));
      create.post(
        "/referrals",
        {
          bodyLimit: REFERRAL_BODY_LIMIT,
          onRequest: gate.admitLargeBody,
          schema: {
            operationId: "createReferral",
            tags,
            summary: "Create a referral (draft; submit: true to submit at once) from your institution",
            body: ReferralInput,
            response: { 201: ReferralSchema, ...errorResponses },
          },
        },
        async (request, reply) => {
          const principal = principalOf(request);
          requireEver(principal, "write", "referral", "Only clinicians and coordinators of an institution refer patients");
          const actor = actorOf(principal, request.id);
          // createReferral opens a transaction only when a booking or files need one (create-statement.ts).
          const created = await createReferral(db, actor, principal, config, request.body, now());
          return reply.status(201).send(created);
        },
      );
    };
    await app.register(createRoute);

    app.get(
      "/referrals",
      {
        schema: {
          operationId: "listReferrals",
          tags,
          summary: "Your institution's worklist: incoming (green channel first) or outgoing",
          querystring: ReferralListQuery,
          response: { 200: PageOf(ReferralSchema), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!mayEver(principal, "read", "referral") || readScope(principal, "referral") === null) {
          throw forbidden("worklists_for_institutions", "Worklists belong to institutions; officials see counts in the indicators");
        }
        return listReferrals(db, principal, config.dataKey, request.query);
      },
    );

    app.get(
      "/institutions/partners",
      {
        schema: {
          operationId: "suggestPartners",
          tags,
          summary:
            "Institutions to offer first when picking a referral target or a telemedicine supporter: agreement partners, alliance members, the county hospital of the patient's county",
          querystring: PartnerQuery,
          response: { 200: Type.Object({ items: Type.Array(PartnerSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const { institutionId } = principalOf(request);
        return { items: institutionId ? await suggestPartners(db, institutionId, request.query) : [] };
      },
    );

    app.get(
      "/referrals/:id",
      {
        schema: {
          operationId: "getReferral",
          tags,
          summary: "One referral (reading patient details is audit-logged)",
          params: IdParams,
          response: { 200: ReferralSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "referral", [request.params.id]);
        return readReferral(db, actorOf(principal, request.id), principal, config.dataKey, request.params.id);
      },
    );

    app.get(
      "/referrals/:id/attachments/:attachmentId",
      {
        schema: {
          operationId: "downloadReferralAttachment",
          tags,
          summary: "Download one attachment (a read of patient details, audit-logged)",
          params: Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false }),
          response: { 200: fileResponse(ATTACHMENT_TYPES, "The file as it was attached"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "referral", [request.params.id]);
        const file = await readAttachment(db, request.params.id, request.params.attachmentId);
        await audit(db, actorOf(principal, request.id), { action: "read_patient", entity: "referral", entityId: request.params.id });
        return reply
          .header("content-type", file.contentType)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .header("x-content-type-options", "nosniff")
          .send(file.data);
      },
    );

    app.get(
      "/referrals/:id/history",
      {
        schema: {
          operationId: "getReferralHistory",
          tags,
          summary: "Who did what when",
          params: IdParams,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  at: Type.String(),
                  actor: Type.String(),
                  action: Type.String(),
                  from: Type.Union([Type.String(), Type.Null()]),
                  to: Type.String(),
                  note: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "referral", [request.params.id]);
        return { items: await history(db, request.params.id) };
      },
    );

    app.post(
      "/referrals/:id/transitions",
      {
        schema: {
          operationId: "transitionReferral",
          tags,
          summary: "Submit, accept, reject, schedule, mark arrived, complete or cancel",
          params: IdParams,
          body: TransitionInput,
          response: { 200: ReferralSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "referral", [request.params.id]);
        const actor = actorOf(principal, request.id);
        await inTransaction(db, (tx) => applyTransition(tx, actor, principal, config, request.params.id, request.body, now(), landings));
        return readReferral(db, actor, principal, config.dataKey, request.params.id, { audited: false });
      },
    );

    app.get(
      "/referrals/stats",
      {
        schema: {
          operationId: "getReferralStats",
          tags,
          summary: "Counts for the indicators: up/down, acceptance time, SLA breaches, rejections, pool utilisation",
          querystring: StatsQuery,
          response: { 200: StatsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { regionCode } = request.query;
        const scope = figureScope(principal, "count", regionCode);
        const counted = "institutionId" in scope ? statsScope(null, scope.institutionId) : statsScope(null, null, scope.regionCode);
        return referralStats(db, counted, request.query);
      },
    );

    app.post(
      "/slots",
      {
        schema: {
          operationId: "publishSlots",
          tags,
          summary: "Publish outpatient slots reserved for referrals",
          body: SlotInput,
          response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const regionCode = await checkPublication(db, request.body, todayInChina(now()));
        requireAccess(principal, "write", "reserved_pool", [{ regionCode, institutionIds: [request.body.institutionId] }]);
        const id = await inTransaction(db, (tx) => publishSlots(tx, actorOf(principal, request.id), request.body, regionCode));
        return reply.status(201).send({ id });
      },
    );

    app.get(
      "/slots",
      {
        schema: {
          operationId: "listSlots",
          tags,
          summary: "Reserved slots and how many are free",
          querystring: PoolQuery,
          response: { 200: Type.Object({ items: Type.Array(SlotSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return { items: await listSlots(db, request.query) };
      },
    );

    app.post(
      "/slots/:id/release",
      {
        schema: {
          operationId: "releaseSlot",
          tags,
          summary: "Give the unbooked reserved slots back to the general pool",
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const [slot] = await db.select({ institutionId: slots.institutionId }).from(slots).where(eq(slots.id, request.params.id));
        if (slot) requireAccess(principal, "write", "reserved_pool", [{ regionCode: null, institutionIds: [slot.institutionId] }]);
        await inTransaction(db, (tx) => releaseSlot(tx, actorOf(principal, request.id), request.params.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/beds",
      {
        schema: {
          operationId: "publishBeds",
          tags,
          summary: "Publish beds reserved for referred admissions",
          body: BedInput,
          response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const regionCode = await checkPublication(db, request.body, todayInChina(now()));
        requireAccess(principal, "write", "reserved_pool", [{ regionCode, institutionIds: [request.body.institutionId] }]);
        const id = await inTransaction(db, (tx) => publishBeds(tx, actorOf(principal, request.id), request.body, regionCode));
        return reply.status(201).send({ id });
      },
    );

    app.get(
      "/beds",
      {
        schema: {
          operationId: "listBeds",
          tags,
          summary: "Reserved beds and how many are free",
          querystring: PoolQuery,
          response: { 200: Type.Object({ items: Type.Array(BedSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return { items: await listBeds(db, request.query) };
      },
    );
  };
}
