/**
 * The FHIR door under load, PostgreSQL, with N historical referrals (default 1,000,000):
 * 1. referral create: the REST create+submit and a FHIR transaction Bundle (Patient + ServiceRequest
 *    + Task requested) with the same data, the same clients and the same token, after a discarded
 *    warm-up of each, alternated three times in one run; the figure is FHIR's throughput over REST's
 *    (target ≥ 0.8);
 * 2. `Task?owner=Organization/<county hospital>&status=requested`, 10 clients (target p95 ≤ 30 ms).
 *
 *   npx tsx bench/fhir.ts [historical] [seconds per phase]
 */
import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { closedLoop } from "./lib/load.ts";
import { loadReferralHistory } from "./lib/referral-history.ts";
import { login, startServe } from "./lib/server-process.ts";
import { summarise } from "./lib/stats.ts";

const HISTORY = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 15);
const CLIENTS = 10;
const PASSWORD = "bench-demo-password";
const ADMIN_PASSWORD = "bench-admin-password";
const { database, env, cleanup } = await benchDatabase("postgres", "medbridge_bench_fhir");
await database.migrate();
await ensureRegions(database.db);
await seedDemo(database.db, { demo: PASSWORD, admin: ADMIN_PASSWORD });
const t0 = performance.now();
// A share of the history still waits on the receiver: the page a HIS polls for is a real one.
await loadReferralHistory(database.db, HISTORY, ["completed", "completed", "completed", "rejected", "expired", "submitted"], (line) =>
  process.stdout.write(`${line}\n`),
);
console.log(`loaded ${HISTORY} referrals in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const rows = (
  (await database.db.execute(
    sql`select (select id from institutions where name = '示例黄平人民医院') as county, (select id from users where username = 'gz.township.doctor') as doctor,
        (select id from users where username = 'gz.county.coord') as coordinator`,
  )) as unknown as { rows: { county: string; doctor: string; coordinator: string }[] }
).rows[0] as { county: string; doctor: string; coordinator: string };
const waiting = (
  (await database.db.execute(sql`select count(*)::int as n from referrals where to_institution_id = ${rows.county} and status = 'submitted'`)) as unknown as {
    rows: { n: number }[];
  }
).rows[0]?.n;
await database.close();

const server = await startServe(env, 18_450);
try {
  const admin = await login(server.url, "admin", ADMIN_PASSWORD);
  const tokenFor = async (userId: string) => {
    const response = await fetch(`${server.url}/api/v1/api-tokens`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ name: "bench", userId }),
    });
    if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
    return `Bearer ${((await response.json()) as { token: string }).token}`;
  };
  const doctor = await tokenFor(rows.doctor);
  const coordinator = await tokenFor(rows.coordinator);

  let serial = 0;
  const person = () => {
    const f17 = `52262219610502${String(serial++ % 1000).padStart(3, "0")}`;
    return { name: "示例压测患者", sex: "female", birthDate: "1961-05-02", idNumber: f17 + idCheckCharacter(f17) };
  };
  const restBody = () =>
    JSON.stringify({
      direction: "up",
      priority: "urgent",
      toInstitutionId: rows.county,
      department: "心血管内科",
      patient: person(),
      reason: { icd10: "I10", text: "高血压" },
      submit: true,
    });
  const fhirBody = () => {
    const p = person();
    const patient = "urn:uuid:6f1c2d3e-0000-4000-8000-000000000001";
    const request = "urn:uuid:6f1c2d3e-0000-4000-8000-000000000002";
    return JSON.stringify({
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        {
          fullUrl: patient,
          resource: {
            resourceType: "Patient",
            identifier: [{ system: "urn:oid:2.16.156.10011.1.3", value: p.idNumber }],
            name: [{ text: p.name }],
            gender: p.sex,
            birthDate: p.birthDate,
          },
          request: { method: "POST", url: "Patient" },
        },
        {
          fullUrl: request,
          resource: {
            resourceType: "ServiceRequest",
            status: "draft",
            intent: "order",
            priority: "urgent",
            // The direction, as the REST body gives it (without it the server infers it from the two levels: one more read).
            category: [{ coding: [{ system: "https://medbridge.org.cn/fhir/CodeSystem/referral-direction", code: "up" }] }],
            subject: { reference: patient },
            performer: [{ reference: `Organization/${rows.county}` }],
            performerType: { text: "心血管内科" },
            reasonCode: [{ coding: [{ system: "http://hl7.org/fhir/sid/icd-10", code: "I10" }], text: "高血压" }],
          },
          request: { method: "POST", url: "ServiceRequest" },
        },
        {
          resource: { resourceType: "Task", status: "requested", intent: "order", focus: { reference: request } },
          request: { method: "POST", url: "Task" },
        },
      ],
    });
  };
  // BENCH_ONLY=tasks measures the poll alone (to profile it: BENCH_SERVER_NODE_ARGS="--cpu-prof …").
  const createPhases = process.env.BENCH_ONLY !== "tasks";
  // One of each first: a body the server refuses would otherwise be measured as fast errors.
  for (const [url, type, body] of [
    [`${server.url}/api/v1/referrals`, "application/json", restBody()],
    [`${server.url}/fhir/R4`, "application/fhir+json", fhirBody()],
  ] as const) {
    const response = await fetch(url, { method: "POST", headers: { authorization: doctor, "content-type": type }, body });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  }
  const phaseOptions = async (kind: "rest" | "fhir") => ({
    clients: CLIENTS,
    seconds: SECONDS,
    nextUrl: () => (kind === "rest" ? `${server.url}/api/v1/referrals` : `${server.url}/fhir/R4`),
    headers: { authorization: doctor, "content-type": kind === "rest" ? "application/json" : "application/fhir+json" },
    method: "POST",
    body: kind === "rest" ? restBody : fhirBody,
  });
  const phase = async (kind: "rest" | "fhir") => closedLoop(await phaseOptions(kind));
  const runs: Record<"rest" | "fhir", { requests: number; seconds: number; latencies: number[]; errors: number }> = {
    rest: { requests: 0, seconds: 0, latencies: [], errors: 0 },
    fhir: { requests: 0, seconds: 0, latencies: [], errors: 0 },
  };
  // Warm-up (discarded): the first seconds of each path pay for JIT and the connection pool.
  for (const kind of createPhases ? (["rest", "fhir"] as const) : []) await closedLoop({ ...(await phaseOptions(kind)), seconds: 5 });
  for (const kind of createPhases ? (["rest", "fhir", "rest", "fhir", "rest", "fhir"] as const) : []) {
    const run = await phase(kind);
    const total = runs[kind];
    total.requests += run.latencies.length;
    total.seconds += run.seconds;
    total.latencies.push(...run.latencies);
    total.errors += run.errors;
    console.log(
      JSON.stringify({ figure: `referral create (${kind})`, history: HISTORY, clients: CLIENTS, ...summarise(run.latencies, run.seconds), errors: run.errors }),
    );
  }
  const rps = (kind: "rest" | "fhir") => runs[kind].requests / runs[kind].seconds;
  if (createPhases)
    console.log(
      JSON.stringify({
        figure: "FHIR transaction / REST create throughput",
        rest: summarise(runs.rest.latencies, runs.rest.seconds),
        fhir: summarise(runs.fhir.latencies, runs.fhir.seconds),
        ratio: Math.round((rps("fhir") / rps("rest")) * 100) / 100,
        errors: runs.rest.errors + runs.fhir.errors,
      }),
    );

  const tasks = await closedLoop({
    clients: CLIENTS,
    seconds: SECONDS,
    nextUrl: () => `${server.url}/fhir/R4/Task?owner=Organization/${rows.county}&status=requested`,
    headers: { authorization: coordinator, accept: "application/fhir+json" },
  });
  console.log(
    JSON.stringify({
      figure: "Task?owner=&status=requested",
      history: HISTORY,
      waitingForTheCounty: waiting,
      clients: CLIENTS,
      ...summarise(tasks.latencies, tasks.seconds),
      errors: tasks.errors,
    }),
  );
} finally {
  await server.stop();
  await cleanup();
}
