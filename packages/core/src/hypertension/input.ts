import { type ErrorParams, type FieldError, type FieldErrorCode, invalid } from "../errors.ts";
import {
  CONDITIONS,
  type Condition,
  DEFAULT_EDITION,
  DRUG_CLASSES,
  type DrugClass,
  EDITIONS,
  type EditionId,
  PLAUSIBLE,
  RISK_FACTORS,
  type RiskFactor,
  SETTINGS,
  type Setting,
  SYMPTOMS,
  type Symptom,
} from "./knowledge.ts";

export interface Reading {
  date: string;
  sbp: number;
  dbp: number;
  setting: Setting;
  /** false: taken before any antihypertensive (used for risk). */
  treated?: boolean;
}

export interface Drug {
  class: DrugClass;
  name: string;
  atMaxDose: boolean;
}

/** One visit, as hypertension.md's input section. */
export interface HypertensionInput {
  edition: EditionId;
  asOf: string;
  patient: { age: number; sex: "male" | "female"; pregnant: boolean; breastfeeding: boolean };
  readings: Reading[];
  diagnosedHypertension: boolean;
  conditions: Condition[];
  riskFactors: RiskFactor[];
  symptoms: Symptom[];
  currentDrugs: Drug[];
  /** null: not known, judged as long enough to tell. */
  weeksOnCurrentRegimen: number | null;
  labs: { potassium?: number; egfr?: number; acr?: number };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: unknown): s is string =>
  typeof s === "string" && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * Checks an input against the spec and fills the defaults (edition 2020, empty lists, false flags).
 * Every problem names its field; unknown keys and values are errors, not ignored.
 */
export function parseHypertensionInput(raw: unknown, options: { today: string; edition?: EditionId }): HypertensionInput {
  const errors: FieldError[] = [];
  const fail = (path: string, code: FieldErrorCode, message: string, params?: ErrorParams): void => {
    errors.push({ path, code, message, ...(params && { params }) });
  };
  if (!isObject(raw)) throw invalid([{ path: "(body)", code: "type", params: { type: "object" }, message: "must be a JSON object" }]);
  const unknownKeys = (obj: Json, allowed: string[], prefix: string) => {
    for (const key of Object.keys(obj)) if (!allowed.includes(key)) fail(prefix ? `${prefix}.${key}` : key, "unknown_field", "is not a known field");
  };
  unknownKeys(
    raw,
    [
      "edition",
      "asOf",
      "patient",
      "readings",
      "diagnosedHypertension",
      "conditions",
      "riskFactors",
      "symptoms",
      "currentDrugs",
      "weeksOnCurrentRegimen",
      "labs",
    ],
    "",
  );
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[], path: string): value is T => {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return true;
    fail(path, "enum", `must be one of ${allowed.join(", ")}`, { allowed });
    return false;
  };
  const bool = (value: unknown, path: string): boolean => {
    if (value === undefined) return false;
    if (typeof value !== "boolean") fail(path, "type", "must be true or false", { type: "boolean" });
    return value === true;
  };
  const number = (value: unknown, path: string, min: number, max: number, integer = false): number | undefined => {
    if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      fail(path, "type", integer ? "must be a whole number" : "must be a number", { type: integer ? "integer" : "number" });
      return undefined;
    }
    if (value < min) fail(path, "too_small", `must be between ${min} and ${max}`, { limit: min });
    else if (value > max) fail(path, "too_large", `must be between ${min} and ${max}`, { limit: max });
    return value;
  };
  const list = <T extends string>(value: unknown, allowed: readonly T[], path: string): T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      fail(path, "type", "must be a list", { type: "array" });
      return [];
    }
    const out: T[] = [];
    value.forEach((v, i) => {
      if (oneOf(v, allowed, `${path}[${i}]`) && !out.includes(v)) out.push(v);
    });
    return out;
  };

  let edition: EditionId = options.edition ?? DEFAULT_EDITION;
  if (raw.edition !== undefined && oneOf(raw.edition, EDITIONS, "edition")) edition = options.edition ?? raw.edition;
  let asOf = options.today;
  if (raw.asOf !== undefined) {
    if (validDate(raw.asOf)) asOf = raw.asOf;
    else fail("asOf", "format", "must be a date YYYY-MM-DD", { format: "date" });
  }

  const patient = { age: 0, sex: "male" as "male" | "female", pregnant: false, breastfeeding: false };
  if (!isObject(raw.patient)) fail("patient", "required", "is required (age and sex)");
  else {
    unknownKeys(raw.patient, ["age", "sex", "pregnant", "breastfeeding"], "patient");
    patient.age = number(raw.patient.age, "patient.age", 0, 130, true) ?? 0;
    if (oneOf(raw.patient.sex, ["male", "female"] as const, "patient.sex")) patient.sex = raw.patient.sex;
    patient.pregnant = bool(raw.patient.pregnant, "patient.pregnant");
    patient.breastfeeding = bool(raw.patient.breastfeeding, "patient.breastfeeding");
    if (patient.sex === "male" && (patient.pregnant || patient.breastfeeding))
      fail("patient.pregnant", "implausible", "cannot be true for a male patient", { other: "sex" });
  }

  const readings: Reading[] = [];
  if (!Array.isArray(raw.readings) || raw.readings.length === 0) fail("readings", "required", "at least one reading is required");
  else {
    raw.readings.forEach((r: unknown, i) => {
      const path = `readings[${i}]`;
      if (!isObject(r)) {
        fail(path, "type", "must be an object", { type: "object" });
        return;
      }
      unknownKeys(r, ["date", "sbp", "dbp", "setting", "treated"], path);
      if (!validDate(r.date)) fail(`${path}.date`, "format", "must be a date YYYY-MM-DD", { format: "date" });
      else if (r.date > asOf) fail(`${path}.date`, "after", `is after asOf (${asOf})`, { other: "asOf", date: asOf });
      const sbp = number(r.sbp, `${path}.sbp`, PLAUSIBLE.sbp.min, PLAUSIBLE.sbp.max, true);
      const dbp = number(r.dbp, `${path}.dbp`, PLAUSIBLE.dbp.min, PLAUSIBLE.dbp.max, true);
      if (sbp !== undefined && dbp !== undefined && sbp <= dbp)
        fail(`${path}.sbp`, "implausible", "must be higher than dbp (likely an entry error)", { other: "dbp" });
      const setting = r.setting === undefined ? "office" : r.setting;
      oneOf(setting, SETTINGS, `${path}.setting`);
      if (r.treated !== undefined && typeof r.treated !== "boolean") fail(`${path}.treated`, "type", "must be true or false", { type: "boolean" });
      readings.push({
        date: r.date as string,
        sbp: sbp ?? 0,
        dbp: dbp ?? 0,
        setting: setting as Setting,
        ...(typeof r.treated === "boolean" && { treated: r.treated }),
      });
    });
    const readingErrors = errors.some((e) => e.path.startsWith("readings["));
    if (!readingErrors && !readings.some((r) => r.setting === "office"))
      fail("readings", "required", "at least one office reading is required", { when: "office_reading" });
  }

  const currentDrugs: Drug[] = [];
  if (raw.currentDrugs !== undefined && !Array.isArray(raw.currentDrugs)) fail("currentDrugs", "type", "must be a list", { type: "array" });
  else
    (raw.currentDrugs as unknown[] | undefined)?.forEach((d, i) => {
      const path = `currentDrugs[${i}]`;
      if (!isObject(d)) {
        fail(path, "type", "must be an object", { type: "object" });
        return;
      }
      unknownKeys(d, ["class", "name", "atMaxDose"], path);
      const ok = oneOf(d.class, DRUG_CLASSES, `${path}.class`);
      const drugName = "must be a drug name (1–60 characters)";
      if (d.name !== undefined && typeof d.name !== "string") fail(`${path}.name`, "type", drugName, { type: "string" });
      else if (typeof d.name !== "string" || d.name.trim().length === 0) fail(`${path}.name`, "required", drugName);
      else if (d.name.length > 60) fail(`${path}.name`, "too_long", drugName, { limit: 60 });
      const atMaxDose = bool(d.atMaxDose, `${path}.atMaxDose`);
      if (ok) currentDrugs.push({ class: d.class as DrugClass, name: String(d.name ?? "").trim(), atMaxDose });
    });

  let weeksOnCurrentRegimen: number | null = null;
  if (raw.weeksOnCurrentRegimen !== undefined && raw.weeksOnCurrentRegimen !== null) {
    weeksOnCurrentRegimen = number(raw.weeksOnCurrentRegimen, "weeksOnCurrentRegimen", 0, 5200) ?? null;
  }

  const labs: HypertensionInput["labs"] = {};
  if (raw.labs !== undefined) {
    if (!isObject(raw.labs)) fail("labs", "type", "must be an object", { type: "object" });
    else {
      unknownKeys(raw.labs, ["potassium", "egfr", "acr"], "labs");
      if (raw.labs.potassium !== undefined) labs.potassium = number(raw.labs.potassium, "labs.potassium", 1, 10);
      if (raw.labs.egfr !== undefined) labs.egfr = number(raw.labs.egfr, "labs.egfr", 0, 200);
      if (raw.labs.acr !== undefined) labs.acr = number(raw.labs.acr, "labs.acr", 0, 10000);
    }
  }

  const input: HypertensionInput = {
    edition,
    asOf,
    patient,
    readings,
    diagnosedHypertension: bool(raw.diagnosedHypertension, "diagnosedHypertension"),
    conditions: list(raw.conditions, CONDITIONS, "conditions"),
    riskFactors: list(raw.riskFactors, RISK_FACTORS, "riskFactors"),
    symptoms: list(raw.symptoms, SYMPTOMS, "symptoms"),
    currentDrugs,
    weeksOnCurrentRegimen,
    labs,
  };
  if (errors.length) throw invalid(errors, `Invalid hypertension input: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`);
  return input;
}
