import { createHmac } from "node:crypto";
import { DomainError } from "@medbridge/core";
import { type AnyColumn, and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import type { Db } from "../db/connection.ts";
import { unknownSignInNames, users } from "../db/schema.ts";
import type { Job } from "../jobs.ts";

/** Failures in a row after which an account is locked. */
export const LOCK_AFTER = 5;
const FIRST_LOCK_SECONDS = 60;
const LONGEST_LOCK_SECONDS = 15 * 60;

/**
 * How long an account stays locked after its n-th failure in a row: nothing below five, then
 * 1, 2, 4, 8 and at most 15 minutes. Guessing is held to about four tries an hour, while a user
 * who mistypes is back within a minute (and a success, or an administrator's reset, clears it).
 */
export function lockSeconds(failures: number): number {
  if (failures < LOCK_AFTER) return 0;
  return Math.min(LONGEST_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** Math.min(failures - LOCK_AFTER, 10));
}

/** `lockSeconds` of the row's new failure count (`failures` + 1), in SQL (the same schedule). */
const lockSecondsSql = (failures: AnyColumn) =>
  sql`least(${sql.raw(String(LONGEST_LOCK_SECONDS))}, ${sql.raw(String(FIRST_LOCK_SECONDS))} * power(2, least(${failures} + 1 - ${sql.raw(String(LOCK_AFTER))}, 10)))`;

/** The new `locked_until` of a row whose failure count goes up by one at `at`. */
const lockedUntilSql = (failures: AnyColumn, lockedUntil: AnyColumn, at: Date) =>
  sql`case when ${failures} + 1 >= ${sql.raw(String(LOCK_AFTER))}
    then ${at.toISOString()}::timestamptz + make_interval(secs => ${lockSecondsSql(failures)}) else ${lockedUntil} end`;

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Claims one sign-in attempt for a known account before its password is checked. The attempt is
 * counted as a failure up front (a success resets the count) and the fifth one sets the lock in
 * the same UPDATE, so parallel guesses cannot all pass before the lock lands. The counters live in
 * the users row, so every server process on the database shares them.
 * Returns null when the attempt may go ahead, else the seconds until the account opens again.
 */
export async function claimAccountAttempt(db: Db, userId: string, now: Date): Promise<number | null> {
  const claimed = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1`, lockedUntil: lockedUntilSql(users.failedLogins, users.lockedUntil, now) })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
    .returning({ id: users.id });
  if (claimed.length > 0) return null;
  const [row] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId));
  return row?.lockedUntil ? secondsUntil(new Date(row.lockedUntil), now) : null;
}

/** A good password: the count starts again. */
export async function clearAccountFailures(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/**
 * The same schedule for names that have no account, so that a 429 never tells whether a username
 * exists. Counted in the database (`unknown_sign_in_names`, like an account's row), so every server
 * process of `serve --workers` shares the count. The name is stored as a keyed hash: people type
 * passwords into the name field. Returns null when the attempt may go ahead (it is counted), else
 * the seconds to wait.
 */
export async function claimUnknownName(db: Db, key: Buffer, name: string, now: Date): Promise<number | null> {
  const t = unknownSignInNames;
  const nameHash = createHmac("sha256", key).update(`medbridge sign-in name v1\0${name}`).digest("hex");
  const claimed = await db
    .insert(t)
    .values({ nameHash, failures: 1, lastFailedAt: now })
    .onConflictDoUpdate({
      target: t.nameHash,
      set: { failures: sql`${t.failures} + 1`, lockedUntil: lockedUntilSql(t.failures, t.lockedUntil, now), lastFailedAt: now },
      setWhere: or(isNull(t.lockedUntil), lte(t.lockedUntil, now)),
    })
    .returning({ nameHash: t.nameHash });
  if (claimed.length > 0) return null;
  const [row] = await db.select({ lockedUntil: t.lockedUntil }).from(t).where(eq(t.nameHash, nameHash));
  return row?.lockedUntil ? secondsUntil(new Date(row.lockedUntil), now) : null;
}

/**
 * Names nobody has tried for a day are forgotten (at worst such a name gets its five tries again,
 * against an account that does not exist), so the table holds what a day of guessing left.
 */
export function lockoutJobs(db: Db, { everyMs = 60 * 60_000 } = {}): Job[] {
  return [
    {
      name: "unknown sign-in names",
      everyMs,
      run: async (at) => {
        const t = unknownSignInNames;
        const forgotten = await db
          .delete(t)
          .where(and(lt(t.lastFailedAt, new Date(at.getTime() - 86_400_000)), or(isNull(t.lockedUntil), lt(t.lockedUntil, at))))
          .returning({ nameHash: t.nameHash });
        return { unknownNamesForgotten: forgotten.length };
      },
    },
  ];
}

/** The 429 of a locked account or name, with Retry-After; the same text whether the name exists or not. */
export function lockedOut(reply: FastifyReply, seconds: number): DomainError {
  reply.header("retry-after", String(seconds));
  return new DomainError("rate_limited", `Too many failed sign-ins; try again in ${seconds} s`, [], { seconds });
}
