import { createHmac } from "node:crypto";
import { and, asc, eq, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { notifications, webhookDeliveries, webhooks } from "../db/schema.ts";
import { decrypt } from "./patient-crypto.ts";

export type NotificationKind = "incoming" | "accepted" | "rejected" | "scheduled" | "expiring" | "expired" | "completed";

const TITLES: Record<NotificationKind, string> = {
  incoming: "新的转入申请",
  accepted: "转诊已被接收",
  rejected: "转诊被拒绝",
  scheduled: "转诊已预约号源/床位",
  expiring: "转诊即将超时，请尽快处理",
  expired: "转诊超时未应答",
  completed: "转诊已完成",
};

/**
 * Tells an institution about a referral event: an in-app notification, and a webhook delivery when
 * the institution has a webhook. Called inside the transition's transaction, so both or neither.
 * The payload carries ids and states only, never patient details.
 */
export async function notify(db: Db, institutionId: string, kind: NotificationKind, referral: { id: string; status: string; priority: string }): Promise<void> {
  const [notification, delivery] = notifyStatements(institutionId, kind, referral);
  await db.execute(sql`with notified as (${notification}) ${delivery}`);
}

/**
 * The two inserts of a notification, for callers that send them inside a statement of their own
 * (data-modifying CTEs must sit at the top level, so they cannot nest).
 */
export function notifyStatements(institutionId: string, kind: NotificationKind, referral: { id: string; status: string; priority: string }): [SQL, SQL] {
  const event = `referral.${kind}`;
  const payload = JSON.stringify({ event, referralId: referral.id, status: referral.status, priority: referral.priority });
  return [
    sql`insert into ${notifications} (institution_id, referral_id, kind, title) values (${institutionId}, ${referral.id}, ${kind}, ${TITLES[kind]})`,
    sql`insert into ${webhookDeliveries} (institution_id, event, payload)
        select institution_id, ${event}, ${payload}::jsonb from ${webhooks} where institution_id = ${institutionId}`,
  ];
}

/** `sha256=<hex>` of the body under the institution's secret: the receiver recomputes and compares. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Retries after 1, 2, 4 … minutes; after eight failures the delivery is given up (and kept for review). */
export const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);

/** Sends the deliveries that are due; returns how many were delivered. */
export async function deliverWebhooks(db: Db, key: Buffer, now: Date, fetcher: typeof fetch = fetch): Promise<number> {
  const due = await db
    .select({
      id: webhookDeliveries.id,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      event: webhookDeliveries.event,
      url: webhooks.url,
      secret: webhooks.secretCipher,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.institutionId, webhookDeliveries.institutionId))
    .where(and(isNull(webhookDeliveries.deliveredAt), lte(webhookDeliveries.nextAttemptAt, now), sql`${webhookDeliveries.attempts} < ${MAX_ATTEMPTS}`))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(50);
  let delivered = 0;
  for (const d of due) {
    const body = JSON.stringify(d.payload);
    let error: string | null = null;
    try {
      const response = await fetcher(d.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-medbridge-event": d.event,
          "x-medbridge-signature": signature(decrypt(key, d.secret), body),
          "x-medbridge-delivery": d.id,
        },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const attempts = d.attempts + 1;
    await db
      .update(webhookDeliveries)
      .set(
        error ? { attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) } : { attempts, deliveredAt: now, lastError: null },
      )
      .where(eq(webhookDeliveries.id, d.id));
    if (!error) delivered++;
  }
  return delivered;
}
