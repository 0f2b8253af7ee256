import { Writable } from "node:stream";
import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import type { Database } from "../src/db/connection.ts";
import { assessmentImport } from "../src/monitoring/assessment-import.ts";
import { countyVisitImport } from "../src/monitoring/visit-stats.ts";
import { trainingAttendanceImport } from "../src/outreach/learning.ts";
import { touringVisitImport } from "../src/outreach/touring.ts";
import { institutionImport } from "../src/registry/institution-import.ts";
import { practitionerImport } from "../src/registry/practitioner-import.ts";
import { seedDemo } from "../src/seed/demo.ts";
import type { ImportSpec } from "../src/tabular/imports.ts";
import { ADMIN_PASSWORD, DEMO_PASSWORD } from "./helpers/app.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";

/**
 * Every route of the OpenAPI document gets bounded, generated bad input (NUL characters, lone
 * surrogates, huge and negative numbers, extreme dates, wrong types, long strings, unknown fields,
 * bad UUIDs, other people's ids) from signed-in users of every role and from nobody. Any 5xx fails
 * the test, which prints each route and the input that broke it. The seed is fixed, so a failure
 * is reproducible; the cases of one route do not change when other routes are added.
 * FUZZ_TRACE=1 prints each route's time, FUZZ_TRACE=2 every request and its status.
 */

const SEED = 11_2026;
const ROLES = ["admin", "gz.official", "zj.city.coord", "gz.county.coord", "gz.township.doctor", "zj.stationed.doctor"] as const;
const CASES_SIGNED_IN = 5;
/** Unauthenticated: a couple of cases a route, more for the ones that answer without a session. */
const CASES_ANONYMOUS = 2;
const CASES_PUBLIC = 40;

type Schema = { [key: string]: any };
type Part = "path" | "query" | "body";
interface Param {
  name: string;
  in: "path" | "query";
  schema: Schema;
  required: boolean;
}
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: Schema;
}
/** A value placed in a URL as is (malformed percent-encoding), not encoded. */
interface Raw {
  raw: string;
}
/** A request body sent as these bytes, not as JSON. */
interface RawBody {
  rawBody: string;
  contentType: string;
}
interface Case {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}
interface Failure {
  who: string;
  method: string;
  url: string;
  body: string;
  status: number;
  answer: string;
}

const IMPORTS: Record<string, ImportSpec<unknown>> = {
  "/api/v1/institutions/import": institutionImport as ImportSpec<unknown>,
  "/api/v1/practitioners/import": practitionerImport as ImportSpec<unknown>,
  "/api/v1/touring/visits/import": touringVisitImport as ImportSpec<unknown>,
  "/api/v1/trainings/attendance/import": trainingAttendanceImport as ImportSpec<unknown>,
  "/api/v1/statistics/county-visits/import": countyVisitImport as ImportSpec<unknown>,
  "/api/v1/statistics/assessments/import": assessmentImport as ImportSpec<unknown>,
};

/** Ids met while reading the demo world, by collection (`referrals`) and by field name (`institutionId`). */
class IdPool {
  readonly byKey = new Map<string, Set<string>>();
  readonly regionCodes = new Set<string>(["520000", "522622", "330000", "330100", "110000", "530000"]);
  add(key: string, id: string) {
    if (!this.byKey.has(key)) this.byKey.set(key, new Set());
    this.byKey.get(key)?.add(id);
  }
  collect(collection: string, value: unknown, depth = 0) {
    if (depth > 6 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 30)) this.collect(collection, v, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === "string" && UUID.test(v)) this.add(key === "id" ? `collection:${collection}` : key, v);
      else if (typeof v === "string" && /^[1-9]\d{5}$/.test(v) && /region|code|county/i.test(key)) this.regionCodes.add(v);
      else this.collect(collection, v, depth + 1);
    }
  }
  all(): string[] {
    return [...new Set([...this.byKey.values()].flatMap((s) => [...s]))].sort();
  }
  /** Ids likely to fit a field: `institutionId` → institutions; `{id}` after `referrals` → referrals. */
  fitting(name: string, collection: string | undefined): string[] {
    const keys = name === "id" || name === "attachmentId" ? [`collection:${collection}`, name] : [name, `collection:${name.replace(/Id$/, "")}s`];
    if (name === "recipientId" || name === "toInstitutionId") keys.push("collection:institutions", "institutionId");
    const found = keys.flatMap((k) => [...(this.byKey.get(k) ?? [])]).sort();
    return found.length > 0 ? found : this.all();
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATES = ["2026-01-15", "2026-03-02", "2025-06-30", "2025-12-31", "2026-12-31"];
const KNOWN_PATTERNS: Record<string, string[]> = {
  "^[1-9][0-9]{5}$": [],
  "^1[3-9]\\d{9}$": ["13800138000"],
  "^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$": ["I10", "J44.1"],
  "^[A-Za-z0-9+/]*={0,2}$": ["", "JVBERi0xLjQK"],
};

function operations(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(methods)) {
      const body = op.requestBody?.content?.["application/json"]?.schema;
      ops.push({ method: method.toUpperCase(), path, params: (op.parameters ?? []) as Param[], ...(body && { body }) });
    }
  }
  return ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The collection a path parameter belongs to: `/referrals/{id}/history` → `referrals`. */
function collectionOf(path: string, param: string): string | undefined {
  const parts = path.split("/");
  const at = parts.indexOf(`{${param}}`);
  return at > 0 ? parts[at - 1] : undefined;
}

/** A plausible, mostly valid value for a schema, so that mutations reach past validation. */
function valid(schema: Schema, name: string, pool: IdPool, collection?: string, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.constant(undefined);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if ("const" in schema) return fc.constant(schema.const);
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => valid(b, name, pool, collection, depth + 1)));
  const base = validOfType(schema, name, pool, collection, depth);
  return schema.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function validOfType(schema: Schema, name: string, pool: IdPool, collection: string | undefined, depth: number): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case "string": {
      if (schema.format === "date") return fc.constantFrom(...DATES);
      if (schema.format === "date-time") return fc.constantFrom("2026-03-02T10:00:00+08:00", "2026-06-01T00:00:00Z");
      if (schema.format === "uuid") return fc.constantFrom(...pool.fitting(name, collection));
      if (schema.pattern === "^[1-9][0-9]{5}$") return fc.constantFrom(...[...pool.regionCodes].sort());
      if (schema.pattern) {
        const known = KNOWN_PATTERNS[schema.pattern];
        if (known?.length) return fc.constantFrom(...known);
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
      }
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, min + 12);
      const words = ["内科", "测试卫生院", "张三"].filter((w) => w.length >= min && w.length <= max);
      const text = fc.string({ minLength: min, maxLength: max });
      return words.length > 0 ? fc.oneof(text, fc.constantFrom(...words)) : text;
    }
    case "integer": {
      const lo = schema.minimum ?? (/year/i.test(name) ? 2024 : 0);
      const hi = schema.maximum ?? lo + (/year/i.test(name) ? 3 : 100);
      return fc.integer({ min: lo, max: Math.min(hi, lo + 1000) });
    }
    case "number": {
      const lo = schema.minimum ?? 0;
      return fc.double({ min: lo, max: Math.min(schema.maximum ?? lo + 100, lo + 1000), noNaN: true });
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valid(schema.items ?? {}, name, pool, collection, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) model[key] = valid(sub, key, pool, collection, depth + 1);
      return fc.record(model, { requiredKeys: ((schema.required ?? []) as string[]).filter((k) => k in props) });
    }
    default:
      return fc.constant("x");
  }
}

/** The bad values every field is tried with. */
function badValue(pool: IdPool): fc.Arbitrary<unknown> {
  const withNul = fc.string({ maxLength: 8 }).chain((s) => fc.nat(s.length).map((i) => `${s.slice(0, i)}\u0000${s.slice(i)}`));
  return fc.oneof(
    { weight: 3, arbitrary: withNul },
    fc.constantFrom("\u0000", "医\u0000院", "\ud800", "x\udc00y", "\ud83d", "\uffff"),
    fc.constantFrom("1e21", "-1", "0", "-0", "1.5", "NaN", "Infinity", "99999999999999999999", "0x10", ""),
    fc.constantFrom(
      "9999-12-31",
      "0001-01-01",
      "0000-00-00",
      "275760-09-13",
      "+275760-09-13",
      "2026-02-30",
      "2026-13-01",
      "1970-01-01",
      "2026-03-02T25:61:00Z",
    ),
    fc.constantFrom(1e21, -1e21, 2 ** 53, -(2 ** 53), 2 ** 31, -1, 0, 1.5, 1e308, -1e308),
    fc.constantFrom<unknown>(true, false, null, {}, [], [null], { a: "\u0000" }, ["\u0000"], [1e21]),
    fc.constantFrom("not-a-uuid", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "000000", "999999", "100000"),
    fc.constantFrom("'; drop table users; --", "../../etc/passwd", "<script>alert(1)</script>", "%", "{{x}}", "\\"),
    fc.constantFrom<Raw>({ raw: "%" }, { raw: "%ZZ" }, { raw: "%E0%A4%A" }, { raw: "%00" }, { raw: "%C0%80" }, { raw: "%ED%A0%80" }),
    fc.nat(12_000).map((n) => "長".repeat(n)),
    fc.constantFrom<RawBody>(
      { rawBody: '{"a":', contentType: "application/json" },
      { rawBody: '"\\ud800"', contentType: "application/json" },
      { rawBody: "\u0000", contentType: "application/json" },
      { rawBody: "a=1", contentType: "application/x-www-form-urlencoded" },
      { rawBody: "x", contentType: "text/plain" },
    ),
    fc.constantFrom(...pool.all()),
    fc.integer(),
    fc.string({ unit: "binary", maxLength: 30 }),
  );
}

/** Where a mutation lands (a path or query parameter, a body field, the body itself, an unknown field) and its schema. */
function slots(op: Operation): { slot: string; schema: Schema }[] {
  const out = op.params.map((p) => ({ slot: `${p.in}:${p.name}`, schema: p.schema }));
  out.push({ slot: "query:unknownParam", schema: {} });
  if (op.body) {
    out.push({ slot: "body:", schema: {} }, { slot: "body:unknownField", schema: {} });
    const walk = (schema: Schema, prefix: string, depth: number) => {
      if (!schema || depth > 4) return;
      if (schema.type === "array") walk(schema.items, `${prefix}.0`, depth + 1);
      for (const b of schema.anyOf ?? schema.oneOf ?? []) walk(b, prefix, depth + 1);
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        const at = prefix ? `${prefix}.${key}` : key;
        out.push({ slot: `body:${at}`, schema: sub });
        walk(sub, at, depth + 1);
      }
    };
    walk(op.body, "", 0);
  }
  return out;
}

/** The targeted bad values for one slot, by its type: every field gets its NUL and its extremes. */
function targeted(schema: Schema): unknown[] {
  const types = new Set<string>([schema.type, ...(schema.anyOf ?? schema.oneOf ?? []).map((b: Schema) => b.type)].filter(Boolean));
  const formats = new Set<string>([schema.format, ...(schema.anyOf ?? schema.oneOf ?? []).map((b: Schema) => b.format)].filter(Boolean));
  const out: unknown[] = [];
  if (types.size === 0 || types.has("string")) out.push("a\u0000b", "\ud800");
  if (formats.has("date")) out.push("9999-12-31", "0001-01-01");
  if (formats.has("date-time")) out.push("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z");
  if (types.has("integer") || types.has("number")) out.push(1e21, -1e21);
  if (types.has("array")) out.push(["\u0000"]);
  return out;
}

function baseArbitrary(op: Operation, pool: IdPool): fc.Arbitrary<Case> {
  const pathModel: Record<string, fc.Arbitrary<unknown>> = {};
  const queryModel: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredQuery: string[] = [];
  for (const p of op.params) {
    const arb = valid(p.schema, p.name, pool, collectionOf(op.path, p.name));
    if (p.in === "path") pathModel[p.name] = arb;
    else {
      queryModel[p.name] = arb;
      // Query parameters with defaults show as required; leave them out at times all the same.
      if (p.required && p.schema.default === undefined) requiredQuery.push(p.name);
    }
  }
  const bodyArb = op.body ? valid(op.body, "body", pool) : fc.constant(undefined);
  return fc.record({ path: fc.record(pathModel), query: fc.record(queryModel, { requiredKeys: requiredQuery }), body: bodyArb });
}

function mutate(c: Case, mutations: [string, unknown][]): Case {
  const out = structuredClone(c);
  // Each value is copied: the arbitraries hand out the same constant objects ({}, []) to many cases,
  // and a later mutation writing into one would change them all (or point one into itself).
  for (const [slot, shared] of mutations) {
    const value = structuredClone(shared);
    const [part, where] = slot.split(":") as [Part, string];
    if (part === "path") out.path[where] = value;
    else if (part === "query") out.query[where] = value;
    else if (where === "") out.body = value;
    else out.body = setDeep(out.body, where.split("."), value);
  }
  return out;
}

/** A plausible case with up to three slots replaced by generated bad values. */
function caseArbitrary(op: Operation, pool: IdPool): fc.Arbitrary<Case> {
  const mutation = fc.tuple(fc.constantFrom(...slots(op).map((s) => s.slot)), badValue(pool));
  return fc.tuple(baseArbitrary(op, pool), fc.array(mutation, { minLength: 0, maxLength: 3 })).map(([c, mutations]) => mutate(c, mutations));
}

function setDeep(target: unknown, keys: string[], value: unknown): unknown {
  const [key, ...rest] = keys as [string, ...string[]];
  const container: any = target !== null && typeof target === "object" ? target : /^\d+$/.test(key) ? [] : {};
  container[key] = rest.length === 0 ? value : setDeep(container[key], rest, value);
  return container;
}

function inUrl(value: unknown): string {
  if (value !== null && typeof value === "object" && "raw" in value) return (value as Raw).raw;
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // encodeURIComponent refuses lone surrogates; a browser sends them as U+FFFD's UTF-8 bytes.
  return !LONE_SURROGATE.test(text) ? encodeURIComponent(text) : [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
}

function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // An array is a repeated parameter; anything else is one.
    if (Array.isArray(value)) for (const v of value) parts.push(`${key}=${inUrl(v)}`);
    else parts.push(`${key}=${inUrl(value)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

function requestOf(op: Operation, c: Case, importSpec: ImportSpec<unknown> | undefined, csvCells: string[]): InjectOptions {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => inUrl(c.path[name]));
  const url = `${path}${queryString(c.query)}`;
  const method = op.method as InjectOptions["method"];
  if (importSpec) {
    // Imports read a file: a header of known columns and rows of generated (often bad) cells.
    const header = [...new Set(Object.values(importSpec.aliases))];
    const line = (cells: string[]) => cells.map((v) => `"${v.replaceAll('"', '""')}"`).join(",");
    const rows = [0, 1].map((r) => line(header.map((_, i) => csvCells[(r * header.length + i) % csvCells.length] ?? "")));
    return { method, url, headers: { "content-type": "text/csv" }, payload: [line(header), ...rows].join("\n") };
  }
  if (c.body !== null && typeof c.body === "object" && "rawBody" in c.body) {
    const raw = c.body as RawBody;
    return { method, url, headers: { "content-type": raw.contentType }, payload: raw.rawBody };
  }
  if (c.body === undefined) return { method, url };
  return { method, url, headers: { "content-type": "application/json" }, payload: JSON.stringify(c.body) };
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > 300 ? `${escaped.slice(0, 300)}… (${text.length} chars)` : escaped;
}

async function signIn(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password: username === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD },
    remoteAddress: "127.0.0.9",
  });
  const cookie = response.cookies.find((c) => c.name === "mb_session");
  if (response.statusCode !== 200 || !cookie) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return `mb_session=${cookie.value}`;
}

describe.each(BACKENDS)("fuzzing every route on %s", (backend) => {
  let database: Database;
  let app: FastifyInstance;
  /** What the server logged at error level, by request id: each 5xx is printed with its cause. */
  const logged = new Map<string, string>();
  beforeAll(async () => {
    // The demo world as helpers/app.ts builds it, but with the server's log kept.
    database = await freshDatabase(backend);
    await seedDemo(database.db, { demo: DEMO_PASSWORD, admin: ADMIN_PASSWORD });
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        const line = String(chunk);
        if (line.includes('"level":50')) {
          const { reqId, err, msg } = JSON.parse(line) as { reqId?: string; err?: { message?: string }; msg?: string };
          if (reqId) logged.set(reqId, `${msg}: ${err?.message ?? ""}`.slice(0, 600));
        }
        done();
      },
    });
    app = await buildApp({ db: database.db, config: { ...loadConfig({}), webDist: "/nonexistent" }, logger: true, logStream });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it("answers generated bad input from every role without a 5xx", async () => {
    const doc = (await app.inject({ url: "/api/v1/openapi.json" })).json() as Schema;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(90);

    const cookies = new Map<string, string>();
    const ownIds = new Set<string>();
    for (const role of ROLES) {
      cookies.set(role, await signIn(app, role));
      ownIds.add((await app.inject({ url: "/api/v1/me", headers: { cookie: cookies.get(role) } })).json().id);
    }
    // Read every list as every role: the ids seen are the "other people's ids" thrown at each route.
    const pool = new IdPool();
    for (const op of ops.filter((o) => o.method === "GET" && !o.path.includes("{") && !/openapi|\.(xlsx|ics|pdf)$/.test(o.path))) {
      for (const role of ROLES) {
        const response = await app.inject({ url: op.path, headers: { cookie: cookies.get(role) as string } });
        if (response.statusCode === 200 && response.headers["content-type"]?.toString().includes("json")) {
          pool.collect(op.path.split("/").filter(Boolean).pop() as string, response.json());
        }
      }
    }
    // The fuzzing accounts' own ids stay out, so that no case deactivates or re-passwords them midway.
    for (const set of pool.byKey.values()) for (const id of ownIds) set.delete(id);

    const failures: Failure[] = [];
    let sent = 0;
    const started = Date.now();
    const send = async (who: string, request: InjectOptions) => {
      sent++;
      const cookie = cookies.get(who);
      const headers = { ...(request.headers ?? {}), ...(cookie && { cookie }) };
      let status: number;
      let answer: string;
      if (process.env.FUZZ_TRACE === "2") console.log(`> ${who} ${request.method} ${show(request.url)} ${show(request.payload ?? "")}`);
      try {
        const response = await app.inject({ ...request, headers });
        status = response.statusCode;
        answer = response.body;
        if (status >= 500) answer += ` — logged: ${logged.get(String(response.headers["x-request-id"])) ?? "(nothing)"}`;
      } catch (error) {
        status = 599;
        answer = `inject threw: ${(error as Error).message}`;
      }
      if (process.env.FUZZ_TRACE === "2") console.log(`< ${status}`);
      if (status >= 500) {
        failures.push({ who, method: String(request.method), url: show(request.url), body: show(request.payload ?? ""), status, answer: show(answer) });
      }
      // A case may end the session (logout): sign in again so the role keeps being tested.
      if (status === 401 && cookie) cookies.set(who, await signIn(app, who));
      return status;
    };

    const slowest: { op: string; ms: number }[] = [];
    for (const [index, op] of ops.entries()) {
      const opStarted = Date.now();
      const importSpec = IMPORTS[op.path];
      const seed = SEED + index * 7919;
      const cases = fc.sample(caseArbitrary(op, pool), { seed, numRuns: CASES_SIGNED_IN * ROLES.length + CASES_PUBLIC });
      const cells = fc.sample(
        fc.oneof(
          badValue(pool).map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""))),
          fc.string(),
        ),
        {
          seed,
          numRuns: 64,
        },
      );
      const requests = cases.map((c, i) => requestOf(op, c, importSpec, cells.slice(i % 32)));
      // Unauthenticated first: most routes answer 401; the public ones get many cases.
      const forNobody = requests.slice(ROLES.length * CASES_SIGNED_IN);
      const first = await send("(nobody)", forNobody[0] as InjectOptions);
      const anonymous = first === 401 ? CASES_ANONYMOUS : CASES_PUBLIC;
      for (const request of forNobody.slice(1, anonymous)) await send("(nobody)", request);
      // PDFs take most of a second each to lay out: fewer random cases there.
      const perRole = /\.pdf$|\/reports\//.test(op.path) ? 1 : CASES_SIGNED_IN;
      for (const [r, role] of ROLES.entries()) {
        for (const request of requests.slice(r * CASES_SIGNED_IN, r * CASES_SIGNED_IN + perRole)) await send(role, request);
      }
      // Then every slot with its targeted values, as the roles a plausible request succeeds for
      // (so the value gets past the access check), or the public caller.
      const [base] = fc.sample(baseArbitrary(op, pool), { seed: seed + 1, numRuns: 1 }) as [Case];
      const able: string[] = first === 401 ? [] : ["(nobody)"];
      for (const role of ROLES) {
        if (able.length < 2 && (await send(role, requestOf(op, base, importSpec, cells))) < 400) able.push(role);
      }
      if (able.length === 0) able.push("admin", ROLES[1 + (index % (ROLES.length - 1))] as string);
      for (const { slot, schema } of slots(op)) {
        for (const value of targeted(schema)) {
          for (const who of able) await send(who, requestOf(op, mutate(base, [[slot, value]]), importSpec, cells));
        }
      }
      slowest.push({ op: `${op.method} ${op.path}`, ms: Date.now() - opStarted });
      if (process.env.FUZZ_TRACE) console.log(`${op.method} ${op.path} ${Date.now() - opStarted} ms`);
    }

    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz on ${backend}: ${sent} requests over ${ops.length} routes in ${seconds.toFixed(1)} s, ${failures.length} answered 5xx`);
    slowest.sort((a, b) => b.ms - a.ms);
    console.log(
      `slowest routes: ${slowest
        .slice(0, 5)
        .map((s) => `${s.op} ${s.ms} ms`)
        .join(", ")}`,
    );
    for (const f of failures) console.log(`  ${f.status} ${f.who} ${f.method} ${f.url}\n      body: ${f.body}\n      answer: ${f.answer}`);
    expect(failures.map((f) => `${f.status} ${f.method} ${f.url}`)).toEqual([]);
  }, 600_000);
});
