import { type SQL, sql } from "drizzle-orm";
import { decrypt, encrypt } from "../crypto.ts";
import type { Db } from "./connection.ts";
import { checkDataKey, DataKeyMismatch, isPlaceholderCipher, KEY_CHECK_SETTING, keyCheckValue } from "./key-check.ts";
import { inTransaction } from "./transaction.ts";

/**
 * Key rotation: every value sealed with the data key is opened with the old key and sealed again
 * with the new one and the check value is replaced — in one
 * transaction, so a failure leaves the database as it was, readable with the old key.
 *
 * Rows whose "ciphertext" is not one (the national-scale seed stores `v1:national`) cannot be opened
 * by any key: they are counted and left as they are. A real ciphertext the old key cannot open
 * aborts the rotation (the old key is wrong for it, and sealing the rest would lose it for good).
 */
export interface RotationReport {
  referrals: number;
  chronicPatients: number;
  patients: number;
  /** Webhook secrets, with FHIR subscriptions' signing keys and channel headers. */
  webhooks: number;
  /** Rows that hold placeholders instead of ciphertexts, left unchanged. */
  placeholders: { referrals: number; chronicPatients: number; patients: number; webhooks: number };
}

interface Column {
  table: "referrals" | "chronic_patients" | "patients" | "webhooks" | "fhir_subscriptions";
  id: string;
  cipher: string;
}

const COLUMNS: Column[] = [
  { table: "referrals", id: "id", cipher: "patient_id_cipher" },
  { table: "chronic_patients", id: "id", cipher: "id_cipher" },
  { table: "patients", id: "id", cipher: "id_cipher" },
  { table: "webhooks", id: "institution_id", cipher: "secret_cipher" },
  // A FHIR subscription's signing key and its channel headers are webhook secrets too (counted with them).
  { table: "fhir_subscriptions", id: "id", cipher: "secret_cipher" },
  { table: "fhir_subscriptions", id: "id", cipher: "headers_cipher" },
];

const BATCH = 2_000;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function rotateColumn(
  tx: Db,
  column: Column,
  oldKey: Buffer,
  newKey: Buffer,
  onProgress: (table: string, done: number) => void,
): Promise<{ rotated: number; placeholders: number }> {
  const table = sql.raw(column.table);
  const id = sql.raw(column.id);
  const cipher = sql.raw(column.cipher);
  // Anything shorter than 40 characters cannot hold an IV and a tag (see isPlaceholderCipher).
  const real: SQL = sql`${cipher} like 'v1:%' and length(${cipher}) >= 40`;
  const [counted] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${table} where not (${real})`));
  let placeholders = counted?.n ?? 0;
  let rotated = 0;
  let last = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = rowsOf<{ id: string; c: string }>(
      // Ordered by the uuid column itself (t.…): the bare name would be the text column of the select list, a sort of the whole table per batch.
      await tx.execute(
        sql`select t.${id}::text as id, ${cipher} as c from ${table} t where t.${id} > ${last}::uuid and ${real} order by t.${id} limit ${BATCH}`,
      ),
    );
    if (!page.length) break;
    const updates: { id: string; c: string }[] = [];
    for (const row of page) {
      if (isPlaceholderCipher(row.c)) {
        placeholders++;
        continue;
      }
      let plain: string;
      try {
        plain = decrypt(oldKey, row.c);
      } catch {
        throw new Error(
          `${column.table} ${row.id}: ${column.cipher} does not open with the old key — nothing was changed. Is MEDBRIDGE_DATA_KEY the key this data was sealed with?`,
        );
      }
      updates.push({ id: row.id, c: encrypt(newKey, plain) });
    }
    if (updates.length) {
      await tx.execute(
        sql`update ${table} t set ${cipher} = v.c from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id uuid, c text) where t.${id} = v.id`,
      );
    }
    rotated += updates.length;
    last = page[page.length - 1]?.id as string;
    onProgress(column.table, rotated);
  }
  return { rotated, placeholders };
}

export async function rotateDataKey(
  db: Db,
  oldKey: Buffer,
  newKey: Buffer,
  onProgress: (table: string, done: number) => void = () => {},
): Promise<RotationReport> {
  if (oldKey.equals(newKey)) throw new Error("The new data key is the old one; nothing to rotate.");
  return inTransaction(db, async (tx) => {
    if ((await checkDataKey(tx, oldKey)) === "mismatch") throw new DataKeyMismatch(`instance_settings.${KEY_CHECK_SETTING} differs`);
    // No writer may seal a value with the old key behind our back; and re-sealing changes no fact,
    // so the rollup triggers have nothing to hear (they would mark every month of every county).
    await tx.execute(sql`lock table referrals, chronic_patients, patients, webhooks, fhir_subscriptions, instance_settings in exclusive mode`);
    await tx.execute(sql`alter table referrals disable trigger user`);
    const results = [];
    for (const column of COLUMNS) results.push(await rotateColumn(tx, column, oldKey, newKey, onProgress));
    await tx.execute(sql`alter table referrals enable trigger user`);
    await tx.execute(sql`insert into instance_settings (key, value, updated_at) values (${KEY_CHECK_SETTING}, ${keyCheckValue(newKey)}, now())
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`);
    const [referrals, chronicPatients, patients, ...hooks] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0], ...typeof results];
    const webhooks = { rotated: hooks.reduce((n, r) => n + r.rotated, 0), placeholders: hooks.reduce((n, r) => n + r.placeholders, 0) };
    return {
      referrals: referrals.rotated,
      chronicPatients: chronicPatients.rotated,
      patients: patients.rotated,
      webhooks: webhooks.rotated,
      placeholders: {
        referrals: referrals.placeholders,
        chronicPatients: chronicPatients.placeholders,
        patients: patients.placeholders,
        webhooks: webhooks.placeholders,
      },
    };
  });
}
