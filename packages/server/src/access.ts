import {
  type Action,
  allows,
  type Entity,
  forbidden,
  mayEver,
  notFound,
  type Principal,
  RECORD_NAMES,
  type ReadScope,
  type RecordKind,
  regionPrefix,
  type Target,
} from "@medbridge/core";
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "./db/connection.ts";
import {
  agreementSupporters,
  agreements,
  alliances,
  chronicPatients,
  institutions,
  practitioners,
  referrals,
  telemedicineSessions,
  users,
} from "./db/schema.ts";
import { patientTargets } from "./patient-index.ts";

/** The record a refused read pretends is missing (a `not_found` names it). */
const ENTITY_RECORD: Record<Entity, RecordKind> = {
  institution: "institution",
  assessment: "assessment",
  alliance: "alliance",
  practitioner: "practitioner",
  user: "user",
  audit: "audit",
  api_token: "api_token",
  agreement: "agreement",
  dispatch: "dispatch",
  rule_pack: "rule_pack",
  referral: "referral",
  chronic_patient: "patient",
  outreach: "session",
  reserved_pool: "reserved_pool",
  indicator: "indicator",
  count: "indicator",
  patient_identity: "patient",
  patient: "patient",
  patient_path: "patient",
  institution_standing: "institution",
  webhook: "webhook",
  plan: "plan",
};

/**
 * The one access check. Reads out of scope look like 404 (the record's existence is not revealed),
 * writes out of scope answer 403. Every handler calls this (or `requireAccessTo`) first.
 */
export function requireAccess(principal: Principal, action: Action, entity: Entity, targets: readonly Target[], refusal?: string): void {
  for (const target of targets) {
    if (!allows(principal, action, entity, target)) {
      const record = ENTITY_RECORD[entity];
      throw action === "read"
        ? notFound(record)
        : forbidden("scope", refusal ?? `You may not change this ${RECORD_NAMES[record].toLowerCase()}`, { entity: record });
    }
  }
}

/** Refuses (403, with `refusal` as the reason) a role that may never perform `action` on `entity`. */
export function requireEver(principal: Principal, action: Action, entity: Entity, refusal: string): void {
  if (!mayEver(principal, action, entity)) throw forbidden("role", refusal, { action, entity: ENTITY_RECORD[entity] });
}

/** Loads where each record lives (one query for all ids) and checks access to all of them. */
export async function requireAccessTo(db: Db, principal: Principal, action: Action, entity: Entity, ids: readonly string[], refusal?: string): Promise<void> {
  const unique = [...new Set(ids)];
  const targets = await loadTargets(db, entity, unique);
  for (const id of unique) {
    const target = targets.get(id);
    if (!target) {
      // A write to a missing record is also "not found": there is nothing to forbid.
      throw notFound(ENTITY_RECORD[entity]);
    }
  }
  requireAccess(principal, action, entity, [...targets.values()], refusal);
}

async function loadTargets(db: Db, entity: Entity, ids: string[]): Promise<Map<string, Target>> {
  const map = new Map<string, Target>();
  if (ids.length === 0) return map;
  switch (entity) {
    case "institution":
    case "institution_standing":
    case "assessment": {
      const rows = await db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(inArray(institutions.id, ids));
      for (const r of rows) map.set(r.id, { regionCode: r.regionCode, institutionIds: [r.id] });
      return map;
    }
    case "alliance": {
      const rows = await db
        .select({ id: alliances.id, regionCode: alliances.regionCode, lead: alliances.leadInstitutionId })
        .from(alliances)
        .where(inArray(alliances.id, ids));
      for (const r of rows) map.set(r.id, { regionCode: r.regionCode, institutionIds: [r.lead] });
      return map;
    }
    case "practitioner": {
      const rows = await db
        .select({ id: practitioners.id, regionCode: practitioners.regionCode, institutionId: practitioners.institutionId })
        .from(practitioners)
        .where(inArray(practitioners.id, ids));
      for (const r of rows) map.set(r.id, { regionCode: r.regionCode, institutionIds: [r.institutionId] });
      return map;
    }
    case "user": {
      const rows = await db
        .select({ id: users.id, regionCode: users.scopeRegionCode, institutionId: users.institutionId })
        .from(users)
        .where(inArray(users.id, ids));
      for (const r of rows) map.set(r.id, { regionCode: r.regionCode, institutionIds: r.institutionId ? [r.institutionId] : [] });
      return map;
    }
    case "agreement":
    case "dispatch":
      return agreementTargets(db, ids, entity);
    case "referral":
      return referralTargets(db, ids);
    case "outreach": {
      // Per-record checks of outreach are of telemedicine sessions: both sides and their regions.
      const rows = await db
        .select({
          id: telemedicineSessions.id,
          regionCode: telemedicineSessions.regionCode,
          supporterRegion: telemedicineSessions.supporterRegionCode,
          recipientId: telemedicineSessions.recipientId,
          supporterId: telemedicineSessions.supporterId,
        })
        .from(telemedicineSessions)
        .where(inArray(telemedicineSessions.id, ids));
      for (const r of rows) map.set(r.id, { regionCode: r.regionCode, otherRegionCodes: [r.supporterRegion], institutionIds: [r.recipientId, r.supporterId] });
      return map;
    }
    case "patient":
    case "patient_path":
      return patientTargets(db, ids);
    case "chronic_patient": {
      const rows = await db
        .select({ id: chronicPatients.id, regionCode: chronicPatients.regionCode, institutionId: chronicPatients.institutionId })
        .from(chronicPatients)
        .where(inArray(chronicPatients.id, ids));
      for (const r of rows) map.set(r.id, { regionCode: r.regionCode, institutionIds: [r.institutionId] });
      return map;
    }
    case "audit":
    case "api_token":
    case "rule_pack":
    case "reserved_pool":
    case "indicator":
    case "count":
    case "patient_identity":
    case "webhook":
    // A plan run's target is its supporter or region, checked by the plan routes (plan-routes.ts).
    case "plan":
      throw new Error(`No per-record targets for ${entity}`);
  }
}

/**
 * An agreement lives in its recipient's county and its supporters' counties. For reads every
 * party's institution counts; for rosters (dispatch) only the supporters keep them.
 */
async function agreementTargets(db: Db, ids: string[], entity: "agreement" | "dispatch"): Promise<Map<string, Target>> {
  const rows = await db
    .select({
      id: agreements.id,
      regionCode: agreements.regionCode,
      recipientId: agreements.recipientId,
      supporterId: agreementSupporters.institutionId,
      supporterRegion: institutions.regionCode,
    })
    .from(agreements)
    .leftJoin(agreementSupporters, eq(agreementSupporters.agreementId, agreements.id))
    .leftJoin(institutions, eq(institutions.id, agreementSupporters.institutionId))
    .where(inArray(agreements.id, ids));
  const map = new Map<string, Target>();
  for (const r of rows) {
    const target = map.get(r.id) ?? { regionCode: r.regionCode, otherRegionCodes: [], institutionIds: entity === "agreement" ? [r.recipientId] : [] };
    if (r.supporterId) {
      (target.institutionIds as string[]).push(r.supporterId);
      (target.otherRegionCodes as string[]).push(r.supporterRegion as string);
    }
    map.set(r.id, target);
  }
  return map;
}

/** A referral belongs to its sending and its receiving institution. */
async function referralTargets(db: Db, ids: string[]): Promise<Map<string, Target>> {
  const rows = await db
    .select({ id: referrals.id, regionCode: referrals.regionCode, from: referrals.fromInstitutionId, to: referrals.toInstitutionId })
    .from(referrals)
    .where(inArray(referrals.id, ids));
  return new Map(rows.map((r) => [r.id, { regionCode: r.regionCode, institutionIds: [r.from, r.to] }]));
}

/**
 * SQL condition restricting a list to what the principal may read, matching `allows`.
 * Region subtrees are code prefixes, so the condition is a LIKE on an indexed code column.
 */
export function scopeCondition(scope: ReadScope, columns: { region: PgColumn; institution?: PgColumn }): SQL | undefined {
  if (scope === null) return undefined;
  if ("none" in scope) return sql`false`;
  if ("regionCode" in scope) return inRegion(columns.region, scope.regionCode);
  if (!columns.institution) return sql`false`;
  return sql`${columns.institution} = ${scope.institutionId}`;
}

/**
 * Condition "column lies in the subtree of `code`". Codes are fixed-width digits, so a subtree is a
 * contiguous range (520000–529999 for a province) that a plain btree index answers.
 */
export function inRegion(column: PgColumn | SQL, code: string): SQL {
  const prefix = regionPrefix(code);
  if (prefix.length === 6) return sql`${column} = ${code}`;
  return sql`${column} between ${prefix.padEnd(6, "0")} and ${prefix.padEnd(6, "9")}`;
}
