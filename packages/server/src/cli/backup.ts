import { resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config.ts";

/** `backup` and `restore` (see db/backup.ts for how each backend is copied). */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Back up the database to a file: pg_dump (custom format) on PostgreSQL; on PGlite a tarball, made by the running server if there is one")
    .argument("<file>", "where to write the backup")
    .action(async (file: string) => {
      const config = loadConfig();
      const { backupDatabase } = await import("../db/backup.ts");
      const result = await backupDatabase({ url: config.databaseUrl, dataDir: config.dataDir }, resolve(file), (line) => console.error(line));
      console.log(`Backed up to ${file} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB): ${result.how}.`);
      console.log("The backup holds ID numbers sealed with MEDBRIDGE_DATA_KEY: keep that key (apart from the backup), or the backup cannot be read.");
    });

  program
    .command("restore")
    .description("Replace the database with a backup (refused while a server runs on it)")
    .argument("<file>", "a file written by `medbridge backup`")
    .action(async (file: string) => {
      const config = loadConfig();
      const { restoreDatabase } = await import("../db/backup.ts");
      const result = await restoreDatabase({ url: config.databaseUrl, dataDir: config.dataDir }, resolve(file), (line) => console.error(line));
      console.log(`Restored ${file}: ${result.how}.`);
      if ("kept" in result && result.kept) console.log(`The replaced data directory is kept in ${result.kept}; delete it when satisfied.`);
      console.log("Start the server with the MEDBRIDGE_DATA_KEY of the backup (it refuses any other).");
    });
}
