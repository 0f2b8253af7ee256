/**
 * The monitoring figures at national scale: generates the synthetic nation (as
 * `npx medbridge seed --scale national` does) into a fresh PostgreSQL database and reports the
 * generator's rows/s, the database size, the full rollup rebuild, the refresh after 10,000 new
 * referrals (target ≤ 5 s), and the dashboard's API requests for the national and a provincial
 * view, cold (a new server process, each request's first run) and warm (p95 target ≤ 300 ms).
 *
 *   npx tsx bench/national.ts [national|medium|small]
 *
 * BENCH_KEEP=1 keeps the database; BENCH_REUSE=1 then measures it again without generating;
 * BENCH_DB names the database (default medbridge_bench_national) and BENCH_PORT the server's port.
 */

import { sql } from "drizzle-orm";
import { INDICATORS } from "../packages/core/src/index.ts";
import { todayInChina } from "../packages/server/src/clock.ts";
import { loadConfig } from "../packages/server/src/config.ts";
import { rebuildRollups, refreshRollups } from "../packages/server/src/monitoring/rollups.ts";
import { linkPatients } from "../packages/server/src/patient-linking.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { type Scale, seedNational } from "../packages/server/src/seed/national.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { login, startServe } from "./lib/server-process.ts";
import { percentile } from "./lib/stats.ts";

const scale = (process.argv[2] ?? "national") as Scale;
const PASSWORD = "bench-demo-password";
const ADMIN = "bench-admin-password";
const asOf = new Date().toISOString().slice(0, 10);
const print = (figure: string, values: Record<string, unknown>) => console.log(JSON.stringify({ figure, scale, ...values }));
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

const reuse = Boolean(process.env.BENCH_REUSE);
const refreshOnly = reuse && process.env.BENCH_ONLY === "refresh";
// BENCH_DB names another database (a smaller scale next to the kept national one).
const { database, env, cleanup } = await benchDatabase("postgres", process.env.BENCH_DB ?? "medbridge_bench_national", reuse);
try {
  await database.migrate();
  if (!reuse) await generate();
  // As `medbridge seed --scale` does (also a kept database generated before): else the server's
  // first start links every referral to the patient index before it answers, far beyond startServe's wait.
  const t0 = performance.now();
  const linked = refreshOnly ? { referrals: { linked: 0 }, chronicPatients: { linked: 0 } } : await linkPatients(database.db, loadConfig({}));
  if (linked.referrals.linked + linked.chronicPatients.linked > 0)
    print("patient linking", { referrals: linked.referrals.linked, registerPatients: linked.chronicPatients.linked, seconds: seconds(t0) });

  const size = (
    (await database.db.execute(sql`select pg_size_pretty(pg_database_size(current_database())) as size`)) as unknown as { rows: { size: string }[] }
  ).rows[0]?.size;
  print("database size", { size });

  const t1 = performance.now();
  if (refreshOnly) {
    const settled = await refreshRollups(database.db, todayInChina());
    print("refresh of what was pending", { seconds: seconds(t1), dirtyPairs: settled });
  } else await rebuildRollups(database.db, todayInChina());
  const rollupRows = ((await database.db.execute(sql`select count(*)::int as n from indicator_rollups`)) as unknown as { rows: { n: number }[] }).rows[0]?.n;
  if (!refreshOnly) print("full rollup rebuild", { seconds: seconds(t1), rollupRows });

  // 10,000 new referrals over the last month from random townships, with the triggers on.
  const t2 = performance.now();
  await database.db.execute(sql`
    insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_name, patient_sex, patient_birth_date,
                           patient_id_cipher, patient_id_masked, reason_icd10, reason_text, submitted_at, region_code, province_code)
    select 'up', 'routine', 'submitted', t.id, t.id, '内科', '国模患者', 'female', '1960-01-01', 'v1:national', '******', 'I10', 'x',
           now() - (g % 30) * interval '1 day', t.region_code, t.province_code
    from generate_series(1, 10000) g
    join (select row_number() over (order by id) as n, id, region_code, province_code from institutions where kind = 'township_health_center') t
      on t.n = 1 + (abs(hashint8extended(g, 99)) % (select count(*) from institutions where kind = 'township_health_center'))`);
  const insertSeconds = seconds(t2);
  const t3 = performance.now();
  const pairs = await refreshRollups(database.db, todayInChina());
  print("refresh after 10,000 new referrals", { seconds: seconds(t3), dirtyPairs: pairs, insertSeconds });
} finally {
  await database.close();
}
if (refreshOnly) process.exit(0);

// The dashboard's requests: every rolled-up indicator's tiles, the drill-down table and the map.
const rolled = INDICATORS.map((i) => i.id);
const months = (() => {
  const to = asOf.slice(0, 7);
  const [y, m] = to.split("-").map(Number) as [number, number];
  const from = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, "0")}`;
  return `from=${from}&to=${to}`;
})();
const views = {
  national: (id: string) => [`level=province&${months}`, months, `level=province&${months}`].map((q) => `/api/v1/indicators/${id}/values?${q}`),
  provincial: (id: string) =>
    [`regionCode=520000&level=province&${months}`, `regionCode=520000&${months}`, `regionCode=520000&level=county&${months}`].map(
      (q) => `/api/v1/indicators/${id}/values?${q}`,
    ),
};
const timed = async (url: string, cookie: string) => {
  const t = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - t;
};

const server = await startServe(env, Number(process.env.BENCH_PORT ?? 18_710));
try {
  const cookies = { national: await login(server.url, "admin", ADMIN), provincial: await login(server.url, "gz.official", PASSWORD) };
  for (const view of ["national", "provincial"] as const) {
    const urls = rolled.flatMap(views[view]).map((u) => `${server.url}${u}`);
    const cold: number[] = [];
    for (const url of urls) cold.push(await timed(url, cookies[view]));
    const slowest = urls.map((url, k) => [Math.round(cold[k] ?? 0), url.replace(server.url, "")] as const).sort((a, b) => b[0] - a[0]);
    print(`dashboard API, ${view} view, slowest cold requests`, { slowest: slowest.slice(0, 3) });
    const warm: number[] = [];
    for (let round = 0; round < 10; round++) for (const url of urls) warm.push(await timed(url, cookies[view]));
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return { requests: xs.length, p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted.at(-1) ?? 0) };
    };
    print(`dashboard API, ${view} view, cold (first run of each request on a new server)`, stats(cold));
    print(`dashboard API, ${view} view, warm`, stats(warm));
  }
  const year = Number(asOf.slice(0, 4));
  const ranking: number[] = [];
  for (let k = 0; k < 5; k++) ranking.push(await timed(`${server.url}/api/v1/rankings/supporters?regionCode=520000&year=${year}`, cookies.provincial));
  print("supporter ranking, Guizhou", {
    medianMs: Math.round(
      percentile(
        [...ranking].sort((a, b) => a - b),
        50,
      ),
    ),
  });
} finally {
  await server.stop();
  await cleanup();
}

/** Generates the synthetic nation as `medbridge seed --scale` does, reporting rows/s. */
async function generate() {
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: PASSWORD, admin: ADMIN });
  const steps = new Map<string, { started: number; rows: number }>();
  const t0 = performance.now();
  const summary = await seedNational(database.db, {
    scale,
    seed: 1,
    asOf,
    keys: loadConfig({}),
    onProgress: (step, done, total) => {
      const s = steps.get(step) ?? { started: performance.now(), rows: 0 };
      steps.set(step, { ...s, rows: done });
      if (done === total && done > 0) process.stderr.write(`  ${step}: ${done} rows in ${seconds(s.started)} s\n`);
    },
  });
  const generation = seconds(t0);
  const rows = Object.values(summary).reduce((a, b) => a + b, 0);
  print("generator", { ...summary, seconds: generation, rowsPerSecond: Math.round(rows / generation) });

  for (const [step, s] of steps) if (s.rows > 1) print(`generator step ${step}`, { rows: s.rows });
}
