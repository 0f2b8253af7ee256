import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DEFAULT_FLAG_THRESHOLDS, day, formatDay } from "@medbridge/core";
import { Type } from "typebox";
import { requireAccessTo } from "../access.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, systemClock, todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { DateString, errorResponses, IdParams } from "../http/schemas.ts";
import { getAgreement } from "./agreements.ts";
import { loadRosters } from "./compliance-service.ts";
import { FlagSchema, flagsOf, loadFlagFacts } from "./flags-service.ts";

const Thresholds = Type.Object({
  awayShare: Type.Number(),
  withoutLocationShare: Type.Number(),
  minDays: Type.Integer(),
  emptyLogMinDays: Type.Integer(),
  confirmGraceDays: Type.Integer(),
  lowRating: Type.Number(),
});

/** An agreement's flags for a year (the board row's, with the thresholds that raised them), for its detail page. */
export function flagsRoutes(db: Db, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/agreements/:id/flags",
      {
        schema: {
          operationId: "listAgreementFlags",
          tags: ["assistance"],
          summary: "Warnings officials can act on for one agreement and year (away or without-location days, empty log, unconfirmed months, low ratings)",
          params: IdParams,
          querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), asOf: Type.Optional(DateString) }, { additionalProperties: false }),
          response: {
            200: Type.Object({ year: Type.Integer(), asOf: Type.String(), thresholds: Thresholds, items: Type.Array(FlagSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "agreement", [request.params.id]);
        const agreement = await getAgreement(db, request.params.id);
        const asOf = request.query.asOf ? day(request.query.asOf) : todayInChina(now());
        const { year } = request.query;
        const [rosters, facts] = await Promise.all([loadRosters(db, [agreement], year), loadFlagFacts(db, [agreement.id], year)]);
        return { year, asOf: formatDay(asOf), thresholds: DEFAULT_FLAG_THRESHOLDS, items: flagsOf(agreement, rosters.get(agreement.id), facts, year, asOf) };
      },
    );
  };
}
