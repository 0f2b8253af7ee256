import { loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import { ensureRegions } from "../registry/regions-data.ts";

/** Opens the configured database (PGlite in the data dir, or DATABASE_URL), migrated and with regions. */
export async function openConfigured(): Promise<Database> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  await ensureRegions(database.db);
  return database;
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
