import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { loadConfig } from "../../packages/server/src/config.ts";
import type { Db } from "../../packages/server/src/db/connection.ts";
import { indexPatient, sealIdNumber } from "../../packages/server/src/patient-index.ts";

/**
 * Loads `count` historical referrals, one statement per 100,000: every township of Guizhou refers
 * up to its county hospital over the last year. Each status of `statuses` takes an equal share, at
 * every township (g / 90: the township is g % 90, so g % n would give each township one status). The
 * rows point to one patient of the index (so no command that opens the database has rows to link).
 */
export async function loadReferralHistory(db: Db, count: number, statuses: readonly string[], say: (line: string) => void): Promise<void> {
  const first17 = "52262219610502123";
  const idNumber = first17 + idCheckCharacter(first17);
  const config = loadConfig();
  const patientId = await indexPatient(db, config, { name: "示例患者", sex: "female", birthDate: "1961-05-02", idNumber });
  const sealed = sealIdNumber(config.dataKey, idNumber);
  const statusArray = sql.raw(`array[${statuses.map((s) => `'${s.replace(/[^a-z_]/g, "")}'`).join(",")}]`);
  const batch = 100_000;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await db.execute(sql`
      insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_id, patient_name, patient_sex, patient_birth_date,
                             patient_id_cipher, patient_id_masked, reason_icd10, reason_text, submitted_at, sla_deadline, accepted_at, region_code, province_code, created_at, updated_at)
      select 'up', (array['routine','urgent','green_channel'])[1 + g % 3], (${statusArray})[1 + (g / 90) % ${statuses.length}],
             t.id, h.id, '心血管内科', ${patientId}, '示例患者', 'female', '1961-05-02', ${sealed.cipher}, ${sealed.masked}, 'I10', '高血压',
             now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day' + interval '2 hours', now() - (g % 365) * interval '1 day' + interval '1 hour',
             t.region_code, t.province_code, now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day'
      from generate_series(1, ${n}) g
      join lateral (select id, region_code, province_code from institutions where kind = 'township_health_center' and province_code = '520000' order by id offset (g % 90) limit 1) t on true
      join lateral (select id from institutions where kind = 'county_hospital' and region_code = t.region_code limit 1) h on true`);
    say(`  history ${done + n}/${count}`);
  }
  // The history is a year old: in a live database autovacuum has long since marked its pages
  // all-visible (so counts read indexes alone). This PostgreSQL runs with autovacuum off, and a bare
  // ANALYZE would leave every page to be visited by every count.
  await db.execute(sql`vacuum analyze`);
}
