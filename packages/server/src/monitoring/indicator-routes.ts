import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  figureScope,
  forbidden,
  INDICATORS,
  type IndicatorUnit,
  invalid,
  notFound,
  PERIOD_KINDS,
  type Principal,
  regionLevel,
  VALUE_LEVELS,
} from "@medbridge/core";
import { type Static, type TSchema, Type } from "typebox";
import { requireAccess, requireEver } from "../access.ts";
import { principalOf } from "../auth/principal.ts";
import { chinaDay, chinaMonth, todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { attachment } from "../http/download.ts";
import { type Lang, LangQuery, requestLanguage } from "../http/language.ts";
import { errorResponses, fileResponse, RegionCode, StringEnum } from "../http/schemas.ts";
import { importRoute } from "../tabular/import-route.ts";
import { writeXlsx, XLSX_TYPE as XLSX } from "../tabular/tabular.ts";
import { ABSENCE_REASONS, indicatorAggregate, whenAbsent } from "./aggregate.ts";
import { assessmentImport } from "./assessment-import.ts";
import { ON_SITE_PARTS, parseWeights, RANKING_METRICS, type RankingMetric, rankSupporters } from "./ranking.ts";
import { regionReport, regionReportPdf } from "./report.ts";
import { refreshRollups } from "./rollups.ts";
import { countyVisitImport } from "./visit-stats.ts";

const tags = ["monitoring"];

/** The exports' sheets and headers in the requester's language (units in words, never the catalogue's enum). */
const EXPORT_WORDS: Record<
  Lang,
  {
    rankingSheet: string;
    rankingHeader: string[];
    weight: (metric: string) => string;
    valuesHeader: string[];
    value: (unit: string) => string;
    unit: Record<IndicatorUnit, string>;
  }
> = {
  zh: {
    rankingSheet: "赛马排名",
    rankingHeader: [
      "名次",
      "支援医院",
      "综合得分",
      "协议数",
      "达标协议数",
      "派驻人日",
      "远程医疗",
      "新技术",
      "培训人次",
      "门诊人次（已确认）",
      "手术台次（已确认）",
      "授课小时（已确认）",
      "培训带教人次（已确认）",
      "评价次数",
      "评价均分（1–5）",
    ],
    weight: (metric) => `${metric}权重`,
    valuesHeader: ["区划代码", "区划", "期间", "分子", "分母"],
    value: (unit) => `数值（${unit}）`,
    unit: { "%": "%", count: "数量", days: "天", hours: "小时", ratio: "比值" },
  },
  en: {
    rankingSheet: "Supporter ranking",
    rankingHeader: [
      "Rank",
      "Supporting hospital",
      "Score",
      "Agreements",
      "Agreements passing",
      "Stationed person-days",
      "Telemedicine",
      "Techniques",
      "Person-times trained",
      "Outpatient visits (confirmed)",
      "Operations (confirmed)",
      "Teaching hours (confirmed)",
      "People trained on site (confirmed)",
      "Ratings",
      "Mean rating (1–5)",
    ],
    weight: (metric) => `Weight: ${metric}`,
    valuesHeader: ["Region code", "Region", "Period", "Numerator", "Denominator"],
    value: (unit) => `Value (${unit})`,
    unit: { "%": "%", count: "count", days: "days", hours: "hours", ratio: "ratio" },
  },
};
const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });
const ValuesQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    level: Type.Optional(StringEnum(VALUE_LEVELS)),
    period: Type.Optional(StringEnum(PERIOD_KINDS, { default: "month" })),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
  },
  { additionalProperties: false },
);

/** An indicator as the catalogue defines it (core's Indicator). */
const IndicatorSchema = Type.Object({
  id: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  numerator: Type.String(),
  denominator: Type.Union([Type.String(), Type.Null()]),
  unit: StringEnum(["%", "count", "days", "hours", "ratio"] as const),
  higherIsBetter: Type.Boolean(),
  yearly: Type.Optional(Type.Boolean({ description: "Measured once a year (counted in December)" })),
  median: Type.Optional(Type.Boolean({ description: "A median read off histograms, not a sum" })),
  pastMonthsOnly: Type.Optional(Type.Boolean({ description: "Counted only for months that are over: the current month has no figure" })),
  description: Type.Optional(Type.String({ description: "What is counted, precisely, and the standard it comes from" })),
});

/** One indicator's values by region and period (indicatorValues). */
const ValuesSchema = Type.Object({
  indicator: IndicatorSchema,
  whenAbsent: StringEnum(ABSENCE_REASONS, {
    description:
      "What a region or period missing from items means: zero (a count of the platform's records), no_data (imported statistics not imported), not_applicable (nothing to divide by, no case); an item's null value is not_applicable",
  }),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  level: StringEnum(VALUE_LEVELS),
  period: StringEnum(PERIOD_KINDS),
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(
    Type.Object({
      regionCode: Type.String(),
      regionName: Type.String(),
      period: Type.String(),
      numerator: Type.Number(),
      denominator: Type.Union([Type.Number(), Type.Null()]),
      value: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

/** Per ranking metric (compliance, stationedDays, telemedicine, techniques, trainees, onSiteWork, rating). */
const PerMetric = <T extends TSchema>(value: T) =>
  Type.Object(Object.fromEntries(Object.keys(RANKING_METRICS).map((metric) => [metric, value])) as Record<RankingMetric, T>);

/** The supporter ranking with its weights and every raw figure (rankSupporters). */
const RankingSchema = Type.Object({
  regionCode: Type.String(),
  year: Type.Integer(),
  asOf: Type.String(),
  weights: PerMetric(Type.Number()),
  metrics: PerMetric(Type.Object({ zh: Type.String(), en: Type.String(), weight: Type.Number() })),
  onSiteParts: Type.Array(StringEnum(ON_SITE_PARTS), {
    description: "The parts of on-site work averaged into its score: those at least one supporter has (each scaled against the best supporter)",
  }),
  items: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      supporterId: Type.String(),
      name: Type.String(),
      figures: Type.Object({
        agreements: Type.Integer(),
        passing: Type.Integer(),
        stationedDays: Type.Integer(),
        telemedicine: Type.Integer(),
        techniques: Type.Integer(),
        trainees: Type.Integer(),
        outpatientVisits: Type.Integer({ description: "Patients seen in confirmed outpatient sessions of the supporter's stationed staff" }),
        operations: Type.Integer({ description: "Confirmed operations" }),
        teachingHours: Type.Number({ description: "Confirmed teaching minutes / 60" }),
        peopleTrained: Type.Integer({ description: "Attendees of confirmed teaching plus people mentored" }),
        ratings: Type.Integer({ description: "Recipients' ratings of the supporter's stationed people for the year" }),
        ratingMean: Type.Union([Type.Number(), Type.Null()], { description: "Mean of the four aspects (1–5) over those ratings; null: not rated" }),
      }),
      normalized: PerMetric(Type.Union([Type.Number(), Type.Null()], { description: "Scaled to 0–100; null: no evidence (not rated), left out of the score" })),
      excluded: Type.Array(StringEnum(Object.keys(RANKING_METRICS) as RankingMetric[]), {
        description: "Metrics without evidence for this supporter (no rating yet): their weight is left out of its score, not counted as 0",
      }),
      score: Type.Number({ description: "Weighted mean of the normalized metrics, over the weights of the metrics not excluded" }),
    }),
  ),
});

/** The level one below a region: the nation's provinces, a province's cities, a city's counties. */
function childLevel(code: string | undefined): "province" | "city" | "county" {
  if (!code) return "province";
  return regionLevel(code) === "province" ? "city" : "county";
}

/**
 * Indicator catalogue and values from the monthly rollups (drained of pending changes first, on the
 * primary). Values, rankings, their exports and the region report read from `readDb` (the read
 * replica when there is one): figures that may lag; the imports write to `db`.
 */
export function indicatorRoutes({ db, readDb = db, now = () => new Date() }: { db: Db; readDb?: Db; now?: () => Date }): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(
      importRoute(db, {
        url: "/statistics/county-visits/import",
        operationId: "importCountyVisits",
        summary: "Import county visit totals (region_code, month, total_visits, within_county_visits, grassroots_visits; English or Chinese headers)",
        tags,
        spec: countyVisitImport,
        authorize: (principal, inputs) => {
          requireEver(principal, "write", "indicator", "Statistics are imported by health commissions");
          requireAccess(
            principal,
            "write",
            "indicator",
            inputs.map((row) => ({ regionCode: row.regionCode, institutionIds: [] })),
          );
        },
      }),
    );
    await app.register(
      importRoute(db, {
        url: "/statistics/assessments/import",
        operationId: "importAssessments",
        summary:
          "Import county hospital capability assessments (region_code, institution_name, year, level: none/basic/recommended or 未达标/基本标准/推荐标准; English or Chinese headers)",
        tags,
        spec: assessmentImport,
        authorize: (principal, inputs) => {
          requireEver(principal, "write", "assessment", "Assessments are imported by health commissions");
          requireAccess(
            principal,
            "write",
            "assessment",
            inputs.map((row) => ({ regionCode: row.regionCode, institutionIds: [] })),
          );
        },
      }),
    );
    app.get(
      "/indicators",
      {
        schema: {
          operationId: "listIndicators",
          tags,
          summary: "The indicator catalogue (definitions as data)",
          response: { 200: Type.Object({ items: Type.Array(IndicatorSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return { items: [...INDICATORS] };
      },
    );

    const RankingQuery = Type.Object(
      {
        regionCode: Type.Optional(RegionCode),
        year: Type.Integer({ minimum: 2000, maximum: 2100 }),
        weights: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    );
    const ranking = (principal: Principal, query: Static<typeof RankingQuery>) => {
      const { regionCode } = regionalFigures(principal, query.regionCode);
      if (!regionCode) throw invalid([{ path: "regionCode", code: "required", message: "is required (a province, city or county)" }]);
      return rankSupporters(readDb, regionCode, query.year, parseWeights(query.weights), todayInChina(now()));
    };
    app.get(
      "/rankings/supporters",
      {
        schema: {
          operationId: "rankSupporters",
          tags,
          summary: "Supporting hospitals of the region's agreements ranked by a weighted composite score (weights=compliance:40,stationedDays:20,…)",
          querystring: RankingQuery,
          response: { 200: RankingSchema, ...errorResponses },
        },
      },
      async (request) => ranking(principalOf(request), request.query),
    );
    app.get(
      "/rankings/supporters.xlsx",
      {
        schema: {
          operationId: "exportSupporterRanking",
          tags,
          summary: "The same ranking as XLSX",
          querystring: Type.Object({ ...RankingQuery.properties, ...LangQuery }, { additionalProperties: false }),
          response: { 200: fileResponse(XLSX, "The ranking as a spreadsheet"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { lang: _lang, ...query } = request.query;
        const lang = requestLanguage(request);
        const result = await ranking(principalOf(request), query);
        const metrics = Object.keys(RANKING_METRICS) as RankingMetric[];
        const words = EXPORT_WORDS[lang];
        const buffer = await writeXlsx(
          words.rankingSheet,
          [...words.rankingHeader, ...metrics.map((m) => words.weight(RANKING_METRICS[m][lang]))],
          result.items.map((i) => [
            i.rank,
            i.name,
            i.score,
            i.figures.agreements,
            i.figures.passing,
            i.figures.stationedDays,
            i.figures.telemedicine,
            i.figures.techniques,
            i.figures.trainees,
            i.figures.outpatientVisits,
            i.figures.operations,
            i.figures.teachingHours,
            i.figures.peopleTrained,
            i.figures.ratings,
            i.figures.ratingMean ?? "",
            ...metrics.map((m) => result.weights[m]),
          ]),
        );
        return reply.type(XLSX).header("content-disposition", `attachment; filename="ranking-${result.regionCode}-${result.year}.xlsx"`).send(buffer);
      },
    );

    app.get(
      "/reports/:regionCode",
      {
        schema: {
          operationId: "getRegionReport",
          tags,
          summary: "A region + period report as PDF (period YYYY-MM or YYYY): key figures, referrals chart, failing agreements, supporter ranking",
          params: Type.Object({ regionCode: RegionCode }, { additionalProperties: false }),
          querystring: Type.Object(
            { period: Type.String({ pattern: "^\\d{4}(-(0[1-9]|1[0-2]))?$", description: "YYYY-MM or YYYY" }) },
            { additionalProperties: false },
          ),
          response: { 200: fileResponse("application/pdf", "The report"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { regionCode } = request.params;
        regionalFigures(principal, regionCode);
        const report = await regionReport(db, regionCode, request.query.period, todayInChina(now()), readDb);
        const pdf = await regionReportPdf(report);
        return reply
          .type("application/pdf")
          .header(
            "content-disposition",
            attachment(`${report.regionName}-${request.query.period}-帮扶监测报告.pdf`, `report-${regionCode}-${request.query.period}.pdf`),
          )
          .send(Buffer.from(pdf));
      },
    );

    app.get(
      "/indicators/:id/values",
      {
        schema: {
          operationId: "getIndicatorValues",
          tags,
          summary: "Values of one indicator by region (one level down, or `level`) and period, within a region",
          params: Type.Object({ id: Type.String({ maxLength: 60 }) }, { additionalProperties: false }),
          querystring: ValuesQuery,
          response: { 200: ValuesSchema, ...errorResponses },
        },
      },
      async (request) => indicatorValues({ db, readDb }, principalOf(request), request.params.id, request.query, now()),
    );

    app.get(
      "/indicators/:id/values.xlsx",
      {
        schema: {
          operationId: "exportIndicatorValues",
          tags,
          summary: "The same values as XLSX",
          params: Type.Object({ id: Type.String({ maxLength: 60 }) }, { additionalProperties: false }),
          querystring: Type.Object({ ...ValuesQuery.properties, ...LangQuery }, { additionalProperties: false }),
          response: { 200: fileResponse(XLSX, "The values as a spreadsheet"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { lang: _lang, ...query } = request.query;
        const lang = requestLanguage(request);
        const result = await indicatorValues({ db, readDb }, principalOf(request), request.params.id, query, now());
        const words = EXPORT_WORDS[lang];
        const buffer = await writeXlsx(
          result.indicator[lang].slice(0, 30),
          [...words.valuesHeader, words.value(words.unit[result.indicator.unit])],
          result.items.map((i) => [i.regionCode, i.regionName, i.period, i.numerator, i.denominator ?? "", i.value ?? ""]),
        );
        return reply
          .type(XLSX)
          .header("content-disposition", `attachment; filename="${result.indicator.id}-${result.regionCode ?? "national"}.xlsx"`)
          .send(buffer);
      },
    );
  };
}

/** One indicator's values by region and period inside the caller's region (rollups refreshed on the primary first, read from `readDb`). */
async function indicatorValues({ db, readDb }: { db: Db; readDb: Db }, principal: Principal, id: string, query: Static<typeof ValuesQuery>, now: Date) {
  const indicator = INDICATORS.find((i) => i.id === id);
  if (!indicator) throw notFound("indicator");
  const { regionCode } = regionalFigures(principal, query.regionCode);
  const thisMonth = chinaMonth(now);
  const to = query.to ?? thisMonth;
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`;
  if (from > to) throw invalid([{ path: "query.from", code: "after", params: { other: "to" }, message: "is after to" }]);
  const level = query.level ?? childLevel(regionCode);
  const period = query.period ?? "month";
  await refreshRollups(db, chinaDay(now));
  const items = await indicatorAggregate(readDb, indicator, { regionCode, level, period, from, to });
  return { indicator, whenAbsent: whenAbsent(indicator), regionCode: regionCode ?? null, level, period, from, to, items };
}

/** The region whose indicators the caller asks for, as the policy allows (`indicator` is never per institution). */
function regionalFigures(principal: Principal, requested: string | undefined): { regionCode: string | undefined } {
  const scope = figureScope(principal, "indicator", requested);
  if (!("regionCode" in scope)) throw forbidden("figures_for_commissions", "These figures are for health commissions");
  return scope;
}
