import { timestamp } from "drizzle-orm/pg-core";

/** When a row was made and last changed: shared by the tables of every feature that keeps both. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};
