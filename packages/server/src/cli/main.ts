import { DomainError } from "@medbridge/core";
import { Command, InvalidArgumentError } from "commander";
import { registerBackupCommands } from "./backup.ts";
import { registerCdsCommand } from "./cds.ts";
import { registerComplianceCommand } from "./compliance.ts";
import { registerImportCommands } from "./import.ts";
import { registerOutreachCommand } from "./outreach.ts";
import { registerPlanCommands } from "./plan.ts";
import { registerRotateKeyCommand } from "./rotate-key.ts";
import { registerSeedCommand } from "./seed.ts";

const program = new Command().name("medbridge").description("MedBridge 医联桥 — paired assistance, referral and monitoring platform").showHelpAfterError();

program
  .command("serve")
  .description("Serve the web app and API (migrates; first start seeds the demo, in production only the admin account)")
  .option("--port <port>", "port to listen on (default PORT or 8080)", (v) => {
    if (!/^\d+$/.test(v)) throw new InvalidArgumentError("must be a port number");
    return v;
  })
  .option("--demo", "seed the demo world at first start even in production (random passwords, changed at first sign-in)")
  // Checked by serve (config.ts's workerCount, like MEDBRIDGE_WORKERS): a bad count exits 2 naming the option.
  .option("--workers <count>", "server processes sharing the port, 1 to 64 (default MEDBRIDGE_WORKERS or 1); more than 1 needs DATABASE_URL")
  // Commands load what they need when they run, so `compliance check` does not pay for the server.
  .action(async (options) => (await import("./serve.ts")).serve(options));

program
  .command("migrate")
  .description("Apply database migrations and load the GB/T 2260 regions")
  .action(async () => (await import("./database.ts")).withDatabase(async (d) => console.log(`Migrated ${d.where}.`)));

registerSeedCommand(program);
registerImportCommands(program);
registerComplianceCommand(program);
registerCdsCommand(program);
registerOutreachCommand(program);
registerPlanCommands(program);
registerRotateKeyCommand(program);
registerBackupCommands(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`Error: ${error.message}`);
    for (const e of error.errors.slice(0, 50)) console.error(`  ${e.path}: ${e.message}`);
    if (error.errors.length > 50) console.error(`  … and ${error.errors.length - 50} more`);
  } else {
    // Drizzle's message carries the query's parameters (patient data, password hashes): never print
    // it; the database's own reason and code, or a plain error's message, are what helps.
    const { describeError } = await import("../logging.ts");
    console.error(`Error: ${describeError(error).slice(0, 500)}`);
  }
  process.exit(2);
}
