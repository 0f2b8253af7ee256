import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = resolve(import.meta.dirname, "../bin/medbridge.js");
const dir = mkdtempSync(join(tmpdir(), "medbridge-cds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cds(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, [BIN, "cds", "hypertension", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    ...(stdin !== undefined && { input: stdin }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const visit = {
  asOf: "2026-03-01",
  patient: { age: 79, sex: "female" },
  readings: [{ date: "2026-02-20", sbp: 148, dbp: 84, setting: "office" }],
  diagnosedHypertension: true,
};

describe("medbridge cds hypertension", () => {
  it("reads a file and prints the output JSON; --edition overrides the input's", () => {
    const file = join(dir, "visit.json");
    writeFileSync(file, JSON.stringify(visit));
    const r2020 = cds([file]);
    expect(r2020.code, r2020.stderr).toBe(0);
    expect(JSON.parse(r2020.stdout)).toMatchObject({ target: { sbp: 150, dbp: 90 }, controlled: true });
    const r2025 = cds([file, "--edition", "2025"]);
    expect(JSON.parse(r2025.stdout)).toMatchObject({ target: { sbp: 130, dbp: 80 }, controlled: false });
  });

  it("reads standard input with -", () => {
    const r = cds(["-"], JSON.stringify(visit));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).trace.length).toBeGreaterThan(3);
  });

  it("exits 2 naming the field on bad input, bad JSON or a bad edition", () => {
    const bad = cds(["-"], JSON.stringify({ ...visit, readings: [{ date: "2026-02-20", sbp: 148, dbp: 250 }] }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("readings[0].dbp");
    expect(bad.stdout).toBe("");
    const unknown = cds(["-"], JSON.stringify({ ...visit, bmi: 31 }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("bmi: is not a known field");
    const json = cds(["-"], "{not json");
    expect(json.code).toBe(2);
    expect(json.stderr).toContain("is not valid JSON");
    const edition = cds(["-", "--edition", "2018"], JSON.stringify(visit));
    expect(edition.code).toBe(2);
    expect(edition.stderr).toContain("--edition");
    expect(cds([join(dir, "missing.json")]).code).toBe(2);
  });
});
