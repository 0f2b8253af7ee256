import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

function idNumber(birth: string, serial: string): string {
  const first17 = `522622${birth.replaceAll("-", "")}${serial}`;
  return first17 + idCheckCharacter(first17);
}

/** The call list's loop (issue 13, item 4): each call result's effect on the list, bad input, access. */
describe.each(BACKENDS)("hypertension call list on %s", (backend) => {
  let ctx: TestContext;
  let clock = new Date("2026-03-01T02:00:00Z");
  const setDay = (d: string) => {
    clock = new Date(`${d}T02:00:00Z`);
  };
  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
  });
  afterAll(() => ctx.close());
  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const doctor = "gz.township.doctor";
  const count = async (table: string) =>
    ((await ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;

  /** Enrols a patient and records a visit two months ago: overdue today (2026-03-01). */
  const overduePatient = async (serial: string): Promise<string> => {
    setDay("2026-03-01");
    const created = await call(doctor, "POST", "/api/v1/htn/patients", {
      patient: { name: `电话患者${serial}`, sex: "female", birthDate: "1955-06-01", idNumber: idNumber("1955-06-01", serial), phone: "13800000000" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id as string;
    const visit = await call(doctor, "POST", `/api/v1/htn/patients/${id}/visits`, { visitOn: "2026-01-05", readings: [{ sbp: 150, dbp: 92 }] });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(json(visit).nextDueOn < "2026-03-01").toBe(true);
    return id;
  };
  const listed = async (due: "overdue" | "week" | "off", serial: string) =>
    json(await call(doctor, "GET", `/api/v1/htn/patients?due=${due}&q=${encodeURIComponent(`电话患者${serial}`)}`)).items[0];
  const record = (id: string, body: object) => call(doctor, "POST", `/api/v1/htn/patients/${id}/calls`, body);

  it("reached: the agreed date becomes the due date; off the list until that day, with the last result shown", async () => {
    const id = await overduePatient("201");
    expect(await listed("overdue", "201")).toMatchObject({ id, lastCallResult: null, offListReason: null });
    const res = await record(id, { result: "reached", agreedDate: "2026-03-10", note: "约好周二来" });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({
      result: "reached",
      calledOn: "2026-03-01",
      agreedDate: "2026-03-10",
      patient: { nextDueOn: "2026-03-10", nextCallOn: "2026-03-10", offListReason: null, lastCallResult: "reached", lastCallOn: "2026-03-01" },
    });
    expect(await listed("overdue", "201")).toBeUndefined();
    expect(await listed("week", "201")).toBeUndefined();
    const register = json(await call(doctor, "GET", `/api/v1/htn/patients?q=${encodeURIComponent("电话患者201")}`)).items[0];
    expect(register).toMatchObject({ nextDueOn: "2026-03-10", lastCallResult: "reached", lastCallOn: "2026-03-01" });
    setDay("2026-03-10");
    expect(await listed("week", "201")).toMatchObject({ id, lastCallResult: "reached" });
    setDay("2026-03-11");
    expect(await listed("overdue", "201")).toMatchObject({ id });
  });

  it("no answer: again in 3 days; the 3rd in a row takes the patient off as unreachable; a visit puts the patient back", async () => {
    const id = await overduePatient("202");
    expect(json(await record(id, { result: "no_answer" })).patient).toMatchObject({ nextCallOn: "2026-03-04", unansweredCalls: 1, offListReason: null });
    expect(await listed("overdue", "202")).toBeUndefined();
    setDay("2026-03-03");
    expect(await listed("overdue", "202")).toBeUndefined();
    setDay("2026-03-04");
    expect(await listed("overdue", "202")).toMatchObject({ lastCallResult: "no_answer", lastCallOn: "2026-03-01", unansweredCalls: 1 });
    expect(json(await record(id, { result: "no_answer" })).patient).toMatchObject({ unansweredCalls: 2, offListReason: null, nextCallOn: "2026-03-07" });
    setDay("2026-03-07");
    expect(await listed("overdue", "202")).toMatchObject({ unansweredCalls: 2 });
    expect(json(await record(id, { result: "no_answer" })).patient).toMatchObject({ unansweredCalls: 3, offListReason: "unreachable" });
    setDay("2026-04-30");
    expect(await listed("overdue", "202")).toBeUndefined();
    expect(await listed("week", "202")).toBeUndefined();
    expect(await listed("off", "202")).toMatchObject({ id, offListReason: "unreachable", lastCallResult: "no_answer", lastCallOn: "2026-03-07" });

    // The patient turns up: the visit's due date, the count reset, back on the list.
    const visit = json(await call(doctor, "POST", `/api/v1/htn/patients/${id}/visits`, { readings: [{ sbp: 150, dbp: 92 }] }));
    expect(await listed("off", "202")).toBeUndefined();
    const back = json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`));
    expect(back).toMatchObject({ nextDueOn: visit.nextDueOn, nextCallOn: null, unansweredCalls: 0, offListReason: null });
    setDay(visit.nextDueOn);
    expect(await listed("week", "202")).toMatchObject({ id });

    const calls = json(await call(doctor, "GET", `/api/v1/htn/patients/${id}/calls`)).items;
    expect(calls.map((c: { calledOn: string }) => c.calledOn)).toEqual(["2026-03-07", "2026-03-04", "2026-03-01"]);
    expect(calls[0]).toMatchObject({ result: "no_answer", agreedDate: null, note: null });
    expect(calls[0].callerName.length).toBeGreaterThan(0);
  });

  it.each([
    ["wrong_number", "203"],
    ["moved_away", "204"],
    ["died", "205"],
    ["refused", "206"],
  ])("%s: off the list with that reason", async (result, serial) => {
    const id = await overduePatient(serial);
    const res = await record(id, { result });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).patient).toMatchObject({ offListReason: result, nextCallOn: null });
    expect(await listed("overdue", serial)).toBeUndefined();
    expect(await listed("week", serial)).toBeUndefined();
    expect(await listed("off", serial)).toMatchObject({ id, offListReason: result, lastCallResult: result });
  });

  it("audits the call without the patient's name, phone or the note", async () => {
    const id = await overduePatient("207");
    await record(id, { result: "reached", agreedDate: "2026-03-05", note: "电话患者207 13800000000" });
    const entries = json(await call("admin", "GET", `/api/v1/audit?entityId=${id}&action=call&pageSize=50`)).items;
    expect(entries).toHaveLength(1);
    expect(entries[0].actorName).toBe(doctor);
    const text = JSON.stringify(entries);
    expect(text).toContain("reached");
    expect(text).not.toContain("电话患者207");
    expect(text).not.toContain("13800000000");
  });

  it("rejects bad input naming the field, and writes nothing", async () => {
    const id = await overduePatient("208");
    const before = await Promise.all(["chronic_calls", "audit_log"].map(count));
    const patientBefore = json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`));
    const afterRead = await Promise.all(["chronic_calls", "audit_log"].map(count));
    const paths = async (body: object) => {
      const res = await record(id, body);
      expect(res.statusCode, res.body).toBe(400);
      return json(res).errors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ result: "busy" })).toEqual(["result"]);
    expect(await paths({})).toEqual(["result"]);
    expect(await paths({ result: "reached" })).toEqual(["agreedDate"]);
    expect(await paths({ result: "reached", agreedDate: "2026-02-28" })).toEqual(["agreedDate"]);
    expect(await paths({ result: "reached", agreedDate: "2026-05-31" })).toEqual(["agreedDate"]); // today + 91
    expect(await paths({ result: "reached", agreedDate: "2026-02-30" })).toEqual(["agreedDate"]);
    expect(await paths({ result: "no_answer", agreedDate: "2026-03-05" })).toEqual(["agreedDate"]);
    expect(await paths({ result: "no_answer", note: "x".repeat(501) })).toEqual(["note"]);
    expect(await paths({ result: "no_answer", note: "a\u0000b" })).toEqual(["note"]);
    expect(await paths({ result: "no_answer", caller: "x" })).toEqual(["caller"]);
    expect(before[0]).toBe(afterRead[0]);
    expect(await Promise.all(["chronic_calls", "audit_log"].map(count))).toEqual(afterRead);
    // Nothing moved on the patient either (reading it again adds a read to the audit, hence last).
    const { updatedAt: _u1, ...was } = patientBefore;
    const { updatedAt: _u2, ...now } = json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`));
    expect(now).toEqual(was);
    // The boundaries that pass: today and today + 90.
    expect((await record(id, { result: "reached", agreedDate: "2026-05-30" })).statusCode).toBe(201);
    expect((await record(id, { result: "reached", agreedDate: "2026-03-01", note: "x".repeat(500) })).statusCode).toBe(201);
  });

  it("keeps calls to the patient's institution, as visits are", async () => {
    const id = await overduePatient("209");
    const before = await count("chronic_calls");
    const body = { result: "no_answer" };
    // Writes out of scope answer 403, reads 404 (access.ts); officials never read patients.
    expect((await call("yn.township.doctor", "POST", `/api/v1/htn/patients/${id}/calls`, body)).statusCode).toBe(403);
    expect((await call("yn.township.doctor", "GET", `/api/v1/htn/patients/${id}/calls`)).statusCode).toBe(404);
    expect((await call("gz.county.coord", "POST", `/api/v1/htn/patients/${id}/calls`, body)).statusCode).toBe(403);
    expect((await call("gz.county.coord", "GET", `/api/v1/htn/patients/${id}/calls`)).statusCode).toBe(404);
    expect((await call("gz.official", "POST", `/api/v1/htn/patients/${id}/calls`, body)).statusCode).toBe(403);
    expect((await call("gz.official", "GET", `/api/v1/htn/patients/${id}/calls`)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", "/api/v1/htn/patients?due=off")).statusCode).toBe(403);
    expect((await call("admin", "POST", `/api/v1/htn/patients/${id}/calls`, body)).statusCode).toBe(403);
    expect((await call(doctor, "POST", "/api/v1/htn/patients/00000000-0000-4000-8000-000000000000/calls", body)).statusCode).toBe(404);
    expect(await count("chronic_calls")).toBe(before);
    expect((await call("admin", "GET", `/api/v1/htn/patients/${id}/calls`)).statusCode).toBe(200);
    const off = json(await call("yn.township.doctor", "GET", "/api/v1/htn/patients?due=off&pageSize=100")).items;
    expect(off.every((p: { institutionId: string; offListReason: string | null }) => p.offListReason !== null)).toBe(true);
  });
});
