import { DomainError, type Principal, type Role } from "@medbridge/core";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/connection.ts";
import { apiTokens, sessions, users } from "../db/schema.ts";
import { API_TOKEN_PREFIX, SESSION_COOKIE, sha256 } from "./tokens.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Route answers without a signed-in user (health, login, OpenAPI, the web app). */
    public?: boolean;
  }
}

const principalColumns = {
  userId: users.id,
  username: users.username,
  role: users.role,
  regionCode: users.regionCode,
  institutionId: users.institutionId,
  active: users.active,
};

type Row = { userId: string; username: string; role: string; regionCode: string | null; institutionId: string | null; active: boolean };

function toPrincipal(row: Row | undefined): Principal | null {
  if (!row?.active) return null;
  return { userId: row.userId, username: row.username, role: row.role as Role, regionCode: row.regionCode, institutionId: row.institutionId };
}

async function resolvePrincipal(db: Db, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const token = header.slice("Bearer ".length).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const [row] = await db
      .select({ ...principalColumns, tokenId: apiTokens.id })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
    return toPrincipal(row);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const [row] = await db
    .select(principalColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(cookie)), gt(sessions.expiresAt, new Date())));
  return toPrincipal(row);
}

/** Resolves who is calling on every request; routes not marked public answer 401 without one. */
export function registerPrincipal(app: FastifyInstance, db: Db): void {
  app.decorateRequest("principal", null);
  app.addHook("preValidation", async (request) => {
    request.principal = await resolvePrincipal(db, request);
    if (!request.principal && !request.routeOptions.config.public) {
      throw new DomainError("unauthorized", "Sign in first (session cookie or Bearer API token)");
    }
  });
}

/** The caller of a non-public route (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError("unauthorized", "Sign in first");
  return request.principal;
}
