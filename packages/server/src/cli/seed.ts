import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { loadConfig } from "../config.ts";

export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .description("Re-create the demo data (erases all institutions, people, accounts and logs first)")
    .requiredOption("--demo", "seed the demo world")
    .action(async () => {
      const { resetAppData, seedDemo } = await import("../seed/demo.ts");
      const { withDatabase } = await import("./database.ts");
      await withDatabase(async ({ db, where }) => {
        const config = loadConfig();
        const admin = config.adminPassword ?? randomBytes(9).toString("base64url");
        await resetAppData(db);
        const summary = await seedDemo(db, { demo: config.demoPassword, admin }, (step) => process.stdout.write(`  seeding ${step}…\n`));
        console.log(
          `Seeded ${where}: ${summary.institutions} institutions, ${summary.alliances} alliances, ${summary.practitioners} practitioners, ${summary.agreements} agreements, ${summary.dispatches} dispatches, ${summary.attendance} check-ins.`,
        );
        for (const u of summary.users) console.log(`  ${u.username.padEnd(20)} ${u.role.padEnd(24)} ${u.password}`);
      });
    });
}
