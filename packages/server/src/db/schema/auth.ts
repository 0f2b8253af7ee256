import { boolean, char, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { institutions, practitioners, regions } from "./registry.ts";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    regionCode: char("region_code", { length: 6 }).references(() => regions.code),
    institutionId: uuid("institution_id").references(() => institutions.id),
    practitionerId: uuid("practitioner_id").references(() => practitioners.id),
    /** Region of the user's scope (official's root, or the institution's county), for scoped listing. */
    scopeRegionCode: char("scope_region_code", { length: 6 }),
    active: boolean("active").notNull().default(true),
    /** Set when someone else chose the password: the user must pick their own at next sign-in. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    /** Failed sign-ins since the last success, and the backoff they earned (shared by every server process). */
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_username_idx").on(t.username)],
);

export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Bearer tokens for hospital systems; each acts as its user, with that user's role and scope. */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * The HTTP rate limits' counters (http/rate-limit-store.ts): one row per limited route and client
 * address, in the database so that every server process counts the same attempts. Expired rows are
 * swept by a job.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limit_hits_resets_idx").on(t.resetsAt)],
);

/**
 * Failed sign-ins under names that have no account (auth/lockout.ts), locked on the same schedule as
 * an account's `failed_logins`, so a 429 never tells whether a name exists — with any number of
 * server processes. Names are kept as a keyed hash (people type passwords into the name field).
 */
export const unknownSignInNames = pgTable(
  "unknown_sign_in_names",
  {
    nameHash: text("name_hash").primaryKey(),
    failures: integer("failures").notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("unknown_sign_in_names_last_idx").on(t.lastFailedAt)],
);
