/** Registry vocabularies: the identifiers are part of the API, the labels are for people. */

export const INSTITUTION_KINDS = [
  "national_medical_center",
  "regional_medical_center",
  "tertiary_hospital",
  "secondary_hospital",
  "county_hospital",
  "county_tcm_hospital",
  "township_health_center",
  "community_health_center",
  "village_clinic",
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** Level of care: a referral up must go to a higher level, down to a lower one. */
export const CARE_LEVEL: Record<InstitutionKind, number> = {
  village_clinic: 0,
  township_health_center: 1,
  community_health_center: 1,
  county_hospital: 2,
  county_tcm_hospital: 2,
  secondary_hospital: 2,
  tertiary_hospital: 3,
  regional_medical_center: 3,
  national_medical_center: 4,
};

/** Kinds that sit at county level or below (count for grassroots service, capability assessment). */
export const COUNTY_OR_LOWER_KINDS: readonly InstitutionKind[] = [
  "county_hospital",
  "county_tcm_hospital",
  "township_health_center",
  "community_health_center",
  "village_clinic",
];

/** 医院等级: the grade printed on a hospital's plaque. */
/** Who the pairing planner pairs: county-level hospitals receive (they list needs)… */
export const PAIRING_RECIPIENT_KINDS: readonly InstitutionKind[] = ["county_hospital", "county_tcm_hospital"];
/** …and tertiary hospitals and medical centres support (they state a capacity). */
export const PAIRING_SUPPORTER_KINDS: readonly InstitutionKind[] = ["national_medical_center", "regional_medical_center", "tertiary_hospital"];

export const GRADES = ["三级甲等", "三级乙等", "三级", "二级甲等", "二级乙等", "二级", "一级甲等", "一级", "未定级"] as const;
export type Grade = (typeof GRADES)[number];

export const ASSESSMENT_LEVELS = ["none", "basic", "recommended"] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

export const ALLIANCE_KINDS = ["medical_alliance", "county_medical_community", "city_medical_group", "specialty_alliance", "telemedicine_network"] as const;
export type AllianceKind = (typeof ALLIANCE_KINDS)[number];

export const PROFESSIONS = ["physician", "nurse", "technician", "pharmacist", "manager"] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const TITLES = ["resident", "attending", "associate_chief", "chief"] as const;
export type Title = (typeof TITLES)[number];

export const PRACTICE_SITE_KINDS = ["main", "filed"] as const;
export type PracticeSiteKind = (typeof PRACTICE_SITE_KINDS)[number];

export const ROLES = ["national_admin", "health_official", "institution_coordinator", "clinician", "stationed_doctor"] as const;
export type Role = (typeof ROLES)[number];
