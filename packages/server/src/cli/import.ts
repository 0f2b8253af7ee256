import { readFileSync } from "node:fs";
import { invalid } from "@medbridge/core";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import type { ImportSpec } from "../tabular/imports.ts";

/** Import specs, loaded only when an import runs. */
const SPECS: Record<string, () => Promise<ImportSpec<never>>> = {
  institutions: async () => (await import("../registry/institution-import.ts")).institutionImport as ImportSpec<never>,
  practitioners: async () => (await import("../registry/practitioner-import.ts")).practitionerImport as ImportSpec<never>,
  "touring-visits": async () => (await import("../outreach/touring.ts")).touringVisitImport as ImportSpec<never>,
  "county-visits": async () => (await import("../monitoring/visit-stats.ts")).countyVisitImport as ImportSpec<never>,
  assessments: async () => (await import("../monitoring/assessment-import.ts")).assessmentImport as ImportSpec<never>,
  "training-attendance": async () => (await import("../outreach/learning.ts")).trainingAttendanceImport as ImportSpec<never>,
};

export function registerImportCommands(program: Command): void {
  program
    .command("import")
    .description(
      "Import institutions, practitioners, touring visits, training attendance or county visit statistics from a CSV or XLSX file (all rows or none)",
    )
    .argument("<what>", "institutions | practitioners | touring-visits | training-attendance | county-visits | assessments")
    .argument("<file>", "a .csv or .xlsx file with a header row (English or Chinese column names)")
    .option("--skip-invalid", "import the valid rows and report the others")
    .option("--dry-run", "validate only; write nothing")
    .action(async (what: string, file: string, options: { skipInvalid?: boolean; dryRun?: boolean }) => {
      const load = SPECS[what];
      if (!load)
        throw invalid([{ path: "what", code: "enum", params: { allowed: Object.keys(SPECS) }, message: `must be one of: ${Object.keys(SPECS).join(", ")}` }]);
      const { formatOf, readTable } = await import("../tabular/tabular.ts");
      const format = formatOf(file);
      if (!format) throw invalid([{ path: "file", code: "wrong_kind", params: { expected: "csv_xlsx" }, message: "must end in .csv or .xlsx" }]);
      const spec = await load();
      const rows = await readTable(readFileSync(file), format, spec.aliases);
      const { runImport } = await import("../tabular/imports.ts");
      const { CLI_ACTOR } = await import("../audit.ts");
      const { withDatabase } = await import("./database.ts");
      await withDatabase(async ({ db }) => {
        const bar = new cliProgress.SingleBar(
          { format: `Importing ${what} [{bar}] {value}/{total} rows`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        try {
          const report = await runImport(db, spec, rows, CLI_ACTOR, {
            skipInvalid: options.skipInvalid ?? false,
            dryRun: options.dryRun ?? false,
            onProgress: (done, total) => {
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          });
          if (started) bar.stop();
          for (const e of report.errors) console.error(`  line ${e.line}: ${e.path} ${e.message}`);
          console.log(
            `${report.dryRun ? "Checked" : "Imported"} ${report.dryRun ? report.rows - report.skipped : report.imported} of ${report.rows} rows; ${report.skipped} skipped.`,
          );
        } finally {
          if (started) bar.stop();
        }
      });
    });
}
