import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { invalid, notFound } from "@medbridge/core";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccess } from "../access.ts";
import { actorOf, audit } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import { encrypt } from "../crypto.ts";
import type { Db } from "../db/connection.ts";
import { notifications, webhooks } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, Uuid } from "../http/schemas.ts";
import { RefusedTarget, resolveTarget, webhookPolicy } from "./webhook-target.ts";

const tags = ["referral"];
const Notification = Type.Object({
  id: Uuid,
  referralId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  title: Type.String(),
  createdAt: Type.String(),
  read: Type.Boolean(),
});
const WebhookInput = Type.Object(
  {
    institutionId: Uuid,
    url: Type.String({
      pattern: "^https?://",
      maxLength: 500,
      description: "Where the hospital system listens: a public address (HTTPS in production), unless the operator allow-listed it",
    }),
    secret: Type.String({ minLength: 16, maxLength: 200, description: "HMAC-SHA256 key; signatures arrive as x-medbridge-signature: sha256=<hex>" }),
  },
  { additionalProperties: false },
);

export function notificationRoutes(db: Db, config: Config, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  const policy = webhookPolicy(config);
  return async (app) => {
    app.get(
      "/notifications",
      {
        schema: {
          operationId: "listNotifications",
          tags,
          summary: "Your institution's notifications, newest first",
          querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) }), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!principal.institutionId) return { unread: 0, items: [] };
        const mine = eq(notifications.institutionId, principal.institutionId);
        const rows = await db
          .select()
          .from(notifications)
          .where(and(mine, request.query.unread ? isNull(notifications.readAt) : undefined))
          .orderBy(desc(notifications.createdAt))
          .limit(50);
        const [count] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(notifications)
          .where(and(mine, isNull(notifications.readAt)));
        return {
          unread: count?.n ?? 0,
          items: rows.map((n) => ({
            id: n.id,
            referralId: n.referralId,
            kind: n.kind,
            title: n.title,
            createdAt: new Date(n.createdAt).toISOString(),
            read: n.readAt !== null,
          })),
        };
      },
    );

    app.post(
      "/notifications/:id/read",
      {
        schema: {
          operationId: "markNotificationRead",
          tags,
          summary: "Mark a notification read",
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        // Another institution's notification is answered like one that does not exist (reads out of scope are 404).
        const marked = principal.institutionId
          ? await db
              .update(notifications)
              .set({ readAt: sql`coalesce(${notifications.readAt}, ${now()})` })
              .where(and(eq(notifications.id, request.params.id), eq(notifications.institutionId, principal.institutionId)))
              .returning({ id: notifications.id })
          : [];
        if (marked.length === 0) throw notFound("notification");
        return reply.status(204).send(null);
      },
    );

    app.put(
      "/webhooks",
      {
        schema: {
          operationId: "setWebhook",
          tags,
          summary: "Set the institution's webhook (coordinator of that institution, or admin)",
          body: WebhookInput,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireAccess(
          principal,
          "write",
          "webhook",
          [{ regionCode: null, institutionIds: [request.body.institutionId] }],
          "Only the institution's coordinator sets its webhook",
        );
        // Checked again at each delivery: what a name resolves to can change.
        await resolveTarget(request.body.url, policy).catch((error: unknown) => {
          throw error instanceof RefusedTarget
            ? invalid([{ path: "url", code: "not_allowed", params: { reason: "webhook_target" }, message: error.message }])
            : error;
        });
        await inTransaction(db, async (tx) => {
          const values = {
            institutionId: request.body.institutionId,
            url: request.body.url,
            secretCipher: encrypt(config.dataKey, request.body.secret),
            updatedAt: new Date(),
          };
          await tx.insert(webhooks).values(values).onConflictDoUpdate({ target: webhooks.institutionId, set: values });
          await audit(tx, actorOf(principal, request.id), {
            action: "set_webhook",
            entity: "institution",
            entityId: request.body.institutionId,
            after: { url: request.body.url },
          });
        });
        return reply.status(204).send(null);
      },
    );
  };
}
