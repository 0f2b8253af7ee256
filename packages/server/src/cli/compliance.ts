import { builtInPack, type ComplianceReport, evaluateCompliance, type FieldError, invalid, parseDay, parseRoster } from "@medbridge/core";
import type { Command } from "commander";

/** The report as a table a provincial office can read in a terminal. */
function table(report: ComplianceReport, lang: "zh" | "en"): string {
  const mark = { pass: "✔ pass", fail: "✘ fail", at_risk: "! at_risk" };
  const lines = [
    `${report.agreement} · ${report.pack} · ${report.year} (${report.period.from} .. ${report.period.to})${report.asOf ? ` · as of ${report.asOf}` : ""}`,
    `status: ${mark[report.status]}`,
    "",
  ];
  const width = Math.max(...report.rules.map((r) => r.id.length));
  for (const r of report.rules) lines.push(`${r.id.padEnd(width)}  ${mark[r.status].padEnd(9)}  ${lang === "en" ? r.messageEn : r.message}`);
  return lines.join("\n");
}

export function registerComplianceCommand(program: Command): void {
  const compliance = program.command("compliance").description("Paired-assistance compliance");
  compliance
    .command("check")
    .description("Check a roster file (.json, .csv or .xlsx) against its rule pack, without a server")
    .argument("<roster>", "roster file")
    .requiredOption("--year <year>", "calendar year to evaluate")
    .option("--pack <id>", "rule pack (default: the roster's own)")
    .option("--as-of <date>", "judge planned dispatches after this date as at_risk")
    .option("--format <format>", "json | table", "json")
    .option("--lang <lang>", "table messages: zh | en", "zh")
    .action(async (file: string, options: { year: string; pack?: string; asOf?: string; format: string; lang: string }) => {
      const errors: FieldError[] = [];
      const year = Number(options.year);
      if (!/^\d{4}$/.test(options.year))
        errors.push({ path: "--year", code: "format", params: { format: "year" }, message: `"${options.year}" is not a year` });
      const asOf = options.asOf === undefined ? undefined : parseDay(options.asOf);
      if (asOf === null)
        errors.push({ path: "--as-of", code: "format", params: { format: "date" }, message: `"${options.asOf}" is not a calendar date (YYYY-MM-DD)` });
      if (!["json", "table"].includes(options.format))
        errors.push({ path: "--format", code: "enum", params: { allowed: ["json", "table"] }, message: "must be json or table" });
      if (!["zh", "en"].includes(options.lang)) errors.push({ path: "--lang", code: "enum", params: { allowed: ["zh", "en"] }, message: "must be zh or en" });
      if (errors.length) throw invalid(errors);
      const { readRosterFile } = await import("../assistance/roster-file.ts");
      const { raw, lines } = await readRosterFile(file);
      const roster = parseRoster(raw, (i) => (lines ? `row ${lines[i]}` : `dispatches[${i}]`));
      const packId = options.pack ?? roster.agreement.pack;
      const pack = builtInPack(packId);
      if (!pack)
        throw invalid([
          { path: options.pack ? "--pack" : "agreement.pack", code: "not_found", params: { entity: "rule_pack" }, message: `unknown rule pack "${packId}"` },
        ]);
      const report = evaluateCompliance({ roster, pack, year, asOf: asOf ?? undefined });
      console.log(options.format === "table" ? table(report, options.lang as "zh" | "en") : JSON.stringify(report, null, 2));
    });
}
