import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { hashPassword } from "../src/auth/passwords.ts";
import { DEFAULT_DEMO_PASSWORD, loadConfig } from "../src/config.ts";
import { users } from "../src/db/schema.ts";
import { loginLines, seedFirstStart } from "../src/seed/first-start.ts";
import { DEMO_PASSWORD, demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";

const PRODUCTION_ENV = {
  NODE_ENV: "production",
  MEDBRIDGE_DATA_KEY: randomBytes(32).toString("base64"),
  MEDBRIDGE_INDEX_KEY: randomBytes(32).toString("base64"),
};

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
  const as = async (who: string) => ({ cookie: await ctx.login(who) });
  const userId = async (username: string) => {
    const list = json(await ctx.app.inject({ url: `/api/v1/users?q=${username}`, headers: await as("admin") }));
    return list.items.find((u: { username: string }) => u.username === username) as { id: string; institutionId: string | null };
  };

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

  describe("defect 4: accounts grant nothing their maker may not have", () => {
    it("refuses an official a clinician or coordinator at a township in its region, not a stationed doctor", async () => {
      const township = (await userId("gz.township.doctor")).institutionId as string;
      const official = await as("gz.official");
      const create = (role: string, username: string) =>
        ctx.app.inject({
          method: "POST",
          url: "/api/v1/users",
          headers: official,
          payload: { username, displayName: "示例", password: "long-enough-password", role, institutionId: township },
        });
      const clinician = await create("clinician", "official.made.doctor");
      expect(clinician.statusCode).toBe(403);
      expect(json(clinician).detail).toContain("read referral");
      expect((await create("institution_coordinator", "official.made.coord")).statusCode).toBe(403);
      expect((await create("stationed_doctor", "official.made.stationed")).statusCode).toBe(201);
    });

    it("refuses an official setting a clinician's password", async () => {
      const doctor = await userId("gz.township.doctor");
      const official = await as("gz.official");
      const reset = await ctx.app.inject({
        method: "PATCH",
        url: `/api/v1/users/${doctor.id}`,
        headers: official,
        payload: { password: "official-knows-this" },
      });
      expect(reset.statusCode).toBe(403);
      expect((await login("gz.township.doctor", "official-knows-this", "10.2.0.1")).statusCode).toBe(401);
      expect((await login("gz.township.doctor", DEMO_PASSWORD, "10.2.0.2")).statusCode).toBe(200);
    });

    it("lets an official switch a clinician's account off, but not back on", async () => {
      const township = (await userId("gz.township.doctor")).institutionId as string;
      const made = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: await as("admin"),
        payload: { username: "left.township.doctor", displayName: "示例离岗医生", password: "chosen-by-admin", role: "clinician", institutionId: township },
      });
      expect(made.statusCode, made.body).toBe(201);
      const id = json(made).id as string;
      const official = await as("gz.official");
      const patch = (headers: Record<string, string>, active: boolean) =>
        ctx.app.inject({ method: "PATCH", url: `/api/v1/users/${id}`, headers, payload: { active } });
      expect((await patch(official, false)).statusCode).toBe(200);
      expect((await login("left.township.doctor", "chosen-by-admin", "10.2.0.3")).statusCode).toBe(401);
      const on = await patch(official, true);
      expect(on.statusCode).toBe(403);
      expect(json(on).detail).toContain("read referral");
      expect((await patch(await as("admin"), true)).statusCode).toBe(200);
      expect((await login("left.township.doctor", "chosen-by-admin", "10.2.0.4")).statusCode).toBe(200);
    });

    it("makes an account created by the admin change its password before anything else", async () => {
      const township = (await userId("gz.township.doctor")).institutionId as string;
      const created = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: await as("admin"),
        payload: { username: "new.township.doctor", displayName: "示例新医生", password: "chosen-by-admin", role: "clinician", institutionId: township },
      });
      expect(created.statusCode).toBe(201);
      const first = await login("new.township.doctor", "chosen-by-admin", "10.2.1.1");
      expect(first.statusCode).toBe(200);
      expect(json(first).mustChangePassword).toBe(true);
      const cookie = `mb_session=${first.cookies.find((c) => c.name === "mb_session")?.value}`;
      const blocked = await ctx.app.inject({ url: "/api/v1/referrals", headers: { cookie } });
      expect(blocked.statusCode).toBe(403);
      expect(json(blocked).detail).toContain("POST /api/v1/auth/password");
      expect((await ctx.app.inject({ url: "/api/v1/institutions", headers: { cookie } })).statusCode).toBe(403);
      expect((await ctx.app.inject({ url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(200);

      const change = (payload: object) => ctx.app.inject({ method: "POST", url: "/api/v1/auth/password", headers: { cookie }, payload });
      const wrong = await change({ currentPassword: "not-it", newPassword: "my-own-password" });
      expect(wrong.statusCode).toBe(400);
      expect(json(wrong).errors[0].path).toBe("currentPassword");
      expect(json(await change({ currentPassword: "chosen-by-admin", newPassword: "chosen-by-admin" })).errors[0].path).toBe("newPassword");
      const changed = await change({ currentPassword: "chosen-by-admin", newPassword: "my-own-password" });
      expect(changed.statusCode).toBe(200);
      expect(json(changed).mustChangePassword).toBe(false);
      // The change ended the old session; the browser carries on in the new one it was given.
      expect((await ctx.app.inject({ url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(401);
      const renewed = `mb_session=${changed.cookies.find((c) => c.name === "mb_session")?.value}`;
      expect((await ctx.app.inject({ url: "/api/v1/referrals", headers: { cookie: renewed } })).statusCode).toBe(200);
      expect((await login("new.township.doctor", "chosen-by-admin", "10.2.1.2")).statusCode).toBe(401);
      expect(json(await login("new.township.doctor", "my-own-password", "10.2.1.3")).mustChangePassword).toBe(false);
    });

    it("revokes API tokens on a password change, and a deactivated user's tokens stay dead when re-activated", async () => {
      const admin = await as("admin");
      const doctor = await userId("yn.township.doctor");
      const token = async () => {
        const created = await ctx.app.inject({ method: "POST", url: "/api/v1/api-tokens", headers: admin, payload: { name: "HIS", userId: doctor.id } });
        expect(created.statusCode).toBe(201);
        return { authorization: `Bearer ${json(created).token}` };
      };
      const me = async (headers: Record<string, string>) => (await ctx.app.inject({ url: "/api/v1/me", headers })).statusCode;
      const patch = (payload: object) => ctx.app.inject({ method: "PATCH", url: `/api/v1/users/${doctor.id}`, headers: admin, payload });

      const beforeReset = await token();
      expect(await me(beforeReset)).toBe(200);
      expect((await patch({ password: "reset-by-admin-1" })).statusCode).toBe(200);
      expect(await me(beforeReset)).toBe(401);

      const beforeDeactivation = await token();
      expect(await me(beforeDeactivation)).toBe(200);
      expect((await patch({ active: false })).statusCode).toBe(200);
      expect((await patch({ active: true })).statusCode).toBe(200);
      expect(await me(beforeDeactivation)).toBe(401);

      // The user's own change revokes them as well.
      const beforeOwnChange = await token();
      const session = await login("yn.township.doctor", "reset-by-admin-1", "10.2.2.1");
      const cookie = `mb_session=${session.cookies.find((c) => c.name === "mb_session")?.value}`;
      const own = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: { cookie },
        payload: { currentPassword: "reset-by-admin-1", newPassword: "the-doctors-own" },
      });
      expect(own.statusCode).toBe(200);
      expect(await me(beforeOwnChange)).toBe(401);
    });
  });

  describe("defect 2: production seeds no known password", () => {
    it("creates only the admin on a production first start, with a generated password to be changed", async () => {
      const database = await freshDatabase(backend);
      try {
        const config = { ...loadConfig(PRODUCTION_ENV), webDist: "/nonexistent" };
        expect(config.demoOnFirstStart).toBe(false);
        const first = await seedFirstStart(database.db, config);
        expect(first?.accounts.map((a) => [a.username, a.mustChangePassword])).toEqual([["admin", true]]);
        const all = await database.db.select({ username: users.username }).from(users);
        expect(all.map((u) => u.username)).toEqual(["admin"]);
        expect(loginLines(config, first).join("\n")).not.toContain(DEFAULT_DEMO_PASSWORD);
        expect(await seedFirstStart(database.db, config)).toBeNull();

        const app = await buildApp({ db: database.db, config, logger: false });
        try {
          expect((await login("gz.county.coord", DEFAULT_DEMO_PASSWORD, "10.3.0.1", app)).statusCode).toBe(401);
          const admin = await login("admin", first?.accounts[0]?.password as string, "10.3.0.2", app);
          expect(admin.statusCode).toBe(200);
          expect(json(admin).mustChangePassword).toBe(true);
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
      }
    });

    it("gives demo accounts asked for in production their own random passwords, and never accepts the published one", async () => {
      const database = await freshDatabase(backend);
      try {
        const config = { ...loadConfig(PRODUCTION_ENV), webDist: "/nonexistent" };
        const first = await seedFirstStart(database.db, config, { demo: true });
        const accounts = first?.accounts ?? [];
        expect(accounts.length).toBe(7);
        expect(new Set(accounts.map((a) => a.password)).size).toBe(7);
        expect(accounts.every((a) => a.mustChangePassword && a.password !== DEFAULT_DEMO_PASSWORD)).toBe(true);
        const app = await buildApp({ db: database.db, config, logger: false });
        try {
          expect((await login("gz.county.coord", DEFAULT_DEMO_PASSWORD, "10.3.1.1", app)).statusCode).toBe(401);
          const printed = accounts.find((a) => a.username === "gz.county.coord")?.password as string;
          expect(json(await login("gz.county.coord", printed, "10.3.1.2", app)).mustChangePassword).toBe(true);
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
      }
    });

    it("refuses the published demo password in production, even on accounts seeded with it before", async () => {
      expect(() => loadConfig({ ...PRODUCTION_ENV, MEDBRIDGE_DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD })).toThrow(/MEDBRIDGE_DEMO_PASSWORD/);
      // What a production instance seeded before the fix holds: an account with the published password.
      await ctx.database.db.insert(users).values({
        username: "seeded.before.fix",
        displayName: "示例",
        role: "health_official",
        regionCode: "520000",
        scopeRegionCode: "520000",
        passwordHash: await hashPassword(DEFAULT_DEMO_PASSWORD),
      });
      expect((await login("seeded.before.fix", DEFAULT_DEMO_PASSWORD, "10.3.2.1")).statusCode).toBe(200);
      const app = await buildApp({ db: ctx.database.db, config: { ...loadConfig(PRODUCTION_ENV), webDist: "/nonexistent" }, logger: false });
      try {
        expect((await login("seeded.before.fix", DEFAULT_DEMO_PASSWORD, "10.3.2.2", app)).statusCode).toBe(401);
      } finally {
        await app.close();
      }
    });

    it("keeps development as it was: the demo world with the demo password", () => {
      const config = loadConfig({});
      expect(config.demoOnFirstStart).toBe(true);
      expect(config.demoPassword).toBe(DEFAULT_DEMO_PASSWORD);
      expect(loginLines(config, null).join("\n")).toContain("gz.county.coord");
    });
  });
});

describe("defect 2: `medbridge serve` in production", () => {
  const BIN = resolve(import.meta.dirname, "../bin/medbridge.js");
  let child: ChildProcess | undefined;
  let dataDir = "";
  afterAll(() => {
    child?.kill("SIGKILL");
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts with no demo account and prints a generated admin password once", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "medbridge-prod-"));
    const port = 18400 + Math.floor(Math.random() * 100);
    const env: NodeJS.ProcessEnv = { ...process.env, ...PRODUCTION_ENV, MEDBRIDGE_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1" };
    for (const key of ["DATABASE_URL", "MEDBRIDGE_SEED_DEMO", "MEDBRIDGE_DEMO_PASSWORD", "MEDBRIDGE_ADMIN_PASSWORD"]) delete env[key];
    child = spawn(process.execPath, [BIN, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    const deadline = Date.now() + 90_000;
    while (!output.includes("is running at")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).not.toContain(DEFAULT_DEMO_PASSWORD);
    expect(output).not.toContain("seeding demo data");
    const signIn = (username: string, password: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
    expect((await signIn("gz.county.coord", DEFAULT_DEMO_PASSWORD)).status).toBe(401);
    const password = /Admin login: admin \/ (\S+)/.exec(output)?.[1] as string;
    const admin = await signIn("admin", password);
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
  }, 120_000);
});
