import { connect } from "node:net";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { pdfText } from "./helpers/pdf-text.ts";

/** Field paths of a problem answer. */
const paths = (response: LightMyRequestResponse) => (json(response).errors as { path: string }[]).map((e) => e.path);

/** One raw HTTP/1.1 exchange, so the request line and headers reach Node's parser exactly as written. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? resolve(answer) : reject(error)));
  });
}

describe.each(BACKENDS)("edge hardening on %s", (backend) => {
  let ctx: TestContext;
  let admin: string;
  let institutionId: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    admin = await ctx.login("admin");
    institutionId = json(await ctx.app.inject({ url: `/api/v1/institutions?q=${encodeURIComponent("示例黄平人民医院")}`, headers: { cookie: admin } })).items[0]
      .id;
  });
  afterAll(() => ctx.close());

  const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method, url, headers: { cookie: admin, ...headers }, ...(payload !== undefined && { payload: payload as object }) });

  describe("NUL characters and lone surrogates (defect 7)", () => {
    it("refuses them in an unauthenticated login with 400 naming the field", async () => {
      const response = await ctx.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "admin\u0000", password: "x" } });
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(json(response).errors).toEqual([
        { path: "username", code: "unstorable_text", params: {}, message: "must not contain the NUL character (U+0000)" },
      ]);
    });

    it("refuses them in bodies, nested fields, list items and field names", async () => {
      const created = await call("POST", "/api/v1/institutions", { name: "示例\u0000卫生院", kind: "township_health_center", regionCode: "522622" });
      expect(created.statusCode).toBe(400);
      expect(paths(created)).toEqual(["name"]);
      const patched = await call("PATCH", `/api/v1/institutions/${institutionId}`, { address: "\ud800", departments: ["内科", "外\u0000科"] });
      expect(patched.statusCode).toBe(400);
      expect(json(patched).errors).toEqual([
        { path: "address", code: "unstorable_text", params: {}, message: "must not contain a lone UTF-16 surrogate (not valid Unicode)" },
        { path: "departments[1]", code: "unstorable_text", params: {}, message: "must not contain the NUL character (U+0000)" },
      ]);
      const key = await call("PATCH", `/api/v1/institutions/${institutionId}`, { "name\u0000": "x" });
      expect(key.statusCode).toBe(400);
    });

    it("refuses them in query strings and path parameters", async () => {
      for (const url of ["/api/v1/institutions?q=%00", "/api/v1/audit?actor=a%00b", "/api/v1/referrals?department=%00", "/api/v1/beds?ward=%00"]) {
        const response = await call("GET", url);
        expect(response.statusCode, url).toBe(400);
        expect(json(response).errors[0].message, url).toMatch(/NUL/);
      }
      const param = await call("GET", "/api/v1/institutions/%00");
      expect(param.statusCode).toBe(400);
      expect(paths(param)).toContain("params.id");
    });

    it("makes a NUL in an imported cell a row error, not a 500", async () => {
      const csv = "name,kind,region_code\n示例导入\u0000卫生院,township_health_center,522622\n示例导入辛卫生院,township_health_center,522622\n";
      const upload = (query: string) => call("POST", `/api/v1/institutions/import${query}`, csv, { "content-type": "text/csv" });
      const refused = await upload("?dryRun=true");
      expect(refused.statusCode).toBe(400);
      expect(json(refused).errors).toEqual([
        { path: "rows[2].name", code: "unstorable_text", params: {}, message: "must not contain the NUL character (U+0000)" },
      ]);
      const skipped = await upload("?dryRun=true&skipInvalid=true");
      expect(skipped.statusCode).toBe(200);
      expect(json(skipped)).toMatchObject({ rows: 2, skipped: 1, errors: [{ line: 2, path: "name" }] });
    });
  });

  describe("huge pages and extreme dates (defect 8)", () => {
    /** The nine paged lists, each with a reader who may read it (patients are clinicians' only). */
    const lists = [
      ["/api/v1/institutions", "admin"],
      ["/api/v1/alliances", "admin"],
      ["/api/v1/practitioners", "admin"],
      ["/api/v1/users", "admin"],
      ["/api/v1/audit", "admin"],
      ["/api/v1/agreements", "admin"],
      ["/api/v1/referrals", "gz.township.doctor"],
      ["/api/v1/htn/patients", "gz.township.doctor"],
      ["/api/v1/telemedicine", "gz.county.coord"],
    ] as const;

    it("answers page=1e21 with 400 naming page on every list, and the last allowed page with an empty page", async () => {
      for (const [list, reader] of lists) {
        const cookie = await ctx.login(reader);
        const huge = await ctx.app.inject({ url: `${list}?page=1e21`, headers: { cookie } });
        expect(huge.statusCode, list).toBe(400);
        expect(json(huge).errors, list).toEqual([{ path: "query.page", code: "too_large", params: { limit: 100000 }, message: "must be <= 100000" }]);
        const last = await ctx.app.inject({ url: `${list}?page=100000&pageSize=200`, headers: { cookie } });
        expect(last.statusCode, list).toBe(200);
        expect(json(last).items, list).toEqual([]);
      }
    });

    it("bounds dates to 1900–2100 with 400 naming the field", async () => {
      const audit = await call("GET", "/api/v1/audit?to=9999-12-31");
      expect(audit.statusCode).toBe(400);
      expect(json(audit).errors).toEqual([{ path: "query.to", code: "too_large", params: { limit: "2100-12-31" }, message: "must be <= 2100-12-31" }]);
      const calendar = await call("GET", `/api/v1/institutions/${institutionId}/calendar?from=0001-01-01&to=0001-06-01`);
      expect(calendar.statusCode).toBe(400);
      expect(paths(calendar)).toEqual(["query.from", "query.to"]);
      const body = await call("POST", "/api/v1/slots", { institutionId, department: "内科", date: "9999-12-31", reserved: 1 });
      expect(body.statusCode).toBe(400);
      expect(paths(body)).toEqual(["date"]);
      expect((await call("GET", "/api/v1/audit?from=1900-01-01&to=2100-12-31")).statusCode).toBe(200);
    });
  });

  describe("headers, Fastify's own errors and the origin of changes (defect 17)", () => {
    it("sends a Content-Security-Policy everywhere and no-store on API answers", async () => {
      for (const url of ["/api/v1/me", "/api/v1/institutions", "/api/v1/nowhere", "/not-an-api-path"]) {
        const response = await call("GET", url);
        expect(response.headers["content-security-policy"], url).toContain("script-src 'self';");
        expect(response.headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
        expect(response.headers["strict-transport-security"], url).toBeUndefined();
        if (url.startsWith("/api/")) expect(response.headers["cache-control"], url).toBe("no-store");
      }
    });

    it("sends HSTS in production", async () => {
      const app = await buildApp({ db: ctx.database.db, config: { ...loadConfig({}), webDist: "/nonexistent", production: true }, logger: false });
      try {
        const response = await app.inject({ url: "/api/v1/nowhere" });
        expect(response.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      } finally {
        await app.close();
      }
    });

    it("does not quote the path back in a 404", async () => {
      const response = await call("GET", "/api/v1/<script>alert(1)</script>");
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.body).not.toContain("script");
    });

    it("answers a bad URL, an over-long path parameter and oversized headers with problem+json that quotes nothing", async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
      const { port } = ctx.app.server.address() as { port: number };
      const status = (answer: string) => Number(answer.split(" ")[1]);
      const body = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));

      const badUrl = await rawRequest(port, "GET /api/v1/institutions/%ZZsecret HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      expect(status(badUrl)).toBe(400);
      expect(badUrl).toContain("application/problem+json");
      expect(badUrl).not.toContain("secret");
      expect(body(badUrl)).toMatchObject({ status: 400, detail: "The URL is not valid (malformed percent-encoding)" });

      const longParam = await rawRequest(port, `GET /api/v1/institutions/${"x".repeat(150)}secret HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(status(longParam)).toBe(414);
      expect(longParam).not.toContain("secret");
      expect(body(longParam)).toMatchObject({ status: 414, title: "URI Too Long" });

      const hugeHeaders = await rawRequest(port, `GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${"y".repeat(20_000)}\r\n\r\n`);
      expect(status(hugeHeaders)).toBe(431);
      expect(hugeHeaders).toContain("application/problem+json");
      expect(body(hugeHeaders)).toMatchObject({ status: 431, errors: [] });

      const hugeUrl = await rawRequest(port, `GET /api/v1/institutions?q=${"z".repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect([414, 431]).toContain(status(hugeUrl));
      expect(hugeUrl).not.toContain("zzzz");

      const garbage = await rawRequest(port, "NOT HTTP AT ALL\r\n\r\n");
      expect(status(garbage)).toBe(400);
      expect(body(garbage)).toMatchObject({ status: 400, title: "Bad Request" });
    });

    it("refuses a signed-in change from another origin, by Origin or else Referer", async () => {
      const cookie = await ctx.login("gz.county.coord");
      const logout = (headers: Record<string, string>) =>
        ctx.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, host: "medbridge.example:8443", ...headers } });
      const attempts: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { origin: "https://medbridge.example.evil.example:8443" },
        { referer: "https://evil.example/medbridge.example:8443/" },
        { origin: "https://evil.example", referer: "https://medbridge.example:8443/" },
      ];
      for (const headers of attempts) {
        const refused = await logout(headers);
        expect(refused.statusCode, JSON.stringify(headers)).toBe(403);
        expect(paths(refused)[0]).toBe(headers.origin ? "origin" : "referer");
      }
      // Still signed in after all of those.
      expect((await ctx.app.inject({ url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(200);
      expect((await logout({ origin: "https://medbridge.example:8443", referer: "https://evil.example/" })).statusCode).toBe(204);
    });

    it("accepts same-origin changes by Referer, and bearer-token calls from anywhere", async () => {
      const cookie = await ctx.login("gz.official");
      const fromPage = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: { cookie, host: "medbridge.example", referer: "http://medbridge.example/referrals?x=1" },
      });
      expect(fromPage.statusCode).toBe(204);
      const users = json(await call("GET", "/api/v1/users?q=gz.county"));
      const token = json(await call("POST", "/api/v1/api-tokens", { name: "HIS", userId: users.items[0].id })).token as string;
      const viaToken = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/touring/teams",
        headers: { authorization: `Bearer ${token}`, origin: "https://evil.example" },
        payload: {},
      });
      expect(viaToken.statusCode).toBe(400);
    });
  });

  describe("found by the fuzz test", () => {
    it("draws every character of the font in a PDF (倚 and 凄 answered 500: fontkit misread their WOFF subset)", async () => {
      const created = await call("POST", "/api/v1/practitioners", { name: "李倚凄", profession: "physician", title: "attending", institutionId });
      expect(created.statusCode).toBe(201);
      const pdf = await call("GET", `/api/v1/practitioners/${json(created).id}/service-credit.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(await pdfText(new Uint8Array(pdf.rawPayload))).toContain("李倚凄");
    });
  });
});
