import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type ComplianceReport, day, formatDay, RULE_NAMES, type RuleStatus, readScope } from "@medbridge/core";
import { and } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, systemClock, todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { attachment } from "../http/download.ts";
import { type Lang, LangQuery, requestLanguage } from "../http/language.ts";
import { DateString, errorResponses, fileResponse, IdParams, RegionCode, StringEnum } from "../http/schemas.ts";
import { writeXlsx, XLSX_TYPE } from "../tabular/tabular.ts";
import { type Agreement, AgreementSchema, agreementScope, getAgreement, withParties } from "./agreements.ts";
import { AttendanceSchema, CheckInInput, checkIn, listAttendance, practitionerOf, ReviewInput, reviewAttendance } from "./attendance.ts";
import { BoardFacets, BoardQuery, boardFacets, filterBoard, scopeName } from "./board.ts";
import { certificatePdf } from "./certificate.ts";
import { agreementCompliance, agreementsInScope, complianceBoard, coverageWarnings } from "./compliance-service.ts";
import { FlagSchema, FlagTotals } from "./flags-service.ts";
import { OwnDaysSchema, ownDays } from "./own-days.ts";
import { createPackCopy, listPacks, PackCopyInput, PackSchema } from "./packs.ts";
import { ServiceCreditSchema, serviceCredit } from "./service-credit.ts";

const tags = ["assistance"];

/** The board export's sheet, headers and statuses in the requester's language (never the enum values). */
const EXPORT_WORDS: Record<Lang, { sheet: string; file: string; header: string[]; status: Record<RuleStatus, string> }> = {
  zh: {
    sheet: "合规看板",
    file: "对口帮扶考核",
    header: ["协议编号", "受援医院", "支援医院", "规则包", "年度", "状态", "未达标规则", "存在风险规则"],
    status: { pass: "达标", fail: "未达标", at_risk: "存在风险" },
  },
  en: {
    sheet: "Compliance board",
    file: "compliance",
    header: ["Agreement", "Recipient", "Supporters", "Rule pack", "Year", "Status", "Failing rules", "Rules at risk"],
    status: { pass: "Pass", fail: "Fail", at_risk: "At risk" },
  },
};
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Status = StringEnum(["pass", "fail", "at_risk"] as const);
const RuleResult = Type.Object({ id: Type.String(), status: Status, message: Type.String(), messageEn: Type.String() }, { additionalProperties: true });
const Report = Type.Object(
  {
    agreement: Type.String(),
    pack: Type.String(),
    year: Type.Integer(),
    period: Type.Object({ from: Type.String(), to: Type.String() }),
    asOf: Type.Optional(Type.String()),
    status: Status,
    rules: Type.Array(RuleResult),
  },
  { additionalProperties: false },
);
const BoardRow = Type.Object({
  agreement: AgreementSchema,
  report: Report,
  flags: Type.Array(FlagSchema, { description: "Warnings officials can act on, with their evidence" }),
});
const Board = Type.Object({
  year: Type.Integer(),
  asOf: Type.String(),
  regionName: Type.String({ description: "The region asked for, else the caller's region or institution" }),
  totals: Type.Object(
    { pass: Type.Integer(), fail: Type.Integer(), at_risk: Type.Integer(), ...FlagTotals },
    { description: "Agreements by status under every filter but the status; flagged ones under every filter but the status and `flagged`" },
  ),
  total: Type.Integer({ description: "Agreements under every filter, the status included" }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(BoardRow),
  ...BoardFacets,
});

/** Agreements the caller may see, optionally narrowed to a region. */
async function visibleAgreements(db: Db, request: Parameters<typeof principalOf>[0], regionCode?: string): Promise<Agreement[]> {
  const principal = principalOf(request);
  requireEver(principal, "read", "agreement", "You may not read agreements");
  const rows = await agreementsInScope(db, and(agreementScope(readScope(principal, "agreement")), regionCode ? agreementScope({ regionCode }) : undefined));
  return withParties(db, rows);
}

/** `readDb` serves the board's export, which may lag (the read replica when there is one). */
export function complianceRoutes(db: Db, now: Clock = systemClock, readDb: Db = db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/agreements/:id/compliance",
      {
        schema: {
          operationId: "getAgreementCompliance",
          tags,
          summary: "The agreement's compliance report for a year (the CLI's report; asOf defaults to today)",
          params: IdParams,
          querystring: Type.Object({ year: Year, asOf: Type.Optional(DateString) }, { additionalProperties: false }),
          response: { 200: Report, ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "agreement", [request.params.id]);
        const agreement = await getAgreement(db, request.params.id);
        return agreementCompliance(db, agreement, request.query.year, request.query.asOf ? day(request.query.asOf) : todayInChina(now()));
      },
    );

    // Every agreement in scope is judged (a province has hundreds), then filtered and paged here,
    // since the status comes from the engine, not from a column.
    const board = async (db: Db, request: Parameters<typeof principalOf>[0], query: BoardQuery) => {
      const asOf = query.asOf ? day(query.asOf) : todayInChina(now());
      const visible = await visibleAgreements(db, request, query.regionCode);
      const rows = await complianceBoard(db, visible, query.year, asOf);
      const { totals, listed } = filterBoard(rows, query);
      const start = (query.page - 1) * query.pageSize;
      return {
        year: query.year,
        asOf: formatDay(asOf),
        regionName: await scopeName(db, principalOf(request), query.regionCode),
        totals,
        total: listed.length,
        page: query.page,
        pageSize: query.pageSize,
        items: listed.slice(start, start + query.pageSize),
        all: listed,
        ...(await boardFacets(db, visible)),
      };
    };

    app.get(
      "/compliance",
      {
        schema: {
          operationId: "getComplianceBoard",
          tags,
          summary: "Compliance board: every agreement in the region, its status and failing rules",
          querystring: BoardQuery,
          response: { 200: Board, ...errorResponses },
        },
      },
      async (request) => {
        const { all: _, ...answer } = await board(db, request, request.query);
        return answer;
      },
    );

    app.get(
      "/compliance/export",
      {
        schema: {
          operationId: "exportComplianceBoard",
          tags,
          summary: "The compliance board as XLSX, under the same filters (every page)",
          querystring: Type.Object({ ...BoardQuery.properties, ...LangQuery }, { additionalProperties: false }),
          response: { 200: fileResponse(XLSX_TYPE, "The board as a spreadsheet"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { lang: _lang, ...query } = request.query;
        const lang = requestLanguage(request);
        const result = await board(readDb, request, query);
        const packName = new Map(result.packs.map((p) => [p.id, p[lang]]));
        const rules = (r: ComplianceReport, status: string) =>
          r.rules
            .filter((x) => x.status === status)
            .map((x) => `${RULE_NAMES[x.id][lang]}${lang === "en" ? ": " : "："}${lang === "en" ? x.messageEn : x.message}`)
            .join("\n");
        const words = EXPORT_WORDS[lang];
        const buffer = await writeXlsx(
          words.sheet,
          words.header,
          result.all.map(({ agreement, report }) => [
            agreement.code,
            agreement.recipient.name,
            agreement.supporters.map((s) => s.name).join(lang === "en" ? ", " : "、"),
            packName.get(agreement.packId) ?? agreement.packId,
            report.year,
            words.status[report.status],
            rules(report, "fail"),
            rules(report, "at_risk"),
          ]),
        );
        return reply
          .type(XLSX_TYPE)
          .header(
            "content-disposition",
            attachment(
              `${result.regionName}-${request.query.year}-${words.file}.xlsx`,
              `compliance-${request.query.regionCode ?? "all"}-${request.query.year}.xlsx`,
            ),
          )
          .send(buffer);
      },
    );

    app.get(
      "/compliance/warnings",
      {
        schema: {
          operationId: "listCoverageWarnings",
          tags,
          summary: "Agreements whose planned roster leaves a coverage gap in the next N days",
          querystring: Type.Object(
            { regionCode: Type.Optional(RegionCode), days: Type.Integer({ minimum: 1, maximum: 365, default: 60 }), asOf: Type.Optional(DateString) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              asOf: Type.String(),
              days: Type.Integer(),
              items: Type.Array(
                Type.Object({
                  agreement: AgreementSchema,
                  gaps: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
                  firstGapInDays: Type.Integer(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const today = request.query.asOf ? day(request.query.asOf) : todayInChina(now());
        const items = await coverageWarnings(db, await visibleAgreements(db, request, request.query.regionCode), today, request.query.days);
        return { asOf: formatDay(today), days: request.query.days, items };
      },
    );

    app.get(
      "/attendance/mine",
      {
        schema: {
          operationId: "listOwnAttendance",
          tags,
          summary: "The signed-in stationed doctor's today and last 14 days: stationed or not, checked in, confirmed or disputed",
          // Only one's own: nothing names another doctor.
          querystring: Type.Object({}, { additionalProperties: false }),
          response: { 200: OwnDaysSchema, ...errorResponses },
        },
      },
      async (request) => ownDays(db, await practitionerOf(db, principalOf(request)), todayInChina(now())),
    );

    app.post(
      "/attendance",
      {
        schema: {
          operationId: "checkIn",
          tags,
          summary: "Check in on site today (or a past day of your stationing)",
          body: CheckInInput,
          response: { 201: AttendanceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const practitionerId = await practitionerOf(db, principal);
        const saved = await inTransaction(db, (tx) => checkIn(tx, actorOf(principal, request.id), practitionerId, request.body, todayInChina(now())));
        const rows = await listAttendance(db, saved.agreementId, request.body.date, request.body.date);
        return reply.status(201).send({ ...(rows.find((r) => r.id === saved.id) as (typeof rows)[number]), siteApproximate: saved.siteApproximate });
      },
    );

    app.post(
      "/attendance/:id/review",
      {
        schema: {
          operationId: "reviewAttendance",
          tags,
          summary: "Confirm or dispute a check-in (recipient coordinator)",
          params: IdParams,
          body: ReviewInput,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await inTransaction(db, (tx) =>
          reviewAttendance(tx, actorOf(principal, request.id), principal, request.params.id, request.body.decision, request.body.note),
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/agreements/:id/attendance",
      {
        schema: {
          operationId: "listAttendance",
          tags,
          summary: "Check-ins under an agreement in a date range",
          params: IdParams,
          querystring: Type.Object({ from: DateString, to: DateString }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(AttendanceSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "agreement", [request.params.id]);
        return { items: await listAttendance(db, request.params.id, request.query.from, request.query.to) };
      },
    );

    app.get(
      "/rule-packs",
      {
        schema: {
          operationId: "listRulePacks",
          tags,
          summary: "Built-in rule packs and provinces' copies",
          response: { 200: Type.Object({ items: Type.Array(PackSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        principalOf(request);
        return { items: await listPacks(db) };
      },
    );

    app.post(
      "/rule-packs",
      {
        schema: {
          operationId: "copyRulePack",
          tags,
          summary: "Copy a pack with changed numbers for your region",
          body: PackCopyInput,
          response: { 201: PackSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireAccess(principal, "write", "rule_pack", [{ regionCode: request.body.regionCode, institutionIds: [] }]);
        return reply.status(201).send(await inTransaction(db, (tx) => createPackCopy(tx, actorOf(principal, request.id), request.body)));
      },
    );

    app.get(
      "/practitioners/:id/service-credit",
      {
        schema: {
          operationId: "getServiceCredit",
          tags,
          summary: "Cumulative grassroots service and associate-chief eligibility (≥ 365 days)",
          params: IdParams,
          response: { 200: ServiceCreditSchema, ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "practitioner", [request.params.id]);
        return serviceCredit(db, request.params.id, todayInChina(now()));
      },
    );

    app.get(
      "/practitioners/:id/service-credit.pdf",
      {
        schema: {
          operationId: "getServiceCreditCertificate",
          tags,
          summary: "Certificate of grassroots service (PDF)",
          params: IdParams,
          response: { 200: fileResponse("application/pdf", "The certificate"), ...errorResponses },
        },
      },
      async (request, reply) => {
        await requireAccessTo(db, principalOf(request), "read", "practitioner", [request.params.id]);
        const credit = await serviceCredit(db, request.params.id, todayInChina(now()));
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="service-credit-${credit.asOf}.pdf"`)
          .send(Buffer.from(await certificatePdf(credit)));
      },
    );
  };
}
