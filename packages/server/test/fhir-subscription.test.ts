import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Bundle, Subscription, Task } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { SUBSCRIPTION_SECRET_EXTENSION, subscriptionRenderer } from "../src/fhir/subscription.ts";
import { deliverWebhooks, MAX_ATTEMPTS, signature } from "../src/notify/webhook-delivery.ts";
import { webhookPolicy } from "../src/notify/webhook-target.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { expectValidFhir, fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";
import { upReferral } from "./helpers/referrals.ts";

/** What a hospital system's listener heard: one request each. */
interface Heard {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const listen = (server: Server) => new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as { port: number }).port)));
const ENV = { MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1" };

describe.each(BACKENDS)("FHIR Subscription (rest-hook on Task) on %s", (backend) => {
  let ctx: TestContext;
  let server: Server;
  let port: number;
  const heard: Heard[] = [];
  let county: string;
  let city: string;
  let countyToken: string;
  let cityToken: string;
  let yunnanToken: string;
  let adminToken: string;
  const config = loadConfig(ENV);
  // Deliveries are due from the database's now(); the job's clock runs from a little past it.
  let at = Date.now();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        heard.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(req.url?.startsWith("/failing") ? 500 : 204).end();
      });
    });
    port = await listen(server);
    ctx = await demoApp(backend, undefined, ENV);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    city = (await me("zj.city.coord")).institutionId;
    countyToken = await tokenFor(ctx, "gz.county.coord");
    cityToken = await tokenFor(ctx, "zj.city.coord");
    yunnanToken = await tokenFor(ctx, "yn.township.doctor");
    adminToken = await tokenFor(ctx, "admin");
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise((r) => server.close(r));
  });

  const call = async (who: string, method: "GET" | "POST", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
  /** The township refers a patient up to the county hospital (submitted). */
  const refer = async () => {
    const response = await call("gz.township.doctor", "POST", "/api/v1/referrals", upReferral(county));
    expect(response.statusCode, response.body).toBe(201);
    return json(response).id as string;
  };
  const act = async (who: string, id: string, body: object) => {
    const response = await call(who, "POST", `/api/v1/referrals/${id}/transitions`, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  /** Runs the delivery job once at the test clock and returns what the listener heard meanwhile. */
  const deliver = async (advanceMs = 0) => {
    at = Math.max(at, Date.now()) + advanceMs + 1000;
    const before = heard.length;
    await deliverWebhooks(ctx.database.db, config.dataKey, new Date(at), {
      policy: webhookPolicy(config),
      timeoutMs: 5000,
      renderResource: subscriptionRenderer(ctx.database.db, config),
    });
    return heard.slice(before);
  };
  const subscription = (overrides: Record<string, unknown> = {}, channel: Record<string, unknown> = {}) => ({
    resourceType: "Subscription",
    status: "requested",
    reason: "县医院 HIS 接收转入转诊",
    criteria: `Task?owner=Organization/${county}`,
    channel: { type: "rest-hook", endpoint: `http://127.0.0.1:${port}/his/ping`, header: ["Authorization: Bearer his-own-token"], ...channel },
    ...overrides,
  });

  let pingId: string;
  let pingSecret: string;

  it("creates a subscription on the county's incoming Tasks: active, its signing key shown once, header values never read back", async () => {
    const created = await fhirCall(ctx, countyToken, "POST", "/Subscription", subscription());
    expect(created.statusCode, created.body).toBe(201);
    const sub = validResource<Subscription>(created);
    expect(sub).toMatchObject({
      status: "active",
      criteria: `Task?owner=Organization/${county}`,
      channel: { type: "rest-hook", header: ["Authorization: ***"] },
    });
    expect(sub.channel.payload).toBeUndefined();
    expect(created.headers.location).toMatch(new RegExp(`/fhir/R4/Subscription/${sub.id}/_history/${sub.meta?.versionId}$`));
    const secret = sub.extension?.find((e) => e.url === SUBSCRIPTION_SECRET_EXTENSION)?.valueString;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    pingId = sub.id as string;
    pingSecret = secret as string;

    const read = validResource<Subscription>(await fhirCall(ctx, countyToken, "GET", `/Subscription/${pingId}`));
    expect(read).toMatchObject({ id: pingId, status: "active", channel: { header: ["Authorization: ***"] } });
    expect(read.extension).toBeUndefined();
    // Neither the header's value nor the key is stored in clear.
    const [row] = (
      (await ctx.database.db.execute(sql`select headers_cipher, secret_cipher from fhir_subscriptions where id = ${pingId}`)) as unknown as {
        rows: { headers_cipher: string; secret_cipher: string }[];
      }
    ).rows;
    expect(row?.headers_cipher).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain("his-own-token");
    expect(JSON.stringify(row)).not.toContain(pingSecret);
  });

  let referralId: string;

  it("pings once, signed and with the subscriber's header, when a referral is submitted to the county; again when the county accepts", async () => {
    await deliver(); // nothing left from before
    referralId = await refer();
    const [ping, ...more] = await deliver();
    expect(more).toEqual([]);
    expect(ping).toMatchObject({ method: "POST", path: "/his/ping", body: "" });
    expect(ping?.headers).toMatchObject({
      authorization: "Bearer his-own-token",
      "x-medbridge-event": "referral.submitted",
      "x-medbridge-subscription": pingId,
      "x-medbridge-signature": signature(pingSecret, ""),
      "content-length": "0",
    });
    expect(ping?.headers["content-type"]).toBeUndefined();
    expect(await deliver()).toEqual([]);

    await act("gz.county.coord", referralId, { action: "accept" });
    const accepted = await deliver();
    expect(accepted.map((h) => [h.method, h.path, h.headers["x-medbridge-event"]])).toEqual([["POST", "/his/ping", "referral.accepted"]]);
    expect(accepted[0]?.headers["x-medbridge-delivery"]).not.toBe(ping?.headers["x-medbridge-delivery"]);
    const delivered = (
      (await ctx.database.db.execute(
        sql`select count(*)::int as n from webhook_deliveries where subscription_id = ${pingId} and delivered_at is not null and attempts = 1`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]?.n;
    expect(delivered).toBe(2);
  });

  it("pings the receiver when the sender cancels (a change the in-app notifications do not carry), and never for a draft", async () => {
    const draft = await call("gz.township.doctor", "POST", "/api/v1/referrals", upReferral(county, { submit: false }));
    expect(draft.statusCode, draft.body).toBe(201);
    expect(await deliver()).toEqual([]);
    await act("gz.township.doctor", json(draft).id, { action: "cancel", note: "写错了" });
    expect(await deliver()).toEqual([]);

    const id = await refer();
    expect((await deliver()).map((h) => h.headers["x-medbridge-event"])).toEqual(["referral.submitted"]);
    await act("gz.township.doctor", id, { action: "cancel", note: "患者改去市医院" });
    expect((await deliver()).map((h) => h.headers["x-medbridge-event"])).toEqual(["referral.cancelled"]);
  });

  it("hears only the statuses its criteria name", async () => {
    const created = await fhirCall(
      ctx,
      countyToken,
      "POST",
      "/Subscription",
      subscription(
        { criteria: `Task?owner=Organization/${county}&status=accepted,rejected` },
        { endpoint: `http://127.0.0.1:${port}/his/answers`, header: undefined },
      ),
    );
    const sub = validResource<Subscription>(created);
    expect(created.statusCode).toBe(201);
    const id = await refer();
    expect((await deliver()).map((h) => h.path)).toEqual(["/his/ping"]);
    await act("gz.county.coord", id, { action: "reject", note: "科室满员" });
    const answers = await deliver();
    expect(answers.map((h) => `${h.path} ${h.headers["x-medbridge-event"]}`).sort()).toEqual(["/his/answers referral.rejected", "/his/ping referral.rejected"]);
    expect(answers.find((h) => h.path === "/his/answers")?.headers.authorization).toBeUndefined();
    expect((await fhirCall(ctx, countyToken, "DELETE", `/Subscription/${sub.id}`)).statusCode).toBe(204);
  });

  it("with payload application/fhir+json, PUTs the Task as it now stands to <endpoint>/Task/<id>, signed over the body", async () => {
    const created = await fhirCall(
      ctx,
      countyToken,
      "POST",
      "/Subscription",
      subscription(
        { criteria: `Task?owner=Organization/${county}&status=accepted` },
        { endpoint: `http://127.0.0.1:${port}/his/fhir/`, payload: "application/fhir+json", header: ["X-His-Key: k-123"] },
      ),
    );
    expect(created.statusCode, created.body).toBe(201);
    const sub = validResource<Subscription>(created);
    expect(sub.channel.payload).toBe("application/fhir+json");
    const secret = sub.extension?.[0]?.valueString as string;
    const id = await refer();
    expect((await deliver()).map((h) => h.path)).toEqual(["/his/ping"]);
    await act("gz.county.coord", id, { action: "accept" });
    const got = await deliver();
    expect(got.map((h) => `${h.method} ${h.path}`).sort()).toEqual(["POST /his/ping", `PUT /his/fhir/Task/${id}`]);
    const put = got.find((h) => h.method === "PUT") as Heard;
    expect(put.headers["content-type"]).toBe("application/fhir+json; charset=utf-8");
    expect(put.headers["x-his-key"]).toBe("k-123");
    expect(put.headers["x-medbridge-signature"]).toBe(signature(secret, put.body));
    const task = JSON.parse(put.body) as Task;
    expectValidFhir(task);
    expect(task).toMatchObject({
      resourceType: "Task",
      id,
      status: "accepted",
      owner: { reference: `Organization/${county}` },
      focus: { reference: `ServiceRequest/${id}` },
    });
    // The same Task a read gives.
    expect(validResource<Task>(await fhirCall(ctx, countyToken, "GET", `/Task/${id}`))).toEqual(task);
    // Read as the subscription's creator: a referral the county has no part in is not theirs to receive.
    const other = await call("gz.township.doctor", "POST", "/api/v1/referrals", upReferral(city));
    expect(other.statusCode, other.body).toBe(201);
    expect((await deliver()).map((h) => h.path)).toEqual([]);
    await expect(subscriptionRenderer(ctx.database.db, config)({ subscriptionId: sub.id as string, referralId: json(other).id as string })).rejects.toThrow(
      /could not be read as the subscription's creator/,
    );
    expect((await fhirCall(ctx, countyToken, "DELETE", `/Subscription/${sub.id}`)).statusCode).toBe(204);
  });

  it("refuses bad criteria, channel type, endpoint, payload and headers with 400 naming the element", async () => {
    const refused = async (body: object) => outcomeOf(await fhirCall(ctx, countyToken, "POST", "/Subscription", body));
    const criteria = async (text: string) => refused(subscription({ criteria: text }));
    for (const text of [
      `Patient?organization=Organization/${county}`,
      `Task?owner=Organization/${city}`,
      `Task?owner=${county}`,
      `Task?requester=Organization/${city}&owner=Organization/${county}`,
      "Task?status=requested",
      `Task?owner=Organization/${county}&patient=Patient/${county}`,
      `Task?owner=Organization/${county}&status=on-hold`,
      `Task?owner=Organization/${county}&owner=Organization/${county}`,
      "Task",
    ]) {
      expect(await criteria(text), text).toEqual({ status: 400, expressions: ["Subscription.criteria"], codes: ["not-supported"] });
    }
    expect(await refused(subscription({}, { type: "websocket" }))).toEqual({
      status: 400,
      expressions: ["Subscription.channel.type"],
      codes: ["not-supported"],
    });
    for (const endpoint of ["http://169.254.169.254/latest/meta-data", "http://10.1.2.3/his", "ftp://127.0.0.1/his", `http://user:pw@127.0.0.1:${port}/his`]) {
      expect(await refused(subscription({}, { endpoint })), endpoint).toEqual({
        status: 400,
        expressions: ["Subscription.channel.endpoint"],
        codes: ["value"],
      });
    }
    expect(await refused(subscription({}, { payload: "application/xml" }))).toMatchObject({ status: 400, expressions: ["Subscription.channel.payload"] });
    expect(await refused(subscription({}, { header: ["Authorization: Bearer x", "X-MedBridge-Signature: forged", "no colon"] }))).toMatchObject({
      status: 400,
      expressions: ["Subscription.channel.header[1]", "Subscription.channel.header[2]"],
    });
    expect(await refused(subscription({ status: "off", reason: "" }))).toMatchObject({
      status: 400,
      expressions: ["Subscription.status", "Subscription.reason"],
    });
    expect(await refused({ resourceType: "Subscription", status: "requested", reason: "x", criteria: `Task?owner=Organization/${county}` })).toMatchObject({
      status: 400,
      expressions: ["Subscription.channel"],
    });
    expect(
      (
        (await ctx.database.db.execute(sql`select count(*)::int as n from fhir_subscriptions where status = 'active'`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n,
    ).toBe(1);
  });

  it("searches the caller's own subscriptions by status, type, url, criteria and _id", async () => {
    const ids = async (query: string, token = countyToken) => {
      const bundle = validResource<Bundle>(await fhirCall(ctx, token, "GET", `/Subscription${query}`));
      return (bundle.entry ?? []).map((e) => e.resource?.id);
    };
    expect(await ids("?status=active")).toEqual([pingId]);
    expect((await ids("?status=off")).length).toBe(2);
    expect(await ids("?status:not=off")).toEqual([pingId]);
    expect(await ids(`?type=rest-hook&url=${encodeURIComponent(`http://127.0.0.1:${port}/his/ping`)}`)).toEqual([pingId]);
    expect(await ids(`?url:below=${encodeURIComponent(`http://127.0.0.1:${port}/his/`)}&status=active`)).toEqual([pingId]);
    expect(await ids("?type=websocket")).toEqual([]);
    expect(await ids(`?criteria=${encodeURIComponent(`Task?owner=Organization/${county}`)}&status=active`)).toEqual([pingId]);
    expect(await ids(`?criteria:exact=${encodeURIComponent(`Task?owner=Organization/${county}`)}`)).toEqual([pingId]);
    expect(await ids("?criteria:contains=rejected")).toHaveLength(1);
    expect(await ids("?criteria:contains=status%3Daccepted")).toHaveLength(2);
    expect(await ids(`?_id=${pingId}`)).toEqual([pingId]);
    expect(await ids("?_lastUpdated=gt2000-01-01&status=active")).toEqual([pingId]);
    expect(outcomeOf(await fhirCall(ctx, countyToken, "GET", "/Subscription?endpoint=x"))).toMatchObject({ status: 400, expressions: ["endpoint"] });
    // Another institution's coordinator finds none of them.
    expect(await ids("", cityToken)).toEqual([]);
    expect(await ids(`?_id=${pingId}`, cityToken)).toEqual([]);
  });

  it("hides a subscription from another institution (404 on read and delete) and from a clinician of another province", async () => {
    expect(outcomeOf(await fhirCall(ctx, cityToken, "GET", `/Subscription/${pingId}`))).toMatchObject({ status: 404, codes: ["not-found"] });
    expect(outcomeOf(await fhirCall(ctx, cityToken, "DELETE", `/Subscription/${pingId}`))).toMatchObject({ status: 404 });
    expect(validResource<Subscription>(await fhirCall(ctx, countyToken, "GET", `/Subscription/${pingId}`)).status).toBe("active");
    // A clinician (here of a Yunnan township) may not use subscriptions at all: nothing to read, search or make.
    expect(outcomeOf(await fhirCall(ctx, yunnanToken, "GET", `/Subscription/${pingId}`))).toMatchObject({ status: 404 });
    expect(outcomeOf(await fhirCall(ctx, yunnanToken, "GET", "/Subscription"))).toMatchObject({ status: 403, codes: ["forbidden"] });
    expect(outcomeOf(await fhirCall(ctx, yunnanToken, "POST", "/Subscription", subscription()))).toMatchObject({ status: 403, codes: ["forbidden"] });
    expect(outcomeOf(await fhirCall(ctx, yunnanToken, "DELETE", `/Subscription/${pingId}`))).toMatchObject({ status: 403 });
    // The platform's admin belongs to no institution: a subscription must have one.
    expect(outcomeOf(await fhirCall(ctx, adminToken, "POST", "/Subscription", subscription()))).toMatchObject({ status: 403, codes: ["forbidden"] });
  });

  it("retries a failing endpoint with backoff, then marks the subscription error and sends it no more", async () => {
    // Only the failing subscription stays on: the first one is deleted (status off) and hears nothing more.
    expect((await fhirCall(ctx, countyToken, "DELETE", `/Subscription/${pingId}`)).statusCode).toBe(204);
    expect(validResource<Subscription>(await fhirCall(ctx, countyToken, "GET", `/Subscription/${pingId}`)).status).toBe("off");
    const created = await fhirCall(
      ctx,
      countyToken,
      "POST",
      "/Subscription",
      subscription(
        { extension: [{ url: SUBSCRIPTION_SECRET_EXTENSION, valueString: "the-county-his-signing-key" }] },
        { endpoint: `http://127.0.0.1:${port}/failing` },
      ),
    );
    const failing = validResource<Subscription>(created);
    expect(failing.extension).toBeUndefined(); // a key the client chose is not echoed
    const id = await refer();
    const tries: Heard[] = [];
    let waited = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // Not due before its backoff is over…
      if (attempt > 1) expect(await deliver(waited - 30_000 - 1000)).toEqual([]);
      const got = await deliver(attempt > 1 ? 30_000 : 0);
      expect(
        got.map((h) => h.path),
        `attempt ${attempt}`,
      ).toEqual(["/failing"]);
      tries.push(...got);
      waited = 60_000 * 2 ** (attempt - 1);
    }
    expect(new Set(tries.map((h) => h.headers["x-medbridge-delivery"])).size).toBe(1);
    expect(tries[0]?.headers["x-medbridge-signature"]).toBe(signature("the-county-his-signing-key", ""));
    const after = validResource<Subscription>(await fhirCall(ctx, countyToken, "GET", `/Subscription/${failing.id}`));
    expect(after.status).toBe("error");
    expect(after.error).toMatch(/failed 8 times, the last: HTTP 500/);
    const [row] = (
      (await ctx.database.db.execute(
        sql`select attempts, last_error, delivered_at from webhook_deliveries where subscription_id = ${failing.id}`,
      )) as unknown as { rows: { attempts: number; last_error: string; delivered_at: Date | null }[] }
    ).rows;
    expect(row).toEqual({ attempts: MAX_ATTEMPTS, last_error: "HTTP 500", delivered_at: null });
    // In error, the subscription hears nothing more; neither does the one turned off.
    await act("gz.county.coord", id, { action: "accept" });
    expect(await deliver(3_600_000 * 24)).toEqual([]);
  });

  it("does not send a ping queued before its creator lost standing, and sends it once restored", async () => {
    const created = await fhirCall(ctx, countyToken, "POST", "/Subscription", subscription({}, { header: [] }));
    expect(created.statusCode, created.body).toBe(201);
    const id = validResource<Subscription>(created).id as string;
    const mine = (requests: Heard[]) => requests.filter((r) => r.headers["x-medbridge-subscription"] === id);
    await deliver(); // whatever earlier tests left queued
    const db = ctx.database.db;
    await refer();
    await db.execute(sql`update users set active = false where username = 'gz.county.coord'`);
    try {
      expect(mine(await deliver())).toEqual([]);
    } finally {
      await db.execute(sql`update users set active = true where username = 'gz.county.coord'`);
    }
    expect(mine(await deliver())).toHaveLength(1);
  });
});
