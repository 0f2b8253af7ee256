import type { CallResult, CatalogueEntry, IndicatorId } from "@medbridge/core";
import { getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { CONFIRMED, OPERATIONS, OUTPATIENT_VISITS, PEOPLE_TRAINED, TEACHING_MINUTES } from "../assistance/work-totals.ts";
import type { Db } from "../db/connection.ts";
import {
  agreementCompliance,
  beds,
  chronicCalls,
  chronicPatients,
  chronicVisits,
  countyVisitStats,
  dispatches,
  furtherStudy,
  institutionAssessments,
  institutions,
  referralRollupChanges,
  referrals,
  slots,
  techniques,
  telemedicineSessions,
  touringVisits,
  trainings,
  workLogEntries,
} from "../db/schema.ts";
import { techniquesOf } from "../outreach/learning.ts";
import { touringCompliance } from "../outreach/touring.ts";

/**
 * How each indicator of the catalogue (core's monitoring/indicators.ts) is computed and which
 * tables make it dirty, in one entry per indicator. The catalogue says what an indicator is; this
 * says where its figures come from. Every table in a `dirtiedBy` has a trigger (migrations) that
 * marks the changed (county, month) in `rollup_dirty` under the table's own name; a refresh then
 * recomputes the indicators whose `dirtiedBy` names it. test/indicator-sources.test.ts checks
 * the triggers of a migrated database against these lists, both ways.
 */

const month = (column: SQL) => sql`to_char(${column}, 'YYYY-MM')`;
const chinaMonth = (column: SQL) => sql`rollup_china_month(${column})`;
/** The first day of this China month, for figures that run from a start to now. */
const thisMonth = sql`date_trunc('month', now() at time zone 'Asia/Shanghai')`;
const REACHED: CallResult = "reached";

/**
 * Restricts a fact query to the pairs being recomputed, on the row's own county and month; `time`
 * (the column the month comes from) gets a plain range test too, so an index can serve it.
 */
export type Keyed = (region: SQL, month: SQL, time?: SQL) => SQL;

/** Hours per histogram bucket, and the last bucket (cases at or beyond it fall in it). */
export const HISTOGRAM_BUCKET_HOURS = 0.1;
const LAST_BUCKET = 720;

/** The fact tables whose changes make the indicator dirty: at least one. */
type DirtiedBy = readonly [PgTable, ...PgTable[]];

/**
 * Sums: one query over the facts giving (county, month, numerator, denominator), restricted by `k`
 * before grouping (so a refresh reads only the dirty counties' rows). The same query serves the
 * incremental refresh and the full rebuild (`k` always true), so the two cannot disagree.
 */
export interface SumsSource {
  dirtiedBy: DirtiedBy;
  sums: (k: Keyed) => SQL;
}
/** A median: one query giving (county, month, bucket, count), restricted like sums. */
export interface HistogramSource {
  dirtiedBy: DirtiedBy;
  histogram: (k: Keyed) => SQL;
}
/**
 * Judged by a TypeScript engine, the one the operational screens use (so the figures cannot
 * disagree with them), per county and year as of the year's end or today, counted in December.
 * `counties` gives (county, day) of the facts the engine judges: only those counties are visited,
 * from the year of their first fact.
 */
export interface EngineSource {
  dirtiedBy: DirtiedBy;
  counties: SQL;
  judge: (db: Db, county: string, year: number, asOf: string) => Promise<{ numerator: number; denominator: number | null } | null>;
}
/**
 * What one row of a counted table is: its county and month and the time column the month comes
 * from (a range test on it can use an index), and whether it counts at all — columns of the table,
 * unqualified, which its change log (COUNT_LOGS) also has.
 */
interface CountedRow {
  region: SQL;
  month: SQL;
  time: SQL;
  where: SQL;
}
/**
 * A count kept by delta: each row of the one table adds 1 to the numerator and/or the denominator
 * (conditions on the row) of its county and month. A refresh folds the table's logged changes in
 * (the old row −1, the new +1) instead of recounting; the rebuild counts the same definition over
 * the table, so the two cannot disagree. Only rows adding to either part count, so a (county,
 * month) whose counts fall to zero has no row, as after a rebuild.
 */
export interface CountSource {
  dirtiedBy: readonly [PgTable];
  counts: CountedRow & { numerator: SQL; denominator: SQL | null };
}
/** A median's histogram kept by delta: each row of the one table adds 1 to its bucket. */
export interface BucketSource {
  dirtiedBy: readonly [PgTable];
  buckets: CountedRow & { bucket: SQL };
}
export type IndicatorSource = SumsSource | CountSource | HistogramSource | BucketSource | EngineSource;

/**
 * What an entry may be, read off its catalogue flags: a median is read off histograms (aggregate.ts
 * picks the table by `median`), an engine's verdict is yearly, anything else is summed.
 */
type SourceOf<E extends CatalogueEntry> = E extends { median: true }
  ? HistogramSource | BucketSource
  : E extends { yearly: true }
    ? SumsSource | CountSource | EngineSource
    : SumsSource | CountSource;

/**
 * The counted tables and their change logs (migration 0033's trigger writes the old and new
 * counted columns of each changed row). A `counts`/`buckets` source must count one of these.
 */
export const COUNT_LOGS: ReadonlyMap<string, PgTable> = new Map([[getTableName(referrals), referralRollupChanges]]);

/** A referral counts in its county (the sender's) and the China month it was submitted. */
const submitted = { region: sql`region_code`, month: sql`submitted_month`, time: sql`submitted_at`, where: sql`submitted_at is not null` };

/** Confirmed work-log lines summed by the recipient's county and the line's month (`total` reads `w`). */
const confirmedWork = (k: Keyed, total: SQL) => sql`select i.region_code, ${month(sql`w.date`)}, (${total})::float8, null::float8
    from work_log_entries w join institutions i on i.id = w.recipient_id
    where ${CONFIRMED} and ${k(sql`i.region_code`, month(sql`w.date`), sql`w.date`)} group by 1, 2`;

/** One entry per catalogue id: an indicator left out, or given no table, does not compile. */
export const INDICATOR_SOURCES: { [E in CatalogueEntry as E["id"]]: SourceOf<E> } = {
  referrals_up: { dirtiedBy: [referrals], counts: { ...submitted, numerator: sql`direction = 'up'`, denominator: null } },
  referrals_down: { dirtiedBy: [referrals], counts: { ...submitted, numerator: sql`direction = 'down'`, denominator: null } },
  down_up_ratio: { dirtiedBy: [referrals], counts: { ...submitted, numerator: sql`direction = 'down'`, denominator: sql`direction = 'up'` } },
  reserved_slot_utilisation: {
    dirtiedBy: [slots, institutions],
    sums: (k) => sql`select i.region_code, ${month(sql`s.date`)}, sum(s.booked)::float8, sum(s.reserved)::float8
    from slots s join institutions i on i.id = s.institution_id where ${k(sql`i.region_code`, month(sql`s.date`), sql`s.date`)} group by 1, 2`,
  },
  reserved_bed_utilisation: {
    dirtiedBy: [beds, institutions],
    sums: (k) => sql`select i.region_code, ${month(sql`b.date`)}, sum(b.booked)::float8, sum(b.reserved)::float8
    from beds b join institutions i on i.id = b.institution_id where ${k(sql`i.region_code`, month(sql`b.date`), sql`b.date`)} group by 1, 2`,
  },
  telemedicine_sessions: {
    dirtiedBy: [telemedicineSessions],
    sums: (k) => sql`select region_code, ${chinaMonth(sql`starts_at`)}, count(*)::float8, null::float8
    from telemedicine_sessions where status in ('held', 'closed') and starts_at is not null and ${k(sql`region_code`, chinaMonth(sql`starts_at`), sql`starts_at`)} group by 1, 2`,
  },
  touring_visits: {
    dirtiedBy: [touringVisits],
    sums: (k) =>
      sql`select region_code, ${month(sql`date`)}, count(*)::float8, null::float8 from touring_visits where ${k(sql`region_code`, month(sql`date`), sql`date`)} group by 1, 2`,
  },
  trainees: {
    dirtiedBy: [trainings, furtherStudy],
    sums: (k) => sql`select region_code, m, sum(n)::float8, null::float8 from (
      select region_code, ${month(sql`date`)} as m, coalesce((select sum((a ->> 'count')::int) from jsonb_array_elements(attendees) a), 0) as n
        from trainings where ${k(sql`region_code`, month(sql`date`), sql`date`)}
      union all
      select region_code, ${month(sql`start_date`)}, 1 from further_study where ${k(sql`region_code`, month(sql`start_date`), sql`start_date`)}) t group by 1, 2`,
  },
  techniques_transferred: {
    dirtiedBy: [techniques],
    sums: (k) => sql`select region_code, ${month(sql`launched_on`)}, count(*)::float8, null::float8 from techniques
    where ${k(sql`region_code`, month(sql`launched_on`), sql`launched_on`)} group by 1, 2`,
  },
  // A yearly assessment counts in December of its year: a twelve-month window holds exactly one.
  county_capability_basic: {
    dirtiedBy: [institutionAssessments, institutions],
    sums: (k) => sql`select i.region_code, a.year || '-12', (count(*) filter (where a.level in ('basic', 'recommended')))::float8, count(*)::float8
    from institution_assessments a join institutions i on i.id = a.institution_id where ${k(sql`i.region_code`, sql`a.year || '-12'`)} group by 1, 2`,
  },
  county_capability_recommended: {
    dirtiedBy: [institutionAssessments, institutions],
    sums: (k) => sql`select i.region_code, a.year || '-12', (count(*) filter (where a.level = 'recommended'))::float8, count(*)::float8
    from institution_assessments a join institutions i on i.id = a.institution_id where ${k(sql`i.region_code`, sql`a.year || '-12'`)} group by 1, 2`,
  },
  // From the rules engine's stored verdicts (agreement_compliance): a year's verdict counts in its December.
  dispatch_compliance: {
    dirtiedBy: [agreementCompliance],
    sums: (k) => sql`select region_code, year || '-12', (count(*) filter (where status = 'pass'))::float8, count(*)::float8
    from agreement_compliance where ${k(sql`region_code`, sql`year || '-12'`)} group by 1, 2`,
  },
  // Each stay's days fall into every month it touches (person-days: two people on one day are two).
  stationed_person_days: {
    dirtiedBy: [dispatches, institutions],
    sums: (k) => sql`select i.region_code, to_char(m, 'YYYY-MM'),
      sum(least(d.e, (m + interval '1 month' - interval '1 day')::date) - greatest(d.s, m::date) + 1)::float8, null::float8
    from (select recipient_id, coalesce(actual_start, planned_start) as s, coalesce(actual_end, planned_end) as e from dispatches where status <> 'cancelled') d
    join institutions i on i.id = d.recipient_id
    cross join lateral generate_series(date_trunc('month', d.s), date_trunc('month', d.e), interval '1 month') m
    where ${k(sql`i.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  },
  // Confirmed work of the stationed staff (the work log), in the recipient's county and the line's
  // month; the same sums as the ranking and the certificate (assistance/work-totals.ts). A recipient
  // moving county re-marks the months its old county has figures for (migration 0026).
  stationed_outpatient_visits: { dirtiedBy: [workLogEntries, institutions], sums: (k) => confirmedWork(k, OUTPATIENT_VISITS) },
  stationed_operations: { dirtiedBy: [workLogEntries, institutions], sums: (k) => confirmedWork(k, OPERATIONS) },
  stationed_teaching_hours: { dirtiedBy: [workLogEntries, institutions], sums: (k) => confirmedWork(k, sql`${TEACHING_MINUTES} / 60.0`) },
  stationed_people_trained: { dirtiedBy: [workLogEntries, institutions], sums: (k) => confirmedWork(k, PEOPLE_TRAINED) },
  // Each uncovered day up to the verdict's day, in the month it falls in.
  coverage_gap_days: {
    dirtiedBy: [agreementCompliance],
    sums: (k) => sql`select c.region_code, to_char(m, 'YYYY-MM'),
      sum(least(g.e, c.as_of, (m + interval '1 month' - interval '1 day')::date) - greatest(g.s, m::date) + 1)::float8, null::float8
    from agreement_compliance c
    cross join lateral (select (x ->> 'from')::date as s, (x ->> 'to')::date as e from jsonb_array_elements(c.gaps) x) g
    cross join lateral generate_series(date_trunc('month', g.s), date_trunc('month', least(g.e, c.as_of)), interval '1 month') m
    where g.s <= c.as_of and ${k(sql`c.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  },
  suspected_nominal_days: {
    dirtiedBy: [agreementCompliance],
    sums: (k) => sql`select region_code, year || '-12', sum(nominal_days)::float8, null::float8
    from agreement_compliance where ${k(sql`region_code`, sql`year || '-12'`)} group by 1, 2`,
  },
  referral_acceptance_median_h: {
    dirtiedBy: [referrals],
    buckets: {
      ...submitted,
      where: sql`accepted_at is not null and submitted_at is not null and accepted_at >= submitted_at`,
      bucket: sql`least(${LAST_BUCKET}, floor(extract(epoch from accepted_at - submitted_at) / ${HISTOGRAM_BUCKET_HOURS * 3600}))::int`,
    },
  },
  within_county_rate: {
    dirtiedBy: [countyVisitStats],
    sums: (k) => sql`select region_code, month, sum(within_county_visits)::float8, sum(total_visits)::float8 from county_visit_stats
    where ${k(sql`region_code`, sql`month`)} group by 1, 2`,
  },
  out_of_county_referral_rate: {
    dirtiedBy: [referrals, countyVisitStats, institutions],
    sums: (k) => sql`select s.region_code, s.month, coalesce(r.n, 0)::float8, s.total_visits::float8
    from county_visit_stats s
    left join (select r.region_code, r.submitted_month as month, count(*) as n
               from referrals r join institutions i on i.id = r.to_institution_id
               where r.direction = 'up' and r.submitted_at is not null and i.region_code <> r.region_code
                 and ${k(sql`r.region_code`, sql`r.submitted_month`, sql`r.submitted_at`)} group by 1, 2) r
      on r.region_code = s.region_code and r.month = s.month
    where ${k(sql`s.region_code`, sql`s.month`)}`,
  },
  techniques_gap_filling: {
    dirtiedBy: [techniques],
    sums: (k) => sql`select region_code, ${month(sql`launched_on`)}, count(*)::float8, null::float8 from techniques
    where fills_provincial_gap and ${k(sql`region_code`, month(sql`launched_on`), sql`launched_on`)} group by 1, 2`,
  },
  // A technique's life after its supporters left, as the technique screen judges it.
  techniques_sustained: {
    dirtiedBy: [techniques, dispatches],
    counties: sql`select region_code, launched_on as d from techniques`,
    judge: async (db, county, _year, asOf) => {
      const recipients = (
        (await db.execute(sql`select distinct recipient_id from techniques where region_code = ${county} and launched_on <= ${asOf}::date`)) as unknown as {
          rows: { recipient_id: string }[];
        }
      ).rows;
      if (recipients.length === 0) return null;
      let sustained = 0;
      for (const r of recipients)
        sustained += (await techniquesOf(db, r.recipient_id, asOf)).filter((t) => t.launchedOn <= asOf && t.status === "sustained").length;
      return { numerator: sustained, denominator: null };
    },
  },
  // Touring frequency by each site's rules, as the touring screen judges it.
  touring_visit_compliance: {
    dirtiedBy: [touringVisits],
    counties: sql`select region_code, date as d from touring_visits`,
    judge: async (db, county, year, asOf) => {
      const result = await touringCompliance(db, county, year, asOf);
      return result.sites ? { numerator: result.sites - result.failing, denominator: result.sites } : null;
    },
  },
  // Each month of each patient on the register (from enrolment to this month): under care, and
  // controlled when the latest visit with a BP (a discharge may have none) by the month's end is
  // within three months and controlled.
  htn_control_rate: {
    dirtiedBy: [chronicVisits, chronicPatients],
    sums: (k) => sql`select p.region_code, to_char(m, 'YYYY-MM'),
      (count(*) filter (where lv.controlled and lv.visit_on > (m + interval '1 month' - interval '1 day' - interval '3 months')::date))::float8, count(*)::float8
    from chronic_patients p
    cross join lateral generate_series(date_trunc('month', p.enrolled_on), date_trunc('month', now() at time zone 'Asia/Shanghai'), interval '1 month') m
    left join lateral (select v.controlled, v.visit_on from chronic_visits v where v.patient_id = p.id and v.sbp is not null and v.visit_on < m + interval '1 month'
                       order by v.visit_on desc limit 1) lv on true
    where p.active and ${k(sql`p.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  },
  // The follow-up indicators (each catalogue entry's description says what counts). The triggers
  // mark a visit's month and the six after it, a call's month, and a register entry's months
  // from enrolment to now; a yearly figure's December is recomputed with any month of its year
  // (rollups.ts), and missed visits are only counted for due dates within six months of their
  // visit, so every month a change moves is marked.
  htn_standard_management_rate: {
    dirtiedBy: [chronicVisits, chronicPatients],
    sums: (k) => sql`select p.region_code, y || '-12',
      (count(*) filter (where (select count(*) from chronic_visits v where v.patient_id = p.id and v.kind = 'follow_up'
                                 and v.visit_on >= make_date(y, 1, 1) and v.visit_on <= make_date(y, 12, 31)) >= 4))::float8,
      count(*)::float8
    from chronic_patients p
    cross join lateral generate_series(extract(year from p.enrolled_on)::int, extract(year from ${thisMonth})::int) y
    where p.active and ${k(sql`p.region_code`, sql`y || '-12'`)}
    group by 1, 2`,
  },
  // Each visit's due date in force (no later visit before it) in its month, once the month is
  // over; missed when the patient's next visit is after the month's last day, or never came.
  htn_missed_visits: {
    dirtiedBy: [chronicVisits, chronicPatients],
    sums: (k) => sql`select p.region_code, to_char(v.next_due_on, 'YYYY-MM'),
      (count(distinct p.id) filter (where n.visit_on is null
        or n.visit_on > (date_trunc('month', v.next_due_on) + interval '1 month' - interval '1 day')::date))::float8,
      count(distinct p.id)::float8
    from chronic_visits v
    join chronic_patients p on p.id = v.patient_id
    left join lateral (select w.visit_on from chronic_visits w where w.patient_id = v.patient_id
                         and (w.visit_on, w.created_at, w.id) > (v.visit_on, v.created_at, v.id)
                       order by w.visit_on, w.created_at, w.id limit 1) n on true
    where p.active and v.next_due_on >= p.enrolled_on and v.next_due_on <= (v.visit_on + interval '6 months')::date
      and (n.visit_on is null or n.visit_on >= v.next_due_on) and v.next_due_on < ${thisMonth}
      and ${k(sql`p.region_code`, sql`to_char(v.next_due_on, 'YYYY-MM')`, sql`v.next_due_on`)}
    group by 1, 2`,
  },
  // Each month of each patient on the register, as the control rate: lost when neither enrolled
  // nor visited after the day six months before the month's last day.
  htn_lost_to_follow_up: {
    dirtiedBy: [chronicVisits, chronicPatients],
    sums: (k) => sql`select p.region_code, to_char(m, 'YYYY-MM'),
      (count(*) filter (where p.enrolled_on <= w.since and not exists (
        select 1 from chronic_visits v where v.patient_id = p.id and v.visit_on > w.since and v.visit_on <= w.last)))::float8,
      count(*)::float8
    from chronic_patients p
    cross join lateral generate_series(date_trunc('month', p.enrolled_on), ${thisMonth}, interval '1 month') m
    cross join lateral (select (m + interval '1 month' - interval '1 day')::date as last,
                               (m + interval '1 month' - interval '1 day' - interval '6 months')::date as since) w
    where p.active and ${k(sql`p.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  },
  htn_visits_without_bp: {
    dirtiedBy: [chronicVisits, chronicPatients],
    sums: (k) => sql`select p.region_code, to_char(v.visit_on, 'YYYY-MM'), (count(*) filter (where v.sbp is null or v.dbp is null))::float8, count(*)::float8
    from chronic_visits v join chronic_patients p on p.id = v.patient_id
    where ${k(sql`p.region_code`, sql`to_char(v.visit_on, 'YYYY-MM')`, sql`v.visit_on`)} group by 1, 2`,
  },
  htn_calls_reached: {
    dirtiedBy: [chronicCalls, chronicPatients],
    sums: (k) => sql`select p.region_code, to_char(c.called_on, 'YYYY-MM'), (count(*) filter (where c.result = ${REACHED}))::float8, count(*)::float8
    from chronic_calls c join chronic_patients p on p.id = c.patient_id
    where ${k(sql`p.region_code`, sql`to_char(c.called_on, 'YYYY-MM')`, sql`c.called_on`)} group by 1, 2`,
  },
};

/** The entries, in catalogue order. */
export const SOURCE_ENTRIES = Object.entries(INDICATOR_SOURCES) as [IndicatorId, IndicatorSource][];

const TABLE_NAMES = new Map(SOURCE_ENTRIES.map(([id, source]) => [id, source.dirtiedBy.map((table) => getTableName(table))]));
/** The names of the tables that make an indicator dirty (the `source` its trigger records). */
export const dirtiedBy = (id: IndicatorId): string[] => TABLE_NAMES.get(id) ?? [];

/** Every table with a rollup trigger: the union of the `dirtiedBy` lists. */
export const ROLLUP_SOURCE_TABLES = [...new Set([...TABLE_NAMES.values()].flat())].sort();

/** The name of the one table a counted source counts (the first argument of its log). */
const countedTable = (source: CountSource | BucketSource) => sql.raw(getTableName(source.dirtiedBy[0]));
const counted = (c: CountSource["counts"]) => sql`${c.where} and (${c.numerator} or ${c.denominator ?? sql`false`})`;

/**
 * The (county, month, numerator, denominator) query of an entry, restricted by `k`: a sum's own,
 * or a count's over its table. Null for a histogram or an engine.
 */
export function sumsQuery(source: IndicatorSource, k: Keyed): SQL | null {
  if ("sums" in source) return source.sums(k);
  if (!("counts" in source)) return null;
  const c = source.counts;
  return sql`select ${c.region}, ${c.month}, (count(*) filter (where ${c.numerator}))::float8,
      ${c.denominator ? sql`(count(*) filter (where ${c.denominator}))::float8` : sql`null::float8`}
    from ${countedTable(source)} where ${counted(c)} and ${k(c.region, c.month, c.time)} group by 1, 2`;
}

/** The (county, month, bucket, count) query of a median, restricted by `k`. Null for anything else. */
export function histogramQuery(source: IndicatorSource, k: Keyed): SQL | null {
  if ("histogram" in source) return source.histogram(k);
  if (!("buckets" in source)) return null;
  const b = source.buckets;
  return sql`select ${b.region}, ${b.month}, ${b.bucket}, count(*)::int
    from ${countedTable(source)} where ${b.where} and ${k(b.region, b.month, b.time)} group by 1, 2, 3`;
}

/**
 * A counted entry's changes in `changes` (rows of its table's log, with `sign`) summed per county
 * and month: (county, month, numerator, denominator) or (county, month, bucket, count).
 */
export function deltaQuery(source: CountSource | BucketSource, changes: SQL): SQL {
  if ("buckets" in source) {
    const b = source.buckets;
    return sql`select ${b.region}, ${b.month}, ${b.bucket}, sum(sign)::int from ${changes} where ${b.where} group by 1, 2, 3`;
  }
  const c = source.counts;
  return sql`select ${c.region}, ${c.month}, coalesce(sum(sign) filter (where ${c.numerator}), 0)::float8,
      ${c.denominator ? sql`coalesce(sum(sign) filter (where ${c.denominator}), 0)::float8` : sql`null::float8`}
    from ${changes} where ${counted(c)} group by 1, 2`;
}

/** The entries kept by delta, with their counted table's name. */
export const COUNTED_SOURCES = SOURCE_ENTRIES.filter(
  (entry): entry is [IndicatorId, CountSource | BucketSource] => "counts" in entry[1] || "buckets" in entry[1],
);

/** The indicators an engine judges. */
export const ENGINE_SOURCES = SOURCE_ENTRIES.filter((entry): entry is [IndicatorId, EngineSource] => "judge" in entry[1]);
