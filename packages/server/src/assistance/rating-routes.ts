import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { notFound } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { requireAccessTo } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import { type Clock, systemClock, todayInChina } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { dispatches } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams } from "../http/schemas.ts";
import { RatingInput, RatingParams, RatingsViewSchema, rateStay, ratingsView } from "./ratings.ts";

const tags = ["assistance"];

/** The recipient's judgement of stationed people (issue 16 item 4). */
export function ratingRoutes(db: Db, now: Clock = systemClock): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.put(
      "/dispatches/:id/ratings/:period",
      {
        schema: {
          operationId: "rateStay",
          tags,
          summary: "Rate a stationed person's stay for a period: `end`, or a full quarter `YYYY-Qn` of a stay longer than three months (recipient coordinator)",
          params: RatingParams,
          body: RatingInput,
          response: { 200: RatingsViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const [stay] = await db.select({ agreementId: dispatches.agreementId }).from(dispatches).where(eq(dispatches.id, request.params.id));
        if (!stay) throw notFound("dispatch");
        // A stranger to the agreement learns nothing (404); who may rate is decided on the record.
        await requireAccessTo(db, principal, "read", "agreement", [stay.agreementId]);
        const today = todayInChina(now());
        await inTransaction(db, (tx) => rateStay(tx, actorOf(principal, request.id), principal, request.params.id, request.params.period, request.body, today));
        return ratingsView(db, principal, stay.agreementId, today);
      },
    );

    app.get(
      "/agreements/:id/ratings",
      {
        schema: {
          operationId: "listStayRatings",
          tags,
          summary:
            "The recipient's ratings of the agreement's stationed people: its own ratings for the recipient's coordinator, per-person aggregates (never who rated or when) for the supporters' coordinators and officials, one's own aggregate for the stationed person",
          params: IdParams,
          response: { 200: RatingsViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "agreement", [request.params.id]);
        return ratingsView(db, principal, request.params.id, todayInChina(now()));
      },
    );
  };
}
