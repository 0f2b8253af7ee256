import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { decrypt, encrypt } from "../src/crypto.ts";
import { openDatabase } from "../src/db/connection.ts";
import { checkDataKey, DataKeyMismatch, ensureDataKey, keyCheckValue } from "../src/db/key-check.ts";
import { rotateDataKey } from "../src/db/key-rotation.ts";
import { holdServerLock, takeMaintenanceLock } from "../src/db/lock.ts";
import { json } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { configWithKey, exitOf, login, medbridge, rowsOf, seededDatabase } from "./helpers/ops.ts";

/** Defect 12: the data key's check value, and key rotation. */
const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);

describe.each(BACKENDS)("data key check and rotation on %s (defect 12)", (backend) => {
  let seeded: Awaited<ReturnType<typeof seededDatabase>>;
  beforeAll(async () => {
    seeded = await seededDatabase(backend, KEY_A);
  });
  afterAll(() => seeded.drop());

  it("refuses a key that cannot open the data, writes the check value for the right one, then refuses any other", async () => {
    const { db } = seeded.database;
    expect(await checkDataKey(db, KEY_A)).toBe("missing");
    await expect(ensureDataKey(db, KEY_B)).rejects.toThrow(/does not match .*cannot open the ID numbers already stored/);
    expect(await checkDataKey(db, KEY_B)).toBe("missing");
    await ensureDataKey(db, KEY_A);
    expect(await checkDataKey(db, KEY_A)).toBe("ok");
    await expect(ensureDataKey(db, KEY_B)).rejects.toBeInstanceOf(DataKeyMismatch);
    // The stored value is an HMAC under the key, not the key nor the lookup key.
    const [stored] = rowsOf<{ value: string }>(await db.execute(sql`select value from instance_settings where key = 'data_key_check'`));
    expect(stored?.value).toBe(keyCheckValue(KEY_A));
    expect(stored?.value).not.toContain(KEY_A.toString("base64url"));
  });

  it("rotates every sealed value (never the index's hashes, keyed apart) in one transaction, counting placeholders, aborting on a real row that does not open", async () => {
    const { db } = seeded.database;
    await ensureDataKey(db, KEY_A);
    const [institution] = rowsOf<{ id: string }>(await db.execute(sql`select id from institutions order by id limit 1`));
    await db.execute(
      sql`insert into webhooks (institution_id, url, secret_cipher) values (${institution?.id}, 'https://his.example/hook', ${encrypt(KEY_A, "webhook-secret-1")})`,
    );
    // What the national seed stores instead of ciphertexts.
    await db.execute(sql`update referrals set patient_id_cipher = 'v1:national' where id = (select min(id::text)::uuid from referrals)`);
    await db.execute(sql`update chronic_patients set id_cipher = 'v1:national' where id = (select min(id::text)::uuid from chronic_patients)`);
    const before = rowsOf<{ id: string; c: string }>(
      await db.execute(sql`select id::text, patient_id_cipher as c from referrals where patient_id_cipher <> 'v1:national' order by id`),
    );
    const clear = new Map(before.map((r) => [r.id, decrypt(KEY_A, r.c)]));
    const patientsBefore = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from chronic_patients where id_cipher <> 'v1:national'`))[0]?.n;
    expect(before.length).toBeGreaterThan(5);
    expect(patientsBefore).toBeGreaterThan(5);
    const indexBefore = rowsOf<{ id: string; h: string; c: string }>(
      await db.execute(sql`select id::text, id_hash as h, id_cipher as c from patients order by id`),
    );
    expect(indexBefore.length).toBeGreaterThan(5);

    // A real ciphertext sealed with some other key: the rotation must not seal the rest and lose it.
    const stray = before[1] as { id: string; c: string };
    await db.execute(sql`update referrals set patient_id_cipher = ${encrypt(randomBytes(32), "x")} where id = ${stray.id}`);
    await expect(rotateDataKey(db, KEY_A, KEY_B)).rejects.toThrow(new RegExp(`referrals ${stray.id}: patient_id_cipher does not open with the old key`));
    expect(await checkDataKey(db, KEY_A)).toBe("ok");
    const untouched = rowsOf<{ c: string }>(await db.execute(sql`select patient_id_cipher as c from referrals where id = ${before[0]?.id}`));
    expect(decrypt(KEY_A, untouched[0]?.c as string)).toBe(clear.get(before[0]?.id as string));
    await db.execute(sql`update referrals set patient_id_cipher = ${stray.c} where id = ${stray.id}`);

    const dirtyBefore = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from rollup_dirty`))[0]?.n;
    const report = await rotateDataKey(db, KEY_A, KEY_B);
    expect(report).toEqual({
      referrals: before.length,
      chronicPatients: patientsBefore,
      patients: indexBefore.length,
      webhooks: 1,
      placeholders: { referrals: 1, chronicPatients: 1, patients: 0, webhooks: 0 },
    });
    expect(await checkDataKey(db, KEY_B)).toBe("ok");
    expect(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from rollup_dirty`))[0]?.n).toBe(dirtyBefore);
    for (const row of rowsOf<{ id: string; c: string }>(
      await db.execute(sql`select id::text, patient_id_cipher as c from referrals where patient_id_cipher <> 'v1:national'`),
    )) {
      expect(decrypt(KEY_B, row.c)).toBe(clear.get(row.id));
      expect(() => decrypt(KEY_A, row.c)).toThrow();
    }
    // The index's hashes are under the index key: the data key's rotation leaves them as they were.
    const indexAfter = rowsOf<{ id: string; h: string; c: string }>(
      await db.execute(sql`select id::text, id_hash as h, id_cipher as c from patients order by id`),
    );
    expect(indexAfter.map((r) => [r.id, r.h])).toEqual(indexBefore.map((r) => [r.id, r.h]));
    for (const [i, row] of indexAfter.entries()) expect(decrypt(KEY_B, row.c)).toBe(decrypt(KEY_A, indexBefore[i]?.c as string));
    const [hook] = rowsOf<{ c: string }>(await db.execute(sql`select secret_cipher as c from webhooks`));
    expect(decrypt(KEY_B, hook?.c as string)).toBe("webhook-secret-1");

    // A clinician reads the full ID number through the API with the new key.
    const app = await buildApp({ db, config: configWithKey(KEY_B), logger: false });
    try {
      const doctor = await login(app, "gz.township.doctor");
      const list = json(await app.inject({ url: "/api/v1/referrals?pageSize=50", headers: { cookie: doctor } }));
      const mine = list.items.find((r: { id: string }) => clear.has(r.id));
      const read = await app.inject({ url: `/api/v1/referrals/${mine.id}`, headers: { cookie: doctor } });
      expect(read.statusCode, read.body).toBe(200);
      expect(json(read).patient.idNumber).toBe(clear.get(mine.id));
    } finally {
      await app.close();
    }
  });
});

describe.runIf(BACKENDS.includes("postgres"))("the commands on PostgreSQL (defect 12)", () => {
  it("serve refuses to start with a key that does not match; rotate-key waits for no server and switches keys", async () => {
    const seeded = await seededDatabase("postgres", KEY_A);
    await ensureDataKey(seeded.database.db, KEY_A);
    await seeded.database.close();
    const url = seeded.url as string;
    const base = { DATABASE_URL: url, MEDBRIDGE_DB_STARTUP_TIMEOUT_MS: "5000" };
    try {
      const refused = medbridge(["serve"], KEY_B, base);
      expect(await exitOf(refused), refused.output()).toBe(2);
      expect(refused.output()).toContain("MEDBRIDGE_DATA_KEY does not match the key this database's patient data is encrypted with");

      // A running server holds the server lock: maintenance is refused while it does.
      const release = await holdServerLock(url);
      const blocked = medbridge(["rotate-key"], KEY_A, { ...base, MEDBRIDGE_NEW_DATA_KEY: KEY_B.toString("base64") });
      const blockedCode = await exitOf(blocked);
      await release();
      expect(blockedCode, blocked.output()).toBe(2);
      expect(blocked.output()).toContain("A MedBridge server (or another maintenance command) is using this database");
      await expect(takeMaintenanceLock(url, "testing").then((lock) => lock.release())).resolves.toBeUndefined();

      const rotated = medbridge(["rotate-key"], KEY_A, { ...base, MEDBRIDGE_NEW_DATA_KEY: KEY_B.toString("base64") });
      expect(await exitOf(rotated), rotated.output()).toBe(0);
      expect(rotated.output()).toMatch(/Rotated the data key: \d+ referral ID numbers, \d+ register ID numbers/);
      const after = await openDatabase({ url });
      try {
        expect(await checkDataKey(after.db, KEY_B)).toBe("ok");
      } finally {
        await after.close();
      }
    } finally {
      await seeded.drop();
    }
  }, 120_000);
});
