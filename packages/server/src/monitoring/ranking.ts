import { type Day, formatDay, invalid, regionPrefix, yearEnd } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { agreementScope, withParties } from "../assistance/agreements.ts";
import { agreementsInScope, complianceBoard } from "../assistance/compliance-service.ts";
import { CONFIRMED, EMPTY_TOTALS, TOTAL_COLUMNS, type TotalsRow, totalsOf } from "../assistance/work-totals.ts";
import type { Db } from "../db/connection.ts";

/**
 * The metrics of the supporter ranking (赛马) and their default weights (summing to 100); callers
 * may change the weights. `onSiteWork` is the stationed staff's confirmed work (issue 16: the
 * outpatient visits, operations, teaching hours and people trained the recipients confirmed), and
 * `rating` the recipients' judgement of the supporter's stationed people. The two were added after
 * the first five, so they come last (and old weight strings still parse: a metric not named keeps
 * its default weight).
 */
export const RANKING_METRICS = {
  compliance: { zh: "派驻合规率", en: "Dispatch compliance", weight: 30 },
  stationedDays: { zh: "派驻人日", en: "Stationed person-days", weight: 15 },
  telemedicine: { zh: "远程医疗次数", en: "Telemedicine sessions held", weight: 10 },
  techniques: { zh: "新技术新项目", en: "Techniques transferred", weight: 10 },
  trainees: { zh: "培训进修人次", en: "Person-times trained", weight: 5 },
  onSiteWork: { zh: "驻点工作量（已确认）", en: "Confirmed on-site work", weight: 20 },
  rating: { zh: "受援单位评价", en: "Recipients' rating", weight: 10 },
} as const;
/** The parts of on-site work, each scaled against the best supporter, then averaged. */
export const ON_SITE_PARTS = ["outpatientVisits", "operations", "teachingHours", "peopleTrained"] as const;
export type RankingMetric = keyof typeof RANKING_METRICS;

/** `compliance:40,stationedDays:20,…` → weights (unknown names or negative numbers are a 400). */
export function parseWeights(text: string | undefined): Record<RankingMetric, number> {
  const weights = Object.fromEntries(Object.entries(RANKING_METRICS).map(([k, v]) => [k, v.weight])) as Record<RankingMetric, number>;
  if (!text) return weights;
  for (const part of text.split(",")) {
    const [name, value] = part.split(":");
    if (!name || !(name in RANKING_METRICS))
      throw invalid([
        {
          path: "weights",
          code: "enum",
          params: { allowed: Object.keys(RANKING_METRICS) },
          message: `unknown metric "${name}"; use ${Object.keys(RANKING_METRICS).join(", ")}`,
        },
      ]);
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 100)
      throw invalid([{ path: "weights", code: "too_large", params: { limit: 100 }, message: `${name} needs a weight from 0 to 100` }]);
    weights[name as RankingMetric] = n;
  }
  if (Object.values(weights).every((w) => w === 0))
    throw invalid([{ path: "weights", code: "too_small", params: { limit: 0, exclusive: true }, message: "at least one weight must be above 0" }]);
  return weights;
}

/** What the recipients' judgement is worth on the 0–100 scale: a mean of 1 is 0, a mean of 5 is 100. */
export const ratingScore = (mean: number) => ((mean - 1) / 4) * 100;

/**
 * Supporting hospitals of a region's agreements ranked by a composite score: each metric is scaled
 * to 0–100 (compliance is already a rate; the counts against the best supporter; on-site work is the
 * mean of its parts, each against the best supporter, over the parts anyone has; the rating is
 * (mean − 1) / 4 × 100 of the four aspects over every rating of the supporter's stationed people
 * for the year), then weighted. A supporter nobody has rated yet has no rating: the metric is left
 * out of its score (listed in `excluded`) and the other weights share it — a missing judgement is
 * neither a middling one nor a bad one (ratings come at the end of a stay and each quarter, so a
 * supporter whose first stays are under way has none yet). The weights and every raw figure are
 * returned, so the ranking explains itself.
 */
export async function rankSupporters(db: Db, regionCode: string, year: number, weights: Record<RankingMetric, number>, today: Day) {
  const list = await withParties(db, await agreementsInScope(db, agreementScope({ regionCode })));
  const asOf = Math.min(today, yearEnd(year));
  const board = await complianceBoard(db, list, year, asOf);
  const from = `${year}-01-01`;
  const to = formatDay(yearEnd(year));
  type Row = {
    id: string;
    name: string;
    agreements: number;
    passing: number;
    stationedDays: number;
    telemedicine: number;
    techniques: number;
    trainees: number;
    outpatientVisits: number;
    operations: number;
    teachingHours: number;
    peopleTrained: number;
    lines: number;
    ratings: number;
    ratingMean: number | null;
  };
  const rows = new Map<string, Row>();
  const row = (id: string, name: string) => {
    const r = rows.get(id) ?? {
      id,
      name,
      agreements: 0,
      passing: 0,
      stationedDays: 0,
      telemedicine: 0,
      techniques: 0,
      trainees: 0,
      ...EMPTY_TOTALS,
      ratings: 0,
      ratingMean: null,
    };
    rows.set(id, r);
    return r;
  };
  for (const { agreement, report } of board)
    for (const s of agreement.supporters) {
      const r = row(s.id, s.name);
      r.agreements++;
      if (report.status === "pass") r.passing++;
    }
  const ids = [...rows.keys()];
  // Region subtrees are code prefixes (a province 52…, a city 5226…).
  const prefix = `${regionPrefix(regionCode)}%`;
  if (ids.length) {
    const list = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const facts = (await db.execute(sql`
      select s.id,
        (select coalesce(sum(greatest(0, least(coalesce(d.actual_end, d.planned_end), ${to}::date) - greatest(coalesce(d.actual_start, d.planned_start), ${from}::date) + 1)), 0)::int
           from dispatches d join practitioners p on p.id = d.practitioner_id join institutions r on r.id = d.recipient_id
           where p.institution_id = s.id and d.status <> 'cancelled' and r.region_code like ${prefix}) as stationed,
        (select count(*)::int from telemedicine_sessions t where t.supporter_id = s.id and t.status in ('held', 'closed') and t.starts_at >= ${from}::date and t.starts_at < ${to}::date + 1
           and t.region_code like ${prefix}) as telemedicine,
        (select count(*)::int from techniques k where k.supporter_id = s.id and k.launched_on between ${from}::date and ${to}::date and k.region_code like ${prefix}) as techniques,
        (select count(*)::int from further_study f where f.host_institution_id = s.id and f.start_date between ${from}::date and ${to}::date)
          + (select coalesce(sum((a ->> 'count')::int), 0)::int from trainings tr, jsonb_array_elements(tr.attendees) a where tr.host_institution_id = s.id and tr.date between ${from}::date and ${to}::date) as trainees,
        w.outpatient_visits, w.operations, w.teaching_minutes, w.people_trained, w.lines,
        g.ratings, g.rating_mean
      from (select unnest(array[${list}]) as id) s
      cross join lateral (select ${TOTAL_COLUMNS} from work_log_entries w join practitioners p on p.id = w.practitioner_id join institutions r on r.id = w.recipient_id
           where ${CONFIRMED} and p.institution_id = s.id and w.date between ${from}::date and ${to}::date and r.region_code like ${prefix}) w
      -- A rating belongs to the year of its quarter (2026-Q3), or of the stay's end (end).
      cross join lateral (select count(*)::int as ratings, avg((x.attendance_score + x.clinical_score + x.teaching_score + x.conduct_score) / 4.0)::float8 as rating_mean
           from stay_ratings x join dispatches d on d.id = x.dispatch_id join practitioners p on p.id = x.practitioner_id join institutions r on r.id = d.recipient_id
           where p.institution_id = s.id and r.region_code like ${prefix}
             and (case when x.period = 'end' then extract(year from coalesce(d.actual_end, d.planned_end))::int else substr(x.period, 1, 4)::int end) = ${year}) g`)) as unknown as {
      rows: ({
        id: string;
        stationed: number;
        telemedicine: number;
        techniques: number;
        trainees: number;
        ratings: number;
        rating_mean: number | null;
      } & TotalsRow)[];
    };
    for (const f of facts.rows)
      Object.assign(rows.get(f.id) as Row, {
        stationedDays: f.stationed,
        telemedicine: f.telemedicine,
        techniques: f.techniques,
        trainees: f.trainees,
        ...totalsOf(f),
        ratings: f.ratings,
        ratingMean: f.ratings ? Math.round(Number(f.rating_mean) * 100) / 100 : null,
      });
  }
  const all = [...rows.values()];
  const best = (k: "stationedDays" | "telemedicine" | "techniques" | "trainees" | (typeof ON_SITE_PARTS)[number]) => Math.max(0, ...all.map((r) => r[k]));
  const scaled = (r: Row, k: Parameters<typeof best>[0]) => (100 * r[k]) / Math.max(1, best(k));
  // On-site work averages the parts somebody has: a region without teaching does not cap everyone at 75.
  const parts = ON_SITE_PARTS.filter((k) => best(k) > 0);
  const round = (n: number) => Math.round(n * 10) / 10;
  const items = all
    .map((r) => {
      const normalized: Record<RankingMetric, number | null> = {
        compliance: r.agreements ? (100 * r.passing) / r.agreements : 0,
        stationedDays: scaled(r, "stationedDays"),
        telemedicine: scaled(r, "telemedicine"),
        techniques: scaled(r, "techniques"),
        trainees: scaled(r, "trainees"),
        onSiteWork: parts.length ? parts.reduce((sum, k) => sum + scaled(r, k), 0) / parts.length : 0,
        rating: r.ratingMean === null ? null : ratingScore(r.ratingMean),
      };
      const counted = (Object.keys(weights) as RankingMetric[]).filter((k) => normalized[k] !== null);
      const weight = counted.reduce((sum, k) => sum + weights[k], 0);
      const score = weight ? counted.reduce((sum, k) => sum + weights[k] * (normalized[k] as number), 0) / weight : 0;
      const { id, name, lines: _lines, ratingMean, ...figures } = r;
      return {
        supporterId: id,
        name,
        figures: { ...figures, ratingMean },
        normalized: Object.fromEntries(Object.entries(normalized).map(([k, v]) => [k, v === null ? null : round(v)])) as Record<RankingMetric, number | null>,
        excluded: (Object.keys(normalized) as RankingMetric[]).filter((k) => normalized[k] === null),
        score: round(score),
      };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .map((item, i) => ({ rank: i + 1, ...item }));
  return { regionCode, year, asOf: formatDay(asOf), weights, metrics: RANKING_METRICS, onSiteParts: [...parts], items };
}
