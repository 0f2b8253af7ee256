import type { Db } from "./connection.ts";

/**
 * Runs `work` in one transaction: everything it writes (records and their audit entries) lands
 * together or not at all. On PGlite transactions are serialised by the driver; on PostgreSQL rows
 * that must not race are locked with SELECT … FOR UPDATE inside `work`.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
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
