import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { users } from "../src/db/schema.ts";
import { DEMO_PASSWORD, demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

describe.each(BACKENDS)("accounts you can trust on %s", (backend) => {
  let ctx: TestContext;
  // The test clock: moved forward to let lockouts expire.
  let clock = Date.now();
  beforeAll(async () => {
    ctx = await demoApp(backend, () => new Date(clock));
  });
  afterAll(() => ctx.close());

  const login = (username: string, password: string, ip = "10.1.0.1", app: FastifyInstance = ctx.app) =>
    app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password }, remoteAddress: ip });

  describe("defect 3: one normalised name, locked per account with backoff", () => {
    it("counts every spelling of a username against the one account, from any address", async () => {
      const spellings = ["  gz.county.coord", "GZ.County.Coord", "gz.county.coord\t", "ｇｚ.county.coord", "\u3000gz.county.coord"];
      for (const [k, name] of spellings.entries()) expect((await login(name, "wrong-guess", `10.1.1.${k}`)).statusCode).toBe(401);
      // Five failures in all: the right password from a sixth address still waits.
      const locked = await login("gz.county.coord", DEMO_PASSWORD, "10.1.1.9");
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThanOrEqual(59);
      const [row] = await ctx.database.db.select().from(users).where(eq(users.username, "gz.county.coord"));
      expect(row?.failedLogins).toBe(5);
    });

    it("backs off 1, 2 … minutes, shares the lock with another server process, and a success resets it", async () => {
      for (let i = 0; i < 5; i++) expect((await login("zj.stationed.doctor", "wrong-guess", `10.1.2.${i}`)).statusCode).toBe(401);
      // A second app on the same database stands for another server process.
      const other = await buildApp({ db: ctx.database.db, config: { ...loadConfig({}), webDist: "/nonexistent" }, logger: false, now: () => new Date(clock) });
      try {
        expect((await login("zj.stationed.doctor", DEMO_PASSWORD, "10.1.2.9", other)).statusCode).toBe(429);
      } finally {
        await other.close();
      }
      clock += 61_000;
      expect((await login("zj.stationed.doctor", "wrong-guess", "10.1.2.10")).statusCode).toBe(401);
      const twice = await login("zj.stationed.doctor", DEMO_PASSWORD, "10.1.2.11");
      expect(twice.statusCode).toBe(429);
      expect(Number(twice.headers["retry-after"])).toBeGreaterThan(60);
      expect(Number(twice.headers["retry-after"])).toBeLessThanOrEqual(120);
      clock += 121_000;
      expect((await login("zj.stationed.doctor", DEMO_PASSWORD, "10.1.2.12")).statusCode).toBe(200);
      const [row] = await ctx.database.db.select().from(users).where(eq(users.username, "zj.stationed.doctor"));
      expect({ failed: row?.failedLogins, locked: row?.lockedUntil }).toEqual({ failed: 0, locked: null });
    });

    it("holds parallel guesses to five", async () => {
      const statuses = await Promise.all(Array.from({ length: 20 }, (_, k) => login("zj.city.coord", `guess-${k}`, `10.1.3.${k}`).then((r) => r.statusCode)));
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    });

    it("treats a name without an account the same, so a 429 tells nothing", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login(" No.Such.User", "wrong-guess", `10.1.4.${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const unknown = await login("no.such.user", "wrong-guess", "10.1.4.9");
      const known = await login("zj.city.coord", "wrong-guess", "10.1.4.10");
      expect(unknown.statusCode).toBe(known.statusCode);
      expect(unknown.headers["retry-after"]).toBeDefined();
      expect(json(unknown).detail.replace(/\d+/g, "N")).toBe(json(known).detail.replace(/\d+/g, "N"));
    });

    it("limits one address to thirty sign-ins a minute, whatever the names", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await login(`spray.${i}`, "wrong-guess", "10.1.5.1")).statusCode);
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses[30]).toBe(429);
    });
  });
});
