import type { CapabilityStatement } from "@medplum/fhirtypes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, tokenFor, validationErrors } from "./helpers/fhir.ts";

/**
 * Garbage at every door the CapabilityStatement names: each search parameter with bad values, reads
 * of odd ids, creates and updates with bodies that are not what they claim. Every answer must be a
 * FHIR answer (never a 5xx), and every refusal a valid OperationOutcome.
 */
const VALUES = [
  "",
  "x",
  "\u0000",
  "\ud800",
  "%",
  "ge",
  "ge2026-02-30",
  "9".repeat(400),
  "Organization/",
  "Organization/00000000-0000-4000-8000-000000000000",
  "|",
  "a|b|c",
  "http://loinc.org|",
  "null",
  "-1",
  "1e309",
  "'; drop table referrals; --",
  "\\,\\",
];
const IDS = ["x", "00000000-0000-4000-8000-000000000000", "..", "%00", "A".repeat(200), "0b0e9c1e-2f7c-4c0e-9a55-3d1b7c9e0a1"];
const BODIES: unknown[] = [
  null,
  [],
  "text",
  42,
  {},
  { resourceType: "Patient" },
  { resourceType: "__proto__" },
  { resourceType: "Bundle", type: "transaction", entry: "x" },
  {
    resourceType: "Bundle",
    type: "transaction",
    entry: [{ request: { method: "POST", url: "Task" }, resource: { resourceType: "Task", status: 1, focus: [] } }],
  },
  { resourceType: "Bundle", type: "transaction", entry: [{ fullUrl: "urn:uuid:x", request: { method: "DELETE", url: "Task/1" } }] },
];

/** A lone surrogate cannot be percent-encoded by encodeURIComponent: sent as its (invalid) UTF-8 bytes. */
const encoded = (value: string) => (value === "\ud800" ? "%ED%A0%80" : encodeURIComponent(value));

describe.each(BACKENDS)("FHIR door under garbage on %s", (backend) => {
  let ctx: TestContext;
  let statement: CapabilityStatement;
  const tokens: string[] = [];

  beforeAll(async () => {
    ctx = await demoApp(backend);
    statement = (await fhirCall(ctx, null, "GET", "/metadata")).json() as CapabilityStatement;
    for (const who of ["gz.township.doctor", "gz.county.coord", "gz.official"]) tokens.push(await tokenFor(ctx, who));
  });
  afterAll(() => ctx.close());

  const answers: { what: string; status: number; problems: string[] }[] = [];
  const check = async (what: string, run: () => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>) => {
    const response = await run();
    const problems: string[] = [];
    if (response.statusCode >= 500) problems.push(`status ${response.statusCode}`);
    if (response.statusCode !== 204) {
      if (!String(response.headers["content-type"]).startsWith("application/fhir+json")) problems.push(`content-type ${response.headers["content-type"]}`);
      else if (response.statusCode >= 400) {
        const outcome = JSON.parse(response.body);
        if (outcome.resourceType !== "OperationOutcome") problems.push("not an OperationOutcome");
        else problems.push(...validationErrors(outcome));
      }
    }
    answers.push({ what, status: response.statusCode, problems });
  };

  it("answers every search parameter's garbage with a bundle or an OperationOutcome", async () => {
    for (const resource of statement.rest?.[0]?.resource ?? []) {
      for (const param of resource.searchParam ?? []) {
        for (const value of VALUES) {
          const url = `/${resource.type}?${encodeURIComponent(param.name)}=${encoded(value)}`;
          await check(`GET ${url}`, () => fhirCall(ctx, tokens[0] as string, "GET", url));
        }
      }
    }
    const failures = answers.filter((a) => a.problems.length);
    expect(failures).toEqual([]);
    expect(answers.length).toBeGreaterThan(VALUES.length * 5);
  });

  it("answers odd ids, bodies and methods with an OperationOutcome, never a 5xx", async () => {
    answers.length = 0;
    for (const resource of statement.rest?.[0]?.resource ?? []) {
      const codes = (resource.interaction ?? []).map((i) => i.code);
      for (const token of tokens) {
        for (const id of IDS) await check(`GET ${resource.type}/${id}`, () => fhirCall(ctx, token, "GET", `/${resource.type}/${encodeURIComponent(id)}`));
        for (const body of BODIES) {
          if (codes.includes("create")) await check(`POST ${resource.type}`, () => fhirCall(ctx, token, "POST", `/${resource.type}`, JSON.stringify(body)));
          if (codes.includes("update"))
            await check(`PUT ${resource.type}`, () =>
              fhirCall(ctx, token, "PUT", `/${resource.type}/${IDS[1]}`, JSON.stringify(body), { "if-match": 'W/"1"' }),
            );
        }
      }
    }
    for (const body of BODIES) await check("POST /", () => fhirCall(ctx, tokens[0] as string, "POST", "/", JSON.stringify(body)));
    await check("PATCH", () => fhirCall(ctx, tokens[0] as string, "PUT", "/metadata", "{}"));
    const failures = answers.filter((a) => a.problems.length);
    expect(failures).toEqual([]);
  });
});
