import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { attachment } from "../http/download.ts";
import { errorResponses, fileResponse, IdParams } from "../http/schemas.ts";
import { getAgreement } from "./agreements.ts";
import { agreementMonthReports, Month, PlanInput, requireMonthReader, saveMonthPlan, WorkMonthParams, WorkReportSchema, workReport } from "./work-report.ts";
import { agreementMonthPdf, workReportPdf } from "./work-report-pdf.ts";

const tags = ["assistance"];

/** File names carry the agreement's code and the month, never a person's name. */
const pdfName = (code: string, month: string) => attachment(`派驻人员月度工作报告-${code}-${month}.pdf`, `work-report-${code}-${month}.pdf`);

/** Issue 16 item 3: the stationed person's monthly plan and the report 派驻人员月度工作报告. */
export function workReportRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.put(
      "/work-months/:agreementId/:practitionerId/:month/plan",
      {
        schema: {
          operationId: "saveWorkMonthPlan",
          tags,
          summary: "The stationed person's plan (start of the month) and summary (end) — their own month, until the recipient confirms it",
          params: WorkMonthParams,
          body: PlanInput,
          response: { 200: WorkReportSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await inTransaction(db, (tx) => saveMonthPlan(tx, actorOf(principal, request.id), principal, request.params, request.body));
        const agreement = await getAgreement(db, request.params.agreementId);
        return workReport(db, agreement, request.params.practitionerId, request.params.month);
      },
    );

    app.get(
      "/work-months/:agreementId/:practitionerId/:month/report",
      {
        schema: {
          operationId: "getWorkMonthReport",
          tags,
          summary: "A stationed person's month: plan, summary, check-in days, work totals (all and confirmed) and the recipient's sign-off",
          params: WorkMonthParams,
          response: { 200: WorkReportSchema, ...errorResponses },
        },
      },
      async (request) => {
        const agreement = await getAgreement(db, request.params.agreementId);
        await requireMonthReader(db, principalOf(request), agreement, request.params.practitionerId);
        return workReport(db, agreement, request.params.practitionerId, request.params.month);
      },
    );

    app.get(
      "/work-months/:agreementId/:practitionerId/:month/report.pdf",
      {
        schema: {
          operationId: "getWorkMonthReportPdf",
          tags,
          summary: "派驻人员月度工作报告: the month's report of one stationed person (PDF, A4)",
          params: WorkMonthParams,
          response: { 200: fileResponse("application/pdf", "The report"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const agreement = await getAgreement(db, request.params.agreementId);
        await requireMonthReader(db, principalOf(request), agreement, request.params.practitionerId);
        const report = await workReport(db, agreement, request.params.practitionerId, request.params.month);
        return reply
          .type("application/pdf")
          .header("content-disposition", pdfName(agreement.code, request.params.month))
          .send(Buffer.from(await workReportPdf(report)));
      },
    );

    app.get(
      "/agreements/:id/monthly-report.pdf",
      {
        schema: {
          operationId: "getAgreementMonthlyReportPdf",
          tags,
          summary: "派驻人员月度工作报告 of an agreement: a summary of everyone stationed that month, then each person's report (PDF)",
          params: IdParams,
          querystring: Type.Object({ month: Month }, { additionalProperties: false }),
          response: { 200: fileResponse("application/pdf", "The reports"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const agreement = await getAgreement(db, request.params.id);
        await requireMonthReader(db, principalOf(request), agreement, null);
        const reports = await agreementMonthReports(db, agreement, request.query.month);
        const parties = {
          id: agreement.id,
          code: agreement.code,
          recipient: { id: agreement.recipient.id, name: agreement.recipient.name },
          supporters: agreement.supporters.map((s) => ({ id: s.id, name: s.name })),
        };
        return reply
          .type("application/pdf")
          .header("content-disposition", pdfName(agreement.code, request.query.month))
          .send(Buffer.from(await agreementMonthPdf(parties, request.query.month, reports)));
      },
    );
  };
}
