/**
 * `medbridge compliance check` on a 5,000-row XLSX roster: wall time and peak memory (max RSS).
 * `npx tsx bench/compliance-cli.ts`
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatDay, yearStart } from "@medbridge/core";
import ExcelJS from "exceljs";
import { makeRandom } from "../packages/server/src/seed/random.ts";

const ROWS = 5_000;
const BIN = resolve(import.meta.dirname, "../packages/server/bin/medbridge.js");
const dir = mkdtempSync(join(tmpdir(), "medbridge-cli-bench-"));
const file = join(dir, "roster.xlsx");
const random = makeRandom(5);

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet("派驻名单");
sheet.addRow(["协议编号", "规则包", "支援医院", "受援医院", "协议开始", "协议结束", "人员编号", "姓名", "角色", "职称", "开始日期", "结束日期"]);
for (let i = 0; i < ROWS; i++) {
  const start = yearStart(2024) + random.int(0, 900);
  sheet.addRow([
    "A-BIG",
    "city_tertiary_to_county",
    "示例支援医院",
    "示例受援医院",
    "2024-01-01",
    "2027-12-31",
    `P-${i % 800}`,
    `示例人员${i % 800}`,
    random.pick(["management", "clinical", "discipline_leader"]),
    random.pick(["attending", "chief"]),
    formatDay(start),
    formatDay(Math.min(start + random.int(20, 200), yearStart(2028) - 1)),
  ]);
}
await workbook.xlsx.writeFile(file);
console.log(`roster: ${ROWS} rows, ${(statSync(file).size / 1024).toFixed(0)} KiB`);

/** Runs the CLI under GNU time for wall seconds and max RSS. */
function run(): Promise<{ seconds: number; maxRssMiB: number; code: number | null }> {
  return new Promise((done) => {
    const child = spawn("/usr/bin/time", ["-f", "%e %M", process.execPath, BIN, "compliance", "check", file, "--year", "2025"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      const [seconds, kb] = (err.trim().split("\n").pop() ?? "0 0").split(" ").map(Number);
      done({ seconds: seconds ?? 0, maxRssMiB: Math.round((kb ?? 0) / 1024), code });
    });
  });
}

const runs = [];
for (let i = 0; i < Number(process.env.RUNS ?? 5); i++) runs.push(await run());
runs.sort((a, b) => a.seconds - b.seconds);
console.log(
  JSON.stringify({
    rows: ROWS,
    medianSeconds: runs[2]?.seconds,
    maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)),
    exitCodes: [...new Set(runs.map((r) => r.code))],
  }),
);
rmSync(dir, { recursive: true, force: true });
