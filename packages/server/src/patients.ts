import { type FieldError, idNumberError } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { chinaDate } from "./clock.ts";
import type { Db } from "./db/connection.ts";
import { regions } from "./db/schema.ts";
import { DateString, RegionCode, StringEnum, Text } from "./http/schemas.ts";

/**
 * A person as every feature takes them (a referral, the chronic-care register): identity and
 * contact. The ID number is checked here and sealed by the feature that stores it (crypto.ts).
 */
export const PersonFields = {
  name: Text(40),
  sex: StringEnum(["female", "male"] as const),
  birthDate: DateString,
  idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18, description: "18-character resident ID (GB 11643); leave out only with noIdCard" })),
  noIdCard: Type.Optional(
    Type.Boolean({ description: "The person has no ID card (a child, some elderly): the patient index gives a local identifier instead" }),
  ),
  phone: Type.Optional(Type.String({ pattern: "^1[3-9]\\d{9}$", description: "Mainland mobile number" })),
};

export const PersonInput = Type.Object(PersonFields, { additionalProperties: false });
export type PersonInput = Static<typeof PersonInput>;

/**
 * What is wrong with a person's identity: an ID number missing without `noIdCard` (or given with
 * it), the GB 11643 check digit, the birth date it encodes, a birth in the future.
 */
export function personProblems(person: PersonInput, now: Date, prefix = ""): FieldError[] {
  const errors: FieldError[] = [];
  if (person.idNumber === undefined) {
    if (!person.noIdCard)
      errors.push({ path: `${prefix}idNumber`, code: "required", message: "is required (or set noIdCard for a person without an ID card)" });
  } else if (person.noIdCard)
    errors.push({
      path: `${prefix}noIdCard`,
      code: "not_allowed",
      params: { reason: "no_id_with_id_number" },
      message: "cannot be set together with an ID number",
    });
  else if (idNumberError(person.idNumber, `${prefix}idNumber`)) errors.push(idNumberError(person.idNumber, `${prefix}idNumber`) as FieldError);
  else if (person.idNumber.slice(6, 14) !== person.birthDate.replaceAll("-", "")) {
    errors.push({ path: `${prefix}birthDate`, code: "mismatch", params: { other: "idNumber" }, message: "does not match the birth date in the ID number" });
  }
  if (person.birthDate > chinaDate(now)) errors.push({ path: `${prefix}birthDate`, code: "in_future", message: "is in the future" });
  return errors;
}

/** The county of a home address, given as a code: `RegionCode` in a schema, checked here against the regions. */
export const HomeCounty = RegionCode;

/** A home county must be a county-level region that exists (the foreign key would answer 500). */
export async function homeCountyProblems(db: Db, code: string, path: string): Promise<FieldError[]> {
  const [region] = await db.select({ leaf: regions.leaf, level: regions.level }).from(regions).where(eq(regions.code, code));
  if (!region) return [{ path, code: "format", params: { format: "region_code" }, message: "is not a GB/T 2260 region code" }];
  return region.leaf
    ? []
    : [
        {
          path,
          code: "wrong_kind",
          params: { expected: "county_level_code", level: region.level },
          message: `must be a county-level code (this is a ${region.level})`,
        },
      ];
}
