import { and, eq, isNull } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { apiTokens, sessions } from "../db/schema.ts";
import { newSecret, SESSION_COOKIE, sha256 } from "./tokens.ts";

/** Starts a session for the user and sets its HttpOnly cookie (its expiry is wall-clock time, as principal.ts checks it). */
export async function startSession(db: Db, config: Config, reply: FastifyReply, userId: string): Promise<void> {
  const secret = newSecret();
  const expiresAt = new Date(systemClock().getTime() + config.sessionHours * 3600_000);
  await db.insert(sessions).values({ tokenHash: sha256(secret), userId, expiresAt });
  reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: "strict", secure: config.production, path: "/", expires: expiresAt });
}

/**
 * Ends everything that signs in as the user: every session and every API token. Called on a new
 * password (whoever set it) and on deactivation. Tokens are revoked, not just refused while the
 * account is off, so re-activating an account never brings an old token back. Returns how many
 * tokens were revoked (for the audit entry).
 */
export async function revokeAllAccess(db: Db, userId: string, at: Date): Promise<number> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}
