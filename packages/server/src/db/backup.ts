import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { describePostgres, openDatabase } from "./connection.ts";
import { requestHotBackup } from "./hot-backup.ts";
import { LOCK_NAME, lockDataDir, takeMaintenanceLock } from "./lock.ts";
import { runPgProgram } from "./pg-tools.ts";

/**
 * Backup and restore for both backends.
 * - PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while servers keep running) and
 *   `pg_restore --clean --single-transaction` (all or nothing), refused while a server holds the
 *   server lock or any other session is connected to the database.
 * - PGlite: a gzipped tarball of the data directory. While the server runs it makes the copy
 *   itself (asked over its socket, see hot-backup.ts); otherwise the command opens the directory.
 *   Restore unpacks into a new directory, checks it opens, then swaps it in under the data dir
 *   lock (so never under a running server) and keeps the replaced files beside it.
 */
export interface BackupTarget {
  url?: string | undefined;
  dataDir: string;
}

export interface BackupResult {
  bytes: number;
  how: string;
}

type Say = (line: string) => void;

export async function backupDatabase(target: BackupTarget, file: string, say: Say = () => {}): Promise<BackupResult> {
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  try {
    let how: string;
    if (target.url) {
      say(`Dumping PostgreSQL at ${describePostgres(target.url)} (pg_dump, custom format)…`);
      await runPgProgram("pg_dump", target.url, ["--format=custom", `--file=${partial}`]);
      how = "pg_dump, custom format (a consistent snapshot; servers may keep running)";
    } else {
      const hot = await requestHotBackup(target.dataDir);
      if (hot) {
        writeFileSync(partial, hot);
        how = "hot copy made by the running server";
      } else {
        if (!existsSync(join(target.dataDir, "PG_VERSION"))) throw new Error(`There is no database in ${target.dataDir} (MEDBRIDGE_DATA_DIR).`);
        // Takes the data dir lock: a server that runs but does not answer on its socket is refused here.
        const database = await openDatabase({ dataDir: target.dataDir });
        try {
          const copy = await (database.dump as () => Promise<Blob>)();
          writeFileSync(partial, Buffer.from(await copy.arrayBuffer()));
        } finally {
          await database.close();
        }
        how = "copy of the data directory (no server was running)";
      }
    }
    renameSync(partial, file);
    return { bytes: readFileSync(file).length, how };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

function backupKind(file: string): "postgres" | "pglite" {
  const head = Buffer.alloc(5);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new Error(`${file} is not a MedBridge backup (neither a pg_dump custom-format file nor a PGlite tarball).`);
}

export async function restoreDatabase(target: BackupTarget, file: string, say: Say = () => {}): Promise<{ how: string; kept?: string }> {
  if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  const kind = backupKind(file);
  if (target.url) {
    if (kind !== "postgres") throw new Error(`${file} is a PGlite backup; this installation uses PostgreSQL (DATABASE_URL).`);
    return restorePostgres(target.url, file, say);
  }
  if (kind !== "pglite") throw new Error(`${file} is a PostgreSQL dump; restore it with DATABASE_URL set to the PostgreSQL database.`);
  return restorePglite(target.dataDir, file, say);
}

async function restorePostgres(url: string, file: string, say: Say): Promise<{ how: string }> {
  const lock = await takeMaintenanceLock(url, "restoring");
  try {
    const { rows } = await lock.client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
    );
    const others = rows[0]?.n ?? 0;
    if (others > 0) {
      throw new Error(
        `${others} other session(s) are connected to ${describePostgres(url)} (a running server, psql, a monitoring tool?); stop them before restoring.`,
      );
    }
    say(`Restoring ${file} into PostgreSQL at ${describePostgres(url)} (pg_restore, one transaction)…`);
    await runPgProgram("pg_restore", url, ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", file]);
    return { how: "pg_restore --clean --single-transaction" };
  } finally {
    await lock.release();
  }
}

async function restorePglite(dataDir: string, file: string, say: Say): Promise<{ how: string; kept?: string }> {
  // Refuses while a server (or any command) has the data directory open.
  const unlock = lockDataDir(dataDir);
  const staging = `${dataDir}.restoring-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    say(`Unpacking ${file} and checking it opens…`);
    const copy = await PGlite.create(staging, {
      loadDataDir: new Blob([readFileSync(file)], { type: "application/x-gzip" }),
      extensions: { pg_trgm, btree_gist },
    });
    try {
      await copy.query("select count(*) from drizzle.__drizzle_migrations");
    } finally {
      await copy.close();
    }
    const present = readdirSync(dataDir).filter((name) => name !== LOCK_NAME);
    let kept: string | undefined;
    if (present.length) {
      kept = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      mkdirSync(kept);
      for (const name of present) renameSync(join(dataDir, name), join(kept, name));
    }
    // A copy made by a running server carries its lock file, which does not belong here.
    for (const name of readdirSync(staging)) {
      if (name === LOCK_NAME) continue;
      renameSync(join(staging, name), join(dataDir, name));
    }
    return { how: "PGlite data directory replaced", ...(kept && { kept }) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    unlock();
  }
}
