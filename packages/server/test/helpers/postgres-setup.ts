import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server for API tests, or "" when none could be found or started. */
    postgresUrl: string;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function findBin(name: string): string | null {
  const onPath = spawnSync("which", [name], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const candidate = join(root, version, "bin", name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts a throwaway cluster with initdb/pg_ctl (as the postgres user when we are root). */
export async function startCluster(): Promise<{ url: string; stop: () => void } | null> {
  const initdb = findBin("initdb");
  const pgCtl = findBin("pg_ctl");
  if (!initdb || !pgCtl) return null;
  const dir = mkdtempSync(join(tmpdir(), "medbridge-pg-"));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) =>
    asRoot ? execFileSync("runuser", ["-u", "postgres", "--", bin, ...args], { stdio: "pipe" }) : execFileSync(bin, args, { stdio: "pipe" });
  const port = await freePort();
  const data = join(dir, "data");
  run(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
  run(pgCtl, ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(pgCtl, ["-D", data, "-m", "fast", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL ?? "";
  let stop: (() => void) | undefined;
  if (!url && (await answers("postgres://postgres@127.0.0.1:5432/postgres"))) url = "postgres://postgres@127.0.0.1:5432/postgres";
  if (!url) {
    const cluster = await startCluster().catch((error: Error) => {
      console.warn(`Could not start a PostgreSQL cluster: ${error.message}`);
      return null;
    });
    if (cluster) {
      url = cluster.url;
      stop = cluster.stop;
    }
  }
  if (!url) {
    const message = "No PostgreSQL for the API tests: set TEST_DATABASE_URL or install PostgreSQL (initdb/pg_ctl).";
    if (process.env.CI) throw new Error(`${message} CI never skips them.`);
    console.warn(`\n!!! ${message} The PostgreSQL half of the API tests is SKIPPED. !!!\n`);
  } else {
    console.log(`API tests use PostgreSQL at ${url.replace(/:[^:@/]*@/, ":***@")} and embedded PGlite.`);
  }
  project.provide("postgresUrl", url);
  return () => stop?.();
}
