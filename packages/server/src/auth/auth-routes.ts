import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DomainError, type Principal } from "@medbridge/core";
import { and, eq } from "drizzle-orm";
import { Type } from "typebox";
import { audit } from "../audit.ts";
import { type Clock, systemClock } from "../clock.ts";
import { type Config, DEFAULT_DEMO_PASSWORD } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { sessions, users } from "../db/schema.ts";
import { errorResponses } from "../http/schemas.ts";
import { claimAccountAttempt, claimUnknownName, clearAccountFailures, lockedOut } from "./lockout.ts";
import { MeSchema, me } from "./me.ts";
import { passwordRoutes } from "./password-routes.ts";
import { verifyPassword } from "./passwords.ts";
import { principalOf } from "./principal.ts";
import { startSession } from "./sessions.ts";
import { SESSION_COOKIE, sha256 } from "./tokens.ts";
import { normalizeUsername } from "./username.ts";

const tags = ["auth"];
const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export function authRoutes(db: Db, config: Config, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      "/auth/login",
      {
        config: {
          public: true,
          // Per address: thirty tries a minute, whatever the names. Per account the lockout below
          // holds, from any address and in every server process.
          rateLimit: { max: 30, timeWindow: "1 minute" },
        },
        schema: {
          operationId: "login",
          tags,
          summary: "Sign in; sets an HttpOnly session cookie",
          body: LoginBody,
          response: { 200: MeSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        // One spelling for the lockout and the lookup alike (" GZ.County.Coord" is gz.county.coord).
        const username = normalizeUsername(request.body.username);
        const { password } = request.body;
        const at = now();
        const [user] = await db.select().from(users).where(eq(users.username, username));
        // Names without an account are locked like accounts (lockout.ts), in every server process.
        const wait = user ? await claimAccountAttempt(db, user.id, at) : await claimUnknownName(db, config.indexKey, username, at);
        if (wait !== null) throw lockedOut(reply, wait);
        const matches = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
        // The published demo password opens nothing in production, even on accounts seeded with it before.
        const ok = matches && !(config.production && password === DEFAULT_DEMO_PASSWORD);
        if (!user || !ok)
          throw new DomainError("wrong_credentials", "Wrong username or password", [
            { path: "password", code: "mismatch", params: { other: "password" }, message: "does not match" },
          ]);
        await clearAccountFailures(db, user.id);
        await startSession(db, config, reply, user.id);
        await audit(
          db,
          { id: user.id, name: user.username, requestId: request.id },
          { action: "login", entity: "user", entityId: user.id, regionCode: user.scopeRegionCode },
        );
        const principal: Principal = {
          userId: user.id,
          username: user.username,
          role: user.role as Principal["role"],
          regionCode: user.regionCode,
          institutionId: user.institutionId,
        };
        return me(db, principal);
      },
    );

    app.post(
      "/auth/logout",
      {
        config: { public: true },
        schema: { operationId: "logout", tags, summary: "Sign out (ends this session)", response: { 204: Type.Null(), ...errorResponses } },
      },
      async (request, reply) => {
        const secret = request.cookies[SESSION_COOKIE];
        if (secret) await db.delete(sessions).where(and(eq(sessions.tokenHash, sha256(secret))));
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/me",
      {
        config: { beforePasswordChange: true },
        schema: { operationId: "getMe", tags, summary: "Who you are and what you may do", response: { 200: MeSchema, ...errorResponses } },
      },
      async (request) => me(db, principalOf(request)),
    );

    await app.register(passwordRoutes(db, config, now));
  };
}
