/** Paired-assistance vocabularies (identifiers are part of the interface). */
export const DISPATCH_ROLES = ["management", "clinical", "discipline_leader", "nursing", "technician"] as const;
export type DispatchRole = (typeof DISPATCH_ROLES)[number];

export const ACTIVITIES = ["clinic", "ward_round", "surgery", "teaching", "training", "consultation", "management"] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Activities that show real clinical or teaching work on site (management alone does not). */
export const CLINICAL_OR_TEACHING: readonly Activity[] = ["clinic", "ward_round", "surgery", "teaching", "training", "consultation"];

export const AGREEMENT_MODES = ["one_to_one", "group", "trusteeship", "department_contract"] as const;
export type AgreementMode = (typeof AGREEMENT_MODES)[number];

export const AGREEMENT_STATUSES = ["draft", "active", "suspended", "ended"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const DISPATCH_STATUSES = ["planned", "active", "completed", "cancelled"] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** Roles that practise medicine (the `fixed_physician` rule counts these). */
export const PHYSICIAN_ROLES: readonly DispatchRole[] = ["clinical", "discipline_leader"];
