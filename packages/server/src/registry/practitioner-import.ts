import { enumCell, type FieldError, isRegionCode, VOCABULARIES } from "@medbridge/core";
import { inArray } from "drizzle-orm";
import { Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { institutions, practitioners } from "../db/schema.ts";
import { Text } from "../http/schemas.ts";
import { byNameOrId, type ImportSpec, withoutEmpty } from "../tabular/imports.ts";
import { createPractitioners, PractitionerInput } from "./practitioners.ts";

/** A spreadsheet names the home institution by id or by its exact name; the check resolves it. */
const PractitionerRow = Type.Object(
  {
    ...Type.Omit(PractitionerInput, ["institutionId", "filedSites"]).properties,
    institution: Text(120),
  },
  { additionalProperties: false },
);

export type PractitionerImportRow = PractitionerInput & { institution: string; regionCode?: string };

export const practitionerImport: ImportSpec<PractitionerImportRow> = {
  entity: "practitioner",
  aliases: {
    name: "name",
    姓名: "name",
    license_no: "licenseNo",
    licenseno: "licenseNo",
    执业证书编码: "licenseNo",
    执业证号: "licenseNo",
    profession: "profession",
    专业类别: "profession",
    类别: "profession",
    title: "title",
    职称: "title",
    specialty: "specialty",
    专科: "specialty",
    专业: "specialty",
    institution: "institution",
    执业机构: "institution",
    所在机构: "institution",
    主执业机构: "institution",
  },
  schema: PractitionerRow,
  toInput: (v) =>
    withoutEmpty({
      name: v.name,
      licenseNo: v.licenseNo,
      profession: v.profession && enumCell(VOCABULARIES.profession, v.profession),
      title: v.title && enumCell(VOCABULARIES.title, v.title),
      specialty: v.specialty,
      institution: v.institution,
    }),
  unique: [
    { path: "licenseNo", code: "duplicate", params: { scope: "file" }, message: "appears twice in this file", key: (input) => input.licenseNo ?? undefined },
  ],
  check: async (db: Db, inputs) => {
    const refs = [...new Set(inputs.map((i) => i.institution))];
    const found = refs.length
      ? await db
          .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode })
          .from(institutions)
          .where(byNameOrId(institutions.name, institutions.id, refs))
      : [];
    const byRef = new Map<string, { id: string; regionCode: string }[]>();
    for (const f of found) for (const key of [f.id, f.name]) byRef.set(key, [...(byRef.get(key) ?? []), f]);
    const licences = inputs.map((i) => i.licenseNo).filter((l): l is string => !!l);
    const taken = new Set(
      licences.length
        ? (await db.select({ l: practitioners.licenseNo }).from(practitioners).where(inArray(practitioners.licenseNo, licences))).map((r) => r.l)
        : [],
    );
    const errors = new Map<number, FieldError[]>();
    inputs.forEach((input, index) => {
      const list: FieldError[] = [];
      const matches = byRef.get(input.institution) ?? [];
      if (matches.length === 0)
        list.push({
          path: "institution",
          code: "not_found",
          params: { entity: "institution" },
          message: `no institution named or with id "${input.institution}"`,
        });
      else if (matches.length > 1)
        list.push({
          path: "institution",
          code: "ambiguous",
          params: { entity: "institution" },
          message: "several institutions have this name; use the institution id",
        });
      else {
        const match = matches[0] as { id: string; regionCode: string };
        // Resolved here so insert and authorisation see the real reference.
        input.institutionId = match.id;
        input.regionCode = isRegionCode(match.regionCode) ? match.regionCode : undefined;
      }
      if (input.licenseNo && taken.has(input.licenseNo))
        list.push({ path: "licenseNo", code: "duplicate", params: { scope: "system" }, message: "is already registered" });
      if (list.length) errors.set(index, list);
    });
    return errors;
  },
  insert: (db, actor, inputs) =>
    createPractitioners(
      db,
      actor,
      inputs.map(({ institution: _, regionCode: __, ...rest }) => rest),
    ),
};
