import { parseDay } from "../dates.ts";

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
  if (!/^\d{17}[\dX]$/.test(id)) return "must be 17 digits and a digit or X";
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (parseDay(birth) === null) return `contains an impossible birth date ${birth}`;
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return "has a wrong check digit";
  return null;
}

/** Shown to everyone but the two institutions' clinicians: `1101**********1234`. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${"*".repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}
