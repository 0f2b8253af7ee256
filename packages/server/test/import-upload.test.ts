import { randomBytes } from "node:crypto";
import { type IncomingHttpHeaders, request } from "node:http";
import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES, REFERRAL_BODY_LIMIT } from "../src/referral/attachments.ts";
import { DEFAULT_UPLOAD_GATE, LARGE_BODY_BYTES } from "../src/referral/upload-gate.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real server on loopback for the demo world. */
async function listening(backend: (typeof BACKENDS)[number]): Promise<{ ctx: TestContext; base: string }> {
  const ctx = await demoApp(backend);
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  const address = ctx.app.server.address() as { port: number };
  return { ctx, base: `http://127.0.0.1:${address.port}` };
}

describe.each(BACKENDS)("large imports on %s", (backend) => {
  let ctx: TestContext;
  let base: string;
  let cookie: string;
  let counties: string[];
  beforeAll(async () => {
    ({ ctx, base } = await listening(backend));
    cookie = await ctx.login("admin");
    counties = (
      (await ctx.database.db.execute(sql`select code from regions where leaf and code like '52%' order by code limit 40`)) as unknown as {
        rows: { code: string }[];
      }
    ).rows.map((r) => r.code);
  });
  afterAll(() => ctx.close());

  const csv = (names: string[]) => `name,kind,region_code\n${names.map((n, i) => `${n},village_clinic,${counties[i % counties.length]}`).join("\n")}\n`;
  const post = (body: string) => fetch(`${base}/api/v1/institutions/import`, { method: "POST", headers: { cookie, "content-type": "text/csv" }, body });
  const countLike = async (prefix: string) =>
    (
      (await ctx.database.db.execute(sql`select count(*)::int as n from institutions where name like ${`${prefix}%`}`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n;

  it("answers other requests while a 4,000-row file is imported", async () => {
    // On PGlite the whole import used to be one task of the event loop: nothing else was answered.
    const names = Array.from({ length: 4000 }, (_, i) => `示例大批导入卫生室${i}`);
    let done = false;
    const started = performance.now();
    const importing = post(csv(names)).then(async (response) => {
      done = true;
      return { status: response.status, body: await response.json(), seconds: (performance.now() - started) / 1000 };
    });
    const polls: { ms: number; beforeImportEnded: boolean }[] = [];
    while (!done) {
      const t0 = performance.now();
      await (await fetch(`${base}/api/v1/health`)).arrayBuffer();
      polls.push({ ms: performance.now() - t0, beforeImportEnded: !done });
      await sleep(20);
    }
    const result = await importing;
    expect(result.status, JSON.stringify(result.body).slice(0, 300)).toBe(200);
    expect(result.body).toMatchObject({ rows: 4000, imported: 4000 });
    const during = polls.filter((p) => p.beforeImportEnded);
    expect(during.length, `polls answered during a ${result.seconds.toFixed(1)} s import`).toBeGreaterThanOrEqual(5);
    expect(Math.max(...during.map((p) => p.ms))).toBeLessThan((result.seconds * 1000) / 2);
    expect(await countLike("示例大批导入卫生室")).toBe(4000);
  });

  it("stays all-or-nothing when a row fails late, in the last chunk written", async () => {
    const db = ctx.database.db;
    // A late failure the checks cannot foresee (as a concurrent insert of the same name would be).
    await db.execute(
      sql.raw(`create function import_fails_late() returns trigger language plpgsql as $$
        begin if new.name = '示例迟败卫生室1150' then raise exception 'late failure' using errcode = '23505'; end if; return new; end $$`),
    );
    await db.execute(sql.raw("create trigger import_fails_late before insert on institutions for each row execute function import_fails_late()"));
    try {
      const response = await post(csv(Array.from({ length: 1200 }, (_, i) => `示例迟败卫生室${i}`)));
      expect(response.status).toBe(409);
      expect(await countLike("示例迟败卫生室")).toBe(0);
      const audited = (await db.execute(
        sql`select count(*)::int as n from audit_log where entity = 'institution' and after->>'name' like '示例迟败卫生室%'`,
      )) as unknown as { rows: { n: number }[] };
      expect(audited.rows[0]?.n).toBe(0);
    } finally {
      await db.execute(sql.raw("drop trigger import_fails_late on institutions"));
      await db.execute(sql.raw("drop function import_fails_late()"));
    }
  });

  it("finds a name repeated far apart in the file although rows are checked in chunks", async () => {
    const names = Array.from({ length: 1500 }, (_, i) => `示例远重卫生室${i}`);
    // Same county as row 2 (counties repeat every counties.length rows).
    const last = counties.length * 37;
    names[last] = names[0] as string;
    const response = await post(csv(names));
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      { path: `rows[${last + 2}].name`, code: "duplicate", params: { scope: "file" }, message: "appears twice in this file for the same county" },
    ]);
    expect(await countLike("示例远重卫生室")).toBe(0);
  });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A POST on a socket of its own, the body written by the caller (so it can stall halfway). */
function rawPost(base: string, headers: Record<string, string | number>) {
  const req = request(`${base}/api/v1/referrals`, { method: "POST", headers, agent: false });
  const answer = new Promise<Answer>((resolve, reject) => {
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      // Node closes the connection after answering a request whose body it did not read.
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      res.on("end", done);
      res.on("close", done);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
  });
  answer.catch(() => {});
  req.flushHeaders();
  return { req, answer };
}

describe.each(BACKENDS)("large referral uploads on %s", (backend) => {
  let ctx: TestContext;
  let base: string;
  let cookie: string;
  let county: string;
  beforeAll(async () => {
    ({ ctx, base } = await listening(backend));
    cookie = await ctx.login("gz.township.doctor");
    county = json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login("gz.county.coord") } })).institutionId;
  });
  afterAll(() => ctx.close());

  const first17 = "52262219610502123";
  const referral = (attachments: object[]) => ({
    direction: "up",
    priority: "urgent",
    toInstitutionId: county,
    department: "心血管内科",
    patient: { name: "示例上传患者", sex: "male", birthDate: "1961-05-02", idNumber: first17 + idCheckCharacter(first17) },
    reason: { icd10: "I10", text: "高血压，附影像" },
    submit: true,
    attachments,
  });

  it(`admits ${DEFAULT_UPLOAD_GATE.permits} large bodies at a time, queues ${DEFAULT_UPLOAD_GATE.queue} and refuses the next with 503 and Retry-After`, async () => {
    const { permits, queue } = DEFAULT_UPLOAD_GATE;
    const large = { cookie, "content-type": "application/json" };
    // Holders: admitted, their bodies half sent and stalled.
    const holders = Array.from({ length: permits }, () => rawPost(base, { ...large, "content-length": 2 * 1024 * 1024 }));
    for (const h of holders) h.req.write(`{"summary":"${" ".repeat(1000)}`);
    await sleep(300);
    // Waiters: complete bodies, just over the large-body size (JSON that fails validation: 400 once read).
    const waitBody = `{${" ".repeat(LARGE_BODY_BYTES + 1000)}}`;
    const waiters = Array.from({ length: queue }, () => {
      const w = rawPost(base, { ...large, "content-length": Buffer.byteLength(waitBody) });
      w.req.end(waitBody);
      return w;
    });
    await sleep(500);
    let answered = 0;
    for (const w of waiters) void w.answer.then(() => answered++);
    const refused = rawPost(base, { ...large, "content-length": Buffer.byteLength(waitBody) });
    refused.req.write("{");
    const refusal = await Promise.race([refused.answer, sleep(10_000).then(() => ({ status: 0, headers: {}, body: "no answer in 10 s" }) as Answer)]);
    refused.req.destroy();
    expect(refusal.status).toBe(503);
    expect(refusal.headers["retry-after"]).toBe(String(DEFAULT_UPLOAD_GATE.retryAfterSeconds));
    expect(refusal.headers["content-type"]).toMatch(/^application\/problem\+json/);
    await sleep(200);
    expect(answered, "no waiter is answered while the holders hold the permits").toBe(0);
    // The holders give up; the waiters go through, and get the validation answer for their body.
    for (const h of holders) h.req.destroy();
    const answers = await Promise.all(waiters.map((w) => w.answer));
    expect(answers.map((a) => a.status)).toEqual(waiters.map(() => 400));
    // Permits are all back: a small referral and a large one still go through.
    const pdf = Buffer.concat([Buffer.from("%PDF-"), randomBytes(LARGE_BODY_BYTES)]);
    const created = await fetch(`${base}/api/v1/referrals`, {
      method: "POST",
      headers: large,
      body: JSON.stringify(referral([{ filename: "报告.pdf", contentType: "application/pdf", data: pdf.toString("base64") }])),
    });
    expect(created.status, await created.clone().text()).toBe(201);
  });

  it("refuses a body over the limit with 413 before reading it, with or without a length", async () => {
    const declared = rawPost(base, { cookie, "content-type": "application/json", "content-length": REFERRAL_BODY_LIMIT + 1 });
    // Nothing of the body is sent: the answer cannot have waited for it.
    const early = await declared.answer;
    declared.req.destroy();
    expect(early.status).toBe(413);
    expect(JSON.parse(early.body)).toMatchObject({ status: 413, errors: [{ path: "(body)" }] });

    // Without a length the bytes are counted as they come: past the limit the answer is 413 although
    // the body has not ended (the client stops there and waits).
    const chunked = rawPost(base, { cookie, "content-type": "application/json", "transfer-encoding": "chunked" });
    const piece = Buffer.alloc(256 * 1024, 0x20);
    for (let sent = 0; sent <= REFERRAL_BODY_LIMIT; sent += piece.length) {
      if (!chunked.req.write(piece)) await new Promise((resolve) => chunked.req.once("drain", resolve));
    }
    const late = await chunked.answer;
    chunked.req.destroy();
    expect(late.status).toBe(413);
  });

  it("stores large files byte for byte and names a bad one", async () => {
    const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(size - 4)]);
    // Sizes that end on each base64 padding, one over the size decoded in place and one under it.
    const files = [png(MAX_ATTACHMENT_BYTES), png(1_500_001), png(1_500_002), png(100)];
    const response = await fetch(`${base}/api/v1/referrals`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(referral(files.map((f, i) => ({ filename: `片${i}.png`, contentType: "image/png", data: f.toString("base64") })))),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = await response.json();
    for (const [i, file] of files.entries()) {
      const download = await fetch(`${base}/api/v1/referrals/${created.id}/attachments/${created.attachments[i].id}`, { headers: { cookie } });
      expect(Buffer.from(await download.arrayBuffer()).equals(file), `file ${i}`).toBe(true);
    }
    // Not base64 (URL-safe characters): the schema still names the field.
    const bad = png(200_000).toString("base64").replace(/\+/g, "-");
    const refused = await fetch(`${base}/api/v1/referrals`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(referral([{ filename: "坏.png", contentType: "image/png", data: bad }])),
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.map((e: { path: string }) => e.path)).toEqual(["attachments[0].data"]);
  });
});
