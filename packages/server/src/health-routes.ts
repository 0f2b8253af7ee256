import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { Db } from "./db/connection.ts";
import { readiness } from "./db/readiness.ts";
import { RETRY_AFTER_SECONDS } from "./db/unavailable.ts";
import { sendProblem } from "./http/problem.ts";
import { ProblemSchema } from "./http/schemas.ts";

/**
 * Liveness and readiness, for load balancers and orchestrators. `/health` says the process answers
 * HTTP and touches nothing else (a slow database must not get a live process restarted);
 * `/health/ready` says whether it should get traffic, 503 with Retry-After when not.
 */
export function healthRoutes(db: Db, dataKey: Buffer): FastifyPluginAsyncTypebox {
  return async (api) => {
    api.get(
      "/health",
      {
        config: { public: true },
        schema: {
          operationId: "getLiveness",
          tags: ["meta"],
          summary: "Liveness: the process answers (the database is not asked; see /health/ready)",
          response: { 200: Type.Object({ status: Type.Literal("ok") }), 400: ProblemSchema },
        },
      },
      async () => ({ status: "ok" as const }),
    );
    api.get(
      "/health/ready",
      {
        config: { public: true },
        schema: {
          operationId: "getReadiness",
          tags: ["meta"],
          summary: "Readiness: database answering, migrations applied, data key matching (503 with Retry-After when not)",
          response: {
            200: Type.Object({
              status: Type.Literal("ready"),
              checks: Type.Object({ database: Type.String(), migrations: Type.String(), dataKey: Type.String() }),
            }),
            400: ProblemSchema,
            503: ProblemSchema,
          },
        },
      },
      async (_request, reply) => {
        const result = await readiness(db, dataKey);
        if (result.ready) return { status: "ready" as const, checks: result.checks };
        reply.header("retry-after", String(RETRY_AFTER_SECONDS));
        return sendProblem(reply, 503, `Not ready: ${result.errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, {
          code: "unavailable",
          params: { what: "readiness" },
          errors: result.errors,
        });
      },
    );
  };
}
