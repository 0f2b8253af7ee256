import { DomainError } from "@medbridge/core";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import type { Db } from "../db/connection.ts";
import { users } from "../db/schema.ts";

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

/** `lockSeconds` of the row's new failure count, in SQL (the same schedule). */
const lockSecondsSql = sql`least(${sql.raw(String(LONGEST_LOCK_SECONDS))}, ${sql.raw(String(FIRST_LOCK_SECONDS))} * power(2, least(${users.failedLogins} + 1 - ${sql.raw(String(LOCK_AFTER))}, 10)))`;

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Claims one sign-in attempt for a known account before its password is checked. The attempt is
 * counted as a failure up front (a success resets the count) and the fifth one sets the lock in
 * the same UPDATE, so parallel guesses cannot all pass before the lock lands. The counters live in
 * the users row, so every server process on the database shares them.
 * Returns null when the attempt may go ahead, else the seconds until the account opens again.
 */
export async function claimAccountAttempt(db: Db, userId: string, now: Date): Promise<number | null> {
  const at = now.toISOString();
  const claimed = await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${sql.raw(String(LOCK_AFTER))}
        then ${at}::timestamptz + make_interval(secs => ${lockSecondsSql}) else ${users.lockedUntil} end`,
    })
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
 * The same schedule for names that have no account, kept in memory: an unknown name is locked
 * exactly like a known one, so a 429 never tells whether a username exists. Bounded: past
 * `capacity` names the least recently tried is forgotten (at worst a sprayed name gets its five
 * tries again, against an account that does not exist).
 */
export class UnknownNameLockout {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** Null when the attempt may go ahead (it is counted), else the seconds to wait. */
  claim(name: string, now: Date): number | null {
    const entry = this.entries.get(name) ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now.getTime()) return secondsUntil(new Date(entry.lockedUntil), now);
    entry.failures += 1;
    if (entry.failures >= LOCK_AFTER) entry.lockedUntil = now.getTime() + lockSeconds(entry.failures) * 1000;
    this.entries.delete(name);
    this.entries.set(name, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return null;
  }
}

/** The 429 of a locked account or name, with Retry-After; the same text whether the name exists or not. */
export function lockedOut(reply: FastifyReply, seconds: number): DomainError {
  reply.header("retry-after", String(seconds));
  return new DomainError("rate_limited", `Too many failed sign-ins; try again in ${seconds} s`, [], { seconds });
}
