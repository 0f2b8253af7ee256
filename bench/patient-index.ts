/**
 * The patient index's figures (issue 13), on PostgreSQL:
 * 1. the linking of rows that predate the index, at national scale: the synthetic nation's
 *    10,000,000 referrals and 1,000,000 register patients carry real sealed ID numbers of
 *    3,000,000 people; `linkPatients` opens, hashes and links them — time, rows, records created;
 * 2. lookup by ID number with the resulting index (≥ 1,000,000 patients): p50/p95 of
 *    `findPatientByIdNumber` (HMAC + one probe of the unique index) over 2,000 random people and
 *    2,000 unknown numbers, then POST /api/v1/patients/lookup through a real server process
 *    (sign-in, access check, audit entry) for a demo clinician's own patients. Target p95 ≤ 5 ms.
 *
 *   npx tsx bench/patient-index.ts [national|small]
 *
 * BENCH_KEEP=1 keeps the database; BENCH_REUSE=1 then skips generating and linking, and with
 * BENCH_RELINK=1 as well unlinks everything and measures the linking again.
 */

import { sql } from "drizzle-orm";
import { formatDay, idCheckCharacter } from "../packages/core/src/index.ts";
import { todayInChina } from "../packages/server/src/clock.ts";
import { loadConfig } from "../packages/server/src/config.ts";
import { findPatientByIdNumber } from "../packages/server/src/patient-index.ts";
import { linkPatients } from "../packages/server/src/patient-linking.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { SCALES, type Scale, seedNational, syntheticPerson } from "../packages/server/src/seed/national.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { login, startServe } from "./lib/server-process.ts";
import { percentile } from "./lib/stats.ts";

const scale = (process.argv[2] ?? "national") as Scale;
const PASSWORD = "bench-demo-password";
const keys = loadConfig({});
const print = (figure: string, values: Record<string, unknown>) => console.log(JSON.stringify({ figure, scale, ...values }));
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: values.length, p50: Math.round(percentile(sorted, 50) * 100) / 100, p95: Math.round(percentile(sorted, 95) * 100) / 100 };
};
const count = async (db: import("../packages/server/src/db/connection.ts").Db, q: ReturnType<typeof sql>) =>
  ((await db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;

const reuse = Boolean(process.env.BENCH_REUSE);
const { database, env, cleanup } = await benchDatabase("postgres", "medbridge_bench_patients", reuse);
try {
  await database.migrate();
  const db = database.db;
  if (!reuse) {
    await ensureRegions(db);
    await seedDemo(db, { demo: PASSWORD, admin: "bench-admin-password" });
    const t0 = performance.now();
    await seedNational(db, {
      scale,
      seed: 1,
      asOf: formatDay(todayInChina()),
      keys,
      rollups: false,
      onProgress: (step, done, total) => {
        if (done === total && done > 0) process.stderr.write(`  ${step}: ${done} rows (${seconds(t0)} s so far)\n`);
      },
    });
    print("generator (people, referrals, register; no rollups)", { seconds: seconds(t0) });
  }
  if (!reuse || process.env.BENCH_RELINK) {
    if (reuse) {
      // Back to the state before the index: no row linked, no index record.
      await db.execute(sql`update telemedicine_sessions set patient_id = null where patient_id is not null`);
      await db.execute(sql`update referrals set patient_id = null where patient_id is not null`);
      await db.execute(sql`update chronic_patients set patient_id = null where patient_id is not null`);
      await db.execute(sql`delete from patient_merges`);
      await db.execute(sql`delete from patients`);
      await db.execute(sql`vacuum analyze referrals, chronic_patients, patients`);
    }
    const toLink = {
      referrals: await count(db, sql`select count(*)::int as n from referrals where patient_id is null`),
      chronicPatients: await count(db, sql`select count(*)::int as n from chronic_patients where patient_id is null`),
    };
    const t1 = performance.now();
    let last = 0;
    const report = await linkPatients(db, keys, (table, done) => {
      if (done - last >= 500_000 || done < last) {
        last = done;
        process.stderr.write(`  linking ${table}: ${done} (${seconds(t1)} s)\n`);
      }
    });
    const linkSeconds = seconds(t1);
    const linked = report.referrals.linked + report.chronicPatients.linked;
    print("linking migration", { toLink, ...report, seconds: linkSeconds, rowsPerSecond: Math.round(linked / linkSeconds) });
  }
  await db.execute(sql`analyze patients`);
  const patients = await count(db, sql`select count(*)::int as n from patients`);

  // Lookups of people in the index (random register patients: person n ≤ patients of the register
  // is register patient n, so every one is there) and of numbers nobody has.
  const registered = Math.min(SCALES[scale].visits / 5, SCALES[scale].people);
  const found: number[] = [];
  const missing: number[] = [];
  let misses = 0;
  for (let i = 0; i < 2_000; i++) {
    const n = 1 + Math.floor(Math.random() * registered);
    const t = performance.now();
    const id = await findPatientByIdNumber(db, keys.indexKey, syntheticPerson(n).idNumber);
    found.push(performance.now() - t);
    if (!id) misses++;
  }
  for (let i = 0; i < 2_000; i++) {
    const first17 = `110101${formatDay(19_000 + i).replaceAll("-", "")}${String(i % 1000).padStart(3, "0")}`;
    const t = performance.now();
    await findPatientByIdNumber(db, keys.indexKey, first17 + idCheckCharacter(first17));
    missing.push(performance.now() - t);
  }
  print("lookup by ID number (function: HMAC + index probe)", { patients, found: ms(found), notFound: ms(missing), unexpectedMisses: misses });

  // Through the API: a demo township clinician looks up the patients of its own register.
  const own = (
    (await db.execute(sql`
      select c.id_cipher from chronic_patients c join users u on u.institution_id = c.institution_id
      where u.username = 'gz.township.doctor' and c.id_cipher is not null`)) as unknown as { rows: { id_cipher: string }[] }
  ).rows;
  const { decrypt } = await import("../packages/server/src/crypto.ts");
  const numbers = own.map((r) => decrypt(keys.dataKey, r.id_cipher));
  const server = await startServe({ ...env, MEDBRIDGE_DEMO_PASSWORD: PASSWORD, MEDBRIDGE_SEED_DEMO: "0" }, 18_090);
  try {
    const cookie = await login(server.url, "gz.township.doctor", PASSWORD);
    const api: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const idNumber = numbers[i % numbers.length] as string;
      const t = performance.now();
      const response = await fetch(`${server.url}/api/v1/patients/lookup`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", origin: server.url },
        body: JSON.stringify({ idNumber }),
      });
      await response.arrayBuffer();
      api.push(performance.now() - t);
      if (response.status !== 200) throw new Error(`lookup answered ${response.status}`);
    }
    print("lookup by ID number (POST /api/v1/patients/lookup, own patients)", { patients, distinctPatients: numbers.length, ...ms(api) });
  } finally {
    await server.stop();
  }
} finally {
  await database.close();
  await cleanup();
}
