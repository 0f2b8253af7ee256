import { type FieldError, invalid, parseDay } from "@medbridge/core";
import type { Command } from "commander";

export function registerOutreachCommand(program: Command): void {
  const outreach = program.command("outreach").description("Outreach: telemedicine, touring, training, techniques");
  outreach
    .command("check")
    .description(
      "Touring-frequency compliance of every site in a region for a year (county ≥1/quarter, township ≥1/month, village ≥1/week, or the region's own rules)",
    )
    .requiredOption("--region <code>", "GB/T 2260 region code (province, city or county)")
    .requiredOption("--year <year>", "calendar year")
    .option("--as-of <date>", "judge only the periods ended by this date")
    .option("--format <format>", "table | json", "table")
    .action(async (options: { region: string; year: string; asOf?: string; format: string }) => {
      const errors: FieldError[] = [];
      if (!/^[1-9]\d{5}$/.test(options.region))
        errors.push({ path: "--region", code: "format", params: { format: "region_code" }, message: `"${options.region}" is not a 6-digit region code` });
      if (!/^\d{4}$/.test(options.year))
        errors.push({ path: "--year", code: "format", params: { format: "year" }, message: `"${options.year}" is not a year` });
      if (options.asOf !== undefined && parseDay(options.asOf) === null)
        errors.push({ path: "--as-of", code: "format", params: { format: "date" }, message: `"${options.asOf}" is not a calendar date (YYYY-MM-DD)` });
      if (!["table", "json"].includes(options.format))
        errors.push({ path: "--format", code: "enum", params: { allowed: ["table", "json"] }, message: "must be table or json" });
      if (errors.length) throw invalid(errors);
      const { withDatabase } = await import("./database.ts");
      const { touringCompliance } = await import("../outreach/touring.ts");
      await withDatabase(async ({ db }) => {
        const report = await touringCompliance(db, options.region, Number(options.year), options.asOf);
        if (options.format === "json") return console.log(JSON.stringify(report, null, 2));
        console.log(`${report.regionCode} · ${report.year}${report.asOf ? ` · as of ${report.asOf}` : ""}: ${report.sites} sites, ${report.failing} failing`);
        for (const site of report.items) {
          const gaps = site.emptyPeriods.map((p) => p.label);
          console.log(
            `${site.status === "pass" ? "✔" : "✘"} ${site.siteName} (${site.level}, ≥${site.min}/${site.per}) ${site.metPeriods}/${site.periods}${gaps.length ? `  empty: ${gaps.slice(0, 12).join(", ")}${gaps.length > 12 ? ` … +${gaps.length - 12}` : ""}` : ""}`,
          );
        }
      });
    });
}
