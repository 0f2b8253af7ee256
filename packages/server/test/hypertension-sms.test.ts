import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { type ReminderJob, reminderJobs } from "../src/hypertension/sms-jobs.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const SECRET = "sms-gateway-shared-secret-for-tests";
const listen = (server: Server) => new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as { port: number }).port)));

function idNumber(birth: string, serial: string): string {
  const first17 = `522622${birth.replaceAll("-", "")}${serial}`;
  return first17 + idCheckCharacter(first17);
}

/** What the gateway received: the parsed body and whether its signature is ours. */
interface Received {
  body: { messageId: string; phone: string; template: string; sender?: string; params: Record<string, string> };
  raw: string;
  signed: boolean;
}

/** Signs like the server: sha256 HMAC of "<timestamp>.<body>". */
const sign = (body: string, at: Date, secret = SECRET) => {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return { "x-medbridge-timestamp": timestamp, "x-medbridge-signature": `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}` };
};

/** SMS reminders (issue 13, item 4) against a real local gateway listener. */
describe.each(BACKENDS)("SMS reminders on %s", (backend) => {
  let ctx: TestContext;
  let gateway: Server;
  let job: ReminderJob;
  let clock = new Date("2026-03-10T02:00:00Z");
  /** China time: `2026-03-10 10:00` is 02:00Z. */
  const setTime = (chinaDateTime: string) => {
    clock = new Date(`${chinaDateTime.replace(" ", "T")}:00+08:00`);
  };
  let mode: "ok" | "500" | "400" | "hang" = "ok";
  const received: Received[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    gateway = createServer((req: IncomingMessage, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
      });
      req.on("end", () => {
        const timestamp = req.headers["x-medbridge-timestamp"] as string;
        const expected = `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${raw}`).digest("hex")}`;
        received.push({ body: JSON.parse(raw), raw, signed: req.headers["x-medbridge-signature"] === expected });
        if (mode === "hang") return;
        if (mode === "500") return void res.writeHead(500).end("busy");
        if (mode === "400") return void res.writeHead(400).end('{"error":"template not approved"}');
        const id = (JSON.parse(raw) as { messageId: string }).messageId;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ gatewayMessageId: `gw-${id}` }));
      });
    });
    const port = await listen(gateway);
    env = {
      MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1",
      MEDBRIDGE_SMS_URL: `http://127.0.0.1:${port}/sms/send`,
      MEDBRIDGE_SMS_SECRET: SECRET,
      MEDBRIDGE_SMS_SENDER: "医联桥",
      MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE: "SMS_BEFORE_1",
      MEDBRIDGE_SMS_TEMPLATE_MISSED: "SMS_MISSED_1",
    };
    ctx = await demoApp(backend, () => clock, env);
    job = reminderJobs(ctx.database.db, loadConfig(env), ctx.app.log, () => clock, { planEveryMs: 0, timeoutMs: 500 })[0] as ReminderJob;
  });
  afterAll(async () => {
    await job?.stop?.();
    gateway.closeAllConnections();
    gateway.close();
    await ctx.close();
  });

  const doctor = "gz.township.doctor";
  const call = async (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await ctx.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  /** One run of the job, waiting for the batch it sends. */
  const runJob = async () => {
    const counts = await job.run(clock);
    return { ...counts, ...(await job.idle()) };
  };
  const reminders = async (id: string) => json(await call(doctor, "GET", `/api/v1/htn/patients/${id}/reminders`)).items;
  /** The gateway requests for a patient's reminders. */
  const sentFor = async (patientId: string) => {
    const ids = (await rows<{ id: string }>(sql`select id from sms_reminders where patient_id = ${patientId}`)).map((r) => r.id);
    return received.filter((r) => ids.includes(r.body.messageId));
  };

  /** Enrols a patient and agrees a visit on `due` on a call, so the next due date is exactly that day. */
  const patient = async (serial: string, due: string, opts: { consent?: boolean; phone?: boolean } = {}) => {
    const created = await call(doctor, "POST", "/api/v1/htn/patients", {
      patient: {
        name: `短信患者${serial}`,
        sex: "male",
        birthDate: "1950-02-03",
        idNumber: idNumber("1950-02-03", serial),
        ...(opts.phone !== false && { phone: `1390000${serial.padStart(4, "0")}` }),
      },
      ...(opts.consent !== undefined && { smsConsent: opts.consent }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id as string;
    const agreed = await call(doctor, "POST", `/api/v1/htn/patients/${id}/calls`, { result: "reached", agreedDate: due });
    expect(agreed.statusCode, agreed.body).toBe(201);
    return id;
  };

  it("says whether reminders are on; without a gateway nothing is planned or sent", async () => {
    expect(json(await call(doctor, "GET", "/api/v1/htn/reminders/status"))).toEqual({ enabled: true });
    const off = await buildApp({ db: ctx.database.db, config: { ...loadConfig({}), webDist: "/nonexistent" }, logger: false, now: () => clock });
    try {
      const cookie = await ctx.login(doctor);
      expect(json(await off.inject({ url: "/api/v1/htn/reminders/status", headers: { cookie } }))).toEqual({ enabled: false });
      // No gateway, no job: nothing planned, nothing sent.
      expect(reminderJobs(ctx.database.db, loadConfig({}), ctx.app.log, () => clock)).toEqual([]);
      const body = JSON.stringify({ messageId: "00000000-0000-4000-8000-000000000000", status: "delivered" });
      const report = await off.inject({
        method: "POST",
        url: "/api/v1/sms/delivery-reports",
        headers: { "content-type": "application/json", ...sign(body, clock) },
        payload: body,
      });
      expect(report.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it("sends the day before the due date — only with consent and a phone — and never twice for one due date", async () => {
    setTime("2026-03-10 10:00");
    const inTwoDays = await patient("101", "2026-03-12", { consent: true });
    const noConsent = await patient("102", "2026-03-11");
    const refused = await patient("103", "2026-03-11", { consent: false });
    const noPhone = await patient("104", "2026-03-11", { consent: true, phone: false });
    const due = await patient("105", "2026-03-11", { consent: true });
    const me = json(await call(doctor, "GET", "/api/v1/me"));

    expect(await runJob()).toMatchObject({ planned: 1, sent: 1 });
    const [sent, ...more] = await sentFor(due);
    expect(more).toEqual([]);
    const [row] = await reminders(due);
    expect(sent?.signed).toBe(true);
    expect(sent?.body).toEqual({
      messageId: row.id,
      phone: "13900000105",
      template: "SMS_BEFORE_1",
      sender: "医联桥",
      params: { institution: me.institutionName, dueDate: "2026-03-11" },
    });
    // Template parameters only: neither the patient's name nor the ID number leaves the server.
    expect(sent?.raw).not.toContain("短信患者");
    expect(sent?.raw).not.toContain("1950");
    expect(row).toMatchObject({ kind: "before_due", dueOn: "2026-03-11", status: "sent", attempts: 1, skipReason: null, lastError: null, deliveredAt: null });
    expect(row.sentAt).toBe(clock.toISOString());
    for (const id of [inTwoDays, noConsent, refused, noPhone]) {
      expect(await sentFor(id)).toEqual([]);
      expect(await reminders(id)).toEqual([]);
    }

    // Again the same day, and later that day: nothing new.
    expect(await runJob()).toMatchObject({ planned: 0, claimed: 0 });
    setTime("2026-03-10 18:00");
    await runJob();
    expect(await sentFor(due)).toHaveLength(1);

    // The next day the patient due in two days is due tomorrow; the one due today gets nothing more.
    setTime("2026-03-11 09:00");
    await runJob();
    expect((await sentFor(inTwoDays)).map((r) => r.body.params.dueDate)).toEqual(["2026-03-12"]);
    expect(await sentFor(due)).toHaveLength(1);
    expect(await reminders(due)).toHaveLength(1);
  });

  it("sends after a missed visit, the day after the due date; not when the visit came", async () => {
    setTime("2026-04-09 10:00");
    const missed = await patient("111", "2026-04-11", { consent: true });
    const visited = await patient("112", "2026-04-11", { consent: true });
    setTime("2026-04-10 10:00");
    await runJob();
    setTime("2026-04-11 10:00");
    const visit = await call(doctor, "POST", `/api/v1/htn/patients/${visited}/visits`, { readings: [{ sbp: 132, dbp: 82 }] });
    expect(visit.statusCode, visit.body).toBe(201);

    // Due today: no missed-visit reminder yet.
    await runJob();
    expect((await reminders(missed)).map((r: { kind: string }) => r.kind)).toEqual(["before_due"]);
    setTime("2026-04-12 10:00");
    await runJob();
    const texts = (await sentFor(missed)).map((r) => [r.body.template, r.body.params.dueDate]);
    expect(texts).toEqual([
      ["SMS_BEFORE_1", "2026-04-11"],
      ["SMS_MISSED_1", "2026-04-11"],
    ]);
    expect((await reminders(missed))[0]).toMatchObject({ kind: "missed_visit", dueOn: "2026-04-11", status: "sent" });
    // The visited patient's due date moved on: no missed-visit reminder.
    expect((await sentFor(visited)).map((r) => r.body.template)).toEqual(["SMS_BEFORE_1"]);
    // The day after, and after moving the clock back and forth, still one of each.
    setTime("2026-04-13 10:00");
    await runJob();
    setTime("2026-04-12 11:00");
    await runJob();
    expect(await sentFor(missed)).toHaveLength(2);
    expect(await rows(sql`select 1 from sms_reminders where patient_id = ${missed}`)).toHaveLength(2);
  });

  it("retries on a gateway error and a timeout with backoff, then sends; the same message id each time", async () => {
    setTime("2026-05-09 10:00");
    const id = await patient("121", "2026-05-10", { consent: true });
    mode = "500";
    expect(await runJob()).toMatchObject({ planned: 1, retry: 1 });
    expect((await reminders(id))[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500", nextAttemptAt: "2026-05-09T02:05:00.000Z" });
    // Not before the wait is over.
    setTime("2026-05-09 10:04");
    await runJob();
    expect(await sentFor(id)).toHaveLength(1);
    setTime("2026-05-09 10:05");
    mode = "hang";
    expect(await runJob()).toMatchObject({ retry: 1 });
    expect((await reminders(id))[0]).toMatchObject({
      status: "pending",
      attempts: 2,
      lastError: "no answer within 500 ms",
      nextAttemptAt: "2026-05-09T02:35:00.000Z",
    });
    setTime("2026-05-09 10:35");
    mode = "ok";
    expect(await runJob()).toMatchObject({ sent: 1 });
    const sends = await sentFor(id);
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((s) => s.body.messageId)).size).toBe(1);
    expect((await reminders(id))[0]).toMatchObject({ status: "sent", attempts: 3, lastError: null, nextAttemptAt: null });
  });

  it("gives up after the last retry, and at once on a 4xx", async () => {
    setTime("2026-05-19 10:00");
    const flaky = await patient("131", "2026-05-20", { consent: true });
    mode = "500";
    for (const time of ["10:00", "10:05", "10:35", "12:35"]) {
      setTime(`2026-05-19 ${time}`);
      await runJob();
    }
    expect((await reminders(flaky))[0]).toMatchObject({ status: "failed", attempts: 4, lastError: "HTTP 500", nextAttemptAt: null });
    setTime("2026-05-19 18:00");
    await runJob();
    expect(await sentFor(flaky)).toHaveLength(4);

    setTime("2026-05-20 10:00");
    const refusedByGateway = await patient("132", "2026-05-21", { consent: true });
    mode = "400";
    await runJob();
    expect((await reminders(refusedByGateway))[0]).toMatchObject({ status: "failed", attempts: 1, lastError: "HTTP 400" });
    setTime("2026-05-20 11:00");
    mode = "ok";
    await runJob();
    expect(await sentFor(refusedByGateway)).toHaveLength(1);
  });

  it("re-checks consent and phone right before sending; withdrawing consent skips what is pending", async () => {
    setTime("2026-06-09 10:00");
    const withdrawn = await patient("141", "2026-06-10", { consent: true });
    const lostPhone = await patient("142", "2026-06-10", { consent: true });
    const viaRoute = await patient("143", "2026-06-10", { consent: true });
    mode = "500";
    await runJob();
    expect((await reminders(withdrawn))[0]).toMatchObject({ status: "pending", attempts: 1 });
    // Changed behind the planner's back: the send's own check catches it.
    await ctx.database.db.execute(sql`update chronic_patients set sms_consent = false where id = ${withdrawn}`);
    await ctx.database.db.execute(sql`update chronic_patients set phone = null where id = ${lostPhone}`);
    const off = await call(doctor, "PUT", `/api/v1/htn/patients/${viaRoute}/sms-consent`, { consent: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await reminders(viaRoute))[0]).toMatchObject({ status: "skipped", skipReason: "no_consent", nextAttemptAt: null });
    setTime("2026-06-09 10:05");
    mode = "ok";
    expect(await runJob()).toMatchObject({ skipped: 2, sent: 0 });
    expect((await reminders(withdrawn))[0]).toMatchObject({ status: "skipped", skipReason: "no_consent", lastError: null });
    expect((await reminders(lostPhone))[0]).toMatchObject({ status: "skipped", skipReason: "no_phone" });
    for (const id of [withdrawn, lostPhone, viaRoute]) expect(await sentFor(id)).toHaveLength(1);
  });

  it("sends no texts at night: planned, then sent when the sending hours begin", async () => {
    setTime("2026-06-19 22:30");
    const id = await patient("151", "2026-06-20", { consent: true });
    expect(await runJob()).toMatchObject({ planned: 1, claimed: 0 });
    setTime("2026-06-20 07:59");
    await runJob();
    expect(await sentFor(id)).toEqual([]);
    setTime("2026-06-20 08:00");
    expect(await runJob()).toMatchObject({ sent: 1 });
  });

  it("two server processes never send the same reminder", async () => {
    setTime("2026-07-09 10:00");
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await patient(String(160 + i), "2026-07-10", { consent: true }));
    const config = loadConfig(env);
    const [a, b] = [0, 1].map(
      () => reminderJobs(ctx.database.db, config, ctx.app.log, () => clock, { planEveryMs: 0, timeoutMs: 2_000, batch: 3 })[0] as ReminderJob,
    );
    for (let round = 0; round < 3; round++) {
      await Promise.all([(a as ReminderJob).run(clock), (b as ReminderJob).run(clock)]);
      await Promise.all([(a as ReminderJob).idle(), (b as ReminderJob).idle()]);
    }
    const sends = (await Promise.all(ids.map(sentFor))).flat();
    expect(sends).toHaveLength(6);
    expect(new Set(sends.map((s) => s.body.messageId)).size).toBe(6);
    await Promise.all([a?.stop?.(), b?.stop?.()]);
  });

  it("stores delivery reports signed with the secret, and refuses the rest", async () => {
    setTime("2026-08-09 10:00");
    const id = await patient("171", "2026-08-10", { consent: true });
    const other = await patient("172", "2026-08-10", { consent: true });
    const skipped = await patient("173", "2026-08-10", { consent: true });
    // One failed attempt each; then the phone goes, and the retry is skipped instead of sent.
    mode = "500";
    await runJob();
    await ctx.database.db.execute(sql`update chronic_patients set phone = null where id = ${skipped}`);
    mode = "ok";
    setTime("2026-08-09 10:05");
    expect(await runJob()).toMatchObject({ sent: 2, skipped: 1 });
    const [sent] = await reminders(id);
    const [sentOther] = await reminders(other);
    const [skippedRow] = await reminders(skipped);
    expect(skippedRow).toMatchObject({ status: "skipped", skipReason: "no_phone" });
    const report = (payload: unknown, headers?: Record<string, string>) => {
      const body = JSON.stringify(payload);
      return ctx.app.inject({
        method: "POST",
        url: "/api/v1/sms/delivery-reports",
        headers: { "content-type": "application/json", ...(headers ?? sign(body, clock)) },
        payload: body,
      });
    };

    // By our id, and by the gateway's (from its answer to the send).
    setTime("2026-08-09 10:06");
    expect((await report({ messageId: sent.id, status: "delivered", at: "2026-08-09T02:05:30Z" })).statusCode).toBe(204);
    expect((await reminders(id))[0]).toMatchObject({ status: "delivered", deliveredAt: "2026-08-09T02:05:30.000Z", lastError: null });
    expect((await report({ gatewayMessageId: `gw-${sentOther.id}`, status: "undelivered", reason: "MK:0001 handset off" })).statusCode).toBe(204);
    expect((await reminders(other))[0]).toMatchObject({ status: "undelivered", deliveredAt: null, lastError: "MK:0001 handset off" });

    // Refused: no signature, another secret, an old timestamp, a body changed after signing.
    const body = { messageId: sentOther.id, status: "delivered" };
    const text = JSON.stringify(body);
    const refusals = [
      await report(body, {}),
      await report(body, sign(text, clock, "another-secret-of-enough-length")),
      await report(body, sign(text, new Date(clock.getTime() - 10 * 60_000))),
      await report(body, sign(JSON.stringify({ ...body, status: "undelivered" }), clock)),
      await report(body, { "x-medbridge-timestamp": "abc", "x-medbridge-signature": "sha256=00" }),
    ];
    expect(refusals.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    expect((await reminders(other))[0]).toMatchObject({ status: "undelivered" });

    // Signed but wrong: named fields, an unknown message, a reminder never sent.
    const paths = async (payload: unknown) => {
      const res = await report(payload);
      expect(res.statusCode, res.body).toBe(400);
      return json(res).errors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ status: "delivered" })).toEqual(["messageId"]);
    expect(await paths({ messageId: sent.id, status: "read" })).toEqual(["status"]);
    expect(await paths({ messageId: "not-a-uuid", status: "delivered" })).toEqual(["messageId"]);
    expect(await paths({ messageId: sent.id, status: "delivered", phone: "13900000171" })).toEqual(["phone"]);
    expect((await report({ messageId: "00000000-0000-4000-8000-000000000000", status: "delivered" })).statusCode).toBe(404);
    expect((await report({ messageId: skippedRow.id, status: "delivered" })).statusCode).toBe(409);
  });

  it("records consent with an audit entry that names neither the patient nor the phone", async () => {
    setTime("2026-09-01 10:00");
    const id = await patient("181", "2026-09-20");
    expect(json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`))).toMatchObject({ smsConsent: false, smsConsentAt: null });
    const on = await call(doctor, "PUT", `/api/v1/htn/patients/${id}/sms-consent`, { consent: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(json(on)).toEqual({ smsConsent: true, smsConsentAt: clock.toISOString() });
    expect(json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`))).toMatchObject({ smsConsent: true, smsConsentAt: clock.toISOString() });
    setTime("2026-09-02 10:00");
    expect(json(await call(doctor, "PUT", `/api/v1/htn/patients/${id}/sms-consent`, { consent: false }))).toEqual({
      smsConsent: false,
      smsConsentAt: clock.toISOString(),
    });
    const entries = json(await call("admin", "GET", `/api/v1/audit?entityId=${id}&action=sms_consent&pageSize=50`)).items;
    expect(entries).toHaveLength(2);
    expect(entries.map((e: { actorName: string }) => e.actorName)).toEqual([doctor, doctor]);
    const text = JSON.stringify(entries);
    expect(text).toContain('"smsConsent":true');
    expect(text).not.toContain("短信患者181");
    expect(text).not.toContain("13900000181");
    // Consent given at enrolment is in the enrolment's audit entry.
    const enrolled = await patient("182", "2026-09-20", { consent: true });
    const created = json(await call("admin", "GET", `/api/v1/audit?entityId=${enrolled}&action=create&pageSize=5`)).items;
    expect(created[0].after).toEqual({ smsConsent: true });
  });

  it("keeps consent and reminders to the patient's institution", async () => {
    setTime("2026-09-10 10:00");
    const id = await patient("191", "2026-09-20", { consent: true });
    const audits = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'sms_consent'`))[0]?.n;
    const before = await audits();
    const body = { consent: false };
    // Writes out of scope answer 403, reads 404; officials and the hospital never read register patients.
    for (const who of ["yn.township.doctor", "gz.county.coord", "gz.official", "admin"]) {
      expect((await call(who, "PUT", `/api/v1/htn/patients/${id}/sms-consent`, body)).statusCode, who).toBe(403);
    }
    for (const who of ["yn.township.doctor", "gz.county.coord", "gz.official"]) {
      expect((await call(who, "GET", `/api/v1/htn/patients/${id}/reminders`)).statusCode, who).toBe(404);
    }
    expect((await call("admin", "GET", `/api/v1/htn/patients/${id}/reminders`)).statusCode).toBe(200);
    expect((await call(doctor, "PUT", "/api/v1/htn/patients/00000000-0000-4000-8000-000000000000/sms-consent", body)).statusCode).toBe(404);
    expect((await call(doctor, "GET", "/api/v1/htn/patients/00000000-0000-4000-8000-000000000000/reminders")).statusCode).toBe(404);
    expect(await audits()).toBe(before);
    expect(json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`)).smsConsent).toBe(true);
  });

  it("names the field of bad input", async () => {
    setTime("2026-09-15 10:00");
    const id = await patient("195", "2026-09-20");
    const paths = async (method: "PUT" | "POST", url: string, body: unknown) => {
      const res = await call(doctor, method, url, body);
      expect(res.statusCode, res.body).toBe(400);
      return json(res).errors.map((e: { path: string }) => e.path);
    };
    const consent = `/api/v1/htn/patients/${id}/sms-consent`;
    expect(await paths("PUT", consent, {})).toEqual(["consent"]);
    expect(await paths("PUT", consent, { consent: "yes" })).toEqual(["consent"]);
    expect(await paths("PUT", consent, { consent: 1 })).toEqual(["consent"]);
    expect(await paths("PUT", consent, { consent: true, phone: "13900000000" })).toEqual(["phone"]);
    const enrol = { patient: { name: "短信患者196", sex: "male", birthDate: "1950-02-03", idNumber: idNumber("1950-02-03", "196") } };
    expect(await paths("POST", "/api/v1/htn/patients", { ...enrol, smsConsent: "yes" })).toEqual(["smsConsent"]);
    expect((await call(doctor, "PUT", "/api/v1/htn/patients/not-a-uuid/sms-consent", { consent: true })).statusCode).toBe(400);
    expect(json(await call(doctor, "GET", `/api/v1/htn/patients/${id}`)).smsConsent).toBe(false);
  });
});

describe("SMS gateway configuration", () => {
  const base = {
    MEDBRIDGE_SMS_URL: "https://sms.example.gov.cn/send",
    MEDBRIDGE_SMS_SECRET: SECRET,
    MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE: "SMS_1",
    MEDBRIDGE_SMS_TEMPLATE_MISSED: "SMS_2",
  };
  const production = {
    NODE_ENV: "production",
    MEDBRIDGE_DATA_KEY: Buffer.alloc(32, 1).toString("base64"),
    MEDBRIDGE_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
  };

  it("is off without a URL, and complete with one", () => {
    expect(loadConfig({}).sms).toBeNull();
    expect(loadConfig(base).sms).toEqual({
      url: base.MEDBRIDGE_SMS_URL,
      secret: SECRET,
      sender: null,
      templates: { before_due: "SMS_1", missed_visit: "SMS_2" },
    });
  });

  it("refuses a half configuration, a short secret, a bad template, and http in production", () => {
    expect(() => loadConfig({ MEDBRIDGE_SMS_SECRET: SECRET })).toThrow(/MEDBRIDGE_SMS_SECRET is set but MEDBRIDGE_SMS_URL is not/);
    expect(() => loadConfig({ ...base, MEDBRIDGE_SMS_SECRET: "short" })).toThrow(/MEDBRIDGE_SMS_SECRET/);
    expect(() => loadConfig({ ...base, MEDBRIDGE_SMS_TEMPLATE_MISSED: "" })).toThrow(/MEDBRIDGE_SMS_TEMPLATE_MISSED is required/);
    expect(() => loadConfig({ ...base, MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE: "请您明天来随访" })).toThrow(
      /MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE must be a template id/,
    );
    expect(() => loadConfig({ ...base, MEDBRIDGE_SMS_URL: "ftp://sms.example.gov.cn" })).toThrow(/MEDBRIDGE_SMS_URL must use http/);
    expect(() => loadConfig({ ...base, MEDBRIDGE_SMS_URL: "https://user:pw@sms.example.gov.cn" })).toThrow(/MEDBRIDGE_SMS_URL must not carry/);
    expect(() => loadConfig({ ...production, ...base, MEDBRIDGE_SMS_URL: "http://sms.example.gov.cn/send" })).toThrow(/MEDBRIDGE_SMS_URL must use https/);
    expect(loadConfig({ ...production, ...base }).sms?.url).toBe(base.MEDBRIDGE_SMS_URL);
  });
});
