import { regionContains } from "./regions.ts";
import type { Role } from "./registry.ts";

/** Who is asking: a signed-in user or an API token acting as that user. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** Root of the subtree a `health_official` oversees. */
  regionCode: string | null;
  /** The one institution of coordinators, clinicians and stationed doctors. */
  institutionId: string | null;
}

export type Entity =
  | "institution"
  | "assessment"
  | "alliance"
  | "practitioner"
  | "user"
  | "audit"
  | "api_token"
  | "agreement"
  | "dispatch"
  | "rule_pack"
  | "referral"
  | "reserved_pool"
  | "chronic_patient"
  | "outreach";
export type Action = "read" | "write";

/** Where a record lives: its county (or region) and the institutions it belongs to. */
export interface Target {
  regionCode: string | null;
  /** Further regions the record belongs to (an agreement: its supporters' counties too). */
  otherRegionCodes?: readonly string[];
  institutionIds: readonly string[];
}

/**
 * How far each role reaches, per entity and action:
 * `all` everything, `region` the official's subtree, `institution` the user's own institution,
 * `none` nothing. Institutions and alliances are the public registry (needed to pick a referral
 * target in another province), so every signed-in user reads them; personal and evaluative data
 * (practitioners, assessments, users, audit) is scoped.
 */
export type Reach = "all" | "region" | "institution" | "none";

const POLICY: Record<Entity, Record<Action, Record<Role, Reach>>> = {
  institution: {
    read: { national_admin: "all", health_official: "all", institution_coordinator: "all", clinician: "all", stationed_doctor: "all" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  assessment: {
    read: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "institution", stationed_doctor: "none" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  alliance: {
    read: { national_admin: "all", health_official: "all", institution_coordinator: "all", clinician: "all", stationed_doctor: "all" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  practitioner: {
    read: {
      national_admin: "all",
      health_official: "region",
      institution_coordinator: "institution",
      clinician: "institution",
      stationed_doctor: "institution",
    },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  user: {
    read: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  audit: {
    read: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  api_token: {
    read: { national_admin: "all", health_official: "none", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
    write: { national_admin: "all", health_official: "none", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // An agreement belongs to its recipient and its supporters: officials of either region, and
  // staff of either institution, see it; only the commission creates or changes it.
  agreement: {
    read: {
      national_admin: "all",
      health_official: "region",
      institution_coordinator: "institution",
      clinician: "institution",
      stationed_doctor: "institution",
    },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // Rosters are kept by the supporting hospital (targets list only the supporters as institutions).
  dispatch: {
    read: {
      national_admin: "all",
      health_official: "region",
      institution_coordinator: "institution",
      clinician: "institution",
      stationed_doctor: "institution",
    },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  // A referral is the patient's record at two institutions: only their staff see it (officials get
  // counts through the indicators, never patients); the national admin may read for support.
  referral: {
    read: { national_admin: "all", health_official: "none", institution_coordinator: "institution", clinician: "institution", stationed_doctor: "none" },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "institution", clinician: "institution", stationed_doctor: "none" },
  },
  // The chronic-care register is the grassroots institution's own patient list: its clinicians and
  // coordinator keep it; officials get control rates (counts), never the patients.
  chronic_patient: {
    read: { national_admin: "all", health_official: "none", institution_coordinator: "institution", clinician: "institution", stationed_doctor: "none" },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "institution", clinician: "institution", stationed_doctor: "none" },
  },
  // Outreach (telemedicine, touring, training, techniques) belongs to the institutions on both
  // sides and their regions; coordinators run it, the commission may record it.
  outreach: {
    read: {
      national_admin: "all",
      health_official: "region",
      institution_coordinator: "institution",
      clinician: "institution",
      stationed_doctor: "institution",
    },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  // Reserved slots and beds: everyone sees what is free; the receiving hospital publishes its own.
  reserved_pool: {
    read: { national_admin: "all", health_official: "all", institution_coordinator: "all", clinician: "all", stationed_doctor: "all" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  // Rule packs: built-ins are read by all; a province's copies are written by its officials.
  rule_pack: {
    read: { national_admin: "all", health_official: "all", institution_coordinator: "all", clinician: "all", stationed_doctor: "all" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
};

/** Every entity the policy knows, e.g. to tell the UI what a role may use. */
export const ENTITIES = Object.keys(POLICY) as Entity[];

/** Whether the role may act on the entity at all (used to hide whole routes and menus). */
export function mayEver(principal: Principal, action: Action, entity: Entity): boolean {
  return POLICY[entity][action][principal.role] !== "none";
}

/** Whether `principal` may perform `action` on one record of `entity` located at `target`. */
export function allows(principal: Principal, action: Action, entity: Entity, target: Target): boolean {
  const reach = POLICY[entity][action][principal.role];
  switch (reach) {
    case "all":
      return true;
    case "none":
      return false;
    case "region": {
      const scope = principal.regionCode;
      if (scope === null) return false;
      return [target.regionCode, ...(target.otherRegionCodes ?? [])].some((code) => code !== null && regionContains(scope, code));
    }
    case "institution":
      return principal.institutionId !== null && target.institutionIds.includes(principal.institutionId);
  }
}

/**
 * The list filter matching `allows` for reads: what a list query must restrict to.
 * `null` means unrestricted; `{ none: true }` means the role sees nothing.
 */
export type ReadScope = null | { none: true } | { regionCode: string } | { institutionId: string };

export function readScope(principal: Principal, entity: Entity): ReadScope {
  const reach = POLICY[entity].read[principal.role];
  switch (reach) {
    case "all":
      return null;
    case "none":
      return { none: true };
    case "region":
      return principal.regionCode ? { regionCode: principal.regionCode } : { none: true };
    case "institution":
      return principal.institutionId ? { institutionId: principal.institutionId } : { none: true };
  }
}

/**
 * Where an account acts: its role, the region its records live in (an official's root, or the
 * county of an institution role's institution) and its institution.
 */
export interface AccountScope {
  role: Role;
  regionCode: string | null;
  institutionId: string | null;
}

/** One thing an account would be allowed that its creator is not. */
export interface Excess {
  entity: Entity;
  action: Action;
  /** The target's reach at its scope, which the actor's own reach does not contain. */
  reach: Reach;
}

/** Whether the actor's reach at its scope contains the target's reach at the target's scope. */
function contains(actorReach: Reach, actor: AccountScope, targetReach: Reach, target: AccountScope): boolean {
  if (targetReach === "none" || actorReach === "all") return true;
  if (actorReach === "none" || targetReach === "all") return false;
  if (actorReach === "region") {
    // A region subtree holds an inner subtree and every institution located inside it.
    return actor.regionCode !== null && target.regionCode !== null && regionContains(actor.regionCode, target.regionCode);
  }
  return targetReach === "institution" && actor.institutionId !== null && actor.institutionId === target.institutionId;
}

/**
 * What an account of `target` would be allowed, per entity and action, beyond the actor's own
 * reach. Creating such an account, setting its password or re-activating it would hand the actor
 * that access (it could sign in as the account), so accounts are managed only when this is empty.
 *
 * The one exception is whoever manages accounts everywhere (`user` write `all`, the national
 * admin): it is the root every account comes from. Its own `none` on referral and register writes
 * keeps the commission's sessions out of clinical work; it is not a ceiling on the accounts it
 * makes, or no clinician account could ever exist.
 */
export function accountGrantExcess(actor: AccountScope, target: AccountScope): Excess[] {
  if (POLICY.user.write[actor.role] === "all") return [];
  const excess: Excess[] = [];
  for (const entity of ENTITIES) {
    for (const action of ["read", "write"] as const) {
      const reach = POLICY[entity][action][target.role];
      if (!contains(POLICY[entity][action][actor.role], actor, reach, target)) excess.push({ entity, action, reach });
    }
  }
  return excess;
}

/** Whether the actor may create, re-password or (de)activate an account acting at `target`. */
export function mayGrantAccount(actor: AccountScope, target: AccountScope): boolean {
  return accountGrantExcess(actor, target).length === 0;
}
