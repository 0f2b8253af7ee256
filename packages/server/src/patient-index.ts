import { randomInt } from "node:crypto";
import { maskIdNumber, type Target } from "@medbridge/core";
import { eq, inArray, sql } from "drizzle-orm";
import { encrypt, lookupHash } from "./crypto.ts";
import type { Db } from "./db/connection.ts";
import { patients } from "./db/schema.ts";

/**
 * The patient index (患者主索引): one record per person, found by the HMAC of the resident ID number
 * under the index key — never by the number in clear. Features call `indexPatient` when they take
 * a person in (a referral, a register entry) and keep the id it returns.
 */

/** The two keys a person's identity needs: the data key seals the number, the index key hashes it. */
export interface PatientKeys {
  dataKey: Buffer;
  indexKey: Buffer;
}

export interface IndexedPerson {
  name: string;
  sex: string;
  birthDate: string;
  /** Absent for a person without an ID card: they get a local identifier instead. */
  idNumber?: string | undefined;
  phone?: string | null | undefined;
  homeCounty?: string | null | undefined;
}

/** An ID number as every table stores it: sealed under the data key, and its masked form; both null without one. */
export function sealIdNumber(dataKey: Buffer, idNumber: string | undefined): { cipher: string | null; masked: string | null } {
  return idNumber ? { cipher: encrypt(dataKey, idNumber), masked: maskIdNumber(idNumber) } : { cipher: null, masked: null };
}

/** Crockford base32 without I, L, O, U: read aloud over the phone without mistakes. */
const LOCAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** MB- and ten random characters (50 bits): unique by the index's constraint, retried on a clash. */
export function newLocalId(): string {
  let id = "MB-";
  for (let i = 0; i < 10; i++) id += LOCAL_ALPHABET[randomInt(LOCAL_ALPHABET.length)];
  return id;
}

/** How a merged record leads to the one it was merged into; chains are refused at merge time, the limit guards the loop. */
export const MAX_MERGE_HOPS = 8;

/** The record a patient id stands for now: itself, or the record it was merged into. */
export async function livePatientId(db: Db, id: string): Promise<string | null> {
  let current = id;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const [row] = await db.select({ mergedInto: patients.mergedInto }).from(patients).where(eq(patients.id, current));
    if (!row) return null;
    if (!row.mergedInto) return current;
    current = row.mergedInto;
  }
  throw new Error(`patient ${id}: merge chain longer than ${MAX_MERGE_HOPS}`);
}

/**
 * Finds the person by ID number or creates them, in one statement (two institutions taking in
 * the same person at once end with one record); newer contact details (phone, home county) are
 * kept, the name and birth date stay as first given. Returns the live record's id.
 */
export async function indexPatient(db: Db, keys: PatientKeys, person: IndexedPerson): Promise<string> {
  const base = {
    name: person.name.trim(),
    sex: person.sex,
    birthDate: person.birthDate,
    phone: person.phone ?? null,
    homeCounty: person.homeCounty ?? null,
  };
  if (!person.idNumber) {
    for (let attempt = 0; ; attempt++) {
      const [row] = await db
        .insert(patients)
        .values({ ...base, localId: newLocalId() })
        .onConflictDoNothing()
        .returning({ id: patients.id });
      if (row) return row.id;
      if (attempt === 3) throw new Error("could not draw a free local patient identifier");
    }
  }
  const sealed = sealIdNumber(keys.dataKey, person.idNumber);
  const [row] = await db
    .insert(patients)
    .values({ ...base, idHash: lookupHash(keys.indexKey, person.idNumber), idCipher: sealed.cipher, idMasked: sealed.masked })
    .onConflictDoUpdate({
      target: patients.idHash,
      set: {
        phone: sql`coalesce(excluded.phone, ${patients.phone})`,
        homeCounty: sql`coalesce(excluded.home_county, ${patients.homeCounty})`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: patients.id, mergedInto: patients.mergedInto });
  if (!row) throw new Error("patient index: upsert returned no row");
  return row.mergedInto ? ((await livePatientId(db, row.mergedInto)) ?? row.id) : row.id;
}

/** The live record of the person with this ID number, or null: one index probe on the keyed hash. */
export async function findPatientByIdNumber(db: Db, indexKey: Buffer, idNumber: string): Promise<string | null> {
  const [row] = await db
    .select({ id: patients.id, mergedInto: patients.mergedInto })
    .from(patients)
    .where(eq(patients.idHash, lookupHash(indexKey, idNumber)));
  if (!row) return null;
  return row.mergedInto ? livePatientId(db, row.mergedInto) : row.id;
}

/** The record and every record merged into it (directly or through another): what its path spans. */
export async function patientFamily(db: Db, id: string): Promise<string[]> {
  const family = [id];
  let frontier = [id];
  for (let hop = 0; hop < MAX_MERGE_HOPS && frontier.length; hop++) {
    const rows = await db.select({ id: patients.id }).from(patients).where(inArray(patients.mergedInto, frontier));
    frontier = rows.map((r) => r.id).filter((r) => !family.includes(r));
    family.push(...frontier);
  }
  return family;
}

/**
 * Where each patient's record lives, for the access check: every institution that has treated the
 * person or a record merged into theirs (either end of a referral, a register, either side of a
 * consultation). A patient no institution has treated yet reaches nobody.
 */
export async function patientTargets(db: Db, ids: readonly string[]): Promise<Map<string, Target>> {
  const map = new Map<string, Target>();
  if (!ids.length) return map;
  const rows = (
    (await db.execute(sql`
      with recursive family(root, id, hops) as (
        select p.id, p.id, 0 from patients p where p.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        union all
        select f.root, c.id, f.hops + 1 from patients c join family f on c.merged_into = f.id where f.hops < ${MAX_MERGE_HOPS})
      select f.root::text as id, coalesce(array_agg(distinct x.institution_id::text) filter (where x.institution_id is not null), '{}') as institutions
      from family f left join lateral (
        select from_institution_id as institution_id from referrals where patient_id = f.id
        union select to_institution_id from referrals where patient_id = f.id
        union select institution_id from chronic_patients where patient_id = f.id
        union select recipient_id from telemedicine_sessions where patient_id = f.id
        union select supporter_id from telemedicine_sessions where patient_id = f.id) x on true
      group by f.root`)) as unknown as { rows: { id: string; institutions: string[] }[] }
  ).rows;
  for (const row of rows) map.set(row.id, { regionCode: null, institutionIds: row.institutions });
  return map;
}
