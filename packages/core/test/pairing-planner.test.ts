import { describe, expect, it } from "vitest";
import { buildPairingModel, type PairingPlanInput, preparePairing, type SolveResult } from "../src/index.ts";

/**
 * The pairing model's shape and its decoding, without a solver (core is pure): the server's
 * pairing-plan.test.ts solves instances with HiGHS.
 */
const at = (longitude: number) => ({ latitude: 0, longitude });
const input = (more: Partial<PairingPlanInput> = {}): PairingPlanInput => ({
  regionCode: "520000",
  year: 2027,
  recipients: [
    { id: "R1", regionCode: "522622", point: at(0), needs: ["儿科", "眼科"], existingSupporters: [] },
    { id: "R2", regionCode: "522623", point: at(1), needs: ["儿科"], existingSupporters: ["far"] },
  ],
  supporters: [
    { id: "near", regionCode: "330102", provinceCode: "330000", point: at(0.5), maxRecipients: 2, staffBySpecialty: { 儿科: 1, 眼科: 2 } },
    { id: "far", regionCode: "330302", provinceCode: "330000", point: at(3), maxRecipients: 1, staffBySpecialty: { 儿科: 3 } },
    { id: "hunan", regionCode: "430102", provinceCode: "430000", point: at(0.1), maxRecipients: 5, staffBySpecialty: { 儿科: 5 } },
  ],
  provincePairings: [["330000", "520000"]],
  keepExisting: true,
  ...more,
});

const result = (names: string[], model: { columnNames: string[] }, objective: number): SolveResult => ({
  status: "optimal",
  objective,
  bound: objective,
  gap: 0,
  values: model.columnNames.map((n) => (names.includes(n) ? 1 : 0)),
  seconds: 0.1,
  heapBytes: 1,
});

describe("the pairing model", () => {
  it("holds only the pairs the province pairings allow, fixes kept pairs, and adds cover columns only where staff can run out", () => {
    const { model } = buildPairingModel(input());
    const pairs = model.columnNames.filter((n) => n.startsWith("y["));
    expect(pairs).toEqual(["y[0,0]", "y[0,1]", "y[1,0]", "y[1,1]"]); // Hunan's supporter is nowhere
    expect(model.lower[model.columnNames.indexOf("y[1,1]")]).toBe(1); // R2–far, kept
    expect(model.lower[model.columnNames.indexOf("y[0,0]")]).toBe(0);
    // near has one paediatrician for two recipients needing one, within capacity 2: cover columns for 儿科 only.
    expect(model.columnNames.filter((n) => n.startsWith("cover["))).toEqual(["cover[0,0,儿科]", "cover[1,0,儿科]"]);
    expect(model.rowNames.filter((n) => n.startsWith("staff["))).toEqual(["staff[0,儿科]"]);
    // far (capacity 1) has one kept pair and one candidate: its capacity row binds.
    expect(model.rowNames).toContain("capacity[1]");
    expect(model.rowNames).not.toContain("capacity[0]");
    expect(model.cost[model.columnNames.indexOf("unmet[0,眼科]")]).toBe(10_000);
  });

  it("frees existing pairs when told not to keep them", () => {
    const { model } = buildPairingModel(input({ keepExisting: false }));
    expect(model.lower[model.columnNames.indexOf("y[1,1]")]).toBe(0);
  });

  it("starts column generation from the nearest pairs and those per need, and prices the others from duals", () => {
    const problem = preparePairing(input());
    expect(problem.pairCount).toBe(4);
    expect([...problem.nearest(1)].sort()).toEqual(["0,0", "1,0", "1,1"]); // R2's kept pair comes along
    expect([...problem.nearest(0, 1)].sort()).toEqual(["0,0", "1,0", "1,1"]);
    const restricted = problem.build(new Set(["0,0", "1,0"]));
    expect(restricted.model.columnNames.filter((n) => n.startsWith("y["))).toEqual(["y[0,0]", "y[1,0]", "y[1,1]"]);
    // Duals: R1's supporter row 0, its 儿科 need 700, 眼科 0; the rest 0. Left out: R1–far (333.6 km):
    // 333.6 − 700 = −366.4 (far has paediatricians).
    const duals = restricted.model.rowNames.map((n) => (n === "need[0,儿科]" ? 700 : 0));
    expect(restricted.price(duals)).toEqual([{ key: "0,1", reducedCost: expect.closeTo(333.6 - 700, 6) }]);
  });

  it("decodes a solution into pairs with their reasons, unmet needs and totals", () => {
    const { model, decode } = buildPairingModel(input());
    const plan = decode(result(["y[0,0]", "cover[0,0,儿科]", "y[1,1]"], model, 55.6 + 222.4));
    expect(plan.pairs.map((p) => [p.recipient, p.supporter, p.existing, p.distanceKm, p.covers])).toEqual([
      ["R1", "near", false, 55.6, ["儿科", "眼科"]],
      ["R2", "far", true, 222.4, ["儿科"]],
    ]);
    expect(plan.pairs[0]?.why).toEqual({
      zh: "覆盖儿科、眼科；56 公里，可选的最近一家，协作省份 浙江→贵州",
      en: "Covers 儿科, 眼科; 56 km, the nearest allowed, in the paired province Zhejiang→Guizhou",
    });
    expect(plan.pairs[1]?.why.en).toBe("Existing pairing, kept; covers 儿科; 222 km, in the paired province Zhejiang→Guizhou");
    expect(plan.unmet).toEqual([]);
    expect(plan.totals).toEqual({ recipients: 2, supporters: 3, pairs: 2, newPairs: 1, unmetNeeds: 0, distanceKm: 278 });
    expect(plan.solver).toMatchObject({ status: "optimal", gap: 0, columns: model.cost.length, rows: model.rowLower.length });
  });
});
