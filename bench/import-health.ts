/**
 * Responsiveness during a large import: a real `medbridge serve` on PGlite; the admin posts a
 * 30,000-row institutions CSV while two clients poll every 20 ms, one `/api/v1/health` (liveness,
 * no database) and one `/api/v1/me` (a signed-in read: session and user from the database).
 * Prints the import time and each poll's worst and p95 latency. Target: worst /health ≤ 250 ms.
 *
 *   npx tsx bench/import-health.ts [rows]
 */
import { sql } from "drizzle-orm";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { login, startServe } from "./lib/server-process.ts";
import { percentile } from "./lib/stats.ts";

const ROWS = Number(process.argv[2] ?? 30_000);
const ADMIN_PASSWORD = "bench-admin-password";
const PORT = 18_500;

const { database, env, cleanup } = await benchDatabase("pglite", "medbridge-bench-import");
await database.migrate();
await seedDemo(database.db, { demo: "bench-demo-password", admin: ADMIN_PASSWORD });
const counties = (
  (await database.db.execute(sql`select code from regions where leaf order by code`)) as unknown as {
    rows: { code: string }[];
  }
).rows.map((r) => r.code);
await database.close();

// A realistic registry file: every column, Chinese names, spread over all counties.
const KINDS = ["village_clinic", "township_health_center", "community_health_center"];
let csv = "机构名称,机构类别,等级,区划代码,地址,床位数,诊疗科目\n";
for (let i = 0; i < ROWS; i++) {
  const kind = KINDS[i % KINDS.length] as string;
  csv += `示例导入测速机构${i},${kind},${kind === "village_clinic" ? "" : "一级甲等"},${counties[i % counties.length]},示例路${i}号,${i % 120},全科医疗科；中医科\n`;
}

interface Poll {
  latencies: number[];
  errors: number;
}

/** Asks `url` every 20 ms (after each answer) until `done()`; latencies in ms. */
async function poll(url: string, headers: Record<string, string>, done: () => boolean): Promise<Poll> {
  const result: Poll = { latencies: [], errors: 0 };
  while (!done()) {
    const t0 = performance.now();
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (!response.ok) result.errors++;
    } catch {
      result.errors++;
    }
    result.latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return result;
}

const summary = (p: Poll) => {
  const sorted = [...p.latencies].sort((a, b) => a - b);
  return { requests: sorted.length, errors: p.errors, worstMs: Math.round(sorted.at(-1) ?? 0), p95Ms: Math.round(percentile(sorted, 95)) };
};

const server = await startServe(env, PORT);
try {
  const admin = await login(server.url, "admin", ADMIN_PASSWORD);
  let finished = false;
  const started = performance.now();
  const importing = fetch(`${server.url}/api/v1/institutions/import`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "text/csv" },
    body: csv,
  }).then(async (response) => {
    const seconds = (performance.now() - started) / 1000;
    finished = true;
    return { status: response.status, report: (await response.json()) as { imported?: number; detail?: string }, seconds };
  });
  const [result, health, me] = await Promise.all([
    importing,
    poll(`${server.url}/api/v1/health`, {}, () => finished),
    poll(`${server.url}/api/v1/me`, { cookie: admin }, () => finished),
  ]);
  console.log(
    JSON.stringify({
      figure: "responsiveness during a CSV import, PGlite",
      rows: ROWS,
      csvMiB: Number((Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)),
      importStatus: result.status,
      imported: result.report.imported ?? result.report.detail,
      importSeconds: Number(result.seconds.toFixed(1)),
      health: summary(health),
      me: summary(me),
      target: "worst /health <= 250 ms",
    }),
  );
} finally {
  await server.stop();
  await cleanup();
}
