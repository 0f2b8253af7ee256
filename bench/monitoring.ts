/**
 * Indicator rollups at scale (a step towards the national figures of the monitoring issue):
 * N historical referrals (default 1,000,000 on PostgreSQL) spread over Guizhou's counties and two
 * years; full rebuild time; refresh after 10,000 new referrals (target ≤ 5 s); values API for the
 * national and a provincial view (target p95 ≤ 300 ms); database size.
 *
 *   npx tsx bench/monitoring.ts [postgres|pglite] [referrals]
 */
import { sql } from "drizzle-orm";
import { todayInChina } from "../packages/server/src/clock.ts";
import { rebuildRollups, refreshRollups } from "../packages/server/src/monitoring/rollups.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { type Backend, benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { login, startServe } from "./lib/server-process.ts";
import { summarise } from "./lib/stats.ts";

const backend = (process.argv[2] ?? "postgres") as Backend;
const N = Number(process.argv[3] ?? (backend === "postgres" ? 1_000_000 : 100_000));
const PASSWORD = "bench-demo-password";
const { database, env, cleanup } = await benchDatabase(backend, "medbridge_bench_monitoring");
const insertReferrals = (n: number, daysBack: number) =>
  database.db.execute(sql`
    insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_name, patient_sex, patient_birth_date,
                           patient_id_cipher, patient_id_masked, reason_icd10, reason_text, submitted_at, region_code, province_code)
    select case when g % 7 = 0 then 'down' else 'up' end, 'routine', 'completed', t.id, t.id, '心内科', '示例', 'female', '1960-01-01', 'v1:x', 'x', 'I10', 'x',
           now() - (g % ${daysBack}) * interval '1 day', t.region_code, t.province_code
    from generate_series(1, ${n}) g
    join lateral (select id, region_code, province_code from institutions where province_code = '520000' and kind = 'township_health_center' order by id offset (g % 90) limit 1) t on true`);
try {
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: PASSWORD, admin: "bench-admin-password" });
  // Bulk history goes in without the per-row dirty marks (a bulk load is what the rebuild is for).
  await database.db.execute(sql`alter table referrals disable trigger referrals_rollup`);
  const t0 = performance.now();
  for (let done = 0; done < N; done += 100_000) await insertReferrals(Math.min(100_000, N - done), 730);
  await database.db.execute(sql`alter table referrals enable trigger referrals_rollup`);
  await database.db.execute(sql`analyze`);
  console.log(`loaded ${N} referrals in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  await rebuildRollups(database.db, todayInChina());
  const [rows] = ((await database.db.execute(sql`select count(*)::int as n from indicator_rollups`)) as unknown as { rows: { n: number }[] }).rows;
  console.log(
    JSON.stringify({ figure: "full rollup rebuild", backend, referrals: N, rollupRows: rows?.n, seconds: Math.round((performance.now() - t1) / 100) / 10 }),
  );
  const t2 = performance.now();
  await insertReferrals(10_000, 30);
  const inserted = (performance.now() - t2) / 1000;
  const t3 = performance.now();
  const pairs = await refreshRollups(database.db, todayInChina());
  console.log(
    JSON.stringify({
      figure: "refresh after 10,000 new referrals",
      backend,
      dirtyPairs: pairs,
      seconds: Math.round((performance.now() - t3) / 100) / 10,
      insertSeconds: Math.round(inserted * 10) / 10,
    }),
  );
  if (backend === "postgres") {
    const [size] = (
      (await database.db.execute(sql`select pg_size_pretty(pg_database_size(current_database())) as size`)) as unknown as { rows: { size: string }[] }
    ).rows;
    console.log(JSON.stringify({ figure: "database size", size: size?.size }));
  }
} finally {
  await database.close();
}

const server = await startServe(env, 18_700);
try {
  const admin = await login(server.url, "admin", "bench-admin-password");
  const official = await login(server.url, "gz.official", PASSWORD);
  for (const [view, cookie, query] of [
    ["national", admin, ""],
    ["Guizhou", official, "regionCode=520000"],
  ] as const) {
    const run = await closedLoop({
      clients: 4,
      seconds: 10,
      nextUrl: () => `${server.url}/api/v1/indicators/referrals_up/values?${query}`,
      headers: { cookie },
    });
    console.log(JSON.stringify({ figure: `values API, ${view} view, 4 clients`, backend, ...summarise(run.latencies, run.seconds), errors: run.errors }));
  }
} finally {
  await server.stop();
  await cleanup();
}
