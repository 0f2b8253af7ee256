import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { referrals } from "./referral.ts";
import { institutions } from "./registry.ts";

/** In-app notifications for an institution's staff (new incoming referral, accepted, rejected…). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    referralId: uuid("referral_id").references(() => referrals.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_institution_idx").on(t.institutionId, t.createdAt)],
);

/** One webhook per institution: its hospital information system hears about referral events. */
export const webhooks = pgTable("webhooks", {
  institutionId: uuid("institution_id")
    .primaryKey()
    .references(() => institutions.id),
  url: text("url").notNull(),
  /** HMAC-SHA256 key, sealed like ID numbers (the signature is computed from the opened key). */
  secretCipher: text("secret_cipher").notNull(),
  ...timestamps,
});

/**
 * A hospital system's standing request to hear of its referrals' changes (FHIR R4 Subscription,
 * rest-hook on Task): at each state change of a referral whose sides and status match the filter,
 * a delivery is queued in the change's transaction and sent like a webhook call (signed, retried).
 */
export const fhirSubscriptions = pgTable(
  "fhir_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The institution whose system subscribed (the creator's): only it sees the subscription. */
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    /** As the client sent it, e.g. `Task?owner=Organization/<id>&status=requested`. */
    criteria: text("criteria").notNull(),
    reason: text("reason").notNull(),
    /** The parsed criteria: the receiving (owner) and referring (requester) institution, and referral statuses. */
    filterOwner: uuid("filter_owner").references(() => institutions.id),
    filterRequester: uuid("filter_requester").references(() => institutions.id),
    filterStatuses: text("filter_statuses").array(),
    endpoint: text("endpoint").notNull(),
    /** channel.header lines (`Name: value`, often credentials), sealed as one JSON array like webhook secrets. */
    headersCipher: text("headers_cipher"),
    /** The HMAC-SHA256 key the deliveries are signed with, sealed. */
    secretCipher: text("secret_cipher").notNull(),
    /** '' = a ping (empty POST), 'application/fhir+json' = the Task itself (PUT <endpoint>/Task/<id>). */
    payload: text("payload").notNull().default(""),
    /** active, error (deliveries given up: `error` says why) or off (deleted). */
    status: text("status").notNull(),
    error: text("error"),
    ...timestamps,
  },
  (t) => [index("fhir_subscriptions_active_idx").on(t.institutionId).where(sql`status = 'active'`)],
);

/**
 * Outgoing webhook calls, retried with exponential backoff until delivered or given up. A row with
 * a subscription goes to that subscription's endpoint instead of the institution's webhook.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    subscriptionId: uuid("subscription_id").references(() => fhirSubscriptions.id),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.deliveredAt, t.nextAttemptAt)],
);
