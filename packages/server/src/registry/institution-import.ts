import { enumCell, GRADES, VOCABULARIES } from "@medbridge/core";
import { inArray } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { institutions } from "../db/schema.ts";
import type { ImportSpec } from "../tabular/imports.ts";
import { cellList, cellNumber, withoutEmpty } from "../tabular/imports.ts";
import { checkInstitutionRegions, createInstitutions, InstitutionInput } from "./institutions.ts";

/** Grades are Chinese words already (三级甲等); the cell is read with the same tolerance (三级 甲等, full-width). */
const GRADE_VOCABULARY = { values: GRADES, zh: Object.fromEntries(GRADES.map((g) => [g, g])) as Record<(typeof GRADES)[number], string> };

export const institutionImport: ImportSpec<InstitutionInput> = {
  entity: "institution",
  aliases: {
    name: "name",
    机构名称: "name",
    名称: "name",
    kind: "kind",
    机构类别: "kind",
    类别: "kind",
    grade: "grade",
    等级: "grade",
    医院等级: "grade",
    region_code: "regionCode",
    regioncode: "regionCode",
    区划代码: "regionCode",
    行政区划代码: "regionCode",
    address: "address",
    地址: "address",
    beds: "beds",
    床位数: "beds",
    编制床位: "beds",
    departments: "departments",
    诊疗科目: "departments",
    科室: "departments",
  },
  schema: InstitutionInput,
  toInput: (v) =>
    withoutEmpty({
      name: v.name,
      kind: v.kind && enumCell(VOCABULARIES.institutionKind, v.kind),
      grade: v.grade && enumCell(GRADE_VOCABULARY, v.grade),
      regionCode: v.regionCode,
      address: v.address,
      beds: v.beds === undefined || v.beds === "" ? undefined : cellNumber(v.beds),
      departments: v.departments ? cellList(v.departments) : undefined,
    }),
  // Names are unique per county: within the file here, against the database in `check`.
  unique: [
    {
      path: "name",
      code: "duplicate",
      params: { scope: "file" },
      message: "appears twice in this file for the same county",
      key: (input) => `${input.regionCode}|${input.name.trim()}`,
    },
  ],
  check: async (db: Db, inputs) => {
    const errors = await checkInstitutionRegions(db, inputs);
    const existing = await existingNames(db, inputs);
    inputs.forEach((input, index) => {
      if (existing.has(`${input.regionCode}|${input.name.trim()}`))
        errors.set(index, [
          ...(errors.get(index) ?? []),
          { path: "name", code: "duplicate", params: { scope: "county" }, message: "already exists in this county" },
        ]);
    });
    return errors;
  },
  insert: (db, actor, inputs) => createInstitutions(db, actor, inputs),
};

async function existingNames(db: Db, inputs: InstitutionInput[]): Promise<Set<string>> {
  const names = [...new Set(inputs.map((i) => i.name.trim()))];
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += 1000) {
    const rows = await db
      .select({ regionCode: institutions.regionCode, name: institutions.name })
      .from(institutions)
      .where(inArray(institutions.name, names.slice(i, i + 1000)));
    for (const r of rows) found.add(`${r.regionCode}|${r.name}`);
  }
  return found;
}
