import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/connection.ts";
import { deliverWebhooks } from "./notify.ts";
import { releaseDueSlots } from "./pool.ts";
import { expireOverdue } from "./referrals.ts";

/**
 * The scheduled work of the referral capability: expire referrals past their SLA, release unbooked
 * slots before their session, and send due webhook deliveries (with backoff). Both read the state from the database, so a restart loses
 * nothing (an overdue referral expires on the first run after it).
 */
export function startReferralJobs(db: Db, key: Buffer, log: FastifyBaseLogger, everyMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const expired = await expireOverdue(db, now);
      const released = await releaseDueSlots(db, now);
      const delivered = await deliverWebhooks(db, key, now);
      if (expired || released || delivered) log.info({ expired, released, delivered }, "referral jobs");
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
