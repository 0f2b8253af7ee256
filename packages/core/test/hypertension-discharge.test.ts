import { describe, expect, it } from "vitest";
import {
  dischargeDue,
  evaluateHypertension,
  FOLLOW_UP,
  HYPERTENSION_ICD10,
  isHypertensionIcd10,
  parseHypertensionInput,
  registerDueAfterDischarge,
} from "../src/index.ts";

describe("isHypertensionIcd10 (I10–I15)", () => {
  it.each(["I10", "I11", "I12", "I13", "I15"])("accepts the category %s", (code) => {
    expect(isHypertensionIcd10(code)).toBe(true);
  });

  it.each(["I11.0", "I11.9", "I12.0", "I12.9", "I13.0", "I13.1", "I13.2", "I13.9", "I15.0", "I15.1", "I15.2", "I15.8", "I15.9"])(
    "accepts the subdivision %s",
    (code) => {
      expect(isHypertensionIcd10(code)).toBe(true);
    },
  );

  it.each(["I10.x", "I10.X00", "I10.x00x002", "I10.x00x032", "I11.000", "I15.000x001"])("accepts the clinical-edition extension %s", (code) => {
    expect(isHypertensionIcd10(code)).toBe(true);
  });

  it.each(["i10", "i11.9", " I10 ", "I10\t"])("ignores case and surrounding spaces: %j", (code) => {
    expect(isHypertensionIcd10(code)).toBe(true);
  });

  it.each(["I09", "I09.9", "I14", "I14.0", "I16", "I16.0", "I20", "I00", "I1", "I100", "I119", "I1O"])("refuses the neighbouring code %s", (code) => {
    expect(isHypertensionIcd10(code)).toBe(false);
  });

  it.each(["J18", "J18.9", "E11", "O10", "O10.0", "O13", "R03.0", "Z03.5"])("refuses the other disease %s", (code) => {
    expect(isHypertensionIcd10(code)).toBe(false);
  });

  it.each(["", " ", "I10.", "I10..1", "I10.123456789", "I10 .1", "I 10", "I10-I15", "I10,J18", "xI10", "I10x", ".I10", "10"])(
    "refuses the malformed %j",
    (code) => {
      expect(isHypertensionIcd10(code)).toBe(false);
    },
  );

  it("has the five categories and no I14", () => {
    expect([...HYPERTENSION_ICD10]).toEqual(["I10", "I11", "I12", "I13", "I15"]);
  });
});

describe("dischargeDue", () => {
  const today = "2026-03-01";
  const evaluate = (sbp: number, dbp: number, drugs: { class: "A" | "B" | "C" | "D"; name: string; atMaxDose: boolean }[]) =>
    evaluateHypertension(
      parseHypertensionInput(
        {
          patient: { age: 60, sex: "male" },
          readings: [{ date: today, sbp, dbp }],
          diagnosedHypertension: true,
          currentDrugs: drugs,
        },
        { today },
      ),
    );

  it("without a blood pressure: the longest of refer_* (hypertension.md §9: contact within 1–14 days)", () => {
    expect(dischargeDue(null)).toMatchObject({ days: 14, rule: "no_bp", source: FOLLOW_UP.source });
    expect(dischargeDue(null).days).toBe(FOLLOW_UP.refer.max);
  });

  it("controlled on drugs at discharge: keep → 90 days", () => {
    const r = evaluate(132, 82, [{ class: "C", name: "amlodipine", atMaxDose: false }]);
    expect(r.action).toBe("keep");
    expect(dischargeDue(r)).toMatchObject({ days: 90, rule: "guideline" });
  });

  it("uncontrolled on one class: titrate_or_add → 28 days", () => {
    const r = evaluate(152, 94, [{ class: "C", name: "amlodipine", atMaxDose: false }]);
    expect(r.action).toBe("titrate_or_add");
    expect(dischargeDue(r).days).toBe(28);
  });

  it("grade 3 without symptoms: acute_lowering → 2 days", () => {
    const r = evaluate(185, 112, [{ class: "C", name: "amlodipine", atMaxDose: false }]);
    expect(r.action).toBe("acute_lowering");
    expect(dischargeDue(r).days).toBe(2);
  });

  it("takes the longest of the interval, as the register does at a visit", () => {
    expect(dischargeDue({ followUpDays: { min: 14, max: 28 } }).days).toBe(28);
    expect(dischargeDue({ followUpDays: { min: 90, max: 90 } }).days).toBe(90);
  });
});

describe("registerDueAfterDischarge", () => {
  it("is the follow-up task's day when the guideline's visit comes later", () => {
    expect(registerDueAfterDischarge("2026-05-30", "2026-03-15")).toBe("2026-03-15");
    expect(registerDueAfterDischarge("2026-03-29", "2026-03-15")).toBe("2026-03-15");
  });
  it("is the guideline's visit when it comes first, or the same day", () => {
    expect(registerDueAfterDischarge("2026-03-03", "2026-03-15")).toBe("2026-03-03");
    expect(registerDueAfterDischarge("2026-03-15", "2026-03-15")).toBe("2026-03-15");
  });
});
