import { readScope } from "@medbridge/core";
import type { Organization, PractitionerRole, Reference } from "@medplum/fhirtypes";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { requireAccessTo, scopeCondition } from "../access.ts";
import { agreementScope } from "../assistance/agreements.ts";
import type { Db } from "../db/connection.ts";
import { agreements, dispatches, institutions, practiceSites, practitioners } from "../db/schema.ts";
import { coding, systemUrl } from "./code-systems.ts";
import { UUID_ID } from "./fhir-http.ts";
import { pairId, pairIdPattern, parsePairId } from "./ids.ts";
import { FhirError, issue } from "./outcome.ts";
import { type Branch, pairIdCondition, periodCondition, referenceCondition, searchBranches } from "./registry-search.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, booleanToken, dateCondition, isUuid, missingCondition, type SearchRequest, token } from "./search.ts";

/**
 * PractitionerRole ← where a practitioner works:
 * - a practice site (主执业 main / 备案 filed): organization = the site, code = the profession and
 *   the site kind, specialty = the practitioner's specialty (text); no period. Readable by whoever
 *   may read the practitioner (the REST practitioner read lists the sites). Id `ps.<practitioner>.<institution>`
 *   (a pair id, ids.ts).
 * - a dispatch (派驻): organization = the recipient institution, code = the dispatch role, period =
 *   the stationing (actual dates where recorded, else planned). Readable by whoever may read its
 *   agreement — the REST dispatch roster's check (GET /agreements/:id/dispatches is ["read",
 *   "agreement"]): the recipient's staff see who is stationed with them. Id = the dispatch's id.
 */

const SITE = "ps";
/** Dispatches still in use: planned or under way (completed and cancelled ones are kept, inactive). */
const ACTIVE_DISPATCH_STATUSES = ["planned", "active"];

type Names = Map<string, string>;
const orgRef = (id: string, names: Names): Reference<Organization> => ({ reference: `Organization/${id}`, ...(names.has(id) && { display: names.get(id) }) });
const meta = (updatedAt: Date) => {
  const at = new Date(updatedAt);
  return { versionId: String(at.getTime()), lastUpdated: at.toISOString() };
};

const siteColumns = {
  practitionerId: practiceSites.practitionerId,
  institutionId: practiceSites.institutionId,
  kind: practiceSites.kind,
  practitionerName: practitioners.name,
  profession: practitioners.profession,
  specialty: practitioners.specialty,
  active: practitioners.active,
  // Site changes go through updatePractitioner, which stamps the practitioner.
  updatedAt: practitioners.updatedAt,
};
type SiteRow = {
  practitionerId: string;
  institutionId: string;
  kind: string;
  practitionerName: string;
  profession: string;
  specialty: string | null;
  active: boolean;
  updatedAt: Date;
};

const dispatchStart = sql<string>`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`;
const dispatchEnd = sql<string>`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd})`;
const dispatchActive = sql`(${dispatches.status} in (${sql.join(
  ACTIVE_DISPATCH_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)}))`;
const dispatchColumns = {
  id: dispatches.id,
  practitionerId: dispatches.practitionerId,
  practitionerName: practitioners.name,
  recipientId: dispatches.recipientId,
  role: dispatches.role,
  plannedStart: dispatches.plannedStart,
  plannedEnd: dispatches.plannedEnd,
  actualStart: dispatches.actualStart,
  actualEnd: dispatches.actualEnd,
  status: dispatches.status,
  updatedAt: dispatches.updatedAt,
};
type DispatchRow = {
  id: string;
  practitionerId: string;
  practitionerName: string;
  recipientId: string;
  role: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  status: string;
  updatedAt: Date;
};

function fromSite(row: SiteRow, names: Names): PractitionerRole {
  return {
    resourceType: "PractitionerRole",
    id: pairId(SITE, row.practitionerId, row.institutionId),
    meta: meta(row.updatedAt),
    active: row.active,
    practitioner: { reference: `Practitioner/${row.practitionerId}`, display: row.practitionerName },
    organization: orgRef(row.institutionId, names),
    code: [{ coding: [coding("profession", row.profession)] }, { coding: [coding("practice-site", row.kind)] }],
    ...(row.specialty && { specialty: [{ text: row.specialty }] }),
  };
}

function fromDispatch(row: DispatchRow, names: Names): PractitionerRole {
  return {
    resourceType: "PractitionerRole",
    id: row.id,
    meta: meta(row.updatedAt),
    active: ACTIVE_DISPATCH_STATUSES.includes(row.status),
    period: { start: row.actualStart ?? row.plannedStart, end: row.actualEnd ?? row.plannedEnd },
    practitioner: { reference: `Practitioner/${row.practitionerId}`, display: row.practitionerName },
    organization: orgRef(row.recipientId, names),
    code: [{ coding: [coding("dispatch-role", row.role)] }],
  };
}

async function namesOf(db: Db, ids: readonly string[]): Promise<Names> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What each search parameter asks of one kind of row. */
interface Side {
  ids: (values: readonly string[]) => SQL;
  practitioner: PgColumn;
  organization: PgColumn;
  updated: PgColumn;
  active: SQL;
  role: (system: string | null | undefined, code: string | undefined) => SQL;
  /** The period element: when present, and the date condition on it. */
  period: { present: SQL; matches: (values: readonly string[]) => SQL };
}

function conditions(search: SearchRequest, side: Side): SQL[] {
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (modifier === "missing") {
        where.push(missingCondition(name, values, name === "date" ? side.period.present : sql`true`));
        continue;
      }
      const negate = (condition: SQL) => (modifier === "not" ? sql`not ${condition}` : condition);
      switch (name) {
        case "_id":
          where.push(side.ids(values));
          break;
        case "_lastUpdated":
          where.push(dateCondition(name, side.updated, values));
          break;
        case "practitioner":
          where.push(referenceCondition(values, "Practitioner", side.practitioner));
          break;
        case "organization":
          where.push(referenceCondition(values, "Organization", side.organization));
          break;
        case "role":
          where.push(negate(anyOf(values.map((v) => side.role(token(v).system, token(v).code)))));
          break;
        case "active":
          where.push(negate(anyOf(values.map((v) => (booleanToken(name, v) ? side.active : sql`not ${side.active}`)))));
          break;
        case "date":
          where.push(side.period.matches(values));
          break;
      }
    }
  }
  return where;
}

/** A token `system|code` against one MedBridge code system's column (code undefined: any code). */
function codeOf(systemId: string, column: PgColumn, system: string | null | undefined, code: string | undefined): SQL | null {
  if (system !== undefined && system !== systemUrl(systemId)) return null;
  if (code === undefined) return system === undefined ? null : sql`true`;
  return eq(column, code);
}
const either = (...parts: (SQL | null)[]) => anyOf(parts.filter((p): p is SQL => p !== null));

const siteSide: Side = {
  ids: (values) => pairIdCondition(values, SITE, practiceSites.practitionerId, practiceSites.institutionId),
  practitioner: practiceSites.practitionerId,
  organization: practiceSites.institutionId,
  updated: practitioners.updatedAt,
  active: sql`${practitioners.active}`,
  role: (system, code) => either(codeOf("profession", practitioners.profession, system, code), codeOf("practice-site", practiceSites.kind, system, code)),
  period: { present: sql`false`, matches: () => sql`false` },
};

const dispatchSide: Side = {
  ids: (values) => {
    const ids = values.filter(isUuid).map((v) => v.toLowerCase());
    return ids.length ? inArray(dispatches.id, ids) : sql`false`;
  },
  practitioner: dispatches.practitionerId,
  organization: dispatches.recipientId,
  updated: dispatches.updatedAt,
  active: dispatchActive,
  role: (system, code) => either(codeOf("dispatch-role", dispatches.role, system, code)),
  period: { present: sql`true`, matches: (values) => periodCondition("date", dispatchStart, dispatchEnd, values) },
};

const notFound = (id: string) => new FhirError(404, [issue("not-found", `PractitionerRole/${id} not found`)]);

function siteQuery(db: Db) {
  return db.select(siteColumns).from(practiceSites).innerJoin(practitioners, eq(practitioners.id, practiceSites.practitionerId));
}
function dispatchQuery(db: Db) {
  return db
    .select(dispatchColumns)
    .from(dispatches)
    .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
    .innerJoin(agreements, eq(agreements.id, dispatches.agreementId));
}

async function read(ctx: FhirContext, id: string): Promise<PractitionerRole> {
  if (isUuid(id)) {
    const [found] = await ctx.db.select({ agreementId: dispatches.agreementId }).from(dispatches).where(eq(dispatches.id, id));
    if (!found) throw notFound(id);
    await requireAccessTo(ctx.db, ctx.principal, "read", "agreement", [found.agreementId]);
    const [row] = await dispatchQuery(ctx.db).where(eq(dispatches.id, id));
    if (!row) throw notFound(id);
    return fromDispatch(row, await namesOf(ctx.db, [row.recipientId]));
  }
  const pair = parsePairId(id);
  if (!pair || pair.prefix !== SITE) throw notFound(id);
  await requireAccessTo(ctx.db, ctx.principal, "read", "practitioner", [pair.first]);
  const [row] = await siteQuery(ctx.db).where(and(eq(practiceSites.practitionerId, pair.first), eq(practiceSites.institutionId, pair.second)));
  if (!row) throw notFound(id);
  return fromSite(row, await namesOf(ctx.db, [row.institutionId]));
}

async function search(ctx: FhirContext, request: SearchRequest) {
  const siteWhere = and(
    scopeCondition(readScope(ctx.principal, "practitioner"), { region: practitioners.regionCode, institution: practitioners.institutionId }),
    ...conditions(request, siteSide),
  );
  const dispatchWhere = and(agreementScope(readScope(ctx.principal, "agreement")), ...conditions(request, dispatchSide));
  const count = async (rows: PromiseLike<{ total: number }[]>) => (await rows)[0]?.total ?? 0;
  const total = sql<number>`count(*)::int`;
  const sites: Branch = {
    count: () =>
      count(ctx.db.select({ total }).from(practiceSites).innerJoin(practitioners, eq(practitioners.id, practiceSites.practitionerId)).where(siteWhere)),
    page: async (offset, limit) => {
      const rows = await siteQuery(ctx.db)
        .where(siteWhere)
        .orderBy(asc(practitioners.name), asc(practiceSites.practitionerId), desc(sql`${practiceSites.kind} = 'main'`), asc(practiceSites.institutionId))
        .limit(limit)
        .offset(offset);
      const names = await namesOf(
        ctx.db,
        rows.map((r) => r.institutionId),
      );
      return rows.map((r) => fromSite(r, names));
    },
  };
  const stationings: Branch = {
    count: () =>
      count(
        ctx.db
          .select({ total })
          .from(dispatches)
          .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
          .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
          .where(dispatchWhere),
      ),
    page: async (offset, limit) => {
      const rows = await dispatchQuery(ctx.db)
        .where(dispatchWhere)
        .orderBy(asc(dispatchStart), asc(practitioners.name), asc(dispatches.id))
        .limit(limit)
        .offset(offset);
      const names = await namesOf(
        ctx.db,
        rows.map((r) => r.recipientId),
      );
      return rows.map((r) => fromDispatch(r, names));
    },
  };
  return searchBranches(request, [sites, stationings]);
}

export const practitionerRoleResource: ResourceDef = {
  type: "PractitionerRole",
  // Practice sites are practitioner reads; each dispatch is checked as its agreement (as the REST roster).
  entity: "practitioner",
  documentation:
    "Where a practitioner works: practice sites (id ps.<practitioner>.<institution>; code profession + practice-site main/filed; specialty as text), " +
    "then dispatches 派驻 (id = the dispatch id; organization = the recipient, code dispatch-role, period = the stationing, active while planned or under way). " +
    "Dispatches are shown to whoever may read their agreement, as the REST roster.",
  idPattern: new RegExp(`^(?:${UUID_ID.source.slice(1, -1)}|${pairIdPattern([SITE])})$`, "i"),
  read,
  search: {
    params: [
      { name: "practitioner", type: "reference", documentation: "The practitioner (Practitioner/<id>)" },
      { name: "organization", type: "reference", documentation: "The practice site, or the recipient institution of a dispatch" },
      { name: "role", type: "token", documentation: "profession, practice-site (main, filed) or dispatch-role code" },
      { name: "active", type: "token", documentation: "true: an active practitioner's site, or a dispatch planned or under way" },
      {
        name: "date",
        type: "date",
        documentation:
          "The dispatch period (China days): eq overlaps the value, gt/ge reaches after/into it, lt/le starts before/within it, sa/eb; practice sites have no period",
      },
    ],
    run: search,
  },
};
