import type { FastifyBaseLogger } from "fastify";
import { todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import type { Job } from "../jobs.ts";
import { markStaleCompliance } from "./compliance-facts.ts";
import { markEngineFactsForToday } from "./engine-facts.ts";
import { claimDailyMarks, markNewMonth, refreshRollups, releaseDailyMarks } from "./rollups.ts";

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
        // Once a China day per database, not per process start: at national scale the marks
        // recompute thousands of county-months (9–17 s), which a restart or a second worker
        // used to repeat while the first dashboard requests waited behind it.
        if (today !== lastDaily && (await claimDailyMarks(db, today))) {
          // A failed marking is given back and tried again on the next run; the refresh below goes on regardless.
          try {
            await markStaleCompliance(db, today);
            await markNewMonth(db, today);
            await markEngineFactsForToday(db, today);
          } catch (error) {
            await releaseDailyMarks(db, today);
            log.error({ err: error }, "job rollups: daily marks failed");
          }
        }
        lastDaily = today;
        return { rolledUp: await refreshRollups(db, today) };
      },
    },
  ];
}
