import { createServer, type Server } from "node:http";
import { type SQL, sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { type Database, openDatabase } from "../src/db/connection.ts";
import { startJobs } from "../src/jobs.ts";
import { monitoringJobs } from "../src/monitoring/jobs.ts";
import { referralJobs } from "../src/referral/jobs.ts";
import { expireOverdue } from "../src/referral/referrals.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { idNumberFor, upReferral } from "./helpers/referrals.ts";

const env = { MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1" };
const rows = async <T>(db: Database["db"], query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

async function setUp(ctx: TestContext) {
  const call = async (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
  const county = json(await call("gz.county.coord", "GET", "/api/v1/me")).institutionId as string;
  const refer = async (serial: number, extra: object = {}) => {
    const response = await call(
      "gz.township.doctor",
      "POST",
      "/api/v1/referrals",
      upReferral(county, {
        priority: "green_channel",
        patient: { name: "示例患者", sex: "male", birthDate: "1970-01-01", idNumber: idNumberFor("1970-01-01", serial) },
        ...extra,
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    return json(response).id as string;
  };
  return { call, county, refer };
}

const postgresUrl = inject("postgresUrl");
if (!postgresUrl) console.warn("\n⚠ jobs-concurrency: no PostgreSQL, SKIPPING the two-process tests (they need one; see test/helpers/postgres-setup.ts)\n");

describe.runIf(postgresUrl)("two server processes' jobs on one PostgreSQL", () => {
  it("deliver each webhook once and expire each overdue referral once", async () => {
    const received = new Map<string, number>();
    const hook: Server = createServer((req, res) => {
      const id = req.headers["x-medbridge-delivery"] as string;
      received.set(id, (received.get(id) ?? 0) + 1);
      // A little latency, so both processes are claiming while requests are in flight.
      setTimeout(() => res.writeHead(204).end(), 5);
    });
    const port = await new Promise<number>((r) => hook.listen(0, "127.0.0.1", () => r((hook.address() as { port: number }).port)));
    let at = Date.now();
    const clock = () => new Date(at);
    const ctx = await demoApp("postgres", clock, env);
    // The second process: its own pool on the same database.
    const [{ name }] = (await rows<{ name: string }>(ctx.database.db, sql`select current_database() as name`)) as [{ name: string }];
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const other = await openDatabase({ url: url.toString(), poolSize: 10 });
    const stops: (() => Promise<void>)[] = [];
    try {
      const { call, county, refer } = await setUp(ctx);
      const set = await call("gz.county.coord", "PUT", "/api/v1/webhooks", {
        institutionId: county,
        url: `http://127.0.0.1:${port}/his`,
        secret: "a-long-enough-webhook-secret",
      });
      expect(set.statusCode).toBe(204);
      const tomorrow = new Date(at + 86_400_000).toISOString().slice(0, 10);
      const slot = await call("gz.county.coord", "POST", "/api/v1/slots", { institutionId: county, department: "并发测试门诊", date: tomorrow, reserved: 40 });
      const slotId = json(slot).id as string;
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push(await refer(300 + i, i % 4 === 0 ? { slotId } : {}));
      expect(await rows(ctx.database.db, sql`select id from webhook_deliveries`)).toHaveLength(40);

      // Past every referral's 30 minutes, and within a day of the slot's session.
      at = Date.now() + 31 * 60_000;
      const config = loadConfig(env);
      const options = { everyMs: 30, webhookEveryMs: 10, webhook: { perEndpoint: 8 } };
      // Two processes' schedulers, each with the referral and monitoring jobs as serve registers them.
      for (const db of [ctx.database.db, other.db]) {
        stops.push(startJobs([...referralJobs(db, config, ctx.app.log, clock, options), ...monitoringJobs(db, ctx.app.log)], ctx.app.log, clock));
      }
      // The demo world's own overdue referrals expire too, and warnings and expiries add deliveries:
      // wait until everything queued is delivered and our referrals have expired.
      const mine = sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      );
      const open = async () =>
        (
          await rows<{ n: number }>(
            ctx.database.db,
            sql`select (select count(*)::int from webhook_deliveries where delivered_at is null)
                     + (select count(*)::int from referrals where status <> 'expired' and id in (${mine})) as n`,
          )
        )[0]?.n;
      await expect.poll(open, { timeout: 30_000, interval: 50 }).toBe(0);
      // Let both keep running a while: nothing may be done twice.
      await new Promise((r) => setTimeout(r, 1_000));
      await Promise.all(stops.splice(0).map((stop) => stop()));

      expect(await open()).toBe(0);
      const deliveries = await rows<{ id: string }>(ctx.database.db, sql`select id from webhook_deliveries`);
      expect(deliveries.length).toBeGreaterThanOrEqual(40);
      expect([...received.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(new Set(received.keys())).toEqual(new Set(deliveries.map((d) => d.id)));
      const per = await rows<{ id: string; events: number; notices: number; audits: number }>(
        ctx.database.db,
        sql`select r.id,
              (select count(*)::int from referral_events e where e.referral_id = r.id and e.action = 'expire') as events,
              (select count(*)::int from notifications n where n.referral_id = r.id and n.kind = 'expired') as notices,
              (select count(*)::int from audit_log a where a.entity_id = r.id::text and a.action = 'expire') as audits
            from referrals r where r.id in (${mine})`,
      );
      expect(per).toHaveLength(40);
      for (const r of per) expect(r, r.id).toMatchObject({ events: 1, notices: 1, audits: 1 });
      // The ten held units went back once each; the slot was released to the general pool once.
      const [pool] = await rows<{ booked: number; released: boolean }>(
        ctx.database.db,
        sql`select booked, released_at is not null as released from slots where id = ${slotId}`,
      );
      expect(pool).toEqual({ booked: 0, released: true });
      const releases = await rows<{ id: string; n: number }>(
        ctx.database.db,
        sql`select entity_id as id, count(*)::int as n from audit_log where action = 'release' group by entity_id`,
      );
      expect(releases.find((r) => r.id === slotId)?.n).toBe(1);
      expect(releases.filter((r) => r.n !== 1)).toEqual([]);
    } finally {
      await Promise.all(stops.map((stop) => stop()));
      hook.close();
      await other.close();
      await ctx.close();
    }
  });
});

describe.each(BACKENDS)("an expiry that fails midway on %s", (backend) => {
  it("leaves that referral submitted with its held slot, expires the others, and expires it on the next run", async () => {
    const at = Date.now();
    const ctx = await demoApp(backend, () => new Date(at), env);
    try {
      const { call, county, refer } = await setUp(ctx);
      const tomorrow = new Date(at + 86_400_000).toISOString().slice(0, 10);
      const slotId = json(
        await call("gz.county.coord", "POST", "/api/v1/slots", { institutionId: county, department: "故障测试门诊", date: tomorrow, reserved: 3 }),
      ).id;
      const db = ctx.database.db;
      const later = new Date(at + 31 * 60_000);
      // The demo world's overdue referrals first, so that only ours are left to expire.
      await expireOverdue(db, later);
      const ids = [await refer(400), await refer(401, { slotId }), await refer(402)];
      const failing = ids[1] as string;
      // The failure strikes after the referral's row, event and audit entry were written: only
      // the sender's notification fails.
      await db.execute(
        sql.raw(`create function fail_expiry() returns trigger language plpgsql as $$
          begin
            if new.kind = 'expired' and new.referral_id = '${failing}' then raise exception 'simulated failure while expiring'; end if;
            return new;
          end $$`),
      );
      await db.execute(sql`create trigger fail_expiry before insert on notifications for each row execute function fail_expiry()`);
      const state = async () =>
        rows<{ id: string; status: string; events: number; audits: number }>(
          db,
          sql`select r.id, r.status,
                (select count(*)::int from referral_events e where e.referral_id = r.id and e.action = 'expire') as events,
                (select count(*)::int from audit_log a where a.entity_id = r.id::text and a.action = 'expire') as audits
              from referrals r where r.id in (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})
              -- In the order they were referred (under the test's frozen clock they share created_at).
              order by case r.id ${sql.join(
                ids.map((id, i) => sql`when ${id} then ${i}`),
                sql` `,
              )} end`,
        );
      const booked = async () => (await rows<{ booked: number }>(db, sql`select booked from slots where id = ${slotId}`))[0]?.booked;
      expect(await booked()).toBe(1);

      const failures: string[] = [];
      expect(await expireOverdue(db, later, (id) => failures.push(id))).toBe(2);
      expect(failures).toEqual([failing]);
      expect(await state()).toEqual([
        { id: ids[0], status: "expired", events: 1, audits: 1 },
        { id: failing, status: "submitted", events: 0, audits: 0 },
        { id: ids[2], status: "expired", events: 1, audits: 1 },
      ]);
      expect(await booked()).toBe(1);
      // Without a handler the failure is thrown, after the others were done.
      await expect(expireOverdue(db, later)).rejects.toThrow(/1 referral job step/);

      await db.execute(sql`drop trigger fail_expiry on notifications`);
      expect(await expireOverdue(db, later)).toBe(1);
      expect((await state()).map((r) => [r.status, r.events, r.audits])).toEqual([
        ["expired", 1, 1],
        ["expired", 1, 1],
        ["expired", 1, 1],
      ]);
      expect(await booked()).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});
