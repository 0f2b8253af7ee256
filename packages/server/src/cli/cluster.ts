import cluster, { type Worker } from "node:cluster";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { loginLines, seedFirstStart } from "../seed/first-start.ts";
import { openConfigured } from "./database.ts";
import { STOP_WORKER, startupNotes } from "./serve.ts";
import { shutdownOnSignals } from "./shutdown.ts";

/**
 * `serve --workers N` (N > 1): this process becomes a node:cluster primary. It prepares the database
 * once (migrations, regions, the first start's seed) and only then forks N workers, each a whole
 * server (cli/serve.ts) with its own pool and scheduler, sharing the port (the primary hands out
 * connections round-robin). It serves no request itself and holds no database connection.
 *
 * A worker that dies is replaced after a back-off; one that keeps dying within a minute of starting
 * stops everything with a message rather than restarting forever. SIGTERM/SIGINT is passed on as a
 * request to stop, so each worker drains its requests and jobs as a single server would.
 */

/** A worker that dies sooner than this after it started counts towards a crash loop. */
const STEADY_MS = 60_000;
/** Deaths in a row, each within STEADY_MS of starting, that stop the primary. */
const CRASH_LOOP = 5;
/** The first restart's delay, doubled at each death in a row (0.5, 1, 2, 4 s). */
const FIRST_BACKOFF_MS = 500;
/**
 * PostgreSQL connections one worker may hold: its pool (10, db/connection.ts) and the server lock's
 * own (db/lock.ts). A read replica's pool is on the replica's server.
 */
const CONNECTIONS_PER_WORKER = 11;

interface Slot {
  worker: Worker | undefined;
  startedAt: number;
  failures: number;
  listening: boolean;
}

export async function runCluster(config: Config, workers: number, options: { demo: boolean }): Promise<void> {
  const started = performance.now();
  if (!config.databaseUrl) {
    throw new Error(
      `--workers ${workers} needs PostgreSQL (DATABASE_URL): the embedded PGlite database belongs to one process. ` +
        "Set DATABASE_URL, or run one process (--workers 1).",
    );
  }
  // The workers' own deadline, and a little more for them to exit.
  const shutdown = shutdownOnSignals(config.shutdownTimeoutMs + 2_000);
  let firstStart: Awaited<ReturnType<typeof seedFirstStart>>;
  {
    const database = await openConfigured({ serving: true, say: console.log });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= database.close());
    shutdown.add("closing the database", close);
    try {
      firstStart = await seedFirstStart(database.db, config, { demo: options.demo, say: console.log });
      await warnAboutConnections(database.db, workers);
      startupNotes(config);
    } finally {
      await close();
    }
  }

  const slots: Slot[] = Array.from({ length: workers }, () => ({ worker: undefined, startedAt: 0, failures: 0, listening: false }));
  let stopping = false;
  let announced = false;
  const exits: (() => void)[] = [];
  const running = () => slots.filter((s) => s.worker).length;

  const fork = (slot: Slot) => {
    slot.startedAt = Date.now();
    slot.listening = false;
    // The same command line (cluster's default): serve.ts sees it runs as a worker.
    slot.worker = cluster.fork();
  };
  const slotOf = (worker: Worker) => slots.find((s) => s.worker === worker);

  cluster.on("listening", (worker, address: AddressInfo) => {
    const slot = slotOf(worker);
    if (!slot) return;
    slot.listening = true;
    if (announced || !slots.every((s) => s.listening)) return;
    announced = true;
    const host = address.address.includes(":") ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`.replace("[::1]", "localhost");
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nMedBridge 医联桥 is running at ${url}  (${workers} worker processes; database: PostgreSQL; ready in ${seconds} s)`);
    for (const line of loginLines(config, firstStart)) console.log(line);
  });

  cluster.on("exit", (worker, code, signal) => {
    const slot = slotOf(worker);
    if (!slot) return;
    slot.worker = undefined;
    if (stopping) {
      if (code !== 0) console.error(`Worker process ${worker.process.pid} stopped with ${signal ? `signal ${signal}` : `code ${code}`}.`);
      if (running() === 0) for (const done of exits.splice(0)) done();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    slot.failures = Date.now() - slot.startedAt < STEADY_MS ? slot.failures + 1 : 1;
    if (slot.failures >= CRASH_LOOP) {
      console.error(
        `A worker process died ${slot.failures} times in a row, each within ${STEADY_MS / 1000} s of starting (last: ${how}): ` +
          "stopping MedBridge instead of restarting it forever. The messages above say why it died.",
      );
      setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 2_000).unref();
      void stopWorkers().then(() => process.exit(1));
      return;
    }
    const delay = FIRST_BACKOFF_MS * 2 ** (slot.failures - 1);
    console.error(`Worker process ${worker.process.pid} died (${how}); starting another in ${delay / 1000} s.`);
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, delay);
  });

  /** Asks every worker to stop and resolves when none is left (serve.ts drains, then exits). */
  const stopWorkers = () => {
    stopping = true;
    const left = new Promise<void>((done) => (running() === 0 ? done() : exits.push(done)));
    for (const { worker, listening } of slots) {
      if (!worker) continue;
      // One still starting may not listen for the message yet; it has nothing in flight either.
      if (listening && worker.isConnected()) worker.send(STOP_WORKER);
      else worker.process.kill("SIGTERM");
    }
    return left;
  };
  shutdown.add("stopping the worker processes (each finishes its requests and jobs)", stopWorkers);

  for (const slot of slots) fork(slot);
}

/** Says so at start when N workers' pools could take more connections than PostgreSQL allows. */
async function warnAboutConnections(db: Db, workers: number): Promise<void> {
  const result = (await db.execute(
    sql`select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int as available`,
  )) as unknown as { rows: { available: number }[] };
  const available = result.rows[0]?.available ?? 0;
  const wanted = workers * CONNECTIONS_PER_WORKER;
  if (wanted > available) {
    console.warn(
      `${workers} workers may open ${wanted} PostgreSQL connections (${CONNECTIONS_PER_WORKER} each) but the server allows ${available}: ` +
        "raise max_connections or run fewer workers.",
    );
  }
}
