import type { Bundle, CapabilityStatement, CodeSystem, Organization } from "@medplum/fhirtypes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";

describe.each(BACKENDS)("FHIR door: metadata, Organization, code systems, errors on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  let townshipToken: string;
  let yunnanToken: string;
  let officialToken: string;

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    townshipToken = await tokenFor(ctx, "gz.township.doctor");
    yunnanToken = await tokenFor(ctx, "yn.township.doctor");
    officialToken = await tokenFor(ctx, "gz.official");
  });
  afterAll(() => ctx.close());

  it("publishes a CapabilityStatement without signing in, naming each served type and its search parameters", async () => {
    const response = await fhirCall(ctx, null, "GET", "/metadata");
    expect(response.statusCode).toBe(200);
    const statement = validResource<CapabilityStatement>(response);
    expect(statement.fhirVersion).toBe("4.0.1");
    const organization = statement.rest?.[0]?.resource?.find((r) => r.type === "Organization");
    expect(organization?.interaction?.map((i) => i.code)).toEqual(["read", "search-type"]);
    expect(organization?.searchParam?.map((p) => p.name)).toEqual(expect.arrayContaining(["_id", "_lastUpdated", "name", "type", "address-region"]));
    expect(statement.rest?.[0]?.interaction?.map((i) => i.code)).toEqual(["transaction"]);
  });

  it("answers 401 with an OperationOutcome and WWW-Authenticate without a token, and refuses a bad one", async () => {
    const none = await fhirCall(ctx, null, "GET", `/Organization/${county}`);
    expect(outcomeOf(none)).toMatchObject({ status: 401, codes: ["login"] });
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect((await fhirCall(ctx, "Bearer mbt_not-a-token", "GET", `/Organization/${county}`)).statusCode).toBe(401);
  });

  it("reads an Organization with kind, grade and the GB/T 2260 code; version headers; no caching", async () => {
    const response = await fhirCall(ctx, townshipToken, "GET", `/Organization/${county}`);
    expect(response.statusCode, response.body).toBe(200);
    const org = validResource<Organization>(response);
    expect(org.type?.[0]?.coding?.[0]).toMatchObject({ system: "https://medbridge.org.cn/fhir/CodeSystem/institution-kind", code: "county_hospital" });
    expect(org.address?.[0]?.extension?.[0]?.valueCode).toMatch(/^52\d{4}$/);
    expect(response.headers.etag).toBe(`W/"${org.meta?.versionId}"`);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("searches Organizations by name, type and region, paged with next links that keep the filters", async () => {
    // A full page is not counted unless _total asks: the next link is there either way.
    const uncounted = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?address-region=520000&_count=2"));
    expect(uncounted.total).toBeUndefined();
    expect(uncounted.link?.map((l) => l.relation)).toContain("next");
    const first = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?address-region=520000&_count=2&_total=accurate"));
    expect(first.type).toBe("searchset");
    expect(first.entry).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    const estimated = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?address-region=520000&_count=2&_total=estimate"));
    expect(estimated.total).toBe(first.total);
    // _count=0 is a count.
    expect(validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?address-region=520000&_count=0")).total).toBe(first.total);
    const next = first.link?.find((l) => l.relation === "next")?.url as string;
    expect(next).toContain("address-region=520000");
    const second = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", next.slice(next.indexOf("/Organization"))));
    expect(second.entry?.[0]?.resource?.id).not.toBe(first.entry?.[0]?.resource?.id);
    const kinds = validResource<Bundle>(
      await fhirCall(ctx, officialToken, "GET", "/Organization?type=https://medbridge.org.cn/fhir/CodeSystem/institution-kind|county_hospital&_count=50"),
    );
    expect(kinds.entry?.every((e) => (e.resource as Organization).type?.[0]?.coding?.[0]?.code === "county_hospital")).toBe(true);
    const zhejiang = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?address-region=330000&_count=200"));
    expect(zhejiang.total).toBeGreaterThan(0);
    expect(zhejiang.entry?.every((e) => /^33\d{4}$/.test((e.resource as Organization).address?.[0]?.extension?.[0]?.valueCode ?? ""))).toBe(true);
  });

  it("refuses unknown search parameters, bad dates and counts, naming the parameter", async () => {
    expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", "/Organization?nmae=x"))).toMatchObject({ status: 400, expressions: ["nmae"] });
    expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", "/Organization?_lastUpdated=ge2026-13"))).toMatchObject({
      status: 400,
      expressions: ["_lastUpdated"],
    });
    expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", "/Organization?_count=100000"))).toMatchObject({ status: 400, expressions: ["_count"] });
    expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", "/Organization?name:sounds=x"))).toMatchObject({ status: 400 });
  });

  it("filters by _lastUpdated with prefixes", async () => {
    const future = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?_lastUpdated=gt2099-01-01"));
    expect(future.total).toBe(0);
    const past = validResource<Bundle>(await fhirCall(ctx, officialToken, "GET", "/Organization?_lastUpdated=ge2000-01-01&_count=1&_total=accurate"));
    expect(past.total).toBeGreaterThan(0);
  });

  it("answers 404 for an id that is not there, not a UUID, or another province's clinician's", async () => {
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", "/Organization/00000000-0000-4000-8000-000000000000"))).toMatchObject({ status: 404 });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", "/Organization/not-a-uuid"))).toMatchObject({ status: 404 });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", "/Nothing/x"))).toMatchObject({ status: 404, codes: ["not-supported"] });
  });

  it("serves MedBridge's code systems", async () => {
    const system = validResource<CodeSystem>(await fhirCall(ctx, yunnanToken, "GET", "/CodeSystem/institution-kind"));
    expect(system.url).toBe("https://medbridge.org.cn/fhir/CodeSystem/institution-kind");
    expect(system.concept?.find((c) => c.code === "township_health_center")?.display).toBe("乡镇卫生院");
    const found = validResource<Bundle>(await fhirCall(ctx, yunnanToken, "GET", "/CodeSystem?url=https://medbridge.org.cn/fhir/CodeSystem/referral-status"));
    expect(found.entry?.map((e) => e.resource?.id)).toEqual(["referral-status"]);
  });

  it("refuses bodies that are not FHIR JSON, or not storable, with an OperationOutcome", async () => {
    const xml = await ctx.app.inject({
      method: "POST",
      url: "/fhir/R4/",
      headers: { authorization: townshipToken, "content-type": "application/fhir+xml" },
      payload: "<Bundle/>",
    });
    expect(outcomeOf(xml).status).toBe(415);
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/", "{not json")).status).toBe(400);
    const nul = await fhirCall(ctx, townshipToken, "POST", "/", {
      resourceType: "Bundle",
      type: "transaction",
      entry: [{ resource: { resourceType: "Patient", name: [{ text: "a\u0000b" }] } }],
    });
    expect(outcomeOf(nul)).toMatchObject({ status: 400, expressions: ["Bundle.entry[0].resource.name[0].text"] });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/", { resourceType: "Bundle", type: "batch", entry: [] }))).toMatchObject({
      status: 400,
      expressions: ["Bundle.type"],
    });
  });
});
