import type { Location } from "@medplum/fhirtypes";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { likeContains } from "../db/search.ts";
import { FHIR_ID_NAMESPACE, uuidV5 } from "./ids.ts";
import { FhirError, issue } from "./outcome.ts";
import { type Branch, referenceIds, searchBranches } from "./registry-search.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, isUuid, missingCondition, type SearchRequest, token } from "./search.ts";

/** What a Location stands for: an outpatient department that reserves slots, or a ward that reserves beds. */
export type LocationKind = "department" | "ward";

/**
 * The id of the Location of an institution's department (slots) or ward (beds): a UUID v5 of
 * `Location|<institution id>|<kind>|<name>` in MedBridge's FHIR namespace. No table holds
 * departments or wards — the slot and bed rows name them — so the id is derived, the same on every
 * server and for every caller, and a Schedule can name its Location without a lookup.
 */
export function locationIdOf(institutionId: string, kind: LocationKind, name: string): string {
  return uuidV5(FHIR_ID_NAMESPACE, `Location|${institutionId.toLowerCase()}|${kind}|${name}`);
}

/** HL7 v3 RoleCode (ServiceDeliveryLocationRoleType), Location.type's extensible binding. */
export const V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
const PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";

/**
 * Each kind of unit: the table that names it, its column, and its codes. A department is an
 * outpatient facility (v3 OF); physically it is several consulting rooms and their waiting area, not
 * one room, so its physical type is `area`. A ward is an inpatient hospital unit (v3 HU) and
 * physically a `wa` (Ward).
 */
const KINDS = {
  department: {
    table: "slots",
    column: "department",
    type: { system: V3_ROLE_CODE, code: "OF", display: "Outpatient facility" },
    physical: { system: PHYSICAL_TYPE, code: "area", display: "Area" },
  },
  ward: {
    table: "beds",
    column: "ward",
    type: { system: V3_ROLE_CODE, code: "HU", display: "Hospital unit" },
    physical: { system: PHYSICAL_TYPE, code: "wa", display: "Ward" },
  },
} as const;

interface Unit {
  institutionId: string;
  kind: LocationKind;
  name: string;
}
interface UnitRow {
  institution_id: string;
  name: string;
  institution_name: string;
  institution_active: boolean;
  first_published: string;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * The distinct (institution, unit name) pairs of a slot or bed table, read as a skip scan over its
 * unique index (institution, unit, date): one index probe per pair, not a pass over every day's row.
 */
function distinctUnits(kind: LocationKind, institutionIds: readonly string[] | null): SQL {
  const { table, column } = KINDS[kind];
  const within = (alias: string) =>
    institutionIds === null
      ? sql``
      : sql` and ${sql.raw(alias)}.institution_id in (${sql.join(
          institutionIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  return sql`with recursive u(institution_id, name) as (
      (select t.institution_id, t.${sql.raw(column)} from ${sql.raw(table)} t where true${within("t")} order by 1, 2 limit 1)
      union all
      select n.institution_id, n.name from u cross join lateral (
        select t.institution_id, t.${sql.raw(column)} as name from ${sql.raw(table)} t
        where (t.institution_id, t.${sql.raw(column)}) > (u.institution_id, u.name)${within("t")}
        order by 1, 2 limit 1) n
    )`;
}

/** The units of one kind with their institution and first publication, under `where` (on u, i, c). */
function unitsQuery(kind: LocationKind, institutionIds: readonly string[] | null, where: readonly SQL[], tail: SQL): SQL {
  const { table, column } = KINDS[kind];
  return sql`${distinctUnits(kind, institutionIds)}
    select u.institution_id, u.name, i.name as institution_name, i.active as institution_active,
      to_char(c.first at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as first_published
    from u
    join institutions i on i.id = u.institution_id
    cross join lateral (select min(t.created_at) as first from ${sql.raw(table)} t where t.institution_id = u.institution_id and t.${sql.raw(column)} = u.name) c
    where ${where.length ? sql.join([...where], sql` and `) : sql`true`}
    ${tail}`;
}

function toLocation(kind: LocationKind, row: UnitRow): Location {
  const { type, physical } = KINDS[kind];
  return {
    resourceType: "Location",
    id: locationIdOf(row.institution_id, kind, row.name),
    // A unit comes to be when it first publishes; nothing of it changes after.
    meta: { versionId: String(new Date(row.first_published).getTime()), lastUpdated: row.first_published },
    status: row.institution_active ? "active" : "inactive",
    name: row.name,
    mode: "instance",
    type: [{ coding: [type] }],
    physicalType: { coding: [physical] },
    managingOrganization: { reference: `Organization/${row.institution_id}`, display: row.institution_name },
  };
}

/**
 * Which unit each id is: ids are one-way hashes, so the pairs are listed (skip scans) and hashed.
 * What was found is remembered (an id always names the same unit; whether it still exists is asked
 * of the database each time).
 */
const known = new Map<string, Unit>();
const KNOWN_MAX = 200_000;

function remember(unit: Unit): string {
  const id = locationIdOf(unit.institutionId, unit.kind, unit.name);
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(id, unit);
  return id;
}

export async function unitsOfIds(db: Db, ids: readonly string[], institutionIds: readonly string[] | null): Promise<Unit[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.every((id) => known.has(id))) return wanted.map((id) => known.get(id) as Unit);
  for (const kind of Object.keys(KINDS) as LocationKind[]) {
    const pairs = rowsOf<{ institution_id: string; name: string }>(
      await db.execute(sql`${distinctUnits(kind, institutionIds)} select institution_id, name from u`),
    );
    for (const p of pairs) remember({ institutionId: p.institution_id, kind, name: p.name });
  }
  return wanted.flatMap((id) => known.get(id) ?? []);
}

/** The conditions of one kind's branch (null: the search excludes this kind). */
async function conditions(db: Db, search: SearchRequest, kind: LocationKind): Promise<{ institutionIds: readonly string[] | null; where: SQL[] } | null> {
  let institutionIds: string[] | null = null;
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (modifier === "missing") {
        where.push(missingCondition(name, values, sql`true`));
        continue;
      }
      switch (name) {
        case "organization": {
          const ids = referenceIds(values, "Organization");
          institutionIds = institutionIds === null ? ids : institutionIds.filter((id) => ids.includes(id));
          break;
        }
        case "name": {
          const parts = values.map((v) => {
            if (modifier === "exact") return sql`u.name = ${v}`;
            return /[A-Za-z]/.test(v) ? sql`u.name ilike ${likeContains(v)}` : sql`u.name like ${likeContains(v)}`;
          });
          where.push(anyOf(parts));
          break;
        }
        case "type": {
          const mine = values.some((v) => {
            const { system, code } = token(v);
            return (system === undefined || system === V3_ROLE_CODE) && (code === undefined || code === KINDS[kind].type.code);
          });
          if (modifier === "not" ? mine : !mine) return null;
          break;
        }
        case "_lastUpdated":
          where.push(dateCondition(name, sql`c.first`, values));
          break;
        case "_id": {
          const units = (await unitsOfIds(db, values, null)).filter((u) => u.kind === kind);
          where.push(anyOf(units.map((u) => sql`(u.institution_id = ${u.institutionId}::uuid and u.name = ${u.name})`)));
          break;
        }
      }
    }
  }
  if (institutionIds !== null && institutionIds.length === 0) return null;
  return { institutionIds, where };
}

const notFound = (id: string) => new FhirError(404, [issue("not-found", `Location/${id} not found`)]);

async function read(ctx: FhirContext, id: string): Promise<Location> {
  const [unit] = await unitsOfIds(ctx.db, [id], null);
  if (!unit) throw notFound(id);
  const [row] = rowsOf<UnitRow>(await ctx.db.execute(unitsQuery(unit.kind, [unit.institutionId], [sql`u.name = ${unit.name}`], sql`limit 1`)));
  if (!row) throw notFound(id);
  return toLocation(unit.kind, row);
}

async function search(ctx: FhirContext, request: SearchRequest) {
  const branches: Branch[] = [];
  for (const kind of Object.keys(KINDS) as LocationKind[]) {
    const found = await conditions(ctx.db, request, kind);
    if (!found) continue;
    const { institutionIds, where } = found;
    branches.push({
      count: async () => {
        const [row] = rowsOf<{ total: number }>(
          await ctx.db.execute(sql`select count(*)::int as total from (${unitsQuery(kind, institutionIds, where, sql``)}) x`),
        );
        return Number(row?.total ?? 0);
      },
      page: async (offset, limit) => {
        const rows = rowsOf<UnitRow>(
          await ctx.db.execute(unitsQuery(kind, institutionIds, where, sql`order by i.name, u.institution_id, u.name limit ${limit} offset ${offset}`)),
        );
        return rows.map((row) => {
          remember({ institutionId: row.institution_id, kind, name: row.name });
          return toLocation(kind, row);
        });
      },
    });
  }
  return searchBranches(request, branches);
}

export const locationResource: ResourceDef = {
  type: "Location",
  // The REST slot and bed lists are ["read", "reserved_pool"]: every signed-in role sees what is reserved.
  entity: "reserved_pool",
  documentation:
    "An institution's outpatient department that reserves slots (type v3-RoleCode OF, physicalType area) or ward that reserves beds (HU, wa); " +
    "managingOrganization = the institution. Id: UUID v5 of institution, kind and name (fhir/location.ts locationIdOf). Departments come first in a search, then wards.",
  read,
  search: {
    params: [
      { name: "organization", type: "reference", documentation: "The institution (Organization/<id>)" },
      { name: "name", type: "string", documentation: "Part of the department's or ward's name; :exact for the whole name" },
      { name: "type", type: "token", documentation: `${V3_ROLE_CODE}|OF (outpatient department) or |HU (inpatient ward)` },
    ],
    run: search,
  },
};
