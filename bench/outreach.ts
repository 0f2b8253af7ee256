/**
 * Outreach figures: touring-frequency compliance for a province with 2,000 sites and 100,000 visits
 * in one year (target ≤ 500 ms on PostgreSQL), and the calendar API for one institution-month
 * (target p95 ≤ 30 ms).
 *
 *   npx tsx bench/outreach.ts [postgres|pglite]
 */
import { sql } from "drizzle-orm";
import { touringCompliance } from "../packages/server/src/outreach/touring.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { type Backend, benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { login, startServe } from "./lib/server-process.ts";
import { percentile, summarise } from "./lib/stats.ts";

const backend = (process.argv[2] ?? "postgres") as Backend;
const PASSWORD = "bench-demo-password";
const YEAR = new Date().getUTCFullYear() - 1;
const { database, env, cleanup } = await benchDatabase(backend, "medbridge_bench_outreach");
let county = "";
try {
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: PASSWORD, admin: "bench-admin-password" });
  const t0 = performance.now();
  // 2,000 touring sites over Guizhou's counties (a quarter townships, the rest villages), one team
  // per county hospital, 100,000 visits over the year.
  await database.db.execute(sql`
    insert into institutions (name, kind, region_code, province_code)
    select '示例压测巡回点' || g, case when g % 4 = 0 then 'township_health_center' else 'village_clinic' end, r.code, '520000'
    from generate_series(1, 2000) g
    join lateral (select code from regions where province_code = '520000' and leaf order by code offset (g % 88) limit 1) r on true`);
  await database.db.execute(sql`
    insert into touring_teams (name, home_institution_id, region_code)
    select '示例压测巡回队' || i.region_code, i.id, i.region_code from institutions i where i.kind = 'county_hospital' and i.province_code = '520000'`);
  await database.db.execute(sql`
    insert into touring_visits (team_id, site_id, date, end_date, patients_seen, region_code, province_code)
    select (select id from touring_teams order by id offset (g % (select count(*) from touring_teams)) limit 1),
           s.id, make_date(${YEAR}, 1, 1) + (g * 7 % 365), make_date(${YEAR}, 1, 1) + (g * 7 % 365), 30, s.region_code, '520000'
    from generate_series(1, 100000) g
    join lateral (select id, region_code from institutions where name like '示例压测巡回点%' order by id offset (g % 2000) limit 1) s on true`);
  await database.db.execute(sql`analyze`);
  const [loaded] = (
    (await database.db.execute(
      sql`select (select count(distinct site_id)::int from touring_visits where province_code = '520000') as sites, (select count(*)::int from touring_visits) as visits`,
    )) as unknown as { rows: { sites: number; visits: number }[] }
  ).rows;
  console.log(`loaded ${JSON.stringify(loaded)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  let report: Awaited<ReturnType<typeof touringCompliance>> | undefined;
  for (let r = 0; r < 11; r++) {
    const t = performance.now();
    report = await touringCompliance(database.db, "520000", YEAR);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      figure: "touring compliance, Guizhou, one year",
      backend,
      sites: report?.sites,
      failing: report?.failing,
      visits: loaded?.visits,
      medianMs: Math.round(times[5] as number),
      p95Ms: Math.round(percentile(times, 95)),
    }),
  );
  const [row] = ((await database.db.execute(sql`select id from institutions where name = '示例黄平人民医院'`)) as unknown as { rows: { id: string }[] }).rows;
  county = row?.id ?? "";
} finally {
  await database.close();
}

const server = await startServe(env, 18_600);
try {
  const coordinator = await login(server.url, "gz.county.coord", PASSWORD);
  const month = new Date().toISOString().slice(0, 7);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  for (const clients of [1, 10]) {
    const run = await closedLoop({
      clients,
      seconds: 10,
      nextUrl: () => `${server.url}/api/v1/institutions/${county}/calendar?from=${month}-01&to=${last}`,
      headers: { cookie: coordinator },
    });
    console.log(
      JSON.stringify({ figure: "calendar API, one institution-month", backend, clients, ...summarise(run.latencies, run.seconds), errors: run.errors }),
    );
  }
} finally {
  await server.stop();
  await cleanup();
}
