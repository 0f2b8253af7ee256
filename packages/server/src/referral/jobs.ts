import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { Job } from "../jobs.ts";
import { type DeliveryOptions, webhookSender } from "../notify/webhook-delivery.ts";
import { webhookPolicy } from "../notify/webhook-target.ts";
import { releaseDueSlots } from "./pool.ts";
import { expireOverdue, warnExpiringSoon } from "./referrals.ts";

export interface ReferralJobOptions {
  /** How often the SLA warning, expiry and slot release run. */
  everyMs?: number;
  /** How often due webhook deliveries are claimed (sending itself does not hold this loop). */
  webhookEveryMs?: number;
  webhook?: Omit<DeliveryOptions, "policy">;
}

/**
 * The scheduled work of the referral capability, for the one scheduler (`jobs.ts`): warn receivers
 * of referrals about to expire, expire those past their SLA, release unbooked slots before their
 * session, and send due webhook deliveries (with backoff). Each step claims its rows with SKIP
 * LOCKED, so several server processes may run them against one PostgreSQL. Webhooks are a job of
 * their own: an endpoint that never answers must not hold up the SLA clock.
 */
export function referralJobs(
  db: Db,
  config: Pick<Config, "dataKey" | "webhookAllow" | "production">,
  log: FastifyBaseLogger,
  now: Clock,
  { everyMs = 60_000, webhookEveryMs = 2_000, webhook = {} }: ReferralJobOptions = {},
): Job[] {
  const failed = (name: string) => (referralId: string, error: unknown) => log.error({ err: error, referralId }, `job referral ${name} failed`);
  // One step failing (a referral that cannot be expired) must not skip the others.
  const step = async (name: string, work: () => Promise<number>): Promise<number> => {
    try {
      return await work();
    } catch (error) {
      log.error({ err: error }, `job referral ${name} failed`);
      return 0;
    }
  };
  const sender = webhookSender(db, config.dataKey, {
    policy: webhookPolicy(config),
    onSettled: (delivery, error) => {
      if (error) log.warn({ delivery: delivery.id, attempt: delivery.attempts + 1, error }, "webhook delivery failed");
    },
    ...webhook,
  });
  return [
    {
      name: "referral SLA",
      everyMs,
      run: async (at) => ({
        warned: await step("warn", () => warnExpiringSoon(db, at, failed("warn"))),
        expired: await step("expire", () => expireOverdue(db, at, failed("expire"))),
        released: await step("release slots", () => releaseDueSlots(db, at)),
      }),
    },
    {
      name: "webhooks",
      everyMs: webhookEveryMs,
      run: async (at) => {
        // The sends go on in the background (the sender keeps them, per endpoint, until stop).
        void (await sender.tick(at, now));
        return undefined;
      },
      stop: () => sender.stop(),
    },
  ];
}
