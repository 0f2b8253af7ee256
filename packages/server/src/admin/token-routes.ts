import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { notFound, type Principal } from "@medbridge/core";
import { desc, eq } from "drizzle-orm";
import { Type } from "typebox";
import { requireEver } from "../access.ts";
import { actorOf, audit } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { API_TOKEN_PREFIX, newSecret, sha256 } from "../auth/tokens.ts";
import type { Db } from "../db/connection.ts";
import { apiTokens, users } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, Uuid } from "../http/schemas.ts";

const tags = ["admin"];
const TokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  userId: Uuid,
  username: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
const CreatedToken = Type.Object({ ...TokenSchema.properties, token: Type.String({ description: "Shown once; store it in the hospital system" }) });
const TokenInput = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }), userId: Uuid }, { additionalProperties: false });

function requireAdmin(principal: Principal): void {
  requireEver(principal, "write", "api_token", "Only national administrators manage API tokens");
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function listTokens(db: Db, id?: string) {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      userId: apiTokens.userId,
      username: users.username,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(id ? eq(apiTokens.id, id) : undefined)
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) as string, lastUsedAt: iso(r.lastUsedAt), revokedAt: iso(r.revokedAt) }));
}

export function tokenRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api-tokens",
      {
        schema: {
          operationId: "listApiTokens",
          tags,
          summary: "API tokens (never their secrets)",
          response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireAdmin(principalOf(request));
        return { items: await listTokens(db) };
      },
    );

    app.post(
      "/api-tokens",
      {
        schema: {
          operationId: "createApiToken",
          tags,
          summary: "Create a token that acts as the given user (shown once)",
          body: TokenInput,
          response: { 201: CreatedToken, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireAdmin(principal);
        const [user] = await db.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, request.body.userId));
        if (!user?.active) throw notFound("user");
        const token = newSecret(API_TOKEN_PREFIX);
        const id = await inTransaction(db, async (tx) => {
          const [row] = await tx
            .insert(apiTokens)
            .values({ name: request.body.name.trim(), tokenHash: sha256(token), prefix: token.slice(0, 10), userId: user.id, createdBy: principal.userId })
            .returning({ id: apiTokens.id });
          const tokenId = (row as { id: string }).id;
          await audit(tx, actorOf(principal, request.id), {
            action: "create",
            entity: "api_token",
            entityId: tokenId,
            after: { name: request.body.name, userId: user.id },
          });
          return tokenId;
        });
        const [created] = await listTokens(db, id);
        return reply.status(201).send({ ...(created as NonNullable<typeof created>), token });
      },
    );

    app.post(
      "/api-tokens/:id/revoke",
      {
        schema: {
          operationId: "revokeApiToken",
          tags,
          summary: "Revoke a token (effective immediately)",
          params: IdParams,
          response: { 200: TokenSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireAdmin(principal);
        const [existing] = await listTokens(db, request.params.id);
        if (!existing) throw notFound("api_token");
        if (!existing.revokedAt) {
          await inTransaction(db, async (tx) => {
            await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, request.params.id));
            await audit(tx, actorOf(principal, request.id), { action: "revoke", entity: "api_token", entityId: request.params.id });
          });
        }
        const [revoked] = await listTokens(db, request.params.id);
        return revoked as NonNullable<typeof revoked>;
      },
    );
  };
}
