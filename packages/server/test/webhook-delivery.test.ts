import { createServer, type Server } from "node:http";
import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { startJobs } from "../src/jobs.ts";
import { monitoringJobs } from "../src/monitoring/jobs.ts";
import { referralJobs } from "../src/referral/jobs.ts";
import { demoApp, json } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const listen = (server: Server) => new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as { port: number }).port)));

describe.each(BACKENDS)("webhook delivery beside a stuck endpoint on %s", (backend) => {
  it("delivers to another institution at once, holds the stuck endpoint to its limit, and the SLA clock keeps running", async () => {
    // One hospital system accepts the request and never answers; another answers at once.
    let stuckOpen = 0;
    let stuckMost = 0;
    const stuck = createServer(() => {
      stuckOpen++;
      stuckMost = Math.max(stuckMost, stuckOpen);
    });
    stuck.on("connection", (socket) => socket.on("close", () => stuckOpen--));
    const quickAt: number[] = [];
    const quick = createServer((_req, res) => {
      quickAt.push(Date.now());
      res.writeHead(204).end();
    });
    const [stuckPort, quickPort] = [await listen(stuck), await listen(quick)];

    let at = Date.now();
    const clock = () => new Date(at);
    const env = { MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1" };
    const ctx = await demoApp(backend, clock, env);
    let stop: (() => Promise<void>) | undefined;
    try {
      const call = async (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
        ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
      const institutionOf = async (who: string) => json(await call(who, "GET", "/api/v1/me")).institutionId as string;
      const county = await institutionOf("gz.county.coord");
      const city = await institutionOf("zj.city.coord");
      const secret = "a-long-enough-webhook-secret";
      expect(
        (await call("gz.county.coord", "PUT", "/api/v1/webhooks", { institutionId: county, url: `http://127.0.0.1:${stuckPort}/his`, secret })).statusCode,
      ).toBe(204);
      expect(
        (await call("zj.city.coord", "PUT", "/api/v1/webhooks", { institutionId: city, url: `http://127.0.0.1:${quickPort}/his`, secret })).statusCode,
      ).toBe(204);
      const refer = async (to: string, serial: number, priority: string) => {
        const first17 = `52262219700101${String(serial).padStart(3, "0")}`;
        const response = await call("gz.township.doctor", "POST", "/api/v1/referrals", {
          direction: "up",
          priority,
          toInstitutionId: to,
          department: "心血管内科",
          patient: { name: "示例患者", sex: "male", birthDate: "1970-01-01", idNumber: first17 + idCheckCharacter(first17) },
          reason: { icd10: "I10", text: "高血压" },
          submit: true,
        });
        expect(response.statusCode, response.body).toBe(201);
        return json(response).id as string;
      };
      // The stuck endpoint's deliveries are older, so they come first in line.
      const toCounty: string[] = [];
      for (let i = 0; i < 6; i++) toCounty.push(await refer(county, 100 + i, "green_channel"));
      await refer(city, 200, "routine");

      // Deliveries are due from the database's now(); the jobs' clock starts there. The stuck
      // endpoint's requests time out only after 30 s: everything below must happen while they hang
      // (sending one at a time, as before, the city hospital waited 6 × the timeout).
      const timeoutMs = 30_000;
      at = Date.now();
      const started = Date.now();
      stop = startJobs(
        [
          ...referralJobs(ctx.database.db, loadConfig(env), ctx.app.log, clock, { everyMs: 200, webhookEveryMs: 100, webhook: { timeoutMs } }),
          ...monitoringJobs(ctx.database.db, ctx.app.log, { everyMs: 200 }),
        ],
        ctx.app.log,
        clock,
      );
      // Bounded by the first run's rollup refresh (it shares PGlite's one connection), not by the stuck endpoint.
      await expect.poll(() => quickAt.length, { timeout: 20_000, interval: 20 }).toBe(1);
      expect((quickAt[0] as number) - started).toBeLessThan(20_000);

      // While the stuck endpoint holds its requests, the SLA clock expires the overdue referrals.
      await expect.poll(() => stuckOpen, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
      at += 31 * 60_000;
      const expired = async () =>
        (
          (await ctx.database.db.execute(
            sql`select count(*)::int as n from referrals where status = 'expired' and id in (${sql.join(
              toCounty.map((id) => sql`${id}`),
              sql`, `,
            )})`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0]?.n;
      await expect.poll(expired, { timeout: 20_000, interval: 50 }).toBe(toCounty.length);
      expect(Date.now() - started).toBeLessThan(timeoutMs);
      // The stuck endpoint never held more than its per-endpoint limit (2) of requests.
      expect(stuckOpen).toBeGreaterThan(0);
      expect(stuckMost).toBeLessThanOrEqual(2);
    } finally {
      await stop?.();
      stuck.closeAllConnections();
      stuck.close();
      quick.close();
      await ctx.close();
    }
  });
});
