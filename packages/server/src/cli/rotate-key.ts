import { readFileSync } from "node:fs";
import { invalid } from "@medbridge/core";
import type { Command } from "commander";
import { loadConfig } from "../config.ts";

/** `rotate-key`: re-seal the data with a new key (see db/key-rotation.ts). */
export function registerRotateKeyCommand(program: Command): void {
  program
    .command("rotate-key")
    .description("Re-encrypt every sealed value with a new data key, in one transaction (refused while a server runs on the database)")
    .option("--old-key-file <file>", "file holding the current key (default: MEDBRIDGE_DATA_KEY)")
    .option("--new-key-file <file>", "file holding the new key (default: MEDBRIDGE_NEW_DATA_KEY)")
    .action(async (options: { oldKeyFile?: string; newKeyFile?: string }) => {
      // Keys come from the environment or files, never from the command line (it shows in `ps`).
      // The database is opened with the old key (openConfigured reads MEDBRIDGE_DATA_KEY): it must match.
      if (options.oldKeyFile) process.env.MEDBRIDGE_DATA_KEY = readKeyFile(options.oldKeyFile, "--old-key-file");
      const newKeyText = options.newKeyFile ? readKeyFile(options.newKeyFile, "--new-key-file") : process.env.MEDBRIDGE_NEW_DATA_KEY;
      if (!newKeyText) throw invalid([{ path: "MEDBRIDGE_NEW_DATA_KEY", code: "required", message: "is required (or --new-key-file): the key to rotate to" }]);
      const newKey = Buffer.from(newKeyText, "base64");
      if (newKey.length !== 32)
        throw invalid([
          {
            path: options.newKeyFile ? "--new-key-file" : "MEDBRIDGE_NEW_DATA_KEY",
            code: "format",
            params: { format: "base64_key" },
            message: "must be 32 bytes, base64-encoded (openssl rand -base64 32)",
          },
        ]);
      const config = loadConfig();
      if (config.developmentKey) console.error("MEDBRIDGE_DATA_KEY is not set: rotating away from the development key.");
      const { rotateDataKey } = await import("../db/key-rotation.ts");
      const { takeMaintenanceLock } = await import("../db/lock.ts");
      const { withDatabase } = await import("./database.ts");
      // PGlite: opening takes the data dir lock. PostgreSQL: the maintenance lock keeps servers out.
      const lock = config.databaseUrl ? await takeMaintenanceLock(config.databaseUrl, "rotating the data key", config.db.connectMs) : null;
      try {
        const report = await withDatabase(({ db }) =>
          rotateDataKey(db, config.dataKey, newKey, (table, done) => console.error(`  ${table}: ${done} re-sealed`)),
        );
        console.log(
          `Rotated the data key: ${report.referrals} referral ID numbers, ${report.chronicPatients} register ID numbers, ${report.patients} patient-index ID numbers, ${report.webhooks} webhook secrets re-sealed.`,
        );
        const p = report.placeholders;
        if (p.referrals + p.chronicPatients + p.patients + p.webhooks > 0) {
          console.log(
            `Left as they are (placeholders, not ciphertexts — e.g. synthetic national-scale rows): ${p.referrals} referrals, ${p.chronicPatients} register patients, ${p.patients} index patients, ${p.webhooks} webhooks.`,
          );
        }
        console.log("Now set MEDBRIDGE_DATA_KEY to the new key and start the server; the old key no longer opens this database (keep it for older backups).");
      } finally {
        await lock?.release();
      }
    });
}

function readKeyFile(file: string, flag: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw invalid([{ path: flag, code: "unreadable", params: { format: "file" }, message: `cannot be read: ${(error as Error).message}` }]);
  }
}
