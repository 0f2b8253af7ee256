import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Database } from "../../src/db/connection.ts";
import { seedDemo } from "../../src/seed/demo.ts";
import { type Backend, freshDatabase } from "./db.ts";

export const DEMO_PASSWORD = "demo-password-for-tests";
export const ADMIN_PASSWORD = "admin-password-for-tests";

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  /** Session cookie per demo username. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A real app on a fresh database seeded with the demo world; requests go through fastify.inject. */
export async function demoApp(backend: Backend, now?: () => Date, env: NodeJS.ProcessEnv = {}): Promise<TestContext> {
  return demoAppOn(await freshDatabase(backend), now, env);
}

/** The same on a migrated database the test opened itself (one with a read replica, say); close() closes it. */
export async function demoAppOn(database: Database, now?: () => Date, env: NodeJS.ProcessEnv = {}): Promise<TestContext> {
  await seedDemo(database.db, { demo: DEMO_PASSWORD, admin: ADMIN_PASSWORD });
  const app = await buildApp({
    db: database.db,
    readDb: database.read,
    config: { ...loadConfig(env), webDist: "/nonexistent" },
    logger: false,
    ...(now && { now }),
  });
  const cookies = new Map<string, string>();
  return {
    app,
    database,
    async login(username) {
      const known = cookies.get(username);
      if (known) return known;
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username, password: username === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === "mb_session");
      if (!cookie) throw new Error("no session cookie");
      const header = `mb_session=${cookie.value}`;
      cookies.set(username, header);
      return header;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function json<T = any>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
