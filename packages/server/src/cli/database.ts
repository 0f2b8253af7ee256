import { loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import { ensureDataKey } from "../db/key-check.ts";
import { holdServerLock } from "../db/lock.ts";
import { ensureRegions } from "../registry/regions-data.ts";

export interface OpenConfiguredOptions {
  /**
   * The server bounds every statement (MEDBRIDGE_DB_STATEMENT_TIMEOUT_MS); batch commands (seeding a
   * nation, imports, migrations) may run statements for minutes and are bounded only on connecting.
   */
  serving?: boolean;
  /** Told what opening waits for ("Connecting to PostgreSQL at …"); standard error by default. */
  say?: (line: string) => void;
}

/**
 * Opens the configured database (PGlite in the data dir, or DATABASE_URL), migrated and with regions,
 * and refuses a MEDBRIDGE_DATA_KEY that does not match the one the data was sealed with.
 */
export async function openConfigured(options: OpenConfiguredOptions = {}): Promise<Database> {
  const config = loadConfig();
  const limits = config.db;
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: options.serving ? limits : { connectMs: limits.connectMs, statementMs: 0, queryMs: 0, idleInTransactionMs: 0 },
    startupTimeoutMs: limits.startupMs,
    onWait: options.say ?? ((line) => console.error(line)),
  });
  try {
    // A server holds the server lock (shared) for its lifetime: restore and rotate-key wait for none.
    if (options.serving && config.databaseUrl) {
      const release = await holdServerLock(config.databaseUrl, limits.connectMs);
      const close = database.close;
      database.close = async () => {
        await release();
        await close();
      };
    }
    await database.migrate();
    await ensureDataKey(database.db, config.dataKey);
    await ensureRegions(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Runs a command against the database and always closes it (releasing PGlite's lock). */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfigured();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
