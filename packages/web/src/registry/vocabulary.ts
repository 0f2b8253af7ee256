// The registry's vocabularies come from core, the same lists the server validates against.
export { ALLIANCE_KINDS, GRADES, INSTITUTION_KINDS, PROFESSIONS, ROLES, TITLES } from "@medbridge/core";
