import { type Action, ROLES as ALL_ROLES, type Entity, mayEver, type Principal, type Role } from "@medbridge/core";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_RECORDS, ROUTE_ACCESS, registerRouteAccess } from "../src/route-access.ts";
import { demoApp, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/**
 * The access matrix, generated: every operation of the OpenAPI document × every caller (nobody and
 * one demo account of each role), the expected answer derived from the route table and the policy.
 * A caller whose role may never do what the route does must be refused by the table (403, or 404
 * for a read of a record named in the path) whatever it sends; anyone else must get past it (the
 * request here is invalid on purpose, so nothing is written and the handler's own record checks
 * are left to access-matrix.test.ts, which reads real records).
 */
const CALLERS = [
  ["admin", "national_admin"],
  ["gz.official", "health_official"],
  ["zj.city.coord", "institution_coordinator"],
  ["gz.township.doctor", "clinician"],
  ["zj.stationed.doctor", "stationed_doctor"],
] as const satisfies readonly (readonly [string, Role])[];
const REFUSED_BY_TABLE = { 403: "Your role may not do this", 404: "Not found" } as const;
const SOME_ID = "00000000-0000-4000-8000-000000000000";

interface Operation {
  id: string;
  method: string;
  url: string;
  namesRecord: boolean;
}

function operationsOf(document: { paths: Record<string, Record<string, { operationId?: string }>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      id: op.operationId ?? `${method} ${path} (no operationId)`,
      method: method.toUpperCase(),
      url: path.replace(/\{(\w+)\}/g, (_, name: string) => (/code$/i.test(name) ? "520000" : SOME_ID)),
      namesRecord: /\/\{id\}(\/|$|\.)/.test(path),
    })),
  );
}

/** What the table must answer a role: null when the role gets past it. */
function expectedRefusal(id: string, role: Role, namesRecord: boolean): 403 | 404 | null {
  const access = ROUTE_ACCESS[id as keyof typeof ROUTE_ACCESS];
  if (typeof access === "string") return null;
  const [action, entity] = access as readonly [Action, Entity];
  const principal: Principal = { userId: "", username: "", role, regionCode: null, institutionId: null };
  if (mayEver(principal, action, entity)) return null;
  return action === "read" && namesRecord && HAS_RECORDS[entity] ? 404 : 403;
}

it("refuses to add a route the table does not know", async () => {
  const app = Fastify({ logger: false });
  registerRouteAccess(app);
  expect(() => app.get("/unlisted", { schema: { operationId: "somethingNew" } }, async () => ({}))).toThrow(/ROUTE_ACCESS/);
  expect(() => app.get("/anonymous", async () => ({}))).toThrow(/ROUTE_ACCESS/);
  expect(() => app.get("/me-too", { schema: { operationId: "getMe" }, config: { public: true } }, async () => ({}))).toThrow(/disagree/);
  await app.close();
});

describe.each(BACKENDS)("generated access matrix on %s", (backend) => {
  let ctx: TestContext;
  let operations: Operation[];

  beforeAll(async () => {
    ctx = await demoApp(backend);
    operations = operationsOf((await ctx.app.inject({ url: "/api/v1/openapi.json" })).json());
  });
  afterAll(() => ctx.close());

  it("has an entry for every operation of the API, and none for an operation that is gone", () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.map((o) => o.id).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
    // Every role the registry knows is among the callers, so no role's column is missing.
    expect(CALLERS.map(([, role]) => role).sort()).toEqual([...ALL_ROLES].sort());
  });

  it("answers nobody 401 on every route but the public ones", async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const response = await ctx.app.inject({ method: op.method as "GET", url: op.url });
      const isPublic = ROUTE_ACCESS[op.id as keyof typeof ROUTE_ACCESS] === "public";
      if (isPublic === (response.statusCode === 401)) wrong.push(`${op.id}: ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  for (const [username, role] of CALLERS) {
    it(`${username} (${role}): the table refuses exactly what the policy never allows the role`, async () => {
      const cookie = await ctx.login(username);
      const wrong: string[] = [];
      let refused = 0;
      for (const op of operations) {
        // Signing out would end the session the rest of the matrix uses (it is public anyway).
        if (op.id === "logout") continue;
        const expected = expectedRefusal(op.id, role, op.namesRecord);
        const withBody = op.method !== "GET" && op.method !== "DELETE";
        const response = await ctx.app.inject({
          method: op.method as "GET",
          // An unknown query field and body field: the schema refuses them (400), nothing is written.
          url: `${op.url}?__probe=1`,
          headers: { cookie, ...(withBody && { "content-type": "application/json" }) },
          ...(withBody && { payload: JSON.stringify({ __probe: 1 }) }),
        });
        const detail = response.headers["content-type"]?.toString().includes("json") ? (response.json() as { detail?: string }).detail : undefined;
        const byTable = (response.statusCode === 403 || response.statusCode === 404) && detail === REFUSED_BY_TABLE[response.statusCode];
        if (expected !== null) {
          refused++;
          if (response.statusCode !== expected || !byTable)
            wrong.push(`${op.id}: expected ${expected} from the table, got ${response.statusCode} ${detail ?? ""}`);
        } else if (response.statusCode === 401 || byTable) {
          wrong.push(`${op.id}: expected to pass the table, got ${response.statusCode} ${detail ?? ""}`);
        }
      }
      expect(wrong).toEqual([]);
      // Each role is refused something, except the national admin (it may read everything).
      if (role !== "national_admin") expect(refused).toBeGreaterThan(0);
    });
  }
});
