import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES, REFERRAL_BODY_LIMIT } from "../src/referral/attachments.ts";
import { expireOverdue, warnExpiringSoon } from "../src/referral/referrals.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { idNumberFor as idNumber, referUp } from "./helpers/referrals.ts";

describe.each(BACKENDS)("two-way referral API on %s", (backend) => {
  let ctx: TestContext;
  const clock = new Date("2026-03-02T01:00:00Z");
  let county: { id: string };
  let township: { id: string };
  const tomorrow = () => new Date(clock.getTime() + 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = { id: (await me("gz.county.coord")).institutionId };
    township = { id: (await me("gz.township.doctor")).institutionId };
  });
  afterAll(() => ctx.close());

  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const count = async (table: string) =>
    ((await ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  const referral = (overrides: Record<string, unknown> = {}) => ({
    direction: "up",
    priority: "green_channel",
    toInstitutionId: county.id,
    department: "心血管内科",
    patient: { name: "示例患者", sex: "female", birthDate: "1961-05-02", idNumber: idNumber("1961-05-02"), phone: "13800000000" },
    reason: { icd10: "I10", text: "原发性高血压，控制不佳" },
    summary: "血压 182/112 mmHg，头痛。",
    submit: true,
    ...overrides,
  });
  const publishSlot = async (reserved: number, department = "心血管内科") => {
    const response = await call("gz.county.coord", "POST", "/api/v1/slots", { institutionId: county.id, department, date: tomorrow(), reserved });
    expect(response.statusCode, response.body).toBe(201);
    return json(response).id as string;
  };

  it("runs the whole up-referral journey and returns the patient down with a follow-up", async () => {
    const slotId = await publishSlot(3);
    const created = await call("gz.township.doctor", "POST", "/api/v1/referrals", referral());
    expect(created.statusCode, created.body).toBe(201);
    const r = json(created);
    expect(r).toMatchObject({ status: "submitted", priority: "green_channel", slaDeadline: "2026-03-02T01:30:00.000Z", allowedActions: ["cancel"] });
    expect(r.patient.idNumber).toBe(idNumber("1961-05-02"));

    const incoming = json(await call("gz.county.coord", "GET", "/api/v1/referrals?role=incoming&status=submitted&pageSize=200"));
    const mine = incoming.items.find((x: { id: string }) => x.id === r.id);
    expect(mine.patient.idNumber).toMatch(/^\*{16}\w{2}$/);
    // Green channel first: nothing routine comes before it.
    const priorities = incoming.items.map((x: { priority: string }) => x.priority);
    expect(priorities.indexOf("routine") === -1 || priorities.lastIndexOf("green_channel") < priorities.indexOf("routine")).toBe(true);

    const step = async (who: string, body: object) => {
      const response = await call(who, "POST", `/api/v1/referrals/${r.id}/transitions`, body);
      expect(response.statusCode, response.body).toBe(200);
      return json(response);
    };
    expect((await step("gz.county.coord", { action: "accept", note: "同意接收" })).status).toBe("accepted");
    expect((await step("gz.county.coord", { action: "schedule", slotId })).status).toBe("scheduled");
    expect(
      json(await call("gz.township.doctor", "GET", `/api/v1/slots?institutionId=${county.id}`)).items.find((s: { id: string }) => s.id === slotId),
    ).toMatchObject({ booked: 1, available: 2 });
    expect((await step("gz.county.coord", { action: "arrive" })).status).toBe("arrived");
    const done = await step("gz.county.coord", { action: "complete", note: "血压控制", downReferral: { summary: "出院小结：氨氯地平 5 mg qd，两周后复诊。" } });
    expect(done.status).toBe("completed");

    const history = json(await call("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}/history`)).items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["submit", "accept", "schedule", "arrive", "complete"]);
    expect(history[1]).toMatchObject({ actor: "gz.county.coord", from: "submitted", to: "accepted", note: "同意接收" });

    const down = json(await call("gz.township.doctor", "GET", "/api/v1/referrals?role=incoming&direction=down&pageSize=200")).items.find(
      (x: { parentId: string }) => x.parentId === r.id,
    );
    expect(down).toMatchObject({ parentId: r.id, direction: "down", status: "submitted", toInstitutionId: township.id });
    expect(down.summary).toContain("出院小结");
  });

  it("lets the sender book a slot with the referral; the receiver's schedule confirms it, a rejection gives it back", async () => {
    const slotId = await publishSlot(2, "内分泌科");
    const slotOf = async () =>
      json(await call("gz.township.doctor", "GET", `/api/v1/slots?institutionId=${county.id}&department=${encodeURIComponent("内分泌科")}`)).items[0];
    const held = json(await call("gz.township.doctor", "POST", "/api/v1/referrals", referral({ department: "内分泌科", slotId })));
    expect(held.slotId).toBe(slotId);
    expect((await slotOf()).booked).toBe(1);
    await call("gz.county.coord", "POST", `/api/v1/referrals/${held.id}/transitions`, { action: "accept" });
    const scheduled = json(await call("gz.county.coord", "POST", `/api/v1/referrals/${held.id}/transitions`, { action: "schedule" }));
    expect(scheduled.status).toBe("scheduled");
    expect((await slotOf()).booked).toBe(1);
    const second = json(await call("gz.township.doctor", "POST", "/api/v1/referrals", referral({ department: "内分泌科", slotId })));
    expect((await slotOf()).booked).toBe(2);
    const full = await call("gz.township.doctor", "POST", "/api/v1/referrals", referral({ department: "内分泌科", slotId }));
    expect(full.statusCode).toBe(409);
    await call("gz.county.coord", "POST", `/api/v1/referrals/${second.id}/transitions`, { action: "reject", note: "请改约" });
    expect((await slotOf()).booked).toBe(1);
  });

  it("lets only the right side act, and says what is allowed in a 409", async () => {
    const r = json(await call("gz.township.doctor", "POST", "/api/v1/referrals", referral({ priority: "routine" })));
    const act = (who: string, body: object) => call(who, "POST", `/api/v1/referrals/${r.id}/transitions`, body);
    expect((await act("gz.township.doctor", { action: "accept" })).statusCode).toBe(403);
    expect((await act("gz.county.coord", { action: "cancel", note: "x" })).statusCode).toBe(403);
    const early = await act("gz.county.coord", { action: "arrive" });
    expect(early.statusCode).toBe(409);
    expect(json(early).detail).toContain("allowed now: accept, reject");
    expect((await act("gz.county.coord", { action: "reject" })).statusCode).toBe(400);
    expect(json(await act("gz.county.coord", { action: "reject", note: "本院无床位" })).status).toBe("rejected");
    expect((await act("yn.township.doctor", { action: "cancel", note: "x" })).statusCode).toBe(404);
  });

  it("books 5 reserved units for exactly 5 of 20 parallel schedules", async () => {
    const slotId = await publishSlot(5, "神经内科");
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = json(
        await call(
          "gz.township.doctor",
          "POST",
          "/api/v1/referrals",
          referral({ department: "神经内科", priority: "urgent", patient: { ...referral().patient, idNumber: idNumber("1961-05-02", String(200 + i)) } }),
        ),
      );
      await call("gz.county.coord", "POST", `/api/v1/referrals/${r.id}/transitions`, { action: "accept" });
      ids.push(r.id);
    }
    const cookie = await ctx.login("gz.county.coord");
    const results = await Promise.all(
      ids.map((id) =>
        ctx.app.inject({ method: "POST", url: `/api/v1/referrals/${id}/transitions`, headers: { cookie }, payload: { action: "schedule", slotId } }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    const slot = json(await call("gz.county.coord", "GET", `/api/v1/slots?institutionId=${county.id}&department=${encodeURIComponent("神经内科")}`)).items[0];
    expect(slot).toMatchObject({ reserved: 5, booked: 5, available: 0 });
    const scheduled = (
      (await ctx.database.db.execute(sql`select count(*)::int as n from referrals where slot_id = ${slotId} and status = 'scheduled'`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n;
    expect(scheduled).toBe(5);
  });

  it("expires an unanswered green-channel referral after 30 minutes", async () => {
    const r = json(await call("gz.township.doctor", "POST", "/api/v1/referrals", referral()));
    expect(await expireOverdue(ctx.database.db, new Date(clock.getTime() + 29 * 60_000))).toBe(0);
    expect(await expireOverdue(ctx.database.db, new Date(clock.getTime() + 31 * 60_000))).toBeGreaterThan(0);
    const after = json(await call("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}`));
    expect(after.status).toBe("expired");
    const history = json(await call("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}/history`)).items;
    expect(history.at(-1)).toMatchObject({ actor: "system", action: "expire", to: "expired" });
  });

  it("warns the receiver once when the last quarter of the SLA begins", async () => {
    const r = json(await call("gz.township.doctor", "POST", "/api/v1/referrals", referral({ priority: "urgent" })));
    const warnedFor = async () =>
      json(await call("gz.county.coord", "GET", "/api/v1/notifications")).items.filter(
        (n: { referralId: string; kind: string }) => n.referralId === r.id && n.kind === "expiring",
      ).length;
    await warnExpiringSoon(ctx.database.db, new Date(clock.getTime() + 89 * 60_000));
    expect(await warnedFor()).toBe(0);
    expect(await warnExpiringSoon(ctx.database.db, new Date(clock.getTime() + 91 * 60_000))).toBeGreaterThan(0);
    await warnExpiringSoon(ctx.database.db, new Date(clock.getTime() + 100 * 60_000));
    expect(await warnedFor()).toBe(1);
    // Past the deadline it expires instead; no warning is sent for what already ran out.
    expect(await warnExpiringSoon(ctx.database.db, new Date(clock.getTime() + 200 * 60_000))).toBe(0);
  });

  it("keeps attachments with the referral for the two institutions only, and audits downloads", async () => {
    const pdf = Buffer.from("%PDF-1.4\n% 心电图报告\n%%EOF\n");
    const created = await call(
      "gz.township.doctor",
      "POST",
      "/api/v1/referrals",
      referral({ attachments: [{ filename: "心电图.pdf", contentType: "application/pdf", data: pdf.toString("base64") }] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const r = json(created);
    expect(r.attachments).toEqual([{ id: expect.any(String), filename: "心电图.pdf", contentType: "application/pdf", size: pdf.length }]);
    const url = `/api/v1/referrals/${r.id}/attachments/${r.attachments[0].id}`;
    const download = await call("gz.county.coord", "GET", url);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await call("yn.township.doctor", "GET", url)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", url)).statusCode).toBe(404);
    expect((await call("gz.county.coord", "GET", `/api/v1/referrals/${r.id}/attachments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const reads = json(await call("admin", "GET", `/api/v1/audit?entityId=${r.id}&action=read_patient&pageSize=50`)).items;
    expect(reads.map((e: { actorName: string }) => e.actorName)).toContain("gz.county.coord");
  });

  it("masks the ID number for all but the two institutions' clinicians, and audits reads", async () => {
    const r = json(await call("gz.township.doctor", "POST", "/api/v1/referrals", referral({ submit: false })));
    expect(json(await call("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}`)).patient.idNumber).toBe(idNumber("1961-05-02"));
    expect((await call("gz.county.coord", "GET", `/api/v1/referrals/${r.id}`)).statusCode).toBe(200);
    expect((await call("yn.township.doctor", "GET", `/api/v1/referrals/${r.id}`)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", `/api/v1/referrals/${r.id}`)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", "/api/v1/referrals")).statusCode).toBe(403);
    const admin = json(await call("admin", "GET", `/api/v1/referrals/${r.id}`));
    expect(admin.patient.idNumber).toBe(`****************${idNumber("1961-05-02").slice(-2)}`);
    const reads = json(await call("admin", "GET", `/api/v1/audit?entityId=${r.id}&action=read_patient&pageSize=50`)).items.map(
      (e: { actorName: string }) => e.actorName,
    );
    expect(reads).toEqual(expect.arrayContaining(["gz.township.doctor", "admin"]));
    const stored = (
      (await ctx.database.db.execute(sql`select patient_id_cipher from referrals where id = ${r.id}`)) as unknown as { rows: { patient_id_cipher: string }[] }
    ).rows[0]?.patient_id_cipher;
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(idNumber("1961-05-02"));
  });

  it("feeds the indicators with counts, never patients, in the caller's scope", async () => {
    const day = clock.toISOString().slice(0, 10);
    const stats = json(await call("gz.official", "GET", `/api/v1/referrals/stats?from=${day}&to=${tomorrow()}`));
    expect(stats.up).toBeGreaterThanOrEqual(24);
    expect(stats.down).toBeGreaterThanOrEqual(1);
    expect(stats.slaBreaches).toBeGreaterThanOrEqual(1);
    expect(stats.acceptanceHours.median).toBe(0);
    expect(stats.rejectionReasons.map((r: { reason: string }) => r.reason)).toEqual(expect.arrayContaining(["本院无床位", "请改约"]));
    expect(stats.slots.reserved).toBeGreaterThanOrEqual(10);
    expect(stats.slots.utilisation).toBeGreaterThan(0);
    expect(JSON.stringify(stats)).not.toContain("示例患者");
    const county = json(await call("gz.official", "GET", `/api/v1/referrals/stats?from=${day}&to=${tomorrow()}&regionCode=522622`));
    expect(county.up).toBe(stats.up);
    expect((await call("gz.official", "GET", `/api/v1/referrals/stats?from=${day}&to=${tomorrow()}&regionCode=530000`)).statusCode).toBe(403);
    const yunnan = json(await call("yn.township.doctor", "GET", `/api/v1/referrals/stats?from=${day}&to=${tomorrow()}`));
    expect(yunnan).toMatchObject({ up: 0, down: 0, slots: { reserved: 0 } });
  });

  it("rejects bad input with the field named and writes nothing", async () => {
    const before = await Promise.all(["referrals", "slots", "referral_events"].map(count));
    const attachmentsBefore = await count("referral_attachments");
    const path = async (who: string, url: string, payload: object) => json(await call(who, "POST", url, payload)).errors?.map((e: { path: string }) => e.path);
    // The create statement checks the institutions itself: a refused one must not index the patient
    // nor notify anyone (its side effects hang on the inserted row).
    const sideEffectsBefore = await Promise.all(["patients", "notifications", "webhook_deliveries"].map(count));
    const newcomer = { ...referral().patient, birthDate: "1950-01-01", idNumber: idNumber("1950-01-01") };
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ patient: newcomer, direction: "down" }))).toEqual(["direction"]);
    expect(
      await path("gz.township.doctor", "/api/v1/referrals", referral({ patient: newcomer, toInstitutionId: "00000000-0000-4000-8000-000000000000" })),
    ).toEqual(["toInstitutionId"]);
    expect(await Promise.all(["patients", "notifications", "webhook_deliveries"].map(count))).toEqual(sideEffectsBefore);
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ toInstitutionId: "00000000-0000-4000-8000-000000000000" }))).toContain(
      "toInstitutionId",
    );
    const wrongCheck = idNumber("1961-05-02").slice(0, 17) + (idNumber("1961-05-02").endsWith("1") ? "2" : "1");
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ patient: { ...referral().patient, idNumber: wrongCheck } }))).toEqual([
      "patient.idNumber",
    ]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ patient: { ...referral().patient, birthDate: "1962-05-02" } }))).toEqual([
      "patient.birthDate",
    ]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ direction: "down" }))).toEqual(["direction"]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ reason: { icd10: "hypertension", text: "x" } }))).toEqual(["reason.icd10"]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", referral({ summary: "x".repeat(6000) }))).toEqual(["summary"]);
    expect(await path("gz.county.coord", "/api/v1/slots", { institutionId: county.id, department: "心内科", date: "2020-01-01", reserved: 2 })).toEqual([
      "date",
    ]);
    expect(await path("gz.county.coord", "/api/v1/slots", { institutionId: county.id, department: "心内科", date: tomorrow(), reserved: -3 })).toEqual([
      "reserved",
    ]);
    expect(
      (await call("gz.township.doctor", "POST", "/api/v1/slots", { institutionId: county.id, department: "心内科", date: tomorrow(), reserved: 2 })).statusCode,
    ).toBe(403);
    const huge = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/referrals",
      headers: { cookie: await ctx.login("gz.township.doctor"), "content-type": "application/json" },
      payload: JSON.stringify(referral({ summary: "y".repeat(REFERRAL_BODY_LIMIT + 1) })),
    });
    expect(huge.statusCode).toBe(413);
    const file = (bytes: Buffer, contentType = "application/pdf") => ({ filename: "报告.pdf", contentType, data: bytes.toString("base64") });
    const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-"), Buffer.alloc(size - 5, 0x20)]);
    const withFiles = (...files: object[]) => referral({ attachments: files });
    expect(await path("gz.township.doctor", "/api/v1/referrals", withFiles(file(pdf(MAX_ATTACHMENT_BYTES + 1))))).toEqual(["attachments[0].data"]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", withFiles(file(pdf(100)), file(pdf(3 * 1024 * 1024))))).toEqual(["attachments[1].data"]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", withFiles(file(Buffer.from("MZ not a pdf"))))).toEqual(["attachments[0].data"]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", withFiles(file(pdf(100), "application/x-msdownload")))).toEqual([
      "attachments[0].contentType",
    ]);
    expect(await path("gz.township.doctor", "/api/v1/referrals", withFiles(...Array.from({ length: 6 }, () => file(pdf(10)))))).toEqual(["attachments"]);
    expect(await Promise.all(["referrals", "slots", "referral_events", "referral_attachments"].map(count))).toEqual([...before, attachmentsBefore]);
  });
});

describe("referral notifications and webhooks", () => {
  it("notifies the other side in-app and calls the institution's webhook with an HMAC signature, retrying after a failure", async () => {
    const { createServer } = await import("node:http");
    const { signature, deliverWebhooks } = await import("../src/notify/webhook-delivery.ts");
    const { loadConfig } = await import("../src/config.ts");
    const { webhookPolicy } = await import("../src/notify/webhook-target.ts");
    const received: { body: string; signature: string | undefined }[] = [];
    let failFirst = true;
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        received.push({ body, signature: req.headers["x-medbridge-signature"] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
    const port = (hook.address() as { port: number }).port;
    // The listener is on loopback, which webhooks may reach only when the operator allows it.
    const allow = { MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1" };
    const ctx = await demoApp("pglite", undefined, allow);
    try {
      const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
      const county = (await me("gz.county.coord")).institutionId;
      const secret = "a-long-enough-webhook-secret";
      const set = await ctx.app.inject({
        method: "PUT",
        url: "/api/v1/webhooks",
        headers: { cookie: await ctx.login("gz.county.coord") },
        payload: { institutionId: county, url: `http://127.0.0.1:${port}/his`, secret },
      });
      expect(set.statusCode).toBe(204);
      expect(
        (
          await ctx.app.inject({
            method: "PUT",
            url: "/api/v1/webhooks",
            headers: { cookie: await ctx.login("zj.city.coord") },
            payload: { institutionId: county, url: "http://127.0.0.1:1/x", secret },
          })
        ).statusCode,
      ).toBe(403);
      const created = await referUp(ctx, county);
      expect(created.statusCode, created.body).toBe(201);
      const referralId = json(created).id;
      const inbox = json(await ctx.app.inject({ url: "/api/v1/notifications?unread=true", headers: { cookie: await ctx.login("gz.county.coord") } }));
      expect(inbox.items.find((n: { referralId: string }) => n.referralId === referralId)).toMatchObject({
        kind: "incoming",
        title: "新的转入申请",
        read: false,
      });
      const config = loadConfig(allow);
      const options = { policy: webhookPolicy(config) };
      const t0 = new Date();
      expect(await deliverWebhooks(ctx.database.db, config.dataKey, t0, options)).toBe(0);
      // Backoff: not retried before a minute has passed, delivered after.
      expect(await deliverWebhooks(ctx.database.db, config.dataKey, new Date(t0.getTime() + 30_000), options)).toBe(0);
      expect(await deliverWebhooks(ctx.database.db, config.dataKey, new Date(t0.getTime() + 61_000), options)).toBe(1);
      expect(received).toHaveLength(1);
      const delivered = received[0] as { body: string; signature: string };
      expect(JSON.parse(delivered.body)).toEqual({ event: "referral.incoming", referralId, status: "submitted", priority: "urgent" });
      expect(delivered.signature).toBe(signature(secret, delivered.body));
      expect(delivered.body).not.toContain("示例患者");
    } finally {
      hook.close();
      await ctx.close();
    }
  });
});
