import { parseDay } from "../dates.ts";
import type { FieldError } from "../errors.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** The GB 11643 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * (WEIGHTS[i] as number), 0);
  return CHECK[sum % 11] as string;
}

/**
 * Why an 18-character resident ID number (GB 11643) is not valid, or null when it is: 17 digits,
 * a real birth date, and the check character.
 */
export function idNumberProblem(id: string): string | null {
  return idNumberError(id, "idNumber")?.message ?? null;
}

/** The same as a field error at `path` (code and params for the user's language), or null. */
export function idNumberError(id: string, path: string): FieldError | null {
  if (!/^\d{17}[\dX]$/.test(id)) return { path, code: "id_number_format", message: "must be 17 digits and a digit or X" };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (parseDay(birth) === null) return { path, code: "id_number_birth_date", params: { date: birth }, message: `contains an impossible birth date ${birth}` };
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return { path, code: "id_number_check_digit", message: "has a wrong check digit" };
  return null;
}

/** How many characters of an ID number the masked form keeps (its tail). */
export const MASK_KEEPS = 2;

/**
 * Shown to everyone but the two institutions' clinicians, and the only form stored in clear:
 * `****************3X`. The birth date and sex are stored in clear for clinical work, so the mask
 * may show neither the region (first six) nor the sequence number: with the last two characters
 * the remaining candidates are every county code × 100 sequence prefixes ÷ 11 for the check
 * character — about 27,000 (core/test/id-number-candidates.test.ts counts them). The classic
 * `1101**********1234` left two.
 */
export function maskIdNumber(id: string): string {
  return `${"*".repeat(Math.max(0, id.length - MASK_KEEPS))}${id.slice(-MASK_KEEPS)}`;
}
