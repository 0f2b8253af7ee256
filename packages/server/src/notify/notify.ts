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
function notifyStatements(institutionId: string, kind: NotificationKind, referral: { id: string; status: string; priority: string }): [SQL, SQL] {
  return notificationInserts(institutionId, kind, referral.id, `referral.${kind}`, referralNotificationPayload(kind, referral));
}

/** What a webhook hears of a referral event (as JSON text): ids and states, never patient details. */
export function referralNotificationPayload(kind: NotificationKind, referral: { id: string; status: string; priority: string }): string {
  return JSON.stringify({ event: `referral.${kind}`, referralId: referral.id, status: referral.status, priority: referral.priority });
}

/**
 * The notification row and the webhook delivery (only when the institution has a webhook): the one
 * way both are written. The ids and the payload may be Drizzle placeholders (a statement built
 * once, db/built-once.ts); the kind and the event are fixed by the statement.
 */
export function notificationInserts(
  institutionId: unknown,
  kind: NotificationKind | SessionNotificationKind,
  referralId: unknown,
  event: string,
  payload: unknown,
  /** A condition of the statement they sit in (the create's: the referral was inserted). */
  when: SQL = sql`true`,
): [SQL, SQL] {
  return [
    sql`insert into ${notifications} (institution_id, referral_id, kind, title) select ${institutionId}, ${referralId}, ${kind}, ${TITLES[kind]} where ${when}`,
    sql`insert into ${webhookDeliveries} (institution_id, event, payload)
        select institution_id, ${event}, ${payload}::jsonb from ${webhooks} where institution_id = ${institutionId} and ${when}`,
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
  const payload = JSON.stringify({ event, sessionId: session.id, status: session.status, sessionKind: session.kind });
  const [notification, delivery] = notificationInserts(institutionId, kind, null, event, payload);
  await db.execute(sql`with notified as (${notification}) ${delivery}`);
}
