import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/connection.ts";

const BIN = resolve(import.meta.dirname, "../bin/medbridge.js");
const dir = mkdtempSync(join(tmpdir(), "medbridge-cli-"));
const dataDir = join(dir, "data");

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, MEDBRIDGE_DATA_DIR: dataDir, DATABASE_URL: "", CI: "" },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("medbridge CLI on an embedded database", () => {
  it("lists its commands", () => {
    const { code, stdout } = cli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["serve", "migrate", "seed", "import"]) expect(stdout).toContain(command);
  });

  it("migrates, then imports a CSV of institutions", () => {
    expect(cli(["migrate"]).code).toBe(0);
    const file = join(dir, "institutions.csv");
    writeFileSync(file, "机构名称,机构类别,区划代码,床位数\n示例命令行卫生院,township_health_center,522622,12\n示例命令行卫生室,village_clinic,522622,\n");
    const { code, stdout } = cli(["import", "institutions", file]);
    expect(code).toBe(0);
    expect(stdout).toContain("Imported 2 of 2 rows");
  });

  it("exits 2 on a bad file, naming the line and field, and imports nothing", () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "name,kind,region_code,beds\n示例坏行一,village_clinic,522622,ten\n示例坏行二,clinic,522622,1\n");
    const { code, stderr } = cli(["import", "institutions", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("rows[2].beds");
    expect(stderr).toContain("rows[3].kind");
    const check = cli(["import", "institutions", join(dir, "institutions.csv"), "--dry-run"]);
    // The first import's rows exist already, so a dry run of the same file now finds duplicates.
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("already exists");
  });

  it("refuses a second opener of a live data directory with a clear message", async () => {
    const holder = await openDatabase({ dataDir });
    try {
      const { code, stderr } = cli(["migrate"]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/in use by process \d+/);
    } finally {
      await holder.close();
    }
    expect(cli(["migrate"]).code).toBe(0);
  });

  it("re-creates the demo data over existing data", () => {
    for (let run = 0; run < 2; run++) {
      const { code, stdout, stderr } = cli(["seed", "--demo"]);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/Seeded .* 606 institutions, .* \d+ agreements, \d+ dispatches/);
    }
  });

  it("adds a small synthetic nation with a progress bar and its rate, and refuses bad options", () => {
    const { code, stdout, stderr } = cli(["seed", "--scale", "small", "--seed", "3", "--as-of", "2026-06-30"]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("referrals [");
    expect(stdout).toMatch(
      /Synthetic nation \(small, seed 3, as of 2026-06-30\): \d+ institutions, 20 agreements, 80 dispatches, 10000 referrals, 1000 patients, 5000 register visits in [\d.]+ s \(\d+ rows\/s\)/,
    );
    expect(stdout).toMatch(/Patient index: \d+ patients; linked 10000 referrals and 1000 register patients in [\d.]+ s\./);
    const huge = cli(["seed", "--scale", "huge"]);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain("--scale: must be one of national, medium, small");
    expect(cli(["seed", "--scale", "small", "--as-of", "yesterday"]).stderr).toContain("--as-of: must be a day");
    expect(cli(["seed", "--scale", "small", "--seed", "-1"]).stderr).toContain("--seed: must be a whole number");
    // The nation now seals its people's ID numbers and links them to the patient index.
  }, 180_000);

  it("links rows from before the patient index when it migrates, and reports what it could not link", async () => {
    const database = await openDatabase({ dataDir });
    try {
      await database.db.execute(sql`update referrals set patient_id = null`);
      await database.db.execute(sql`update referrals set patient_id_cipher = 'v1:national' where id = (select min(id::text)::uuid from referrals)`);
    } finally {
      await database.close();
    }
    const { code, stderr } = cli(["migrate"]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("Linking referrals and register entries to the patient index");
    expect(stderr).toMatch(
      /Patient index: 0 patients; linked \d+ referrals, 0 register entries, \d+ consultations\. Not linked: referrals 0 without an ID number and 1 unreadable/,
    );
    // Nothing is left to link: the next start says nothing about it.
    expect(cli(["migrate"]).stderr).not.toContain("Linking");
  });

  it("prints the touring-frequency compliance of the demo county, and refuses bad options", () => {
    const year = new Date().getUTCFullYear();
    const { code, stdout, stderr } = cli(["outreach", "check", "--region", "522622", "--year", String(year), "--as-of", `${year}-07-31`]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^522622 · \d{4} · as of .*: \d+ sites, [1-9]\d* failing/);
    expect(stdout).toContain(`empty: ${year}-05, ${year}-06`);
    const json = JSON.parse(cli(["outreach", "check", "--region", "522622", "--year", String(year), "--format", "json"]).stdout);
    expect(json.items.length).toBeGreaterThan(5);
    const bad = cli(["outreach", "check", "--region", "52262", "--year", "20x6"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--region");
    expect(bad.stderr).toContain("--year");
  });

  it("rejects unknown import kinds and file types", () => {
    expect(cli(["import", "patients", "x.csv"]).stderr).toContain("what: must be one of");
    expect(cli(["import", "institutions", "x.txt"]).stderr).toContain("file: must end in .csv or .xlsx");
  });
});
