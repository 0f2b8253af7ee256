import { inSendingHours } from "@medbridge/core";
import type { FastifyBaseLogger } from "fastify";
import { type Clock, chinaDate, chinaDay, chinaMidnight } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { Job } from "../jobs.ts";
import { sendSms } from "../notify/sms-gateway.ts";
import { webhookPolicy } from "../notify/webhook-target.ts";
import { type ClaimedReminder, claimReminders, planReminders, type Settled, settleReminder, skipReasonOf, skipReminder } from "./sms-reminders.ts";

export interface ReminderJobOptions {
  /** How often the job runs (plans when due, then sends what is due). */
  everyMs?: number;
  /** Planning looks for new reminders at most this often, and at the first run of each China day. */
  planEveryMs?: number;
  /** One exchange with the gateway within this (ms). */
  timeoutMs?: number;
  /** Reminders claimed per run, and sent at once at most. */
  batch?: number;
  concurrency?: number;
}

/** The job, and a way to wait for the batch it is sending (tests; the scheduler does not wait). */
export interface ReminderJob extends Job {
  /** Resolves when the batch in flight has settled, with what became of it. */
  idle(): Promise<Record<string, number>>;
}

/** The China hour (0–23) of an instant. */
const chinaHour = (at: Date) => Math.floor((at.getTime() - chinaMidnight(chinaDay(at)).getTime()) / 3_600_000);

/**
 * The register's SMS reminders, for the one scheduler (`jobs.ts`). Each run plans the day's
 * reminders (core's rules, once per patient, kind and due date) and, within the sending hours,
 * claims the pending ones that are due (SKIP LOCKED with a lease: several server processes never
 * send one twice), asks core again whether each still stands (consent, phone, due date) and sends
 * it through the gateway, retrying with core's backoff. Nothing at all without a gateway.
 */
export function reminderJobs(
  db: Db,
  config: Pick<Config, "sms" | "webhookAllow" | "production">,
  log: FastifyBaseLogger,
  now: Clock,
  { everyMs = 15_000, planEveryMs = 10 * 60_000, timeoutMs = 10_000, batch = 100, concurrency = 8 }: ReminderJobOptions = {},
): ReminderJob[] {
  if (!config.sms) return [];
  const gateway = config.sms;
  const policy = webhookPolicy(config);
  const stopping = new AbortController();
  // Longer than a run's exchanges can take, so a lease outlives its request.
  const leaseMs = (Math.ceil(batch / concurrency) + 1) * timeoutMs + 30_000;
  let planned: { day: string; at: number } | null = null;

  async function handle(r: ClaimedReminder): Promise<Settled> {
    const today = chinaDate(now());
    const reason = skipReasonOf(r, today);
    if (reason) return skipReminder(db, r, reason, now());
    const result = await sendSms(
      gateway,
      {
        messageId: r.id,
        phone: r.patient.phone as string,
        template: gateway.templates[r.kind],
        // Template parameters only: the institution and the date, never the patient's name or ID number.
        params: { institution: r.institutionName, dueDate: r.dueOn },
      },
      { policy, at: now(), timeoutMs, signal: stopping.signal },
    );
    // A shutdown is not the gateway's fault: the lease brings the reminder back later.
    if (stopping.signal.aborted) return "lost";
    const settled = await settleReminder(db, r, result, now());
    if (settled === "retry" || settled === "failed")
      log.warn({ reminder: r.id, attempt: r.attempts + 1, error: result.error, settled }, "SMS reminder not sent");
    return settled;
  }

  async function sendAll(claimed: ClaimedReminder[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = { sent: 0, retry: 0, failed: 0, skipped: 0 };
    const queue = [...claimed];
    const worker = async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        try {
          const settled = await handle(r);
          if (settled !== "lost") counts[settled] = (counts[settled] ?? 0) + 1;
        } catch (error) {
          // The lease brings the reminder back; the others go on.
          log.error({ err: error, reminder: r.id }, "SMS reminder: outcome not recorded");
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
    if (Object.values(counts).some((n) => n > 0)) log.info(counts, "job sms reminders: sent");
    return counts;
  }

  let sending: Promise<Record<string, number>> | null = null;
  return [
    {
      name: "sms reminders",
      everyMs,
      async run(at) {
        const counts: Record<string, number> = { planned: 0, claimed: 0 };
        const today = chinaDate(at);
        if (!planned || planned.day !== today || at.getTime() - planned.at >= planEveryMs) {
          counts.planned = await planReminders(db, today, at);
          planned = { day: today, at: at.getTime() };
        }
        // The sends go on in the background, so a stuck gateway never holds the scheduler or a
        // shutdown (stop ends them; their leases bring them back); the next batch waits for them.
        if (sending || stopping.signal.aborted || !inSendingHours(chinaHour(at))) return counts;
        const claimed = await claimReminders(db, at, new Date(at.getTime() + leaseMs), batch);
        counts.claimed = claimed.length;
        if (claimed.length) {
          const batchSent = sendAll(claimed).finally(() => {
            sending = null;
          });
          sending = batchSent;
        }
        return counts;
      },
      idle: async () => (sending ? await sending : {}),
      async stop() {
        stopping.abort(new Error("server shutting down"));
        await sending?.catch(() => undefined);
      },
    },
  ];
}
