import type { FastifyBaseLogger } from "fastify";
import { todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import type { Job } from "../jobs.ts";
import { markStaleCompliance } from "./compliance-facts.ts";
import { markEngineFactsForToday } from "./engine-facts.ts";
import { markNewMonth, refreshRollups } from "./rollups.ts";

/**
 * Monitoring's scheduled work: indicator rollups follow the facts within a minute even when nobody
 * reads them, and the verdicts that move with the day (compliance, touring periods, technique
 * checks, a new month of the register) are marked for re-judging once a China day.
 */
export function monitoringJobs(db: Db, log: FastifyBaseLogger, { everyMs = 60_000 } = {}): Job[] {
  let lastDaily = 0;
  return [
    {
      name: "rollups",
      everyMs,
      async run(at) {
        const today = todayInChina(at);
        if (today !== lastDaily) {
          // A failed marking is tried again on the next run; the refresh below goes on regardless.
          try {
            await markStaleCompliance(db, today);
            await markNewMonth(db, today);
            await markEngineFactsForToday(db, today);
            lastDaily = today;
          } catch (error) {
            log.error({ err: error }, "job rollups: daily marks failed");
          }
        }
        return { rolledUp: await refreshRollups(db, today) };
      },
    },
  ];
}
