import { day, formatDay, idCheckCharacter, maskIdNumber } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import { encrypt } from "../crypto.ts";
import type { Db } from "../db/connection.ts";
import { rebuildRollups } from "../monitoring/rollups.ts";
import type { PatientKeys } from "../patient-index.ts";

/** Row counts of the national scale (the monitoring issue's figures); `medium` is a tenth of it, `small` a thousandth. */
export const SCALES = {
  national: { institutionsPerCounty: 14, agreements: 2_000, dispatchesPerAgreement: 50, referrals: 10_000_000, visits: 5_000_000, people: 3_000_000 },
  /** A tenth, to develop against while the national database generates. */
  medium: { institutionsPerCounty: 14, agreements: 200, dispatchesPerAgreement: 50, referrals: 1_000_000, visits: 500_000, people: 300_000 },
  small: { institutionsPerCounty: 3, agreements: 20, dispatchesPerAgreement: 4, referrals: 10_000, visits: 5_000, people: 3_000 },
} as const;
export type Scale = keyof typeof SCALES;

export interface NationalSummary {
  institutions: number;
  agreements: number;
  dispatches: number;
  referrals: number;
  patients: number;
  visits: number;
}

/** Tables loaded in bulk: their rollup triggers are off during the load and one rebuild follows. */
const BULK_TABLES = ["referrals", "dispatches", "chronic_patients", "chronic_visits"];
const BATCH = 250_000;

/**
 * Adds a synthetic nation on top of what is there: in every real county a county hospital, a TCM
 * hospital, township health centres and village clinics; two tertiary hospitals per city; pairing
 * agreements from a city's tertiary hospital to county hospitals of its province, with rosters of
 * six-month stays; referrals over the last two years (up from townships to their county hospital,
 * some out of the county to the city, a share back down); hypertension patients with visits.
 *
 * Everything is generated inside the database with `hashint8extended(n, seed)` as the random
 * source, so the same seed and as-of day give the same rows on either backend; `onProgress`
 * hears each step and, for the big ones, each batch.
 */
export async function seedNational(
  db: Db,
  options: {
    scale: Scale;
    seed: number;
    asOf: string;
    keys: PatientKeys;
    /** Rebuild the indicator rollups at the end (default); a benchmark of something else may skip it. */
    rollups?: boolean;
    onProgress?: (step: string, done: number, total: number) => void;
  },
): Promise<NationalSummary> {
  const size = SCALES[options.scale];
  const seed = options.seed;
  const progress = options.onProgress ?? (() => {});
  const run = (q: SQL) => db.execute(q);
  const count = async (table: string, where = "true") =>
    Number(((await run(sql.raw(`select count(*)::int as n from ${table} where ${where}`))) as unknown as { rows: { n: number }[] }).rows[0]?.n);
  /** A deterministic pseudo-random integer in [0, m) for row n and a salt (one stream per column). */
  const rnd = (n: SQL, salt: number, m: number) =>
    sql`(abs(hashint8extended((${n})::bigint, ${sql.raw(String(seed * 100 + salt))})) % ${sql.raw(String(Math.max(1, m)))})::int`;
  const asOf = sql`${options.asOf}::date`;

  // Institutions: per county, then two tertiary hospitals per city that has counties.
  progress("institutions", 0, 1);
  const perCounty = size.institutionsPerCounty;
  await run(sql`
    insert into institutions (name, kind, region_code, province_code, beds, address)
    select '国模' || r.name || case
             when k = 1 then '人民医院' when k = 2 then '中医医院'
             when k <= 2 + ${Math.ceil((perCounty - 2) / 2)} then '第' || (k - 2) || '卫生院'
             else '第' || k || '村卫生室' end,
           case when k = 1 then 'county_hospital' when k = 2 then 'county_tcm_hospital'
                when k <= 2 + ${Math.ceil((perCounty - 2) / 2)} then 'township_health_center' else 'village_clinic' end,
           r.code, substr(r.code, 1, 2) || '0000', case when k <= 2 then 300 + ${rnd(sql`k * 1000000 + r.code::int`, 1, 500)} else 20 end, r.name
    from regions r cross join generate_series(1, ${perCounty}) k
    where r.leaf and r.code <> substr(r.code, 1, 2) || '0000'
    on conflict do nothing`);
  await run(sql`
    insert into institutions (name, kind, grade, region_code, province_code, beds, address)
    select '国模' || c.name || '第' || k || '人民医院', 'tertiary_hospital', '3A', min(r.code), substr(c.code, 1, 2) || '0000', 1500, c.name
    from regions c join regions r on r.parent_code = c.code and r.leaf cross join generate_series(1, 2) k
    group by c.code, c.name, k
    on conflict do nothing`);
  const institutions = await count("institutions", "name like '国模%'");
  progress("institutions", institutions, institutions);

  // Lookup tables numbered 1..n, so a random number picks a row by equality (a hash join).
  await run(sql`drop table if exists gen_county, gen_city, gen_town`);
  await run(sql`create unlogged table gen_county as
    select row_number() over (order by i.region_code) as n, i.id, i.region_code, i.province_code
    from institutions i where i.kind = 'county_hospital' and i.name like '国模%'`);
  await run(sql`create unlogged table gen_city as
    select row_number() over (order by i.region_code, i.name) as n, i.id, i.region_code, i.province_code
    from institutions i where i.kind = 'tertiary_hospital' and i.name like '国模%'`);
  await run(sql`create unlogged table gen_town as
    select row_number() over (order by t.region_code, t.name) as n, t.id, t.region_code, t.province_code, c.id as county_id,
           (select x.id from gen_city x where x.province_code = t.province_code order by x.n limit 1) as city_id
    from institutions t join gen_county c on c.region_code = t.region_code
    where t.kind = 'township_health_center' and t.name like '国模%'`);
  const counties = await count("gen_county");
  const towns = await count("gen_town");
  for (const t of ["gen_county", "gen_city", "gen_town"]) await run(sql.raw(`create index on ${t} (n)`));

  // Agreements: a county hospital each, supported by a tertiary hospital of its province.
  progress("agreements", 0, size.agreements);
  const agreements = Math.min(size.agreements, counties);
  await run(sql`
    insert into agreements (code, recipient_id, pack_id, mode, starts_on, ends_on, specialties, status, region_code, province_code)
    select 'NAT-' || ${seed} || '-' || lpad(a::text, 5, '0'), c.id, 'city_tertiary_to_county', 'one_to_one',
           (date_trunc('year', ${asOf}) - interval '1 year')::date, (date_trunc('year', ${asOf}) + interval '2 years' - interval '1 day')::date,
           array['内科', '外科'], 'active', c.region_code, c.province_code
    from generate_series(1, ${agreements}) a
    join gen_county c on c.n = 1 + ((a - 1) * ${Math.max(1, Math.floor(counties / agreements))}) % ${counties}`);
  await run(sql`
    insert into agreement_supporters (agreement_id, institution_id)
    select a.id, (select x.id from gen_city x where x.province_code = a.province_code order by x.n offset ${rnd(sql`hashtext(a.code)`, 2, 2)} limit 1)
    from agreements a where a.code like ${`NAT-${seed}-%`}`);
  progress("agreements", agreements, size.agreements);

  // Practitioners and their stays: each person serves one six-month stay a year, two years running.
  const perAgreement = size.dispatchesPerAgreement;
  progress("dispatches", 0, agreements * perAgreement);
  await run(sql`
    insert into practitioners (name, license_no, profession, title, specialty, institution_id, region_code, province_code)
    select '国模医师' || a.code || '-' || p, a.code || '-' || p, 'physician', case when p % 4 = 0 then 'associate_chief' else 'attending' end,
           case when p % 2 = 0 then '内科' else '外科' end, s.institution_id, i.region_code, i.province_code
    from agreements a join agreement_supporters s on s.agreement_id = a.id join institutions i on i.id = s.institution_id
    cross join generate_series(1, ${Math.ceil(perAgreement / 2)}) p
    where a.code like ${`NAT-${seed}-%`}`);
  for (const table of BULK_TABLES) await run(sql.raw(`alter table ${table} disable trigger user`));
  await run(sql`
    insert into dispatches (agreement_id, practitioner_id, recipient_id, role, title, planned_start, planned_end, actual_start, actual_end, status, province_code)
    select a.id, p.id, a.recipient_id, 'clinical', p.title, d.s, d.e,
           case when d.s <= ${asOf} then d.s end, case when d.e < ${asOf} then d.e end,
           case when d.e < ${asOf} then 'completed' when d.s <= ${asOf} then 'active' else 'planned' end, a.province_code
    from agreements a
    join practitioners p on substring(p.license_no from '^(NAT-[0-9]+-[0-9]+)-') = a.code
    cross join generate_series(0, 1) y
    cross join lateral (select (date_trunc('year', ${asOf}) - interval '1 year' + y * interval '1 year'
                                + ${rnd(sql`hashtext(p.name)::bigint * 2 + y`, 3, 6)} * interval '1 month')::date as s) s0
    cross join lateral (select s0.s as s, (s0.s + interval '6 months' - interval '1 day')::date as e) d
    where a.code like ${`NAT-${seed}-%`}`);
  progress("dispatches", agreements * perAgreement, agreements * perAgreement);

  // The people referred and registered: real ID numbers sealed with the data key (so the linking to
  // the patient index opens and hashes each row as it would in production); person n of the first
  // million is register patient n, and referrals draw from all of them, so people recur.
  const people = size.people;
  await loadPeople(db, options.keys.dataKey, people, (done) => progress("people", done, people));
  // Referrals over the two years before the as-of day, in batches.
  const referrals = size.referrals;
  progress("referrals", 0, referrals);
  for (let from = 1; from <= referrals; from += BATCH) {
    const to = Math.min(referrals, from + BATCH - 1);
    await run(sql`
      insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_name, patient_sex, patient_birth_date,
                             patient_id_cipher, patient_id_masked, patient_home_county, reason_icd10, reason_text, submitted_at, accepted_at, region_code, province_code, created_at)
      select v.direction, case when v.r % 50 = 0 then 'green_channel' when v.r % 10 = 0 then 'urgent' else 'routine' end,
             case when v.at > ${asOf} - interval '3 days' then 'submitted' else 'completed' end,
             case v.direction when 'down' then v.upper else t.id end, case v.direction when 'down' then t.id else v.upper end,
             '内科', '国模患者', gp.sex, gp.birth,
             gp.cipher, gp.masked, t.region_code, 'I10', '高血压随访', v.at,
             case when v.at > ${asOf} - interval '3 days' then null else v.at + (30 + v.r % 600) * interval '1 minute' end,
             t.region_code, t.province_code, v.at
      from generate_series(${from}::int, ${to}::int) g
      cross join lateral (select ${rnd(sql`g`, 4, 1_000_000)} as r) h
      join gen_town t on t.n = 1 + ${rnd(sql`g`, 5, towns)}
      -- One index probe per row (a hash of 3,000,000 people per batch would spill to disk).
      cross join lateral (select * from gen_person where gen_person.n = 1 + ${rnd(sql`g`, 11, people)}) gp
      cross join lateral (select case when h.r % 7 = 0 then 'down' else 'up' end as direction,
                                 case when h.r % 9 = 0 then t.city_id else t.county_id end as upper,
                                 h.r as r,
                                 -- History arrives in time order, as a live system writes it: row g of n at g/n of
                                 -- the two years, give or take an hour.
                                 ${asOf}::timestamptz - (${referrals} - g) * ${(730 * 24 * 60) / referrals}::float8 * interval '1 minute'
                                   - ${rnd(sql`g`, 6, 60)} * interval '1 minute' as at) v
      where v.upper is not null`);
    progress("referrals", to, referrals);
  }

  // Hypertension patients (five visits each over the last year) at the township health centres.
  const visits = size.visits;
  const patients = Math.ceil(visits / 5);
  progress("register visits", 0, visits);
  for (let from = 1; from <= patients; from += BATCH / 5) {
    const to = Math.min(patients, from + BATCH / 5 - 1);
    await run(sql`
      with p as (
        insert into chronic_patients (institution_id, name, sex, birth_date, id_cipher, id_masked, conditions, enrolled_on,
                                      last_visit_on, last_controlled, next_due_on, region_code, province_code)
        select t.id, '国模患者' || g, gp.sex, gp.birth,
               gp.cipher, gp.masked, '[]'::jsonb, ${asOf} - 400,
               ${asOf} - ${rnd(sql`g`, 7, 120)}, ${rnd(sql`g`, 8, 10)} < 6, ${asOf} + ${rnd(sql`g`, 9, 90)} - 30, t.region_code, t.province_code
        from generate_series(${from}::int, ${to}::int) g join gen_town t on t.n = 1 + ${rnd(sql`g`, 10, towns)}
        cross join lateral (select * from gen_person where gen_person.n = g) gp
        returning id, name, institution_id, last_visit_on)
      insert into chronic_visits (patient_id, institution_id, visit_on, input, edition, recommendation, action, controlled, sbp, dbp, next_due_on, recorded_by)
      select p.id, p.institution_id, p.last_visit_on - k * 73, '{}'::jsonb, 'cn-htn-2024', '{}'::jsonb, 'continue',
             abs(hashtext(p.name)::bigint + k) % 10 < 6, 120 + abs(hashtext(p.name)::bigint + k * 7) % 50, 75 + abs(hashtext(p.name)::bigint + k * 3) % 25,
             p.last_visit_on - k * 73 + 90, 'national-seed'
      from p cross join generate_series(0, 4) k`);
    progress("register visits", Math.min(visits, to * 5), visits);
  }

  for (const table of BULK_TABLES) await run(sql.raw(`alter table ${table} enable trigger user`));
  await run(sql`drop table if exists gen_county, gen_city, gen_town, gen_person`);
  await run(sql`analyze`);
  if (options.rollups !== false) {
    progress("rollups", 0, 1);
    await rebuildRollups(db, day(options.asOf));
    progress("rollups", 1, 1);
  }
  return {
    institutions,
    agreements,
    dispatches: await count("dispatches", "role = 'clinical' and agreement_id in (select id from agreements where code like 'NAT-%')"),
    referrals: await count("referrals", "patient_name = '国模患者'"),
    patients,
    visits: await count("chronic_visits", "recorded_by = 'national-seed'"),
  };
}

/**
 * Person n (1-based): a valid GB 11643 number from a fixed county, the birth date it encodes
 * (25,000 days from 1940) and a sequence number — distinct for every n below 25,000,000.
 */
export function syntheticPerson(n: number): { idNumber: string; birth: string; sex: "female" | "male" } {
  const birth = formatDay(day("1940-01-01") + (n % 25_000));
  const sequence = Math.floor(n / 25_000) % 1_000;
  const first17 = `520102${birth.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  // The 17th digit is odd for men (GB 11643).
  return { idNumber: first17 + idCheckCharacter(first17), birth, sex: sequence % 2 === 1 ? "male" : "female" };
}

const PEOPLE_BATCH = 20_000;

/** gen_person(n, cipher, masked, birth, sex): sealed here, loaded in batches. */
async function loadPeople(db: Db, dataKey: Buffer, people: number, onBatch: (done: number) => void): Promise<void> {
  await db.execute(sql`drop table if exists gen_person`);
  await db.execute(
    sql`create unlogged table gen_person (n int primary key, cipher text not null, masked text not null, birth date not null, sex text not null)`,
  );
  for (let from = 1; from <= people; from += PEOPLE_BATCH) {
    const rows = [];
    for (let n = from; n < Math.min(people + 1, from + PEOPLE_BATCH); n++) {
      const person = syntheticPerson(n);
      rows.push({ n, c: encrypt(dataKey, person.idNumber), m: maskIdNumber(person.idNumber), b: person.birth, s: person.sex });
    }
    await db.execute(sql`insert into gen_person select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(n int, c text, m text, b date, s text)`);
    onBatch(Math.min(people, from + PEOPLE_BATCH - 1));
  }
  await db.execute(sql`analyze gen_person`);
}
