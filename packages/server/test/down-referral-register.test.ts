import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { idNumberFor } from "./helpers/referrals.ts";

/**
 * Issue 13, item 3: a hypertension patient sent back down lands in the township's register, and
 * the down-referral's 14-day follow-up task is that register entry's call-list item.
 */
describe.each(BACKENDS)("down-referral lands in the register on %s", (backend) => {
  let ctx: TestContext;
  let clock = new Date("2026-03-02T02:00:00Z"); // 10:00 in China, 2026-03-02
  const setDay = (d: string) => {
    clock = new Date(`${d}T02:00:00Z`);
  };
  const DAY = "2026-03-02";
  const plus = (days: number) => new Date(Date.parse(`${DAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  let township: { id: string; name: string; regionCode: string };
  let county: { id: string; name: string };
  let supporter: { id: string };
  let countySlot: string;
  let supporterSlot: string;
  let townshipSlot: string;

  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const rows = async <T = Record<string, unknown>>(query: string) => ((await ctx.database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
  const publish = async (who: string, institutionId: string, department: string) => {
    const res = await call(who, "POST", "/api/v1/slots", { institutionId, department, date: plus(1), reserved: 100 });
    expect(res.statusCode, res.body).toBe(201);
    return json(res).id as string;
  };

  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    const me = async (who: string) => json(await call(who, "GET", "/api/v1/me"));
    const institution = async (id: string) => json(await call("admin", "GET", `/api/v1/institutions/${id}`));
    township = await institution((await me("gz.township.doctor")).institutionId);
    county = await institution((await me("gz.county.coord")).institutionId);
    supporter = { id: (await me("zj.city.coord")).institutionId };
    countySlot = await publish("gz.county.coord", county.id, "心血管内科");
    supporterSlot = await publish("zj.city.coord", supporter.id, "心血管内科");
    townshipSlot = await publish("admin", township.id, "全科医疗科");
  });
  afterAll(() => ctx.close());

  const step = async (who: string, id: string, body: object) => {
    const res = await call(who, "POST", `/api/v1/referrals/${id}/transitions`, body);
    return res;
  };
  const must = async (who: string, id: string, body: object) => {
    const res = await step(who, id, body);
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };

  interface SendDown {
    serial: string;
    icd10?: string;
    downReferral?: Record<string, unknown>;
    /** County hospital → Hangzhou tertiary: the patient goes back to a hospital, not a grassroots institution. */
    fromCounty?: boolean;
  }
  const nameOf = (serial: string) => `下转患者${serial}`;
  /** Refers a patient up, takes them through the hospital, and completes (setting the clock to DAY). */
  const arrived = async ({ serial, icd10 = "I10", fromCounty = false }: SendDown) => {
    setDay(DAY);
    const [sender, receiver, to, slotId] = fromCounty
      ? ["gz.county.coord", "zj.city.coord", supporter.id, supporterSlot]
      : ["gz.township.doctor", "gz.county.coord", county.id, countySlot];
    const created = await call(sender, "POST", "/api/v1/referrals", {
      direction: "up",
      priority: "urgent",
      toInstitutionId: to,
      department: "心血管内科",
      patient: { name: nameOf(serial), sex: "male", birthDate: "1960-04-01", idNumber: idNumberFor("1960-04-01", serial), phone: "13800000000" },
      reason: { icd10, text: "高血压" },
      submit: true,
      slotId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const up = json(created).id as string;
    await must(receiver, up, { action: "accept" });
    await must(receiver, up, { action: "schedule" });
    await must(receiver, up, { action: "arrive" });
    return { up, receiver };
  };
  const sendDown = async (options: SendDown) => {
    const { up, receiver } = await arrived(options);
    await must(receiver, up, {
      action: "complete",
      note: "好转出院",
      downReferral: { summary: "出院小结：血压平稳，继续口服降压药。", ...options.downReferral },
    });
    const [down] = await rows<{ id: string; patient_id: string }>(`select id, patient_id from referrals where parent_id = '${up}'`);
    return { up, down: down as { id: string; patient_id: string } };
  };
  const entryOf = async (serial: string, who = "gz.township.doctor") =>
    json(await call(who, "GET", `/api/v1/htn/patients?q=${encodeURIComponent(nameOf(serial))}`)).items as Record<string, any>[];
  const visitsOf = async (id: string) => json(await call("gz.township.doctor", "GET", `/api/v1/htn/patients/${id}/visits`)).items as Record<string, any>[];
  const followUpsOf = (referralId: string) =>
    rows<{ due_on: string; chronic_patient_id: string | null; done_at: unknown; institution_id: string }>(
      `select to_char(due_on, 'YYYY-MM-DD') as due_on, chronic_patient_id, done_at, institution_id from follow_ups where referral_id = '${referralId}'`,
    );
  const amlodipine = { class: "C", name: "amlodipine", atMaxDose: false };

  it("I10 without a BP: enrolled at the township with a discharge visit; due in 14 days (refer_*), the follow-up task is the call-list item", async () => {
    const { down } = await sendDown({ serial: "301", downReferral: { medications: [amlodipine] } });
    const [entry, ...more] = await entryOf("301");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      institutionId: township.id,
      patientId: down.patient_id,
      idNumber: `****************${idNumberFor("1960-04-01", "301").slice(-2)}`,
      phone: "13800000000",
      enrolledOn: DAY,
      lastVisitOn: null,
      lastControlled: null,
      nextDueOn: plus(14),
      nextCallOn: null,
      offListReason: null,
      followUp: { dueOn: plus(14), referralId: down.id },
    });
    const visits = await visitsOf(entry?.id);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      kind: "discharge",
      visitOn: DAY,
      sbp: null,
      dbp: null,
      recommendation: null,
      nextDueOn: plus(14),
      recordedBy: county.name,
      currentDrugs: [amlodipine],
      discharge: { referralId: down.id, summary: "出院小结：血压平稳，继续口服降压药。", hospital: county.name, dueRule: "no_bp" },
    });
    expect(await followUpsOf(down.id)).toEqual([{ due_on: plus(14), chronic_patient_id: entry?.id, done_at: null, institution_id: township.id }]);

    // The call list: on it from 7 days before the task's day, overdue the day after.
    const listed = async (due: string) =>
      (json(await call("gz.township.doctor", "GET", `/api/v1/htn/patients?due=${due}&q=${encodeURIComponent(nameOf("301"))}`)).items as { id: string }[]).map(
        (p) => p.id,
      );
    setDay(plus(6));
    expect(await listed("week")).toEqual([]);
    setDay(plus(7));
    expect(await listed("week")).toEqual([entry?.id]);
    setDay(plus(14));
    expect(await listed("overdue")).toEqual([]);
    setDay(plus(15));
    expect(await listed("overdue")).toEqual([entry?.id]);
  });

  it.each([
    ["controlled on drugs: keep → 90 days", { sbp: 132, dbp: 82 }, "keep", 90, 14, true],
    ["uncontrolled on one class: titrate_or_add → 28 days", { sbp: 152, dbp: 94 }, "titrate_or_add", 28, 14, false],
    ["grade 3 without symptoms: acute_lowering → 2 days, before the task's 14", { sbp: 185, dbp: 112 }, "acute_lowering", 2, 2, false],
  ] as const)("with a BP at discharge, %s", async (_, bp, action, visitDays, registerDays, controlled) => {
    const serial = String(310 + visitDays);
    const { down } = await sendDown({ serial, downReferral: { medications: [amlodipine], bp } });
    const [entry] = await entryOf(serial);
    expect(entry).toMatchObject({ nextDueOn: plus(registerDays), lastVisitOn: DAY, lastControlled: controlled, followUp: { dueOn: plus(14) } });
    const [visit] = await visitsOf(entry?.id);
    expect(visit).toMatchObject({
      kind: "discharge",
      sbp: bp.sbp,
      dbp: bp.dbp,
      nextDueOn: plus(visitDays),
      discharge: { referralId: down.id, dueRule: "guideline" },
    });
    expect(visit?.recommendation).toMatchObject({ action, controlled, followUpDays: { max: visitDays } });
    expect((await followUpsOf(down.id))[0]).toMatchObject({ due_on: plus(14), chronic_patient_id: entry?.id });
  });

  it("a patient already on the register is updated, not enrolled twice; an inactive entry comes back", async () => {
    setDay("2026-02-01");
    const enrolled = await call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: nameOf("320"), sex: "male", birthDate: "1960-04-01", idNumber: idNumberFor("1960-04-01", "320") },
      conditions: ["diabetes"],
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const id = json(enrolled).id as string;
    const early = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${id}/visits`, {
      readings: [{ sbp: 150, dbp: 95 }],
      currentDrugs: [amlodipine],
    });
    expect(early.statusCode, early.body).toBe(201);

    const first = await sendDown({ serial: "320", downReferral: { bp: { sbp: 128, dbp: 78 }, medications: [amlodipine] } });
    const [entry, ...more] = await entryOf("320");
    expect(more).toEqual([]);
    // The same entry, its conditions kept (the engine judged with them), the phone the hospital had taken.
    expect(entry).toMatchObject({
      id,
      enrolledOn: "2026-02-01",
      conditions: ["diabetes"],
      phone: "13800000000",
      lastVisitOn: DAY,
      followUp: { referralId: first.down.id },
    });
    expect((await visitsOf(id)).map((v) => v.kind)).toEqual(["discharge", "follow_up"]);

    // Taken off the register meanwhile: a second stay brings the patient back, still one entry.
    await ctx.database.db.execute(sql.raw(`update chronic_patients set active = false where id = '${id}'`));
    expect(await entryOf("320")).toEqual([]);
    const second = await sendDown({ serial: "320" });
    expect((await entryOf("320")).map((p) => p.id)).toEqual([id]);
    expect((await rows(`select id from chronic_patients where patient_id = '${second.down.patient_id}'`)).length).toBe(1);
    expect((await visitsOf(id)).map((v) => v.kind)).toEqual(["discharge", "discharge", "follow_up"]);
    const audit = await rows<{ action: string; after: unknown }>(
      `select action, after from audit_log where entity_id = '${id}' and action = 'discharge' order by at`,
    );
    expect(audit.map((a) => (a.after as { reactivated: boolean }).reactivated)).toEqual([false, true]);
    expect(JSON.stringify(audit)).not.toContain(nameOf("320"));
    expect(JSON.stringify(audit)).not.toContain("出院小结");
  });

  it("a discharge without a BP leaves the control rate as the last BP left it", async () => {
    setDay("2026-02-01");
    const enrolled = await call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: nameOf("325"), sex: "male", birthDate: "1960-04-01", idNumber: idNumberFor("1960-04-01", "325") },
    });
    const id = json(enrolled).id as string;
    const visit = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${id}/visits`, {
      readings: [{ sbp: 126, dbp: 78 }],
      currentDrugs: [amlodipine],
    });
    expect(json(visit).recommendation.controlled).toBe(true);
    const march = async () =>
      json(await call("admin", "GET", `/api/v1/indicators/htn_control_rate/values?regionCode=${township.regionCode}&level=county&from=2026-03&to=2026-03`))
        .items[0] as { numerator: number; denominator: number };
    const before = await march();
    await sendDown({ serial: "325" });
    expect((await entryOf("325"))[0]).toMatchObject({ id, lastVisitOn: "2026-02-01", lastControlled: true });
    expect(await march()).toMatchObject({ numerator: before.numerator, denominator: before.denominator });
    const rate = json(await call("gz.township.doctor", "GET", "/api/v1/htn/control-rate?asOf=2026-03-02"));
    expect(rate.controlled).toBeGreaterThan(0);
  });

  it("another disease (J18) does not land in the register", async () => {
    const { down } = await sendDown({ serial: "330", icd10: "J18", downReferral: { medications: [amlodipine], bp: { sbp: 150, dbp: 90 } } });
    expect(await entryOf("330")).toEqual([]);
    expect(await rows(`select id from chronic_patients where patient_id = '${down.patient_id}'`)).toEqual([]);
    expect(await followUpsOf(down.id)).toEqual([]);
  });

  it("a patient sent back to a county hospital (not grassroots) does not land in a register", async () => {
    const { down } = await sendDown({ serial: "340", fromCounty: true, downReferral: { bp: { sbp: 150, dbp: 90 } } });
    const [row] = await rows<{ to_institution_id: string }>(`select to_institution_id from referrals where id = '${down.id}'`);
    expect(row?.to_institution_id).toBe(county.id);
    expect(await rows(`select id from chronic_patients where patient_id = '${down.patient_id}'`)).toEqual([]);
    expect(await followUpsOf(down.id)).toEqual([]);
  });

  it("reaching the patient by phone does the follow-up task; no answer does not", async () => {
    const { down } = await sendDown({ serial: "350" });
    const [entry] = await entryOf("350");
    setDay(plus(8));
    const missed = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${entry?.id}/calls`, { result: "no_answer" });
    expect(missed.statusCode, missed.body).toBe(201);
    expect((await followUpsOf(down.id))[0]?.done_at).toBeNull();
    setDay(plus(11));
    const reached = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${entry?.id}/calls`, { result: "reached", agreedDate: plus(13) });
    expect(reached.statusCode, reached.body).toBe(201);
    expect((await followUpsOf(down.id))[0]?.done_at).not.toBeNull();
    expect((await entryOf("350"))[0]).toMatchObject({ followUp: null, nextDueOn: plus(13) });
  });

  it("a visit does the follow-up task, but not one entered late from before the discharge", async () => {
    const { down } = await sendDown({ serial: "360" });
    const [entry] = await entryOf("360");
    setDay(plus(3));
    const late = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${entry?.id}/visits`, {
      visitOn: plus(-10),
      readings: [{ sbp: 150, dbp: 92 }],
    });
    expect(late.statusCode, late.body).toBe(201);
    expect((await followUpsOf(down.id))[0]?.done_at).toBeNull();
    const visit = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${entry?.id}/visits`, {
      readings: [{ sbp: 136, dbp: 84 }],
      currentDrugs: [amlodipine],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect((await followUpsOf(down.id))[0]?.done_at).not.toBeNull();
    expect((await entryOf("360"))[0]).toMatchObject({ followUp: null, nextDueOn: json(visit).nextDueOn });
  });

  it("completing the down-referral opens no second task for a patient who landed; for one who did not, it opens one", async () => {
    const complete = async (downId: string) => {
      setDay(DAY);
      await must("gz.township.doctor", downId, { action: "accept" });
      await must("gz.township.doctor", downId, { action: "schedule", slotId: townshipSlot });
      await must("gz.township.doctor", downId, { action: "arrive" });
      setDay(plus(2));
      await must("gz.township.doctor", downId, { action: "complete" });
    };
    const landed = await sendDown({ serial: "370" });
    await complete(landed.down.id);
    const [entry] = await entryOf("370");
    expect(await followUpsOf(landed.down.id)).toEqual([{ due_on: plus(14), chronic_patient_id: entry?.id, done_at: null, institution_id: township.id }]);

    const other = await sendDown({ serial: "371", icd10: "J18" });
    await complete(other.down.id);
    expect(await followUpsOf(other.down.id)).toEqual([{ due_on: plus(16), chronic_patient_id: null, done_at: null, institution_id: township.id }]);
  });

  let badCase = 0;
  const written = () =>
    rows(
      "select (select count(*) from referrals)::int as referrals, (select count(*) from chronic_patients)::int as entries, (select count(*) from chronic_visits)::int as visits, (select count(*) from follow_ups)::int as tasks, (select count(*) from audit_log)::int as audit",
    );
  it.each([
    ["a class that is not A–D", { medications: [{ class: "E", name: "x", atMaxDose: false }] }, "downReferral.medications[0].class"],
    ["a blank drug name", { medications: [amlodipine, { class: "A", name: "  ", atMaxDose: false }] }, "downReferral.medications[1].name"],
    ["a drug without atMaxDose", { medications: [{ class: "A", name: "enalapril" }] }, "downReferral.medications[0].atMaxDose"],
    ["an unknown drug field", { medications: [{ ...amlodipine, dose: "5 mg" }] }, "downReferral.medications[0].dose"],
    ["medications not a list", { medications: "amlodipine" }, "downReferral.medications"],
    ["systolic not above diastolic", { bp: { sbp: 90, dbp: 95 } }, "downReferral.bp.sbp"],
    ["an implausible diastolic", { bp: { sbp: 140, dbp: 250 } }, "downReferral.bp.dbp"],
    ["a BP in words", { bp: { sbp: "140", dbp: 90 } }, "downReferral.bp.sbp"],
  ])("%s: 400 naming the field, and nothing written", async (_, extra, path) => {
    const { up, receiver } = await arrived({ serial: String(400 + badCase++) });
    const before = await written();
    const res = await step(receiver, up, { action: "complete", downReferral: { summary: "出院小结", ...extra } });
    expect(res.statusCode, res.body).toBe(400);
    expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await rows(`select status from referrals where id = '${up}'`)).toEqual([{ status: "arrived" }]);
    expect(await written()).toEqual(before);
  });

  it("the register entry is the township's: another institution's clinician and the hospital cannot see it", async () => {
    await sendDown({ serial: "390" });
    const [entry] = await entryOf("390");
    expect(entry).toBeDefined();
    for (const who of ["yn.township.doctor", "gz.county.coord"]) {
      const read = await call(who, "GET", `/api/v1/htn/patients/${entry?.id}`);
      expect([403, 404], `${who}: ${read.statusCode}`).toContain(read.statusCode);
      expect((await call(who, "GET", `/api/v1/htn/patients/${entry?.id}/visits`)).statusCode).not.toBe(200);
      const list = await call(who, "GET", `/api/v1/htn/patients?q=${encodeURIComponent(nameOf("390"))}`);
      if (list.statusCode === 200) expect(json(list).items).toEqual([]);
    }
    expect((await call("gz.official", "GET", `/api/v1/htn/patients/${entry?.id}`)).statusCode).not.toBe(200);
  });
});
