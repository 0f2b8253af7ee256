import { forbidden } from "./errors.ts";
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
  | "outreach"
  | "indicator"
  | "count"
  | "patient_identity"
  | "patient"
  | "patient_path"
  | "institution_standing"
  | "webhook"
  | "plan";
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
export const REACHES = ["all", "region", "institution", "none"] as const;
export type Reach = (typeof REACHES)[number];

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
  // Regional figures: indicator values, supporter rankings, region reports, and the statistics and
  // assessments the commission imports to compute them. The commissions' own instrument.
  indicator: {
    read: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // Counts (referral statistics, hypertension control rates): a region's for officials, one's own
  // institution's for its staff. Computed, never written.
  count: {
    read: {
      national_admin: "all",
      health_official: "region",
      institution_coordinator: "institution",
      clinician: "institution",
      stationed_doctor: "institution",
    },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // A patient's ID number in clear (referrals, the register): only the clinicians treating them, at
  // either institution of the record (referral.md, privacy). Everyone else reads the masked form.
  patient_identity: {
    read: { national_admin: "none", health_official: "none", institution_coordinator: "none", clinician: "institution", stationed_doctor: "none" },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // The patient index (患者主索引): a person's record lives at every institution that has treated
  // them. Its clinicians and coordinator find it; the coordinator merges duplicates (and undoes a
  // merge). Officials and the national admin get counts, never the person.
  patient: {
    read: { national_admin: "none", health_official: "none", institution_coordinator: "institution", clinician: "institution", stationed_doctor: "none" },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  // A patient's path across institutions (referrals, stays, register visits, consultations):
  // purpose-limited to the clinicians of institutions that have treated the patient; every read is
  // audited.
  patient_path: {
    read: { national_admin: "none", health_official: "none", institution_coordinator: "none", clinician: "institution", stationed_doctor: "none" },
    write: { national_admin: "none", health_official: "none", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // What the commission decides about an institution: its kind, grade, region and whether it is
  // active. Its coordinator keeps the rest of the record (`institution` write) but not these.
  institution_standing: {
    read: { national_admin: "all", health_official: "all", institution_coordinator: "all", clinician: "all", stationed_doctor: "all" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "none", clinician: "none", stationed_doctor: "none" },
  },
  // Where an institution's referral events are pushed: set by its coordinator (or the national
  // admin for support). Officials may not point a hospital's events elsewhere.
  webhook: {
    read: { national_admin: "all", health_official: "none", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
    write: { national_admin: "all", health_official: "none", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
  // Planner runs (issue 17): a roster plan belongs to its supporter (its coordinator, and officials
  // of the supporter's county's region); a pairing plan to its region (officials over it, the
  // national admin for the nation). Applying a roster plan writes the supporter's dispatches.
  plan: {
    read: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
    write: { national_admin: "all", health_official: "region", institution_coordinator: "institution", clinician: "none", stationed_doctor: "none" },
  },
};

/** Every entity the policy knows, e.g. to tell the UI what a role may use. */
export const ENTITIES = Object.keys(POLICY) as Entity[];

/** Whether the role may act on the entity at all (used to hide whole routes and menus). */
export function mayEver(principal: Principal, action: Action, entity: Entity): boolean {
  return POLICY[entity][action][principal.role] !== "none";
}

/** How far the role reaches on the entity for the action (what /me tells the UI). */
export function reachOf(role: Role, action: Action, entity: Entity): Reach {
  return POLICY[entity][action][role];
}

/** Where a caller stands: the region it oversees and the institution it belongs to. */
export type Standing = Pick<Principal, "regionCode" | "institutionId">;

/**
 * Whether a reach held by someone standing at `standing` covers a record at `target`. The one
 * decision behind `allows` on the server and the UI's choices from /me's permissions.
 */
export function reachCovers(reach: Reach, standing: Standing, target: Target): boolean {
  switch (reach) {
    case "all":
      return true;
    case "none":
      return false;
    case "region": {
      const scope = standing.regionCode;
      if (scope === null) return false;
      return [target.regionCode, ...(target.otherRegionCodes ?? [])].some((code) => code !== null && regionContains(scope, code));
    }
    case "institution":
      return standing.institutionId !== null && target.institutionIds.includes(standing.institutionId);
  }
}

/** Whether `principal` may perform `action` on one record of `entity` located at `target`. */
export function allows(principal: Principal, action: Action, entity: Entity, target: Target): boolean {
  return reachCovers(POLICY[entity][action][principal.role], principal, target);
}

/** Every entity's reach for a role, per action: what the UI may offer (served by /me). */
export function permissionsOf(role: Role): Record<Entity, Record<Action, Reach>> {
  return Object.fromEntries(ENTITIES.map((e) => [e, { read: POLICY[e].read[role], write: POLICY[e].write[role] }])) as Record<Entity, Record<Action, Reach>>;
}

/**
 * The figures a caller may ask for (`indicator`: regional figures; `count`: counts that an
 * institution also sees of itself), given the region it asks about:
 * - `all`: the region asked, or the whole country;
 * - `region`: the region asked, which must lie in the official's own (their own by default);
 * - `institution`: the caller's own institution, whatever was asked.
 */
export type FigureScope = { regionCode: string | undefined } | { institutionId: string };

export function figureScope(principal: Principal, entity: "indicator" | "count", requested: string | undefined): FigureScope {
  switch (POLICY[entity].read[principal.role]) {
    case "all":
      return { regionCode: requested };
    case "region": {
      const mine = principal.regionCode;
      if (mine === null) throw forbidden("no_scope", "No region to count for");
      if (requested && !regionContains(mine, requested)) throw forbidden("figures_outside_region", "Figures outside your region are not yours to see");
      return { regionCode: requested ?? mine };
    }
    case "institution":
      if (!principal.institutionId) throw forbidden("no_scope", "No institution to count for");
      return { institutionId: principal.institutionId };
    case "none":
      throw forbidden("figures_for_commissions", "These figures are for health commissions");
  }
}

/**
 * Records with an institution on each side, and which roles speak for their institution's side:
 * on a referral its clinicians and coordinator (the sender submits, the receiver accepts…); on a
 * telemedicine session only the coordinators (they commit the institution's time); on attendance
 * only the recipient's coordinator vouches for presence; on a stay's rating the recipient's
 * coordinator judges and the supporters' coordinators read the aggregate.
 */
export const TWO_SIDED_RECORDS = ["referral", "telemedicine_session", "attendance", "stay_rating"] as const;
export type TwoSidedRecord = (typeof TWO_SIDED_RECORDS)[number];

const SIDE_ACTORS: Record<TwoSidedRecord, Record<Role, boolean>> = {
  referral: { national_admin: false, health_official: false, institution_coordinator: true, clinician: true, stationed_doctor: false },
  telemedicine_session: { national_admin: false, health_official: false, institution_coordinator: true, clinician: false, stationed_doctor: false },
  attendance: { national_admin: false, health_official: false, institution_coordinator: true, clinician: false, stationed_doctor: false },
  stay_rating: { national_admin: false, health_official: false, institution_coordinator: true, clinician: false, stationed_doctor: false },
};

/** The institution the principal acts for on records of this kind, if its role speaks for one. */
export function actingInstitution(principal: Principal, record: TwoSidedRecord): string | null {
  return SIDE_ACTORS[record][principal.role] ? principal.institutionId : null;
}

/** For each kind of two-sided record, whether the role acts for its own institution's side (served by /me). */
export function sidesOf(role: Role): Record<TwoSidedRecord, boolean> {
  return Object.fromEntries(TWO_SIDED_RECORDS.map((r) => [r, SIDE_ACTORS[r][role]])) as Record<TwoSidedRecord, boolean>;
}

/** Which side of a record the principal's institution is on (null: neither), whatever its role. */
export function sideOf<S extends string>(principal: Standing, sides: Readonly<Record<S, string>>): S | null {
  for (const side of Object.keys(sides) as S[]) if (principal.institutionId !== null && sides[side] === principal.institutionId) return side;
  return null;
}

/** The side the principal acts for on this record: its institution's side, if its role speaks for it. */
export function actingSide<S extends string>(principal: Principal, record: TwoSidedRecord, sides: Readonly<Record<S, string>>): S | null {
  return SIDE_ACTORS[record][principal.role] ? sideOf(principal, sides) : null;
}

/**
 * What an account is anchored to, by role: the national admin to nothing, an official to the region
 * it oversees, the others to one institution (an account carries exactly that scope).
 */
export const ROLE_ANCHOR: Record<Role, "nation" | "region" | "institution"> = {
  national_admin: "nation",
  health_official: "region",
  institution_coordinator: "institution",
  clinician: "institution",
  stationed_doctor: "institution",
};

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
