import { conflict, type Day, formatDay, invalid, notFound, provinceOf } from "@medbridge/core";
import { and, asc, eq, gte, isNull, lte, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { beds, institutions, slots } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { DateString, Text, Uuid } from "../http/schemas.ts";

/** Reserved units are given back to the general pool this long before the session (configurable). */
export const DEFAULT_RELEASE_HOURS = 24;

const Units = Type.Integer({ minimum: 1, maximum: 500 });
export const SlotInput = Type.Object({ institutionId: Uuid, department: Text(40), date: DateString, reserved: Units }, { additionalProperties: false });
export const BedInput = Type.Object({ institutionId: Uuid, ward: Text(40), date: DateString, reserved: Units }, { additionalProperties: false });
export type SlotInput = Static<typeof SlotInput>;
export type BedInput = Static<typeof BedInput>;

export const PoolQuery = Type.Object(
  {
    institutionId: Type.Optional(Uuid),
    department: Type.Optional(Text(40)),
    ward: Type.Optional(Text(40)),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
  },
  { additionalProperties: false },
);

export const SlotSchema = Type.Object({
  id: Uuid,
  institutionId: Uuid,
  institutionName: Type.String(),
  department: Type.String(),
  date: Type.String(),
  reserved: Type.Integer(),
  booked: Type.Integer(),
  available: Type.Integer(),
  releasedAt: Type.Union([Type.String(), Type.Null()]),
});
export const BedSchema = Type.Object({
  id: Uuid,
  institutionId: Uuid,
  institutionName: Type.String(),
  ward: Type.String(),
  date: Type.String(),
  reserved: Type.Integer(),
  booked: Type.Integer(),
  available: Type.Integer(),
});

async function institutionRegion(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, id));
  if (!row) throw invalid([{ path: "institutionId", code: "not_found", params: { entity: "institution" }, message: "no such institution" }]);
  return row.regionCode;
}

/** The institution's county, after checking the date is not in the past. */
export async function checkPublication(db: Db, input: { institutionId: string; date: string }, today: Day): Promise<string> {
  if (input.date < formatDay(today))
    throw invalid([{ path: "date", code: "in_past", params: { today: formatDay(today) }, message: `is in the past (today is ${formatDay(today)})` }]);
  return institutionRegion(db, input.institutionId);
}

export async function publishSlots(db: Db, actor: Actor, input: SlotInput, regionCode: string): Promise<string> {
  const [taken] = await db
    .select({ id: slots.id })
    .from(slots)
    .where(and(eq(slots.institutionId, input.institutionId), eq(slots.department, input.department.trim()), eq(slots.date, input.date)));
  if (taken)
    throw conflict([{ path: "date", code: "duplicate", params: { scope: "system" }, message: "slots for this department and date are already published" }]);
  const [row] = await db
    .insert(slots)
    .values({ ...input, department: input.department.trim(), provinceCode: provinceOf(regionCode) })
    .returning({ id: slots.id });
  const id = (row as { id: string }).id;
  await audit(db, actor, { action: "publish", entity: "slot", entityId: id, regionCode, after: input });
  return id;
}

export async function publishBeds(db: Db, actor: Actor, input: BedInput, regionCode: string): Promise<string> {
  const [taken] = await db
    .select({ id: beds.id })
    .from(beds)
    .where(and(eq(beds.institutionId, input.institutionId), eq(beds.ward, input.ward.trim()), eq(beds.date, input.date)));
  if (taken) throw conflict([{ path: "date", code: "duplicate", params: { scope: "system" }, message: "beds for this ward and date are already published" }]);
  const [row] = await db
    .insert(beds)
    .values({ ...input, ward: input.ward.trim(), provinceCode: provinceOf(regionCode) })
    .returning({ id: beds.id });
  const id = (row as { id: string }).id;
  await audit(db, actor, { action: "publish", entity: "bed", entityId: id, regionCode, after: input });
  return id;
}

export function listSlots(db: Db, q: Static<typeof PoolQuery>) {
  const where: (SQL | undefined)[] = [];
  if (q.institutionId) where.push(eq(slots.institutionId, q.institutionId));
  if (q.department) where.push(eq(slots.department, q.department));
  if (q.from) where.push(gte(slots.date, q.from));
  if (q.to) where.push(lte(slots.date, q.to));
  return db
    .select({
      id: slots.id,
      institutionId: slots.institutionId,
      institutionName: institutions.name,
      department: slots.department,
      date: slots.date,
      reserved: slots.reserved,
      booked: slots.booked,
      available: sql<number>`case when ${slots.releasedAt} is null then ${slots.reserved} - ${slots.booked} else 0 end`,
      releasedAt: sql<string | null>`to_char(${slots.releasedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
    })
    .from(slots)
    .innerJoin(institutions, eq(institutions.id, slots.institutionId))
    .where(and(...where))
    .orderBy(asc(slots.date), asc(slots.department))
    .limit(500);
}

export function listBeds(db: Db, q: Static<typeof PoolQuery>) {
  const where: (SQL | undefined)[] = [];
  if (q.institutionId) where.push(eq(beds.institutionId, q.institutionId));
  if (q.ward) where.push(eq(beds.ward, q.ward));
  if (q.from) where.push(gte(beds.date, q.from));
  if (q.to) where.push(lte(beds.date, q.to));
  return db
    .select({
      id: beds.id,
      institutionId: beds.institutionId,
      institutionName: institutions.name,
      ward: beds.ward,
      date: beds.date,
      reserved: beds.reserved,
      booked: beds.booked,
      available: sql<number>`${beds.reserved} - ${beds.booked}`,
    })
    .from(beds)
    .innerJoin(institutions, eq(institutions.id, beds.institutionId))
    .where(and(...where))
    .orderBy(asc(beds.date), asc(beds.ward))
    .limit(500);
}

/**
 * Takes one unit of a slot or bed of the receiving institution. A single conditional UPDATE: two
 * bookings racing for the last unit cannot both succeed, on PostgreSQL (row lock) or PGlite
 * (serialised); the loser gets 409.
 */
export async function bookUnit(db: Db, kind: "slot" | "bed", id: string, institutionId: string): Promise<{ unit: string; date: string }> {
  const table = kind === "slot" ? slots : beds;
  const booked = await db
    .update(table)
    .set({ booked: sql`${table.booked} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(table.id, id),
        eq(table.institutionId, institutionId),
        sql`${table.booked} < ${table.reserved}`,
        kind === "slot" ? isNull(slots.releasedAt) : undefined,
      ),
    )
    .returning({ unit: kind === "slot" ? slots.department : beds.ward, date: table.date });
  if (booked[0]) return booked[0];
  const [exists] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.institutionId, institutionId)));
  if (!exists) throw invalid([{ path: `${kind}Id`, code: "not_found", params: { entity: kind }, message: `no such ${kind} at the receiving institution` }]);
  throw conflict(
    [{ path: `${kind}Id`, code: "none_left", params: { entity: kind }, message: `no reserved ${kind === "slot" ? "slot" : "bed"} left` }],
    `The last reserved ${kind} was just taken`,
  );
}

/** Gives unbooked reserved slots back to the general pool once their session is near. */
export async function releaseSlot(db: Db, actor: Actor, id: string): Promise<void> {
  const [slot] = await db.select().from(slots).where(eq(slots.id, id)).for("update");
  if (!slot) throw notFound("slot");
  if (slot.releasedAt) throw conflict([{ path: "id", code: "conflict_state", params: { state: "released" }, message: "already released" }]);
  await markReleased(db, actor, slot, new Date());
}

/** The one way a locked slot is released, by hand or by the job: stamped and audited. */
async function markReleased(db: Db, actor: Actor, slot: { id: string; reserved: number; booked: number }, at: Date): Promise<void> {
  await db.update(slots).set({ releasedAt: at, updatedAt: at }).where(eq(slots.id, slot.id));
  await audit(db, actor, {
    action: "release",
    entity: "slot",
    entityId: slot.id,
    before: { reserved: slot.reserved, booked: slot.booked },
    after: { released: slot.reserved - slot.booked },
  });
}

/**
 * The scheduled release: every unreleased slot whose session starts within `hours` (sessions start
 * 08:00 China time), each in its own transaction with its row locked (SKIP LOCKED: a slot another
 * server process is releasing, or someone is booking, is left to it) and audited like a release
 * by hand.
 */
export async function releaseDueSlots(db: Db, now: Date, hours = DEFAULT_RELEASE_HOURS): Promise<number> {
  // A session on date D starts at D 08:00 +08:00 = D 00:00 UTC.
  const cutoff = new Date(now.getTime() + hours * 3600_000).toISOString().slice(0, 10);
  const due = and(isNull(slots.releasedAt), lte(slots.date, cutoff), sql`${slots.booked} < ${slots.reserved}`);
  const system: Actor = { id: null, name: "system", requestId: null };
  let released = 0;
  for (const { id } of await db.select({ id: slots.id }).from(slots).where(due)) {
    const done = await inTransaction(db, async (tx) => {
      const [slot] = await tx
        .select()
        .from(slots)
        .where(and(eq(slots.id, id), due))
        .for("update", { skipLocked: true });
      if (!slot) return false;
      await markReleased(tx, system, slot, now);
      return true;
    });
    if (done) released++;
  }
  return released;
}

/** Gives a booked unit back (the referral was rejected, cancelled or expired before the visit). */
export async function unbookUnit(db: Db, kind: "slot" | "bed", id: string): Promise<void> {
  const table = kind === "slot" ? slots : beds;
  await db
    .update(table)
    .set({ booked: sql`${table.booked} - 1`, updatedAt: new Date() })
    .where(and(eq(table.id, id), sql`${table.booked} > 0`));
}
