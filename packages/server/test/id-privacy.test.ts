import { idCheckCharacter, maskIdNumber } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/**
 * Issue 11, defect 1: what is stored or shown in clear must not narrow a resident ID number below
 * 10,000 candidates. An attacker holding a dump (or an API answer) knows the birth date, the sex
 * (the 17th digit's parity) and the masked form; the region is any county-level code (the home
 * county is taken from the address, not the ID). This counts, exactly, the 18-character numbers
 * consistent with all of it.
 */
const MIN_CANDIDATES = 10_000;

function candidates(known: { birthDate: string; sex: string; masked: string }, regionCodes: readonly string[]): number {
  // The sex is the 17th digit's parity; when the mask shows that digit it already says as much.
  const parity = known.masked[16] !== "*" ? null : known.sex === "male" ? 1 : 0;
  const birth = known.birthDate.replaceAll("-", "");
  // Everything the mask shows, position by position (`*` is unknown).
  const shown = [...known.masked];
  expect(shown).toHaveLength(18);
  const fits = (id: string) => [...id].every((c, i) => shown[i] === "*" || shown[i] === c);
  // Sequence numbers (positions 15–17) the mask and the sex allow.
  const serials: string[] = [];
  for (let serial = 0; serial < 1000; serial++) {
    const text = String(serial).padStart(3, "0");
    if ((parity === null || serial % 2 === parity) && [...text].every((c, i) => shown[14 + i] === "*" || shown[14 + i] === c)) serials.push(text);
  }
  let count = 0;
  for (const region of regionCodes) {
    if (![...`${region}${birth}`].every((c, i) => shown[i] === "*" || shown[i] === c)) continue;
    for (const serial of serials) {
      const first17 = `${region}${birth}${serial}`;
      if (fits(first17 + idCheckCharacter(first17))) count++;
    }
  }
  return count;
}

describe("the masked form", () => {
  it("keeps only the last two characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("****************2X");
    expect(maskIdNumber("522622196105021234")).toMatch(/^\*{16}34$/);
  });
});

describe.each(BACKENDS)("ID numbers cannot be rebuilt from clear data on %s", (backend) => {
  let ctx: TestContext;
  let counties: string[];
  const rows = async <T>(query: string) => ((await ctx.database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    ctx = await demoApp(backend);
    counties = (await rows<{ code: string }>("select code from regions where leaf order by code")).map((r) => r.code);
  });
  afterAll(() => ctx.close());

  it("stores no region taken from the ID number, and masks that show only the tail", async () => {
    const columns = await rows<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'referrals'");
    expect(columns.map((c) => c.column_name)).not.toContain("patient_region_code");
    const masks = await rows<{ m: string }>("select patient_id_masked as m from referrals union all select id_masked from chronic_patients");
    expect(masks.length).toBeGreaterThan(20);
    for (const { m } of masks) expect(m).toMatch(/^\*{16}[\dX]{2}$/);
  });

  it("leaves at least 10,000 candidates for every referral and register patient in a dump", async () => {
    const dump = await rows<{ birth: string; sex: string; masked: string }>(
      `(select patient_birth_date::text as birth, patient_sex as sex, patient_id_masked as masked from referrals order by id limit 4)
       union all
       (select birth_date::text, sex, id_masked from chronic_patients order by id limit 4)`,
    );
    expect(dump).toHaveLength(8);
    let least = Number.POSITIVE_INFINITY;
    for (const row of dump) {
      const n = candidates({ birthDate: row.birth, sex: row.sex, masked: row.masked }, counties);
      // The figure quoted in the closing note.
      if (row === dump.at(-1)) console.info(`ID candidates left (fewest of ${dump.length} rows, ${counties.length} counties): ${Math.min(least, n)}`);
      expect(n, `${row.birth} ${row.sex} ${row.masked}`).toBeGreaterThanOrEqual(MIN_CANDIDATES);
      least = Math.min(least, n);
    }
  });

  it("leaves at least 10,000 candidates from what the API shows a coordinator", async () => {
    const cookie = await ctx.login("gz.county.coord");
    const list = json(await ctx.app.inject({ url: "/api/v1/referrals?role=incoming&pageSize=3", headers: { cookie } }));
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      const one = json(await ctx.app.inject({ url: `/api/v1/referrals/${item.id}`, headers: { cookie } }));
      expect(one.patient.idNumber).toMatch(/^\*{16}[\dX]{2}$/);
      const n = candidates({ birthDate: one.patient.birthDate, sex: one.patient.sex, masked: one.patient.idNumber }, counties);
      expect(n).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    }
  });

  it("the old mask with the ID's own region left a handful (the defect this guards)", () => {
    const id = "522622196105021236";
    const old = `${id.slice(0, 4)}**********${id.slice(-4)}`;
    expect(candidates({ birthDate: "1961-05-02", sex: "female", masked: old }, counties)).toBeLessThan(100);
  });

  it("records the home county from the address, checked against the regions", async () => {
    const doctor = await ctx.login("gz.township.doctor");
    const me = json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login("gz.county.coord") } }));
    const first17 = "52262219610502123";
    const body = (homeCounty?: string) => ({
      direction: "up",
      priority: "routine",
      toInstitutionId: me.institutionId,
      department: "心血管内科",
      patient: { name: "示例患者", sex: "female", birthDate: "1961-05-02", idNumber: first17 + idCheckCharacter(first17), ...(homeCounty && { homeCounty }) },
      reason: { icd10: "I10", text: "原发性高血压" },
    });
    const bad = await ctx.app.inject({ method: "POST", url: "/api/v1/referrals", headers: { cookie: doctor }, payload: body("520000") });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors).toContainEqual({
      path: "patient.homeCounty",
      code: "wrong_kind",
      params: { expected: "county_level_code", level: "province" },
      message: "must be a county-level code (this is a province)",
    });
    const unknown = await ctx.app.inject({ method: "POST", url: "/api/v1/referrals", headers: { cookie: doctor }, payload: body("529999") });
    expect(json(unknown).errors).toContainEqual({
      path: "patient.homeCounty",
      code: "format",
      params: { format: "region_code" },
      message: "is not a GB/T 2260 region code",
    });
    const good = await ctx.app.inject({ method: "POST", url: "/api/v1/referrals", headers: { cookie: doctor }, payload: body("522601") });
    expect(good.statusCode, good.body).toBe(201);
    expect(json(good).patient.homeCounty).toBe("522601");
    const none = await ctx.app.inject({ method: "POST", url: "/api/v1/referrals", headers: { cookie: doctor }, payload: body() });
    expect(json(none).patient.homeCounty).toBeNull();
  });
});
