import { boolean, char, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { chronicPatients } from "./hypertension.ts";
import { patients } from "./patients.ts";
import { referrals } from "./referral.ts";
import { institutions } from "./registry.ts";

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
    /** The person the consultation is about, in the patient index (from the register entry or the referral). */
    patientId: uuid("patient_id").references(() => patients.id),
    attendance: jsonb("attendance").$type<{ name: string; side: string; attended: boolean }[]>(),
    minutes: text("minutes"),
    opinion: text("opinion"),
    cancelReason: text("cancel_reason"),
    regionCode: char("region_code", { length: 6 }).notNull(),
    supporterRegionCode: char("supporter_region_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    index("telemedicine_recipient_idx").on(t.recipientId, t.startsAt),
    index("telemedicine_supporter_idx").on(t.supporterId, t.startsAt),
    index("telemedicine_patient_idx").on(t.patientId),
  ],
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
