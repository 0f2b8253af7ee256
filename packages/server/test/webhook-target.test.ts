import { createServer, type Server } from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { encrypt } from "../src/crypto.ts";
import { webhooks } from "../src/db/schema.ts";
import { deliverWebhooks, post } from "../src/notify/webhook-delivery.ts";
import { nonPublic, RefusedTarget, resolveTarget, webhookPolicy } from "../src/notify/webhook-target.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { referUp } from "./helpers/referrals.ts";

const strict = webhookPolicy(loadConfig({}));

describe("which addresses a webhook may reach", () => {
  it("calls loopback, private, shared, link-local, multicast, reserved and unspecified addresses non-public, IPv4-mapped ones too", () => {
    const inside = [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "100.64.0.1",
      "100.127.255.254",
      "169.254.169.254",
      "0.0.0.0",
      "0.1.2.3",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:a00:1",
      "::ffff:169.254.169.254",
      "64:ff9b::7f00:1",
    ];
    for (const address of inside) expect(nonPublic(address), address).not.toBeNull();
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "11.0.0.1", "2400:3200::1", "::ffff:8.8.8.8", "64:ff9b::808:808"]) {
      expect(nonPublic(address), address).toBeNull();
    }
  });

  it("refuses non-public hosts however they are written, resolving names; the allow-list lets an operator through", async () => {
    const refused = async (url: string, policy = strict) => {
      const error = await resolveTarget(url, policy).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, url).toBeInstanceOf(RefusedTarget);
      return (error as Error).message;
    };
    expect(await refused("http://127.0.0.1:8080/internal-admin")).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(await refused("http://localhost:8080/")).toMatch(/localhost resolves to 127\.0\.0\.1, which is a loopback address/);
    for (const url of [
      "http://2130706433/",
      "http://0x7f.1/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0/",
      "http://169.254.169.254/latest/",
    ]) {
      await refused(url);
    }
    expect(await refused("http://user:pw@8.8.8.8/")).toMatch(/user name or password/);
    expect(await refused("ftp://8.8.8.8/")).toMatch(/http/);
    // Production speaks HTTPS only.
    const production = webhookPolicy(
      loadConfig({
        NODE_ENV: "production",
        MEDBRIDGE_DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
        MEDBRIDGE_INDEX_KEY: Buffer.alloc(32, 8).toString("base64"),
      }),
    );
    expect(await refused("http://8.8.8.8/his", production)).toMatch(/https/);
    expect((await resolveTarget("https://8.8.8.8/his", production)).addresses).toEqual([{ address: "8.8.8.8", family: 4 }]);

    const allowed = webhookPolicy(loadConfig({ MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1, 10.0.0.0/8" }));
    expect((await resolveTarget("http://127.0.0.1:9/x", allowed)).addresses).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect((await resolveTarget("http://[::ffff:10.9.8.7]/x", allowed)).addresses).toEqual([{ address: "::ffff:a09:807", family: 6 }]);
    await refused("http://127.0.0.2/", allowed);
    await refused("http://192.168.0.1/", allowed);
    expect(() => loadConfig({ MEDBRIDGE_WEBHOOK_ALLOW: "10.0.0.0/33" })).toThrow(/MEDBRIDGE_WEBHOOK_ALLOW/);
    expect(() => loadConfig({ MEDBRIDGE_WEBHOOK_ALLOW: "intranet.example" })).toThrow(/MEDBRIDGE_WEBHOOK_ALLOW/);
  });
});

describe.each(BACKENDS)("webhook targets through the API on %s", (backend) => {
  let ctx: TestContext;
  let listener: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    listener = createServer((req, res) => {
      received.push(req.url ?? "");
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", () => r()));
    port = (listener.address() as { port: number }).port;
    ctx = await demoApp(backend);
  });
  afterAll(async () => {
    listener.close();
    await ctx.close();
  });

  const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
  const setWebhook = async (url: string) =>
    ctx.app.inject({
      method: "PUT",
      url: "/api/v1/webhooks",
      headers: { cookie: await ctx.login("gz.county.coord") },
      payload: { institutionId: (await me("gz.county.coord")).institutionId, url, secret: "a-long-enough-webhook-secret" },
    });

  it("answers 400 naming url for loopback and private targets, and stores nothing", async () => {
    for (const url of [
      `http://127.0.0.1:${port}/internal-admin`,
      `http://localhost:${port}/`,
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://10.0.0.5/his",
      "http://169.254.169.254/latest/meta-data",
      "http://2130706433/",
      "http://0.0.0.0/",
    ]) {
      const response = await setWebhook(url);
      expect(response.statusCode, url).toBe(400);
      expect(json(response).errors.map((e: { path: string }) => e.path)).toEqual(["url"]);
    }
    const rows = (await ctx.database.db.execute(sql`select count(*)::int as n from webhooks`)) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]?.n).toBe(0);
  });

  it("connects to the address it checked, never to a fresh lookup of the name (DNS rebinding)", async () => {
    // A name that resolves nowhere: the request can only reach the listener through the checked address.
    const target = { url: new URL(`http://rebound.invalid:${port}/checked`), addresses: [{ address: "127.0.0.1", family: 4 as const }] };
    const hosts: string[] = [];
    listener.once("request", (req) => hosts.push(req.headers.host ?? ""));
    expect(await post(target, {}, "{}", AbortSignal.timeout(5000))).toBeNull();
    expect(hosts).toEqual([`rebound.invalid:${port}`]);
    received.length = 0;
  });

  it("checks again at delivery: a stored target that is not public now is refused, nothing is sent", async () => {
    // As if the webhook was set before this rule, or its name now resolves to loopback: only the
    // operator's allow-list lets it through, and this server has none.
    const key = loadConfig({}).dataKey;
    const county = (await me("gz.county.coord")).institutionId;
    const db = ctx.database.db;
    await db
      .insert(webhooks)
      .values({ institutionId: county, url: `http://127.0.0.1:${port}/internal-admin`, secretCipher: encrypt(key, "a-long-enough-webhook-secret") });
    const created = await referUp(ctx, county);
    expect(created.statusCode, created.body).toBe(201);
    const soon = () => new Date(Date.now() + 1000);
    const due = () => db.execute(sql`update webhook_deliveries set next_attempt_at = now() - interval '1 second'`);
    expect(await deliverWebhooks(db, key, soon(), { policy: strict })).toBe(0);
    await db.execute(sql`update webhooks set url = ${`http://localhost:${port}/his`}`);
    await due();
    expect(await deliverWebhooks(db, key, soon(), { policy: strict })).toBe(0);
    expect(received).toEqual([]);
    const rows = (await db.execute(sql`select attempts, last_error, delivered_at from webhook_deliveries`)) as unknown as {
      rows: { attempts: number; last_error: string; delivered_at: Date | null }[];
    };
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ attempts: 2, delivered_at: null });
    expect(rows.rows[0]?.last_error).toMatch(/^refused: localhost resolves to 127\.0\.0\.1, which is a loopback address/);
    // With the operator's allow-list the same delivery goes through.
    await due();
    const allowed = webhookPolicy(loadConfig({ MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1,::1" }));
    expect(await deliverWebhooks(db, key, soon(), { policy: allowed })).toBe(1);
    expect(received).toEqual(["/his"]);
  });
});
