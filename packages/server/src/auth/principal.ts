import { DomainError, type Principal, type Role } from "@medbridge/core";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { builtOnce } from "../db/built-once.ts";
import type { Db } from "../db/connection.ts";
import { apiTokens, sessions, users } from "../db/schema.ts";
import { API_TOKEN_PREFIX, SESSION_COOKIE, sha256 } from "./tokens.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
    /** The caller's password was set by someone else: only the password change is open to them. */
    mustChangePassword: boolean;
  }
  interface FastifyContextConfig {
    /** Route answers without a signed-in user (health, login, OpenAPI, the web app). */
    public?: boolean;
    /** Route open to a user who must change their password first (who am I, change it). */
    beforePasswordChange?: boolean;
  }
}

const principalColumns = {
  userId: users.id,
  username: users.username,
  role: users.role,
  regionCode: users.regionCode,
  institutionId: users.institutionId,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
};

type Row = {
  userId: string;
  username: string;
  role: string;
  regionCode: string | null;
  institutionId: string | null;
  active: boolean;
  mustChangePassword: boolean;
};
type Caller = { principal: Principal; mustChangePassword: boolean } | null;

function toCaller(row: Row | undefined): Caller {
  if (!row?.active) return null;
  return {
    principal: { userId: row.userId, username: row.username, role: row.role as Role, regionCode: row.regionCode, institutionId: row.institutionId },
    mustChangePassword: row.mustChangePassword,
  };
}

async function resolveCaller(db: Db, request: FastifyRequest): Promise<Caller> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const token = header.slice("Bearer ".length).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const [row] = await db
      .select({ ...principalColumns, tokenId: apiTokens.id })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
    return toCaller(row);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const [row] = await sessionCaller(db, { tokenHash: sha256(cookie), now: new Date().toISOString() });
  return toCaller(row);
}

/** Every request with a cookie asks this: its text is built once (db/built-once.ts). */
const sessionCaller = builtOnce<Row>(
  () => sql`select u.id as "userId", u.username, u.role, u.region_code as "regionCode", u.institution_id as "institutionId", u.active,
      u.must_change_password as "mustChangePassword"
    from ${sessions} s join ${users} u on u.id = s.user_id
    where s.token_hash = ${sql.placeholder("tokenHash")} and s.expires_at > ${sql.placeholder("now")}`,
);

/** Resolves who is calling on every request; routes not marked public answer 401 without one. */
export function registerPrincipal(app: FastifyInstance, db: Db): void {
  app.decorateRequest("principal", null);
  app.decorateRequest("mustChangePassword", false);
  app.addHook("preValidation", async (request) => {
    const caller = await resolveCaller(db, request);
    request.principal = caller?.principal ?? null;
    request.mustChangePassword = caller?.mustChangePassword ?? false;
    const { config } = request.routeOptions;
    if (!request.principal && !config.public) {
      throw new DomainError("unauthorized", "Sign in first (session cookie or Bearer API token)");
    }
    // The one place a password someone else chose is enforced: whatever signs in as the user
    // (session or token) reaches nothing else until the user has picked their own.
    if (request.mustChangePassword && !config.public && !config.beforePasswordChange) {
      throw new DomainError(
        "password_change_required",
        "Your password was set by someone else: choose your own first (POST /api/v1/auth/password with currentPassword and newPassword)",
      );
    }
  });
}

/** The caller of a non-public route (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError("unauthorized", "Sign in first");
  return request.principal;
}
