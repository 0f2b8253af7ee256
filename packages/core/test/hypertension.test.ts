import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BP_GRADES, CONDITIONS, DomainError, evaluateHypertension, type HypertensionOutput, parseHypertensionInput } from "../src/index.ts";
import { VIGNETTES } from "./hypertension-vignettes.ts";

const TODAY = "2026-03-01";
const run = (input: Record<string, unknown>): HypertensionOutput =>
  evaluateHypertension(parseHypertensionInput({ patient: { age: 50, sex: "male" }, asOf: TODAY, ...input }, { today: TODAY }));

describe("hypertension vignettes", () => {
  it("has at least 40 of them", () => expect(VIGNETTES.length).toBeGreaterThanOrEqual(40));
  for (const v of VIGNETTES) {
    it(v.name, () => {
      const output = run(v.input);
      for (const [key, value] of Object.entries(v.expect)) {
        if (value === undefined) expect(output, key).not.toHaveProperty(key);
        else expect(output[key as keyof HypertensionOutput], key).toEqual(value);
      }
      // Every recommendation explains itself.
      expect(output.trace.map((t) => t.rule)).toEqual(expect.arrayContaining(["current_bp", "diagnosis", "risk", "target", "action", "follow_up"]));
      expect(output.trace.every((t) => t.source.length > 0 && t.detail.length > 0)).toBe(true);
    });
  }
});

describe("the spec's example", () => {
  it("answers the documented input with the documented shape", () => {
    const output = evaluateHypertension(
      parseHypertensionInput(
        {
          edition: "2020",
          asOf: "2026-03-01",
          patient: { age: 58, sex: "male", pregnant: false, breastfeeding: false },
          readings: [{ date: "2026-01-05", sbp: 152, dbp: 96, setting: "office" }],
          diagnosedHypertension: false,
          conditions: ["diabetes"],
          riskFactors: ["smoking"],
          symptoms: [],
          currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }],
          weeksOnCurrentRegimen: 4,
          labs: { potassium: 4.5, egfr: 80, acr: 10 },
        },
        { today: "2026-03-01" },
      ),
    );
    expect(output).toMatchObject({
      diagnosis: "confirmed",
      grade: "grade1",
      risk: "high",
      target: { sbp: 140, dbp: 90 },
      ifTolerated: { sbp: 130, dbp: 80 },
      controlled: false,
      action: "titrate_or_add",
      suggestedClasses: ["A", "D", "B"],
      avoidClasses: [],
      followUpDays: { min: 14, max: 28 },
    });
  });
});

describe("hypertension input validation", () => {
  const base = { asOf: TODAY, patient: { age: 50, sex: "male" }, readings: [{ date: "2026-02-01", sbp: 150, dbp: 90, setting: "office" }] };
  const paths = (input: unknown): string[] => {
    try {
      parseHypertensionInput(input, { today: TODAY });
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).errors.map((e) => e.path);
    }
  };
  const cases: [string, unknown, string[]][] = [
    ["not an object", [1, 2], ["(body)"]],
    ["unknown top-level key", { ...base, weight: 70 }, ["weight"]],
    ["unknown edition", { ...base, edition: "2018" }, ["edition"]],
    ["unknown condition", { ...base, conditions: ["diabetes", "flu"] }, ["conditions[1]"]],
    ["unknown risk factor", { ...base, riskFactors: ["stress"] }, ["riskFactors[0]"]],
    ["unknown symptom", { ...base, symptoms: ["cough"] }, ["symptoms[0]"]],
    ["unknown patient key", { ...base, patient: { age: 50, sex: "male", height: 170 } }, ["patient.height"]],
    ["missing patient", { asOf: TODAY, readings: base.readings }, ["patient"]],
    ["age not a whole number", { ...base, patient: { age: 50.5, sex: "male" } }, ["patient.age"]],
    ["pregnant man", { ...base, patient: { age: 30, sex: "male", pregnant: true } }, ["patient.pregnant"]],
    ["no readings", { ...base, readings: [] }, ["readings"]],
    ["home readings only", { ...base, readings: [{ date: "2026-02-01", sbp: 150, dbp: 90, setting: "home" }] }, ["readings"]],
    ["SBP 301", { ...base, readings: [{ date: "2026-02-01", sbp: 301, dbp: 90 }] }, ["readings[0].sbp"]],
    ["SBP 59", { ...base, readings: [{ date: "2026-02-01", sbp: 59, dbp: 40 }] }, ["readings[0].sbp"]],
    ["DBP 201", { ...base, readings: [{ date: "2026-02-01", sbp: 250, dbp: 201 }] }, ["readings[0].dbp"]],
    ["DBP 29", { ...base, readings: [{ date: "2026-02-01", sbp: 100, dbp: 29 }] }, ["readings[0].dbp"]],
    ["SBP equal to DBP", { ...base, readings: [{ date: "2026-02-01", sbp: 90, dbp: 90 }] }, ["readings[0].sbp"]],
    ["reading after asOf", { ...base, readings: [{ date: "2026-03-02", sbp: 150, dbp: 90 }] }, ["readings[0].date"]],
    ["impossible date", { ...base, readings: [{ date: "2026-02-30", sbp: 150, dbp: 90 }] }, ["readings[0].date"]],
    ["unknown setting", { ...base, readings: [{ date: "2026-02-01", sbp: 150, dbp: 90, setting: "pharmacy" }] }, ["readings[0].setting"]],
    ["unknown drug class", { ...base, currentDrugs: [{ class: "E", name: "x", atMaxDose: false }] }, ["currentDrugs[0].class"]],
    ["drug without a name", { ...base, currentDrugs: [{ class: "A", name: "", atMaxDose: false }] }, ["currentDrugs[0].name"]],
    ["negative weeks", { ...base, weeksOnCurrentRegimen: -1 }, ["weeksOnCurrentRegimen"]],
    ["unknown lab", { ...base, labs: { sodium: 140 } }, ["labs.sodium"]],
    ["potassium as text", { ...base, labs: { potassium: "4.5" } }, ["labs.potassium"]],
  ];
  for (const [name, input, expected] of cases) it(`rejects ${name}`, () => expect(paths(input)).toEqual(expected));
  it("accepts the boundaries of the plausible range", () => {
    expect(paths({ ...base, readings: [{ date: "2026-02-01", sbp: 300, dbp: 200 - 1 }] })).toEqual([]);
    expect(paths({ ...base, readings: [{ date: "2026-02-01", sbp: 60, dbp: 30 }] })).toEqual([]);
  });
  it("defaults the edition to 2020 and lets the caller override it", () => {
    expect(parseHypertensionInput(base, { today: TODAY }).edition).toBe("2020");
    expect(parseHypertensionInput({ ...base, edition: "2020" }, { today: TODAY, edition: "2025" }).edition).toBe("2025");
  });
});

describe("hypertension engine properties", () => {
  const bp = fc.record({ sbp: fc.integer({ min: 90, max: 240 }), dbp: fc.integer({ min: 50, max: 130 }) }).filter((x) => x.sbp > x.dbp);
  const conditions = fc.subarray([...CONDITIONS]);
  const patient = fc.record({ age: fc.integer({ min: 18, max: 100 }), sex: fc.constantFrom("male", "female") });
  const drugs = fc.subarray(["A", "B", "C", "D"] as const).map((cs) => cs.map((c) => ({ class: c, name: `drug-${c}`, atMaxDose: false })));
  const visit = (p: { age: number; sex: string }, reading: { sbp: number; dbp: number }, cs: string[], ds: object[], edition = "2020") =>
    run({
      edition,
      patient: p,
      readings: [{ date: "2026-02-20", ...reading, setting: "office" }],
      diagnosedHypertension: true,
      conditions: cs,
      currentDrugs: ds,
      weeksOnCurrentRegimen: 8,
    });

  it("raising BP never lowers the grade", () => {
    fc.assert(
      fc.property(patient, bp, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 }), (p, reading, up, upD) => {
        const higher = { sbp: Math.min(300, reading.sbp + up), dbp: Math.min(reading.sbp + up - 1, reading.dbp + upD) };
        fc.pre(higher.dbp >= reading.dbp);
        const before = BP_GRADES.indexOf(visit(p, reading, [], []).grade);
        const after = BP_GRADES.indexOf(visit(p, higher, [], []).grade);
        return after >= before;
      }),
    );
  });

  it("starts one class when the combination's second class is contraindicated for every candidate", () => {
    // Gout rules out D, AV block B, hyperkalaemia A: only C is left for a 150/50 patient with LVH.
    const out = visit({ age: 30, sex: "male" }, { sbp: 150, dbp: 50 }, ["lvh", "gout", "av_block_2_3", "hyperkalemia"], [], "2025");
    expect(out.action).toBe("start_mono");
    expect(out.suggestedClasses).toEqual(["C"]);
    expect(out.trace.some((t) => t.detail.includes("第二类药物均不宜使用"))).toBe(true);
    expect(visit({ age: 30, sex: "male" }, { sbp: 150, dbp: 50 }, ["lvh", "gout", "av_block_2_3"], [], "2025").suggestedClasses.slice(0, 2)).toEqual([
      "C",
      "A",
    ]);
  });

  it("adding a contraindication never adds a suggested class", () => {
    const contraindications = ["gout", "asthma", "av_block_2_3", "hyperkalemia", "bilateral_renal_artery_stenosis"];
    fc.assert(
      fc.property(
        patient,
        bp,
        conditions,
        drugs,
        fc.constantFrom(...contraindications),
        fc.constantFrom("2020", "2025"),
        (p, reading, cs, ds, extra, edition) => {
          const before = visit(p, reading, cs, ds, edition);
          const after = visit(p, reading, [...new Set([...cs, extra])], ds, edition);
          // A new condition may change the action itself; within the same action, classes only go.
          fc.pre(before.action === after.action);
          return after.suggestedClasses.every((c) => before.suggestedClasses.includes(c));
        },
      ),
    );
  });

  it("never suggests an avoided class, and always cites its rules", () => {
    fc.assert(
      fc.property(patient, bp, conditions, drugs, fc.constantFrom("2020", "2025"), (p, reading, cs, ds, edition) => {
        const output = visit(p, reading, cs, ds, edition);
        const avoided = new Set(output.avoidClasses.map((a) => a.class));
        return output.suggestedClasses.every((c) => !avoided.has(c)) && output.trace.every((t) => t.source.includes("指南"));
      }),
    );
  });
});
