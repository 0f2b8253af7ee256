import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { notifications, webhookDeliveries, webhooks } from "../db/schema.ts";

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
 * The payload carries ids and states only, never patient details; webhook-delivery.ts sends it.
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
