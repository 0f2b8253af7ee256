import { sql } from "drizzle-orm";
import { char, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { timestamps } from "./columns.ts";
import { regions } from "./registry.ts";

/**
 * The patient index (患者主索引): one row per person across every institution. A person with a
 * resident ID card is found by `id_hash`, an HMAC of the number under the index key (never the
 * data key, so neither key rebuilds the other's secret); one without gets a `local_id` and can be
 * merged into the right person later. Referrals, register entries and consultations point here.
 */
export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idHash: text("id_hash"),
    /** AES-256-GCM under the data key; only the last characters are kept in clear (`id_masked`). */
    idCipher: text("id_cipher"),
    idMasked: text("id_masked"),
    /** For a person without an ID card (a child, some elderly): MB- and ten random characters. */
    localId: text("local_id"),
    name: text("name").notNull(),
    sex: text("sex").notNull(),
    birthDate: date("birth_date").notNull(),
    phone: text("phone"),
    homeCounty: char("home_county", { length: 6 }).references(() => regions.code),
    /** Set while this record is merged into another (patient_merges says who, when and why). */
    mergedInto: uuid("merged_into"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("patients_id_hash_idx").on(t.idHash),
    uniqueIndex("patients_local_id_idx").on(t.localId),
    index("patients_merged_into_idx").on(t.mergedInto),
    check("patients_identified", sql`${t.idHash} is not null or ${t.localId} is not null`),
  ],
);

/** A coordinator's merge of one patient record into another; undone by setting `unmerged_at`. */
export const patientMerges = pgTable(
  "patient_merges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => patients.id),
    targetId: uuid("target_id")
      .notNull()
      .references(() => patients.id),
    reason: text("reason").notNull(),
    mergedBy: uuid("merged_by")
      .notNull()
      .references(() => users.id),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
    unmergedBy: uuid("unmerged_by").references(() => users.id),
    unmergedAt: timestamp("unmerged_at", { withTimezone: true }),
  },
  (t) => [index("patient_merges_source_idx").on(t.sourceId), index("patient_merges_target_idx").on(t.targetId)],
);
