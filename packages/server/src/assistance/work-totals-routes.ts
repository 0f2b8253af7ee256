import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { invalid } from "@medbridge/core";
import { Type } from "typebox";
import { requireAccessTo } from "../access.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { errorResponses, IdParams } from "../http/schemas.ts";
import { AgreementWorkTotalsSchema, agreementWorkTotals } from "./work-totals.ts";

const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "YYYY-MM" });

/** An agreement's confirmed work (issue 16), per month and per stationed person. */
export function workTotalsRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/agreements/:id/work-totals",
      {
        schema: {
          operationId: "getAgreementWorkTotals",
          tags: ["assistance"],
          summary:
            "The agreement's confirmed work (outpatient visits, operations, teaching hours, people trained), in total, per month and per stationed person; only lines the recipient confirmed count",
          params: IdParams,
          querystring: Type.Object({ from: Type.Optional(Month), to: Type.Optional(Month) }, { additionalProperties: false }),
          response: { 200: AgreementWorkTotalsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { from, to } = request.query;
        if (from && to && from > to) throw invalid([{ path: "to", code: "too_small", params: { limit: from }, message: "must not be before from" }]);
        await requireAccessTo(db, principalOf(request), "read", "agreement", [request.params.id]);
        return agreementWorkTotals(db, request.params.id, from, to);
      },
    );
  };
}
