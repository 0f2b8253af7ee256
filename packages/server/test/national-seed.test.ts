import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import type { Database } from "../src/db/connection.ts";
import { linkPatients } from "../src/patient-linking.ts";
import { seedNational } from "../src/seed/national.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";

/** A digest of the generated rows' content (ids are random UUIDs and left out). */
async function digest(database: Database): Promise<Record<string, string>> {
  const one = async (q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: { d: string }[] }).rows[0]?.d as string;
  return {
    institutions: await one(sql`select md5(string_agg(name || kind || region_code, ',' order by region_code, name)) as d from institutions`),
    referrals: await one(sql`
      select md5(string_agg(r.direction || r.status || f.name || t.name || r.submitted_at::text, ',' order by r.submitted_at, f.name, t.name, r.direction)) as d
      from referrals r join institutions f on f.id = r.from_institution_id join institutions t on t.id = r.to_institution_id`),
    dispatches: await one(sql`
      select md5(string_agg(p.name || d.planned_start::text || d.status, ',' order by p.name, d.planned_start)) as d
      from dispatches d join practitioners p on p.id = d.practitioner_id`),
    visits: await one(sql`select md5(string_agg(p.name || v.visit_on::text || v.sbp, ',' order by p.name, v.visit_on)) as d
      from chronic_visits v join chronic_patients p on p.id = v.patient_id`),
    rollups: await one(
      sql`select md5(string_agg(indicator_id || region_code || month || numerator, ',' order by indicator_id, region_code, month)) as d from indicator_rollups`,
    ),
  };
}

describe.each(BACKENDS)("synthetic nation on %s", (backend) => {
  const opened: Database[] = [];
  const generate = async (seed: number) => {
    const database = await freshDatabase(backend);
    opened.push(database);
    const steps: string[] = [];
    const summary = await seedNational(database.db, { scale: "small", seed, asOf: "2026-06-30", keys: loadConfig({}), onProgress: (step) => steps.push(step) });
    return { database, summary, steps };
  };
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  it("covers every real county, is the same for the same seed and differs for another", async () => {
    const a = await generate(1);
    expect(a.summary.referrals).toBe(10_000);
    expect(a.summary.visits).toBe(5_000);
    expect(a.summary.dispatches).toBe(80);
    expect(a.summary.agreements).toBe(20);
    expect([...new Set(a.steps)]).toEqual(["institutions", "agreements", "dispatches", "people", "referrals", "register visits", "rollups"]);
    const uncovered = (
      (await a.database.db.execute(
        sql`select count(*)::int as n from regions r where r.leaf and r.code <> substr(r.code, 1, 2) || '0000'
            and not exists (select 1 from institutions i where i.region_code = r.code and i.kind = 'county_hospital')`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]?.n;
    expect(uncovered).toBe(0);
    // Every referral is inside the two years before the as-of day, and up-referrals dominate.
    const span = (
      (await a.database.db.execute(
        sql`select min(submitted_at) >= '2024-06-29'::timestamptz as after, max(submitted_at) <= '2026-06-30'::timestamptz as before,
                   count(*) filter (where direction = 'up') > 3 * count(*) filter (where direction = 'down') as mostly_up from referrals`,
      )) as unknown as { rows: { after: boolean; before: boolean; mostly_up: boolean }[] }
    ).rows[0];
    expect(span).toEqual({ after: true, before: true, mostly_up: true });
    const again = await generate(1);
    const other = await generate(2);
    const [da, dagain, dother] = await Promise.all([digest(a.database), digest(again.database), digest(other.database)]);
    expect(dagain).toEqual(da);
    expect(dother.referrals).not.toBe(da.referrals);
    expect(dother.visits).not.toBe(da.visits);

    // The linking puts every generated row in the patient index: one record per person, however
    // often they were referred, and register patient n is person n.
    const report = await linkPatients(a.database.db, loadConfig({}));
    const facts = (
      (await a.database.db.execute(sql`
        select (select count(distinct patient_id_cipher)::int from referrals where patient_name = '国模患者') as referred_people,
               (select count(distinct patient_id)::int from referrals where patient_name = '国模患者') as referred_patients,
               (select count(*)::int from patients) as patients,
               (select count(*)::int from chronic_patients c join referrals r on r.patient_id = c.patient_id) as registered_and_referred`)) as unknown as {
        rows: { referred_people: number; referred_patients: number; patients: number; registered_and_referred: number }[];
      }
    ).rows[0];
    expect(report.referrals).toEqual({ linked: 10_000, noIdNumber: 0, unreadable: 0 });
    expect(report.chronicPatients).toEqual({ linked: 1_000, noIdNumber: 0, unreadable: 0 });
    expect(facts?.referred_patients).toBe(facts?.referred_people);
    expect(report.patientsCreated).toBe(facts?.patients);
    expect(facts?.registered_and_referred).toBeGreaterThan(0);
    // A second run finds nothing left to link.
    const again2 = await linkPatients(a.database.db, loadConfig({}));
    expect(again2).toMatchObject({ referrals: { linked: 0 }, chronicPatients: { linked: 0 }, patientsCreated: 0 });
  }, 240_000);
});
