import { ERROR_CODES, EXPECTED_KINDS, FIELD_ERROR_CODES, FORBIDDEN_REASONS, NOT_ALLOWED_REASONS, RECORD_KINDS } from "@medbridge/core";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiFieldError } from "../../web/src/api.ts";
import { errorsEn, errorsZh } from "../../web/src/errors-i18n.ts";
import i18n from "../../web/src/i18n.ts";
import { fieldErrorText, problemMessage } from "../../web/src/shared/errors.ts";
import { assessmentImport } from "../src/monitoring/assessment-import.ts";
import { countyVisitImport } from "../src/monitoring/visit-stats.ts";
import { trainingAttendanceImport } from "../src/outreach/learning.ts";
import { touringVisitImport } from "../src/outreach/touring.ts";
import { institutionImport } from "../src/registry/institution-import.ts";
import { practitionerImport } from "../src/registry/practitioner-import.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/**
 * Errors leave the server as stable codes with params (core/errors.ts) and the web shows them in
 * the user's language (web/src/errors-i18n.ts). These tests fail when a code, reason, record kind
 * or field name has no words in either language, and when a route answers a field error whose
 * code is not one of the union's.
 */

const LANGUAGES = { zh: errorsZh, en: errorsEn };

/** Latin words that may stand in Chinese text: units, standards, file types, placeholders. */
const LATIN_IN_ZH = /\{\{\w+\}\}|ICD-10|CSV|XLSX|JSON|https|base64|json|csv|xlsx|MB|KB|X|B\b/g;

describe("every error code has words in both languages", () => {
  const tables = [
    ["problem", ERROR_CODES],
    ["field", FIELD_ERROR_CODES],
    ["forbidden", FORBIDDEN_REASONS],
    ["notAllowed", NOT_ALLOWED_REASONS],
    ["expected", EXPECTED_KINDS],
    ["record", RECORD_KINDS],
  ] as const;
  for (const [table, codes] of tables) {
    for (const [lang, dict] of Object.entries(LANGUAGES)) {
      it(`${table} (${lang}): ${codes.length} codes`, () => {
        const words = dict[table] as Record<string, string>;
        const missing = codes.filter((code) => typeof words[code] !== "string" || words[code].trim() === "");
        expect(missing).toEqual([]);
        // Nothing in the table that the union does not have (a renamed code leaves no orphan).
        expect(Object.keys(words).filter((k) => !(codes as readonly string[]).includes(k))).toEqual([]);
      });
    }
  }

  it("the Chinese texts are Chinese (no English words outside placeholders and units)", () => {
    const english: string[] = [];
    const walk = (value: unknown, where: string) => {
      if (typeof value === "string") {
        if (/[A-Za-z]{2,}/.test(value.replace(LATIN_IN_ZH, ""))) english.push(`${where}: ${value}`);
      } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    };
    walk(errorsZh, "errors");
    expect(english).toEqual([]);
  });

  it("a placeholder used in one language is given in the other (the same params fill both)", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differ: string[] = [];
    for (const table of ["problem", "field", "forbidden", "notAllowed", "variant"] as const) {
      for (const [key, zh] of Object.entries(errorsZh[table] as Record<string, string>)) {
        const en = (errorsEn[table] as Record<string, string>)[key] ?? "";
        if (placeholders(zh).join() !== placeholders(en).join()) differ.push(`${table}.${key}`);
      }
    }
    expect(differ).toEqual([]);
  });
});

/** Every property name a request can carry, from the OpenAPI document, and every import column's field. */
function requestFieldNames(document: any): Set<string> {
  const names = new Set<string>();
  const walk = (schema: any) => {
    if (!schema || typeof schema !== "object") return;
    for (const [name, inner] of Object.entries<any>(schema.properties ?? {})) {
      names.add(name);
      walk(inner);
    }
    for (const key of ["items", "anyOf", "oneOf", "allOf", "additionalProperties"]) {
      const inner = schema[key];
      if (Array.isArray(inner)) inner.forEach(walk);
      else walk(inner);
    }
  };
  for (const operations of Object.values<any>(document.paths)) {
    for (const operation of Object.values<any>(operations)) {
      for (const parameter of operation.parameters ?? []) names.add(parameter.name);
      walk(operation.requestBody?.content?.["application/json"]?.schema);
    }
  }
  for (const spec of [institutionImport, practitionerImport, touringVisitImport, trainingAttendanceImport, countyVisitImport, assessmentImport]) {
    for (const field of Object.values(spec.aliases)) names.add(field);
  }
  return names;
}

function problemOf(response: LightMyRequestResponse) {
  return json<{ status: number; code: string; params: unknown; detail: string; errors: { path: string; code: string; params: unknown; message: string }[] }>(
    response,
  );
}

describe.each(BACKENDS)("errors as the server sends them, on %s", (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  });
  afterAll(() => ctx.close());

  it("every field a request can name has a label in both languages", async () => {
    const document = json(await ctx.app.inject({ url: "/api/v1/openapi.json" }));
    const names = requestFieldNames(document);
    expect(names.size).toBeGreaterThan(100);
    for (const [lang, dict] of Object.entries(LANGUAGES)) {
      expect([...names].filter((n) => !dict.label[n]).map((n) => `${lang}:${n}`)).toEqual([]);
    }
  });

  it("garbage at a sample of routes answers field errors with codes from the union, params, and an English message", async () => {
    const admin = await ctx.login("admin");
    const doctor = await ctx.login("gz.township.doctor");
    const coord = await ctx.login("gz.county.coord");
    const official = await ctx.login("gz.official");
    const garbage = { name: 12, kind: "hospital", regionCode: "12", beds: -1, departments: "x", extra: true, grade: "五级", address: "a".repeat(500) };
    const requests: { cookie: string; method: "POST" | "PATCH" | "GET"; url: string; payload?: unknown; headers?: Record<string, string> }[] = [
      { cookie: admin, method: "POST", url: "/api/v1/institutions", payload: garbage },
      { cookie: admin, method: "POST", url: "/api/v1/users", payload: { username: "", role: "wizard", password: "x", unknown: 1 } },
      { cookie: doctor, method: "POST", url: "/api/v1/referrals", payload: { patient: { idNumber: "110105194912310021", name: "" }, priority: "now" } },
      { cookie: doctor, method: "POST", url: "/api/v1/referrals", payload: "{not json", headers: { "content-type": "application/json" } },
      { cookie: coord, method: "POST", url: "/api/v1/slots", payload: { date: "2020-13-40", reserved: 1e9 } },
      { cookie: official, method: "GET", url: "/api/v1/indicators/referrals_up/values?year=1800&regionCode=abc" },
      { cookie: official, method: "GET", url: "/api/v1/audit?page=0&to=3000-01-01" },
      {
        cookie: doctor,
        method: "POST",
        url: "/api/v1/cds/hypertension/evaluate",
        payload: { patient: { age: 300, sex: "x" }, readings: [{ date: "bad", sbp: 80, dbp: 120 }], edition: "1999" },
      },
      {
        cookie: admin,
        method: "POST",
        url: "/api/v1/institutions/import",
        payload: "机构名称,机构类别,区划代码\n甲,医院,1\n",
        headers: { "content-type": "text/csv" },
      },
      { cookie: admin, method: "POST", url: "/api/v1/institutions/import", payload: "名字,颜色\n甲,红\n", headers: { "content-type": "text/csv" } },
      { cookie: "", method: "GET", url: "/api/v1/referrals?role=incoming" },
      { cookie: doctor, method: "GET", url: "/api/v1/users" },
      { cookie: admin, method: "GET", url: "/api/v1/institutions/00000000-0000-4000-8000-000000000000" },
    ];
    const seenFieldCodes = new Set<string>();
    const shown: string[] = [];
    const seenProblemCodes = new Set<string>();
    for (const r of requests) {
      const response = await ctx.app.inject({
        method: r.method,
        url: r.url,
        headers: { ...(r.cookie && { cookie: r.cookie }), ...r.headers },
        ...(r.payload !== undefined && { payload: r.payload as string }),
      });
      const label = `${r.method} ${r.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
      expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, label).toBeLessThan(500);
      const problem = problemOf(response);
      expect(ERROR_CODES, label).toContain(problem.code);
      expect(typeof problem.params, label).toBe("object");
      seenProblemCodes.add(problem.code);
      await i18n.changeLanguage("zh-CN");
      shown.push(problemMessage({ status: problem.status, code: problem.code as never, params: problem.params as never }));
      for (const e of problem.errors) shown.push(fieldErrorText(e as ApiFieldError));
      for (const e of problem.errors) {
        expect(FIELD_ERROR_CODES, label).toContain(e.code);
        expect(e.params, label).toBeTypeOf("object");
        expect(e.message, label).toMatch(/\S/);
        seenFieldCodes.add(e.code);
      }
    }
    // The sample reaches a good part of the union (so a mapping that answered one code for all fails).
    for (const code of ["required", "unknown_field", "type", "enum", "too_long", "too_small", "format", "unreadable", "unknown_column", "too_large"]) {
      expect([...seenFieldCodes], code).toContain(code);
    }
    for (const code of ["validation", "unauthorized", "forbidden", "not_found"]) expect([...seenProblemCodes], code).toContain(code);
    // What a Chinese screen shows for all of them: Chinese, with no identifier, Ajv or English word in it.
    const english = shown.filter((text) => /[A-Za-z]{2,}/.test(text.replace(LATIN_IN_ZH, "")));
    expect(english).toEqual([]);
    expect(shown.filter((text) => text.trim() === "")).toEqual([]);
  });

  it("an enum error names the allowed values (params.allowed), and a limit its limit", async () => {
    const admin = await ctx.login("admin");
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/institutions",
      headers: { cookie: admin },
      payload: { name: "甲".repeat(300), kind: "hospital", regionCode: "522622" },
    });
    expect(response.statusCode).toBe(400);
    const { errors } = problemOf(response);
    expect(errors).toContainEqual(
      expect.objectContaining({ path: "kind", code: "enum", params: { allowed: expect.arrayContaining(["township_health_center"]) } }),
    );
    expect(errors).toContainEqual(expect.objectContaining({ path: "name", code: "too_long", params: { limit: expect.any(Number) } }));
  });

  it("a conflict names the current state and the actions allowed now", async () => {
    const doctor = await ctx.login("gz.township.doctor");
    const list = json(await ctx.app.inject({ url: "/api/v1/referrals?role=outgoing&status=completed", headers: { cookie: doctor } }));
    const done = list.items[0];
    expect(done).toBeDefined();
    const response = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/referrals/${done.id}/transitions`,
      headers: { cookie: doctor },
      payload: { action: "cancel", note: "x" },
    });
    expect(response.statusCode).toBe(409);
    const problem = problemOf(response);
    expect(problem.code).toBe("conflict");
    expect(problem.errors[0]).toMatchObject({
      path: "action",
      code: "conflict_state",
      params: { entity: "referral", action: "cancel", state: "completed", allowed: [] },
    });
  });
});

describe("the web's words for what the server sends", () => {
  const show = async (lang: "zh-CN" | "en", error: ApiFieldError) => {
    await i18n.changeLanguage(lang);
    return fieldErrorText(error);
  };

  it("names the row and field, and the allowed values in the app's own labels", async () => {
    const error: ApiFieldError = {
      path: "rows[3].kind",
      code: "enum",
      params: { allowed: ["township_health_center", "village_clinic"] },
      message: "must be one of: township_health_center, village_clinic",
    };
    expect(await show("zh-CN", error)).toBe("第 3 行 · 类别：应为以下之一：乡镇卫生院、村卫生室");
    expect(await show("en", error)).toBe("Row 3 · Kind: must be one of: Township health centre, Village clinic");
  });

  it("says a referral's state and the actions possible now in words", async () => {
    const error: ApiFieldError = {
      path: "action",
      code: "conflict_state",
      params: { entity: "referral", action: "cancel", state: "completed", allowed: [] },
      message: "not allowed in state completed",
    };
    expect(await show("zh-CN", error)).toMatch(/^操作：当前状态为“已完成”，不能撤回；现在可以：无$/);
  });

  it("turns sizes, limits and dates into readable text", async () => {
    expect(await show("zh-CN", { path: "attachments[0].data", code: "too_large", params: { limit: 2 * 1024 * 1024, unit: "bytes" }, message: "" })).toBe(
      "第 1 项 · 文件内容：不能大于 2 MB",
    );
    expect(await show("zh-CN", { path: "name", code: "too_short", params: { limit: 1 }, message: "" })).toBe("名称：不能为空");
    expect(await show("en", { path: "query.to", code: "too_large", params: { limit: "2100-12-31" }, message: "" })).toBe("To: must be at most 2100-12-31");
    expect(await show("zh-CN", { path: "unheardOfField", code: "required", params: {}, message: "" })).toBe("必填");
  });
});
