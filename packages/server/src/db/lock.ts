import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

/**
 * PGlite has no lock between processes and a second opener corrupts the data directory, so the
 * first opener takes an exclusive lock file. A lock left by a dead process is taken over.
 */
export const LOCK_NAME = "medbridge.lock";

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockPath, "utf8").trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The database in ${dataDir} is in use by process ${holder} (a running server?). ` +
            "Stop it first, or point this command at PostgreSQL with DATABASE_URL.",
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PostgreSQL has no data directory to lock: every server holds this advisory lock shared for its
 * lifetime (on a connection of its own), and maintenance that must run alone — restore, key
 * rotation — takes it exclusively, so neither can start while the other runs.
 */
const SERVER_LOCK = 7_310_858_571;

function lockClient(url: string, connectMs: number, name: string): pg.Client {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectMs,
    query_timeout: connectMs + 5_000,
    keepAlive: true,
    application_name: name,
  });
  // A lost lock connection must not crash the process; the lock goes with it.
  client.on("error", () => {});
  return client;
}

/** Held by `serve` on PostgreSQL; the returned function lets go (ending its connection). */
export async function holdServerLock(url: string, connectMs = 5_000): Promise<() => Promise<void>> {
  const client = lockClient(url, connectMs, "medbridge server lock");
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock_shared($1) as ok", [SERVER_LOCK]);
  if (!rows[0]?.ok) {
    await client.end().catch(() => {});
    throw new Error("The database is locked for maintenance (a restore or key rotation is running); start the server when it has finished.");
  }
  return () => client.end().catch(() => {});
}

/**
 * Taken by restore and rotate-key on PostgreSQL: refuses while any server holds the server lock.
 * The returned client stays connected (holding the lock) until `release`.
 */
export async function takeMaintenanceLock(url: string, what: string, connectMs = 5_000): Promise<{ client: pg.Client; release: () => Promise<void> }> {
  const client = lockClient(url, connectMs, `medbridge ${what}`);
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [SERVER_LOCK]);
  if (!rows[0]?.ok) {
    await client.end().catch(() => {});
    throw new Error(`A MedBridge server (or another maintenance command) is using this database; stop every server before ${what}.`);
  }
  return { client, release: () => client.end().catch(() => {}) };
}
