import type { Bundle, CapabilityStatement, Location, OrganizationAffiliation, Practitioner, PractitionerRole, Resource } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FHIR_ID_NAMESPACE, pairId, parsePairId, uuidV5 } from "../src/fhir/ids.ts";
import { locationIdOf } from "../src/fhir/location.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";

const SYSTEM = "https://medbridge.org.cn/fhir/CodeSystem";
const V3_ROLE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

describe("FHIR registry ids", () => {
  it("makes RFC 4122 version 5 UUIDs (the RFC's DNS example) and deterministic Location ids", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(FHIR_ID_NAMESPACE).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const institution = "0b8c2c3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d";
    const id = locationIdOf(institution, "department", "心血管内科");
    expect(id).toBe(locationIdOf(institution.toUpperCase(), "department", "心血管内科"));
    expect(id).not.toBe(locationIdOf(institution, "ward", "心血管内科"));
    expect(id).not.toBe(locationIdOf(institution, "department", "神经内科"));
  });

  it("pair ids are reversible, within FHIR's 64 characters, and refuse what is not one", () => {
    const a = "ffffffff-ffff-4fff-bfff-ffffffffffff";
    const b = "00000000-0000-4000-8000-000000000001";
    const id = pairId("am", a, b);
    expect(id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(id).toHaveLength(54);
    expect(parsePairId(id)).toEqual({ prefix: "am", first: a, second: b });
    expect(parsePairId(id.toUpperCase())).toEqual({ prefix: "am", first: a, second: b });
    expect(parsePairId(a)).toBeNull();
    expect(parsePairId(`am.${"z".repeat(25)}.${"0".repeat(25)}`)).toBeNull(); // beyond 128 bits
  });
});

describe.each(BACKENDS)("FHIR registry: OrganizationAffiliation, Practitioner, PractitionerRole, Location on %s", (backend) => {
  let ctx: TestContext;
  const tokens: Record<string, string> = {};
  let county: string;
  let supporter: string;
  let township: string;

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await ctx.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const rest = async (who: string, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await ctx.login(who), origin: "http://localhost" },
      ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
    });
  const get = (who: string, url: string) => fhirCall(ctx, tokens[who] as string, "GET", url);
  /** A search's bundle, every entry validated on its own too. */
  const searchOf = async <T extends Resource>(who: string, url: string) => {
    const response = await get(who, url);
    expect(response.statusCode, response.body).toBe(200);
    const bundle = validResource<Bundle>(response);
    const resources = (bundle.entry ?? []).map((e) => e.resource as T);
    return { bundle, resources, total: bundle.total as number };
  };
  const readOf = async <T extends Resource>(who: string, url: string) => {
    const response = await get(who, url);
    expect(response.statusCode, response.body).toBe(200);
    return validResource<T>(response);
  };
  /** Follows next links from `url` to the end: every page's resources, in order. */
  const allPages = async (who: string, url: string) => {
    const seen: Resource[] = [];
    let next: string | undefined = url;
    let pages = 0;
    let total = -1;
    while (next) {
      const page: { bundle: Bundle; resources: Resource[]; total: number } = await searchOf(who, next);
      total = page.total;
      seen.push(...page.resources);
      const link: string | undefined = page.bundle.link?.find((l) => l.relation === "next")?.url;
      next = link ? link.slice(link.indexOf("/fhir/R4") + "/fhir/R4".length) : undefined;
      pages++;
      expect(pages).toBeLessThan(100);
    }
    return { seen, total, pages };
  };

  beforeAll(async () => {
    ctx = await demoApp(backend);
    for (const who of ["gz.official", "zj.city.coord", "gz.county.coord", "gz.township.doctor", "yn.township.doctor", "zj.stationed.doctor", "admin"]) {
      tokens[who] = await tokenFor(ctx, who);
    }
    const me = async (who: string) => json(await rest(who, "GET", "/me"));
    county = (await me("gz.county.coord")).institutionId;
    supporter = (await me("zj.city.coord")).institutionId;
    township = (await me("gz.township.doctor")).institutionId;
  });
  afterAll(() => ctx.close());

  it("names the four types in the CapabilityStatement with their interactions and search parameters", async () => {
    const statement = validResource<CapabilityStatement>(await fhirCall(ctx, null, "GET", "/metadata"));
    const byType = new Map<string, NonNullable<NonNullable<CapabilityStatement["rest"]>[number]["resource"]>[number]>(
      (statement.rest?.[0]?.resource ?? []).map((r) => [r.type as string, r]),
    );
    const expected: Record<string, string[]> = {
      OrganizationAffiliation: ["_id", "_lastUpdated", "primary-organization", "participating-organization", "role", "active", "date", "identifier"],
      Practitioner: ["_id", "_lastUpdated", "name", "identifier", "active"],
      PractitionerRole: ["_id", "_lastUpdated", "practitioner", "organization", "role", "active", "date"],
      Location: ["_id", "_lastUpdated", "organization", "name", "type"],
    };
    for (const [type, params] of Object.entries(expected)) {
      expect(byType.get(type)?.interaction?.map((i) => i.code)).toEqual(["read", "search-type"]);
      expect(byType.get(type)?.searchParam?.map((p) => p.name)).toEqual(params);
    }
  });

  describe("Practitioner", () => {
    it("shows exactly what the REST read shows the caller: name, certificate number, title — nothing more", async () => {
      const list = json(await rest("gz.county.coord", "GET", `/practitioners?institutionId=${county}&pageSize=100`));
      const withLicense = list.items.find((p: { licenseNo: string | null }) => p.licenseNo) ?? list.items[0];
      const restRead = json(await rest("gz.county.coord", "GET", `/practitioners/${withLicense.id}`));
      const p = await readOf<Practitioner>("gz.county.coord", `/Practitioner/${withLicense.id}`);
      expect(Object.keys(p).sort()).toEqual(
        ["resourceType", "id", "meta", "active", "name", "qualification", ...(restRead.licenseNo ? ["identifier"] : [])].sort(),
      );
      expect(p.name).toEqual([{ use: "official", text: restRead.name }]);
      expect(p.active).toBe(restRead.active);
      expect(p.qualification).toEqual([{ code: { coding: [expect.objectContaining({ system: `${SYSTEM}/title`, code: restRead.title })] } }]);
      if (restRead.licenseNo) {
        expect(p.identifier).toEqual([{ use: "official", system: "https://medbridge.org.cn/fhir/sid/practitioner-license", value: restRead.licenseNo }]);
      }
      expect(p.meta?.lastUpdated).toBe(restRead.updatedAt);
      // No gender, telecom, address or birth date: MedBridge keeps none of a practitioner's.
      expect(p).not.toHaveProperty("gender");
      expect(p).not.toHaveProperty("telecom");
    });

    it("is 404 (as REST) for callers outside the practitioner's scope, 200 for the region's official", async () => {
      const [one] = json(await rest("gz.county.coord", "GET", `/practitioners?institutionId=${county}&pageSize=1`)).items;
      for (const who of ["yn.township.doctor", "zj.city.coord", "gz.township.doctor"]) {
        expect((await rest(who, "GET", `/practitioners/${one.id}`)).statusCode).toBe(404);
        expect(outcomeOf(await get(who, `/Practitioner/${one.id}`))).toMatchObject({ status: 404, codes: ["not-found"] });
      }
      expect((await readOf<Practitioner>("gz.official", `/Practitioner/${one.id}`)).id).toBe(one.id);
      expect((await readOf<Practitioner>("admin", `/Practitioner/${one.id}`)).id).toBe(one.id);
    });

    it("searches within the caller's scope (the same count as REST), by name, identifier, active, _id, _lastUpdated; pages", async () => {
      const restAll = json(await rest("gz.county.coord", "GET", "/practitioners?status=all&pageSize=1")).total;
      const all = await searchOf<Practitioner>("gz.county.coord", "/Practitioner?_count=0");
      expect(all.total).toBe(restAll);
      expect(all.resources).toHaveLength(0);
      const { seen, total, pages } = await allPages("gz.county.coord", "/Practitioner?_count=3");
      expect(total).toBe(restAll);
      expect(seen).toHaveLength(restAll);
      expect(new Set(seen.map((r) => r.id)).size).toBe(restAll);
      expect(pages).toBe(Math.ceil(restAll / 3));

      const [first] = json(await rest("gz.county.coord", "GET", `/practitioners?institutionId=${county}&pageSize=1`)).items;
      const byName = await searchOf<Practitioner>("gz.county.coord", `/Practitioner?name=${encodeURIComponent(first.name)}`);
      expect(byName.resources.map((r) => r.id)).toContain(first.id);
      expect(byName.resources.every((r) => r.name?.[0]?.text?.includes(first.name))).toBe(true);
      const exact = await searchOf<Practitioner>("gz.county.coord", `/Practitioner?name:exact=${encodeURIComponent(first.name)}`);
      expect(exact.resources.every((r) => r.name?.[0]?.text === first.name)).toBe(true);
      if (first.licenseNo) {
        const byLicense = await searchOf<Practitioner>("gz.county.coord", `/Practitioner?identifier=${first.licenseNo}`);
        expect(byLicense.resources.map((r) => r.id)).toEqual([first.id]);
      }
      const byId = await searchOf<Practitioner>("gz.county.coord", `/Practitioner?_id=${first.id}`);
      expect(byId.resources.map((r) => r.id)).toEqual([first.id]);
      // Another institution's practitioner is not found by _id either.
      const [theirs] = json(await rest("zj.city.coord", "GET", "/practitioners?pageSize=1")).items;
      expect((await searchOf("gz.county.coord", `/Practitioner?_id=${theirs.id}`)).total).toBe(0);
      expect((await searchOf("gz.county.coord", "/Practitioner?_lastUpdated=gt2099-01-01")).total).toBe(0);
      expect((await searchOf("gz.county.coord", "/Practitioner?_lastUpdated=ge2000-01-01&_count=0")).total).toBe(restAll);
      const inactive = await searchOf<Practitioner>("gz.county.coord", "/Practitioner?active=false");
      expect(inactive.resources.every((r) => r.active === false)).toBe(true);
      // A Yunnan clinician sees only Yunnan's own institution's people.
      const yunnan = json(await rest("yn.township.doctor", "GET", "/practitioners?status=all&pageSize=100"));
      const yunnanFhir = await searchOf<Practitioner>("yn.township.doctor", "/Practitioner?_count=100");
      expect(yunnanFhir.resources.map((r) => r.id).sort()).toEqual(yunnan.items.map((p: { id: string }) => p.id).sort());
    });

    it("refuses bad search input naming the parameter, and ids of other types", async () => {
      expect(outcomeOf(await get("gz.county.coord", "/Practitioner?active=maybe"))).toMatchObject({ status: 400, expressions: ["active"] });
      expect(outcomeOf(await get("gz.county.coord", "/Practitioner?organization=Organization/x"))).toMatchObject({
        status: 400,
        expressions: ["organization"],
      });
      expect(outcomeOf(await get("gz.county.coord", "/Practitioner?_lastUpdated=2026-02-30T25:00"))).toMatchObject({
        status: 400,
        expressions: ["_lastUpdated"],
      });
      expect(outcomeOf(await get("gz.county.coord", `/Practitioner/${county}`))).toMatchObject({ status: 404 });
      expect(outcomeOf(await get("gz.county.coord", `/Practitioner/${pairId("ps", county, county)}`))).toMatchObject({ status: 404 });
    });
  });

  describe("PractitionerRole", () => {
    it("maps practice sites (main, filed) readable as the practitioner is", async () => {
      const [filed] = await rows<{ practitioner_id: string; institution_id: string; home: string }>(
        sql`select s.practitioner_id, s.institution_id, p.institution_id as home from practice_sites s join practitioners p on p.id = s.practitioner_id
            where s.kind = 'filed' and s.institution_id = ${county} order by s.practitioner_id limit 1`,
      );
      expect(filed).toBeDefined();
      const { practitioner_id: pid, home } = filed as { practitioner_id: string; home: string };
      const restRead = json(await rest("gz.official", "GET", `/practitioners/${pid}`));
      const roles = await searchOf<PractitionerRole>("gz.official", `/PractitionerRole?practitioner=Practitioner/${pid}`);
      expect(roles.total).toBe(restRead.sites.length);
      expect(roles.resources.map((r) => r.organization?.reference)).toEqual([`Organization/${home}`, `Organization/${county}`]);
      const [main, site] = roles.resources as [PractitionerRole, PractitionerRole];
      expect(main.code).toEqual([
        { coding: [expect.objectContaining({ system: `${SYSTEM}/profession`, code: restRead.profession })] },
        { coding: [{ system: `${SYSTEM}/practice-site`, code: "main", display: "主执业" }] },
      ]);
      expect(site.code?.[1]?.coding?.[0]?.code).toBe("filed");
      expect(site.id).toBe(pairId("ps", pid, county));
      expect(site.practitioner).toEqual({ reference: `Practitioner/${pid}`, display: restRead.name });
      expect(site.organization?.display).toBe(restRead.sites.find((s: { institutionId: string }) => s.institutionId === county).institutionName);
      expect(site).not.toHaveProperty("period");
      // The county's coordinator may not read a township doctor (REST 404), so neither the filed site.
      expect((await rest("gz.county.coord", "GET", `/practitioners/${pid}`)).statusCode).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/PractitionerRole/${site.id}`))).toMatchObject({ status: 404 });
      expect((await readOf<PractitionerRole>("gz.official", `/PractitionerRole/${site.id}`)).id).toBe(site.id);
      expect(outcomeOf(await get("yn.township.doctor", `/PractitionerRole/${site.id}`)).status).toBe(404);
      // A pair id of a site that does not exist.
      expect(outcomeOf(await get("gz.official", `/PractitionerRole/${pairId("ps", pid, supporter)}`)).status).toBe(404);
    });

    it("maps a dispatch to the recipient with its period and role; read as the REST roster is (the agreement's parties)", async () => {
      const [d] = await rows<{ id: string; agreement_id: string; practitioner_id: string }>(
        sql`select id, agreement_id, practitioner_id from dispatches where recipient_id = ${county} order by planned_start desc, id limit 1`,
      );
      const { id, agreement_id: agreementId, practitioner_id: pid } = d as { id: string; agreement_id: string; practitioner_id: string };
      const roster = json(await rest("gz.county.coord", "GET", `/agreements/${agreementId}/dispatches`)).items as {
        id: string;
        role: string;
        plannedStart: string;
        plannedEnd: string;
        actualStart: string | null;
        actualEnd: string | null;
        status: string;
        practitionerName: string;
      }[];
      const restRow = roster.find((r) => r.id === id) as (typeof roster)[number];
      const role = await readOf<PractitionerRole>("gz.county.coord", `/PractitionerRole/${id}`);
      expect(role.organization?.reference).toBe(`Organization/${county}`);
      expect(role.practitioner).toEqual({ reference: `Practitioner/${pid}`, display: restRow.practitionerName });
      expect(role.period).toEqual({ start: restRow.actualStart ?? restRow.plannedStart, end: restRow.actualEnd ?? restRow.plannedEnd });
      expect(role.code).toEqual([{ coding: [expect.objectContaining({ system: `${SYSTEM}/dispatch-role`, code: restRow.role })] }]);
      expect(role.active).toBe(restRow.status === "planned" || restRow.status === "active");
      // The recipient sees who is stationed with it, not the person's registry record (as REST).
      expect((await rest("gz.county.coord", "GET", `/practitioners/${pid}`)).statusCode).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/Practitioner/${pid}`)).status).toBe(404);
      // The supporter and the official of the recipient's province read it; a Yunnan clinician does not.
      expect((await readOf<PractitionerRole>("zj.city.coord", `/PractitionerRole/${id}`)).id).toBe(id);
      expect((await readOf<PractitionerRole>("gz.official", `/PractitionerRole/${id}`)).id).toBe(id);
      expect((await rest("yn.township.doctor", "GET", `/agreements/${agreementId}/dispatches`)).statusCode).toBe(404);
      expect(outcomeOf(await get("yn.township.doctor", `/PractitionerRole/${id}`))).toMatchObject({ status: 404, codes: ["not-found"] });
      const none = await searchOf("yn.township.doctor", `/PractitionerRole?organization=Organization/${county}&_count=0`);
      expect(none.total).toBe(0);
    });

    it("keeps another region's dispatches from an official, in reads and searches", async () => {
      const [far] = await rows<{ id: string; agreement_id: string; recipient_id: string }>(
        sql`select d.id, d.agreement_id, d.recipient_id from dispatches d join agreements a on a.id = d.agreement_id where a.region_code like '65%' limit 1`,
      );
      const { id, agreement_id: agreementId, recipient_id: recipient } = far as { id: string; agreement_id: string; recipient_id: string };
      expect((await rest("gz.official", "GET", `/agreements/${agreementId}/dispatches`)).statusCode).toBe(404);
      expect(outcomeOf(await get("gz.official", `/PractitionerRole/${id}`)).status).toBe(404);
      expect((await searchOf("gz.official", `/PractitionerRole?_id=${id}`)).total).toBe(0);
      expect((await searchOf("gz.official", `/PractitionerRole?organization=Organization/${recipient}&role=${SYSTEM}/dispatch-role|`)).total).toBe(0);
      expect((await readOf<PractitionerRole>("admin", `/PractitionerRole/${id}`)).id).toBe(id);
    });

    it("searches by organization, role, date and active, sites first then dispatches, paged across both", async () => {
      const dispatchRows = await rows<{ id: string; start: string; end: string; status: string }>(
        sql`select id, coalesce(actual_start, planned_start)::text as start, coalesce(actual_end, planned_end)::text as "end", status
            from dispatches where recipient_id = ${county}`,
      );
      const siteCount = Number(
        (
          await rows<{ n: number }>(
            sql`select count(*)::int as n from practice_sites s join practitioners p on p.id = s.practitioner_id where s.institution_id = ${county} and p.region_code like '52%'`,
          )
        )[0]?.n,
      );
      const { seen, total } = await allPages("gz.official", `/PractitionerRole?organization=Organization/${county}&_count=7`);
      expect(total).toBe(siteCount + dispatchRows.length);
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((r) => r.id)).size).toBe(total);
      const kinds = seen.map((r) => ((r as PractitionerRole).period ? "dispatch" : "site"));
      expect(kinds.indexOf("dispatch")).toBe(siteCount);
      expect(kinds.lastIndexOf("site")).toBe(siteCount - 1);

      const dispatchesOnly = await searchOf<PractitionerRole>(
        "gz.official",
        `/PractitionerRole?organization=Organization/${county}&role=${SYSTEM}/dispatch-role|&_count=200`,
      );
      expect(dispatchesOnly.total).toBe(dispatchRows.length);
      const withPeriod = await searchOf("gz.official", `/PractitionerRole?organization=Organization/${county}&date:missing=false&_count=0`);
      expect(withPeriod.total).toBe(dispatchRows.length);
      const filedOnly = await searchOf<PractitionerRole>("gz.official", `/PractitionerRole?organization=Organization/${county}&role=filed&_count=200`);
      expect(filedOnly.resources.every((r) => r.code?.[1]?.coding?.[0]?.code === "filed")).toBe(true);
      const notFiled = await searchOf("gz.official", `/PractitionerRole?organization=Organization/${county}&role:not=filed&_count=0`);
      expect(notFiled.total).toBe(total - filedOnly.total);

      const sample = dispatchRows[0] as { id: string; start: string; end: string; status: string };
      const onStart = await searchOf<PractitionerRole>("gz.official", `/PractitionerRole?organization=Organization/${county}&date=${sample.start}&_count=200`);
      expect(onStart.resources.map((r) => r.id)).toContain(sample.id);
      expect(onStart.total).toBe(dispatchRows.filter((r) => r.start <= sample.start && r.end >= sample.start).length);
      const startsAfter = await searchOf<PractitionerRole>(
        "gz.official",
        `/PractitionerRole?organization=Organization/${county}&date=sa${sample.start}&_count=200`,
      );
      expect(startsAfter.total).toBe(dispatchRows.filter((r) => r.start > sample.start).length);
      const endsBefore = await searchOf<PractitionerRole>(
        "gz.official",
        `/PractitionerRole?organization=Organization/${county}&date=eb${sample.end}&_count=200`,
      );
      expect(endsBefore.total).toBe(dispatchRows.filter((r) => r.end < sample.end).length);
      expect((await searchOf("gz.official", `/PractitionerRole?organization=Organization/${county}&date=lt2000-01-01`)).total).toBe(0);
      const active = await searchOf<PractitionerRole>(
        "gz.official",
        `/PractitionerRole?organization=Organization/${county}&role=${SYSTEM}/dispatch-role|&active=true&_count=200`,
      );
      expect(active.total).toBe(dispatchRows.filter((r) => r.status === "planned" || r.status === "active").length);
      expect((await searchOf("gz.official", `/PractitionerRole?_id=${sample.id}`)).resources.map((r) => r.id)).toEqual([sample.id]);
      expect((await searchOf("gz.official", "/PractitionerRole?_lastUpdated=gt2099-01-01")).total).toBe(0);
    });

    it("refuses bad search input naming the parameter, and ids of other types", async () => {
      expect(outcomeOf(await get("gz.official", "/PractitionerRole?date=2026-13-01"))).toMatchObject({ status: 400, expressions: ["date"] });
      expect(outcomeOf(await get("gz.official", "/PractitionerRole?active=yes"))).toMatchObject({ status: 400, expressions: ["active"] });
      expect(outcomeOf(await get("gz.official", "/PractitionerRole?specialty=x"))).toMatchObject({ status: 400, expressions: ["specialty"] });
      const [agreement] = await rows<{ id: string }>(sql`select id from agreements where recipient_id = ${county} limit 1`);
      expect(outcomeOf(await get("gz.official", `/PractitionerRole/${agreement?.id}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.official", `/PractitionerRole/${pairId("pa", agreement?.id as string, supporter)}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.official", "/PractitionerRole/ps.not-an-id")).status).toBe(404);
    });
  });

  describe("OrganizationAffiliation", () => {
    it("maps alliance membership: lead, member, the alliance as network, kind, period, active", async () => {
      const { items } = json(await rest("gz.county.coord", "GET", `/alliances?institutionId=${county}&kind=county_medical_community`));
      const alliance = json(await rest("gz.county.coord", "GET", `/alliances/${items[0].id}`));
      expect(alliance.leadInstitutionId).toBe(county);
      const found = await searchOf<OrganizationAffiliation>(
        "gz.county.coord",
        `/OrganizationAffiliation?primary-organization=Organization/${county}&role=${SYSTEM}/alliance-kind|county_medical_community&_count=200`,
      );
      expect(found.total).toBe(alliance.members.length);
      expect(found.resources.map((r) => r.participatingOrganization?.reference).sort()).toEqual(
        alliance.members.map((m: { institutionId: string }) => `Organization/${m.institutionId}`).sort(),
      );
      const member = alliance.members.find((m: { institutionId: string }) => m.institutionId === township);
      const a = await readOf<OrganizationAffiliation>("yn.township.doctor", `/OrganizationAffiliation/${pairId("am", alliance.id, township)}`);
      expect(a).toMatchObject({
        active: true,
        period: { start: member.joinedOn },
        organization: { reference: `Organization/${county}`, display: alliance.leadInstitutionName },
        participatingOrganization: { reference: `Organization/${township}`, display: member.institutionName },
        network: [{ identifier: { system: "https://medbridge.org.cn/fhir/sid/alliance", value: alliance.id }, display: alliance.name }],
      });
      expect(a.code).toEqual([
        { coding: [{ system: `${SYSTEM}/affiliation-role`, code: "alliance-member", display: "医联体成员" }] },
        { coding: [expect.objectContaining({ system: `${SYSTEM}/alliance-kind`, code: "county_medical_community" })] },
      ]);
      expect(a).not.toHaveProperty("identifier");
    });

    it("a member's leaving ends the period, makes it inactive and gives a new version", async () => {
      const { items } = json(await rest("gz.county.coord", "GET", `/alliances?institutionId=${county}&kind=county_medical_community`));
      const id = pairId("am", items[0].id, township);
      const before = await get("gz.county.coord", `/OrganizationAffiliation/${id}`);
      const v1 = validResource<OrganizationAffiliation>(before).meta?.versionId;
      expect(before.headers.etag).toBe(`W/"${v1}"`);
      const patched = await rest("gz.county.coord", "PATCH", `/alliances/${items[0].id}/members/${township}`, { leftOn: "2024-12-31" });
      expect(patched.statusCode, patched.body).toBe(200);
      const after = await readOf<OrganizationAffiliation>("gz.county.coord", `/OrganizationAffiliation/${id}`);
      expect(after.period?.end).toBe("2024-12-31");
      expect(after.active).toBe(false);
      expect(after.meta?.versionId).not.toBe(v1);
      const inactive = await searchOf<OrganizationAffiliation>(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${township}&active=false`,
      );
      expect(inactive.resources.map((r) => r.id)).toContain(id);
      const ended = await searchOf<OrganizationAffiliation>(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${township}&date=eb2025-01-01`,
      );
      expect(ended.resources.map((r) => r.id)).toEqual([id]);
      expect((await rest("gz.county.coord", "PATCH", `/alliances/${items[0].id}/members/${township}`, { leftOn: null })).statusCode).toBe(200);
      expect((await readOf<OrganizationAffiliation>("gz.county.coord", `/OrganizationAffiliation/${id}`)).active).toBe(true);
    });

    it("maps pairing agreements (supporter → recipient, period, agreement code) readable as the agreement is", async () => {
      const agreementsOfCounty = json(await rest("gz.county.coord", "GET", `/agreements?institutionId=${county}&pageSize=100`)).items as {
        id: string;
        code: string;
        startsOn: string;
        endsOn: string;
        status: string;
        recipient: { id: string; name: string };
        supporters: { id: string; name: string }[];
      }[];
      const up = agreementsOfCounty.find(
        (g) => g.recipient.id === county && g.supporters.some((s) => s.id === supporter),
      ) as (typeof agreementsOfCounty)[number];
      const id = pairId("pa", up.id, supporter);
      const a = await readOf<OrganizationAffiliation>("gz.county.coord", `/OrganizationAffiliation/${id}`);
      expect(a).toMatchObject({
        id,
        identifier: [{ use: "official", system: "https://medbridge.org.cn/fhir/sid/agreement-code", value: up.code }],
        active: up.status === "active",
        period: { start: up.startsOn, end: up.endsOn },
        organization: { reference: `Organization/${supporter}` },
        participatingOrganization: { reference: `Organization/${county}`, display: up.recipient.name },
        code: [{ coding: [{ system: `${SYSTEM}/affiliation-role`, code: "paired-assistance", display: "对口帮扶" }] }],
      });
      expect(a).not.toHaveProperty("network");
      // Both parties, and the provinces' officials, read it; a Yunnan township's clinician does not (as REST).
      expect((await readOf<OrganizationAffiliation>("zj.city.coord", `/OrganizationAffiliation/${id}`)).id).toBe(id);
      expect((await readOf<OrganizationAffiliation>("gz.official", `/OrganizationAffiliation/${id}`)).id).toBe(id);
      expect((await rest("yn.township.doctor", "GET", `/agreements/${up.id}`)).statusCode).toBe(404);
      expect(outcomeOf(await get("yn.township.doctor", `/OrganizationAffiliation/${id}`))).toMatchObject({ status: 404, codes: ["not-found"] });
      expect((await searchOf("yn.township.doctor", `/OrganizationAffiliation?identifier=${up.code}`)).total).toBe(0);
      const byCode = await searchOf<OrganizationAffiliation>("gz.county.coord", `/OrganizationAffiliation?identifier=${up.code}`);
      expect(byCode.resources.map((r) => r.id)).toEqual(up.supporters.map((s) => pairId("pa", up.id, s.id)));
      // The county's pairings as recipient: exactly the REST list's.
      const asRecipient = await searchOf<OrganizationAffiliation>(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${county}&role=paired-assistance&_count=200`,
      );
      const expected = agreementsOfCounty.filter((g) => g.recipient.id === county).flatMap((g) => g.supporters.map((s) => pairId("pa", g.id, s.id)));
      expect(asRecipient.resources.map((r) => r.id).sort()).toEqual(expected.sort());
      // The county hospital also supports its townships.
      const asSupporter = await searchOf<OrganizationAffiliation>(
        "gz.county.coord",
        `/OrganizationAffiliation?primary-organization=Organization/${county}&role=paired-assistance&_count=200`,
      );
      expect(asSupporter.total).toBe(agreementsOfCounty.filter((g) => g.supporters.some((s) => s.id === county)).length);
      expect(asSupporter.total).toBeGreaterThan(0);
      // An agreement id alone, or a pair of a party that is not its supporter, names nothing.
      expect(outcomeOf(await get("gz.county.coord", `/OrganizationAffiliation/${up.id}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/OrganizationAffiliation/${pairId("pa", up.id, county)}`)).status).toBe(404);
    });

    it("keeps another region's pairings from an official; the registry's memberships are everyone's", async () => {
      const [far] = await rows<{ id: string; supporter: string }>(
        sql`select a.id, s.institution_id as supporter from agreements a join agreement_supporters s on s.agreement_id = a.id where a.region_code like '65%' limit 1`,
      );
      const id = pairId("pa", far?.id as string, far?.supporter as string);
      expect((await rest("gz.official", "GET", `/agreements/${far?.id}`)).statusCode).toBe(404);
      expect(outcomeOf(await get("gz.official", `/OrganizationAffiliation/${id}`)).status).toBe(404);
      expect((await searchOf("gz.official", `/OrganizationAffiliation?_id=${id}`)).total).toBe(0);
      expect((await readOf<OrganizationAffiliation>("admin", `/OrganizationAffiliation/${id}`)).id).toBe(id);
      const restPairs = json(await rest("gz.official", "GET", "/agreements?pageSize=1")).total;
      const supporterRows = await rows<{ n: number }>(
        sql`select count(*)::int as n from agreement_supporters s join agreements a on a.id = s.agreement_id join institutions i on i.id = s.institution_id
            where a.region_code like '52%' or i.region_code like '52%'`,
      );
      expect(restPairs).toBeGreaterThan(0);
      expect((await searchOf("gz.official", "/OrganizationAffiliation?role=paired-assistance&_count=0")).total).toBe(Number(supporterRows[0]?.n));
      const memberships = Number((await rows<{ n: number }>(sql`select count(*)::int as n from alliance_members`))[0]?.n);
      expect((await searchOf("yn.township.doctor", `/OrganizationAffiliation?role=${SYSTEM}/affiliation-role|alliance-member&_count=0`)).total).toBe(
        memberships,
      );
    });

    it("pages memberships then pairings, by role, date and _id", async () => {
      const { seen, total } = await allPages("gz.county.coord", `/OrganizationAffiliation?participating-organization=Organization/${county}&_count=2`);
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((r) => r.id)).size).toBe(total);
      const kinds = seen.map((r) => (r.id as string).slice(0, 2));
      expect(kinds.lastIndexOf("am")).toBeLessThan(kinds.indexOf("pa"));
      const memberships = await searchOf(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${county}&role=alliance-member&_count=0`,
      );
      const pairings = await searchOf(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${county}&role=paired-assistance&_count=0`,
      );
      expect(memberships.total + pairings.total).toBe(total);
      expect(pairings.total).toBeGreaterThan(0);
      const notMember = await searchOf(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${county}&role:not=alliance-member&_count=0`,
      );
      expect(notMember.total).toBe(pairings.total);
      const noIdentifier = await searchOf(
        "gz.county.coord",
        `/OrganizationAffiliation?participating-organization=Organization/${county}&identifier:missing=true&_count=0`,
      );
      expect(noIdentifier.total).toBe(memberships.total);
      const two = [seen[0]?.id, seen[seen.length - 1]?.id].join(",");
      expect((await searchOf("gz.county.coord", `/OrganizationAffiliation?_id=${two}`)).total).toBe(2);
      expect((await searchOf("gz.county.coord", `/OrganizationAffiliation?participating-organization=Organization/${county}&date=lt1990-01-01`)).total).toBe(0);
      expect((await searchOf("gz.county.coord", "/OrganizationAffiliation?_lastUpdated=gt2099-01-01")).total).toBe(0);
    });

    it("refuses bad search input naming the parameter, and ids of other types", async () => {
      expect(outcomeOf(await get("gz.county.coord", "/OrganizationAffiliation?date=xyz"))).toMatchObject({ status: 400, expressions: ["date"] });
      expect(outcomeOf(await get("gz.county.coord", "/OrganizationAffiliation?active=1"))).toMatchObject({ status: 400, expressions: ["active"] });
      expect(outcomeOf(await get("gz.county.coord", "/OrganizationAffiliation?network=x"))).toMatchObject({ status: 400, expressions: ["network"] });
      expect(outcomeOf(await get("gz.county.coord", `/OrganizationAffiliation/${county}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/OrganizationAffiliation/${pairId("ps", county, county)}`)).status).toBe(404);
    });
  });

  describe("Location", () => {
    it("one Location per department with slots and per ward with beds, managed by the institution", async () => {
      const slotList = json(await rest("yn.township.doctor", "GET", `/slots?institutionId=${county}`)).items as { department: string }[];
      const bedList = json(await rest("yn.township.doctor", "GET", `/beds?institutionId=${county}`)).items as { ward: string }[];
      const departments = [...new Set(slotList.map((s) => s.department))].sort();
      const wards = [...new Set(bedList.map((b) => b.ward))].sort();
      expect(departments.length).toBeGreaterThan(0);
      expect(wards.length).toBeGreaterThan(0);
      const found = await searchOf<Location>("yn.township.doctor", `/Location?organization=Organization/${county}&_count=50`);
      expect(found.total).toBe(departments.length + wards.length);
      expect(found.resources.map((l) => l.name)).toEqual([...departments, ...wards]);
      expect(found.resources.map((l) => l.id)).toEqual([
        ...departments.map((d) => locationIdOf(county, "department", d)),
        ...wards.map((w) => locationIdOf(county, "ward", w)),
      ]);
      const dept = await readOf<Location>("gz.township.doctor", `/Location/${locationIdOf(county, "department", departments[0] as string)}`);
      expect(dept).toMatchObject({
        status: "active",
        name: departments[0],
        mode: "instance",
        type: [{ coding: [{ system: V3_ROLE, code: "OF" }] }],
        physicalType: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/location-physical-type", code: "area" }] },
        managingOrganization: { reference: `Organization/${county}` },
      });
      const ward = await readOf<Location>("zj.stationed.doctor", `/Location/${locationIdOf(county, "ward", wards[0] as string)}`);
      expect(ward.physicalType?.coding?.[0]?.code).toBe("wa");
      expect(ward.type?.[0]?.coding?.[0]?.code).toBe("HU");
    });

    it("a newly published department is a new Location; search by name, type, _id; pages", async () => {
      const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const published = await rest("zj.city.coord", "POST", "/slots", { institutionId: supporter, department: "心血管内科", date, reserved: 3 });
      expect(published.statusCode, published.body).toBe(201);
      const cityDept = locationIdOf(supporter, "department", "心血管内科");
      const countyDept = locationIdOf(county, "department", "心血管内科");
      expect(cityDept).not.toBe(countyDept);
      const read = await readOf<Location>("yn.township.doctor", `/Location/${cityDept}`);
      expect(read.managingOrganization?.reference).toBe(`Organization/${supporter}`);
      const byName = await searchOf<Location>("gz.county.coord", `/Location?name=${encodeURIComponent("心血管")}`);
      expect(byName.resources.map((l) => l.id).sort()).toEqual([cityDept, countyDept].sort());
      const exact = await searchOf<Location>("gz.county.coord", `/Location?name:exact=${encodeURIComponent("心血管")}`);
      expect(exact.total).toBe(0);
      const wardsOnly = await searchOf<Location>("gz.county.coord", `/Location?type=${V3_ROLE}|HU`);
      expect(wardsOnly.total).toBeGreaterThan(0);
      expect(wardsOnly.resources.every((l) => l.physicalType?.coding?.[0]?.code === "wa")).toBe(true);
      const departmentsOnly = await searchOf<Location>("gz.county.coord", "/Location?type:not=HU&_count=0");
      const all = await allPages("gz.county.coord", "/Location?_count=2");
      expect(departmentsOnly.total + wardsOnly.total).toBe(all.total);
      expect(all.seen).toHaveLength(all.total);
      expect(new Set(all.seen.map((l) => l.id)).size).toBe(all.total);
      const pair = await searchOf<Location>("gz.county.coord", `/Location?_id=${cityDept},${wardsOnly.resources[0]?.id}`);
      expect(pair.resources.map((l) => l.id)).toEqual([cityDept, wardsOnly.resources[0]?.id]);
      expect((await searchOf("gz.county.coord", `/Location?_id=${cityDept}&organization=Organization/${county}`)).total).toBe(0);
      expect((await searchOf("gz.county.coord", "/Location?_lastUpdated=gt2099-01-01")).total).toBe(0);
      expect((await searchOf("gz.county.coord", "/Location?_lastUpdated=ge2000-01-01&_count=0")).total).toBe(all.total);
    });

    it("refuses bad search input naming the parameter, and ids of other types", async () => {
      expect(outcomeOf(await get("gz.county.coord", "/Location?near=26.5|107.9|10|km"))).toMatchObject({ status: 400, expressions: ["near"] });
      expect(outcomeOf(await get("gz.county.coord", "/Location?_lastUpdated=yesterday"))).toMatchObject({ status: 400, expressions: ["_lastUpdated"] });
      const [slot] = await rows<{ id: string }>(sql`select id from slots limit 1`);
      expect(outcomeOf(await get("gz.county.coord", `/Location/${slot?.id}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/Location/${county}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/Location/${locationIdOf(county, "department", "没有这个科")}`)).status).toBe(404);
      expect(outcomeOf(await get("gz.county.coord", `/Location/${locationIdOf(county, "ward", "心血管内科")}`)).status).toBe(404);
    });
  });
});
