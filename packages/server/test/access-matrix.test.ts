import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chronicPatients, referrals } from "../src/db/schema.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const ROLES = ["admin", "gz.official", "zj.city.coord", "gz.county.coord", "gz.township.doctor", "yn.township.doctor"] as const;
type Who = (typeof ROLES)[number];

interface Fixture {
  countyHospital: string;
  yunnanTownship: string;
  countyPractitioner: string;
  yunnanPractitioner: string;
  yunnanUser: string;
  countyAlliance: string;
  /** A completed up-referral from gz.township.doctor's health centre to the county hospital. */
  referral: string;
  /** A hypertension patient in the register of gz.township.doctor's health centre. */
  chronicPatient: string;
}

/** Each route, and what each role gets: the status code, in ROLES order. */
function routes(f: Fixture, who: Who) {
  const unique = `${who.replace(/\W/g, "")}${Math.floor(Math.random() * 1e6)}`;
  return [
    { name: "read an institution (public registry)", method: "GET", url: `/api/v1/institutions/${f.countyHospital}`, expect: [200, 200, 200, 200, 200, 200] },
    { name: "list institutions", method: "GET", url: "/api/v1/institutions", expect: [200, 200, 200, 200, 200, 200] },
    { name: "read a Guizhou county practitioner", method: "GET", url: `/api/v1/practitioners/${f.countyPractitioner}`, expect: [200, 200, 404, 200, 404, 404] },
    { name: "read a Yunnan practitioner", method: "GET", url: `/api/v1/practitioners/${f.yunnanPractitioner}`, expect: [200, 404, 404, 404, 404, 200] },
    { name: "read an alliance", method: "GET", url: `/api/v1/alliances/${f.countyAlliance}`, expect: [200, 200, 200, 200, 200, 200] },
    { name: "list users", method: "GET", url: "/api/v1/users", expect: [200, 200, 403, 403, 403, 403] },
    { name: "read a Yunnan user", method: "GET", url: `/api/v1/users/${f.yunnanUser}`, expect: [200, 404, 404, 404, 404, 404] },
    { name: "read the audit log", method: "GET", url: "/api/v1/audit", expect: [200, 200, 403, 403, 403, 403] },
    { name: "list API tokens", method: "GET", url: "/api/v1/api-tokens", expect: [200, 403, 403, 403, 403, 403] },
    {
      name: "update the Guizhou county hospital",
      method: "PATCH",
      url: `/api/v1/institutions/${f.countyHospital}`,
      body: { beds: 500 },
      expect: [200, 200, 403, 200, 403, 403],
    },
    {
      name: "change its grade (commission only)",
      method: "PATCH",
      url: `/api/v1/institutions/${f.countyHospital}`,
      body: { grade: "三级乙等" },
      expect: [200, 200, 403, 403, 403, 403],
    },
    {
      name: "update a Yunnan township",
      method: "PATCH",
      url: `/api/v1/institutions/${f.yunnanTownship}`,
      body: { beds: 20 },
      expect: [200, 403, 403, 403, 403, 403],
    },
    {
      name: "create a Guizhou institution",
      method: "POST",
      url: "/api/v1/institutions",
      body: { name: `示例${unique}卫生室`, kind: "village_clinic", regionCode: "522622" },
      expect: [201, 201, 403, 403, 403, 403],
    },
    {
      name: "assess the county hospital",
      method: "PUT",
      url: `/api/v1/institutions/${f.countyHospital}/assessments`,
      body: { year: 2026, level: "basic" },
      expect: [200, 200, 403, 403, 403, 403],
    },
    {
      name: "register a practitioner at the county hospital",
      method: "POST",
      url: "/api/v1/practitioners",
      body: { name: "示例新医生", profession: "physician", title: "resident", institutionId: f.countyHospital },
      expect: [201, 201, 403, 201, 403, 403],
    },
    {
      name: "update a Yunnan practitioner",
      method: "PATCH",
      url: `/api/v1/practitioners/${f.yunnanPractitioner}`,
      body: { specialty: "全科" },
      expect: [200, 403, 403, 403, 403, 403],
    },
    {
      name: "rename the county medical community",
      method: "PATCH",
      url: `/api/v1/alliances/${f.countyAlliance}`,
      body: { name: `示例医共体${unique}` },
      expect: [200, 200, 403, 200, 403, 403],
    },
    {
      name: "create a clinician account at the county hospital",
      method: "POST",
      url: "/api/v1/users",
      body: { username: `u.${unique}`, displayName: "示例", password: "long-enough-password", role: "clinician", institutionId: f.countyHospital },
      // Officials were allowed this until issue 11: a clinician reads patients, which officials may not.
      expect: [201, 403, 403, 403, 403, 403],
    },
    {
      name: "create a Yunnan official",
      method: "POST",
      url: "/api/v1/users",
      body: { username: `y.${unique}`, displayName: "示例", password: "long-enough-password", role: "health_official", regionCode: "530000" },
      expect: [201, 403, 403, 403, 403, 403],
    },
    {
      name: "create an API token",
      method: "POST",
      url: "/api/v1/api-tokens",
      body: { name: "HIS", userId: f.yunnanUser },
      expect: [201, 403, 403, 403, 403, 403],
    },
    { name: "read a 黄平 referral", method: "GET", url: `/api/v1/referrals/${f.referral}`, expect: [200, 404, 404, 200, 200, 404] },
    { name: "read its history", method: "GET", url: `/api/v1/referrals/${f.referral}/history`, expect: [200, 404, 404, 200, 200, 404] },
    {
      name: "accept it again (receiver: wrong state; sender: wrong side)",
      method: "POST",
      url: `/api/v1/referrals/${f.referral}/transitions`,
      body: { action: "accept" },
      expect: [403, 404, 404, 409, 403, 404],
    },
    { name: "read a register patient", method: "GET", url: `/api/v1/htn/patients/${f.chronicPatient}`, expect: [200, 404, 404, 404, 200, 404] },
    { name: "list the register", method: "GET", url: "/api/v1/htn/patients", expect: [200, 403, 200, 200, 200, 200] },
    {
      name: "record a visit for that patient",
      method: "POST",
      url: `/api/v1/htn/patients/${f.chronicPatient}/visits`,
      body: { readings: [{ sbp: 150, dbp: 92 }] },
      expect: [403, 403, 403, 403, 201, 403],
    },
    { name: "control rate", method: "GET", url: "/api/v1/htn/control-rate", expect: [200, 200, 200, 200, 200, 200] },
    {
      name: "evaluate a visit (stateless)",
      method: "POST",
      url: "/api/v1/cds/hypertension/evaluate",
      body: { patient: { age: 60, sex: "male" }, readings: [{ date: "2026-01-02", sbp: 150, dbp: 92 }] },
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      name: "the county hospital's calendar",
      method: "GET",
      url: `/api/v1/institutions/${f.countyHospital}/calendar?from=2026-01-01&to=2026-01-31`,
      expect: [200, 200, 404, 200, 404, 404],
    },
    {
      name: "touring compliance of 黄平",
      method: "GET",
      url: "/api/v1/touring/compliance?regionCode=522622&year=2026",
      expect: [200, 200, 404, 404, 404, 404],
    },
    { name: "telemedicine sessions", method: "GET", url: "/api/v1/telemedicine", expect: [200, 200, 200, 200, 200, 200] },
    {
      name: "record a training at the county hospital",
      method: "POST",
      url: "/api/v1/trainings",
      body: { hostInstitutionId: f.countyHospital, topic: "示例培训", trainer: "示例", date: "2026-01-05", hours: 2 },
      expect: [201, 201, 403, 201, 403, 403],
    },
    { name: "incoming worklist", method: "GET", url: "/api/v1/referrals?role=incoming", expect: [403, 403, 200, 200, 200, 200] },
    { name: "referral counts", method: "GET", url: "/api/v1/referrals/stats?from=2026-01-01&to=2026-12-31", expect: [200, 200, 200, 200, 200, 200] },
    { name: "list reserved slots", method: "GET", url: `/api/v1/slots?institutionId=${f.countyHospital}`, expect: [200, 200, 200, 200, 200, 200] },
    {
      name: "publish beds at the county hospital",
      method: "POST",
      url: "/api/v1/beds",
      body: { institutionId: f.countyHospital, ward: `病区${unique}`, date: "2099-01-01", reserved: 2 },
      // The commission may publish for a hospital in its region; the hospital's own coordinator may.
      expect: [201, 201, 403, 201, 403, 403],
    },
  ] as const;
}

describe.each(BACKENDS)("access matrix on %s", (backend) => {
  let ctx: TestContext;
  let fixture: Fixture;

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const admin = await ctx.login("admin");
    const get = async (url: string) => json(await ctx.app.inject({ url, headers: { cookie: admin } }));
    const users = (await get("/api/v1/users?pageSize=50")).items as { username: string; id: string; institutionId: string }[];
    const county = users.find((u) => u.username === "gz.county.coord") as { institutionId: string };
    const yunnan = users.find((u) => u.username === "yn.township.doctor") as { institutionId: string; id: string };
    fixture = {
      countyHospital: county.institutionId,
      yunnanTownship: yunnan.institutionId,
      countyPractitioner: (await get(`/api/v1/practitioners?institutionId=${county.institutionId}`)).items[0].id,
      yunnanPractitioner: (await get(`/api/v1/practitioners?institutionId=${yunnan.institutionId}`)).items[0].id,
      yunnanUser: yunnan.id,
      countyAlliance: (await get(`/api/v1/alliances?institutionId=${county.institutionId}&kind=county_medical_community`)).items[0].id,
      referral: await completedReferral(users.find((u) => u.username === "gz.township.doctor")?.institutionId as string, county.institutionId),
      chronicPatient: (
        await ctx.database.db
          .select({ id: chronicPatients.id })
          .from(chronicPatients)
          .where(eq(chronicPatients.institutionId, users.find((u) => u.username === "gz.township.doctor")?.institutionId as string))
          .limit(1)
      )[0]?.id as string,
    };
  });
  afterAll(() => ctx.close());

  async function completedReferral(from: string, to: string): Promise<string> {
    const rows = await ctx.database.db
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.fromInstitutionId, from), eq(referrals.toInstitutionId, to), eq(referrals.status, "completed")))
      .limit(1);
    if (!rows[0]) throw new Error("the demo has no completed referral from the township doctor's centre");
    return rows[0].id;
  }

  for (const [index, who] of ROLES.entries()) {
    it(`${who}: every route answers as specified`, async () => {
      const cookie = await ctx.login(who);
      const mismatches: string[] = [];
      for (const route of routes(fixture, who)) {
        const response = await ctx.app.inject({
          method: route.method,
          url: route.url,
          headers: { cookie },
          ...("body" in route ? { payload: route.body } : {}),
        });
        const expected = route.expect[index];
        if (response.statusCode !== expected) mismatches.push(`${route.name}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        if (response.statusCode >= 400) expect(response.headers["content-type"]).toContain("application/problem+json");
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("scopes lists: officials see their province, coordinators their institution, nobody sees another county's people", async () => {
    const list = async (who: Who, url: string) => json(await ctx.app.inject({ url, headers: { cookie: await ctx.login(who) } }));
    const official = await list("gz.official", "/api/v1/practitioners?pageSize=200");
    expect(official.total).toBeGreaterThan(100);
    expect(official.items.every((p: { regionCode: string }) => p.regionCode.startsWith("52"))).toBe(true);
    const coordinator = await list("gz.county.coord", "/api/v1/practitioners?pageSize=200");
    expect(coordinator.items.every((p: { institutionId: string }) => p.institutionId === fixture.countyHospital)).toBe(true);
    const yunnan = await list("yn.township.doctor", "/api/v1/practitioners?regionCode=520000");
    expect(yunnan.total).toBe(0);
    const audit = await list("gz.official", "/api/v1/audit?pageSize=200");
    expect(audit.items.every((e: { regionCode: string | null }) => e.regionCode?.startsWith("52"))).toBe(true);
    const users = await list("gz.official", "/api/v1/users?pageSize=200");
    expect(users.items.map((u: { username: string }) => u.username)).not.toContain("yn.township.doctor");
  });
});
