import cluster from "node:cluster";
import { buildApp } from "../app.ts";
import { assistanceJobs } from "../assistance/jobs.ts";
import { lockoutJobs } from "../auth/lockout.ts";
import { systemClock } from "../clock.ts";
import { type Config, loadConfig, workerCount } from "../config.ts";
import { serveHotBackups } from "../db/hot-backup.ts";
import { subscriptionRenderer } from "../fhir/subscription.ts";
import { rateLimitJobs } from "../http/rate-limit-store.ts";
import { reminderJobs } from "../hypertension/sms-jobs.ts";
import { startJobs } from "../jobs.ts";
import { monitoringJobs } from "../monitoring/jobs.ts";
import { referralJobs } from "../referral/jobs.ts";
import { loginLines, seedFirstStart } from "../seed/first-start.ts";
import { openConfigured } from "./database.ts";
import { shutdownOnSignals } from "./shutdown.ts";

/** What a `serve --workers` primary (cluster.ts) sends a worker that must shut down. */
export const STOP_WORKER = "medbridge:stop";

export async function serve(options: { port?: string | undefined; demo?: boolean | undefined; workers?: string | undefined }): Promise<void> {
  const started = performance.now();
  const config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env);
  const workers = options.workers === undefined ? config.workers : workerCount(options.workers, "--workers");
  if (workers > 1 && cluster.isPrimary) return (await import("./cluster.ts")).runCluster(config, workers, { demo: options.demo === true });
  // A worker of `serve --workers` (cluster.ts): its primary prepared the database, seeded the first
  // start and speaks for all of them; the worker only serves.
  const worker = cluster.worker;
  const say = worker ? () => {} : console.log;
  const shutdown = shutdownOnSignals(config.shutdownTimeoutMs);
  worker?.on("message", (message) => message === STOP_WORKER && shutdown.begin("asked by the primary process"));
  const database = await openConfigured({ serving: true, prepared: worker !== undefined, say });
  shutdown.add("closing the database", () => database.close());
  const firstStart = worker ? null : await seedFirstStart(database.db, config, { demo: options.demo === true, say });
  const app = await buildApp({ db: database.db, readDb: database.read, config });
  if (worker) {
    // Which worker answered (1, 2, … counting replacements): for tests and for tracing a problem to a process.
    const id = String(worker.id);
    app.addHook("onRequest", async (_request, reply) => {
      reply.header("x-medbridge-worker", id);
    });
  }
  // Each feature registers its own scheduled work; one scheduler runs it.
  const stopJobs = startJobs(
    [
      // Webhook deliveries include FHIR subscriptions': a full-payload one sends the referral's Task.
      ...referralJobs(database.db, config, app.log, systemClock, { webhook: { renderResource: subscriptionRenderer(database.db, config) } }),
      ...monitoringJobs(database.db, app.log),
      ...reminderJobs(database.db, config, app.log, systemClock),
      ...assistanceJobs(database.db),
      ...rateLimitJobs(database.db),
      ...lockoutJobs(database.db),
    ],
    app.log,
  );
  if (!worker) startupNotes(config);
  shutdown.add("finishing requests in flight", () => app.close());
  shutdown.add("stopping the jobs", () => stopJobs());
  const stopHotBackups = database.dump && serveHotBackups(config.dataDir, database.dump, (err) => app.log.error({ err }, "hot backup failed"));
  if (stopHotBackups) shutdown.add("closing the backup socket", stopHotBackups);
  const address = await app.listen({ port: config.port, host: config.host });
  if (worker) return;
  const url = address.replace("[::1]", "localhost");
  console.log(`\nMedBridge 医联桥 is running at ${url}  (database: ${database.where}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (database.kind === "pglite") console.log("Embedded PGlite is for trying, demos and tests; run production on PostgreSQL (DATABASE_URL).");
  for (const line of loginLines(config, firstStart)) console.log(line);
}

/** What start-up says about the configuration (once: a `serve --workers` primary says it for all). */
export function startupNotes(config: Config): void {
  if (!config.sms) console.log("SMS reminders are off (no MEDBRIDGE_SMS_URL).");
  if (config.developmentKey) console.warn("MEDBRIDGE_DATA_KEY is not set: ID numbers are encrypted with the development key (refused in production).");
}
