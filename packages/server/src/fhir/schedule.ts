import { createHash } from "node:crypto";
import { readScope } from "@medbridge/core";
import type { Schedule, Slot } from "@medplum/fhirtypes";
import { type SQL, sql } from "drizzle-orm";
import { scopeCondition } from "../access.ts";
import type { Db } from "../db/connection.ts";
import { institutions } from "../db/schema.ts";
import { CANONICAL_BASE } from "./code-systems.ts";
import { type LocationKind, locationIdOf, unitsOfIds } from "./location.ts";
import { FhirError, issue } from "./outcome.ts";
import { idOfReference, metaOf, rowsOf } from "./referral-records.ts";

import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, isUuid, missingCondition, pageOf, referenceId, type SearchRequest, token } from "./search.ts";

/**
 * The reserved pool (referral/pool.ts) in FHIR: a Schedule per institution and department (outpatient
 * slots) or ward (beds), a Slot per published day.
 *
 * Ids. A Slot of outpatient slots has the `slots` row's id; a Slot of beds `bed.<beds row id>` — the
 * two tables draw UUIDs independently, and the prefix (a dot is never in a UUID) keeps them apart for
 * good, so a Slot read finds either. A Schedule's id is `<institution id>.<d|w>.<16 hex of SHA-1 of
 * the department or ward name>` (55 characters): no table holds departments, so the id is derived,
 * and the institution in it makes a read one index range (that institution's names), not a scan.
 *
 * Times. A Slot is the day of its date: 08:00–17:30 China time (+08:00), the hours a reserved
 * outpatient number or a bed's admission is honoured; the pool's release job counts from 08:00 too.
 *
 * Counts. R4's Slot has no count: each Slot carries the extension `reserved-units` (reserved, booked,
 * available as unsignedInt) and says the same in `comment`; `overbooked` is always false (the pool's
 * CHECK and its one conditional UPDATE never let booked exceed reserved). Status: `free` while units
 * remain, `busy` when all are booked, `busy-unavailable` when the unbooked slots were released to
 * the hospital's general pool.
 */

export const RESERVED_UNITS_EXTENSION = `${CANONICAL_BASE}/StructureDefinition/reserved-units`;

/** One reserved unit line of an institution: a department's outpatient slots or a ward's beds. */
export interface PoolUnit {
  institutionId: string;
  kind: LocationKind;
  name: string;
}

/** The pool's row kind of a Location kind, and back. */
export const ROW_KIND = { department: "slot", ward: "bed" } as const satisfies Record<LocationKind, "slot" | "bed">;
export const UNIT_KIND = { slot: "department", bed: "ward" } as const satisfies Record<"slot" | "bed", LocationKind>;
const LETTER: Record<LocationKind, string> = { department: "d", ward: "w" };

const nameHash = (name: string) => createHash("sha1").update(name, "utf8").digest("hex").slice(0, 16);

export function scheduleIdOf(unit: PoolUnit): string {
  return `${unit.institutionId.toLowerCase()}.${LETTER[unit.kind]}.${nameHash(unit.name)}`;
}

const SCHEDULE_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([dw])\.([0-9a-f]{16})$/;
const UUID_SOURCE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** The unit a Schedule id stands for, when the institution publishes it (null: no such Schedule). */
export async function unitOfSchedule(db: Db, id: string): Promise<PoolUnit | null> {
  const match = SCHEDULE_ID.exec(id.toLowerCase());
  if (!match) return null;
  const [, institutionId = "", letter, hash] = match;
  const kind: LocationKind = letter === "d" ? "department" : "ward";
  const names = rowsOf<{ name: string }>(
    await db.execute(
      kind === "department"
        ? sql`select distinct department as name from slots where institution_id = ${institutionId}`
        : sql`select distinct ward as name from beds where institution_id = ${institutionId}`,
    ),
  );
  const found = names.find((n) => nameHash(n.name) === hash);
  return found ? { institutionId, kind, name: found.name } : null;
}

/**
 * The units whose Location has one of these ids (fhir/location.ts: a Location id is a one-way hash,
 * so the departments and wards are listed by a skip scan and hashed, and remembered).
 */
export function unitsOfLocations(db: Db, locationIds: readonly string[]): Promise<PoolUnit[]> {
  return locationIds.length ? unitsOfIds(db, locationIds, null) : Promise.resolve([]);
}

/** A Slot's id: the slots row's own, `bed.<id>` for beds. */
export function slotIdOf(kind: "slot" | "bed", id: string): string {
  return kind === "slot" ? id : `bed.${id}`;
}

/** The pool row a Slot id names, or null when it cannot name one. */
export function parseSlotId(id: string): { kind: "slot" | "bed"; id: string } | null {
  if (isUuid(id)) return { kind: "slot", id: id.toLowerCase() };
  const bed = /^bed\.(.+)$/i.exec(id);
  return bed?.[1] && isUuid(bed[1]) ? { kind: "bed", id: bed[1].toLowerCase() } : null;
}

/** Slot start and end of a day (China time). */
export const dayStart = (date: string) => `${date}T08:00:00+08:00`;
export const dayEnd = (date: string) => `${date}T17:30:00+08:00`;

/** Both tables of the pool as one: the unit kind, its institution and name, its day and counts. */
const POOL = sql`(
  select 'slot' as kind, id, institution_id, department as unit, date, reserved, booked, released_at, updated_at from slots
  union all
  select 'bed' as kind, id, institution_id, ward as unit, date, reserved, booked, null::timestamptz as released_at, updated_at from beds
) as pool`;

const UPDATED = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The pool rows a caller may read (everyone, today: the pool is published for every referrer). */
function poolScope(ctx: FhirContext): SQL | undefined {
  const scope = readScope(ctx.principal, "reserved_pool");
  if (scope === null) return undefined;
  const inScope = scopeCondition(scope, { region: institutions.regionCode, institution: institutions.id });
  return sql`pool.institution_id in (select ${institutions.id} from ${institutions} where ${inScope})`;
}

const unitCondition = (u: PoolUnit) => sql`(pool.kind = ${ROW_KIND[u.kind]} and pool.institution_id = ${u.institutionId} and pool.unit = ${u.name})`;

const whereOf = (parts: readonly (SQL | undefined)[]) => {
  const list = parts.filter((p): p is SQL => p !== undefined);
  return list.length ? sql`where ${sql.join(list, sql` and `)}` : sql``;
};

// ---------------------------------------------------------------- Slot

interface SlotRow {
  kind: "slot" | "bed";
  id: string;
  institution_id: string;
  unit: string;
  date: string;
  reserved: number;
  booked: number;
  released: boolean;
  updated: string;
}

const SLOT_COLUMNS = sql`pool.kind, pool.id::text as id, pool.institution_id::text as institution_id, pool.unit, pool.date::text as date,
  pool.reserved, pool.booked, (pool.released_at is not null) as released, ${UPDATED(sql`pool.updated_at`)} as updated`;

function slotStatus(r: Pick<SlotRow, "reserved" | "booked" | "released">): Slot["status"] {
  if (r.booked >= r.reserved) return "busy";
  return r.released ? "busy-unavailable" : "free";
}

export function toSlot(r: SlotRow): Slot {
  const kind = UNIT_KIND[r.kind];
  const available = r.released ? 0 : r.reserved - r.booked;
  const what = r.kind === "slot" ? "outpatient slots" : "beds";
  return {
    resourceType: "Slot",
    id: slotIdOf(r.kind, r.id),
    meta: metaOf(r.updated),
    extension: [
      {
        url: RESERVED_UNITS_EXTENSION,
        extension: [
          { url: "reserved", valueUnsignedInt: r.reserved },
          { url: "booked", valueUnsignedInt: r.booked },
          { url: "available", valueUnsignedInt: available },
        ],
      },
    ],
    serviceType: [{ text: r.unit }],
    schedule: { reference: `Schedule/${scheduleIdOf({ institutionId: r.institution_id, kind, name: r.unit })}`, display: r.unit },
    status: slotStatus(r),
    start: dayStart(r.date),
    end: dayEnd(r.date),
    overbooked: false,
    comment: `${what} reserved for referrals: reserved ${r.reserved}, booked ${r.booked}, available ${available}${r.released ? " (unbooked ones released to the general pool)" : ""}`,
  };
}

const STATUS_CONDITION: Record<string, SQL> = {
  free: sql`(pool.booked < pool.reserved and pool.released_at is null)`,
  busy: sql`pool.booked >= pool.reserved`,
  "busy-unavailable": sql`(pool.booked < pool.reserved and pool.released_at is not null)`,
};

async function slotConditions(ctx: FhirContext, search: SearchRequest): Promise<SQL[]> {
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (modifier === "missing") {
        // Every element searched here is always there.
        where.push(missingCondition(name, values, sql`true`));
        continue;
      }
      switch (name) {
        case "_id":
          where.push(
            anyOf(
              values.flatMap((v) => {
                const parsed = parseSlotId(v);
                return parsed ? [sql`(pool.kind = ${parsed.kind} and pool.id = ${parsed.id})`] : [];
              }),
            ),
          );
          break;
        case "_lastUpdated":
          where.push(dateCondition(name, sql`pool.updated_at`, values));
          break;
        case "start":
          // A session on date D starts at D 08:00 China time = D 00:00 UTC.
          where.push(dateCondition(name, sql`(pool.date::timestamp at time zone 'UTC')`, values));
          break;
        case "status": {
          const parts = values.map((v) => STATUS_CONDITION[token(v).code ?? ""] ?? sql`false`);
          where.push(modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts));
          break;
        }
        case "schedule": {
          const units: PoolUnit[] = [];
          for (const v of values) {
            const id = idOfReference(v, "Schedule");
            const unit = id ? await unitOfSchedule(ctx.db, id) : null;
            if (unit) units.push(unit);
          }
          where.push(anyOf(units.map(unitCondition)));
          break;
        }
      }
    }
  }
  return where;
}

export const slotResource: ResourceDef = {
  type: "Slot",
  entity: "reserved_pool",
  documentation:
    "One day of a department's reserved outpatient slots or a ward's reserved beds (08:00–17:30 China time). Counts in the extension " +
    `${RESERVED_UNITS_EXTENSION} (reserved, booked, available) and in comment; free while units remain, busy when all are booked, ` +
    "busy-unavailable once released. Ids: the slot's own, bed.<id> for beds. Book one with an Appointment.",
  idPattern: new RegExp(`^(?:bed\\.)?${UUID_SOURCE}$`),
  read: async (ctx, id) => {
    const parsed = parseSlotId(id);
    const [row] = parsed
      ? rowsOf<SlotRow>(
          await ctx.db.execute(
            sql`select ${SLOT_COLUMNS} from ${POOL} ${whereOf([poolScope(ctx), sql`pool.kind = ${parsed.kind} and pool.id = ${parsed.id}`])}`,
          ),
        )
      : [];
    if (!row) throw new FhirError(404, [issue("not-found", `Slot/${id} not found`)]);
    return toSlot(row);
  },
  search: {
    params: [
      { name: "schedule", type: "reference", documentation: "The Schedule (department or ward of an institution) the slot belongs to" },
      { name: "start", type: "date", documentation: "The day's start (08:00 China time), with prefixes: start=ge2026-03-01&start=le2026-03-14" },
      { name: "status", type: "token", documentation: "free (units remain), busy (all booked), busy-unavailable (released)" },
    ],
    run: async (ctx, search) => {
      const where = whereOf([poolScope(ctx), ...(await slotConditions(ctx, search))]);
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        async () =>
          rowsOf<SlotRow>(
            await ctx.db.execute(
              sql`select ${SLOT_COLUMNS} from ${POOL} ${where} order by pool.date, pool.kind desc, pool.unit, pool.id limit ${search.count} offset ${search.offset}`,
            ),
          ),
        () => sql`select 1 from ${POOL} ${where}`,
      );
      return { resources: rows.map(toSlot), total };
    },
  },
};

// ---------------------------------------------------------------- Schedule

interface ScheduleRow {
  kind: "slot" | "bed";
  institution_id: string;
  unit: string;
  first: string;
  last: string;
  updated: string;
}

function toSchedule(r: ScheduleRow): Schedule {
  const unit: PoolUnit = { institutionId: r.institution_id, kind: UNIT_KIND[r.kind], name: r.unit };
  return {
    resourceType: "Schedule",
    id: scheduleIdOf(unit),
    meta: metaOf(r.updated),
    active: true,
    serviceType: [{ text: r.unit }],
    actor: [{ reference: `Location/${locationIdOf(unit.institutionId, unit.kind, unit.name)}`, display: r.unit }],
    planningHorizon: { start: dayStart(r.first), end: dayEnd(r.last) },
    comment:
      r.kind === "slot"
        ? `Outpatient slots of ${r.unit} reserved for referrals (the Location's managingOrganization is the hospital)`
        : `Beds of ${r.unit} reserved for referred admissions (the Location's managingOrganization is the hospital)`,
  };
}

/** A Schedule is a group of pool rows: its horizon spans their days, it changed when the last of them did. */
function scheduleQuery(where: SQL, having: SQL) {
  return sql`select pool.kind, pool.institution_id::text as institution_id, pool.unit, min(pool.date)::text as first, max(pool.date)::text as last,
    ${UPDATED(sql`max(pool.updated_at)`)} as updated
    from ${POOL} ${where} group by pool.kind, pool.institution_id, pool.unit ${having}`;
}

async function scheduleConditions(ctx: FhirContext, search: SearchRequest): Promise<{ where: SQL[]; having: SQL[] }> {
  const where: SQL[] = [];
  const having: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (modifier === "missing") {
        // Every element searched here is always there.
        where.push(missingCondition(name, values, sql`true`));
        continue;
      }
      switch (name) {
        case "_id": {
          const units: PoolUnit[] = [];
          for (const v of values) {
            const unit = await unitOfSchedule(ctx.db, v);
            if (unit) units.push(unit);
          }
          where.push(anyOf(units.map(unitCondition)));
          break;
        }
        case "_lastUpdated":
          having.push(dateCondition(name, sql`max(pool.updated_at)`, values));
          break;
        case "active":
          where.push(anyOf(values.map((v) => (token(v).code === "true" ? sql`true` : sql`false`))));
          break;
        case "actor": {
          const organizations = values.map((v) => referenceId(v, "Organization")).filter((id): id is string => id !== null);
          const locations = await unitsOfLocations(
            ctx.db,
            values.map((v) => referenceId(v, "Location")).filter((id): id is string => id !== null),
          );
          where.push(anyOf([...organizations.map((id) => sql`pool.institution_id = ${id}`), ...locations.map(unitCondition)]));
          break;
        }
      }
    }
  }
  return { where, having };
}

export const scheduleResource: ResourceDef = {
  type: "Schedule",
  entity: "reserved_pool",
  documentation:
    "The reserved slots of an institution's outpatient department, or the reserved beds of a ward: actor is the department's or " +
    "ward's Location (whose managingOrganization is the hospital); planningHorizon spans the published days. " +
    "Id: <institution id>.<d|w>.<hash of the name>. Search actor=Organization/<id> for every schedule of a hospital.",
  idPattern: new RegExp(`^${UUID_SOURCE}\\.[dwDW]\\.[0-9a-fA-F]{16}$`),
  read: async (ctx, id) => {
    const unit = await unitOfSchedule(ctx.db, id);
    const [row] = unit ? rowsOf<ScheduleRow>(await ctx.db.execute(scheduleQuery(whereOf([poolScope(ctx), unitCondition(unit)]), sql``))) : [];
    if (!row) throw new FhirError(404, [issue("not-found", `Schedule/${id} not found`)]);
    return toSchedule(row);
  },
  search: {
    params: [
      {
        name: "actor",
        type: "reference",
        documentation: "Location/<id> of a department or ward, or Organization/<id>: every schedule of that institution (through its Locations)",
      },
      { name: "active", type: "token", documentation: "true (every schedule MedBridge serves is active)" },
    ],
    run: async (ctx, search) => {
      const { where, having } = await scheduleConditions(ctx, search);
      const grouped = scheduleQuery(whereOf([poolScope(ctx), ...where]), having.length ? sql`having ${sql.join(having, sql` and `)}` : sql``);
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        async () =>
          rowsOf<ScheduleRow>(
            await ctx.db.execute(sql`${grouped} order by pool.institution_id, pool.kind desc, pool.unit limit ${search.count} offset ${search.offset}`),
          ),
        () => sql`select 1 from (${grouped}) as schedules`,
      );
      return { resources: rows.map(toSchedule), total };
    },
  },
};
