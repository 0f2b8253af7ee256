import { addMonths, type Day, day, formatDay } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import { chinaMidnight } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { markAllCompliance, refreshCompliance } from "./compliance-facts.ts";
import { ENGINE_INDICATORS, recomputeEngineFacts } from "./engine-facts.ts";

const month = (column: SQL) => sql`to_char(${column}, 'YYYY-MM')`;
const chinaMonth = (column: SQL) => sql`rollup_china_month(${column})`;

/**
 * Restricts a fact query to the pairs being recomputed, on the row's own county and month; `time`
 * (the column the month comes from) gets a plain range test too, so an index can serve it.
 */
type Keyed = (region: SQL, month: SQL, time?: SQL) => SQL;

/**
 * Each rolled-up indicator as one query over the facts giving (county, month, numerator,
 * denominator), restricted by `k` before grouping (so a refresh reads only the dirty counties'
 * rows). The same query serves the incremental refresh and the full rebuild (`k` always true), so
 * the two cannot disagree.
 */
const FACTS: Record<string, (k: Keyed) => SQL> = {
  referrals_up: (k) => sql`select region_code, submitted_month, count(*)::float8, null::float8
    from referrals where direction = 'up' and submitted_at is not null and ${k(sql`region_code`, sql`submitted_month`, sql`submitted_at`)} group by 1, 2`,
  referrals_down: (k) => sql`select region_code, submitted_month, count(*)::float8, null::float8
    from referrals where direction = 'down' and submitted_at is not null and ${k(sql`region_code`, sql`submitted_month`, sql`submitted_at`)} group by 1, 2`,
  down_up_ratio: (k) => sql`select region_code, submitted_month,
      (count(*) filter (where direction = 'down'))::float8, (count(*) filter (where direction = 'up'))::float8
    from referrals where submitted_at is not null and ${k(sql`region_code`, sql`submitted_month`, sql`submitted_at`)} group by 1, 2`,
  reserved_slot_utilisation: (k) => sql`select i.region_code, ${month(sql`s.date`)}, sum(s.booked)::float8, sum(s.reserved)::float8
    from slots s join institutions i on i.id = s.institution_id where ${k(sql`i.region_code`, month(sql`s.date`), sql`s.date`)} group by 1, 2`,
  reserved_bed_utilisation: (k) => sql`select i.region_code, ${month(sql`b.date`)}, sum(b.booked)::float8, sum(b.reserved)::float8
    from beds b join institutions i on i.id = b.institution_id where ${k(sql`i.region_code`, month(sql`b.date`), sql`b.date`)} group by 1, 2`,
  telemedicine_sessions: (k) => sql`select region_code, ${chinaMonth(sql`starts_at`)}, count(*)::float8, null::float8
    from telemedicine_sessions where status in ('held', 'closed') and starts_at is not null and ${k(sql`region_code`, chinaMonth(sql`starts_at`), sql`starts_at`)} group by 1, 2`,
  touring_visits: (k) =>
    sql`select region_code, ${month(sql`date`)}, count(*)::float8, null::float8 from touring_visits where ${k(sql`region_code`, month(sql`date`), sql`date`)} group by 1, 2`,
  trainees: (k) => sql`select region_code, m, sum(n)::float8, null::float8 from (
      select region_code, ${month(sql`date`)} as m, coalesce((select sum((a ->> 'count')::int) from jsonb_array_elements(attendees) a), 0) as n
        from trainings where ${k(sql`region_code`, month(sql`date`), sql`date`)}
      union all
      select region_code, ${month(sql`start_date`)}, 1 from further_study where ${k(sql`region_code`, month(sql`start_date`), sql`start_date`)}) t group by 1, 2`,
  within_county_rate: (k) => sql`select region_code, month, sum(within_county_visits)::float8, sum(total_visits)::float8 from county_visit_stats
    where ${k(sql`region_code`, sql`month`)} group by 1, 2`,
  out_of_county_referral_rate: (k) => sql`select s.region_code, s.month, coalesce(r.n, 0)::float8, s.total_visits::float8
    from county_visit_stats s
    left join (select r.region_code, r.submitted_month as month, count(*) as n
               from referrals r join institutions i on i.id = r.to_institution_id
               where r.direction = 'up' and r.submitted_at is not null and i.region_code <> r.region_code
                 and ${k(sql`r.region_code`, sql`r.submitted_month`, sql`r.submitted_at`)} group by 1, 2) r
      on r.region_code = s.region_code and r.month = s.month
    where ${k(sql`s.region_code`, sql`s.month`)}`,
  techniques_gap_filling: (k) => sql`select region_code, ${month(sql`launched_on`)}, count(*)::float8, null::float8 from techniques
    where fills_provincial_gap and ${k(sql`region_code`, month(sql`launched_on`), sql`launched_on`)} group by 1, 2`,
  // Each stay's days fall into every month it touches (person-days: two people on one day are two).
  stationed_person_days: (k) => sql`select i.region_code, to_char(m, 'YYYY-MM'),
      sum(least(d.e, (m + interval '1 month' - interval '1 day')::date) - greatest(d.s, m::date) + 1)::float8, null::float8
    from (select recipient_id, coalesce(actual_start, planned_start) as s, coalesce(actual_end, planned_end) as e from dispatches where status <> 'cancelled') d
    join institutions i on i.id = d.recipient_id
    cross join lateral generate_series(date_trunc('month', d.s), date_trunc('month', d.e), interval '1 month') m
    where ${k(sql`i.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  // A yearly assessment counts in December of its year: a twelve-month window holds exactly one.
  county_capability_basic: (
    k,
  ) => sql`select i.region_code, a.year || '-12', (count(*) filter (where a.level in ('basic', 'recommended')))::float8, count(*)::float8
    from institution_assessments a join institutions i on i.id = a.institution_id where ${k(sql`i.region_code`, sql`a.year || '-12'`)} group by 1, 2`,
  county_capability_recommended: (k) => sql`select i.region_code, a.year || '-12', (count(*) filter (where a.level = 'recommended'))::float8, count(*)::float8
    from institution_assessments a join institutions i on i.id = a.institution_id where ${k(sql`i.region_code`, sql`a.year || '-12'`)} group by 1, 2`,
  // From the rules engine's stored verdicts (agreement_compliance): a year's verdict counts in its December.
  dispatch_compliance: (k) => sql`select region_code, year || '-12', (count(*) filter (where status = 'pass'))::float8, count(*)::float8
    from agreement_compliance where ${k(sql`region_code`, sql`year || '-12'`)} group by 1, 2`,
  suspected_nominal_days: (k) => sql`select region_code, year || '-12', sum(nominal_days)::float8, null::float8
    from agreement_compliance where ${k(sql`region_code`, sql`year || '-12'`)} group by 1, 2`,
  // Each uncovered day up to the verdict's day, in the month it falls in.
  coverage_gap_days: (k) => sql`select c.region_code, to_char(m, 'YYYY-MM'),
      sum(least(g.e, c.as_of, (m + interval '1 month' - interval '1 day')::date) - greatest(g.s, m::date) + 1)::float8, null::float8
    from agreement_compliance c
    cross join lateral (select (x ->> 'from')::date as s, (x ->> 'to')::date as e from jsonb_array_elements(c.gaps) x) g
    cross join lateral generate_series(date_trunc('month', g.s), date_trunc('month', least(g.e, c.as_of)), interval '1 month') m
    where g.s <= c.as_of and ${k(sql`c.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  // Each month of each patient on the register (from enrolment to this month): under care, and
  // controlled when the latest visit by the month's end is within three months and controlled.
  htn_control_rate: (k) => sql`select p.region_code, to_char(m, 'YYYY-MM'),
      (count(*) filter (where lv.controlled and lv.visit_on > (m + interval '1 month' - interval '1 day' - interval '3 months')::date))::float8, count(*)::float8
    from chronic_patients p
    cross join lateral generate_series(date_trunc('month', p.enrolled_on), date_trunc('month', now() at time zone 'Asia/Shanghai'), interval '1 month') m
    left join lateral (select v.controlled, v.visit_on from chronic_visits v where v.patient_id = p.id and v.visit_on < m + interval '1 month'
                       order by v.visit_on desc limit 1) lv on true
    where p.active and ${k(sql`p.region_code`, sql`to_char(m, 'YYYY-MM')`)}
    group by 1, 2`,
  techniques_transferred: (k) => sql`select region_code, ${month(sql`launched_on`)}, count(*)::float8, null::float8 from techniques
    where ${k(sql`region_code`, month(sql`launched_on`), sql`launched_on`)} group by 1, 2`,
};

/** Hours per histogram bucket, and the last bucket (cases at or beyond it fall in it). */
export const HISTOGRAM_BUCKET_HOURS = 0.1;
const LAST_BUCKET = 720;

/** Indicators read off histograms, each as one query giving (county, month, bucket, count), restricted like FACTS. */
const HISTOGRAM_FACTS: Record<string, (k: Keyed) => SQL> = {
  referral_acceptance_median_h: (k) => sql`select region_code, submitted_month,
      least(${LAST_BUCKET}, floor(extract(epoch from accepted_at - submitted_at) / ${HISTOGRAM_BUCKET_HOURS * 3600}))::int, count(*)::int
    from referrals where accepted_at is not null and submitted_at is not null and accepted_at >= submitted_at
      and ${k(sql`region_code`, sql`submitted_month`, sql`submitted_at`)} group by 1, 2, 3`,
};

/**
 * The tables each indicator reads: a dirty pair recomputes only the indicators of the table that
 * changed (`*` marks every one).
 */
const SOURCES: Record<string, string[]> = {
  referrals_up: ["referrals"],
  referrals_down: ["referrals"],
  down_up_ratio: ["referrals"],
  referral_acceptance_median_h: ["referrals"],
  out_of_county_referral_rate: ["referrals", "county_visit_stats"],
  within_county_rate: ["county_visit_stats"],
  reserved_slot_utilisation: ["slots"],
  reserved_bed_utilisation: ["beds"],
  telemedicine_sessions: ["telemedicine_sessions"],
  touring_visits: ["touring_visits"],
  trainees: ["trainings", "further_study"],
  techniques_transferred: ["techniques"],
  techniques_gap_filling: ["techniques"],
  stationed_person_days: ["dispatches"],
  county_capability_basic: ["institution_assessments"],
  county_capability_recommended: ["institution_assessments"],
  dispatch_compliance: ["agreement_compliance"],
  suspected_nominal_days: ["agreement_compliance"],
  coverage_gap_days: ["agreement_compliance"],
  htn_control_rate: ["chronic_visits", "chronic_patients"],
  touring_visit_compliance: ["touring_visits"],
  techniques_sustained: ["techniques", "dispatches"],
};

type DirtyKey = { region: string; month: string; source: string };
const readsFrom = (id: string, key: DirtyKey) => key.source === "*" || (SOURCES[id] ?? []).includes(key.source);

/**
 * Recomputes the dirty pairs (in the transaction's `rollup_keys` table) of the indicators whose
 * tables changed, or everything. Each fact query is narrowed by a hash join on the keys, and by
 * the time range of the months when the fact has a time column (so an index can serve it).
 */
async function recompute(db: Db, keys: DirtyKey[] | "all", today: Day): Promise<void> {
  const keyed = (id: string): Keyed | null => {
    if (keys === "all") return () => sql`true`;
    const mine = keys.filter((k) => readsFrom(id, k));
    if (mine.length === 0) return null;
    const months = mine.map((x) => x.month).sort();
    // The first instant of the earliest month and of the month after the latest, in China time.
    const start = `${months[0]}-01T00:00:00+08:00`;
    const last = months.at(-1) as string;
    const after = chinaMidnight(addMonths(day(`${last}-01`), 1)).toISOString();
    const sources = sql.join(
      ["*", ...(SOURCES[id] ?? [])].map((x) => sql`${x}`),
      sql`, `,
    );
    return (r, m, time) =>
      sql`${time ? sql`${time} >= ${start}::timestamptz and ${time} < ${after}::timestamptz and ` : sql``}${r} in (select region_code from rollup_keys where source in (${sources}))
        and (${r}::text, ${m}::text) in (select region_code::text, month::text from rollup_keys where source in (${sources}))`;
  };
  for (const [id, facts] of Object.entries(FACTS)) {
    const k = keyed(id);
    if (!k) continue;
    await db.execute(sql`delete from indicator_rollups where indicator_id = ${id} and ${k(sql`region_code`, sql`month`)}`);
    await db.execute(sql`
      insert into indicator_rollups (indicator_id, region_code, month, numerator, denominator)
      select ${id}, f.region_code, f.month, f.num, f.den from (${facts(k)}) as f(region_code, month, num, den)
      where f.region_code is not null`);
  }
  for (const [id, facts] of Object.entries(HISTOGRAM_FACTS)) {
    const k = keyed(id);
    if (!k) continue;
    await db.execute(sql`delete from rollup_histograms where indicator_id = ${id} and ${k(sql`region_code`, sql`month`)}`);
    await db.execute(sql`
      insert into rollup_histograms (indicator_id, region_code, month, bucket, count)
      select ${id}, f.region_code, f.month, f.bucket, f.n from (${facts(k)}) as f(region_code, month, bucket, n)
      where f.region_code is not null`);
    // Province totals of the touched months, summed from their counties: a national or provincial
    // median then reads thousands of rows, not millions.
    const touched =
      keys === "all" ? sql`true` : sql`(substr(region_code, 1, 2), month::text) in (select substr(region_code, 1, 2), month::text from rollup_keys)`;
    await db.execute(sql`delete from rollup_histograms where indicator_id = ${id} and region_code like '__0000' and ${touched}`);
    await db.execute(sql`
      insert into rollup_histograms (indicator_id, region_code, month, bucket, count)
      select ${id}, substr(region_code, 1, 2) || '0000', month, bucket, sum(count)::int from rollup_histograms
      where indicator_id = ${id} and region_code not like '__0000' and ${touched} group by 2, 3, 4`);
  }
  const engineKeys = keys === "all" ? keys : keys.filter((k) => ENGINE_INDICATORS.some((id) => readsFrom(id, k)));
  if (engineKeys === "all" || engineKeys.length) await recomputeEngineFacts(db, engineKeys, today);
}

/**
 * Applies what changed since the last refresh: takes the dirty pairs the triggers recorded and
 * recomputes only those, in one transaction (a concurrent refresh waits, then finds nothing).
 * Returns how many (county, month) pairs were refreshed.
 */
export async function refreshRollups(db: Db, today: Day): Promise<number> {
  // Verdicts first: a new verdict marks its county's months dirty for the step below.
  await refreshCompliance(db, today);
  // Reads call this first: when nothing changed, one cheap query and no write transaction.
  const pending = (await db.execute(sql`select 1 from rollup_dirty limit 1`)) as unknown as { rows: unknown[] };
  if (pending.rows.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    // The keys go into a table of the transaction, counted by ANALYZE, so the planner hash-joins
    // thousands of them instead of looping (a JSON list was taken for a hundred rows).
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    await tx.execute(sql`create temp table rollup_keys (region_code char(6), month char(7), source text) on commit drop`);
    const result = (await tx.execute(sql`
      with taken as (delete from rollup_dirty returning region_code, month, source)
      insert into rollup_keys select * from taken returning region_code as region, month, source`)) as unknown as { rows: DirtyKey[] };
    await tx.execute(sql`analyze rollup_keys`);
    if (result.rows.length) await recompute(tx, result.rows, today);
    return new Set(result.rows.map((r) => `${r.region}/${r.month}`)).size;
  });
}

/** Rebuilds every rollup from the facts (after a bulk load, or to check the incremental path). */
export async function rebuildRollups(db: Db, today: Day): Promise<void> {
  await markAllCompliance(db);
  await refreshCompliance(db, today);
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`delete from rollup_dirty`);
    await tx.execute(sql`delete from indicator_rollups`);
    await tx.execute(sql`delete from rollup_histograms`);
    await recompute(tx, "all", today);
  });
}

/**
 * Marks the months that time itself moved: this month of every county with patients on the
 * hypertension register, once, when the month has no control rate yet (the rate's months run to
 * "now"). The server's job calls it with the compliance re-check.
 */
export async function markNewMonth(db: Db, today: Day): Promise<void> {
  const month = formatDay(today).slice(0, 7);
  await db.execute(sql`
    insert into rollup_dirty (region_code, month, source)
    select distinct p.region_code, ${month}, 'chronic_patients' from chronic_patients p
    where p.active and not exists (select 1 from indicator_rollups r where r.indicator_id = 'htn_control_rate' and r.region_code = p.region_code and r.month = ${month})
    on conflict do nothing`);
}
