import { maskIdNumber } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { decrypt, lookupHash } from "./crypto.ts";
import type { Db } from "./db/connection.ts";
import { isPlaceholderCipher } from "./db/key-check.ts";
import type { PatientKeys } from "./patient-index.ts";

/**
 * Links the rows that carry their own copy of a patient (referrals, register entries) to the
 * patient index: each sealed ID number is opened, hashed under the index key, the person is found
 * or created, and the row points to them. Same ID number → same patient. Rows it cannot link stay
 * unlinked and are counted by reason. Safe to rerun (only unlinked rows are read) and resumable:
 * each batch commits on its own.
 */

export interface LinkCounts {
  linked: number;
  /** Rows without an ID number (a person without an ID card entered before the index). */
  noIdNumber: number;
  /** Rows whose "ciphertext" is a placeholder (synthetic data) or does not open with the data key. */
  unreadable: number;
}

export interface LinkReport {
  referrals: LinkCounts;
  chronicPatients: LinkCounts;
  /** Consultations that got the patient of their register entry or referral. */
  consultations: number;
  /** Index records created by this run. */
  patientsCreated: number;
}

const BATCH = 5_000;

interface Source {
  table: "referrals" | "chronic_patients";
  cipher: string;
  name: string;
  sex: string;
  birth: string;
  phone: string;
  county: string | null;
}

const SOURCES: Source[] = [
  {
    table: "referrals",
    cipher: "patient_id_cipher",
    name: "patient_name",
    sex: "patient_sex",
    birth: "patient_birth_date",
    phone: "patient_phone",
    county: "patient_home_county",
  },
  { table: "chronic_patients", cipher: "id_cipher", name: "name", sex: "sex", birth: "birth_date", phone: "phone", county: null },
];

interface Person {
  h: string;
  c: string;
  m: string;
  name: string;
  sex: string;
  birth: string;
  phone: string | null;
  county: string | null;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function linkSource(
  db: Db,
  keys: PatientKeys,
  source: Source,
  onProgress: (step: string, done: number) => void,
): Promise<LinkCounts & { created: number }> {
  const counts = { linked: 0, noIdNumber: 0, unreadable: 0, created: 0 };
  const table = sql.raw(source.table);
  const county = source.county ? sql.raw(source.county) : sql`null::char(6)`;
  let last = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = rowsOf<{ id: string; cipher: string | null; name: string; sex: string; birth: string; phone: string | null; county: string | null }>(
      await db.execute(sql`
        select t.id::text as id, ${sql.raw(source.cipher)} as cipher, ${sql.raw(source.name)} as name, ${sql.raw(source.sex)} as sex,
               ${sql.raw(source.birth)}::text as birth, ${sql.raw(source.phone)} as phone, ${county} as county
        from ${table} t where t.patient_id is null and t.id > ${last}::uuid
        -- t.id, the uuid: a bare "id" would name the text column above and sort the whole table each batch.
        order by t.id limit ${BATCH}`),
    );
    if (!page.length) break;
    last = page[page.length - 1]?.id as string;
    const people = new Map<string, Person>();
    const links: { id: string; h: string }[] = [];
    for (const row of page) {
      if (!row.cipher) {
        counts.noIdNumber++;
        continue;
      }
      let idNumber: string;
      try {
        if (isPlaceholderCipher(row.cipher)) throw new Error("placeholder");
        idNumber = decrypt(keys.dataKey, row.cipher);
      } catch {
        counts.unreadable++;
        continue;
      }
      const h = lookupHash(keys.indexKey, idNumber);
      if (!people.has(h))
        people.set(h, { h, c: row.cipher, m: maskIdNumber(idNumber), name: row.name, sex: row.sex, birth: row.birth, phone: row.phone, county: row.county });
      links.push({ id: row.id, h });
    }
    if (links.length) {
      await db.transaction(async (tx) => {
        const created = rowsOf<{ n: number }>(
          await tx.execute(sql`
            with added as (
              insert into patients (id_hash, id_cipher, id_masked, name, sex, birth_date, phone, home_county)
              select v.h, v.c, v.m, v.name, v.sex, v.birth::date, v.phone, v.county
              from jsonb_to_recordset(${JSON.stringify([...people.values()])}::jsonb)
                as v(h text, c text, m text, name text, sex text, birth text, phone text, county char(6))
              on conflict (id_hash) do nothing returning 1)
            select count(*)::int as n from added`),
        );
        counts.created += created[0]?.n ?? 0;
        await tx.execute(sql`
          update ${table} t set patient_id = p.id
          from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as v(id uuid, h text)
          join patients p on p.id_hash = v.h
          where t.id = v.id`);
      });
      counts.linked += links.length;
    }
    onProgress(source.table, counts.linked + counts.noIdNumber + counts.unreadable);
  }
  return counts;
}

/** Runs the linking over every source; `onProgress` hears each batch (table, rows read). */
export async function linkPatients(db: Db, keys: PatientKeys, onProgress: (step: string, done: number) => void = () => {}): Promise<LinkReport> {
  const [referrals, chronic] = [await linkSource(db, keys, SOURCES[0] as Source, onProgress), await linkSource(db, keys, SOURCES[1] as Source, onProgress)];
  // A consultation is about the patient of its register entry, else of its referral.
  const consultations = rowsOf<{ n: number }>(
    await db.execute(sql`
      with linked as (
        update telemedicine_sessions s
        set patient_id = coalesce((select c.patient_id from chronic_patients c where c.id = s.chronic_patient_id),
                                  (select r.patient_id from referrals r where r.id = s.referral_id))
        where s.patient_id is null and (s.chronic_patient_id is not null or s.referral_id is not null)
        returning s.patient_id)
      select count(*)::int as n from linked where patient_id is not null`),
  )[0]?.n;
  const strip = ({ created: _, ...rest }: LinkCounts & { created: number }) => rest;
  return {
    referrals: strip(referrals),
    chronicPatients: strip(chronic),
    consultations: consultations ?? 0,
    patientsCreated: referrals.created + chronic.created,
  };
}
