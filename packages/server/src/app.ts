import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { DomainError } from "@medbridge/core";
import Fastify, { type FastifyInstance } from "fastify";
import { auditRoutes } from "./admin/audit-routes.ts";
import { tokenRoutes } from "./admin/token-routes.ts";
import { userRoutes } from "./admin/user-routes.ts";
import { agreementRoutes } from "./assistance/agreement-routes.ts";
import { complianceRoutes } from "./assistance/compliance-routes.ts";
import { flagsRoutes } from "./assistance/flags-routes.ts";
import { planRoutes } from "./assistance/plan-routes.ts";
import { ratingRoutes } from "./assistance/rating-routes.ts";
import { workLogRoutes } from "./assistance/work-log-routes.ts";
import { workReportRoutes } from "./assistance/work-report-routes.ts";
import { workTotalsRoutes } from "./assistance/work-totals-routes.ts";
import { authRoutes } from "./auth/auth-routes.ts";
import { registerPrincipal } from "./auth/principal.ts";
import { systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/connection.ts";
import { pgErrorCode } from "./db/transaction.ts";
import { asFhirError, FHIR_PREFIX, sendOutcome } from "./fhir/fhir-http.ts";
import { fhirRoutes } from "./fhir/fhir-routes.ts";
import { healthRoutes } from "./health-routes.ts";
import { clientErrorHandler, frameworkErrors } from "./http/framework-errors.ts";
import { asOpenApi } from "./http/openapi.ts";
import { errorHandler, sendProblem } from "./http/problem.ts";
import { rateLimitStore } from "./http/rate-limit-store.ts";
import { registerSameOriginCheck } from "./http/same-origin.ts";
import { registerSecurityHeaders } from "./http/security-headers.ts";
import { validatorCompiler } from "./http/validation.ts";
import { webFileOptions } from "./http/web-files.ts";
import { cdsRoutes } from "./hypertension/cds-routes.ts";
import { landInRegister } from "./hypertension/landing.ts";
import { smsRoutes } from "./hypertension/sms-routes.ts";
import { loggerOptions } from "./logging.ts";
import { indicatorRoutes } from "./monitoring/indicator-routes.ts";
import { notificationRoutes } from "./notify/notification-routes.ts";
import { outreachRoutes } from "./outreach/outreach-routes.ts";
import { patientRoutes } from "./patient-routes.ts";
import { referralRoutes } from "./referral/referral-routes.ts";
import { allianceRoutes } from "./registry/alliance-routes.ts";
import { institutionRoutes } from "./registry/institution-routes.ts";
import { planningInputsRoutes } from "./registry/planning-inputs-routes.ts";
import { practitionerRoutes } from "./registry/practitioner-routes.ts";
import { regionRoutes } from "./registry/region-routes.ts";
import { registerRouteAccess } from "./route-access.ts";

export const API_PREFIX = "/api/v1";

export interface AppOptions {
  db: Db;
  /** Reads that may lag (dashboards, indicator values, exports, region reports): the read replica, else `db`. */
  readDb?: Db;
  config: Config;
  logger?: boolean;
  /** Where log lines go (tests capture them); standard output by default. */
  logStream?: NodeJS.WritableStream;
  /** The clock (tests move it to check SLA expiry). */
  now?: () => Date;
  /** How long a planner request waits for its run before answering 202 (ms; tests set 0). */
  planWaitMs?: number;
}

export async function buildApp({
  db,
  readDb = db,
  config,
  logger = true,
  logStream,
  now = systemClock,
  planWaitMs = 1000,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Redacted and with the one error serializer: no query parameters, secrets or patient data.
    logger: logger ? loggerOptions(process.env.LOG_LEVEL ?? "info", logStream) : false,
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy the client's address comes from X-Forwarded-For (for the login limit).
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Errors before any route (bad URL, oversized headers) as problem+json, quoting nothing.
    // (FHIR clients get an OperationOutcome, as from every FHIR route.)
    frameworkErrors: (error, request, reply) =>
      request.url.startsWith(`${FHIR_PREFIX}/`) ? sendOutcome(reply, asFhirError(error)) : frameworkErrors(error, request, reply),
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler((error, request, reply) => {
    // Database constraint violations that slipped past the handlers' own checks.
    const code = pgErrorCode(error);
    if (code === "23505")
      return sendProblem(reply, 409, "This record already exists", {
        errors: [{ path: "(record)", code: "duplicate", params: { scope: "system" }, message: "duplicates an existing record" }],
      });
    if (code === "40001" || code === "40P01") return sendProblem(reply, 409, "Another change got there first; try again", { code: "retry" });
    return errorHandler(error as Error, request, reply);
  });
  registerSecurityHeaders(app, { production: config.production });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "MedBridge 医联桥 API",
        version: "1.0.0",
        description: "Paired assistance, referral and monitoring for the push of quality medical resources to county level.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "mb_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      // Paths carry the /api/v1 prefix; the API is served from the same origin as the web.
      servers: [{ url: "/", description: "This server" }],
      security: [{ session: [] }, { bearer: [] }],
    },
    transformObject: (document) => ("openapiObject" in document ? asOpenApi(document.openapiObject) : document.swaggerObject),
  });
  await app.register(fastifyCookie);
  // After the cookie parser: the check looks for the session cookie.
  registerSameOriginCheck(app);
  await app.register(fastifyRateLimit, {
    global: false,
    hook: "preHandler",
    // Counted in the database: every server process of `serve --workers` counts the same attempts.
    store: rateLimitStore(db),
    errorResponseBuilder: (_request, context) =>
      new DomainError("rate_limited", `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`, [], { seconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(
    async (api) => {
      registerPrincipal(api, db);
      registerRouteAccess(api);
      await api.register(healthRoutes(db, config.dataKey));
      api.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes(db, config, now));
      await api.register(regionRoutes(db));
      await api.register(institutionRoutes(db));
      await api.register(allianceRoutes(db, now));
      await api.register(practitionerRoutes(db));
      await api.register(planningInputsRoutes(db, now));
      await api.register(userRoutes(db));
      await api.register(tokenRoutes(db));
      await api.register(auditRoutes(db));
      await api.register(agreementRoutes(db));
      await api.register(complianceRoutes(db, now, readDb));
      await api.register(flagsRoutes(db, now));
      await api.register(workTotalsRoutes(db));
      await api.register(workLogRoutes(db, now));
      await api.register(ratingRoutes(db, now));
      await api.register(workReportRoutes(db));
      await api.register(planRoutes({ db, now, waitMs: planWaitMs }));
      // A patient sent back down lands in the hypertension register (follow-ups.ts): the referral
      // feature offers the patient, the register takes them in, neither imports the other.
      await api.register(referralRoutes({ db, config, now, landings: [landInRegister(config)] }));
      await api.register(cdsRoutes({ db, config, now }));
      await api.register(smsRoutes({ db, config, now }));
      await api.register(outreachRoutes({ db, now }));
      await api.register(indicatorRoutes({ db, readDb, now }));
      await api.register(notificationRoutes(db, config, now));
      await api.register(patientRoutes({ db, config }));
    },
    { prefix: API_PREFIX },
  );
  // The FHIR R4 door for hospital systems: the same callers, policy and audit, in FHIR's terms.
  await app.register(fhirRoutes({ db, config, now, landings: [landInRegister(config)] }), { prefix: FHIR_PREFIX });

  const webIndex = join(config.webDist, "index.html");
  const serveWeb = existsSync(webIndex);
  if (serveWeb) {
    await app.register(fastifyStatic, webFileOptions(config.webDist));
  }
  app.setNotFoundHandler({ preValidation: (_req, _reply, done) => done() }, (request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET" || !serveWeb) {
      // The path is not quoted back: it is the caller's input.
      return sendProblem(reply, 404, "There is no such route; see /api/v1/openapi.json", { params: { entity: "route" } });
    }
    // Client-side routes of the single-page app all load index.html.
    return reply.type("text/html").sendFile("index.html");
  });
  return app;
}
