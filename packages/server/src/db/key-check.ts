import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { decrypt } from "../crypto.ts";
import type { Db } from "./connection.ts";
import { instanceSettings } from "./schema.ts";

/**
 * The data key's check value, kept in `instance_settings` so a wrong MEDBRIDGE_DATA_KEY is refused
 * at start-up instead of failing when a clinician opens a record. An HMAC of a fixed label under
 * the key: comparing it needs the key, and it helps nobody find the key (nor is it any key the
 * application uses — the lookup hashes use another label).
 */
export const KEY_CHECK_SETTING = "data_key_check";

export function keyCheckValue(key: Buffer): string {
  return `hmac-sha256:v1:${createHmac("sha256", key).update("medbridge data key check v1").digest("base64url")}`;
}

export type KeyCheck = "ok" | "mismatch" | "missing";

export async function checkDataKey(db: Db, key: Buffer): Promise<KeyCheck> {
  const [row] = await db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, KEY_CHECK_SETTING));
  if (!row) return "missing";
  return row.value === keyCheckValue(key) ? "ok" : "mismatch";
}

export class DataKeyMismatch extends Error {
  constructor(detail: string) {
    super(
      `MEDBRIDGE_DATA_KEY does not match the key this database's patient data is encrypted with (${detail}). ` +
        "Start with the key the database was set up with; to change keys, run `npx medbridge rotate-key`.",
    );
    this.name = "DataKeyMismatch";
  }
}

/** True for what the seeds store instead of a ciphertext (`v1:national`): not sealed, so not a key test. */
export function isPlaceholderCipher(sealed: string): boolean {
  // iv (12) + tag (16) bytes at least; anything shorter was never produced by encrypt().
  return !sealed.startsWith("v1:") || Buffer.from(sealed.slice(3), "base64").length < 28;
}

/** A few real ciphertexts already stored, to test a key against when no check value exists yet. */
async function sampleCiphertexts(db: Db): Promise<string[]> {
  const rows = await db.execute<{ c: string }>(sql`
    (select patient_id_cipher as c from referrals where length(patient_id_cipher) > 40 limit 3)
    union all (select id_cipher from chronic_patients where length(id_cipher) > 40 limit 3)
    union all (select secret_cipher from webhooks where length(secret_cipher) > 40 limit 3)`);
  return (rows as unknown as { rows: { c: string }[] }).rows.map((r) => r.c);
}

/** Whether sealed data already stored opens with `key` (true when there is none). */
async function opensStoredData(db: Db, key: Buffer): Promise<boolean> {
  for (const sealed of await sampleCiphertexts(db)) {
    if (isPlaceholderCipher(sealed)) continue;
    try {
      decrypt(key, sealed);
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Does `key` match this database? By the check value when there is one; before it is written (a
 * database no server has started on yet), by opening a few of the values already sealed. Reads only.
 */
export async function verifyDataKey(db: Db, key: Buffer): Promise<"ok" | "mismatch"> {
  const state = await checkDataKey(db, key);
  if (state !== "missing") return state;
  return (await opensStoredData(db, key)) ? "ok" : "mismatch";
}

/**
 * Start-up's key check: refuses a key that does not match the stored check value. The first start
 * (or the first after an upgrade) writes the value — after proving the key on data already sealed,
 * if there is any, so an installation that predates the check cannot adopt a wrong key.
 */
export async function ensureDataKey(db: Db, key: Buffer): Promise<void> {
  const state = await checkDataKey(db, key);
  if (state === "ok") return;
  if (state === "mismatch") throw new DataKeyMismatch(`instance_settings.${KEY_CHECK_SETTING} differs`);
  if (!(await opensStoredData(db, key))) throw new DataKeyMismatch("it cannot open the ID numbers already stored");
  // Two servers starting at once: the first write wins and the second compares against it.
  await db
    .insert(instanceSettings)
    .values({ key: KEY_CHECK_SETTING, value: keyCheckValue(key) })
    .onConflictDoNothing();
  if ((await checkDataKey(db, key)) !== "ok") throw new DataKeyMismatch(`instance_settings.${KEY_CHECK_SETTING} differs`);
}
