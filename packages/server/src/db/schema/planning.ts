import { char, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { institutions, practitioners } from "./registry.ts";

/**
 * What the roster planner must know of a supporting hospital's staff member beyond the registry:
 * the dispatch roles they may take (a discipline leader may also go as a clinician), their
 * department (departments are never emptied beyond a limit), when they can start and the periods
 * they cannot go. A practitioner without a row is planned with the defaults of core's
 * `defaultPlanningProfile` (roles from the profession, department = specialty).
 */
export const staffPlanning = pgTable("staff_planning", {
  practitionerId: uuid("practitioner_id")
    .primaryKey()
    .references(() => practitioners.id),
  department: text("department"),
  roles: text("roles").array().notNull(),
  earliestStart: date("earliest_start"),
  /** `[{ start, end, reason? }]`, inclusive calendar dates, validated by core's planning profile rules. */
  unavailable: jsonb("unavailable").$type<{ start: string; end: string; reason?: string }[]>().notNull().default([]),
  provinceCode: char("province_code", { length: 6 }).notNull(),
  ...timestamps,
});

/**
 * A recipient's need, as the pairing planner reads it: a specialty its capability assessment found
 * lacking, or a technique it asked for (with the specialty that brings it).
 */
export const capabilityNeeds = pgTable(
  "capability_needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    specialty: text("specialty").notNull(),
    source: text("source").notNull(),
    /** The technique asked for (source technique_request). */
    technique: text("technique"),
    year: smallint("year").notNull(),
    provinceCode: char("province_code", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("capability_needs_unique_idx").on(t.institutionId, t.year, t.specialty, t.source),
    index("capability_needs_province_idx").on(t.provinceCode, t.year),
  ],
);

/** A supporting hospital's capacity for pairing: how many recipients, and staff it can send per specialty. */
export const supportCapacity = pgTable("support_capacity", {
  institutionId: uuid("institution_id")
    .primaryKey()
    .references(() => institutions.id),
  maxRecipients: integer("max_recipients").notNull(),
  /** `{ specialty: staff it can send in a year }`. */
  staffBySpecialty: jsonb("staff_by_specialty").$type<Record<string, number>>().notNull().default({}),
  provinceCode: char("province_code", { length: 6 }).notNull(),
  ...timestamps,
});

/** The programme's province pairings (东西部协作 / 对口支援): supporters of one province may serve recipients of another. */
export const provincePairings = pgTable(
  "province_pairings",
  {
    supporterProvince: char("supporter_province", { length: 6 }).notNull(),
    recipientProvince: char("recipient_province", { length: 6 }).notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.supporterProvince, t.recipientProvince] }), index("province_pairings_recipient_idx").on(t.recipientProvince)],
);

/**
 * One run of a planner (roster or pairing): asked for, solved in the solver thread, kept with its
 * result so that any server process answers `GET /plans/{id}`, and applied at most once. A run whose
 * process died stays `running` past its deadline and is then reported as failed.
 */
export const planRuns = pgTable(
  "plan_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    supporterId: uuid("supporter_id").references(() => institutions.id),
    regionCode: char("region_code", { length: 6 }),
    year: smallint("year"),
    params: jsonb("params").notNull(),
    result: jsonb("result"),
    error: text("error"),
    /** The supporter's roster as the plan saw it (hash of its dispatches); apply refuses when it moved. */
    rosterFingerprint: text("roster_fingerprint"),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    /** The province whose officials may read the run (null for a national pairing run). */
    provinceCode: char("province_code", { length: 6 }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    appliedBy: uuid("applied_by").references(() => users.id),
    ...timestamps,
  },
  (t) => [index("plan_runs_supporter_idx").on(t.supporterId, t.createdAt), index("plan_runs_requested_by_idx").on(t.requestedBy, t.createdAt)],
);
