import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "./helpers/app.ts";
import { exitOf, medbridge, type Process, postgresDatabase, terminate } from "./helpers/ops.ts";
import { idNumberFor, upReferral } from "./helpers/referrals.ts";

/**
 * `serve --workers 2` as it runs in production: the real CLI in a child process (a cluster primary
 * and two workers) on a fresh PostgreSQL database, real HTTP, a real webhook receiver.
 */

const postgresUrl = inject("postgresUrl");
if (!postgresUrl) console.warn("\n⚠ multi-process: no PostgreSQL, SKIPPING (see test/helpers/postgres-setup.ts)\n");

const PORT = 19110;
const HOOK_PORT = 19111;
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = randomBytes(32);

interface Answer {
  status: number;
  worker: string | undefined;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** One request on a new connection (no keep-alive), so the primary hands each to the next worker. */
function call(method: string, path: string, options: { body?: unknown; cookie?: string; forwardedFor?: string; timeoutMs?: number } = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${BASE}${path}`,
      {
        method,
        agent: false,
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          ...(payload && { "content-type": "application/json" }),
          ...(options.cookie && { cookie: options.cookie }),
          ...(options.forwardedFor && { "x-forwarded-for": options.forwardedFor }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          let body: Record<string, unknown> = {};
          try {
            body = text ? JSON.parse(text) : {};
          } catch {}
          resolve({ status: res.statusCode ?? 0, worker: res.headers["x-medbridge-worker"] as string | undefined, body, headers: res.headers });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(payload);
  });
}

async function login(username: string): Promise<{ cookie: string; worker: string | undefined }> {
  const answer = await call("POST", "/api/v1/auth/login", { body: { username, password: DEMO_PASSWORD } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const setCookie = [answer.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("mb_session="));
  return { cookie: (setCookie as string).split(";")[0] as string, worker: answer.worker };
}

/** The worker processes of the primary: its children running medbridge (tsx's esbuild is one too). */
const childrenOf = (pid: number): number[] =>
  execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter((child) => readFileSync(`/proc/${child}/cmdline`, "utf8").includes("medbridge.js"));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.runIf(postgresUrl)("serve --workers 2 on PostgreSQL", () => {
  const name = `mbw_${randomBytes(5).toString("hex")}`;
  const url = new URL(postgresUrl || "postgres://x@127.0.0.1/x");
  url.pathname = `/${name}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let db: pg.Pool;
  let server: Process;
  const received = new Map<string, number>();
  let hook: Server;
  const started = new Date();

  beforeAll(async () => {
    await admin(`create database ${name}`);
    db = new pg.Pool({ connectionString: url.toString(), max: 2 });
    hook = createServer((req, res) => {
      const id = req.headers["x-medbridge-delivery"] as string;
      received.set(id, (received.get(id) ?? 0) + 1);
      // A little latency, so that both workers' senders are busy at once.
      setTimeout(() => res.writeHead(204).end(), 5);
    });
    await new Promise<void>((done) => hook.listen(HOOK_PORT, "127.0.0.1", done));
    server = medbridge(["serve", "--workers", "2"], KEY, {
      NODE_ENV: "",
      DATABASE_URL: url.toString(),
      PORT: String(PORT),
      MEDBRIDGE_DEMO_PASSWORD: DEMO_PASSWORD,
      MEDBRIDGE_WEB_DIST: "/nonexistent",
      MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1",
      // The rate-limit test speaks as other addresses through X-Forwarded-For.
      MEDBRIDGE_TRUST_PROXY: "loopback",
      // Job lines ("job referral SLA", with the process id) are at info.
      LOG_LEVEL: "info",
    });
    await server.waitFor(/is running at .*\(2 worker processes/, 240_000);
  }, 300_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    await new Promise<void>((done) => (hook ? hook.close(() => done()) : done()));
    await db?.end();
    await admin(`drop database if exists ${name} with (force)`);
  }, 60_000);

  it("prepared the database once in the primary and answers from both workers", async () => {
    const output = server.output();
    expect(output.match(/First start: seeding demo data/g)).toHaveLength(1);
    expect(output.match(/Connecting to PostgreSQL/g)).toHaveLength(1);
    const answers = await Promise.all(Array.from({ length: 8 }, () => call("GET", "/api/v1/health")));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(["1", "2"]));
  });

  it("accepts a session made on one worker on the other", async () => {
    const { cookie, worker } = await login("gz.county.coord");
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await call("GET", "/api/v1/me", { cookie }));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(answers.map((a) => a.body.username)).toEqual(Array(6).fill("gz.county.coord"));
    expect(answers.some((a) => a.worker !== worker)).toBe(true);
    // Ended on one worker, the session is gone on both.
    expect((await call("POST", "/api/v1/auth/logout", { cookie })).status).toBe(204);
    const after = await Promise.all([call("GET", "/api/v1/me", { cookie }), call("GET", "/api/v1/me", { cookie })]);
    expect(after.map((a) => a.status)).toEqual([401, 401]);
    expect(new Set(after.map((a) => a.worker)).size).toBe(2);
  });

  it("holds one address to thirty sign-ins a minute across the workers", async () => {
    const answers: Answer[] = [];
    // Another name each time: the per-name lockout must not be what stops them.
    for (let i = 0; i < 34; i++)
      answers.push(await call("POST", "/api/v1/auth/login", { body: { username: `nobody.${i}`, password: "wrong-password" }, forwardedFor: "203.0.113.7" }));
    expect(answers.slice(0, 30).map((a) => a.status)).toEqual(Array(30).fill(401));
    expect(answers.slice(30).map((a) => a.status)).toEqual([429, 429, 429, 429]);
    expect(String(answers[30]?.body.detail ?? answers[30]?.body.title)).toMatch(/Too many attempts/);
    expect(new Set(answers.slice(0, 30).map((a) => a.worker))).toEqual(new Set(["1", "2"]));
    expect(new Set(answers.slice(30).map((a) => a.worker))).toEqual(new Set(["1", "2"]));
    // Another address still signs in.
    expect((await call("POST", "/api/v1/auth/login", { body: { username: "nobody.x", password: "wrong-password" }, forwardedFor: "203.0.113.8" })).status).toBe(
      401,
    );
  });

  it("locks a name without an account after five tries across the workers, as it locks an account", async () => {
    for (const username of ["ghost.user", "gz.official"]) {
      const answers: Answer[] = [];
      for (let i = 0; i < 7; i++)
        answers.push(await call("POST", "/api/v1/auth/login", { body: { username, password: "wrong-password" }, forwardedFor: `198.51.100.${i}` }));
      expect(
        answers.map((a) => a.status),
        username,
      ).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(["1", "2"]));
    }
  });

  it("runs each job's work once while clients hammer both workers", async () => {
    const coord = await login("gz.county.coord");
    const doctor = await login("gz.township.doctor");
    const county = (await call("GET", "/api/v1/me", { cookie: coord.cookie })).body.institutionId as string;
    const set = await call("PUT", "/api/v1/webhooks", {
      cookie: coord.cookie,
      body: { institutionId: county, url: `http://127.0.0.1:${HOOK_PORT}/his`, secret: "a-long-enough-webhook-secret" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(204);

    // Clients reading worklists on both workers all along.
    let hammering = true;
    const hammered = { ok: 0, failed: 0 };
    const hammer = async () => {
      while (hammering) {
        const answer = await call("GET", "/api/v1/referrals?pageSize=20", { cookie: coord.cookie }).catch(() => undefined);
        if (answer?.status === 200) hammered.ok++;
        else hammered.failed++;
      }
    };
    const hammers = Array.from({ length: 4 }, hammer);
    try {
      const ids: string[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, lane) => {
          for (let i = 0; i < 10; i++) {
            const serial = 500 + lane * 10 + i;
            const body = upReferral(county, {
              priority: "green_channel",
              patient: { name: "示例患者", sex: "male", birthDate: "1970-01-01", idNumber: idNumberFor("1970-01-01", serial) },
            });
            const made = await call("POST", "/api/v1/referrals", { cookie: doctor.cookie, body });
            expect(made.status, JSON.stringify(made.body)).toBe(201);
            ids.push(made.body.id as string);
          }
        }),
      );
      // Every submitted referral is overdue now: the next SLA run of each worker (every minute,
      // started together) races for them, as do both workers' webhook senders (every 2 s).
      const overdue = await db.query("update referrals set sla_deadline = now() - interval '1 minute' where status = 'submitted' returning id");
      expect(overdue.rowCount).toBeGreaterThanOrEqual(40);
      const open = async () =>
        (
          await db.query<{ n: number }>(
            `select (select count(*)::int from webhook_deliveries where delivered_at is null)
                  + (select count(*)::int from referrals where status = 'submitted' and sla_deadline < now()) as n`,
          )
        ).rows[0]?.n;
      await expect.poll(open, { timeout: 150_000, interval: 500 }).toBe(0);
      // Both keep running a while longer: nothing may be done twice.
      await new Promise((r) => setTimeout(r, 3_000));
    } finally {
      hammering = false;
      await Promise.all(hammers);
    }
    expect(hammered.ok).toBeGreaterThan(50);
    expect(hammered.failed).toBe(0);

    const twice = await db.query(
      `select referral_id, count(*)::int as n from referral_events where action = 'expire' group by referral_id having count(*) <> 1`,
    );
    expect(twice.rows).toEqual([]);
    // The jobs' own expiries (the demo world may hold older ones).
    const expired = await db.query<{ n: number }>("select count(*)::int as n from referral_events where action = 'expire' and at >= $1", [started]);
    expect(expired.rows[0]?.n).toBeGreaterThanOrEqual(40);
    const notices = await db.query(`select referral_id from notifications where kind = 'expired' group by referral_id having count(*) <> 1`);
    expect(notices.rows).toEqual([]);
    const deliveries = await db.query<{ id: string }>("select id from webhook_deliveries");
    // One per new referral sent to the county (and any the demo's own changes queued).
    expect(deliveries.rows.length).toBeGreaterThanOrEqual(40);
    expect([...received.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(new Set(received.keys())).toEqual(new Set(deliveries.rows.map((d) => d.id)));

    // Who did the expiring: both workers ran the SLA job (the counts are in their log lines).
    const byPid = new Map<number, number>();
    for (const line of server.output().split("\n")) {
      if (!line.startsWith("{") || !line.includes('"msg":"job referral SLA"')) continue;
      const entry = JSON.parse(line) as { pid: number; expired?: number };
      byPid.set(entry.pid, (byPid.get(entry.pid) ?? 0) + (entry.expired ?? 0));
    }
    console.log(
      `multi-process: ${expired.rows[0]?.n} expiries by process ${JSON.stringify(Object.fromEntries(byPid))}, ` +
        `${received.size} webhook deliveries, ${hammered.ok} worklist reads meanwhile`,
    );
    expect([...byPid.values()].reduce((a, b) => a + b, 0)).toBe(expired.rows[0]?.n);
  }, 240_000);

  it("replaces a worker killed with SIGKILL and keeps answering", async () => {
    const [victim] = childrenOf(server.child.pid as number);
    expect(victim).toBeDefined();
    process.kill(victim as number, "SIGKILL");
    const statuses: number[] = [];
    const seen = new Set<string>();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !seen.has("3")) {
      const answer = await call("GET", "/api/v1/health", { timeoutMs: 2_000 }).catch(() => undefined);
      statuses.push(answer?.status ?? 0);
      if (answer?.worker) seen.add(answer.worker);
      await new Promise((r) => setTimeout(r, 100));
    }
    await server.waitFor(/Worker process \d+ died \(signal SIGKILL\); starting another in 0\.5 s/, 1_000);
    // The replacement (worker 3) answers, beside the one that lived on.
    expect(seen.has("3")).toBe(true);
    // The other worker answered while the replacement started. At most one connection is lost: the
    // primary accepts connections and may hand one to the worker in the moment it dies, before it
    // learns of the death; that one is never answered (the client's timeout ends it, as for any
    // request in flight on a killed process; a proxy retries an idempotent one).
    expect(statuses.filter((s) => s !== 200).length, String(statuses)).toBeLessThanOrEqual(1);
    expect(statuses.slice(-5)).toEqual([200, 200, 200, 200, 200]);
    expect(childrenOf(server.child.pid as number)).toHaveLength(2);
    const both = await Promise.all(Array.from({ length: 6 }, () => call("GET", "/api/v1/health")));
    expect(both.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(new Set(both.map((a) => a.worker)).size).toBe(2);
  }, 150_000);

  it("stops every worker gracefully on SIGTERM to the primary and exits 0", async () => {
    const workers = childrenOf(server.child.pid as number);
    expect(workers).toHaveLength(2);
    const { code } = await terminate(server, 60_000);
    expect(code, server.output().slice(-2000)).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
    expect(server.output().match(/asked by the primary process: shutting down/g)).toHaveLength(2);
  }, 90_000);
});

describe("serve --workers refuses what it cannot run", () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    medbridge(args, KEY, { NODE_ENV: "", DATABASE_URL: "", MEDBRIDGE_DATA_DIR: "/tmp/mbw-refused", MEDBRIDGE_WEB_DIST: "/nonexistent", ...env });

  it("refuses more than one worker on PGlite (one process's database)", async () => {
    const p = run(["serve", "--workers", "2"]);
    const code = await exitOf(p);
    expect(code).not.toBe(0);
    expect(code).not.toBe("hung");
    expect(p.output()).toMatch(/--workers 2 needs PostgreSQL \(DATABASE_URL\)/);
  }, 90_000);

  it.each([["0"], ["abc"], ["1.5"], ["65"]])(
    "exits 2 on --workers %s, naming the option",
    async (count) => {
      const p = run(["serve", "--workers", count]);
      expect(await exitOf(p)).toBe(2);
      expect(p.output()).toContain(`--workers must be a whole number of server processes from 1 to 64, got "${count}"`);
    },
    90_000,
  );

  it("exits 2 on a bad MEDBRIDGE_WORKERS, naming it", async () => {
    const p = run(["serve"], { MEDBRIDGE_WORKERS: "two" });
    expect(await exitOf(p)).toBe(2);
    expect(p.output()).toContain('MEDBRIDGE_WORKERS must be a whole number of server processes from 1 to 64, got "two"');
  }, 90_000);
});

describe.runIf(postgresUrl)("serve --workers 2 whose workers cannot start", () => {
  it("stops after five deaths in a row instead of restarting forever", async () => {
    const database = await postgresDatabase();
    // The port is taken: every worker fails to listen.
    const squatter = createServer();
    await new Promise<void>((done) => squatter.listen(PORT + 2, "127.0.0.1", done));
    try {
      const p = medbridge(["serve", "--workers", "2"], KEY, {
        NODE_ENV: "",
        DATABASE_URL: database.url,
        PORT: String(PORT + 2),
        MEDBRIDGE_SEED_DEMO: "0",
        MEDBRIDGE_WEB_DIST: "/nonexistent",
      });
      expect(await exitOf(p, 240_000)).toBe(1);
      expect(p.output()).toMatch(/starting another in 0\.5 s[\s\S]*starting another in 4 s/);
      expect(p.output()).toMatch(/A worker process died 5 times in a row, each within 60 s of starting .*: stopping MedBridge/);
    } finally {
      squatter.close();
      await database.drop();
    }
  }, 300_000);
});
