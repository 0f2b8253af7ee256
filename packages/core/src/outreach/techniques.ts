import { addMonths, type Day, formatDay } from "../dates.ts";

export type TechniqueStatus = "supported" | "sustained" | "died" | "not_yet_known";

/**
 * Whether a technique outlived its supporters (issue: outreach): *sustained* if cases are still
 * performed in the month six months after the last supporting staff member of its specialty left.
 * `supported` while someone is still there (or left less than six months ago), `died` when that
 * month and those after were reported without a case, `not_yet_known` when nothing is reported yet.
 */
export function techniqueStatus(input: {
  /** The end of the last stay of a supporter of this specialty at the recipient; null while one is there. */
  lastSupportLeft: Day | null;
  /** Cases per month, `YYYY-MM` → count, as reported by the recipient. */
  monthlyCases: Readonly<Record<string, number>>;
  asOf: Day;
}): { status: TechniqueStatus; checkMonth: string | null } {
  if (input.lastSupportLeft === null) return { status: "supported", checkMonth: null };
  const check = addMonths(input.lastSupportLeft, 6);
  const checkMonth = formatDay(check).slice(0, 7);
  if (check > input.asOf) return { status: "supported", checkMonth };
  // The month six months on, or any later one reported: a case then means it lives.
  const later = Object.entries(input.monthlyCases).filter(([month]) => month >= checkMonth);
  if (later.some(([, n]) => n > 0)) return { status: "sustained", checkMonth };
  // Zero cases reported from that month on: it died. Nothing reported yet: we cannot tell.
  return { status: later.length > 0 ? "died" : "not_yet_known", checkMonth };
}
