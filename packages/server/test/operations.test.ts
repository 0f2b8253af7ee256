import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/connection.ts";
import { describeError } from "../src/logging.ts";
import { BACKENDS } from "./helpers/db.ts";
import { exitOf, medbridge, postgresDatabase, terminate } from "./helpers/ops.ts";
import { blackHole, tcpProxy } from "./helpers/tcp-proxy.ts";

/**
 * Defect 10: bounds on waiting for PostgreSQL — in the pool, at start-up of a real server process,
 * and at its shutdown — against a real PostgreSQL behind a proxy we can silence, and a listener
 * that accepts connections and never answers.
 */
const KEY = randomBytes(32);

describe("database timeouts (defect 10)", () => {
  it("gives up on a PostgreSQL that accepts connections but never answers, within the bound, saying what it waits for", async () => {
    const hole = await blackHole();
    try {
      const waits: string[] = [];
      const started = performance.now();
      const error = await openDatabase({
        url: `postgres://medbridge@127.0.0.1:${hole.port}/medbridge`,
        timeouts: { connectMs: 500 },
        startupTimeoutMs: 2_000,
        onWait: (line) => waits.push(line),
      }).then(
        (database) => database.close().then(() => null),
        (e: Error) => e,
      );
      const ms = performance.now() - started;
      expect(error?.message).toMatch(new RegExp(`Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${hole.port}/medbridge after \\d+\\.\\d s: .*timeout`));
      expect(ms).toBeLessThan(3_500);
      expect(waits[0]).toBe(`Connecting to PostgreSQL at 127.0.0.1:${hole.port}/medbridge…`);
    } finally {
      await hole.close();
    }
  }, 20_000);

  it.runIf(BACKENDS.includes("postgres"))(
    "bounds statements on a live server and queries on a server that stopped answering",
    async () => {
      const pgdb = await postgresDatabase();
      const proxy = await tcpProxy("127.0.0.1", Number(new URL(pgdb.url).port || 5432));
      const database = await openDatabase({ url: proxy.url(pgdb.url), timeouts: { connectMs: 500, statementMs: 300, queryMs: 1_000 } });
      try {
        let started = performance.now();
        const slow = await database.db.execute(sql`select pg_sleep(5)`).catch((e: unknown) => e);
        expect(describeError(slow)).toContain("57014");
        expect(performance.now() - started).toBeLessThan(2_000);
        proxy.mode("blackhole");
        started = performance.now();
        const silent = await database.db.execute(sql`select 1`).catch((e: unknown) => e);
        expect(silent).toBeInstanceOf(Error);
        expect(performance.now() - started).toBeLessThan(2_500);
      } finally {
        proxy.mode("refuse");
        await database.close().catch(() => {});
        await proxy.close();
        await pgdb.drop();
      }
    },
    20_000,
  );
});

describe("the server process and a database that stops answering (defect 10)", () => {
  it("start-up says what it waits for and gives up on a PostgreSQL that never answers", async () => {
    const hole = await blackHole();
    try {
      const started = performance.now();
      const server = medbridge(["serve"], KEY, {
        DATABASE_URL: `postgres://medbridge@127.0.0.1:${hole.port}/medbridge`,
        MEDBRIDGE_DB_CONNECT_TIMEOUT_MS: "500",
        MEDBRIDGE_DB_STARTUP_TIMEOUT_MS: "2000",
      });
      expect(await exitOf(server, 30_000), server.output()).toBe(2);
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(server.output()).toContain(`Connecting to PostgreSQL at 127.0.0.1:${hole.port}/medbridge…`);
      expect(server.output()).toMatch(/Error: Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/medbridge after \d/);
    } finally {
      await hole.close();
    }
  }, 60_000);

  it.runIf(BACKENDS.includes("postgres"))(
    "exits within the shutdown deadline on SIGTERM while a request hangs on the database",
    async () => {
      const pgdb = await postgresDatabase();
      const proxy = await tcpProxy("127.0.0.1", Number(new URL(pgdb.url).port || 5432));
      const server = medbridge(["serve"], KEY, { DATABASE_URL: proxy.url(pgdb.url), MEDBRIDGE_SHUTDOWN_TIMEOUT_MS: "3000" });
      try {
        const [, port] = await server.waitFor(/is running at http:\/\/[\d.]+:(\d+)/);
        const base = `http://127.0.0.1:${port}/api/v1`;
        expect((await fetch(`${base}/health/ready`)).status).toBe(200);
        proxy.mode("blackhole");
        // Resolving the caller's token waits on the database, which no longer answers.
        const inFlight = fetch(`${base}/me`, { headers: { authorization: "Bearer mbt_waiting_for_the_database" } }).catch((e: Error) => e);
        await new Promise((done) => setTimeout(done, 500));
        const stopped = await terminate(server);
        expect(stopped.ms, server.output()).toBeLessThan(5_000);
        expect(server.output()).toContain("SIGTERM: shutting down (at most 3 s)");
        await inFlight;
      } finally {
        if (server.child.exitCode === null) server.child.kill("SIGKILL");
        proxy.mode("refuse");
        await proxy.close();
        await pgdb.drop();
      }
    },
    120_000,
  );
});
