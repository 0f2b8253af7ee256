import { buildApp } from "../app.ts";
import { assistanceJobs } from "../assistance/jobs.ts";
import { systemClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { serveHotBackups } from "../db/hot-backup.ts";
import { subscriptionRenderer } from "../fhir/subscription.ts";
import { reminderJobs } from "../hypertension/sms-jobs.ts";
import { startJobs } from "../jobs.ts";
import { monitoringJobs } from "../monitoring/jobs.ts";
import { referralJobs } from "../referral/jobs.ts";
import { loginLines, seedFirstStart } from "../seed/first-start.ts";
import { openConfigured } from "./database.ts";
import { shutdownOnSignals } from "./shutdown.ts";

export async function serve(options: { port?: string | undefined; demo?: boolean | undefined }): Promise<void> {
  const started = performance.now();
  const config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env);
  const shutdown = shutdownOnSignals(config.shutdownTimeoutMs);
  const database = await openConfigured({ serving: true, say: console.log });
  shutdown.add("closing the database", () => database.close());
  const firstStart = await seedFirstStart(database.db, config, { demo: options.demo === true, say: console.log });
  const app = await buildApp({ db: database.db, readDb: database.read, config });
  // Each feature registers its own scheduled work; one scheduler runs it.
  const stopJobs = startJobs(
    [
      // Webhook deliveries include FHIR subscriptions': a full-payload one sends the referral's Task.
      ...referralJobs(database.db, config, app.log, systemClock, { webhook: { renderResource: subscriptionRenderer(database.db, config) } }),
      ...monitoringJobs(database.db, app.log),
      ...reminderJobs(database.db, config, app.log, systemClock),
      ...assistanceJobs(database.db),
    ],
    app.log,
  );
  if (!config.sms) console.log("SMS reminders are off (no MEDBRIDGE_SMS_URL).");
  if (config.developmentKey) console.warn("MEDBRIDGE_DATA_KEY is not set: ID numbers are encrypted with the development key (refused in production).");
  shutdown.add("finishing requests in flight", () => app.close());
  shutdown.add("stopping the jobs", () => stopJobs());
  const stopHotBackups = database.dump && serveHotBackups(config.dataDir, database.dump, (err) => app.log.error({ err }, "hot backup failed"));
  if (stopHotBackups) shutdown.add("closing the backup socket", stopHotBackups);
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace("[::1]", "localhost");
  console.log(`\nMedBridge 医联桥 is running at ${url}  (database: ${database.where}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (database.kind === "pglite") console.log("Embedded PGlite is for trying, demos and tests; run production on PostgreSQL (DATABASE_URL).");
  for (const line of loginLines(config, firstStart)) console.log(line);
}
