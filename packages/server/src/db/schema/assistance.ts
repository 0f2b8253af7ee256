import { sql } from "drizzle-orm";
import { char, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { institutions, practitioners } from "./registry.ts";

/** A province's copy of a built-in rule pack with its own numbers (built-ins live in core). */
export const rulePacks = pgTable("rule_packs", {
  id: text("id").primaryKey(),
  version: integer("version").notNull().default(1),
  name: jsonb("name").notNull(),
  basedOn: text("based_on").notNull(),
  rules: jsonb("rules").notNull(),
  /** The region whose officials own the copy and may assign it. */
  regionCode: char("region_code", { length: 6 }).notNull(),
  ...timestamps,
});

/** 对口帮扶协议: supporters (one or several) help one recipient under a rule pack. */
export const agreements = pgTable(
  "agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => institutions.id),
    packId: text("pack_id").notNull(),
    mode: text("mode").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    specialties: text("specialties").array().notNull().default(sql`'{}'::text[]`),
    status: text("status").notNull(),
    /** The recipient's county. */
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("agreements_code_idx").on(t.code), index("agreements_region_idx").on(t.regionCode), index("agreements_recipient_idx").on(t.recipientId)],
);

export const agreementSupporters = pgTable(
  "agreement_supporters",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.institutionId] }), index("agreement_supporters_institution_idx").on(t.institutionId)],
);

/**
 * 派驻: one stationing of a practitioner under an agreement. The effective interval is the actual
 * dates where recorded, else the planned ones. Migration 0005 adds the generated `period` column and
 * the exclusion constraint: nobody is stationed at two recipients on the same day.
 */
export const dispatches = pgTable(
  "dispatches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    practitionerId: uuid("practitioner_id")
      .notNull()
      .references(() => practitioners.id),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => institutions.id),
    role: text("role").notNull(),
    title: text("title").notNull(),
    batch: text("batch"),
    plannedStart: date("planned_start").notNull(),
    plannedEnd: date("planned_end").notNull(),
    actualStart: date("actual_start"),
    actualEnd: date("actual_end"),
    status: text("status").notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [index("dispatches_agreement_idx").on(t.agreementId), index("dispatches_practitioner_idx").on(t.practitionerId)],
);

/** A stationed doctor's check-in for one day; the recipient's coordinator confirms or disputes it. */
export const attendance = pgTable(
  "attendance",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dispatchId: uuid("dispatch_id")
      .notNull()
      .references(() => dispatches.id),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    practitionerId: uuid("practitioner_id")
      .notNull()
      .references(() => practitioners.id),
    date: date("date").notNull(),
    activities: text("activities").array().notNull(),
    patients: integer("patients"),
    trainees: integer("trainees"),
    note: text("note"),
    status: text("status").notNull().default("submitted"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewNote: text("review_note"),
    /** The device's reported position (issue 16): deleted after POSITION_RETENTION_DAYS (forgetPositions). */
    positionLatitude: doublePrecision("position_latitude"),
    positionLongitude: doublePrecision("position_longitude"),
    positionAccuracy: doublePrecision("position_accuracy"),
    /** on_site | away | without_location (core LOCATION_CLASSES); null for check-ins from before location evidence. */
    locationClass: text("location_class"),
    distanceMeters: integer("distance_meters"),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("attendance_person_day_idx").on(t.practitionerId, t.date), index("attendance_agreement_idx").on(t.agreementId, t.date)],
);
