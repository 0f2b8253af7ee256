import { ALLIANCE_KINDS, readScope } from "@medbridge/core";
import type { Organization, OrganizationAffiliation, Reference } from "@medplum/fhirtypes";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { requireAccessTo, scopeCondition } from "../access.ts";
import { agreementScope } from "../assistance/agreements.ts";
import { chinaDate } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, allianceMembers, alliances, institutions } from "../db/schema.ts";
import { CANONICAL_BASE, coding, systemUrl } from "./code-systems.ts";
import { pairId, pairIdPattern, parsePairId } from "./ids.ts";
import { FhirError, issue } from "./outcome.ts";
import { type Branch, pairIdCondition, periodCondition, referenceCondition, searchBranches } from "./registry-search.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, booleanToken, dateCondition, missingCondition, type SearchRequest, token } from "./search.ts";

/**
 * OrganizationAffiliation ← two MedBridge records that link institutions:
 * - alliance membership (医联体成员): organization = the alliance's lead institution,
 *   participatingOrganization = the member, network = the alliance (a logical reference: alliances
 *   are not Organizations here), code = alliance-member and the alliance's kind, period = joined–left;
 * - pairing agreements (对口帮扶): organization = a supporting institution, participatingOrganization =
 *   the recipient, code = paired-assistance, period = the agreement's start–end, identifier = the
 *   agreement's code. An agreement with several supporters (group support) is one resource per supporter.
 *
 * Ids are pair ids (ids.ts): `am.<alliance>.<member>` and `pa.<agreement>.<supporter>`, each uuid in
 * base 36 — reversible, so a read is one lookup, and the two kinds can never collide.
 */

/** The alliance a membership is in, as a logical reference's identifier system. */
export const ALLIANCE_SYSTEM = `${CANONICAL_BASE}/sid/alliance`;
/** An agreement's code (协议编号, e.g. ZJ-GZ-2024-001). */
export const AGREEMENT_CODE_SYSTEM = `${CANONICAL_BASE}/sid/agreement-code`;

const MEMBERSHIP = "am";
const PAIRING = "pa";

type Names = Map<string, string>;
const org = (id: string, names: Names): Reference<Organization> => ({ reference: `Organization/${id}`, ...(names.has(id) && { display: names.get(id) }) });
const meta = (updatedAt: Date) => {
  const at = new Date(updatedAt);
  return { versionId: String(at.getTime()), lastUpdated: at.toISOString() };
};

const membershipColumns = {
  allianceId: allianceMembers.allianceId,
  institutionId: allianceMembers.institutionId,
  joinedOn: allianceMembers.joinedOn,
  leftOn: allianceMembers.leftOn,
  leadId: alliances.leadInstitutionId,
  allianceName: alliances.name,
  kind: alliances.kind,
  allianceActive: alliances.active,
  // Member changes touch the alliance's updated_at (registry/alliances.ts), so it versions them too.
  updatedAt: alliances.updatedAt,
};
type MembershipRow = {
  allianceId: string;
  institutionId: string;
  joinedOn: string;
  leftOn: string | null;
  leadId: string;
  allianceName: string;
  kind: string;
  allianceActive: boolean;
  updatedAt: Date;
};

const pairingColumns = {
  agreementId: agreements.id,
  supporterId: agreementSupporters.institutionId,
  recipientId: agreements.recipientId,
  code: agreements.code,
  startsOn: agreements.startsOn,
  endsOn: agreements.endsOn,
  status: agreements.status,
  specialties: agreements.specialties,
  updatedAt: agreements.updatedAt,
};
type PairingRow = {
  agreementId: string;
  supporterId: string;
  recipientId: string;
  code: string;
  startsOn: string;
  endsOn: string;
  status: string;
  specialties: string[];
  updatedAt: Date;
};

/** A membership is active while its alliance is and the member has not left (as the REST member count reads it). */
const membershipActive = (row: MembershipRow, today: string) => row.allianceActive && (row.leftOn === null || row.leftOn >= today);

function fromMembership(row: MembershipRow, names: Names, today: string): OrganizationAffiliation {
  return {
    resourceType: "OrganizationAffiliation",
    id: pairId(MEMBERSHIP, row.allianceId, row.institutionId),
    meta: meta(row.updatedAt),
    active: membershipActive(row, today),
    period: { start: row.joinedOn, ...(row.leftOn && { end: row.leftOn }) },
    organization: org(row.leadId, names),
    participatingOrganization: org(row.institutionId, names),
    network: [{ identifier: { system: ALLIANCE_SYSTEM, value: row.allianceId }, display: row.allianceName }],
    code: [{ coding: [coding("affiliation-role", "alliance-member")] }, { coding: [coding("alliance-kind", row.kind)] }],
  };
}

function fromPairing(row: PairingRow, names: Names): OrganizationAffiliation {
  return {
    resourceType: "OrganizationAffiliation",
    id: pairId(PAIRING, row.agreementId, row.supporterId),
    meta: meta(row.updatedAt),
    identifier: [{ use: "official", system: AGREEMENT_CODE_SYSTEM, value: row.code }],
    active: row.status === "active",
    period: { start: row.startsOn, end: row.endsOn },
    organization: org(row.supporterId, names),
    participatingOrganization: org(row.recipientId, names),
    code: [{ coding: [coding("affiliation-role", "paired-assistance")] }],
    ...(row.specialties.length > 0 && { specialty: row.specialties.map((text) => ({ text })) }),
  };
}

async function namesOf(db: Db, ids: readonly string[]): Promise<Names> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What a search parameter asks of one kind of row. */
interface Side {
  prefix: string;
  first: PgColumn;
  second: PgColumn;
  primary: PgColumn;
  participating: PgColumn;
  start: PgColumn;
  end: PgColumn;
  updated: PgColumn;
  active: SQL;
  /** Whether the row has the role `system|code` (code undefined: any code of that system). */
  role: (system: string | null | undefined, code: string | undefined) => SQL;
  /** The identifier element: present, and matching `system|value`. */
  identifier: { present: SQL; matches: (system: string | null | undefined, value: string | undefined) => SQL };
}

function conditions(search: SearchRequest, side: Side): SQL[] {
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (modifier === "missing") {
        where.push(missingCondition(name, values, name === "identifier" ? side.identifier.present : sql`true`));
        continue;
      }
      const negate = (condition: SQL) => (modifier === "not" ? sql`not ${condition}` : condition);
      switch (name) {
        case "_id":
          where.push(pairIdCondition(values, side.prefix, side.first, side.second));
          break;
        case "_lastUpdated":
          where.push(dateCondition(name, side.updated, values));
          break;
        case "primary-organization":
          where.push(referenceCondition(values, "Organization", side.primary));
          break;
        case "participating-organization":
          where.push(referenceCondition(values, "Organization", side.participating));
          break;
        case "role":
          where.push(negate(anyOf(values.map((v) => side.role(token(v).system, token(v).code)))));
          break;
        case "active":
          where.push(negate(anyOf(values.map((v) => (booleanToken(name, v) ? side.active : sql`not ${side.active}`)))));
          break;
        case "date":
          where.push(periodCondition(name, side.start, side.end, values));
          break;
        case "identifier":
          where.push(negate(anyOf(values.map((v) => side.identifier.matches(token(v).system, token(v).code)))));
          break;
      }
    }
  }
  return where;
}

const ROLE_SYSTEM = () => systemUrl("affiliation-role");
const KIND_SYSTEM = () => systemUrl("alliance-kind");

function membershipSide(today: string): Side {
  return {
    prefix: MEMBERSHIP,
    first: allianceMembers.allianceId,
    second: allianceMembers.institutionId,
    primary: alliances.leadInstitutionId,
    participating: allianceMembers.institutionId,
    start: allianceMembers.joinedOn,
    end: allianceMembers.leftOn,
    updated: alliances.updatedAt,
    active: sql`(${alliances.active} and (${allianceMembers.leftOn} is null or ${allianceMembers.leftOn} >= ${today}))`,
    role: (system, code) => {
      const isKind = code !== undefined && (ALLIANCE_KINDS as readonly string[]).includes(code);
      if (system === undefined) return code === "alliance-member" ? sql`true` : isKind ? eq(alliances.kind, code as string) : sql`false`;
      if (system === ROLE_SYSTEM()) return code === undefined || code === "alliance-member" ? sql`true` : sql`false`;
      if (system === KIND_SYSTEM()) return code === undefined ? sql`true` : isKind ? eq(alliances.kind, code as string) : sql`false`;
      return sql`false`;
    },
    identifier: { present: sql`false`, matches: () => sql`false` },
  };
}

const pairingSide: Side = {
  prefix: PAIRING,
  first: agreements.id,
  second: agreementSupporters.institutionId,
  primary: agreementSupporters.institutionId,
  participating: agreements.recipientId,
  start: agreements.startsOn,
  end: agreements.endsOn,
  updated: agreements.updatedAt,
  active: sql`(${agreements.status} = 'active')`,
  role: (system, code) => ((system === undefined || system === ROLE_SYSTEM()) && (code === undefined || code === "paired-assistance") ? sql`true` : sql`false`),
  identifier: {
    present: sql`true`,
    matches: (system, value) =>
      system !== undefined && system !== AGREEMENT_CODE_SYSTEM ? sql`false` : value === undefined ? sql`true` : eq(agreements.code, value),
  },
};

const notFound = (id: string) => new FhirError(404, [issue("not-found", `OrganizationAffiliation/${id} not found`)]);

async function read(ctx: FhirContext, id: string): Promise<OrganizationAffiliation> {
  const pair = parsePairId(id);
  if (!pair) throw notFound(id);
  const today = chinaDate(ctx.now());
  if (pair.prefix === MEMBERSHIP) {
    // Alliances are the public registry; the check still runs, so the policy decides.
    await requireAccessTo(ctx.db, ctx.principal, "read", "alliance", [pair.first]);
    const [row] = await ctx.db
      .select(membershipColumns)
      .from(allianceMembers)
      .innerJoin(alliances, eq(alliances.id, allianceMembers.allianceId))
      .where(and(eq(allianceMembers.allianceId, pair.first), eq(allianceMembers.institutionId, pair.second)));
    if (!row) throw notFound(id);
    return fromMembership(row, await namesOf(ctx.db, [row.leadId, row.institutionId]), today);
  }
  if (pair.prefix === PAIRING) {
    // The agreement's own check: officials of either party's region, staff of either party.
    await requireAccessTo(ctx.db, ctx.principal, "read", "agreement", [pair.first]);
    const [row] = await ctx.db
      .select(pairingColumns)
      .from(agreementSupporters)
      .innerJoin(agreements, eq(agreements.id, agreementSupporters.agreementId))
      .where(and(eq(agreementSupporters.agreementId, pair.first), eq(agreementSupporters.institutionId, pair.second)));
    if (!row) throw notFound(id);
    return fromPairing(row, await namesOf(ctx.db, [row.supporterId, row.recipientId]));
  }
  throw notFound(id);
}

async function search(ctx: FhirContext, request: SearchRequest) {
  const today = chinaDate(ctx.now());
  const memberWhere = and(
    scopeCondition(readScope(ctx.principal, "alliance"), { region: alliances.regionCode, institution: alliances.leadInstitutionId }),
    ...conditions(request, membershipSide(today)),
  );
  const pairWhere = and(agreementScope(readScope(ctx.principal, "agreement")), ...conditions(request, pairingSide));
  const memberships: Branch = {
    count: async () =>
      (
        await ctx.db
          .select({ total: sql<number>`count(*)::int` })
          .from(allianceMembers)
          .innerJoin(alliances, eq(alliances.id, allianceMembers.allianceId))
          .where(memberWhere)
      )[0]?.total ?? 0,
    page: async (offset, limit) => {
      const rows = await ctx.db
        .select(membershipColumns)
        .from(allianceMembers)
        .innerJoin(alliances, eq(alliances.id, allianceMembers.allianceId))
        .where(memberWhere)
        .orderBy(asc(alliances.name), asc(allianceMembers.allianceId), asc(allianceMembers.institutionId))
        .limit(limit)
        .offset(offset);
      const names = await namesOf(
        ctx.db,
        rows.flatMap((r) => [r.leadId, r.institutionId]),
      );
      return rows.map((r) => fromMembership(r, names, today));
    },
  };
  const pairings: Branch = {
    count: async () =>
      (
        await ctx.db
          .select({ total: sql<number>`count(*)::int` })
          .from(agreementSupporters)
          .innerJoin(agreements, eq(agreements.id, agreementSupporters.agreementId))
          .where(pairWhere)
      )[0]?.total ?? 0,
    page: async (offset, limit) => {
      const rows = await ctx.db
        .select(pairingColumns)
        .from(agreementSupporters)
        .innerJoin(agreements, eq(agreements.id, agreementSupporters.agreementId))
        .where(pairWhere)
        .orderBy(asc(agreements.code), asc(agreementSupporters.institutionId))
        .limit(limit)
        .offset(offset);
      const names = await namesOf(
        ctx.db,
        rows.flatMap((r) => [r.supporterId, r.recipientId]),
      );
      return rows.map((r) => fromPairing(r, names));
    },
  };
  return searchBranches(request, [memberships, pairings]);
}

export const organizationAffiliationResource: ResourceDef = {
  type: "OrganizationAffiliation",
  // The looser of the two reads (every role reads alliances); each pairing is checked as its agreement.
  entity: "alliance",
  documentation:
    "Alliance membership (organization = the alliance's lead institution, participatingOrganization = the member, network = the alliance, code alliance-member + alliance kind) " +
    "and pairing agreements 对口帮扶 (organization = a supporter, participatingOrganization = the recipient, code paired-assistance, identifier = the agreement code; one per supporter). " +
    "Ids: am.<alliance>.<member> and pa.<agreement>.<supporter> (uuids in base 36). Memberships come first in a search, then pairings.",
  idPattern: new RegExp(`^${pairIdPattern([MEMBERSHIP, PAIRING])}$`, "i"),
  read,
  search: {
    params: [
      { name: "primary-organization", type: "reference", documentation: "The alliance's lead institution, or the supporting institution of a pairing" },
      { name: "participating-organization", type: "reference", documentation: "The member institution, or the recipient of a pairing" },
      {
        name: "role",
        type: "token",
        documentation: "affiliation-role (alliance-member, paired-assistance) or alliance-kind (e.g. county_medical_community) code",
      },
      { name: "active", type: "token", documentation: "true: a current membership of an active alliance, or an agreement in status active" },
      {
        name: "date",
        type: "date",
        documentation:
          "The membership's or agreement's period (China days): eq overlaps the value, ne does not, gt/ge reaches after/into it, lt/le starts before/within it, sa starts after it, eb ends before it",
      },
      { name: "identifier", type: "token", documentation: `The agreement code (${AGREEMENT_CODE_SYSTEM}); memberships have none` },
    ],
    run: search,
  },
};
