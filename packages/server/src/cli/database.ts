import { sql } from "drizzle-orm";
import { loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/connection.ts";
import { ensureDataKey } from "../db/key-check.ts";
import { holdServerLock } from "../db/lock.ts";
import type { PatientKeys } from "../patient-index.ts";
import { type LinkCounts, linkPatients } from "../patient-linking.ts";
import { ensureRegions } from "../registry/regions-data.ts";

export interface OpenConfiguredOptions {
  /**
   * The server bounds every statement (MEDBRIDGE_DB_STATEMENT_TIMEOUT_MS); batch commands (seeding a
   * nation, imports, migrations) may run statements for minutes and are bounded only on connecting.
   */
  serving?: boolean;
  /** Told what opening waits for ("Connecting to PostgreSQL at …"); standard error by default. */
  say?: (line: string) => void;
  /**
   * The database was migrated and prepared a moment ago by the process that started this one (a
   * `serve --workers` primary): only the data key is checked, so N workers do not race N migrations.
   */
  prepared?: boolean;
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
    // Only the server reads from a replica; commands read and write the primary.
    readUrl: options.serving ? config.databaseReadUrl : undefined,
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
    if (!options.prepared) await database.migrate();
    await ensureDataKey(database.db, config.dataKey);
    if (options.prepared) return database;
    await ensureRegions(database.db);
    await linkLegacyPatients(database, config, options.say ?? ((line) => console.error(line)));
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The data step of migration 0028: rows that predate the patient index (or a restored backup of
 * such a database) are linked to it. A database with nothing left to link costs two index probes
 * (rows holding placeholders instead of ciphertexts — synthetic data — never count as pending).
 */
async function linkLegacyPatients(database: Database, config: PatientKeys, say: (line: string) => void): Promise<void> {
  const pending = (
    (await database.db.execute(sql`select exists (select 1 from referrals where patient_id is null and length(patient_id_cipher) >= 40)
                                         or exists (select 1 from chronic_patients where patient_id is null and length(id_cipher) >= 40) as pending`)) as unknown as {
      rows: { pending: boolean }[];
    }
  ).rows[0]?.pending;
  if (!pending) return;
  say("Linking referrals and register entries to the patient index…");
  let reported = 0;
  const report = await linkPatients(database.db, config, (table, done) => {
    if (done - reported >= 100_000) {
      reported = done;
      say(`  ${table}: ${done} rows read`);
    }
  });
  const unlinked = (c: LinkCounts) => c.noIdNumber + c.unreadable;
  say(
    `Patient index: ${report.patientsCreated} patients; linked ${report.referrals.linked} referrals, ${report.chronicPatients.linked} register entries, ${report.consultations} consultations.` +
      (unlinked(report.referrals) + unlinked(report.chronicPatients) > 0
        ? ` Not linked: referrals ${report.referrals.noIdNumber} without an ID number and ${report.referrals.unreadable} unreadable; register ${report.chronicPatients.noIdNumber} without and ${report.chronicPatients.unreadable} unreadable.`
        : ""),
  );
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
