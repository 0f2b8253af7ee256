import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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

/** Outgoing webhook calls, retried with exponential backoff until delivered or given up. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
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
