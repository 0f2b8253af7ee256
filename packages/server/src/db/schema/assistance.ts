import { sql } from "drizzle-orm";
import { char, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { techniques } from "./outreach.ts";
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

/**
 * The stationed person's work log (issue 16): one line per piece of work on a day of a stay —
 * outpatient sessions, operations, ward rounds, teaching, people mentored, new techniques. Grown
 * from the check-in: migration 0031 turned each check-in's activities and counts into lines
 * (`source` = check_in). The recipient confirms a month's lines in one action, or disputes some.
 */
export const workLogEntries = pgTable(
  "work_log_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    dispatchId: uuid("dispatch_id")
      .notNull()
      .references(() => dispatches.id),
    practitionerId: uuid("practitioner_id")
      .notNull()
      .references(() => practitioners.id),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => institutions.id),
    date: date("date").notNull(),
    /** core WORK_KINDS: outpatient | operation | ward_round | teaching | mentoring | technique. */
    kind: text("kind").notNull(),
    /** Patients seen (outpatient, ward round) or treated with a new technique. */
    patients: integer("patients"),
    /** Operation: its name, its ICD-9-CM-3 code (optional) and the person's role (lead | assistant). */
    operationName: text("operation_name"),
    procedureCode: text("procedure_code"),
    operationRole: text("operation_role"),
    /** Teaching or lecture: topic, attendees and length. */
    topic: text("topic"),
    attendees: integer("attendees"),
    minutes: integer("minutes"),
    /** 带教: how many local staff were mentored that day (never their names). */
    mentees: integer("mentees"),
    /** A new technique performed: the technique transfer record it belongs to. */
    techniqueId: uuid("technique_id").references(() => techniques.id),
    note: text("note"),
    /** log (entered in the work log) | check_in (carried over from a check-in's counts). */
    source: text("source").notNull().default("log"),
    attendanceId: uuid("attendance_id").references(() => attendance.id),
    /** recorded | confirmed | disputed (by the recipient, with its note). */
    status: text("status").notNull().default("recorded"),
    reviewNote: text("review_note"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    index("work_log_person_day_idx").on(t.practitionerId, t.date),
    index("work_log_agreement_idx").on(t.agreementId, t.date),
    index("work_log_recipient_idx").on(t.recipientId, t.date),
  ],
);

/**
 * A stationed person's month under an agreement: the plan written at its start, and the
 * recipient's sign-off at its end (confirming the month's log lines, or disputing it).
 */
export const workMonths = pgTable(
  "work_months",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    practitionerId: uuid("practitioner_id")
      .notNull()
      .references(() => practitioners.id),
    /** YYYY-MM (China calendar). */
    month: char("month", { length: 7 }).notNull(),
    plan: text("plan"),
    planUpdatedAt: timestamp("plan_updated_at", { withTimezone: true }),
    /** The stationed person's own summary for the report (the figures come from the log). */
    summary: text("summary"),
    /** open | confirmed | disputed. */
    status: text("status").notNull().default("open"),
    reviewNote: text("review_note"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("work_months_person_month_idx").on(t.agreementId, t.practitionerId, t.month), index("work_months_month_idx").on(t.month)],
);

/**
 * The recipient's judgement of a stationed person: at the end of a stay (`period` = end) and
 * quarterly for long ones (`period` = 2026-Q3). Four aspects 1–5 and a comment. The supporter sees
 * only aggregates: `rated_by` never leaves the server.
 */
export const stayRatings = pgTable(
  "stay_ratings",
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
    period: text("period").notNull(),
    attendanceScore: integer("attendance_score").notNull(),
    clinicalScore: integer("clinical_score").notNull(),
    teachingScore: integer("teaching_score").notNull(),
    conductScore: integer("conduct_score").notNull(),
    comment: text("comment"),
    ratedBy: uuid("rated_by")
      .notNull()
      .references(() => users.id),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull().defaultNow(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
  },
  (t) => [uniqueIndex("stay_ratings_period_idx").on(t.dispatchId, t.period), index("stay_ratings_agreement_idx").on(t.agreementId)],
);
