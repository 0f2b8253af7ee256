import { appointmentResource } from "./appointment.ts";
import { codeSystemResource } from "./code-systems.ts";
import { documentReferenceResource } from "./document-reference.ts";
import { encounterResource } from "./encounter.ts";
import { conditionResource, observationResource } from "./hypertension.ts";
import { locationResource } from "./location.ts";
import { organizationResource } from "./organization.ts";
import { organizationAffiliationResource } from "./organization-affiliation.ts";
import { patientResource } from "./patient.ts";
import { practitionerResource } from "./practitioner.ts";
import { practitionerRoleResource } from "./practitioner-role.ts";
import type { ResourceDef } from "./resource-def.ts";
import { scheduleResource, slotResource } from "./schedule.ts";
import { serviceRequestResource } from "./service-request.ts";
import { subscriptionResource } from "./subscription.ts";
import { taskResource } from "./task.ts";

/**
 * Every resource type the FHIR door serves, in the order the CapabilityStatement lists them. A type
 * joins by its definition here: routes and statement follow.
 */
export const FHIR_RESOURCES: readonly ResourceDef[] = [
  organizationResource,
  organizationAffiliationResource,
  practitionerResource,
  practitionerRoleResource,
  locationResource,
  patientResource,
  serviceRequestResource,
  taskResource,
  scheduleResource,
  slotResource,
  appointmentResource,
  encounterResource,
  documentReferenceResource,
  observationResource,
  conditionResource,
  subscriptionResource,
  codeSystemResource,
];
