import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./lock.ts";
import { ReplicaPool } from "./replica.ts";
import * as schema from "./schema.ts";

/** The same Drizzle query code runs on PGlite and on node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  /**
   * For reads that may lag (dashboards, indicator values, exports, region reports): the read
   * replica (DATABASE_READ_URL), falling back to the primary while it is unavailable; `db` itself
   * when there is no replica, and always on PGlite.
   */
  read: Db;
  kind: "pglite" | "postgres";
  /** Human description for start-up messages (never contains a password). */
  where: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a consistent copy of the data directory as a gzipped tarball (a hot backup). */
  dump?(): Promise<Blob>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "../../migrations");

/**
 * Bounds on waiting for PostgreSQL, so a database that accepts connections but never answers
 * cannot hang requests, start-up or shutdown. 0 means no limit.
 */
export interface DbTimeouts {
  /** Opening a connection (TCP, TLS, authentication) or waiting for a free one in the pool. */
  connectMs: number;
  /** Server side: PostgreSQL cancels a statement running longer (statement_timeout). */
  statementMs: number;
  /** Client side: a query without any answer (the server is gone, not merely slow). */
  queryMs: number;
  /** Server side: a session idle inside an open transaction is ended (it holds locks). */
  idleInTransactionMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 5_000, statementMs: 30_000, queryMs: 35_000, idleInTransactionMs: 60_000 };

/** For batch commands (migrations, seeding a nation, imports): statements may run for minutes. */
export const BATCH_DB_TIMEOUTS: DbTimeouts = { connectMs: 5_000, statementMs: 0, queryMs: 0, idleInTransactionMs: 0 };

export interface OpenOptions {
  /** `postgres://…` selects a PostgreSQL server. */
  url?: string | undefined;
  /** A streaming replica of `url` for reads that may lag (DATABASE_READ_URL); PostgreSQL only. */
  readUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
  timeouts?: Partial<DbTimeouts> | undefined;
  /** How long opening keeps retrying a PostgreSQL that refuses or does not answer (default 30 s). */
  startupTimeoutMs?: number | undefined;
  /** Told what opening waits for ("Connecting to PostgreSQL at host:port…"). */
  onWait?: ((message: string) => void) | undefined;
  /** Told when the read replica goes away or comes back (console.warn by default). */
  warn?: ((message: string) => void) | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options);
  if (options.readUrl) throw new Error("A read replica (DATABASE_READ_URL) needs a PostgreSQL primary (DATABASE_URL)");
  return openPglite(options.dataDir ?? "./data");
}

/** host:port/database of a PostgreSQL URL, for messages. */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || "localhost"}:${u.port || 5432}${u.pathname || ""}`;
  } catch {
    return redact(url);
  }
}

/** Failures worth waiting out at start-up: the server is starting, restarting or not reachable yet. */
function transient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "57P03"].includes(code)) return true;
  return /timeout|terminated/i.test((error as Error).message ?? "");
}

async function openPostgres(options: OpenOptions): Promise<Database> {
  const url = options.url as string;
  const t = { ...DEFAULT_DB_TIMEOUTS, ...options.timeouts };
  const base: pg.PoolConfig = {
    connectionString: url,
    connectionTimeoutMillis: t.connectMs,
    keepAlive: true,
    application_name: "medbridge",
  };
  const limits: pg.PoolConfig = {
    ...(t.statementMs && { statement_timeout: t.statementMs }),
    // Later than the server's own limit, so a live server always cancels first (a clean 57014);
    // this fires only when the server stopped answering altogether.
    ...(t.queryMs && { query_timeout: Math.max(t.queryMs, t.statementMs) }),
    ...(t.idleInTransactionMs && { idle_in_transaction_session_timeout: t.idleInTransactionMs }),
  };
  const pool = new pg.Pool({ ...base, ...limits, max: options.poolSize ?? 10 });
  // An idle connection the server closed (restart, failover, a dropped database) must not crash the
  // process: the pool drops it and opens a new one on the next query.
  pool.on("error", (error) => {
    if ((error as { code?: string }).code !== "57P01") console.warn(`PostgreSQL connection lost: ${error.message}`);
  });
  const where = describePostgres(url);
  const startupMs = options.startupTimeoutMs ?? 30_000;
  const started = Date.now();
  options.onWait?.(`Connecting to PostgreSQL at ${where}…`);
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await pool.connect();
      client.release();
      break;
    } catch (error) {
      const waited = Date.now() - started;
      const pause = Math.min(2_000, 250 * 2 ** attempt);
      if (!transient(error) || waited + pause >= startupMs) {
        await pool.end().catch(() => {});
        const after = transient(error) ? ` after ${(waited / 1000).toFixed(1)} s` : "";
        throw new Error(`Cannot connect to PostgreSQL at ${where}${after}: ${(error as Error).message}`);
      }
      options.onWait?.(
        `PostgreSQL at ${where} is not answering (${(error as Error).message}); trying again for up to ${Math.ceil((startupMs - waited) / 1000)} s…`,
      );
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const replica = options.readUrl ? await openReplica(options.readUrl, { ...base, ...limits }, pool, options) : null;
  let closing: Promise<void> | undefined;
  return {
    db,
    read: replica ? (drizzlePg(replica as unknown as pg.Pool, { schema }) as unknown as Db) : db,
    kind: "postgres",
    where: `PostgreSQL ${redact(url)}${options.readUrl ? `, reads that may lag from ${redact(options.readUrl)}` : ""}`,
    // Migrations may rewrite big tables: their own connection, without the statement limits.
    migrate: async () => {
      const migrator = new pg.Pool({ ...base, max: 1 });
      migrator.on("error", () => {});
      try {
        await migratePg(drizzlePg(migrator) as never, { migrationsFolder });
      } finally {
        await migrator.end();
      }
    },
    // Once: shutdown and error paths may both close.
    close: () => (closing ??= Promise.all([pool.end(), replica?.end()]).then(() => {})),
  };
}

/**
 * The replica's pool: half the primary's connections (it serves the few heavy reads), the same
 * limits. A replica that does not answer at start-up delays nothing: reads go to the primary
 * until it does (replica.ts).
 */
async function openReplica(readUrl: string, config: pg.PoolConfig, primary: pg.Pool, options: OpenOptions): Promise<ReplicaPool> {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const replica = new ReplicaPool({
    replica: {
      ...config,
      connectionString: readUrl,
      application_name: "medbridge-read",
      max: Math.max(2, Math.ceil((options.poolSize ?? 10) / 2)),
    },
    primary,
    where: describePostgres(readUrl),
    warn,
  });
  let standby: boolean | null;
  try {
    standby = await replica.probe();
  } catch (error) {
    // Answered, but refused us (authentication, no such database): a configuration error.
    await Promise.all([replica.end(), primary.end()]).catch(() => {});
    throw new Error(`Cannot use the read replica at ${describePostgres(readUrl)} (DATABASE_READ_URL): ${(error as Error).message}`);
  }
  if (standby === false)
    warn(`DATABASE_READ_URL ${describePostgres(readUrl)} is not a standby (pg_is_in_recovery() is false): reads that may lag go to that server all the same.`);
  return replica;
}

const PGLITE_SHARED_BUFFERS = "32MB";

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    // PostgreSQL's 128 MB of shared buffers live in the WASM heap on top of the files the OS already
    // caches; 32 MB keeps the embedded server's resident memory down (defect 14 of issue 11).
    const client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { pg_trgm, btree_gist },
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    let closing: Promise<void> | undefined;
    return {
      db,
      read: db,
      kind: "pglite",
      where: inMemory ? "embedded PGlite (in memory)" : `embedded PGlite in ${dataDir}`,
      migrate: () => migratePglite(db as never, { migrationsFolder }),
      close: () => (closing ??= client.close().finally(unlock)),
      dump: async () => {
        // Write what is in shared buffers to the files first, so the copy needs no recovery.
        await client.exec("checkpoint");
        return client.dumpDataDir("gzip");
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
