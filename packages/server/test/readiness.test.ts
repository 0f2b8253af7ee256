import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { openDatabase } from "../src/db/connection.ts";
import { ensureDataKey } from "../src/db/key-check.ts";
import { json } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { configWithKey, emptyDatabase, login, seededDatabase } from "./helpers/ops.ts";
import { tcpProxy } from "./helpers/tcp-proxy.ts";

/** Defect 11: liveness, readiness, and 503 with Retry-After while the database is away. */
const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);

describe.each(BACKENDS)("readiness on %s (defect 11)", (backend) => {
  it("keeps /health as liveness and answers /health/ready 503 with Retry-After until migrated and keyed", async () => {
    const { database, drop } = await emptyDatabase(backend);
    const app = await buildApp({ db: database.db, config: configWithKey(KEY_A), logger: false });
    const ready = () => app.inject({ url: "/api/v1/health/ready" });
    try {
      expect(json(await app.inject({ url: "/api/v1/health" }))).toEqual({ status: "ok" });
      const empty = await ready();
      expect(empty.statusCode).toBe(503);
      expect(empty.headers["retry-after"]).toBe("5");
      expect(json(empty).errors.map((e: { path: string }) => e.path)).toEqual(["migrations"]);

      await database.migrate();
      // No check value yet and nothing sealed: any key matches until the first start writes one.
      expect((await ready()).statusCode).toBe(200);
      // Another key wrote the check value: this server's key does not match.
      await ensureDataKey(database.db, KEY_B);
      const wrong = await ready();
      expect(wrong.statusCode).toBe(503);
      expect(json(wrong).errors).toEqual([
        { path: "dataKey", code: "not_ready", params: { what: "data_key" }, message: "MEDBRIDGE_DATA_KEY does not match the key the data is sealed with" },
      ]);

      await database.db.execute(sql`delete from instance_settings`);
      await ensureDataKey(database.db, KEY_A);
      const ok = await ready();
      expect(ok.statusCode).toBe(200);
      expect(json(ok)).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", dataKey: "ok" } });
    } finally {
      await app.close();
      await drop();
    }
  });
});

describe("requests while the database is away (defect 11)", () => {
  it.runIf(BACKENDS.includes("postgres"))(
    "answer 503 with Retry-After when PostgreSQL refuses or stops answering, and recover",
    async () => {
      const seeded = await seededDatabase("postgres", KEY_A);
      await ensureDataKey(seeded.database.db, KEY_A);
      await seeded.database.close();
      const proxy = await tcpProxy("127.0.0.1", Number(new URL(seeded.url as string).port || 5432));
      const database = await openDatabase({ url: proxy.url(seeded.url as string), timeouts: { connectMs: 500, statementMs: 1_000, queryMs: 1_500 } });
      const app = await buildApp({ db: database.db, config: configWithKey(KEY_A), logger: false });
      try {
        const cookie = await login(app, "gz.official");
        const list = () => app.inject({ url: "/api/v1/institutions?pageSize=1", headers: { cookie } });
        expect((await list()).statusCode).toBe(200);
        for (const mode of ["refuse", "blackhole"] as const) {
          proxy.mode(mode);
          const started = performance.now();
          const away = await list();
          expect(away.statusCode, `${mode}: ${away.body}`).toBe(503);
          expect(away.headers["retry-after"]).toBe("5");
          expect(away.headers["content-type"]).toContain("application/problem+json");
          expect(performance.now() - started).toBeLessThan(3_000);
          expect((await app.inject({ url: "/api/v1/health" })).statusCode).toBe(200);
          const ready = await app.inject({ url: "/api/v1/health/ready" });
          expect(ready.statusCode).toBe(503);
          expect(json(ready).errors[0].path).toBe("database");
        }
        proxy.mode("forward");
        await expect.poll(async () => (await list()).statusCode, { timeout: 10_000 }).toBe(200);
      } finally {
        await app.close();
        proxy.mode("refuse");
        await database.close().catch(() => {});
        await proxy.close();
        await seeded.drop();
      }
    },
    60_000,
  );

  it("answer 503 with Retry-After when the embedded database is gone", async () => {
    const seeded = await seededDatabase("pglite", KEY_A);
    const app = await buildApp({ db: seeded.database.db, config: configWithKey(KEY_A), logger: false });
    try {
      const cookie = await login(app, "gz.official");
      await seeded.database.close();
      const away = await app.inject({ url: "/api/v1/institutions?pageSize=1", headers: { cookie } });
      expect(away.statusCode).toBe(503);
      expect(away.headers["retry-after"]).toBe("5");
    } finally {
      await app.close();
    }
  });
});
