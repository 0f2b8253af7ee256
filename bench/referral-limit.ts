/**
 * The referral write against the database's own limit (issue 18): in one run, pgbench runs the
 * exact statements the server issues for one create+submit (recorded from the server's own pg
 * client, not retyped), and autocannon drives the server through HTTP with the same number of
 * clients, in ABBA order (pgbench, HTTP, HTTP, pgbench), and prints both and their ratio.
 *
 *   npx tsx bench/referral-limit.ts [historical=1000000] [--clients 50] [--seconds 20] [--workers 1,2]
 *
 * Load generators: pgbench (C, `-M simple`, 2 threads) and autocannon (9.x, in this process, one
 * event loop, much lighter than `fetch`). Both run on the machine under test, as do the server and
 * PostgreSQL; the bench prints the load average before it starts. BENCH_KEEP=1 keeps the database.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { idCheckCharacter } from "@medbridge/core";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { recordStatements, toPgbenchScript } from "./lib/record-statements.ts";
import { loadReferralHistory } from "./lib/referral-history.ts";
import { login, startServe } from "./lib/server-process.ts";
import { settleRollups } from "./lib/settle-rollups.ts";

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const HISTORY = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const CLIENTS = Number(option("clients", "50"));
const SECONDS = Number(option("seconds", "20"));
const WORKERS = option("workers", "1").split(",").map(Number);
const PASSWORD = "bench-demo-password";
const PATIENTS = 1000;

const { database, env, cleanup } = await benchDatabase("postgres", "medbridge_bench_limit");
try {
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: PASSWORD, admin: "bench-admin-password" });
  if (HISTORY > 0)
    await loadReferralHistory(database.db, HISTORY, ["completed", "completed", "completed", "rejected", "expired"], (line) =>
      process.stderr.write(`${line}\r`),
    );
  const county = ((await database.db.execute(sql`select id from institutions where name = '示例黄平人民医院'`)) as unknown as { rows: { id: string }[] })
    .rows[0]?.id as string;

  // The body of the n-th request: the same referral, one of PATIENTS patients (as in bench/referral.ts),
  // so the patient index's upsert spreads over rows as it would in the field.
  const body = (n: number) => {
    const f17 = `52262219610502${String(n % PATIENTS).padStart(3, "0")}`;
    return JSON.stringify({
      direction: "up",
      priority: "urgent",
      toInstitutionId: county,
      department: "心血管内科",
      patient: { name: "示例压测患者", sex: "female", birthDate: "1961-05-02", idNumber: f17 + idCheckCharacter(f17) },
      reason: { icd10: "I10", text: "高血压" },
      submit: true,
    });
  };

  // What the server sends PostgreSQL for one create+submit (after a warm-up request).
  const recorded = await recordStatements(database, "gz.township.doctor", PASSWORD, body);
  const dir = mkdtempSync(join(tmpdir(), "medbridge-limit-"));
  const scriptFile = join(dir, "create-referral.sql");
  writeFileSync(scriptFile, toPgbenchScript(recorded, PATIENTS));
  console.log(
    JSON.stringify({
      figure: "the server's statements for one create+submit",
      roundTrips: recorded.statements.length,
      statements: recorded.statements.map((s) => s.text.replace(/\s+/g, " ").slice(0, 60)),
      pgbenchScript: scriptFile,
    }),
  );
  await settleRollups(database.db, (line) => console.log(line));
  await database.close();

  const pgbench = async () => {
    const { stdout } = await run(
      "pgbench",
      ["-n", "-M", "simple", "-c", String(CLIENTS), "-j", "2", "-T", String(SECONDS), "-f", scriptFile, env.DATABASE_URL as string],
      {
        maxBuffer: 16 << 20,
      },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    return { side: "pgbench", perSecond: Math.round(tps), meanMs: latency, failed };
  };

  const http = async (url: string, cookie: string) => {
    let n = 0;
    const result = await autocannon({
      url: `${url}/api/v1/referrals`,
      connections: CLIENTS,
      duration: SECONDS,
      requests: [
        {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          setupRequest: (request) => ({ ...request, body: body(n++) }),
        },
      ],
    });
    return {
      side: "http",
      perSecond: Math.round(result.requests.average),
      meanMs: result.latency.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
  };

  for (const workers of WORKERS) {
    const server = await startServe(env, 18_450, { workers });
    try {
      const cookie = await login(server.url, "gz.township.doctor", PASSWORD);
      // Warm-up: the server's first requests compile code paths and fill the pools.
      await autocannon({ url: `${server.url}/api/v1/health`, connections: 10, duration: 2 });
      console.log(JSON.stringify({ figure: "load before the runs", workers, loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 }));
      const runs: { side: string; perSecond: number }[] = [];
      for (const side of ["pgbench", "http", "http", "pgbench"] as const) {
        const result = side === "pgbench" ? await pgbench() : await http(server.url, cookie);
        runs.push(result);
        console.log(JSON.stringify({ figure: "referral create+submit", workers, clients: CLIENTS, seconds: SECONDS, history: HISTORY, ...result }));
      }
      const mean = (side: string) => runs.filter((r) => r.side === side).reduce((sum, r) => sum + r.perSecond, 0) / 2;
      console.log(
        JSON.stringify({
          figure: "ratio of the server to the database's limit (ABBA means)",
          workers,
          clients: CLIENTS,
          http: Math.round(mean("http")),
          pgbench: Math.round(mean("pgbench")),
          ratio: Math.round((mean("http") / mean("pgbench")) * 100) / 100,
        }),
      );
    } finally {
      await server.stop();
    }
  }
} finally {
  await cleanup();
}
