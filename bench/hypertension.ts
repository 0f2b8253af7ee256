/**
 * Hypertension decision support and register:
 *  1. the engine alone on one core (evaluations per second; target ≥ 50,000/s),
 *  2. the evaluate API under 50 concurrent clients (p95),
 *  3. the control rate of a county with 20,000 patients and 200,000 visits (target ≤ 200 ms on PostgreSQL).
 *
 *   npx tsx bench/hypertension.ts [postgres|pglite]
 */
import { CONDITIONS, evaluateHypertension, type HypertensionInput, parseHypertensionInput, RISK_FACTORS, SYMPTOMS } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { controlRate } from "../packages/server/src/hypertension/register.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { makeRandom } from "../packages/server/src/seed/random.ts";
import { type Backend, benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { login, startServe } from "./lib/server-process.ts";
import { percentile, summarise } from "./lib/stats.ts";

const backend = (process.argv[2] ?? "postgres") as Backend;
const random = makeRandom(7);

// 1. Engine: 10,000 varied visits, parsed once, evaluated over and over.
const raw = () => ({
  edition: random.pick(["2020", "2025"]),
  asOf: "2026-03-01",
  patient: { age: random.int(25, 95), sex: random.pick(["male", "female"]) },
  readings: Array.from({ length: random.int(1, 4) }, (_, k) => {
    const sbp = random.int(100, 200);
    return { date: `2026-0${1 + (k % 2)}-1${k}`, sbp, dbp: Math.min(sbp - 20, random.int(60, 120)), setting: random.pick(["office", "office", "home"]) };
  }).concat([{ date: "2026-02-25", sbp: random.int(110, 190), dbp: random.int(65, 105), setting: "office" }]),
  diagnosedHypertension: random.next() < 0.5,
  conditions: CONDITIONS.filter(() => random.next() < 0.08),
  riskFactors: RISK_FACTORS.filter(() => random.next() < 0.2),
  symptoms: SYMPTOMS.filter(() => random.next() < 0.03),
  currentDrugs: (["A", "B", "C", "D"] as const).filter(() => random.next() < 0.3).map((c) => ({ class: c, name: `drug-${c}`, atMaxDose: random.next() < 0.3 })),
  weeksOnCurrentRegimen: random.int(0, 30),
});
const inputs: HypertensionInput[] = Array.from({ length: 10_000 }, () => parseHypertensionInput(raw(), { today: "2026-03-01" }));
const rates: number[] = [];
for (let run = 0; run < 7; run++) {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1000) {
    for (const input of inputs) evaluateHypertension(input);
    n += inputs.length;
  }
  rates.push(Math.round(n / ((performance.now() - t0) / 1000)));
}
rates.sort((a, b) => a - b);
const rawInputs = Array.from({ length: 10_000 }, raw);
const t1 = performance.now();
for (const r of rawInputs) evaluateHypertension(parseHypertensionInput(r, { today: "2026-03-01" }));
console.log(
  JSON.stringify({
    figure: "engine on one core",
    evaluationsPerSecond: rates[3],
    min: rates[0],
    max: rates[6],
    withValidationPerSecond: Math.round(10_000 / ((performance.now() - t1) / 1000)),
  }),
);

// 2 and 3 need a database: the demo, plus a county register of 20,000 patients and 200,000 visits.
const PASSWORD = "bench-demo-password";
const { database, env, cleanup } = await benchDatabase(backend, "medbridge_bench_htn");
try {
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: PASSWORD, admin: "bench-admin-password" });
  const t2 = performance.now();
  // Spread over the grassroots institutions of 黄平县 (522622); each patient gets ten visits.
  const grassroots = sql`from institutions where region_code = '522622' and kind in ('township_health_center', 'village_clinic')`;
  const sites = ((await database.db.execute(sql`select count(*)::int as n ${grassroots}`)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 1;
  await database.db.execute(sql`
    insert into chronic_patients (institution_id, name, sex, birth_date, id_cipher, id_masked, id_hash, conditions, risk_factors, enrolled_on,
                                  last_visit_on, last_controlled, next_due_on, region_code, province_code)
    select i.id, '示例压测' || g, case when g % 2 = 0 then 'female' else 'male' end, date '1950-01-01' + (g % 9000),
           'v1:bench', '5226**********' || lpad((g % 10000)::text, 4, '0'), 'bench-' || g, '[]'::jsonb, '[]'::jsonb, date '2025-01-01',
           current_date - (g % 150), g % 3 <> 0, current_date + (g % 60) - 20, i.region_code, i.province_code
    from generate_series(1, 20000) g
    join lateral (select id, region_code, province_code ${grassroots} order by id offset (g % ${sites}) limit 1) i on true`);
  await database.db.execute(sql`
    insert into chronic_visits (patient_id, institution_id, visit_on, input, edition, recommendation, action, controlled, sbp, dbp, next_due_on, recorded_by)
    select p.id, p.institution_id, current_date - v * 30, '{}'::jsonb, '2020', '{}'::jsonb, 'keep', v % 3 <> 0, 120 + v * 3, 80, current_date, 'bench'
    from chronic_patients p cross join generate_series(1, 10) v where p.id_cipher = 'v1:bench'`);
  await database.db.execute(sql`analyze`);
  const counts = (
    (await database.db.execute(
      sql`select (select count(*)::int from chronic_patients where region_code = '522622') as patients, (select count(*)::int from chronic_visits) as visits`,
    )) as unknown as { rows: { patients: number; visits: number }[] }
  ).rows[0];
  console.log(`loaded ${JSON.stringify(counts)} in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  let result: Awaited<ReturnType<typeof controlRate>> | undefined;
  for (let r = 0; r < 21; r++) {
    const t = performance.now();
    result = await controlRate(database.db, { regionCode: "522622" }, new Date().toISOString().slice(0, 10));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      figure: "control rate, one county",
      backend,
      patients: result?.patients,
      visits: counts?.visits,
      institutions: result?.byInstitution.length,
      rate: result?.rate,
      medianMs: Math.round((times[10] as number) * 10) / 10,
      p95Ms: Math.round(percentile(times, 95) * 10) / 10,
    }),
  );
} finally {
  await database.close();
}

const server = await startServe(env, 18_500);
try {
  const doctor = await login(server.url, "gz.township.doctor", PASSWORD);
  const bodies = rawInputs.slice(0, 1000).map((r) => JSON.stringify(r));
  let i = 0;
  const run = await closedLoop({
    clients: 50,
    seconds: 15,
    nextUrl: () => `${server.url}/api/v1/cds/hypertension/evaluate`,
    headers: { cookie: doctor, "content-type": "application/json" },
    method: "POST",
    body: () => bodies[i++ % bodies.length] as string,
  });
  console.log(JSON.stringify({ figure: "evaluate API, 50 clients", backend, ...summarise(run.latencies, run.seconds), errors: run.errors }));
} finally {
  await server.stop();
  await cleanup();
}
