import { randomBytes } from "node:crypto";
import { invalid } from "@medbridge/core";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { chinaDate, systemClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import { linkPatients } from "../patient-linking.ts";

export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .description("Re-create the demo data (erases all institutions, people, accounts and logs first); --scale adds a synthetic nation on top")
    .option("--demo", "seed the demo world (the default)")
    .option("--scale <scale>", "also generate a synthetic nation: national (10M referrals), medium (a tenth) or small (a thousandth)")
    .option("--seed <n>", "random seed of the synthetic nation", "1")
    .option("--as-of <day>", "the day the synthetic history ends (YYYY-MM-DD; default today)")
    .action(async (options: { scale?: string; seed: string; asOf?: string }) => {
      const { SCALES } = await import("../seed/national.ts");
      if (options.scale !== undefined && !(options.scale in SCALES))
        throw invalid([
          { path: "--scale", code: "enum", params: { allowed: Object.keys(SCALES) }, message: `must be one of ${Object.keys(SCALES).join(", ")}` },
        ]);
      const seed = Number(options.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000)
        throw invalid([{ path: "--seed", code: "too_large", params: { limit: 1000000 }, message: "must be a whole number from 0 to 1000000" }]);
      const asOf = options.asOf ?? chinaDate(systemClock());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
        throw invalid([{ path: "--as-of", code: "format", params: { format: "date" }, message: "must be a day, YYYY-MM-DD" }]);

      const { resetAppData, seedDemo } = await import("../seed/demo.ts");
      const { withDatabase } = await import("./database.ts");
      await withDatabase(async ({ db, where }) => {
        const config = loadConfig();
        const admin = config.adminPassword ?? randomBytes(9).toString("base64url");
        await resetAppData(db);
        // In production no seeded account keeps a known password (random ones unless MEDBRIDGE_DEMO_PASSWORD), and each must be changed.
        const summary = await seedDemo(db, { demo: config.demoPassword, admin, mustChange: config.production }, (step) =>
          process.stdout.write(`  seeding ${step}…\n`),
        );
        console.log(
          `Seeded ${where}: ${summary.institutions} institutions, ${summary.alliances} alliances, ${summary.practitioners} practitioners, ${summary.agreements} agreements, ${summary.dispatches} dispatches, ${summary.attendance} check-ins.`,
        );
        for (const u of summary.users) console.log(`  ${u.username.padEnd(20)} ${u.role.padEnd(24)} ${u.password}`);
        if (options.scale) await seedScale(db, options.scale as import("../seed/national.ts").Scale, seed, asOf);
      });
    });
}

async function seedScale(db: import("../db/connection.ts").Db, scale: import("../seed/national.ts").Scale, seed: number, asOf: string): Promise<void> {
  const { seedNational } = await import("../seed/national.ts");
  const bar = new cliProgress.SingleBar(
    { format: "  {step} [{bar}] {value}/{total} · {rate} rows/s", hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    cliProgress.Presets.shades_classic,
  );
  let current = "";
  let stepStarted = performance.now();
  const started = performance.now();
  const config = loadConfig();
  const result = await seedNational(db, {
    scale,
    seed,
    asOf,
    keys: config,
    onProgress: (step, done, total) => {
      if (step !== current) {
        if (current) bar.stop();
        current = step;
        stepStarted = performance.now();
        bar.start(total, done, { step, rate: 0 });
      }
      bar.setTotal(total);
      bar.update(done, { rate: Math.round(done / Math.max(0.001, (performance.now() - stepStarted) / 1000)) });
    },
  });
  bar.stop();
  // The generated rows carry their own copy of each person, as data from before the index did.
  const linking = performance.now();
  const linked = await linkPatients(db, config, (table, done) => {
    if (done % 100_000 < 5_000) console.error(`  linking ${table}: ${done} rows read`);
  });
  console.log(
    `Patient index: ${linked.patientsCreated} patients; linked ${linked.referrals.linked} referrals and ${linked.chronicPatients.linked} register patients in ${((performance.now() - linking) / 1000).toFixed(1)} s.`,
  );
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(result).reduce((a, b) => a + b, 0);
  console.log(
    `Synthetic nation (${scale}, seed ${seed}, as of ${asOf}): ${result.institutions} institutions, ${result.agreements} agreements, ${result.dispatches} dispatches, ${result.referrals} referrals, ${result.patients} patients, ${result.visits} register visits in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s).`,
  );
}
