import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FieldError } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { type Db, migrationsFolder } from "./connection.ts";
import { verifyDataKey } from "./key-check.ts";

/**
 * Readiness: may this process take traffic? The database answers within a short time, every
 * migration in the journal is applied (compared with drizzle's own record of applied migrations),
 * and the data key matches the database's check value. Liveness (/health) asks none of this.
 */
export interface Readiness {
  ready: boolean;
  checks: { database: "ok" | "unavailable"; migrations: "ok" | "pending" | "unknown"; dataKey: "ok" | "mismatch" | "unknown" };
  errors: FieldError[];
}

/** The migrations this build expects: drizzle records each by its journal time (`created_at`). */
const expected: number[] = (JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] }).entries.map(
  (e) => e.when,
);

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function appliedMigrations(db: Db): Promise<Set<number> | null> {
  const [table] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`));
  if (!table?.t) return null;
  return new Set(rowsOf<{ at: string }>(await db.execute(sql`select created_at::text as at from drizzle.__drizzle_migrations`)).map((r) => Number(r.at)));
}

function within<T>(ms: number, work: Promise<T>): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  // The late answer (or failure) of a query we stopped waiting for is of no interest.
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function readiness(db: Db, key: Buffer, timeoutMs = 2_000): Promise<Readiness> {
  const checks: Readiness["checks"] = { database: "ok", migrations: "unknown", dataKey: "unknown" };
  const errors: FieldError[] = [];
  const run = async () => {
    await db.execute(sql`select 1`);
    const applied = await appliedMigrations(db);
    const missing = expected.filter((when) => !applied?.has(when)).length;
    checks.migrations = missing ? "pending" : "ok";
    if (missing)
      errors.push({
        path: "migrations",
        code: "not_ready",
        params: { what: "migrations", missing },
        message: `${missing} of ${expected.length} not applied (run npx medbridge migrate)`,
      });
    // The check value lives in a table a migration creates: without it there is nothing to compare.
    if (applied) {
      checks.dataKey = await verifyDataKey(db, key);
      if (checks.dataKey === "mismatch")
        errors.push({
          path: "dataKey",
          code: "not_ready",
          params: { what: "data_key" },
          message: "MEDBRIDGE_DATA_KEY does not match the key the data is sealed with",
        });
    }
  };
  try {
    if ((await within(timeoutMs, run())) === "timeout") {
      checks.database = "unavailable";
      errors.push({ path: "database", code: "not_ready", params: { what: "database" }, message: `did not answer within ${timeoutMs / 1000} s` });
    }
  } catch (error) {
    checks.database = "unavailable";
    errors.push({
      path: "database",
      code: "not_ready",
      params: { what: "database" },
      message: `is not answering (${(error as { code?: string }).code ?? "error"})`,
    });
  }
  return { ready: errors.length === 0, checks, errors };
}
