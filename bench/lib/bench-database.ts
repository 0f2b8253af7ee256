import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { BATCH_DB_TIMEOUTS, type Database, openDatabase } from "../../packages/server/src/db/connection.ts";

export type Backend = "postgres" | "pglite";

/** Admin URL of the PostgreSQL server benchmarks use (BENCH_DATABASE_URL, else the local one). */
export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A fresh benchmark database: a new PostgreSQL database `name`, or a PGlite directory in /tmp.
 * `env` points a `medbridge serve` process at it; `cleanup` removes it (unless BENCH_KEEP is set).
 */
export async function benchDatabase(
  backend: Backend,
  name: string,
  /** Open the PostgreSQL database left by an earlier BENCH_KEEP run instead of a new one. */
  reuse = false,
): Promise<{ database: Database; env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (backend === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), `${name}-`));
    const dataDir = join(dir, "data");
    return {
      database: await openDatabase({ dataDir }),
      env: { DATABASE_URL: "", MEDBRIDGE_DATA_DIR: dataDir },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: BENCH_ADMIN_URL });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  if (!reuse) {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
  }
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    // Generating and loading run statements for minutes, as the CLI's batch commands do.
    database: await openDatabase({ url: url.toString(), timeouts: BATCH_DB_TIMEOUTS }),
    env: { DATABASE_URL: url.toString(), MEDBRIDGE_DATA_DIR: "" },
    // BENCH_KEEP=1 leaves the database behind, to look at query plans after a run.
    cleanup: () => (process.env.BENCH_KEEP ? Promise.resolve() : admin(`drop database if exists ${name} with (force)`)),
  };
}
