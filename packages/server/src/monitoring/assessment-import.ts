import { ASSESSMENT_LEVELS, enumCell, type FieldError, VOCABULARIES } from "@medbridge/core";
import { inArray, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { audit } from "../audit.ts";
import { institutionAssessments, institutions } from "../db/schema.ts";
import { RegionCode, StringEnum } from "../http/schemas.ts";
import { ASSESSED_KINDS } from "../registry/institutions.ts";
import { cellNumber, type ImportSpec, withoutEmpty } from "../tabular/imports.ts";

/** One county hospital's capability assessment for a year, as the assessment system exports it. */
export const AssessmentRow = Type.Object(
  {
    regionCode: RegionCode,
    institutionName: Type.String({ minLength: 1, maxLength: 200 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    level: StringEnum(ASSESSMENT_LEVELS),
  },
  { additionalProperties: false },
);
type AssessmentRow = Static<typeof AssessmentRow> & { institutionId?: string; provinceCode?: string };

/**
 * County hospital capability assessments (basic ≈ secondary, recommended ≈ tertiary), re-importable:
 * a hospital's row for a year replaces the old one. The hospital is named by county and name.
 */
export const assessmentImport: ImportSpec<AssessmentRow> = {
  entity: "institution_assessments",
  aliases: {
    region_code: "regionCode",
    区划代码: "regionCode",
    institution: "institutionName",
    institution_name: "institutionName",
    机构名称: "institutionName",
    year: "year",
    年度: "year",
    level: "level",
    评估结果: "level",
  },
  schema: AssessmentRow,
  toInput: (v) =>
    withoutEmpty({
      regionCode: v.regionCode,
      institutionName: v.institutionName,
      year: v.year && cellNumber(v.year),
      level: v.level && enumCell(VOCABULARIES.assessmentLevel, v.level),
    }),
  unique: [
    {
      path: "year",
      code: "duplicate",
      params: { scope: "file" },
      message: "this hospital and year appear twice in the file",
      key: (input) => `${input.regionCode}/${input.institutionName}/${input.year}`,
    },
  ],
  check: async (db, inputs) => {
    const names = [...new Set(inputs.map((i) => i.institutionName))];
    const found = await db
      .select({
        id: institutions.id,
        name: institutions.name,
        regionCode: institutions.regionCode,
        provinceCode: institutions.provinceCode,
        kind: institutions.kind,
      })
      .from(institutions)
      .where(inArray(institutions.name, names));
    const byKey = new Map(found.map((f) => [`${f.regionCode}/${f.name}`, f]));
    const errors = new Map<number, FieldError[]>();
    inputs.forEach((input, index) => {
      const list: FieldError[] = [];
      const hospital = byKey.get(`${input.regionCode}/${input.institutionName}`);
      if (!hospital)
        list.push({ path: "institutionName", code: "not_found", params: { entity: "institution" }, message: "no institution of this name in this county" });
      else if (!ASSESSED_KINDS.includes(hospital.kind as (typeof ASSESSED_KINDS)[number]))
        list.push({
          path: "institutionName",
          code: "wrong_kind",
          params: { expected: "county_hospital" },
          message: "capability assessments apply to county hospitals only",
        });
      else Object.assign(input, { institutionId: hospital.id, provinceCode: hospital.provinceCode });
      if (list.length) errors.set(index, list);
    });
    return errors;
  },
  insert: async (db, actor, inputs) => {
    await db
      .insert(institutionAssessments)
      .values(inputs.map((i) => ({ institutionId: i.institutionId as string, year: i.year, level: i.level, provinceCode: i.provinceCode as string })))
      .onConflictDoUpdate({ target: [institutionAssessments.institutionId, institutionAssessments.year], set: { level: sql`excluded.level` } });
    await audit(db, actor, {
      action: "import",
      entity: "institution_assessments",
      regionCode: inputs[0]?.provinceCode ?? "110000",
      after: { rows: inputs.length },
    });
  },
};
