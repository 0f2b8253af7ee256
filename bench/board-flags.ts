/**
 * The compliance board WITH flags (issue 16 item 5) for Guizhou on PostgreSQL: the demo's
 * agreements plus 300 generated ones (328), each with two six-month stays a year over 2024–2026,
 * a year (2025) of daily check-ins with location evidence (≈ 60,000: 73 % of stationed working
 * days; on site, away or without location, a few agreements mostly away or unlocated), work-log
 * lines (≈ 1.4 a check-in day, 5 % of person-months empty), the months' sign-off (80 % confirmed)
 * and the recipient's ratings (the first quarter and the end of each stay, some below 3).
 * Measures GET /api/v1/compliance as the web asks it (year, first page), as Guizhou's official,
 * over real HTTP: 1 client after a warm-up, then 4 concurrent. Target p95 ≤ 150 ms.
 * `npx tsx bench/board-flags.ts` (BENCH_KEEP=1 leaves the database h6_bench_board_flags behind,
 * BENCH_REUSE=1 measures on it again).
 */
import { formatDay, isWorkingDay, yearEnd, yearStart } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../packages/server/src/db/connection.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { makeRandom } from "../packages/server/src/seed/random.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { login, startServe } from "./lib/server-process.ts";
import { summarise } from "./lib/stats.ts";

const AGREEMENTS = 300;
const PROVINCE = "520000";
const YEAR = 2025;
const PORT = Number(process.env.BENCH_PORT ?? 4661);
const CHECK_IN_RATE = 0.73;

type Db = Database["db"];
const insert = async (db: Db, head: SQL, rows: SQL[]) => {
  for (let i = 0; i < rows.length; i += 2000) await db.execute(sql`${head} values ${sql.join(rows.slice(i, i + 2000), sql`, `)}`);
};

async function generate(db: Db) {
  const random = makeRandom(16);
  const counties = (await db.execute(sql`select code from regions where leaf and code between '520000' and '529999' order by code`)) as unknown as {
    rows: { code: string }[];
  };
  const codes = counties.rows.map((r) => r.code);
  const supporters = (await db.execute(sql`select id from institutions where kind = 'tertiary_hospital' order by name limit 6`)) as unknown as {
    rows: { id: string }[];
  };
  const [admin] = ((await db.execute(sql`select id from users where username = 'admin'`)) as unknown as { rows: { id: string }[] }).rows;
  for (let a = 0; a < AGREEMENTS; a++) {
    const county = codes[a % codes.length] as string;
    const supporter = supporters.rows[a % supporters.rows.length]?.id as string;
    const recipient = crypto.randomUUID();
    const agreement = crypto.randomUUID();
    await db.execute(
      sql`insert into institutions (id, name, kind, region_code, province_code) values (${recipient}, ${`基准受援卫生院${a}`}, 'township_health_center', ${county}, ${PROVINCE})`,
    );
    await db.execute(
      sql`insert into agreements (id, code, recipient_id, pack_id, mode, starts_on, ends_on, status, region_code, province_code) values (${agreement}, ${`FLAGS-${a}`}, ${recipient}, 'city_tertiary_to_county', 'one_to_one', '2024-01-01', '2026-12-31', 'active', ${county}, ${PROVINCE})`,
    );
    await db.execute(sql`insert into agreement_supporters (agreement_id, institution_id) values (${agreement}, ${supporter})`);
    // Two stays a year, one after the other, each by its own person.
    const stays = [2024, 2025, 2026].flatMap((y) => [
      { start: yearStart(y), end: yearStart(y) + 180 },
      { start: yearStart(y) + 181, end: yearEnd(y) },
    ]);
    const people = stays.map(() => crypto.randomUUID());
    const dispatchIds = stays.map(() => crypto.randomUUID());
    await insert(
      db,
      sql`insert into practitioners (id, name, profession, title, institution_id, region_code, province_code)`,
      people.map((id, k) => sql`(${id}, ${`基准医生${a}-${k}`}, 'physician', 'attending', ${supporter}, '330102', '330000')`),
    );
    await insert(
      db,
      sql`insert into dispatches (id, agreement_id, practitioner_id, recipient_id, role, title, planned_start, planned_end, status, province_code)`,
      stays.map(
        (s, k) =>
          sql`(${dispatchIds[k]}, ${agreement}, ${people[k]}, ${recipient}, ${random.pick(["management", "clinical", "discipline_leader"])}, 'attending', ${formatDay(s.start)}, ${formatDay(s.end)}, 'completed', ${PROVINCE})`,
      ),
    );
    // The agreement's profile: most on site; one in ten mostly away, one in twenty without a position.
    const profile = a % 10 === 3 ? "away" : a % 20 === 7 ? "unlocated" : "normal";
    const attendance: SQL[] = [];
    const lines: SQL[] = [];
    const months: SQL[] = [];
    const ratings: SQL[] = [];
    for (const k of [2, 3]) {
      const s = stays[k] as { start: number; end: number };
      const person = people[k] as string;
      const dispatch = dispatchIds[k] as string;
      const emptyMonths = new Set<string>();
      for (let d = s.start; d <= s.end; d++) {
        const date = formatDay(d);
        const month = date.slice(0, 7);
        if (d === s.start || date.endsWith("-01")) {
          if (random.next() < 0.05) emptyMonths.add(month);
          const r = random.next();
          if (r < 0.88) months.push(sql`(${agreement}, ${person}, ${month}, ${r < 0.8 ? "confirmed" : r < 0.85 ? "open" : "disputed"}, ${PROVINCE})`);
        }
        if (!isWorkingDay(d) || random.next() > CHECK_IN_RATE) continue;
        const r = random.next();
        const cls =
          profile === "away"
            ? r < 0.65
              ? "on_site"
              : r < 0.95
                ? "away"
                : "without_location"
            : profile === "unlocated"
              ? r < 0.6
                ? "on_site"
                : "without_location"
              : r < 0.92
                ? "on_site"
                : r < 0.95
                  ? "away"
                  : "without_location";
        const distance = cls === "on_site" ? random.int(20, 950) : cls === "away" ? random.int(2_000, 80_000) : null;
        const id = crypto.randomUUID();
        attendance.push(
          sql`(${id}, ${dispatch}, ${agreement}, ${person}, ${date}, ${"{clinic,ward_round}"}, ${random.int(5, 40)}, ${cls}, ${distance}, 'confirmed', ${PROVINCE})`,
        );
        if (emptyMonths.has(month)) continue;
        const count = random.next() < 0.4 ? 2 : 1;
        for (let n = 0; n < count; n++) {
          const kind = n === 0 ? "outpatient" : random.pick(["operation", "ward_round", "teaching", "mentoring"]);
          lines.push(
            sql`(${agreement}, ${dispatch}, ${person}, ${recipient}, ${date}, ${kind}, ${random.int(3, 30)}, 'check_in', ${id}, 'recorded', ${PROVINCE})`,
          );
        }
      }
      for (const period of [`${YEAR}-Q${k === 2 ? 1 : 3}`, "end"]) {
        const low = random.next() < 0.07;
        const score = () => (low ? random.int(1, 3) : random.int(3, 5));
        ratings.push(sql`(${dispatch}, ${agreement}, ${person}, ${period}, ${score()}, ${score()}, ${score()}, ${score()}, ${admin?.id}, ${PROVINCE})`);
      }
    }
    await insert(
      db,
      sql`insert into attendance (id, dispatch_id, agreement_id, practitioner_id, date, activities, patients, location_class, distance_meters, status, province_code)`,
      attendance,
    );
    await insert(
      db,
      sql`insert into work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, source, attendance_id, status, province_code)`,
      lines,
    );
    await insert(db, sql`insert into work_months (agreement_id, practitioner_id, month, status, province_code)`, months);
    await insert(
      db,
      sql`insert into stay_ratings (dispatch_id, agreement_id, practitioner_id, period, attendance_score, clinical_score, teaching_score, conduct_score, rated_by, province_code)`,
      ratings,
    );
  }
  await db.execute(sql`analyze`);
}

// BENCH_REUSE=1 measures again on the database a BENCH_KEEP run left.
const reuse = Boolean(process.env.BENCH_REUSE);
const { database, env, cleanup } = await benchDatabase("postgres", "h6_bench_board_flags", reuse);
const t0 = performance.now();
if (!reuse) {
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: "bench-demo-password", admin: "bench-admin-password" });
  await generate(database.db);
}
const counts = (
  (await database.db.execute(sql`select
    (select count(*) from agreements where province_code = ${PROVINCE})::int as agreements,
    (select count(*) from dispatches where province_code = ${PROVINCE})::int as dispatches,
    (select count(*) from attendance where province_code = ${PROVINCE} and date between '2025-01-01' and '2025-12-31')::int as "checkIns2025",
    (select count(*) from attendance where province_code = ${PROVINCE} and location_class <> 'on_site' and date between '2025-01-01' and '2025-12-31')::int as "notOnSite2025",
    (select count(*) from work_log_entries where province_code = ${PROVINCE})::int as "workLogLines",
    (select count(*) from work_months where province_code = ${PROVINCE})::int as "workMonths",
    (select count(*) from stay_ratings where province_code = ${PROVINCE})::int as ratings`)) as unknown as { rows: Record<string, number>[] }
).rows[0];
console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)} in ${PROVINCE}`);
await database.close();

const server = await startServe(env, PORT);
try {
  const cookie = await login(server.url, "gz.official", "bench-demo-password");
  // What the board page asks on opening: the year, the first page (every agreement is judged).
  const url = () => `${server.url}/api/v1/compliance?year=${YEAR}&page=1&pageSize=20`;
  const check = await (await fetch(url(), { headers: { cookie } })).json();
  console.log(
    `board: ${check.total} agreements, totals ${JSON.stringify(check.totals)}, flags on the first page: ${check.items.reduce((n: number, r: { flags: unknown[] }) => n + r.flags.length, 0)}`,
  );
  await closedLoop({ clients: 1, seconds: 10, nextUrl: url, headers: { cookie } });
  // One official, then four at once; long enough for well over 30 requests each (BENCH_SECONDS).
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  for (const clients of [1, 4]) {
    const r = await closedLoop({ clients, seconds, nextUrl: url, headers: { cookie } });
    console.log(JSON.stringify({ clients, ...summarise(r.latencies, r.seconds), errors: r.errors }));
  }
} finally {
  await server.stop();
  if (!process.env.BENCH_KEEP) await cleanup();
}
