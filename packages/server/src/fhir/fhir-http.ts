import { DomainError } from "@medbridge/core";
import type { Resource } from "@medplum/fhirtypes";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction, pgErrorCode } from "../db/transaction.ts";
import type { LandDischarge } from "../follow-ups.ts";
import { unstorableText } from "../http/storable-text.ts";
import type { RouteAccess } from "../route-access.ts";
import { FhirError, fromDomainError, issue, operationOutcome } from "./outcome.ts";
import type { FhirContext } from "./resource-def.ts";

/** What every FHIR route shares: the base, the caller's context, bodies, version headers, errors as outcomes. */

export const FHIR_PREFIX = "/fhir/R4";
export const UUID_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const FHIR_JSON = "application/fhir+json; charset=utf-8";
/** A FHIR body: resources are small; attachments are not uploaded through this door. */
export const FHIR_BODY_LIMIT = 1024 * 1024;

export interface FhirRouteOptions {
  db: Db;
  config: Config;
  now: () => Date;
  landings: readonly LandDischarge[];
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The policy's [action, entity] of a FHIR route: the same table logic as the REST routes'. */
    fhirAccess?: RouteAccess;
  }
}

/**
 * Runs an interaction's writes in one transaction — or, inside a transaction Bundle, in the
 * Bundle's own (a savepoint per entry would only add round trips: the Bundle is all or nothing).
 */
export function inInteraction<T>(ctx: FhirContext, work: (tx: FhirContext["db"]) => Promise<T>): Promise<T> {
  return ctx.inBundle ? work(ctx.db) : inTransaction(ctx.db, work);
}

/** This server's FHIR base as the caller reached it (behind a proxy: its forwarded host and scheme). */
export function baseOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${FHIR_PREFIX}`;
}

export function contextOf(request: FastifyRequest, options: FhirRouteOptions): FhirContext {
  const principal = principalOf(request);
  return {
    db: options.db,
    config: options.config,
    now: options.now,
    principal,
    actor: actorOf(principal, request.id),
    base: baseOf(request),
    landings: options.landings,
  };
}

/** `W/"3"` or `"3"` → `3`; anything else is refused (an If-Match the server cannot have issued). */
export function versionOfIfMatch(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"([^"]{1,64})"\s*$/.exec(text ?? "");
  if (!match) throw new FhirError(400, [issue("invalid", 'If-Match must be a version tag as the server sent it in ETag, e.g. W/"3"')]);
  return match[1];
}

/** Sends one resource with its version headers. */
export function sendResource(reply: FastifyReply, base: string, resource: Resource, status = 200): FastifyReply {
  const version = resource.meta?.versionId;
  if (version) reply.header("etag", `W/"${version}"`);
  if (resource.meta?.lastUpdated) reply.header("last-modified", new Date(resource.meta.lastUpdated).toUTCString());
  if (status === 201) reply.header("location", `${base}/${resource.resourceType}/${resource.id}${version ? `/_history/${version}` : ""}`);
  return reply.status(status).type(FHIR_JSON).send(resource);
}

export function sendOutcome(reply: FastifyReply, error: FhirError): FastifyReply {
  return reply.status(error.status).type(FHIR_JSON).send(operationOutcome(error.issues));
}

/** Every error in FHIR's terms: the features' DomainErrors, Fastify's own, the database's. */
export function asFhirError(error: unknown, fallback = "Resource"): FhirError {
  if (error instanceof FhirError) return error;
  if (error instanceof DomainError) return fromDomainError(error, [], fallback);
  const code = pgErrorCode(error);
  if (code === "23505") return new FhirError(409, [issue("duplicate", "This record already exists")]);
  if (code === "40001" || code === "40P01") return new FhirError(409, [issue("transient", "Another change got there first; try again")]);
  const fe = error as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status === 413) return new FhirError(413, [issue("too-long", `The body is larger than ${FHIR_BODY_LIMIT} bytes`)]);
  if (status === 414) return new FhirError(414, [issue("too-long", "A path parameter is too long")]);
  if (status === 415) return new FhirError(415, [issue("not-supported", "Send application/fhir+json (or application/json)")]);
  if (status >= 400 && status < 500) return new FhirError(status, [issue("structure", "The request body is not valid JSON")]);
  return new FhirError(500, [issue("exception", "The server failed; the error is logged")]);
}

/** A body the database could not store (NUL, lone surrogates) is refused naming the element. */
export function refuseUnstorable(type: string, body: unknown): void {
  const errors = unstorableText(body);
  if (!errors.length) return;
  const path = (pointer: string) =>
    pointer
      .split("/")
      .slice(1)
      .reduce((p, part) => (/^\d+$/.test(part) ? `${p}[${part}]` : `${p}.${part}`), type);
  throw new FhirError(
    400,
    errors.map((e) => issue("invalid", `${e.message}`, path(e.instancePath))),
  );
}

/** Checks the body is a resource of the route's type (and, on update, of the path's id). */
export function bodyOf(type: string, body: unknown, id?: string): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new FhirError(400, [issue("structure", `The body must be a ${type} resource`)]);
  const resource = body as Record<string, unknown>;
  if (resource.resourceType !== type) throw new FhirError(400, [issue("invalid", `resourceType must be ${type}`, `${type}.resourceType`)]);
  if (id !== undefined && (typeof resource.id !== "string" || resource.id.toLowerCase() !== id.toLowerCase()))
    throw new FhirError(400, [issue("invalid", "id must be the id in the URL", `${type}.id`)]);
  refuseUnstorable(type, body);
  return resource;
}
