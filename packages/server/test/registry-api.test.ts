import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

async function count(ctx: TestContext, table: string): Promise<number> {
  const result = await ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

describe.each(BACKENDS)("registry API on %s", (backend) => {
  let ctx: TestContext;
  let official: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    official = await ctx.login("gz.official");
  });
  afterAll(() => ctx.close());

  const get = (url: string, cookie = official) => ctx.app.inject({ method: "GET", url, headers: { cookie } });
  const send = (method: "POST" | "PATCH" | "PUT", url: string, payload: unknown, cookie = official) =>
    ctx.app.inject({
      method,
      url,
      headers: { cookie, "content-type": "application/json" },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });

  it("answers health without signing in, everything else needs a session", async () => {
    expect(json(await ctx.app.inject({ url: "/api/v1/health" }))).toEqual({ status: "ok" });
    const anonymous = await ctx.app.inject({ url: "/api/v1/institutions" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["content-type"]).toContain("application/problem+json");
  });

  it("lists regions by parent and level", async () => {
    const provinces = json(await get("/api/v1/regions"));
    expect(provinces.items).toHaveLength(31);
    const guizhou = json(await get("/api/v1/regions?parent=520000"));
    expect(guizhou.items.map((r: { name: string }) => r.name)).toContain("黔东南苗族侗族自治州");
    const path = json(await get("/api/v1/regions/522622"));
    expect(path.path.map((r: { code: string }) => r.code)).toEqual(["520000", "522600", "522622"]);
  });

  it("filters institutions by region subtree, kind and search, with a total", async () => {
    const county = json(await get("/api/v1/institutions?regionCode=522622&pageSize=100"));
    expect(county.total).toBeGreaterThan(5);
    expect(county.items.every((i: { regionCode: string }) => i.regionCode === "522622")).toBe(true);
    const province = json(await get("/api/v1/institutions?regionCode=520000&kind=county_hospital&pageSize=100"));
    expect(province.total).toBe(24);
    expect(province.items.every((i: { kind: string; regionCode: string }) => i.kind === "county_hospital" && i.regionCode.startsWith("52"))).toBe(true);
    const search = json(await get(`/api/v1/institutions?q=${encodeURIComponent("黄平")}`));
    expect(search.items.some((i: { name: string }) => i.name === "示例黄平人民医院")).toBe(true);
  });

  it("finds names by any substring: one character, two, longer, and Latin letters in any case", async () => {
    await send("POST", "/api/v1/institutions", { name: "示例 Huangping Rehab Centre", kind: "secondary_hospital", regionCode: "522622" });
    const names = async (q: string) =>
      json(await get(`/api/v1/institutions?q=${encodeURIComponent(q)}&pageSize=200`)).items.map((i: { name: string }) => i.name);
    expect(await names("黄")).toContain("示例黄平人民医院");
    expect(await names("黄平")).toContain("示例黄平人民医院");
    expect(await names("平人民医")).toContain("示例黄平人民医院");
    expect(await names("平医")).not.toContain("示例黄平人民医院");
    expect(await names("huangping REHAB")).toEqual(["示例 Huangping Rehab Centre"]);
    expect(await names("g R")).toEqual(["示例 Huangping Rehab Centre"]);
  });

  it("paginates and sorts", async () => {
    const first = json(await get("/api/v1/institutions?regionCode=520000&pageSize=10&page=1&sort=-beds"));
    const second = json(await get("/api/v1/institutions?regionCode=520000&pageSize=10&page=2&sort=-beds"));
    expect(first.items).toHaveLength(10);
    expect(first.page).toBe(1);
    expect(second.page).toBe(2);
    const beds = [...first.items, ...second.items].map((i: { beds: number | null }) => i.beds ?? -1);
    expect(beds).toEqual([...beds].sort((a, b) => b - a));
    expect(new Set([...first.items, ...second.items].map((i: { id: string }) => i.id)).size).toBe(20);
  });

  it("treats SQL and LIKE metacharacters in search as plain text", async () => {
    const before = await count(ctx, "institutions");
    for (const q of ["'; drop table institutions; --", "%", "_", "\\", "示例' OR '1'='1"]) {
      const response = await get(`/api/v1/institutions?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(json(response).total).toBe(0);
    }
    expect(await count(ctx, "institutions")).toBe(before);
  });

  it("creates, reads, updates and deactivates an institution, auditing each write", async () => {
    const created = await send("POST", "/api/v1/institutions", {
      name: "示例测试卫生院",
      kind: "township_health_center",
      regionCode: "522622",
      beds: 30,
      departments: ["全科医疗科"],
    });
    expect(created.statusCode).toBe(201);
    const body = json(created);
    expect(body).toMatchObject({ name: "示例测试卫生院", regionCode: "522622", regionPath: "贵州省 / 黔东南苗族侗族自治州 / 黄平县", active: true });
    const patched = json(await send("PATCH", `/api/v1/institutions/${body.id}`, { beds: 40 }));
    expect(patched.beds).toBe(40);
    const deactivated = json(await send("PATCH", `/api/v1/institutions/${body.id}`, { active: false }));
    expect(deactivated.active).toBe(false);
    const inactiveList = json(await get("/api/v1/institutions?regionCode=522622&status=inactive"));
    expect(inactiveList.items.map((i: { id: string }) => i.id)).toContain(body.id);
    const audit = json(await get(`/api/v1/audit?entityId=${body.id}`));
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(["deactivate", "update", "create"]);
    expect(audit.items[1]).toMatchObject({ before: { beds: 30 }, after: { beds: 40 }, actorName: "gz.official" });
  });

  it("rejects bad input with the field named and writes nothing", async () => {
    const before = await Promise.all(["institutions", "audit_log"].map((t) => count(ctx, t)));
    const cases: [unknown, string, number][] = [
      ["{not json", "(body)", 400],
      [{ name: "x", kind: "hospital", regionCode: "522622" }, "kind", 400],
      [{ name: "x", kind: "village_clinic", regionCode: "522622", beds: "12" }, "beds", 400],
      [{ name: "x", kind: "village_clinic", regionCode: "522622", color: "red" }, "color", 400],
      [{ kind: "village_clinic", regionCode: "522622" }, "name", 400],
      [{ name: "x", kind: "village_clinic", regionCode: "52262" }, "regionCode", 400],
      [{ name: "x", kind: "village_clinic", regionCode: "999999" }, "regionCode", 400],
      [{ name: "x", kind: "village_clinic", regionCode: "522600" }, "regionCode", 400],
      [{ name: "x", kind: "village_clinic", regionCode: "522622", beds: -1 }, "beds", 400],
      [{ name: "x".repeat(500), kind: "village_clinic", regionCode: "522622" }, "name", 400],
    ];
    for (const [payload, path, status] of cases) {
      const response = await send("POST", "/api/v1/institutions", payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(json(response).errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const oversize = await send("POST", "/api/v1/institutions", { name: "x", kind: "village_clinic", regionCode: "522622", address: "y".repeat(2_000_000) });
    expect(oversize.statusCode).toBe(413);
    const duplicate = await send("POST", "/api/v1/institutions", { name: "示例黄平人民医院", kind: "county_hospital", regionCode: "522622" });
    expect(duplicate.statusCode).toBe(409);
    expect(json(duplicate).errors[0].path).toBe("name");
    const badQuery = await get("/api/v1/institutions?page=0&pageSize=5000&sort=drop");
    expect(badQuery.statusCode).toBe(400);
    expect(
      json(badQuery)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["query.page", "query.pageSize", "query.sort"]);
    const badId = await get("/api/v1/institutions/not-a-uuid");
    expect(badId.statusCode).toBe(400);
    expect(await Promise.all(["institutions", "audit_log"].map((t) => count(ctx, t)))).toEqual(before);
  });

  it("records capability assessments for county hospitals only", async () => {
    const hospital = json(await get(`/api/v1/institutions?q=${encodeURIComponent("示例黄平人民医院")}`)).items[0];
    const ok = await send("PUT", `/api/v1/institutions/${hospital.id}/assessments`, { year: 2026, level: "recommended" });
    expect(ok.statusCode).toBe(200);
    expect(json(ok).assessments[0]).toEqual({ year: 2026, level: "recommended" });
    const township = json(await get("/api/v1/institutions?regionCode=522622&kind=township_health_center")).items[0];
    const refused = await send("PUT", `/api/v1/institutions/${township.id}/assessments`, { year: 2026, level: "basic" });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).errors[0].path).toBe("kind");
  });

  it("registers practitioners with filed sites and searches them", async () => {
    const institutions = json(await get("/api/v1/institutions?regionCode=522622&pageSize=2&kind=township_health_center")).items;
    const hospital = json(await get(`/api/v1/institutions?q=${encodeURIComponent("示例黄平人民医院")}`)).items[0];
    const created = await send("POST", "/api/v1/practitioners", {
      name: "示例测试医生",
      licenseNo: "TEST000123",
      profession: "physician",
      title: "attending",
      institutionId: institutions[0].id,
      filedSites: [hospital.id],
    });
    expect(created.statusCode).toBe(201);
    expect(json(created).sites.map((s: { kind: string }) => s.kind)).toEqual(["filed", "main"]);
    const found = json(await get("/api/v1/practitioners?q=TEST000123"));
    expect(found.items).toHaveLength(1);
    const bad = await send("POST", "/api/v1/practitioners", {
      name: "x",
      profession: "physician",
      title: "professor",
      institutionId: "00000000-0000-4000-8000-000000000000",
    });
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toContain("title");
    const missing = await send("POST", "/api/v1/practitioners", {
      name: "x",
      profession: "physician",
      title: "chief",
      institutionId: "00000000-0000-4000-8000-000000000000",
    });
    expect(missing.statusCode).toBe(400);
    expect(json(missing).errors[0].path).toBe("institutionId");
  });

  it("creates an alliance, adds and retires a member", async () => {
    const [lead, member] = json(await get("/api/v1/institutions?regionCode=522622&pageSize=2")).items;
    const created = await send("POST", "/api/v1/alliances", { name: "示例测试专科联盟", kind: "specialty_alliance", leadInstitutionId: lead.id });
    expect(created.statusCode).toBe(201);
    const alliance = json(created);
    expect(alliance.members).toHaveLength(1);
    const added = json(await send("POST", `/api/v1/alliances/${alliance.id}/members`, { institutionId: member.id, joinedOn: "2025-01-01" }));
    expect(added.memberCount).toBe(2);
    const early = await send("PATCH", `/api/v1/alliances/${alliance.id}/members/${member.id}`, { leftOn: "2024-12-31" });
    expect(early.statusCode).toBe(400);
    expect(json(early).errors[0].path).toBe("leftOn");
    const left = json(await send("PATCH", `/api/v1/alliances/${alliance.id}/members/${member.id}`, { leftOn: "2025-06-30" }));
    expect(left.memberCount).toBe(1);
    expect(json(await get(`/api/v1/alliances?institutionId=${member.id}`)).items.map((a: { id: string }) => a.id)).toContain(alliance.id);
  });

  it("documents every route in the OpenAPI document", async () => {
    const doc = json(await ctx.app.inject({ url: "/api/v1/openapi.json" }));
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const route of [
      "GET /api/v1/health",
      "POST /api/v1/auth/login",
      "GET /api/v1/me",
      "GET /api/v1/regions",
      "GET /api/v1/institutions",
      "POST /api/v1/institutions",
      "GET /api/v1/institutions/{id}",
      "PATCH /api/v1/institutions/{id}",
      "POST /api/v1/institutions/import",
      "GET /api/v1/alliances",
      "POST /api/v1/alliances",
      "GET /api/v1/practitioners",
      "POST /api/v1/practitioners/import",
      "GET /api/v1/users",
      "POST /api/v1/api-tokens",
      "GET /api/v1/audit",
    ]) {
      expect(documented).toContain(route);
    }
  });
});
