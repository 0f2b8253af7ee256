import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type FieldError, invalid } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { Type } from "typebox";
import { actorOf, audit } from "../audit.ts";
import type { Clock } from "../clock.ts";
import { type Config, DEFAULT_DEMO_PASSWORD } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { users } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses } from "../http/schemas.ts";
import { claimAccountAttempt, clearAccountFailures, lockedOut } from "./lockout.ts";
import { MeSchema, me } from "./me.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { principalOf } from "./principal.ts";
import { revokeAllAccess, startSession } from "./sessions.ts";
import { SESSION_COOKIE } from "./tokens.ts";

const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 10, maxLength: 200, description: "At least 10 characters" }),
  },
  { additionalProperties: false },
);

/** The user's own password change: the way out of a password someone else set. */
export function passwordRoutes(db: Db, config: Config, now: Clock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      "/auth/password",
      {
        config: { beforePasswordChange: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: {
          operationId: "changePassword",
          tags: ["auth"],
          summary: "Change your own password (ends your other sessions and revokes your API tokens)",
          body: PasswordChange,
          response: { 200: MeSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { currentPassword, newPassword } = request.body;
        // A stolen session must not become a way to guess the password: the account's lockout counts here too.
        const wait = await claimAccountAttempt(db, principal.userId, now());
        if (wait !== null) throw lockedOut(reply, wait);
        const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, principal.userId));
        if (!(await verifyPassword(user?.passwordHash, currentPassword)))
          throw invalid([{ path: "currentPassword", code: "mismatch", params: { other: "password" }, message: "does not match" }]);
        await clearAccountFailures(db, principal.userId);
        const errors: FieldError[] = [];
        if (newPassword === currentPassword)
          errors.push({ path: "newPassword", code: "same_as", params: { other: "currentPassword" }, message: "must differ from the current password" });
        if (newPassword === DEFAULT_DEMO_PASSWORD)
          errors.push({ path: "newPassword", code: "not_allowed", params: { reason: "demo_password" }, message: "is the published demo password" });
        if (errors.length) throw invalid(errors);
        const passwordHash = await hashPassword(newPassword);
        await inTransaction(db, async (tx) => {
          await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: now() }).where(eq(users.id, principal.userId));
          const tokensRevoked = await revokeAllAccess(tx, principal.userId, now());
          await audit(tx, actorOf(principal, request.id), {
            action: "password_change",
            entity: "user",
            entityId: principal.userId,
            after: { password: "(changed)", tokensRevoked },
          });
        });
        // Every session ended with the change; the browser that made it carries on in a new one.
        if (request.cookies[SESSION_COOKIE]) await startSession(db, config, reply, principal.userId);
        return me(db, principal);
      },
    );
  };
}
