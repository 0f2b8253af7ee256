import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DomainError, ENTITIES, mayEver, type Principal } from "@medbridge/core";
import { and, eq } from "drizzle-orm";
import { Type } from "typebox";
import { audit } from "../audit.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { institutions, regions, sessions, users } from "../db/schema.ts";
import { errorResponses } from "../http/schemas.ts";
import { claimAccountAttempt, clearAccountFailures, lockedOut, UnknownNameLockout } from "./lockout.ts";
import { verifyPassword } from "./passwords.ts";
import { principalOf } from "./principal.ts";
import { newSecret, SESSION_COOKIE, sha256 } from "./tokens.ts";
import { normalizeUsername } from "./username.ts";

const tags = ["auth"];
const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  institutionId: Type.Union([Type.String(), Type.Null()]),
  institutionName: Type.Union([Type.String(), Type.Null()]),
  /** The practitioner record of a stationed doctor (their check-ins and service credit). */
  practitionerId: Type.Union([Type.String(), Type.Null()]),
  /** What the UI may offer: entity → may read / may write at all. */
  permissions: Type.Record(Type.String(), Type.Object({ read: Type.Boolean(), write: Type.Boolean() })),
});

async function me(db: Db, principal: Principal) {
  const [row] = await db
    .select({ displayName: users.displayName, regionName: regions.name, institutionName: institutions.name, practitionerId: users.practitionerId })
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, principal.userId));
  const permissions = Object.fromEntries(ENTITIES.map((e) => [e, { read: mayEver(principal, "read", e), write: mayEver(principal, "write", e) }]));
  return {
    id: principal.userId,
    username: principal.username,
    displayName: row?.displayName ?? principal.username,
    role: principal.role,
    regionCode: principal.regionCode,
    regionName: row?.regionName ?? null,
    institutionId: principal.institutionId,
    institutionName: row?.institutionName ?? null,
    practitionerId: row?.practitionerId ?? null,
    permissions,
  };
}

export function authRoutes(db: Db, config: Config, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  // Names without an account are locked like accounts, in memory (see lockout.ts).
  const unknownNames = new UnknownNameLockout();
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
        schema: { tags, summary: "Sign in; sets an HttpOnly session cookie", body: LoginBody, response: { 200: MeSchema, ...errorResponses } },
      },
      async (request, reply) => {
        // One spelling for the lockout and the lookup alike (" GZ.County.Coord" is gz.county.coord).
        const username = normalizeUsername(request.body.username);
        const { password } = request.body;
        const at = now();
        const [user] = await db.select().from(users).where(eq(users.username, username));
        const wait = user ? await claimAccountAttempt(db, user.id, at) : unknownNames.claim(username, at);
        if (wait !== null) throw lockedOut(reply, wait);
        const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
        if (!user || !ok) throw new DomainError("unauthorized", "Wrong username or password", [{ path: "password", message: "does not match" }]);
        await clearAccountFailures(db, user.id);
        const secret = newSecret();
        const expiresAt = new Date(Date.now() + config.sessionHours * 3600_000);
        await db.insert(sessions).values({ tokenHash: sha256(secret), userId: user.id, expiresAt });
        await audit(
          db,
          { id: user.id, name: user.username, requestId: request.id },
          { action: "login", entity: "user", entityId: user.id, regionCode: user.scopeRegionCode },
        );
        reply.setCookie(SESSION_COOKIE, secret, {
          httpOnly: true,
          sameSite: "strict",
          secure: config.production,
          path: "/",
          expires: expiresAt,
        });
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
      { config: { public: true }, schema: { tags, summary: "Sign out (ends this session)", response: { 204: Type.Null() } } },
      async (request, reply) => {
        const secret = request.cookies[SESSION_COOKIE];
        if (secret) await db.delete(sessions).where(and(eq(sessions.tokenHash, sha256(secret))));
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );

    app.get("/me", { schema: { tags, summary: "Who you are and what you may do", response: { 200: MeSchema, ...errorResponses } } }, async (request) =>
      me(db, principalOf(request)),
    );
  };
}
