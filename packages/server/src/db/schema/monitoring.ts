import { sql } from "drizzle-orm";
import { char, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agreements } from "./assistance.ts";

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

/**
 * Referral changes not yet folded into the rollups: each changed row's old columns (sign −1) and
 * new ones (+1), as the referrals trigger writes them. A refresh sums them per county and month
 * into the counted indicators (`counts`/`buckets` in monitoring/indicator-sources.ts) instead of
 * recounting the referrals; only columns those definitions read are kept. Append-only (no key), so
 * concurrent referral writes never wait on each other here.
 */
export const referralRollupChanges = pgTable("referral_rollup_changes", {
  sign: smallint("sign").notNull(),
  regionCode: char("region_code", { length: 6 }).notNull(),
  submittedMonth: char("submitted_month", { length: 7 }),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  direction: text("direction").notNull(),
});

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
