import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Facts about this installation, one row per key: the data key's check value (a wrong key is
 * refused at start-up, not found when a clinician opens a record).
 */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
