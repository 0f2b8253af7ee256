import { readFile } from "node:fs/promises";
import { EDITIONS, type EditionId, evaluateHypertension, formatDay, invalid, parseHypertensionInput } from "@medbridge/core";
import type { Command } from "commander";
import { todayInChina } from "../clock.ts";

async function readInput(file: string): Promise<unknown> {
  const text = file === "-" ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid([
      { path: file === "-" ? "(stdin)" : file, code: "unreadable", params: { format: "json" }, message: `is not valid JSON: ${(error as Error).message}` },
    ]);
  }
}

export function registerCdsCommand(program: Command): void {
  const cds = program.command("cds").description("Clinical decision support for grassroots doctors");
  cds
    .command("hypertension")
    .description("Evaluate one hypertension visit (JSON as in hypertension.md) and print the recommendation as JSON")
    .argument("[file]", "input JSON file, or - for standard input", "-")
    .option("--edition <edition>", `guideline edition: ${EDITIONS.join(" | ")} (default: the input's, else 2020)`)
    .action(async (file: string, options: { edition?: string }) => {
      if (options.edition !== undefined && !(EDITIONS as readonly string[]).includes(options.edition)) {
        throw invalid([{ path: "--edition", code: "enum", params: { allowed: EDITIONS }, message: `must be one of ${EDITIONS.join(", ")}` }]);
      }
      const input = parseHypertensionInput(await readInput(file), { today: formatDay(todayInChina()), edition: options.edition as EditionId | undefined });
      console.log(JSON.stringify(evaluateHypertension(input), null, 2));
    });
}
