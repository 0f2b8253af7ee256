import { addMonths, type Day, day, formatDay, INDICATORS, type IndicatorId } from "@medbridge/core";
import { getTableName, sql } from "drizzle-orm";
import { chinaMidnight } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { chronicPatients, instanceSettings } from "../db/schema.ts";
import { inRepeatableRead } from "../db/transaction.ts";
import { markAllCompliance, refreshCompliance } from "./compliance-facts.ts";
import { recomputeEngineFacts } from "./engine-facts.ts";
import {
  COUNT_LOGS,
  COUNTED_SOURCES,
  deltaQuery,
  dirtiedBy,
  ENGINE_SOURCES,
  histogramQuery,
  type Keyed,
  ROLLUP_SOURCE_TABLES,
  SOURCE_ENTRIES,
  sumsQuery,
} from "./indicator-sources.ts";

/** A dirty (county, month) and the table whose change made it dirty (`*`: every indicator). */
type DirtyKey = { region: string; month: string; source: string };
/** Counted indicators follow their table's changes by delta (foldDeltas): only `*` recounts them. */
const BY_DELTA = new Set(COUNTED_SOURCES.map(([id]) => id));
/** The `rollup_dirty.source` values that make an indicator's pairs recomputed. */
const recomputedOn = (id: IndicatorId) => (BY_DELTA.has(id) ? ["*"] : ["*", ...dirtiedBy(id)]);
const readsFrom = (id: IndicatorId, key: DirtyKey) => recomputedOn(id).includes(key.source);
const sourcesOf = (id: IndicatorId) =>
  sql.join(
    recomputedOn(id).map((x) => sql`${x}`),
    sql`, `,
  );
/** Yearly figures count in December: a change in any month of the year moves its December. */
const YEARLY = new Set(INDICATORS.filter((i) => i.yearly).map((i) => i.id));

/**
 * Recomputes the dirty pairs (in the transaction's `rollup_keys` table) of the indicators whose
 * tables changed, or everything. Each fact query is narrowed by a hash join on the keys, and by
 * the time range of the months when the fact has a time column (so an index can serve it).
 */
async function recompute(db: Db, keys: DirtyKey[] | "all", today: Day): Promise<void> {
  const keyed = (id: IndicatorId): Keyed | null => {
    if (keys === "all") return () => sql`true`;
    const mine = keys.filter((k) => readsFrom(id, k));
    if (mine.length === 0) return null;
    const yearly = YEARLY.has(id);
    const months = mine.map((x) => x.month).sort();
    // The first instant of the earliest month and of the month after the latest, in China time
    // (for a yearly figure, of the earliest year and the year after the latest).
    const first = yearly ? `${months[0]?.slice(0, 4)}-01` : (months[0] as string);
    const last = yearly ? `${months.at(-1)?.slice(0, 4)}-12` : (months.at(-1) as string);
    const start = `${first}-01T00:00:00+08:00`;
    const after = chinaMidnight(addMonths(day(`${last}-01`), 1)).toISOString();
    const sources = sourcesOf(id);
    const month = yearly ? sql`substr(month, 1, 4) || '-12'` : sql`month::text`;
    return (r, m, time) =>
      sql`${time ? sql`${time} >= ${start}::timestamptz and ${time} < ${after}::timestamptz and ` : sql``}${r} in (select region_code from rollup_keys where source in (${sources}))
        and (${r}::text, ${m}::text) in (select region_code::text, ${month} from rollup_keys where source in (${sources}))`;
  };
  for (const [id, source] of SOURCE_ENTRIES) {
    const k = keyed(id);
    const sums = k && sumsQuery(source, k);
    if (!k || !sums) continue;
    await db.execute(sql`delete from indicator_rollups where indicator_id = ${id} and ${k(sql`region_code`, sql`month`)}`);
    await db.execute(sql`
      insert into indicator_rollups (indicator_id, region_code, month, numerator, denominator)
      select ${id}, f.region_code, f.month, f.num, f.den from (${sums}) as f(region_code, month, num, den)
      where f.region_code is not null`);
  }
  for (const [id, source] of SOURCE_ENTRIES) {
    const k = keyed(id);
    const histogram = k && histogramQuery(source, k);
    if (!k || !histogram) continue;
    await db.execute(sql`delete from rollup_histograms where indicator_id = ${id} and ${k(sql`region_code`, sql`month`)}`);
    await db.execute(sql`
      insert into rollup_histograms (indicator_id, region_code, month, bucket, count)
      select ${id}, f.region_code, f.month, f.bucket, f.n from (${histogram}) as f(region_code, month, bucket, n)
      where f.region_code is not null`);
    // Province totals of the touched months, summed from their counties: a national or provincial
    // median then reads thousands of rows, not millions.
    // Only the provinces and months of the keys this histogram was recomputed for: all the keys
    // (a new month of the register in 1,720 counties) re-summed every province's month, 3 of 9 s.
    const touched =
      keys === "all"
        ? sql`true`
        : // The month list first, so the (indicator, month, region) index serves it: the pair test alone scanned every histogram row.
          sql`month in (select month from rollup_keys where source in (${sourcesOf(id)}))
            and (substr(region_code, 1, 2), month::text) in (select substr(region_code, 1, 2), month::text from rollup_keys where source in (${sourcesOf(id)}))`;
    await db.execute(sql`delete from rollup_histograms where indicator_id = ${id} and region_code like '__0000' and ${touched}`);
    await db.execute(sql`
      insert into rollup_histograms (indicator_id, region_code, month, bucket, count)
      select ${id}, substr(region_code, 1, 2) || '0000', month, bucket, sum(count)::int from rollup_histograms
      where indicator_id = ${id} and region_code not like '__0000' and ${touched} group by 2, 3, 4`);
  }
  const engineKeys = keys === "all" ? keys : keys.filter((k) => ENGINE_SOURCES.some(([id]) => readsFrom(id, k)));
  if (engineKeys === "all" || engineKeys.length) await recomputeEngineFacts(db, engineKeys, today);
}

/**
 * Folds the logged changes of the counted tables into their indicators: per indicator, one
 * statement adds the summed ±1s to the (county, month) rows, and rows whose counts fell to zero
 * go (a rebuild has none). Histogram changes go to the counties and their province totals alike.
 * Returns the (county, month) pairs touched, as `region/month`.
 */
async function foldDeltas(db: Db): Promise<Set<string>> {
  const touched = new Set<string>();
  for (const [table, log] of COUNT_LOGS) {
    const changes = sql`${sql.identifier(`${getTableName(log)}_taken`)}`;
    await db.execute(sql`create temp table ${changes} (like ${log}) on commit drop`);
    const taken = (await db.execute(sql`with taken as (delete from ${log} returning *) insert into ${changes} select * from taken`)) as unknown as {
      rowCount: number | null;
      affectedRows?: number;
    };
    if (!(taken.rowCount ?? taken.affectedRows)) continue;
    for (const [id, source] of COUNTED_SOURCES) {
      if (getTableName(source.dirtiedBy[0]) !== table) continue;
      const delta = deltaQuery(source, changes);
      // Rows whose count fell to zero go, found by the upsert itself (a scan for zeros over the
      // touched months took 2 s of a 4 s refresh at a million referrals).
      const emptied =
        "buckets" in source
          ? sql`with up as (
              insert into rollup_histograms (indicator_id, region_code, month, bucket, count)
              select ${id}, v.region, d.month, d.bucket, sum(d.n)::int from (${delta}) as d(region, month, bucket, n)
              cross join lateral (values (d.region::text), (substr(d.region, 1, 2) || '0000')) as v(region)
              where d.region is not null and d.month is not null group by 2, 3, 4
              on conflict (indicator_id, region_code, month, bucket) do update set count = rollup_histograms.count + excluded.count
              returning region_code, month, bucket, count = 0 as empty)
            select region_code as region, month, bucket from up where empty`
          : sql`with up as (
              insert into indicator_rollups (indicator_id, region_code, month, numerator, denominator)
              select ${id}, d.region, d.month, d.num, d.den from (${delta}) as d(region, month, num, den) where d.region is not null and d.month is not null
              on conflict (indicator_id, region_code, month) do update
                set numerator = indicator_rollups.numerator + excluded.numerator, denominator = indicator_rollups.denominator + excluded.denominator
              returning region_code, month, numerator = 0 and coalesce(denominator, 0) = 0 as empty)
            select region_code as region, month, null::int as bucket from up where empty`;
      const empty = ((await db.execute(emptied)) as unknown as { rows: { region: string; month: string; bucket: number | null }[] }).rows;
      if (empty.length === 0) continue;
      const keys = sql`jsonb_to_recordset(${JSON.stringify(empty)}::jsonb) as k(region text, month text, bucket int)`;
      await db.execute(
        "buckets" in source
          ? sql`delete from rollup_histograms t using ${keys} where t.indicator_id = ${id} and t.region_code = k.region and t.month = k.month and t.bucket = k.bucket and t.count = 0`
          : sql`delete from indicator_rollups t using ${keys} where t.indicator_id = ${id} and t.region_code = k.region and t.month = k.month and t.numerator = 0 and coalesce(t.denominator, 0) = 0`,
      );
    }
    const pairs = (await db.execute(
      sql`select distinct region_code as region, submitted_month as month from ${changes} where submitted_month is not null`,
    )) as unknown as {
      rows: { region: string; month: string }[];
    };
    for (const p of pairs.rows) touched.add(`${p.region}/${p.month}`);
  }
  return touched;
}

/**
 * Applies what changed since the last refresh: folds the counted tables' logged changes in as
 * deltas, and recomputes the dirty pairs the triggers recorded for everything else, in one
 * transaction that sees one snapshot (changes committed meanwhile wait for the next refresh, so a
 * recount never also gets their delta; a concurrent refresh fails on the rows this one took and
 * is retried, then finds nothing). Returns how many (county, month) pairs were refreshed.
 */
export async function refreshRollups(db: Db, today: Day): Promise<number> {
  // Verdicts first: a new verdict marks its county's months dirty for the step below.
  await refreshCompliance(db, today);
  // Reads call this first: when nothing changed, one cheap query and no write transaction.
  const logs = [...COUNT_LOGS.values()].map((log) => sql`union all (select 1 from ${log} limit 1)`);
  const pending = (await db.execute(sql`(select 1 from rollup_dirty limit 1) ${sql.join(logs, sql` `)}`)) as unknown as { rows: unknown[] };
  if (pending.rows.length === 0) return 0;
  return inRepeatableRead(db, async (tx) => {
    // The keys go into a table of the transaction, counted by ANALYZE, so the planner hash-joins
    // thousands of them instead of looping (a JSON list was taken for a hundred rows).
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    await tx.execute(sql`create temp table rollup_keys (region_code char(6), month char(7), source text) on commit drop`);
    const result = (await tx.execute(sql`
      with taken as (delete from rollup_dirty returning region_code, month, source)
      insert into rollup_keys select * from taken returning region_code as region, month, source`)) as unknown as { rows: DirtyKey[] };
    await tx.execute(sql`analyze rollup_keys`);
    // A source table never analyzed (PGlite has no autovacuum: a fresh demo, a bulk load) makes the
    // planner expect one row and test the keys row by row — 2 s instead of 50 ms per indicator over
    // the demo's 4,000 work-log lines. Such a table is analyzed once, here; then it has statistics.
    const unanalyzed = (await tx.execute(sql`select relname as name from pg_class
      where relkind = 'r' and relnamespace = current_schema()::regnamespace and reltuples < 0
        and relname in (${sql.join(
          ROLLUP_SOURCE_TABLES.map((t) => sql`${t}`),
          sql`, `,
        )})`)) as unknown as { rows: { name: string }[] };
    for (const { name } of unanalyzed.rows) await tx.execute(sql`analyze ${sql.identifier(name)}`);
    const touched = await foldDeltas(tx);
    if (result.rows.length) await recompute(tx, result.rows, today);
    for (const r of result.rows) touched.add(`${r.region}/${r.month}`);
    return touched.size;
  });
}

const DAILY_MARKS = "rollups_daily_marks";

/**
 * Claims the day's marks (`markNewMonth` and the other verdicts that move with the day) for the
 * caller: true for the first process to ask on a China day, false for every other process or
 * restart that day. The day is a row of `instance_settings`; any other day than the one stored
 * claims it (a clock moved back by a test claims too).
 */
export async function claimDailyMarks(db: Db, today: Day): Promise<boolean> {
  const claimed = (await db.execute(sql`
    insert into ${instanceSettings} (key, value) values (${DAILY_MARKS}, ${formatDay(today)})
    on conflict (key) do update set value = excluded.value, updated_at = now() where ${instanceSettings}.value <> excluded.value
    returning 1`)) as unknown as { rows: unknown[] };
  return claimed.rows.length > 0;
}

/** Gives a claimed day back after its marks failed, so the next run tries again. */
export async function releaseDailyMarks(db: Db, today: Day): Promise<void> {
  await db.execute(sql`delete from ${instanceSettings} where key = ${DAILY_MARKS} and value = ${formatDay(today)}`);
}

/** Rebuilds every rollup from the facts (after a bulk load, or to check the incremental path). */
export async function rebuildRollups(db: Db, today: Day): Promise<void> {
  await markAllCompliance(db);
  await refreshCompliance(db, today);
  // The rebuild judges and counts everything as of today: today's marks would only redo it.
  await claimDailyMarks(db, today);
  await inRepeatableRead(db, async (tx) => {
    await tx.execute(sql`delete from rollup_dirty`);
    // The rebuild counts every change already made: the logged ones are in it.
    for (const log of COUNT_LOGS.values()) await tx.execute(sql`delete from ${log}`);
    await tx.execute(sql`delete from indicator_rollups`);
    await tx.execute(sql`delete from rollup_histograms`);
    await recompute(tx, "all", today);
  });
}

/**
 * Marks the months that time itself moved: this month of every county with patients on the
 * hypertension register, once, when the month has no control rate yet (the rate's months run to
 * "now"); and last month of those counties, once, when it has no missed-visit figure yet (counted
 * only when a month is over). The server's job calls it with the compliance re-check.
 */
export async function markNewMonth(db: Db, today: Day): Promise<void> {
  const month = formatDay(today).slice(0, 7);
  const lastMonth = formatDay(addMonths(day(`${month}-01`), -1)).slice(0, 7);
  // Marked as a change of the register, one of the rates' sources (dirtiedBy), so only they are recomputed.
  const source = getTableName(chronicPatients);
  const marks: [IndicatorId, string][] = [
    ["htn_control_rate", month],
    ["htn_missed_visits", lastMonth],
  ];
  for (const [indicator, at] of marks)
    await db.execute(sql`
      insert into rollup_dirty (region_code, month, source)
      select distinct p.region_code, ${at}, ${source} from chronic_patients p
      where p.active and not exists (select 1 from indicator_rollups r where r.indicator_id = ${indicator} and r.region_code = p.region_code and r.month = ${at})
      on conflict do nothing`);
}
