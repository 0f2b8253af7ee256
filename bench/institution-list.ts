/**
 * Institution directory under load: 50,000 institutions, 20 concurrent clients searching,
 * filtering by region and kind, paging. Server in its own process; p50/p95/p99 and requests/s.
 *
 *   npx tsx bench/institution-list.ts [postgres] [pglite]      (default: both)
 *   BENCH_DATABASE_URL=postgres://…/postgres  (admin URL; default the local server on 5432)
 */
import { sql } from "drizzle-orm";
import type { Database } from "../packages/server/src/db/connection.ts";
import { regions } from "../packages/server/src/db/schema.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { makeRandom } from "../packages/server/src/seed/random.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { generateInstitutions } from "./lib/generate-institutions.ts";
import { closedLoop } from "./lib/load.ts";
import { login, startServe } from "./lib/server-process.ts";
import { summarise } from "./lib/stats.ts";

const TOTAL = Number(process.env.BENCH_INSTITUTIONS ?? 50_000);
const CLIENTS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ADMIN = "bench-admin-password";

async function prepare(database: Database): Promise<string[]> {
  await database.migrate();
  await ensureRegions(database.db);
  const demo = await seedDemo(database.db, { demo: "bench-demo-password", admin: ADMIN });
  const started = performance.now();
  await generateInstitutions(database.db, TOTAL - demo.institutions, 7, (done) => done % 10_000 < 1000 && process.stdout.write(`  generated ${done}\n`));
  await database.db.execute(sql`analyze`);
  console.log(`\n  loaded ${TOTAL} institutions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return (await database.db.select({ code: regions.code, name: regions.name }).from(regions).where(sql`${regions.leaf}`)).map((r) => `${r.code}|${r.name}`);
}

function urlMaker(base: string, counties: string[]) {
  const random = makeRandom(99);
  const kinds = ["village_clinic", "township_health_center", "county_hospital", "tertiary_hospital"];
  return () => {
    const [code, name] = (random.pick(counties) as string).split("|") as [string, string];
    const r = random.next();
    let query: string;
    if (r < 0.3) query = `q=${encodeURIComponent(name.slice(0, 2))}`;
    else if (r < 0.4) query = `q=${encodeURIComponent(`${name.replace(/(县|市|区)$/, "")}人民`)}`;
    else if (r < 0.7) query = `regionCode=${code.slice(0, 2)}0000&kind=${random.pick(kinds)}&page=${random.int(1, 3)}`;
    else if (r < 0.9) query = `regionCode=${code}`;
    else query = `page=${random.int(1, 50)}&sort=name`;
    return `${base}/api/v1/institutions?${query}`;
  };
}

async function run(backend: "postgres" | "pglite") {
  console.log(`\n== ${backend}: ${TOTAL} institutions, ${CLIENTS} clients, ${SECONDS} s ==`);
  const { database, env, cleanup } = await benchDatabase(backend, "medbridge_bench_list");
  const counties = await prepare(database);
  await database.close();
  const server = await startServe(env, 18_000 + (backend === "pglite" ? 1 : 0));
  try {
    const cookie = await login(server.url, "admin", ADMIN);
    const next = urlMaker(server.url, counties);
    await closedLoop({ clients: CLIENTS, seconds: 3, nextUrl: next, headers: { cookie } });
    const result = await closedLoop({ clients: CLIENTS, seconds: SECONDS, nextUrl: next, headers: { cookie } });
    const summary = summarise(result.latencies, result.seconds);
    console.log(`  ${JSON.stringify({ backend, institutions: TOTAL, clients: CLIENTS, ...summary, errors: result.errors })}`);
    return summary;
  } finally {
    await server.stop();
    await cleanup();
  }
}

const wanted = process.argv.slice(2).filter((a) => a === "postgres" || a === "pglite") as ("postgres" | "pglite")[];
for (const backend of wanted.length ? wanted : (["postgres", "pglite"] as const)) await run(backend);
