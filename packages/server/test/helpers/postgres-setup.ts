import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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

export function findBin(name: string): string | null {
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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** PostgreSQL's server tools of one version (pg_basebackup from initdb's own directory, not a wrapper), or null when missing. */
function serverTools(): { initdb: string; pgCtl: string; pgBasebackup: string | null } | null {
  const initdb = findBin("initdb");
  const pgCtl = findBin("pg_ctl");
  if (!initdb || !pgCtl) return null;
  const beside = join(dirname(realpathSync(initdb)), "pg_basebackup");
  return { initdb, pgCtl, pgBasebackup: existsSync(beside) ? beside : findBin("pg_basebackup") };
}

/** Runs a server tool, as the postgres user when we are root (PostgreSQL refuses to run as root). */
function runTool(bin: string, args: string[]): Buffer {
  return process.getuid?.() === 0
    ? execFileSync("runuser", ["-u", "postgres", "--", bin, ...args], { stdio: "pipe" })
    : execFileSync(bin, args, { stdio: "pipe" });
}

export interface Cluster {
  url: string;
  port: number;
  /** The directory holding the data directory, the log and the socket. */
  dir: string;
  /** pg_ctl start / stop (fast) on this cluster, leaving its files. */
  start(): void;
  halt(): void;
  /** Stops the cluster and removes its directory. */
  stop(): void;
}

export interface ClusterOptions {
  /** A loopback port (default: a free one). */
  port?: number;
  /** The temporary directory's name prefix (default medbridge-pg-). */
  dirPrefix?: string;
}

function cluster(tools: { pgCtl: string }, dir: string, port: number): Cluster {
  const data = join(dir, "data");
  const start = () =>
    runTool(tools.pgCtl, ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`, "start"]);
  const halt = () => runTool(tools.pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start,
    halt,
    stop: () => {
      try {
        if (existsSync(join(data, "postmaster.pid"))) halt();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function clusterDir(options: ClusterOptions): string {
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix ?? "medbridge-pg-"));
  chmodSync(dir, 0o777);
  return dir;
}

/**
 * Starts a throwaway cluster with initdb/pg_ctl (as the postgres user when we are root). It can
 * serve streaming replicas: initdb's pg_hba already trusts `host replication all 127.0.0.1/32`,
 * and wal_level=replica with WAL senders is the default.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster | null> {
  const tools = serverTools();
  if (!tools) return null;
  const dir = clusterDir(options);
  const port = options.port ?? (await freePort());
  runTool(tools.initdb, ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
  const started = cluster(tools, dir, port);
  started.start();
  return started;
}

/**
 * A hot standby of `primary` streaming from it (pg_basebackup -R writes primary_conninfo and
 * standby.signal), started on its own port; null when pg_basebackup is missing.
 */
export async function startStandby(primary: Cluster, options: ClusterOptions = {}): Promise<Cluster | null> {
  const tools = serverTools();
  if (!tools?.pgBasebackup) return null;
  const dir = clusterDir(options);
  const port = options.port ?? (await freePort());
  runTool(tools.pgBasebackup, ["-R", "-X", "stream", "-D", join(dir, "data"), "-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres"]);
  const started = cluster(tools, dir, port);
  started.start();
  return started;
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
