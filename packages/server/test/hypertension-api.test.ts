import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

function idNumber(birth: string, serial: string): string {
  const first17 = `522622${birth.replaceAll("-", "")}${serial}`;
  return first17 + idCheckCharacter(first17);
}

describe.each(BACKENDS)("hypertension decision support and register on %s", (backend) => {
  let ctx: TestContext;
  const clock = new Date("2026-03-01T02:00:00Z");
  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
  });
  afterAll(() => ctx.close());
  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const count = async (table: string) =>
    ((await ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  const enrol = (serial: string, extra: object = {}) =>
    call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: `示例患者${serial}`, sex: "male", birthDate: "1960-04-01", idNumber: idNumber("1960-04-01", serial) },
      conditions: ["diabetes"],
      ...extra,
    });

  it("evaluates the spec's example over HTTP, and rejects bad input naming the field", async () => {
    const ok = await call("gz.township.doctor", "POST", "/api/v1/cds/hypertension/evaluate", {
      asOf: "2026-03-01",
      patient: { age: 58, sex: "male" },
      readings: [{ date: "2026-01-05", sbp: 152, dbp: 96, setting: "office" }],
      conditions: ["diabetes"],
      riskFactors: ["smoking"],
      currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }],
      weeksOnCurrentRegimen: 4,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ diagnosis: "confirmed", grade: "grade1", risk: "high", action: "titrate_or_add" });
    const bad = await call("gz.township.doctor", "POST", "/api/v1/cds/hypertension/evaluate", {
      patient: { age: 58, sex: "male" },
      readings: [{ date: "2026-01-05", sbp: 90, dbp: 96 }],
      conditions: ["flu"],
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(["readings[0].sbp", "conditions[0]"]);
    expect((await ctx.app.inject({ method: "POST", url: "/api/v1/cds/hypertension/evaluate", payload: {} })).statusCode).toBe(401);
  });

  it("registers a patient, records a visit with its recommendation, and moves the call list and the control rate", async () => {
    const created = await enrol("101");
    expect(created.statusCode, created.body).toBe(201);
    const patient = json(created);
    expect(patient.idNumber).toBe(idNumber("1960-04-01", "101"));
    const list = json(await call("gz.township.doctor", "GET", "/api/v1/htn/patients?q=示例患者101"));
    expect(list.items[0].idNumber).toMatch(/^\*{16}[\dX]{2}$/);

    const visit = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${patient.id}/visits`, {
      readings: [{ sbp: 152, dbp: 94 }],
      currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }],
      weeksOnCurrentRegimen: 6,
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const v = json(visit);
    // Age 65 on the visit day → 150/90 would apply, but diabetes comes first in 2020 below 80: 140/90.
    expect(v.recommendation).toMatchObject({ action: "titrate_or_add", controlled: false, target: { sbp: 140, dbp: 90 } });
    expect(v).toMatchObject({ edition: "2020", nextDueOn: "2026-03-29", sbp: 152, dbp: 94 });
    const after = json(await call("gz.township.doctor", "GET", `/api/v1/htn/patients/${patient.id}`));
    expect(after).toMatchObject({ lastVisitOn: "2026-03-01", lastControlled: false, nextDueOn: "2026-03-29" });
    const visits = json(await call("gz.township.doctor", "GET", `/api/v1/htn/patients/${patient.id}/visits`)).items;
    expect(visits[0].recommendation.trace.length).toBeGreaterThan(3);

    // Controlled at a second visit (2025 edition chosen for it): the rate counts it.
    const second = json(
      await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${patient.id}/visits`, {
        edition: "2025",
        readings: [{ sbp: 124, dbp: 76 }],
        currentDrugs: [
          { class: "C", name: "amlodipine", atMaxDose: false },
          { class: "A", name: "losartan", atMaxDose: false },
        ],
        weeksOnCurrentRegimen: 4,
      }),
    );
    expect(second).toMatchObject({ edition: "2025", recommendation: { action: "keep", controlled: true } });
    const mine = json(await call("gz.township.doctor", "GET", "/api/v1/htn/control-rate"));
    expect(mine.controlled).toBeGreaterThanOrEqual(1);
    expect(mine.byInstitution).toHaveLength(1);
    const county = json(await call("gz.official", "GET", "/api/v1/htn/control-rate?regionCode=522622"));
    expect(county.patients).toBeGreaterThanOrEqual(mine.patients);
    expect(JSON.stringify(county)).not.toContain("示例患者101");
    expect((await call("gz.official", "GET", "/api/v1/htn/control-rate?regionCode=530000")).statusCode).toBe(403);
  });

  it("keeps the register to its institution and audits reads", async () => {
    const patient = json(await enrol("102"));
    expect((await call("yn.township.doctor", "GET", `/api/v1/htn/patients/${patient.id}`)).statusCode).toBe(404);
    expect((await call("gz.county.coord", "GET", `/api/v1/htn/patients/${patient.id}`)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", `/api/v1/htn/patients/${patient.id}`)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", "/api/v1/htn/patients")).statusCode).toBe(403);
    expect((await call("yn.township.doctor", "POST", `/api/v1/htn/patients/${patient.id}/visits`, { readings: [{ sbp: 150, dbp: 90 }] })).statusCode).toBe(403);
    const yunnanList = json(await call("yn.township.doctor", "GET", "/api/v1/htn/patients?pageSize=100"));
    expect(yunnanList.items.some((p: { id: string }) => p.id === patient.id)).toBe(false);
    // A county hospital does not keep the grassroots register.
    expect(
      (
        await call("gz.county.coord", "POST", "/api/v1/htn/patients", {
          patient: { name: "x", sex: "male", birthDate: "1960-04-01", idNumber: idNumber("1960-04-01", "109") },
        })
      ).statusCode,
    ).toBe(403);
    expect((await call("gz.township.doctor", "GET", `/api/v1/htn/patients/${patient.id}`)).statusCode).toBe(200);
    const reads = json(await call("admin", "GET", `/api/v1/audit?entityId=${patient.id}&action=read_patient&pageSize=50`)).items;
    expect(reads.map((e: { actorName: string }) => e.actorName)).toEqual(["gz.township.doctor"]);
  });

  it("rejects bad input with the field named and writes nothing", async () => {
    const patient = json(await enrol("103"));
    const before = await Promise.all(["chronic_patients", "chronic_visits"].map(count));
    const paths = async (url: string, payload: object) =>
      json(await call("gz.township.doctor", "POST", url, payload)).errors?.map((e: { path: string }) => e.path);
    const visits = `/api/v1/htn/patients/${patient.id}/visits`;
    expect(await paths(visits, { readings: [{ sbp: 350, dbp: 90 }] })).toEqual(["readings[0].sbp"]);
    expect(await paths(visits, { readings: [{ sbp: 80, dbp: 90 }] })).toEqual(["readings[0].sbp"]);
    expect(await paths(visits, { readings: [] })).toEqual(["readings"]);
    expect(await paths(visits, { readings: [{ sbp: 150, dbp: 90 }], visitOn: "2026-03-09" })).toEqual(["visitOn"]);
    expect(await paths(visits, { readings: [{ sbp: 150, dbp: 90 }], symptoms: ["cough"] })).toEqual(["symptoms[0]"]);
    expect(await paths(visits, { readings: [{ sbp: 150, dbp: 90 }], labs: { potassium: 40 } })).toEqual(["labs.potassium"]);
    expect(await paths(visits, { readings: [{ sbp: 150, dbp: 90, pulse: 80 }] })).toEqual(["readings[0].pulse"]);
    expect((await enrol("103")).statusCode).toBe(409);
    const wrong = idNumber("1960-04-01", "104").slice(0, 17) + (idNumber("1960-04-01", "104").endsWith("1") ? "2" : "1");
    expect(
      json(await call("gz.township.doctor", "POST", "/api/v1/htn/patients", { patient: { name: "x", sex: "male", birthDate: "1960-04-01", idNumber: wrong } }))
        .errors[0].path,
    ).toBe("patient.idNumber");
    expect(await Promise.all(["chronic_patients", "chronic_visits"].map(count))).toEqual(before);
  });
});
