import { type Indicator, type IndicatorPeriod, indicatorValue, regionLevel, type ValueLevel } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import { inRegion } from "../access.ts";
import type { Db } from "../db/connection.ts";
import { dirtiedBy, HISTOGRAM_BUCKET_HOURS } from "./indicator-sources.ts";

export interface AggregateQuery {
  /** Only counties inside this region. */
  regionCode?: string | undefined;
  /** The level rows are grouped to (`national`: one row for everything). */
  level: ValueLevel;
  period: IndicatorPeriod;
  /** First and last month, YYYY-MM. */
  from: string;
  to: string;
}

export interface ValueRow {
  regionCode: string;
  regionName: string;
  period: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
}

const region = (level: ValueLevel): SQL =>
  level === "national"
    ? sql`'000000'::text`
    : level === "province"
      ? sql`substr(t.region_code, 1, 2) || '0000'`
      : level === "city"
        ? sql`substr(t.region_code, 1, 4) || '00'`
        : sql`t.region_code::text`;

const bucket = (period: IndicatorPeriod, from: string, to: string): SQL =>
  period === "month"
    ? sql`t.month::text`
    : period === "year"
      ? sql`substr(t.month, 1, 4)`
      : period === "quarter"
        ? sql`substr(t.month, 1, 4) || '-Q' || ceil(substr(t.month, 6, 2)::int / 3.0)::int`
        : sql`${`${from}..${to}`}::text`;

/**
 * One indicator's values grouped by region level and period, from the rollups: sums of numerators
 * and denominators for most, the median of the summed histogram for a median (its numerator is the
 * median in hours, its denominator the number of cases). The one place figures are combined, for
 * the API, the dashboard and the PDF report alike.
 */
export async function indicatorAggregate(db: Db, indicator: Indicator, q: AggregateQuery): Promise<ValueRow[]> {
  const where = sql`t.indicator_id = ${indicator.id} and t.month between ${q.from} and ${q.to}
    ${q.regionCode ? sql`and ${inRegion(sql`t.region_code`, q.regionCode)}` : sql``}`;
  // Histograms hold county rows and their province totals (codes ending 0000): a national or
  // provincial cut reads the totals, anything finer the counties.
  const provinceTotals = (q.level === "national" || q.level === "province") && (!q.regionCode || regionLevel(q.regionCode) === "province");
  const histogramRows = provinceTotals ? sql`t.region_code like '__0000'` : sql`t.region_code not like '__0000'`;
  const grouped = indicator.median
    ? sql`
      select region, period, (min(bucket) filter (where cum * 2 >= total)) * ${HISTOGRAM_BUCKET_HOURS}::float8 as num, max(total)::float8 as den from (
        select region, period, bucket, sum(n) over w as cum, sum(n) over (partition by region, period) as total from (
          select ${region(q.level)} as region, ${bucket(q.period, q.from, q.to)} as period, t.bucket, sum(t.count) as n
          from rollup_histograms t where ${where} and ${histogramRows} group by 1, 2, 3) h
        window w as (partition by region, period order by bucket)) c
      group by 1, 2`
    : sql`
      select ${region(q.level)} as region, ${bucket(q.period, q.from, q.to)} as period, sum(t.numerator) as num, sum(t.denominator) as den
      from indicator_rollups t where ${where} group by 1, 2`;
  const rows = (await db.execute(sql`
    select g.region, coalesce(r.name, case when g.region = '000000' then '全国' else g.region end) as name, g.period, g.num, g.den
    from (${grouped}) g left join regions r on r.code = g.region
    order by g.period, g.region`)) as unknown as { rows: { region: string; name: string; period: string; num: number; den: number | null }[] };
  return rows.rows.map((r) => {
    const numerator = Number(r.num);
    const denominator = r.den === null ? null : Number(r.den);
    return {
      regionCode: r.region,
      regionName: r.name,
      period: r.period,
      numerator: indicator.median ? Math.round(numerator * 10) / 10 : numerator,
      denominator,
      value: indicator.median ? Math.round(numerator * 10) / 10 : indicatorValue(indicator, numerator, denominator),
    };
  });
}

/** What a region and period without a value mean (values answer `whenAbsent`). */
export const ABSENCE_REASONS = ["zero", "no_data", "not_applicable"] as const;
const IMPORTED = new Set(["county_visit_stats", "institution_assessments"]);

/**
 * Why an indicator has no value somewhere: figures built on imported statistics have none until
 * they are imported (`no_data`); a rate, ratio or median with nothing to divide or no case has
 * none that would make sense (`not_applicable`); a count of the platform's own records is 0.
 */
export function whenAbsent(indicator: Indicator): (typeof ABSENCE_REASONS)[number] {
  if (dirtiedBy(indicator.id).some((table) => IMPORTED.has(table))) return "no_data";
  return indicator.denominator !== null || indicator.median ? "not_applicable" : "zero";
}
