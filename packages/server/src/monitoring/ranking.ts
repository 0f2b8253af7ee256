import { type Day, formatDay, invalid, regionPrefix, yearEnd } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { agreementScope, withParties } from "../assistance/agreements.ts";
import { agreementsInScope, complianceBoard } from "../assistance/compliance-service.ts";
import type { Db } from "../db/connection.ts";

/** The metrics of the supporter ranking (赛马) and their default weights; callers may change the weights. */
export const RANKING_METRICS = {
  compliance: { zh: "派驻合规率", en: "Dispatch compliance", weight: 40 },
  stationedDays: { zh: "派驻人日", en: "Stationed person-days", weight: 20 },
  telemedicine: { zh: "远程医疗次数", en: "Telemedicine sessions held", weight: 15 },
  techniques: { zh: "新技术新项目", en: "Techniques transferred", weight: 15 },
  trainees: { zh: "培训进修人次", en: "Person-times trained", weight: 10 },
} as const;
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

/**
 * Supporting hospitals of a region's agreements ranked by a composite score: each metric is scaled
 * to 0–100 (compliance is already a rate; the others against the best supporter), then weighted.
 * The weights and every raw figure are returned, so the ranking explains itself.
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
  };
  const rows = new Map<string, Row>();
  const row = (id: string, name: string) => {
    const r = rows.get(id) ?? { id, name, agreements: 0, passing: 0, stationedDays: 0, telemedicine: 0, techniques: 0, trainees: 0 };
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
          + (select coalesce(sum((a ->> 'count')::int), 0)::int from trainings tr, jsonb_array_elements(tr.attendees) a where tr.host_institution_id = s.id and tr.date between ${from}::date and ${to}::date) as trainees
      from (select unnest(array[${list}]) as id) s`)) as unknown as {
      rows: { id: string; stationed: number; telemedicine: number; techniques: number; trainees: number }[];
    };
    for (const f of facts.rows)
      Object.assign(rows.get(f.id) as Row, { stationedDays: f.stationed, telemedicine: f.telemedicine, techniques: f.techniques, trainees: f.trainees });
  }
  const all = [...rows.values()];
  const best = (k: "stationedDays" | "telemedicine" | "techniques" | "trainees") => Math.max(1, ...all.map((r) => r[k]));
  const scale = { stationedDays: best("stationedDays"), telemedicine: best("telemedicine"), techniques: best("techniques"), trainees: best("trainees") };
  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0);
  const items = all
    .map((r) => {
      const normalized: Record<RankingMetric, number> = {
        compliance: r.agreements ? (100 * r.passing) / r.agreements : 0,
        stationedDays: (100 * r.stationedDays) / scale.stationedDays,
        telemedicine: (100 * r.telemedicine) / scale.telemedicine,
        techniques: (100 * r.techniques) / scale.techniques,
        trainees: (100 * r.trainees) / scale.trainees,
      };
      const score = (Object.keys(weights) as RankingMetric[]).reduce((s, k) => s + weights[k] * normalized[k], 0) / totalWeight;
      const round = (n: number) => Math.round(n * 10) / 10;
      return {
        supporterId: r.id,
        name: r.name,
        figures: {
          agreements: r.agreements,
          passing: r.passing,
          stationedDays: r.stationedDays,
          telemedicine: r.telemedicine,
          techniques: r.techniques,
          trainees: r.trainees,
        },
        normalized: Object.fromEntries(Object.entries(normalized).map(([k, v]) => [k, round(v)])),
        score: round(score),
      };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .map((item, i) => ({ rank: i + 1, ...item }));
  return { regionCode, year, asOf: formatDay(asOf), weights, metrics: RANKING_METRICS, items };
}
