import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DomainError } from "@medbridge/core";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccessTo } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams } from "../http/schemas.ts";
import { verifySignature } from "../notify/sms-gateway.ts";
import { ConsentInput, ConsentSchema, DeliveryReportInput, listReminders, ReminderSchema, recordDeliveryReport, setConsent } from "./sms-reminders.ts";

const tags = ["hypertension"];

/**
 * SMS reminders of the register: whether a gateway is configured, a patient's consent and
 * reminders, and the gateway's delivery reports (public, but only with the shared secret's
 * signature over the exact body).
 */
export function smsRoutes({ db, config, now = () => new Date() }: { db: Db; config: Config; now?: () => Date }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/htn/reminders/status",
      {
        schema: {
          operationId: "getReminderStatus",
          tags,
          summary: "Whether SMS reminders are on (a gateway is configured on this server)",
          response: { 200: Type.Object({ enabled: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return { enabled: config.sms !== null };
      },
    );

    app.put(
      "/htn/patients/:id/sms-consent",
      {
        schema: {
          operationId: "setSmsConsent",
          tags,
          summary: "Record the patient's consent to SMS reminders, or its withdrawal (pending reminders are then skipped)",
          params: IdParams,
          body: ConsentInput,
          response: { 200: ConsentSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "chronic_patient", [request.params.id]);
        return inTransaction(db, (tx) => setConsent(tx, actorOf(principal, request.id), request.params.id, request.body.consent, now()));
      },
    );

    app.get(
      "/htn/patients/:id/reminders",
      {
        schema: {
          operationId: "listSmsReminders",
          tags,
          summary: "The patient's SMS reminders, newest due date first, with their status and delivery result",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(ReminderSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "chronic_patient", [request.params.id]);
        return { items: await listReminders(db, request.params.id) };
      },
    );

    // The report is verified over the bytes that were signed: this scope keeps the raw body.
    const rawBodies = new WeakMap<FastifyRequest, string>();
    const reports: FastifyPluginAsyncTypebox = async (scope) => {
      const parseJson = scope.getDefaultJsonParser("error", "error");
      scope.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: 16 * 1024 }, (request, body, done) => {
        rawBodies.set(request, body as string);
        parseJson(request, body as string, done);
      });
      scope.post(
        "/sms/delivery-reports",
        {
          config: { public: true },
          // Before the body is validated: an unsigned request learns nothing about what it sent.
          preValidation: async (request) => {
            if (!config.sms) throw new DomainError("not_found", "SMS reminders are not configured on this server", [], { entity: "sms_service" });
            if (!verifySignature(config.sms.secret, request.headers, rawBodies.get(request) ?? "", now())) {
              throw new DomainError("forbidden", "The report is not signed with this server's SMS secret (x-medbridge-timestamp, x-medbridge-signature)", [], {
                reason: "unsigned_report",
              });
            }
          },
          schema: {
            operationId: "receiveSmsDeliveryReport",
            tags,
            summary: "The SMS gateway reports a reminder delivered or undelivered (signed like the sends: HMAC-SHA256 of timestamp.body)",
            body: DeliveryReportInput,
            response: { 204: Type.Null({ description: "Stored" }), ...errorResponses },
          },
        },
        async (request, reply) => {
          await recordDeliveryReport(db, request.body, now());
          return reply.status(204).send(null);
        },
      );
    };
    await app.register(reports);
  };
}
