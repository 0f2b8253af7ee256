import { type NotificationKind as AnyNotificationKind, NOTIFICATION_TITLE_ZH } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { notifications, webhookDeliveries, webhooks } from "../db/schema.ts";

/** A referral event's kind (told to the other institution of the referral). */
export type NotificationKind = Exclude<AnyNotificationKind, SessionNotificationKind>;

/** A telemedicine session event, told to the other side of the session (telemedicine_<new status>). */
export type SessionNotificationKind = Extract<AnyNotificationKind, `telemedicine_${string}`>;

/** The stored Chinese title, for webhooks and API clients; the web app shows the kind in the reader's language. */
const TITLES = NOTIFICATION_TITLE_ZH;

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
  return statements(institutionId, kind, referral.id, { event, referralId: referral.id, status: referral.status, priority: referral.priority });
}

/** The notification row and the webhook delivery (only when the institution has a webhook): the one way both are written. */
function statements(
  institutionId: string,
  kind: NotificationKind | SessionNotificationKind,
  referralId: string | null,
  payload: { event: string; [field: string]: string },
): [SQL, SQL] {
  return [
    sql`insert into ${notifications} (institution_id, referral_id, kind, title) values (${institutionId}, ${referralId}, ${kind}, ${TITLES[kind]})`,
    sql`insert into ${webhookDeliveries} (institution_id, event, payload)
        select institution_id, ${payload.event}, ${JSON.stringify(payload)}::jsonb from ${webhooks} where institution_id = ${institutionId}`,
  ];
}

/**
 * Tells an institution about a telemedicine session event, the same way as a referral event (an
 * in-app notification and, with a webhook, a delivery of ids and states), inside the caller's
 * transaction. The session's title is free text and is left out of the payload.
 */
export async function notifySession(
  db: Db,
  institutionId: string,
  kind: SessionNotificationKind,
  session: { id: string; status: string; kind: string },
): Promise<void> {
  const event = kind.replace("_", ".");
  const [notification, delivery] = statements(institutionId, kind, null, { event, sessionId: session.id, status: session.status, sessionKind: session.kind });
  await db.execute(sql`with notified as (${notification}) ${delivery}`);
}
