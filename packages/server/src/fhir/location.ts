import { FHIR_ID_NAMESPACE, uuidV5 } from "./ids.ts";

/** What a Location stands for: an outpatient department that reserves slots, or a ward that reserves beds. */
export type LocationKind = "department" | "ward";

/**
 * The id of the Location of an institution's department (slots) or ward (beds): a UUID v5 of
 * `Location|<institution id>|<kind>|<name>` in MedBridge's FHIR namespace. No table holds
 * departments or wards — the slot and bed rows name them — so the id is derived, the same on every
 * server and for every caller, and a Schedule can name its Location without a lookup.
 */
export function locationIdOf(institutionId: string, kind: LocationKind, name: string): string {
  return uuidV5(FHIR_ID_NAMESPACE, `Location|${institutionId.toLowerCase()}|${kind}|${name}`);
}
