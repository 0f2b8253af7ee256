import type { FastifyBaseLogger } from "fastify";
import { type Clock, systemClock, todayInChina } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { markStaleCompliance } from "../monitoring/compliance-facts.ts";
import { markEngineFactsForToday } from "../monitoring/engine-facts.ts";
import { markNewMonth, refreshRollups } from "../monitoring/rollups.ts";
import { releaseDueSlots } from "./pool.ts";
import { expireOverdue, warnExpiringSoon } from "./referrals.ts";
import { type DeliveryOptions, webhookSender } from "./webhook-delivery.ts";
import { webhookPolicy } from "./webhook-target.ts";

export interface JobOptions {
  /** The clock: tests move time through it. */
  now?: Clock;
  /** How often the SLA, slot and rollup work runs. */
  everyMs?: number;
  /** How often due webhook deliveries are claimed (sending itself does not hold this loop). */
  webhookEveryMs?: number;
  webhook?: Omit<DeliveryOptions, "policy">;
}

/**
 * The scheduled work of the referral capability: warn receivers of referrals about to expire, expire
 * those past their SLA, release unbooked slots before their session, and send due webhook deliveries
 * (with backoff). All read their state from the database, so a restart loses nothing (an overdue
 * referral expires on the first run after it), and each step claims its rows with SKIP LOCKED, so
 * several server processes may run them against one PostgreSQL.
 *
 * Webhooks run in a loop of their own: an endpoint that never answers must not hold up the SLA
 * clock, the slot release or another institution's deliveries. Returns a stop function that ends
 * both loops and waits for the work in hand.
 */
export function startReferralJobs(
  db: Db,
  config: Pick<Config, "dataKey" | "webhookAllow" | "production">,
  log: FastifyBaseLogger,
  { now = systemClock, everyMs = 60_000, webhookEveryMs = 2_000, webhook = {} }: JobOptions = {},
): () => Promise<void> {
  let lastDaily = 0;
  // One step failing (a referral that cannot be expired, a refresh error) must not skip the others.
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T | 0> => {
    try {
      return await work();
    } catch (error) {
      log.error({ err: error }, `referral job "${name}" failed`);
      return 0;
    }
  };
  const failed = (name: string) => (referralId: string, error: unknown) => log.error({ err: error, referralId }, `referral job "${name}" failed`);

  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= (async () => {
      const at = now();
      const warned = await step("warn", () => warnExpiringSoon(db, at, failed("warn")));
      const expired = await step("expire", () => expireOverdue(db, at, failed("expire")));
      const released = await step("release slots", () => releaseDueSlots(db, at));
      // Indicator rollups follow the facts within a minute even when nobody reads them.
      // Verdicts that move with the day (compliance, touring periods, technique checks, a new
      // month of the register) are re-judged once a day.
      const today = todayInChina(at);
      if (today !== lastDaily) {
        const marked = await step("daily marks", async () => {
          await markStaleCompliance(db, today);
          await markNewMonth(db, today);
          await markEngineFactsForToday(db, today);
          return 1;
        });
        if (marked) lastDaily = today;
      }
      const rolledUp = await step("rollups", () => refreshRollups(db, today));
      if (warned || expired || released || rolledUp) log.info({ warned, expired, released, rolledUp }, "referral jobs");
    })().finally(() => {
      running = null;
    });
  };

  const sender = webhookSender(db, config.dataKey, {
    policy: webhookPolicy(config),
    onSettled: (delivery, error) => {
      if (error) log.warn({ delivery: delivery.id, attempt: delivery.attempts + 1, error }, "webhook delivery failed");
    },
    ...webhook,
  });
  let claiming: Promise<unknown> | null = null;
  const claim = () => {
    claiming ??= sender
      .tick(now(), now)
      .catch((error: unknown) => log.error({ err: error }, "webhook claim failed"))
      .finally(() => {
        claiming = null;
      });
  };

  claim();
  tick();
  const timers = [setInterval(tick, everyMs), setInterval(claim, webhookEveryMs)];
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.allSettled([running, claiming]);
    await sender.stop();
  };
}
