import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/connection.ts";
import { ensureRegions } from "../../src/registry/regions-data.ts";

export type Backend = "pglite" | "postgres";

/** Every backend the API tests run on: PGlite always, PostgreSQL whenever one is available. */
export const BACKENDS: Backend[] = inject("postgresUrl") ? ["pglite", "postgres"] : ["pglite"];

/**
 * A fresh, migrated database with the regions loaded: in-memory PGlite, or a new database on the
 * PostgreSQL server that is dropped again on close.
 */
export async function freshDatabase(backend: Backend): Promise<Database> {
  if (backend === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    await ensureRegions(database.db);
    return database;
  }
  const adminUrl = inject("postgresUrl");
  const name = `medbridge_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  await database.migrate();
  await ensureRegions(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
