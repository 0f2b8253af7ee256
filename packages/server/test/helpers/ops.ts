import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { idCheckCharacter } from "@medbridge/core";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { expect, inject } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { type Database, openDatabase } from "../../src/db/connection.ts";
import { ensureRegions } from "../../src/registry/regions-data.ts";
import { seedDemo } from "../../src/seed/demo.ts";
import { ADMIN_PASSWORD, DEMO_PASSWORD } from "./app.ts";
import type { Backend } from "./db.ts";

/** Helpers of the operations tests (logs, timeouts, readiness, data key, backups). */

export const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The app's configuration with a given data key (no web app). */
/** The index key the test seeds hash with (the development one), given explicitly where production mode needs one. */
const INDEX_KEY = loadConfig({}).indexKey.toString("base64");

export const configWithKey = (key: Buffer) => ({ ...loadConfig({}), webDist: "/nonexistent", dataKey: key, developmentKey: false });

/** A new, empty database on the test PostgreSQL server, by URL (dropped by `drop`). */
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject("postgresUrl");
  const name = `medbridge_ops_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** An empty database on either backend (not migrated). */
export async function emptyDatabase(backend: Backend): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (backend === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    return { database, drop: () => database.close().catch(() => {}) };
  }
  const pgdb = await postgresDatabase();
  const database = await openDatabase({ url: pgdb.url });
  return {
    database,
    url: pgdb.url,
    drop: async () => {
      await database.close().catch(() => {});
      await pgdb.drop();
    },
  };
}

/** Migrated, regions loaded, the demo world seeded with `key`. */
export async function seededDatabase(backend: Backend, key: Buffer) {
  const empty = await emptyDatabase(backend);
  await empty.database.migrate();
  await ensureRegions(empty.database.db);
  await seedDemo(empty.database.db, { demo: DEMO_PASSWORD, admin: ADMIN_PASSWORD }, undefined, key);
  return empty;
}

export async function login(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password: username === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === "mb_session");
  return `mb_session=${cookie?.value}`;
}

/** A valid GB 11643 number of someone from 黄平县 born on `birth`. */
export function idNumber(birth: string): string {
  const first17 = `522622${birth.replaceAll("-", "")}417`;
  return first17 + idCheckCharacter(first17);
}

const BIN = resolve(import.meta.dirname, "../../bin/medbridge.js");

export interface Process {
  child: ChildProcess;
  /** Standard output and error so far. */
  output(): string;
  /** Resolves when the output matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Runs `medbridge …` in its own process: production mode with `key`, any free port, quiet logs. */
export function medbridge(args: string[], key: Buffer, env: NodeJS.ProcessEnv = {}): Process {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      CI: "",
      NODE_ENV: "production",
      MEDBRIDGE_DATA_KEY: key.toString("base64"),
      MEDBRIDGE_INDEX_KEY: INDEX_KEY,
      PORT: "0",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((done, fail) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            done(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`no ${pattern} in:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void exited.then(() =>
          setTimeout(() => {
            if (!listeners.delete(check)) return;
            clearTimeout(timer);
            fail(new Error(`exited before ${pattern}:\n${output}`));
          }, 100),
        );
      });
    },
  };
}

/** The exit code, or "hung" (and the process killed) when it has not exited within `timeoutMs`. */
export async function exitOf(process: Process, timeoutMs = 60_000): Promise<number | null | "hung"> {
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([process.exited, new Promise<"hung">((done) => (timer = setTimeout(() => done("hung"), timeoutMs)))]);
  clearTimeout(timer);
  if (code === "hung") process.child.kill("SIGKILL");
  return code;
}

/** Sends SIGTERM; resolves to the exit code and how long the exit took. */
export async function terminate(process: Process, timeoutMs = 30_000): Promise<{ code: number | null | "hung"; ms: number }> {
  const started = performance.now();
  process.child.kill("SIGTERM");
  const code = await exitOf(process, timeoutMs);
  return { code, ms: code === "hung" ? Number.POSITIVE_INFINITY : performance.now() - started };
}
