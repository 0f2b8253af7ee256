import type { FastifyBaseLogger } from "fastify";
import { todayInChina } from "../assistance/compliance-service.ts";
import type { Db } from "../db/connection.ts";
import { markStaleCompliance } from "../monitoring/compliance-facts.ts";
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
      // Compliance verdicts move with the day: re-check this year's once a day.
      await markStaleCompliance(db, todayInChina(now));
      await markNewMonth(db, todayInChina(now));
      const rolledUp = await refreshRollups(db, todayInChina(now));
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
