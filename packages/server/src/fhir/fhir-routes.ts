import { parse as parseQueryString } from "node:querystring";
import { DomainError } from "@medbridge/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { registerPrincipal } from "../auth/principal.ts";
import { type RouteAccess, refusalOf } from "../route-access.ts";
import { capabilityStatement } from "./capability.ts";
import {
  asFhirError,
  baseOf,
  bodyOf,
  contextOf,
  FHIR_BODY_LIMIT,
  FHIR_JSON,
  type FhirRouteOptions,
  sendOutcome,
  sendResource,
  UUID_ID,
  versionOfIfMatch,
} from "./fhir-http.ts";
import { FhirError, issue } from "./outcome.ts";
import type { ResourceDef } from "./resource-def.ts";
import { FHIR_RESOURCES } from "./resources.ts";
import { parseSearch, searchBundle } from "./search.ts";
import { transactionRoute } from "./transaction.ts";

/**
 * The FHIR R4 door (/fhir/R4): the same callers (session or Bearer token), the same policy (route
 * table logic, then the one access check on each record, in the resource handlers), the same
 * audit — answered in FHIR JSON, every refusal an OperationOutcome.
 */
type SearchQuery = Record<string, string | string[] | undefined>;

export function fhirRoutes(options: FhirRouteOptions) {
  return async (app: FastifyInstance) => {
    const { db } = options;
    const parseJson = app.getDefaultJsonParser("error", "error");
    app.addContentTypeParser(["application/fhir+json", "application/json+fhir"], { parseAs: "string", bodyLimit: FHIR_BODY_LIMIT }, parseJson);
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 64 * 1024 }, (_request, body, done) => {
      // Null-prototype object, repeated keys as arrays: read as the query string is.
      done(null, { ...parseQueryString(body as string) });
    });
    registerPrincipal(app, db);
    app.addHook("onSend", async (_request, reply) => {
      // Patient data: never kept by a cache on the way.
      reply.header("cache-control", "no-store");
    });
    app.addHook("preValidation", async (request) => {
      const access = request.routeOptions.config.fhirAccess;
      if (!access || !request.principal) return;
      const refusal = refusalOf(access, request.principal, /\/:id$/.test(request.routeOptions.url ?? ""));
      if (refusal === 404) throw new DomainError("not_found", "Not found");
      if (refusal === 403) throw new DomainError("forbidden", "Your role may not do this", [], { reason: "role" });
    });
    app.setErrorHandler((error, request, reply) => {
      const fhir = asFhirError(error);
      if (fhir.status >= 500) request.log.error({ err: error }, "FHIR request failed");
      if (fhir.status === 401) reply.header("www-authenticate", 'Bearer realm="MedBridge"');
      return sendOutcome(reply, fhir);
    });
    app.setNotFoundHandler((_request, reply) =>
      sendOutcome(reply, new FhirError(404, [issue("not-supported", "This server has no such FHIR endpoint; see /fhir/R4/metadata")])),
    );

    app.get("/metadata", { config: { public: true }, schema: { hide: true } }, async (request, reply) =>
      reply.type(FHIR_JSON).send(capabilityStatement(FHIR_RESOURCES, baseOf(request), options.now())),
    );
    await transactionRoute(app, options);

    for (const def of FHIR_RESOURCES) registerResource(app, def, options);
  };
}

function registerResource(app: FastifyInstance, def: ResourceDef, options: FhirRouteOptions): void {
  const { type } = def;
  const read: RouteAccess = def.entity === "reference" ? "reference" : ["read", def.entity];
  const write: RouteAccess = def.writeAccess ?? (def.entity === "reference" ? "reference" : ["write", def.entity]);
  const schema = { hide: true };
  const idPattern = def.idPattern ?? UUID_ID;
  const checkedId = (id: string) => {
    // An id this type never has is simply not found (and never reaches a uuid column).
    if (!idPattern.test(id)) throw new FhirError(404, [issue("not-found", `${type}/${id.slice(0, 64)} not found`)]);
    return id.toLowerCase();
  };
  if (def.read) {
    const run = def.read;
    app.get<{ Params: { id: string } }>(`/${type}/:id`, { schema, config: { fhirAccess: read } }, async (request, reply) => {
      const ctx = contextOf(request, options);
      return sendResource(reply, ctx.base, await run(ctx, checkedId(request.params.id)));
    });
  }
  if (def.search) {
    const { params, run } = def.search;
    const searchWith = async (request: FastifyRequest, reply: FastifyReply, query: SearchQuery) => {
      const ctx = contextOf(request, options);
      const search = parseSearch(query, params);
      return reply.type(FHIR_JSON).send(searchBundle(ctx.base, type, query, search, await run(ctx, search)));
    };
    app.get(`/${type}`, { schema, config: { fhirAccess: read } }, (request, reply) => searchWith(request, reply, request.query as SearchQuery));
    // The same search with its parameters in a form body: a resident ID number searched for
    // (Patient?identifier=…) stays out of URLs, and so out of every proxy's access log.
    app.post(`/${type}/_search`, { schema, config: { fhirAccess: read } }, (request, reply) => {
      if (request.body !== undefined && (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)))
        throw new FhirError(400, [issue("structure", "POST _search takes application/x-www-form-urlencoded parameters")]);
      return searchWith(request, reply, { ...(request.query as SearchQuery), ...((request.body as SearchQuery | undefined) ?? {}) });
    });
  }
  if (def.create) {
    const run = def.create;
    app.post(`/${type}`, { schema, config: { fhirAccess: write } }, async (request, reply) => {
      const ctx = contextOf(request, options);
      return sendResource(reply, ctx.base, await run(ctx, bodyOf(type, request.body)), 201);
    });
  }
  if (def.update) {
    const run = def.update;
    app.put<{ Params: { id: string } }>(`/${type}/:id`, { schema, config: { fhirAccess: write } }, async (request, reply) => {
      const ctx = contextOf(request, options);
      const ifMatch = versionOfIfMatch(request.headers["if-match"]);
      if (def.updateRequiresIfMatch && ifMatch === undefined) {
        throw new FhirError(428, [issue("required", "Send If-Match with the version you last read (ETag), so another system's change is not overwritten")]);
      }
      return sendResource(reply, ctx.base, await run(ctx, checkedId(request.params.id), bodyOf(type, request.body, request.params.id), ifMatch));
    });
  }
  if (def.delete) {
    const run = def.delete;
    app.delete<{ Params: { id: string } }>(`/${type}/:id`, { schema, config: { fhirAccess: write } }, async (request, reply) => {
      await run(contextOf(request, options), checkedId(request.params.id));
      return reply.status(204).send();
    });
  }
}
