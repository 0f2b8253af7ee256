import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PairingPlan, RosterPlan } from "@medbridge/core";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import { openDatabase } from "../src/db/connection.ts";
import { institutions, practitioners } from "../src/db/schema.ts";
import { DEMO_PAIR, demoYears } from "../src/seed/demo-plan.ts";
import { DEMO_SHORT_SUPPORTER } from "../src/seed/demo-planning.ts";

/**
 * `medbridge plan roster|pairing` on a fresh embedded database holding the demo: the demo
 * supporter's next year planned in full (two drafted agreements of the city_tertiary_to_county
 * pack: five people of six months each, so 60 person-months is the known optimum), the short
 * supporter's best plan naming its shortage, a region's pairings, and bad options refused with
 * exit 2 naming the option.
 */
const BIN = resolve(import.meta.dirname, "../bin/medbridge.js");
const dir = mkdtempSync(join(tmpdir(), "medbridge-plan-cli-"));
const dataDir = join(dir, "data");
const NEXT = demoYears(todayInChina())[2] + 1;
const SOLVED = /^solved in \d+\.\d s — optimal, gap \d+\.\d\d%\n$/;

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, MEDBRIDGE_DATA_DIR: dataDir, DATABASE_URL: "", CI: "" },
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads the demo's ids and the names of people (the CLI has exited: the data dir is free). */
async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(() => {
  const seeded = cli(["seed", "--demo"]);
  if (seeded.code !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("medbridge plan roster", () => {
  it("plans the demo supporter's next year in full: every check passes at the known optimum", () => {
    const { code, stdout, stderr } = cli([
      "plan",
      "roster",
      "--supporter",
      DEMO_PAIR.supporter,
      "--year",
      String(NEXT),
      "--format",
      "json",
      "--time-limit",
      "120",
    ]);
    expect(code, stderr).toBe(0);
    // Not a terminal: no progress line rewritten in place, only the final line.
    expect(stderr).toMatch(SOLVED);
    const plan = JSON.parse(stdout) as RosterPlan;
    expect(plan).toMatchObject({ kind: "roster", year: NEXT, feasible: true, breaks: [], kept: [], dropped: [] });
    expect(plan.solver.status).toBe("optimal");
    expect(plan.reasons).toEqual([{ zh: "该计划满足每个协议的全部驻点规则", en: "The plan meets every stationing rule of every agreement" }]);
    expect(plan.checks).toHaveLength(2);
    for (const check of plan.checks) {
      expect(check.status).toBe("pass");
      expect(check.rules.every((r) => r.status === "pass")).toBe(true);
    }
    expect(plan.totals).toEqual({ personMonths: 60, changes: 0, newDispatches: 10 });
    // Each agreement: five people, a manager and a discipline leader among them.
    for (const check of plan.checks) {
      const here = plan.dispatches.filter((d) => d.agreement === check.agreement);
      expect(new Set(here.map((d) => d.person)).size).toBe(5);
      expect(here.map((d) => d.role)).toEqual(expect.arrayContaining(["management", "discipline_leader"]));
    }
  }, 300_000);

  it("takes the supporter by id, prints a table without names, and names people only with --names", async () => {
    const supporterId = await withDb(
      async (db) => (await db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, DEMO_PAIR.supporter)))[0]?.id as string,
    );
    const table = cli(["plan", "roster", "--supporter", supporterId, "--year", String(NEXT), "--time-limit", "120"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`${DEMO_PAIR.supporter} · ${NEXT} · 2 agreements`);
    expect(table.stdout).toContain("feasible: yes");
    expect(table.stdout).toMatch(new RegExp(`✔ pass\\s+ZJ-GZ-${NEXT}-001 \\(示例黄平人民医院\\)`));
    expect(table.stdout).toContain("The plan meets every stationing rule of every agreement");
    const ids = [...table.stdout.matchAll(/ ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g)].map((m) => m[1] as string);
    expect(new Set(ids).size).toBeGreaterThanOrEqual(5);
    const names = await withDb(async (db) =>
      (await db.select({ name: practitioners.name }).from(practitioners).where(inArray(practitioners.id, ids))).map((p) => p.name),
    );
    expect(names.length).toBe(new Set(ids).size);
    for (const name of names) expect(table.stdout).not.toContain(name);

    const named = cli(["plan", "roster", "--supporter", supporterId, "--year", String(NEXT), "--time-limit", "120", "--names"]);
    expect(named.code, named.stderr).toBe(0);
    for (const name of names) expect(named.stdout).toContain(name);
  }, 600_000);

  it("explains the short supporter's infeasible year and offers the plan with the fewest breaks", () => {
    const { code, stdout, stderr } = cli([
      "plan",
      "roster",
      "--supporter",
      DEMO_SHORT_SUPPORTER,
      "--year",
      String(NEXT),
      "--format",
      "json",
      "--time-limit",
      "120",
    ]);
    expect(code, stderr).toBe(0);
    const plan = JSON.parse(stdout) as RosterPlan;
    expect(plan.feasible).toBe(false);
    expect(plan.reasons).toContainEqual({ zh: "3 个协议各需 1 名学科带头人，可派的只有 2 名", en: "2 discipline leaders for 3 agreements" });
    expect(plan.breaks).toHaveLength(1);
    expect(plan.breaks[0]).toMatchObject({ rule: "composition", role: "discipline_leader" });
    expect(plan.checks.map((c) => c.status).sort()).toEqual(["fail", "pass", "pass"]);
    const failing = plan.checks.find((c) => c.status === "fail");
    expect(failing?.rules.filter((r) => r.status === "fail").map((r) => r.id)).toEqual(["composition"]);
    // Everything else is planned: five people at each of the three agreements.
    expect(plan.totals.newDispatches).toBe(15);
  }, 300_000);

  it("refuses bad options with exit 2 naming the option", () => {
    const unknown = cli(["plan", "roster", "--supporter", "示例不存在的医院", "--year", String(NEXT)]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--supporter: no institution has the id or name");
    const year = cli(["plan", "roster", "--supporter", DEMO_PAIR.supporter, "--year", "abc"]);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('--year: "abc" is not a year');
    const past = cli(["plan", "roster", "--supporter", DEMO_PAIR.supporter, "--year", String(NEXT - 2)]);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain(`--year: must be ${NEXT - 1} or later`);
    const limit = cli(["plan", "roster", "--supporter", DEMO_PAIR.supporter, "--year", String(NEXT), "--time-limit", "0"]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("--time-limit: must be 1..300 seconds");
    const several = cli([
      "plan",
      "roster",
      "--supporter",
      DEMO_PAIR.supporter,
      "--year",
      "1999",
      "--time-limit",
      "301",
      "--department-share",
      "1.5",
      "--format",
      "xml",
    ]);
    expect(several.code).toBe(2);
    for (const option of [
      "--year: must be 2000..2100",
      "--time-limit: must be 1..300",
      "--department-share: must be 0.05..1",
      "--format: must be table or json",
    ])
      expect(several.stderr).toContain(option);
    const empty = cli(["plan", "roster", "--supporter", DEMO_PAIR.supporter, "--year", String(NEXT + 5)]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`--supporter: has no active or draft agreement in ${NEXT + 5}`);
  }, 300_000);
});

describe("medbridge plan pairing", () => {
  it("pairs Guizhou's county hospitals within the province pairings, keeping today's pairs", async () => {
    const { code, stdout, stderr } = cli(["plan", "pairing", "--region", "520000", "--format", "json"]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(SOLVED);
    const plan = JSON.parse(stdout) as PairingPlan;
    expect(plan).toMatchObject({ kind: "pairing", regionCode: "520000" });
    expect(plan.solver.status).toBe("optimal");
    expect(plan.solver.gap).toBe(0);
    expect(plan.pairs.length).toBe(plan.totals.pairs);
    expect(plan.pairs.length).toBeGreaterThan(24);
    const ids = await withDb(async (db) =>
      Object.fromEntries(
        (
          await db
            .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode })
            .from(institutions)
            .where(inArray(institutions.id, [...new Set(plan.pairs.flatMap((p) => [p.recipient, p.supporter]))]))
        ).map((i) => [i.id, i]),
      ),
    );
    // Zhejiang serves Guizhou (东西部协作): every supporter is a Zhejiang hospital, every recipient in Guizhou.
    for (const p of plan.pairs) {
      expect(ids[p.supporter]?.regionCode).toMatch(/^33/);
      expect(ids[p.recipient]?.regionCode).toMatch(/^52/);
    }
    const huangping = plan.pairs.find((p) => ids[p.recipient]?.name === "示例黄平人民医院");
    expect(huangping).toMatchObject({ existing: true });
    expect(ids[huangping?.supporter ?? ""]?.name).toBe(DEMO_PAIR.supporter);

    const table = cli(["plan", "pairing", "--region", "522600", "--replace-existing"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Pairing plan 结对规划 · 522600 · \d{4}\nsolver: optimal · objective [\d,.]+ · bound [\d,.]+ · gap 0\.00%/);
    expect(table.stdout).toMatch(/示例黄平人民医院\s+← 示例/);
  }, 600_000);

  it("refuses a bad region, year or time limit with exit 2 naming the option", () => {
    const format = cli(["plan", "pairing", "--region", "52260", "--year", "20x6", "--time-limit", "0"]);
    expect(format.code).toBe(2);
    for (const option of ["--region", "--year", "--time-limit"]) expect(format.stderr).toContain(`${option}:`);
    const unknown = cli(["plan", "pairing", "--region", "529999"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--region: no region has the code 529999");
  }, 300_000);
});
