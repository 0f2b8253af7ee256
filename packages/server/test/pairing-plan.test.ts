import {
  buildPairingModel,
  DomainError,
  distanceMeters,
  ERROR_STATUS,
  type PairingPlan,
  type PairingPlanInput,
  type PairingRecipient,
  type PairingSupporter,
  preparePairing,
} from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planPairing, solvePairing } from "../src/assistance/pairing-plan.ts";
import type { Database } from "../src/db/connection.ts";
import { regionCentroid } from "../src/geo/county-areas.ts";
import { makeRandom } from "../src/seed/random.ts";
import { solve, stopSolver } from "../src/solver/solve.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";

afterAll(() => stopSolver());

/** Points on the equator: distances are multiples of one degree of a great circle. */
const at = (longitude: number) => ({ latitude: 0, longitude });
const km = (degrees: number) => Math.round(distanceMeters(at(0), at(degrees)) / 100) / 10;

const recipient = (id: string, longitude: number, needs: string[] = [], existingSupporters: string[] = [], regionCode = "522622"): PairingRecipient => ({
  id,
  regionCode,
  point: at(longitude),
  needs,
  existingSupporters,
});
const supporter = (
  id: string,
  longitude: number,
  maxRecipients: number,
  staffBySpecialty: Record<string, number> = {},
  provinceCode = "330000",
): PairingSupporter => ({
  id,
  regionCode: `${provinceCode.slice(0, 2)}0102`,
  provinceCode,
  point: at(longitude),
  maxRecipients,
  staffBySpecialty,
});
const input = (recipients: PairingRecipient[], supporters: PairingSupporter[], more: Partial<PairingPlanInput> = {}): PairingPlanInput => ({
  regionCode: "520000",
  year: 2027,
  recipients,
  supporters,
  provincePairings: [["330000", "520000"]],
  keepExisting: true,
  ...more,
});

async function plan(i: PairingPlanInput): Promise<PairingPlan> {
  const { model, decode } = buildPairingModel(i);
  return decode(await solve(model, { timeLimitSeconds: 60, relativeGap: 1e-6 }));
}
const pairsOf = (p: PairingPlan) => p.pairs.map((x) => `${x.recipient}-${x.supporter}`).sort();

describe("the pairing planner on instances solved by hand", () => {
  it("pairs a recipient with the nearest supporter that covers its needs", async () => {
    const p = await plan(input([recipient("R", 0, ["心血管内科"])], [supporter("near", 1, 1, { 心血管内科: 2 }), supporter("far", 2, 1, { 心血管内科: 2 })]));
    expect(pairsOf(p)).toEqual(["R-near"]);
    expect(p.solver.status).toBe("optimal");
    expect(p.solver.objective).toBeCloseTo(km(1), 6);
    expect(p.solver.gap).toBe(0);
    expect(p.pairs[0]).toMatchObject({ existing: false, distanceKm: km(1), covers: ["心血管内科"] });
    expect(p.pairs[0]?.why.en).toBe("Covers 心血管内科; 111 km, the nearest allowed, in the paired province Zhejiang→Guizhou");
    expect(p.pairs[0]?.why.zh).toBe("覆盖心血管内科；111 公里，可选的最近一家，协作省份 浙江→贵州");
    expect(p.unmet).toEqual([]);
    expect(p.totals).toEqual({ recipients: 1, supporters: 2, pairs: 1, newPairs: 1, unmetNeeds: 0, distanceKm: km(1) });
  });

  it("takes the second nearest when the nearest is full (least total distance)", async () => {
    // R1-S1 + R2-S2 = 0.5° + 2° beats R1-S2 + R2-S1 = 3° + 0.5°; S1 is nearest to both.
    const p = await plan(input([recipient("R1", 0), recipient("R2", 1)], [supporter("S1", 0.5, 1), supporter("S2", 3, 1)]));
    expect(pairsOf(p)).toEqual(["R1-S1", "R2-S2"]);
    expect(p.solver.objective).toBeCloseTo(km(0.5) + km(2), 6);
    expect(p.pairs.find((x) => x.recipient === "R2")?.why.en).toBe(
      "No needs listed; every recipient gets a supporter; 222 km, the nearest with free capacity (1 nearer: 1 full), in the paired province Zhejiang→Guizhou",
    );
  });

  it("never pairs across provinces that are not paired, even the nearest", async () => {
    const i = input([recipient("R", 0, ["麻醉科"])], [supporter("hunan", 0.1, 5, { 麻醉科: 5 }, "430000"), supporter("zhejiang", 4, 5, { 麻醉科: 5 })]);
    const { model } = buildPairingModel(i);
    expect(model.columnNames.filter((n) => n.startsWith("y["))).toEqual(["y[0,1]"]);
    const p = await plan(i);
    expect(pairsOf(p)).toEqual(["R-zhejiang"]);
    expect(p.pairs[0]?.distanceKm).toBe(km(4));
  });

  it("keeps an existing pairing even when a nearer supporter is free", async () => {
    const p = await plan(input([recipient("R", 0, ["儿科"], ["far"])], [supporter("near", 1, 2, { 儿科: 1 }), supporter("far", 3, 2, { 儿科: 1 })]));
    expect(pairsOf(p)).toEqual(["R-far"]);
    expect(p.pairs[0]).toMatchObject({ existing: true, covers: ["儿科"], distanceKm: km(3) });
    expect(p.pairs[0]?.why.en).toBe("Existing pairing, kept; covers 儿科; 334 km, in the paired province Zhejiang→Guizhou");
    expect(p.totals.newPairs).toBe(0);
  });

  it("frees an existing pairing when told not to keep it", async () => {
    const p = await plan(
      input([recipient("R", 0, ["儿科"], ["far"])], [supporter("near", 1, 2, { 儿科: 1 }), supporter("far", 3, 2, { 儿科: 1 })], { keepExisting: false }),
    );
    expect(pairsOf(p)).toEqual(["R-near"]);
    expect(p.solver.objective).toBeCloseTo(km(1), 6);
  });

  it("reports a need no supporter in reach can cover, with the reason", async () => {
    const p = await plan(
      input([recipient("R", 0, ["心血管内科", "麻醉科"])], [supporter("S", 1, 1, { 心血管内科: 3 }), supporter("hunan", 0.1, 1, { 麻醉科: 3 }, "430000")]),
    );
    expect(pairsOf(p)).toEqual(["R-S"]);
    expect(p.unmet).toEqual([
      {
        recipient: "R",
        specialty: "麻醉科",
        why: { zh: "贵州及其协作省份浙江没有能派麻醉科人员的支援医院", en: "No supporter in Guizhou or its paired provinces (Zhejiang) has staff in 麻醉科" },
      },
    ]);
    expect(p.totals.unmetNeeds).toBe(1);
    expect(p.solver.objective).toBeCloseTo(km(1) + 10_000, 6);
  });

  it("counts staff per specialty: one cardiologist cannot cover two recipients", async () => {
    // S1 could take both (capacity 2) but sends one cardiologist: R2 (nearer S2) goes to S2.
    const i = input(
      [recipient("R1", 0, ["心血管内科"]), recipient("R2", 1, ["心血管内科"])],
      [supporter("S1", 0.5, 2, { 心血管内科: 1 }), supporter("S2", 3, 2, { 心血管内科: 1 })],
    );
    expect(buildPairingModel(i).model.columnNames.filter((n) => n.startsWith("cover["))).toHaveLength(4);
    const p = await plan(i);
    expect(pairsOf(p)).toEqual(["R1-S1", "R2-S2"]);
    expect(p.unmet).toEqual([]);
    expect(p.pairs.find((x) => x.recipient === "R2")?.why.en).toContain("(1 nearer: 1 have those staff assigned)");
  });

  it("says when every supporter with the specialty is taken", async () => {
    const p = await plan(input([recipient("R1", 0, ["儿科"]), recipient("R2", 1, ["儿科"])], [supporter("S", 0.4, 1, { 儿科: 1 })]));
    expect(p.unmet.map((u) => [u.recipient, u.specialty, u.why.en])).toEqual([
      ["R2", "儿科", "The 1 supporters in Guizhou or its paired provinces (Zhejiang) with staff in 儿科 are full or have their 儿科 staff assigned"],
    ]);
  });

  it("prices in a pair beyond each recipient's first candidates when only it covers a need", async () => {
    // The LP starts from the 16 nearest and the 3 nearest per need: here three full eye clinics and
    // thirteen paediatric ones; the one eye supporter with room, far away, comes in by pricing.
    const full = [0.05, 0.06, 0.07].map((x, i) => supporter(`full${i}`, x, 0, { 眼科: 1 }));
    const near = Array.from({ length: 16 }, (_, i) => supporter(`near${i}`, 0.1 * (i + 1), 1, { 儿科: 2 }));
    const i = input([recipient("R", 0, ["儿科", "眼科"])], [...full, ...near, supporter("eye", 5, 1, { 眼科: 1 })]);
    const solved = await solvePairing(preparePairing(i), 10);
    expect(solved.rounds).toBe(2);
    expect(solved.candidatePairs).toBe(20);
    expect(solved.modelPairs).toBe(17);
    expect(solved.plan.pairs.map((x) => x.supporter).sort()).toEqual(["eye", "near0"]);
    expect(solved.plan.solver).toMatchObject({ status: "optimal", gap: 0 });
    expect(solved.plan.solver.objective).toBeCloseTo(km(0.1) + km(5), 6);
  });

  it("proves the same optimum as the full model on random tight instances (pricing, then the MIP if fractional)", async () => {
    const specialties = ["儿科", "眼科", "麻醉科", "骨科", "心血管内科"];
    const methods = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const random = makeRandom(seed);
      const recipients = Array.from({ length: 24 }, (_, r) =>
        recipient(
          `R${r}`,
          random.next() * 20,
          specialties.filter(() => random.next() < 0.5),
          [],
          random.next() < 0.5 ? "522622" : "510122",
        ),
      );
      const supporters = Array.from({ length: 18 }, (_, s) =>
        supporter(
          `S${s}`,
          random.next() * 20,
          random.int(1, 3),
          Object.fromEntries(specialties.map((k) => [k, random.int(0, 2)])),
          random.pick(["330000", "440000", "520000"]),
        ),
      );
      const i = input(recipients, supporters, {
        provincePairings: [
          ["330000", "520000"],
          ["330000", "510000"],
          ["440000", "520000"],
        ],
      });
      const full = await plan(i);
      const solved = await solvePairing(preparePairing(i), 30);
      const priced = solved.plan;
      expect(full.solver.status).toBe("optimal");
      expect(priced.solver.status).toBe("optimal");
      // The priced plan's bound is below the true optimum, its objective within the 0.01 % it claims.
      const optimum = full.solver.objective as number;
      expect(priced.solver.bound as number).toBeLessThanOrEqual(optimum + 1e-6);
      expect(priced.solver.objective as number).toBeGreaterThanOrEqual(optimum - 1e-6);
      expect(priced.solver.objective as number).toBeLessThanOrEqual(optimum * (1 + 1e-4));
      expect(priced.solver.gap as number).toBeLessThanOrEqual(1e-4);
      expect(priced.totals.unmetNeeds).toBe(full.totals.unmetNeeds);
      methods.add(solved.method);
    }
    // Tight staff and capacity make some LP optimum fractional: the MIP path is exercised too.
    expect(methods).toContain("mip");
  });

  it("refuses negative capacity and staff, naming the field (400)", () => {
    let error: unknown;
    try {
      buildPairingModel(input([recipient("R", 0)], [supporter("S", 1, 2), supporter("T", 1, -1, { 儿科: -2 })]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(ERROR_STATUS[e.code]).toBe(400);
    expect(e.errors.map((x) => [x.path, x.code, x.params?.limit])).toEqual([
      ["supporters[1].maxRecipients", "too_small", 0],
      ["supporters[1].staffBySpecialty.儿科", "too_small", 0],
    ]);
  });
});

describe.each(BACKENDS)("planPairing from the database, on %s", (backend) => {
  let database: Database;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    database = await freshDatabase(backend);
    const db = database.db;
    const one = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: { id: string }[] }).rows[0]?.id as string;
    const institution = async (key: string, kind: string, region: string) => {
      id[key] = await one(
        sql`insert into institutions (name, kind, region_code, province_code) values (${`测试${key}`}, ${kind}, ${region}, ${`${region.slice(0, 2)}0000`}) returning id`,
      );
    };
    await institution("huangping", "county_hospital", "522622"); // 黄平县, 黔东南
    await institution("shibing", "county_hospital", "522623"); // 施秉县
    await institution("township", "township_health_center", "522622"); // not a pairing recipient
    await institution("hangzhou", "tertiary_hospital", "330102");
    await institution("wenzhou", "tertiary_hospital", "330302");
    await institution("changsha", "tertiary_hospital", "430102"); // Hunan: not paired with Guizhou
    await institution("guiyang", "tertiary_hospital", "520102");
    const capacity = (key: string, max: number, staff: Record<string, number>) =>
      db.execute(
        sql`insert into support_capacity (institution_id, max_recipients, staff_by_specialty, province_code) values (${id[key]}, ${max}, ${JSON.stringify(staff)}::jsonb, ${"330000"})`,
      );
    await capacity("hangzhou", 1, { 心血管内科: 2, 麻醉科: 2 });
    await capacity("wenzhou", 2, { 心血管内科: 2 });
    await capacity("changsha", 5, { 心血管内科: 5, 麻醉科: 5, 儿科: 5 });
    await capacity("guiyang", 1, { 儿科: 1 });
    await db.execute(sql`insert into province_pairings (supporter_province, recipient_province) values ('330000', '520000')`);
    const need = (key: string, specialty: string, year: number) =>
      db.execute(
        sql`insert into capability_needs (institution_id, specialty, source, year, province_code) values (${id[key]}, ${specialty}, 'assessment', ${year}, '520000')`,
      );
    await need("huangping", "心血管内科", 2027);
    await need("huangping", "麻醉科", 2027);
    await need("shibing", "儿科", 2027);
    await need("shibing", "心血管内科", 2027);
    await need("shibing", "眼科", 2027);
    await need("shibing", "麻醉科", 2026); // another year
    // Shibing is paired with Wenzhou today.
    const agreement = await one(
      sql`insert into agreements (code, recipient_id, pack_id, mode, starts_on, ends_on, status, region_code, province_code)
          values ('PAIR-1', ${id.shibing}, 'city_tertiary_to_county', 'one_to_one', '2026-01-01', '2027-12-31', 'active', '522623', '520000') returning id`,
    );
    await db.execute(sql`insert into agreement_supporters (agreement_id, institution_id) values (${agreement}, ${id.wenzhou})`);
  });
  afterAll(() => database?.close());

  it("pairs the region's county hospitals within the province pairings, keeping today's pairs", async () => {
    const p = await planPairing(database.db, { regionCode: "522600", year: 2027, keepExisting: true, timeLimitSeconds: 10 });
    const name = (uuid: string) => Object.keys(id).find((k) => id[k] === uuid);
    const point = async (code: string) => (await regionCentroid(code)) as { latitude: number; longitude: number };
    const distance = async (a: string, b: string) => Math.round(distanceMeters(await point(a), await point(b)) / 100) / 10;
    expect(p.solver.status).toBe("optimal");
    expect(p.solver.gap).toBe(0);
    expect(p.pairs.map((x) => [name(x.recipient), name(x.supporter), x.existing, x.covers])).toEqual([
      ["huangping", "hangzhou", false, ["心血管内科", "麻醉科"]],
      ["shibing", "guiyang", false, ["儿科"]],
      ["shibing", "wenzhou", true, ["心血管内科"]],
    ]);
    expect(p.pairs[0]?.distanceKm).toBe(await distance("522622", "330102"));
    expect(p.unmet.map((u) => [name(u.recipient), u.specialty])).toEqual([["shibing", "眼科"]]);
    expect(p.totals).toMatchObject({ recipients: 2, supporters: 3, pairs: 3, newPairs: 2, unmetNeeds: 1 });
    expect(p.unmet[0]?.why.en).toBe("No supporter in Guizhou or its paired provinces (Zhejiang) has staff in 眼科");
  });

  it("refuses bad parameters, naming the field", async () => {
    const bad = async (params: Partial<Parameters<typeof planPairing>[1]>) => {
      try {
        await planPairing(database.db, { regionCode: "522600", year: 2027, keepExisting: true, timeLimitSeconds: 10, ...params });
      } catch (e) {
        const error = e as DomainError;
        return [ERROR_STATUS[error.code], ...error.errors.map((x) => `${x.path}:${x.code}`)];
      }
      return null;
    };
    expect(await bad({ regionCode: "999999" })).toEqual([400, "regionCode:not_found"]);
    expect(await bad({ regionCode: "52260" })).toEqual([400, "regionCode:format"]);
    expect(await bad({ year: 1999 })).toEqual([400, "year:too_small"]);
    expect(await bad({ timeLimitSeconds: 301 })).toEqual([400, "timeLimitSeconds:too_large"]);
  });
});
