import { boolean, char, date, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { patients } from "./patients.ts";
import { institutions } from "./registry.ts";

/** 慢病登记: a hypertension patient under the care of a grassroots institution (hypertension.md). */
export const chronicPatients = pgTable(
  "chronic_patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    /** The person in the patient index: one register entry per person and institution. */
    patientId: uuid("patient_id").references(() => patients.id),
    name: text("name").notNull(),
    sex: text("sex").notNull(),
    birthDate: date("birth_date").notNull(),
    /** Sealed like referral ID numbers; only the masked form is stored in clear. Null without an ID card. */
    idCipher: text("id_cipher"),
    idMasked: text("id_masked"),
    phone: text("phone"),
    /** Whether the patient agreed to SMS reminders, and when they last said so (an opt-out sets it false). */
    smsConsent: boolean("sms_consent").notNull().default(false),
    smsConsentAt: timestamp("sms_consent_at", { withTimezone: true }),
    conditions: jsonb("conditions").$type<string[]>().notNull().default([]),
    riskFactors: jsonb("risk_factors").$type<string[]>().notNull().default([]),
    enrolledOn: date("enrolled_on").notNull(),
    active: boolean("active").notNull().default(true),
    /** Kept from the latest visit so control rates and the call list need no scan of visits. */
    lastVisitOn: date("last_visit_on"),
    lastControlled: boolean("last_controlled"),
    nextDueOn: date("next_due_on"),
    /** The call list (core/hypertension/calls.ts): no call before this day (a retry, an agreed date). */
    nextCallOn: date("next_call_on"),
    unansweredCalls: smallint("unanswered_calls").notNull().default(0),
    /** Set when calling is over (unreachable, wrong number, moved away, died, refused); a visit clears it. */
    offListReason: text("off_list_reason"),
    lastCallResult: text("last_call_result"),
    lastCallOn: date("last_call_on"),
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    index("chronic_patients_institution_due_idx").on(t.institutionId, t.nextDueOn),
    index("chronic_patients_region_idx").on(t.regionCode, t.active),
    uniqueIndex("chronic_patients_institution_patient_idx").on(t.institutionId, t.patientId),
    index("chronic_patients_patient_idx").on(t.patientId),
  ],
);

/** One follow-up visit: what was measured and taken, and the recommendation with its edition. */
export const chronicVisits = pgTable(
  "chronic_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => chronicPatients.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    visitOn: date("visit_on").notNull(),
    input: jsonb("input").notNull(),
    edition: text("edition").notNull(),
    recommendation: jsonb("recommendation").notNull(),
    action: text("action").notNull(),
    controlled: boolean("controlled").notNull(),
    /** follow_up (a visit at the institution) or discharge (the hospital's summary when the patient came back down). */
    kind: text("kind").notNull().default("follow_up"),
    /** The down-referral a discharge visit came with. */
    referralId: uuid("referral_id"),
    /** Null when the visit recorded no blood pressure (a discharge summary without one). */
    sbp: smallint("sbp"),
    dbp: smallint("dbp"),
    nextDueOn: date("next_due_on").notNull(),
    recordedBy: text("recorded_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chronic_visits_patient_idx").on(t.patientId, t.visitOn)],
);

/** One call to a patient on the call list and its result (core/hypertension/calls.ts). */
export const chronicCalls = pgTable(
  "chronic_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => chronicPatients.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    calledOn: date("called_on").notNull(),
    result: text("result").notNull(),
    agreedDate: date("agreed_date"),
    note: text("note"),
    callerId: uuid("caller_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chronic_calls_patient_idx").on(t.patientId, t.createdAt)],
);

/**
 * SMS reminders (短信提醒) through the province's gateway: one row per patient, kind and due date,
 * so a reminder is never sent twice for the same due date; attempts, the gateway's answer and
 * the delivery result stay on the row.
 */
export const smsReminders = pgTable(
  "sms_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => chronicPatients.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    /** before_due (the day before the due date) or missed_visit (the day after it passed without a visit). */
    kind: text("kind").notNull(),
    dueOn: date("due_on").notNull(),
    /** pending, sent, failed (given up), delivered, undelivered, skipped (no consent or no phone when due). */
    status: text("status").notNull(),
    attempts: smallint("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    gatewayMessageId: text("gateway_message_id"),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("sms_reminders_once_idx").on(t.patientId, t.kind, t.dueOn),
    index("sms_reminders_pending_idx").on(t.status, t.nextAttemptAt),
    index("sms_reminders_gateway_idx").on(t.gatewayMessageId),
  ],
);
