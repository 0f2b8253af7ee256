/**
 * GB/T 2260 administrative codes, always 6 digits: province `520000`, city (prefecture) `520100`,
 * county (district) `520102`. A code's level follows from its trailing zeros; the test suite checks
 * this against every code of the region package.
 */
export type RegionLevel = "province" | "city" | "county";

export const REGION_CODE_PATTERN = /^[1-9]\d{5}$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE_PATTERN.test(code);
}

/** Level of a 6-digit GB/T 2260 code. */
export function regionLevel(code: string): RegionLevel {
  if (code.endsWith("0000")) return "province";
  if (code.endsWith("00")) return "city";
  return "county";
}

/** The significant prefix of a code: the digits every region under it shares. */
export function regionPrefix(code: string): string {
  const level = regionLevel(code);
  return level === "province" ? code.slice(0, 2) : level === "city" ? code.slice(0, 4) : code;
}

/** Province code (`520000`) of any region code. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** Whether `code` lies in the subtree rooted at `scope` (a region contains itself). */
export function regionContains(scope: string, code: string): boolean {
  return code.startsWith(regionPrefix(scope));
}
