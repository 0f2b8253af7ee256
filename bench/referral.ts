/**
 * Referral under load: with N historical referrals in the database (default 1,000,000 on
 * PostgreSQL), 50 clients create+submit referrals; the receiver's incoming worklist page; 40
 * clients booking units of one slot with each new referral: throughput on a slot that cannot run out,
 * and exactly 50 successes on a slot of 50 units (no overbooking).
 *
 *   npx tsx bench/referral.ts postgres [historical]     npx tsx bench/referral.ts pglite 100000
 *
 * BENCH_KEEP=1 keeps the database (with what the create phases added); BENCH_REUSE=1 then opens it
 * again without loading (its slots as left: the small one may be full), and BENCH_ONLY=worklist
 * measures the worklists alone, so repeated runs read the same rows. BENCH_DB names the database,
 * BENCH_PORT the server's port.
 */
import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { type Backend, benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { loadReferralHistory } from "./lib/referral-history.ts";
import { login, startServe } from "./lib/server-process.ts";
import { settleRollups } from "./lib/settle-rollups.ts";
import { summarise } from "./lib/stats.ts";

const backend = (process.argv[2] ?? "postgres") as Backend;
const HISTORY = Number(process.argv[3] ?? (backend === "postgres" ? 1_000_000 : 100_000));
const PASSWORD = "bench-demo-password";
const reuse = backend === "postgres" && Boolean(process.env.BENCH_REUSE);
const worklistOnly = process.env.BENCH_ONLY === "worklist";
const { database, env, cleanup } = await benchDatabase(backend, process.env.BENCH_DB ?? "medbridge_bench_referral", reuse);
await database.migrate();
if (!reuse) {
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: PASSWORD, admin: "bench-admin-password" });
  const t0 = performance.now();
  await loadReferralHistory(database.db, HISTORY, ["completed", "completed", "completed", "rejected", "expired"], (line) => process.stdout.write(`${line}\n`));
  console.log(`loaded ${HISTORY} referrals in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const [ids] = (
  (await database.db.execute(sql`select (select id from institutions where name = '示例黄平人民医院') as county`)) as unknown as { rows: { county: string }[] }
).rows;
// Two slots for the contention phases, in a department of their own: one too big to run out
// (throughput of bookings that all update the same row) and one of 50 units (no overbooking).
const slotDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
if (!reuse) {
  await database.db.execute(sql`
    insert into slots (institution_id, department, date, reserved, province_code)
    values (${ids?.county}, '压测科-大', ${slotDate}, 1000000, '520000'), (${ids?.county}, '压测科-小', ${slotDate}, 50, '520000')`);
}
const slotIds = Object.fromEntries(
  (
    (await database.db.execute(sql`select department, id from slots where department like '压测科-%'`)) as unknown as {
      rows: { department: string; id: string }[];
    }
  ).rows.map((r) => [r.department, r.id]),
);
await settleRollups(database.db, (line) => console.log(line));
await database.close();

const server = await startServe(env, Number(process.env.BENCH_PORT ?? 18_400));
try {
  const doctor = await login(server.url, "gz.township.doctor", PASSWORD);
  const coordinator = await login(server.url, "gz.county.coord", PASSWORD);
  let serial = 0;
  const body =
    (department = "心血管内科", slotId?: string) =>
    () => {
      const f17 = `52262219610502${String(serial++ % 1000).padStart(3, "0")}`;
      return JSON.stringify({
        direction: "up",
        priority: "urgent",
        toInstitutionId: ids?.county,
        department,
        patient: { name: "示例压测患者", sex: "female", birthDate: "1961-05-02", idNumber: f17 + idCheckCharacter(f17) },
        reason: { icd10: "I10", text: "高血压" },
        submit: true,
        ...(slotId && { slotId }),
      });
    };
  // create + submit, 50 clients
  if (!worklistOnly) {
    const created = await closedLoop({
      clients: 50,
      seconds: 20,
      nextUrl: () => `${server.url}/api/v1/referrals`,
      headers: { cookie: doctor, "content-type": "application/json" },
      method: "POST",
      body: body(),
    });
    console.log(
      JSON.stringify({
        figure: "create+submit",
        backend,
        history: HISTORY,
        clients: 50,
        ...summarise(created.latencies, created.seconds),
        errors: created.errors,
      }),
    );
  }
  // The page a filter on "submitted" gives, and the one the worklist opens with (web WorklistPage:
  // what needs action, 20 a page).
  for (const [figure, query] of [
    ["incoming worklist page", "role=incoming&status=submitted"],
    ["incoming worklist, needs action (the page's default)", "role=incoming&view=action&page=1&pageSize=20"],
  ] as const) {
    const worklist = await closedLoop({ clients: 10, seconds: 15, nextUrl: () => `${server.url}/api/v1/referrals?${query}`, headers: { cookie: coordinator } });
    console.log(JSON.stringify({ figure, backend, clients: 10, ...summarise(worklist.latencies, worklist.seconds), errors: worklist.errors }));
  }
  // Booking under contention: 50 clients create referrals that each book a unit of the same slot.
  for (const [department, seconds] of worklistOnly
    ? []
    : ([
        ["压测科-大", 10],
        ["压测科-小", 5],
      ] as const)) {
    const run = await closedLoop({
      clients: 50,
      seconds,
      nextUrl: () => `${server.url}/api/v1/referrals`,
      headers: { cookie: doctor, "content-type": "application/json" },
      method: "POST",
      body: body(department, slotIds[department]),
    });
    const [slot] = (
      (await (
        await fetch(`${server.url}/api/v1/slots?institutionId=${ids?.county}&department=${encodeURIComponent(department)}`, { headers: { cookie: doctor } })
      ).json()) as {
        items: { reserved: number; booked: number }[];
      }
    ).items;
    const booked = run.latencies.length - run.errors;
    console.log(
      JSON.stringify({
        figure: "booking under contention (one slot, 50 clients)",
        backend,
        reserved: slot?.reserved,
        bookedBySlot: slot?.booked,
        succeeded: booked,
        refused: run.errors,
        bookingsPerSecond: Math.round(booked / run.seconds),
        ...summarise(run.latencies, run.seconds),
        overbooked: (slot?.booked ?? 0) > (slot?.reserved ?? 0) || booked !== slot?.booked,
      }),
    );
  }
} finally {
  await server.stop();
  await cleanup();
}
