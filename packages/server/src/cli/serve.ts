import { randomBytes } from "node:crypto";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { startReferralJobs } from "../referral/jobs.ts";
import { isEmpty, seedDemo } from "../seed/demo.ts";
import { openConfigured } from "./database.ts";

export async function serve(options: { port?: string | undefined }): Promise<void> {
  const started = performance.now();
  const config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env);
  const database = await openConfigured();
  let firstStart: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (await isEmpty(database.db)) {
    const admin = config.adminPassword ?? randomBytes(9).toString("base64url");
    console.log("First start: seeding demo data…");
    firstStart = await seedDemo(database.db, { demo: config.demoPassword, admin }, undefined, config.dataKey);
  }
  const app = await buildApp({ db: database.db, config });
  const stopJobs = startReferralJobs(database.db, config, app.log);
  if (config.developmentKey) console.warn("MEDBRIDGE_DATA_KEY is not set: ID numbers are encrypted with the development key (refused in production).");
  const close = async () => {
    stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void close());
  process.once("SIGTERM", () => void close());
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace("[::1]", "localhost");
  console.log(`\nMedBridge 医联桥 is running at ${url}  (database: ${database.where}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (database.kind === "pglite") console.log("Embedded PGlite is for trying, demos and tests; run production on PostgreSQL (DATABASE_URL).");
  console.log(`Demo logins (password "${config.demoPassword}", or MEDBRIDGE_DEMO_PASSWORD if set at first start):`);
  console.log("  gz.official · zj.city.coord · gz.county.coord · gz.township.doctor · yn.township.doctor · zj.stationed.doctor");
  if (firstStart) {
    const admin = firstStart.users.find((u) => u.username === "admin");
    console.log(`Admin login: admin / ${config.adminPassword ? "(MEDBRIDGE_ADMIN_PASSWORD)" : `${admin?.password}  ← generated, shown only now`}`);
    console.log(
      `Seeded ${firstStart.institutions} institutions, ${firstStart.alliances} alliances, ${firstStart.practitioners} practitioners, ${firstStart.agreements} agreements with ${firstStart.dispatches} dispatches, ${firstStart.attendance} check-ins and ${firstStart.referrals} referrals.`,
    );
  } else {
    console.log("Admin login: admin (password set at first start or by MEDBRIDGE_ADMIN_PASSWORD)");
  }
}
