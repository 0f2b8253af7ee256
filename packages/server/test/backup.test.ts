import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { decrypt } from "../src/crypto.ts";
import { backupDatabase, restoreDatabase } from "../src/db/backup.ts";
import { type Database, openDatabase } from "../src/db/connection.ts";
import { checkDataKey, ensureDataKey } from "../src/db/key-check.ts";
import { holdServerLock } from "../src/db/lock.ts";
import { ensureRegions } from "../src/registry/regions-data.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { ADMIN_PASSWORD, DEMO_PASSWORD } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { exitOf, medbridge, postgresDatabase, rowsOf, terminate } from "./helpers/ops.ts";

/**
 * Defect 18: backup and restore on both backends — a hot copy of PGlite through a real running
 * server, pg_dump/pg_restore on real PostgreSQL — each a round trip: seed, back up, change,
 * restore, the change is gone and the data intact.
 */
const KEY = randomBytes(32);
const dir = mkdtempSync(join(tmpdir(), "medbridge-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a round trip must bring back: counts, a name we change, a patient's ID number. */
async function snapshot(database: Database) {
  const { db } = database;
  const count = async (table: string) => rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;
  const [first] = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id::text, name from institutions order by id limit 1`));
  const [referral] = rowsOf<{ c: string }>(await db.execute(sql`select patient_id_cipher as c from referrals order by id limit 1`));
  return {
    institutions: await count("institutions"),
    referrals: await count("referrals"),
    users: await count("users"),
    first,
    idNumber: decrypt(KEY, referral?.c as string),
    keyCheck: await checkDataKey(db, KEY),
  };
}

async function seed(database: Database): Promise<void> {
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: DEMO_PASSWORD, admin: ADMIN_PASSWORD }, undefined, KEY);
  await ensureDataKey(database.db, KEY);
}

/** A change the restore must undo. */
async function change(database: Database, institutionId: string): Promise<void> {
  await database.db.execute(sql`update institutions set name = '示例已改名' where id = ${institutionId}`);
  await database.db.execute(sql`insert into instance_settings (key, value) values ('ops_test_marker', 'after the backup')`);
}

describe("backup and restore of embedded PGlite with a running server", () => {
  it("takes a hot copy through the server, refuses restore and rotate-key while it runs, exits on SIGTERM, restores", async () => {
    const dataDir = join(dir, "pglite-data");
    const file = join(dir, "pglite.backup.tar.gz");
    const seeded = await openDatabase({ dataDir });
    await seed(seeded);
    const before = await snapshot(seeded);
    await seeded.close();

    const server = medbridge(["serve"], KEY, { MEDBRIDGE_DATA_DIR: dataDir });
    try {
      await server.waitFor(/is running at http:\/\/[\d.]+:(\d+)/);
      const hot = await backupDatabase({ dataDir }, file);
      expect(hot.how).toBe("hot copy made by the running server");
      expect(hot.bytes).toBeGreaterThan(100_000);
      await expect(restoreDatabase({ dataDir }, file)).rejects.toThrow(/in use by process \d+/);
      const rotate = medbridge(["rotate-key"], KEY, { MEDBRIDGE_DATA_DIR: dataDir, MEDBRIDGE_NEW_DATA_KEY: randomBytes(32).toString("base64") });
      expect(await exitOf(rotate)).toBe(2);
      expect(rotate.output()).toMatch(/in use by process \d+/);
    } finally {
      const stopped = await terminate(server);
      expect(stopped.code, server.output()).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
    }

    const changed = await openDatabase({ dataDir });
    await change(changed, before.first?.id as string);
    await changed.close();

    const restored = await restoreDatabase({ dataDir }, file);
    expect(restored.kept && existsSync(restored.kept)).toBe(true);
    const after = await openDatabase({ dataDir });
    try {
      expect(await snapshot(after)).toEqual(before);
      expect(rowsOf(await after.db.execute(sql`select 1 from instance_settings where key = 'ops_test_marker'`))).toHaveLength(0);
    } finally {
      await after.close();
    }
  }, 240_000);
});

describe.runIf(BACKENDS.includes("postgres"))("backup and restore of PostgreSQL", () => {
  it("dumps while connected, refuses restore over other sessions or a server, restores with the command", async () => {
    const pgdb = await postgresDatabase();
    const file = join(dir, "postgres.backup.dump");
    try {
      const live = await openDatabase({ url: pgdb.url });
      await seed(live);
      const before = await snapshot(live);
      const dumped = await backupDatabase({ url: pgdb.url, dataDir: dir }, file);
      expect(dumped.how).toMatch(/^pg_dump, custom format/);
      await change(live, before.first?.id as string);
      await expect(restoreDatabase({ url: pgdb.url, dataDir: dir }, file)).rejects.toThrow(/other session\(s\) are connected/);
      await live.close();

      const release = await holdServerLock(pgdb.url);
      await expect(restoreDatabase({ url: pgdb.url, dataDir: dir }, file)).rejects.toThrow(/A MedBridge server .* is using this database/);
      await release();
      await expect(restoreDatabase({ url: pgdb.url, dataDir: dir }, join(dir, "pglite.backup.tar.gz"))).rejects.toThrow(/is a PGlite backup/);

      const restore = medbridge(["restore", file], KEY, { DATABASE_URL: pgdb.url });
      expect(await exitOf(restore), restore.output()).toBe(0);
      expect(restore.output()).toContain("pg_restore --clean --single-transaction");
      const after = await openDatabase({ url: pgdb.url });
      try {
        expect(await snapshot(after)).toEqual(before);
        expect(rowsOf(await after.db.execute(sql`select 1 from instance_settings where key = 'ops_test_marker'`))).toHaveLength(0);
      } finally {
        await after.close();
      }
    } finally {
      await pgdb.drop();
    }
  }, 180_000);
});
