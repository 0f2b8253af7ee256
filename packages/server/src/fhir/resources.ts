import { codeSystemResource } from "./code-systems.ts";
import { conditionResource, observationResource } from "./hypertension.ts";
import { organizationResource } from "./organization.ts";
import type { ResourceDef } from "./resource-def.ts";

/**
 * Every resource type the FHIR door serves, in the order the CapabilityStatement lists them. A type
 * joins by its definition here: routes and statement follow.
 */
export const FHIR_RESOURCES: readonly ResourceDef[] = [organizationResource, observationResource, conditionResource, codeSystemResource];
