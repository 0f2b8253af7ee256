import type { FastifyBaseLogger } from "fastify";
import { todayInChina } from "../assistance/compliance-service.ts";
import type { Db } from "../db/connection.ts";
import { markStaleCompliance } from "../monitoring/compliance-facts.ts";
import { markEngineFactsForToday } from "../monitoring/engine-facts.ts";
import { markNewMonth, refreshRollups } from "../monitoring/rollups.ts";
import { deliverWebhooks } from "./notify.ts";
import { releaseDueSlots } from "./pool.ts";
import { expireOverdue, warnExpiringSoon } from "./referrals.ts";

/**
 * The scheduled work of the referral capability: warn receivers of referrals about to expire, expire
 * those past their SLA, release unbooked slots before their session, and send due webhook deliveries
 * (with backoff). All read their state from the database, so a restart loses nothing (an overdue
 * referral expires on the first run after it).
 */
export function startReferralJobs(db: Db, key: Buffer, log: FastifyBaseLogger, everyMs = 60_000): () => void {
  let running = false;
  let lastDaily = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const warned = await warnExpiringSoon(db, now);
      const expired = await expireOverdue(db, now);
      const released = await releaseDueSlots(db, now);
      const delivered = await deliverWebhooks(db, key, now);
      // Indicator rollups follow the facts within a minute even when nobody reads them.
      // Verdicts that move with the day (compliance, touring periods, technique checks, a new
      // month of the register) are re-judged once a day.
      const today = todayInChina(now);
      if (today !== lastDaily) {
        await markStaleCompliance(db, today);
        await markNewMonth(db, today);
        await markEngineFactsForToday(db, today);
        lastDaily = today;
      }
      const rolledUp = await refreshRollups(db, today);
      if (warned || expired || released || delivered || rolledUp) log.info({ warned, expired, released, delivered, rolledUp }, "referral jobs");
    } catch (error) {
      log.error({ err: error }, "referral jobs failed");
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  return () => clearInterval(timer);
}
