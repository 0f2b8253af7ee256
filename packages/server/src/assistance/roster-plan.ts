import { createHash } from "node:crypto";
import {
  buildRosterModel,
  type Day,
  type DispatchRole,
  day,
  defaultPlanningProfile,
  type ExistingDispatch,
  formatDay,
  type PlanAgreement,
  type PlanCandidate,
  type Profession,
  type RosterPlan,
  type RosterPlanInput,
  type Title,
  yearEnd,
  yearStart,
} from "@medbridge/core";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, dispatches, practitioners, staffPlanning } from "../db/schema.ts";
import { solveByPricing } from "../solver/priced-solve.ts";
import { type PackRow, resolvePack } from "./packs.ts";

/**
 * The roster planner's input for one supporting hospital and year, read from the database:
 * - its agreements (it is one of the supporters) that meet the year and are active or drafted,
 *   each with its rule pack (built-in or a province's copy);
 * - its active staff, each with their planning profile (or the default for their profession);
 * - every non-cancelled dispatch that constrains the plan: those of the agreements (whoever is
 *   stationed) and those of the staff (wherever they go), a year either side of the planned year
 *   (a stay crossing the new year still counts for stays and for "nobody in two places").
 * Only planned dispatches of our staff at our agreements, starting after today, may be moved.
 */
export interface RosterPlanOptions {
  departmentMaxAwayShare: number;
  /** Today in China: a planned dispatch starting today or earlier is a fact. */
  today: Day;
}

export interface LoadedRosterPlan {
  input: RosterPlanInput;
  /** Hash of the dispatches the plan depends on; apply refuses when it moved. */
  fingerprint: string;
}

/** Agreement statuses a plan covers (suspended and ended agreements get no new dispatches). */
const PLANNED_STATUSES = ["active", "draft"];

export async function loadRosterPlanInput(db: Db, supporterId: string, year: number, options: RosterPlanOptions): Promise<LoadedRosterPlan> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const agreementRows = await db
    .select({
      id: agreements.id,
      code: agreements.code,
      packId: agreements.packId,
      startsOn: agreements.startsOn,
      endsOn: agreements.endsOn,
      specialties: agreements.specialties,
    })
    .from(agreementSupporters)
    .innerJoin(agreements, sql`${agreements.id} = ${agreementSupporters.agreementId}`)
    .where(
      sql`${agreementSupporters.institutionId} = ${supporterId} and ${agreements.startsOn} <= ${to} and ${agreements.endsOn} >= ${from}
          and ${agreements.status} in (${sql.join(
            PLANNED_STATUSES.map((s) => sql`${s}`),
            sql`, `,
          )})`,
    )
    .orderBy(agreements.code);
  const packs = new Map<string, PackRow | undefined>();
  for (const id of new Set(agreementRows.map((a) => a.packId))) packs.set(id, await resolvePack(db, id));
  const planAgreements: PlanAgreement[] = agreementRows.flatMap((a) => {
    const pack = packs.get(a.packId);
    // An agreement naming a pack that no longer exists is skipped, as the compliance board does.
    if (!pack) return [];
    return [{ id: a.id, code: a.code, pack, start: day(a.startsOn), end: day(a.endsOn), specialties: a.specialties }];
  });

  const staff = await db
    .select({
      id: practitioners.id,
      profession: practitioners.profession,
      title: practitioners.title,
      specialty: practitioners.specialty,
      department: staffPlanning.department,
      roles: staffPlanning.roles,
      earliestStart: staffPlanning.earliestStart,
      unavailable: staffPlanning.unavailable,
      stored: staffPlanning.practitionerId,
    })
    .from(practitioners)
    .leftJoin(staffPlanning, sql`${staffPlanning.practitionerId} = ${practitioners.id}`)
    .where(sql`${practitioners.institutionId} = ${supporterId} and ${practitioners.active}`)
    .orderBy(practitioners.id);
  const candidates: PlanCandidate[] = staff.map((p) => {
    const fallback = defaultPlanningProfile(p.profession as Profession, p.specialty);
    return {
      person: p.id,
      roles: p.stored ? (p.roles as DispatchRole[]) : fallback.roles,
      title: p.title as Title,
      specialty: p.specialty,
      department: p.stored && p.department ? p.department : fallback.department,
      unavailable: p.stored ? (p.unavailable ?? []).map((u) => ({ start: day(u.start), end: day(u.end) })) : [],
      earliestStart: p.stored && p.earliestStart ? day(p.earliestStart) : null,
    };
  });

  const rows = await loadDispatches(
    db,
    planAgreements.map((a) => a.id),
    candidates.map((c) => c.person),
    year,
  );
  const ours = new Set(planAgreements.map((a) => a.id));
  const people = new Set(candidates.map((c) => c.person));
  const existing: ExistingDispatch[] = rows.map((r) => ({
    id: r.id,
    agreement: r.agreement_id,
    person: r.person,
    role: r.role as DispatchRole,
    title: r.title as Title,
    start: Number(r.start),
    end: Number(r.end),
    batch: r.batch,
    replaceable: r.status === "planned" && people.has(r.person) && ours.has(r.agreement_id) && day(r.planned_start) > options.today,
  }));
  return {
    input: { year, agreements: planAgreements, candidates, existing, departmentMaxAwayShare: options.departmentMaxAwayShare, today: options.today },
    fingerprint: fingerprintOf(rows, { agreements: planAgreements, candidates }),
  };
}

interface DispatchRow {
  id: string;
  agreement_id: string;
  person: string;
  role: string;
  title: string;
  batch: string | null;
  status: string;
  planned_start: string;
  start: number;
  end: number;
  /** updated_at in microseconds since the epoch, as text (exact, whatever the driver does with timestamps). */
  updated: string;
}

/** The dispatches a plan for `year` depends on, in id order (see loadRosterPlanInput). */
async function loadDispatches(db: Db, agreementIds: string[], people: string[], year: number): Promise<DispatchRow[]> {
  if (agreementIds.length === 0 && people.length === 0) return [];
  const windowStart = formatDay(yearStart(year - 1));
  const windowEnd = formatDay(yearEnd(year + 1));
  const result = await db.execute(sql`
    select d.id, d.agreement_id, d.practitioner_id as person, d.role, d.title, d.batch, d.status,
           d.planned_start::text as planned_start,
           coalesce(d.actual_start, d.planned_start) - date '1970-01-01' as start,
           coalesce(d.actual_end, d.planned_end) - date '1970-01-01' as "end",
           (extract(epoch from d.updated_at) * 1000000)::bigint::text as updated
    from ${dispatches} d
    where d.status <> 'cancelled'
      and (d.agreement_id = any(${`{${agreementIds.join(",")}}`}::uuid[]) or d.practitioner_id = any(${`{${people.join(",")}}`}::uuid[]))
      and coalesce(d.actual_start, d.planned_start) <= ${windowEnd}::date
      and coalesce(d.actual_end, d.planned_end) >= ${windowStart}::date
    order by d.id`);
  return (result as unknown as { rows: DispatchRow[] }).rows;
}

/**
 * sha256 over what the plan was made from: each dispatch's id, status, effective interval and last
 * change (in id order), and the agreements (periods, packs with their rules) and candidates (titles,
 * roles, departments, absences) as loaded — a leave recorded or a pack edited after the plan
 * changes it too.
 */
function fingerprintOf(rows: readonly DispatchRow[], inputs: Pick<RosterPlanInput, "agreements" | "candidates">): string {
  const hash = createHash("sha256");
  for (const r of rows) hash.update(`${r.id}|${r.status}|${Number(r.start)}|${Number(r.end)}|${r.updated}\n`);
  hash.update(JSON.stringify(inputs));
  return hash.digest("hex");
}

/** The fingerprint alone (apply recomputes it inside its transaction). */
export async function rosterFingerprint(db: Db, supporterId: string, year: number, options: RosterPlanOptions): Promise<string> {
  return (await loadRosterPlanInput(db, supporterId, year, options)).fingerprint;
}

export interface RosterPlanParams extends RosterPlanOptions {
  supporterId: string;
  year: number;
  timeLimitSeconds: number;
}

/** Loads, models, solves (HiGHS in the solver thread) and decodes: the plan and the roster it saw. */
export async function planRoster(db: Db, params: RosterPlanParams): Promise<{ plan: RosterPlan; fingerprint: string }> {
  const { input, fingerprint } = await loadRosterPlanInput(db, params.supporterId, params.year, params);
  const { model, initialColumns, decode } = buildRosterModel(input);
  const result = await solveByPricing(model, initialColumns, { timeLimitSeconds: params.timeLimitSeconds, relativeGap: 0.001 });
  return { plan: decode(result), fingerprint };
}
