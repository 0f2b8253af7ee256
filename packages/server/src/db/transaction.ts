import { sql } from "drizzle-orm";
import type { Db } from "./connection.ts";

/**
 * Runs `work` in one transaction: everything it writes (records and their audit entries) lands
 * together or not at all. On PGlite transactions are serialised by the driver; on PostgreSQL rows
 * that must not race are locked with SELECT … FOR UPDATE inside `work`.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}

/**
 * Runs `work` in one REPEATABLE READ transaction, where every statement sees the same snapshot
 * (what it deletes from a queue is exactly what the rest of it reads). When a concurrent
 * transaction changed a row it changes, PostgreSQL refuses it (40001): it runs again, from a new
 * snapshot, up to `attempts` times.
 */
export async function inRepeatableRead<T>(db: Db, work: (tx: Db) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, async (tx) => {
        await tx.execute(sql`set transaction isolation level repeatable read`);
        return work(tx);
      });
    } catch (error) {
      if (attempt >= attempts || pgErrorCode(error) !== "40001") throw error;
    }
  }
}

/** PostgreSQL error code of a failed query, looking through Drizzle's wrapper. */
export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
