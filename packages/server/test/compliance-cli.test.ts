import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "../bin/medbridge.js");
const dir = mkdtempSync(join(tmpdir(), "medbridge-compliance-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(file: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "compliance", "check", file, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HEADER_EN = ["agreement", "pack", "supporter", "recipient", "agreement_start", "agreement_end", "person", "name", "role", "title", "start", "end"];
const HEADER_ZH = ["协议编号", "规则包", "支援医院", "受援医院", "协议开始", "协议结束", "人员编号", "姓名", "角色", "职称", "开始日期", "结束日期"];
const agreementCells = ["A-7", "city_tertiary_to_county", "示例杭州市第一人民医院", "示例黄平人民医院", "2025-01-01", "2027-12-31"];
const rows = [
  ["P-1", "示例甲", "management", "chief", "2025-01-01", "2025-06-30"],
  ["P-2", "示例乙", "discipline_leader", "associate_chief", "2025-01-01", "2025-06-30"],
  ["P-3", "示例丙", "clinical", "attending", "2025-07-01", "2025-12-31"],
  ["P-4", "示例丁", "clinical", "attending", "2025-07-01", "2025-12-31"],
  ["P-5", "示例戊", "nursing", "attending", "2025-03-01", "2025-08-31"],
];
const csv = (header: string[], body: string[][]) => [header, ...body.map((r) => [...agreementCells, ...r])].map((r) => r.join(",")).join("\n");

async function xlsx(path: string, header: string[], body: string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("派驻名单");
  sheet.addRow(header);
  for (const r of body) sheet.addRow([...agreementCells, ...r]);
  await workbook.xlsx.writeFile(path);
}

describe("medbridge compliance check", () => {
  it("checks a JSON roster and prints the report", () => {
    const file = join(dir, "roster.json");
    writeFileSync(
      file,
      JSON.stringify({
        agreement: { id: "A-1", pack: "city_tertiary_to_county", start: "2025-01-01", end: "2027-12-31" },
        dispatches: rows.slice(0, 4).map(([person, name, role, title, start, end]) => ({ person, name, role, title, start, end })),
      }),
    );
    const { code, stdout } = check(file, "--year", "2025");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ agreement: "A-1", year: 2025, status: "fail", period: { from: "2025-01-01", to: "2025-12-31" } });
    expect(report.rules.find((r: { id: string }) => r.id === "min_staff")).toMatchObject({ actual: 4, required: 5, status: "fail" });
  });

  it("checks a CSV with English headers and an XLSX with Chinese headers to the same report", async () => {
    const csvFile = join(dir, "roster.csv");
    writeFileSync(csvFile, csv(HEADER_EN, rows));
    const xlsxFile = join(dir, "roster.xlsx");
    await xlsx(xlsxFile, HEADER_ZH, rows);
    const fromCsv = check(csvFile, "--year", "2025");
    const fromXlsx = check(xlsxFile, "--year", "2025");
    expect(fromCsv.code).toBe(0);
    expect(JSON.parse(fromCsv.stdout).status).toBe("pass");
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromCsv.stdout));
  });

  it("prints a table, reports at_risk with --as-of, and takes --pack", () => {
    const file = join(dir, "roster.csv");
    const table = check(file, "--year", "2025", "--as-of", "2025-04-30", "--format", "table");
    expect(table.stdout).toContain("status: ! at_risk");
    expect(table.stdout).toContain("full_year_coverage");
    const group = JSON.parse(check(file, "--year", "2025", "--pack", "group_county").stdout);
    expect(group.pack).toBe("group_county");
    expect(group.rules.map((r: { id: string }) => r.id)).toContain("batch_size");
  });

  it("exits 2 naming the spreadsheet row and field of bad rows", async () => {
    const bad = [
      ["P-1", "示例甲", "management", "chief", "2025-06-30", "2025-01-01"],
      ["P-2", "示例乙", "surgeon", "associate_chief", "2025-01-01", "2025-06-30"],
      ["P-3", "示例丙", "clinical", "attending", "2025-02-30", "2025-12-31"],
      ["P-4", "示例丁", "clinical", "professor", "2024-07-01", "2025-12-31"],
    ];
    const file = join(dir, "bad.xlsx");
    await xlsx(file, HEADER_EN, bad);
    const { code, stderr, stdout } = check(file, "--year", "2025");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    for (const expected of ["row 2.end", "row 3.role", "row 4.start", "row 5.title", "row 5.start"]) expect(stderr).toContain(expected);
  });

  it("exits 2 on an unknown pack, a year outside the agreement, and unreadable files", () => {
    const file = join(dir, "roster.csv");
    expect(check(file, "--year", "2025", "--pack", "nope").stderr).toContain('--pack: unknown rule pack "nope"');
    expect(check(file, "--year", "2031").stderr).toContain("year: 2031 lies outside");
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(check(broken, "--year", "2025")).toMatchObject({ code: 2 });
    const mixed = join(dir, "mixed.csv");
    writeFileSync(
      mixed,
      `${csv(HEADER_EN, rows.slice(0, 1))}\nA-8,city_tertiary_to_county,,,2025-01-01,2027-12-31,P-9,x,clinical,attending,2025-01-01,2025-02-01`,
    );
    expect(check(mixed, "--year", "2025").stderr).toContain("row 3.agreement");
  });
});
