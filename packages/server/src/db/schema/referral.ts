import { sql } from "drizzle-orm";
import { bigserial, char, check, customType, date, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { chronicPatients } from "./hypertension.ts";
import { patients } from "./patients.ts";
import { institutions, regions } from "./registry.ts";

/** Raw bytes (attachments); drizzle has no built-in bytea column. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Outpatient slots a receiving hospital reserves for referrals from grassroots, per department and
 * date. `booked <= reserved` is a CHECK, and booking is one conditional UPDATE, so no concurrency
 * can overbook.
 */
export const slots = pgTable(
  "slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    department: text("department").notNull(),
    date: date("date").notNull(),
    reserved: integer("reserved").notNull(),
    booked: integer("booked").notNull().default(0),
    /** Set when unbooked units went back to the hospital's general pool. */
    releasedAt: timestamp("released_at", { withTimezone: true }),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("slots_institution_department_date_idx").on(t.institutionId, t.department, t.date),
    check("slots_booked_within_reserved", sql`${t.booked} >= 0 and ${t.booked} <= ${t.reserved}`),
  ],
);

/** Beds a hospital reserves for referred admissions, per ward and date. */
export const beds = pgTable(
  "beds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    ward: text("ward").notNull(),
    date: date("date").notNull(),
    reserved: integer("reserved").notNull(),
    booked: integer("booked").notNull().default(0),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("beds_institution_ward_date_idx").on(t.institutionId, t.ward, t.date),
    check("beds_booked_within_reserved", sql`${t.booked} >= 0 and ${t.booked} <= ${t.reserved}`),
  ],
);

/** 双向转诊: a patient moved up or down between institutions (referral.md). */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    direction: text("direction").notNull(),
    priority: text("priority").notNull(),
    /** 0 green channel, 1 urgent, 2 routine: the worklist's first sort key, indexable. */
    priorityRank: smallint("priority_rank").notNull().generatedAlwaysAs(sql`case priority when 'green_channel' then 0 when 'urgent' then 1 else 2 end`),
    status: text("status").notNull(),
    fromInstitutionId: uuid("from_institution_id")
      .notNull()
      .references(() => institutions.id),
    fromUserId: uuid("from_user_id").references(() => users.id),
    toInstitutionId: uuid("to_institution_id")
      .notNull()
      .references(() => institutions.id),
    department: text("department").notNull(),
    /** The person in the patient index; the columns below keep the patient as the referral gave them. */
    patientId: uuid("patient_id").references(() => patients.id),
    patientName: text("patient_name").notNull(),
    patientSex: text("patient_sex").notNull(),
    patientBirthDate: date("patient_birth_date").notNull(),
    /** AES-256-GCM ciphertext of the national ID number; only the masked form is stored in clear. Null without an ID card. */
    patientIdCipher: text("patient_id_cipher"),
    patientIdMasked: text("patient_id_masked"),
    patientPhone: text("patient_phone"),
    /**
     * The patient's home county as given from their address — never derived from the ID number,
     * whose first six digits with the birth date and the masked tail would rebuild it.
     */
    patientHomeCounty: char("patient_home_county", { length: 6 }).references(() => regions.code),
    reasonIcd10: text("reason_icd10").notNull(),
    reasonText: text("reason_text").notNull(),
    summary: text("summary"),
    slotId: uuid("slot_id").references(() => slots.id),
    bedId: uuid("bed_id").references(() => beds.id),
    /** The up-referral a down-referral returns from. */
    parentId: uuid("parent_id"),
    outcome: text("outcome"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** The China month of submission, stored once: the rollups group and look up by it. */
    submittedMonth: char("submitted_month", { length: 7 }).generatedAlwaysAs(sql`rollup_china_month(submitted_at)`),
    slaDeadline: timestamp("sla_deadline", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** When the receiver was told the SLA is about to run out (once per referral). */
    expiryWarnedAt: timestamp("expiry_warned_at", { withTimezone: true }),
    /** The sender's county: officials count referrals by where they started. */
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    // The incoming worklist reads a page straight off an index in its display order: one index for
    // a status filter, one for all statuses (a status in second place would break the order). The id
    // ends the order, so no sort is left: with statistics from before a burst of new referrals the
    // planner expected one row and sorted all 5,800 of them (9 ms) instead of reading 20 (0.2 ms).
    index("referrals_incoming_idx").on(t.toInstitutionId, t.status, t.priorityRank, t.slaDeadline, t.createdAt, t.id),
    index("referrals_incoming_order_idx").on(t.toInstitutionId, t.priorityRank, t.slaDeadline, t.createdAt),
    // The finished part of the incoming worklist, latest first (read backwards, finished statuses filtered).
    index("referrals_incoming_updated_idx").on(t.toInstitutionId, t.updatedAt),
    index("referrals_from_status_idx").on(t.fromInstitutionId, t.status, t.createdAt),
    index("referrals_sla_idx").on(t.slaDeadline),
    index("referrals_region_idx").on(t.regionCode, t.createdAt),
    // The indicator rollups recount a county's months.
    index("referrals_region_month_idx").on(t.regionCode, t.submittedMonth),
    // A refresh of recent months reads a time slice of the whole country.
    index("referrals_submitted_idx").on(t.submittedAt),
    index("referrals_patient_idx").on(t.patientId),
  ],
);

/** Every transition of a referral: who, when, from which state to which, and the note. */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note"),
  },
  (t) => [index("referral_events_referral_idx").on(t.referralId, t.at)],
);

/** Files sent with a referral (reports, ECGs, images): small, so kept in the database with it. */
export const referralAttachments = pgTable(
  "referral_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("referral_attachments_referral_idx").on(t.referralId)],
);

/** Follow-up after a completed down-referral: contact the patient within 14 days. */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    dueOn: date("due_on").notNull(),
    /** The register entry the down-referral landed in: the follow-up is then that patient's call-list item. */
    chronicPatientId: uuid("chronic_patient_id").references(() => chronicPatients.id),
    doneAt: timestamp("done_at", { withTimezone: true }),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("follow_ups_institution_due_idx").on(t.institutionId, t.dueOn)],
);
