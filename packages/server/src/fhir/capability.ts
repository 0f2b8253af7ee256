import type { CapabilityStatement, CapabilityStatementRestResource } from "@medplum/fhirtypes";
import { interactionsOf, type ResourceDef } from "./resource-def.ts";
import { COMMON_PARAMS, DEFAULT_COUNT, MAX_COUNT } from "./search.ts";

/** The software's version in the statement (the REST API's). */
const VERSION = "1.0.0";

/**
 * The CapabilityStatement (http://hl7.org/fhir/R4/capabilitystatement.html), made from the same
 * definitions as the routes: a type, interaction or search parameter is listed if and only if it
 * is served.
 */
export function capabilityStatement(defs: readonly ResourceDef[], base: string, now: Date): CapabilityStatement {
  const resource = defs.map((def): CapabilityStatementRestResource => {
    const interactions = interactionsOf(def);
    return {
      type: def.type,
      documentation: def.documentation,
      ...(def.supportedProfile && { supportedProfile: def.supportedProfile }),
      interaction: interactions.map((code) => ({ code })),
      versioning: "versioned",
      readHistory: false,
      updateCreate: false,
      conditionalCreate: false,
      conditionalUpdate: false,
      conditionalDelete: "not-supported",
      ...(def.update && { conditionalRead: "not-supported" }),
      ...(def.search && {
        searchParam: [...COMMON_PARAMS, ...def.search.params].map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })),
      }),
    };
  });
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: now.toISOString(),
    publisher: "MedBridge 医联桥",
    kind: "instance",
    software: { name: "MedBridge", version: VERSION },
    implementation: { description: "MedBridge FHIR R4 interface for hospital systems", url: base },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "json"],
    rest: [
      {
        mode: "server",
        documentation:
          `Search results are paged with _count (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}) and the next link; ` +
          "unknown search parameters are refused (strict handling). Bundle.total is given when the page is not full, or when _total asks " +
          "(accurate: counted; estimate: counted up to 1,000). Search also takes POST <type>/_search with a form body. " +
          "Updates send If-Match with the ETag last read. " +
          "Identifiers of the resident ID card (urn:oid:2.16.156.10011.1.3) are masked exactly as the REST API masks them for the caller.",
        security: {
          cors: false,
          description:
            "Authorization: Bearer <MedBridge API token> (an account's token acts with that account's role and institution), or the web session. " +
            "Reads outside the caller's scope answer 404; every read of patient data is audited.",
        },
        resource,
        interaction: [{ code: "transaction", documentation: "Patient + ServiceRequest + Task [+ Appointment] in one request, all or nothing" }],
      },
    ],
  };
}
