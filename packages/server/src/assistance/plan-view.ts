import { defaultPlanningProfile, type PairingPlan, type Profession, type RosterPlan } from "@medbridge/core";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreements, dispatches, institutions, practitioners, staffPlanning } from "../db/schema.ts";
import type { PlanRunRow } from "./plan-runs.ts";
import type { PlanRunAnswer } from "./plan-schemas.ts";

/**
 * A run as the API answers it. A stored plan names people, agreements and institutions by id only
 * (a plan is kept for months; a name changes, and personal data is not copied around): the names
 * are read now, and only the supporter's own staff are named.
 */
export async function planRunAnswer(db: Db, row: PlanRunRow): Promise<PlanRunAnswer> {
  const answer: PlanRunAnswer = {
    id: row.id,
    kind: row.kind as PlanRunAnswer["kind"],
    status: row.status as PlanRunAnswer["status"],
    supporterId: row.supporterId,
    regionCode: row.regionCode,
    year: row.year,
    params: row.params as Record<string, unknown>,
    result: (row.result ?? null) as PlanRunAnswer["result"],
    error: row.error,
    people: {},
    agreements: {},
    institutions: {},
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    appliedAt: row.appliedAt,
  };
  const result = row.result as RosterPlan | PairingPlan | null;
  if (result?.kind === "roster" && row.supporterId) {
    await nameRosterPlan(db, row.supporterId, result, answer);
  } else if (result?.kind === "pairing") {
    answer.institutions = await institutionNames(db, [...result.pairs.flatMap((p) => [p.recipient, p.supporter]), ...result.unmet.map((u) => u.recipient)]);
  } else if (row.supporterId) {
    answer.institutions = await institutionNames(db, [row.supporterId]);
  }
  return answer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ids = (list: readonly unknown[]) => [...new Set(list.filter((x): x is string => typeof x === "string" && UUID.test(x)))];

async function nameRosterPlan(db: Db, supporterId: string, plan: RosterPlan, answer: PlanRunAnswer): Promise<void> {
  const existingIds = ids([...plan.kept, ...plan.dropped]);
  const existing = existingIds.length
    ? await db.select({ person: dispatches.practitionerId, agreement: dispatches.agreementId }).from(dispatches).where(inArray(dispatches.id, existingIds))
    : [];
  const personIds = ids([...plan.dispatches.map((d) => d.person), ...existing.map((d) => d.person)]);
  const agreementIds = ids([
    ...plan.dispatches.map((d) => d.agreement),
    ...plan.checks.map((c) => c.agreement),
    ...plan.breaks.map((b) => ("agreement" in b ? b.agreement : null)),
    ...existing.map((d) => d.agreement),
  ]);
  if (personIds.length) {
    const people = await db
      .select({
        id: practitioners.id,
        name: practitioners.name,
        title: practitioners.title,
        profession: practitioners.profession,
        specialty: practitioners.specialty,
        department: staffPlanning.department,
      })
      .from(practitioners)
      .leftJoin(staffPlanning, eq(staffPlanning.practitionerId, practitioners.id))
      .where(and(inArray(practitioners.id, personIds), eq(practitioners.institutionId, supporterId)));
    for (const p of people) {
      answer.people[p.id] = {
        name: p.name,
        title: p.title as PlanRunAnswer["people"][string]["title"],
        department: p.department ?? defaultPlanningProfile(p.profession as Profession, p.specialty).department,
      };
    }
  }
  if (agreementIds.length) {
    const rows = await db
      .select({ id: agreements.id, code: agreements.code, recipientName: institutions.name })
      .from(agreements)
      .innerJoin(institutions, eq(institutions.id, agreements.recipientId))
      .where(inArray(agreements.id, agreementIds));
    for (const a of rows) answer.agreements[a.id] = { code: a.code, recipientName: a.recipientName };
  }
  answer.institutions = await institutionNames(db, [supporterId]);
}

async function institutionNames(db: Db, list: readonly string[]): Promise<PlanRunAnswer["institutions"]> {
  const wanted = ids(list);
  if (wanted.length === 0) return {};
  const rows = await db
    .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode })
    .from(institutions)
    .where(inArray(institutions.id, wanted));
  return Object.fromEntries(rows.map((r) => [r.id, { name: r.name, regionCode: r.regionCode }]));
}
