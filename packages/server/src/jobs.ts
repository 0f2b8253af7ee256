import type { FastifyBaseLogger } from "fastify";
import { type Clock, systemClock } from "./clock.ts";

/**
 * A piece of scheduled work a feature registers from its own folder. `run` reads its state from the
 * database (a restart loses nothing) and claims rows with SKIP LOCKED where several server
 * processes could race; it returns counts worth a log line, or nothing.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(at: Date): Promise<Record<string, number> | undefined>;
  /** Work in hand that must end with the server (requests in flight). */
  stop?(): Promise<void>;
}

/**
 * The one scheduler: each job in its own loop, so a slow one (a webhook endpoint that never
 * answers, a long rollup refresh) never holds up another; a run never overlaps the previous run
 * of the same job; a failure is logged and the loop goes on. Every job runs once at start.
 * Returns a stop function that ends the loops and waits for the work in hand.
 */
export function startJobs(jobs: readonly Job[], log: FastifyBaseLogger, now: Clock = systemClock): () => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const tick = (job: Job) => {
    if (running.has(job.name)) return;
    const run = job
      .run(now())
      .then((counts) => {
        if (counts && Object.values(counts).some((n) => n > 0)) log.info(counts, `job ${job.name}`);
      })
      .catch((error: unknown) => log.error({ err: error }, `job ${job.name} failed`))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };
  for (const job of jobs) tick(job);
  const timers = jobs.map((job) => setInterval(() => tick(job), job.everyMs));
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.allSettled([...running.values()]);
    await Promise.allSettled(jobs.map((job) => job.stop?.()));
  };
}
