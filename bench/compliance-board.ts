/**
 * Compliance board API for one province: 300 agreements, 10,000 dispatches, PostgreSQL.
 * Target p95 ≤ 150 ms. `npx tsx bench/compliance-board.ts [postgres|pglite]`
 */
import { formatDay, yearStart } from "@medbridge/core";
import { sql } from "drizzle-orm";
import type { Database } from "../packages/server/src/db/connection.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { makeRandom } from "../packages/server/src/seed/random.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { login, startServe } from "./lib/server-process.ts";
import { summarise } from "./lib/stats.ts";

const AGREEMENTS = 300;
const DISPATCHES = 10_000;
const PROVINCE = "520000";
const backend = (process.argv[2] ?? "postgres") as "postgres" | "pglite";

/** 300 supporter→township agreements in Guizhou, each with its own people, ~33 dispatches each over 2024–2026. */
async function generate(db: Database["db"]) {
  const random = makeRandom(3);
  const counties = (await db.execute(sql`select code from regions where leaf and code between '520000' and '529999' order by code`)) as unknown as {
    rows: { code: string }[];
  };
  const codes = counties.rows.map((r) => r.code);
  const supporters = (await db.execute(sql`select id from institutions where kind = 'tertiary_hospital' order by name limit 6`)) as unknown as {
    rows: { id: string }[];
  };
  const perAgreement = Math.round(DISPATCHES / AGREEMENTS);
  for (let a = 0; a < AGREEMENTS; a++) {
    const county = codes[a % codes.length] as string;
    const supporter = supporters.rows[a % supporters.rows.length]?.id as string;
    const recipient = crypto.randomUUID();
    const agreement = crypto.randomUUID();
    await db.execute(
      sql`insert into institutions (id, name, kind, region_code, province_code) values (${recipient}, ${`基准受援卫生院${a}`}, 'township_health_center', ${county}, ${PROVINCE})`,
    );
    await db.execute(
      sql`insert into agreements (id, code, recipient_id, pack_id, mode, starts_on, ends_on, status, region_code, province_code) values (${agreement}, ${`BENCH-${a}`}, ${recipient}, 'city_tertiary_to_county', 'one_to_one', '2024-01-01', '2026-12-31', 'active', ${county}, ${PROVINCE})`,
    );
    await db.execute(sql`insert into agreement_supporters (agreement_id, institution_id) values (${agreement}, ${supporter})`);
    const people = Array.from({ length: 12 }, () => crypto.randomUUID());
    await db.execute(
      sql`insert into practitioners (id, name, profession, title, institution_id, region_code, province_code) values ${sql.join(
        people.map((id, k) => sql`(${id}, ${`基准医生${a}-${k}`}, 'physician', 'attending', ${supporter}, '330102', '330000')`),
        sql`, `,
      )}`,
    );
    const rows = Array.from({ length: perAgreement }, (_, k) => {
      const person = people[k % people.length] as string;
      // Each person's stays follow one another, so nobody is at two places on a day.
      const start = yearStart(2024) + Math.floor(k / people.length) * 100 + random.int(0, 10);
      const end = start + random.int(40, 85);
      return sql`(${agreement}, ${person}, ${recipient}, ${random.pick(["management", "clinical", "discipline_leader"])}, 'attending', ${formatDay(start)}, ${formatDay(end)}, 'completed', ${PROVINCE})`;
    });
    await db.execute(
      sql`insert into dispatches (agreement_id, practitioner_id, recipient_id, role, title, planned_start, planned_end, status, province_code) values ${sql.join(rows, sql`, `)}`,
    );
  }
  await db.execute(sql`analyze`);
}

const { database, env, cleanup } = await benchDatabase(backend, "medbridge_bench_board");
await database.migrate();
await ensureRegions(database.db);
await seedDemo(database.db, { demo: "bench-demo-password", admin: "bench-admin-password" });
const t0 = performance.now();
await generate(database.db);
const counts = (await database.db.execute(
  sql`select (select count(*) from agreements where province_code = ${PROVINCE})::int as agreements, (select count(*) from dispatches where province_code = ${PROVINCE})::int as dispatches`,
)) as unknown as { rows: { agreements: number; dispatches: number }[] };
console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts.rows[0])} in ${PROVINCE}`);
await database.close();

const server = await startServe(env, 18_300);
try {
  const cookie = await login(server.url, "gz.official", "bench-demo-password");
  const url = () => `${server.url}/api/v1/compliance?year=2025&regionCode=${PROVINCE}`;
  const check = await (await fetch(url(), { headers: { cookie } })).json();
  console.log(`board rows: ${check.items.length}, totals ${JSON.stringify(check.totals)}`);
  await closedLoop({ clients: 1, seconds: 3, nextUrl: url, headers: { cookie } });
  for (const clients of [1, 4]) {
    const r = await closedLoop({ clients, seconds: 15, nextUrl: url, headers: { cookie } });
    console.log(JSON.stringify({ backend, clients, ...summarise(r.latencies, r.seconds), errors: r.errors }));
  }
} finally {
  await server.stop();
  if (!process.env.BENCH_KEEP) await cleanup();
}
