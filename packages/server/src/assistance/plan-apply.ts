import { conflict, type Day, DomainError, day, formatDay, invalid, notFound, type RosterPlan } from "@medbridge/core";
import { and, eq, inArray, lte } from "drizzle-orm";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { dispatches, institutions, planRuns } from "../db/schema.ts";
import { insertDispatch } from "./dispatches.ts";
import { effectiveRun } from "./plan-runs.ts";
import type { PlanApplyAnswer } from "./plan-schemas.ts";
import { rosterFingerprint } from "./roster-plan.ts";

/**
 * Applies a finished roster plan, inside the caller's transaction: the run row is locked, the
 * supporter's roster must be exactly the one the plan was made from (fingerprint), the dropped
 * dispatches are cancelled first (a person moved from a dropped stay to a new one must not meet
 * their old self in the exclusion constraint), then each new dispatch goes through the same checks
 * and insert as one created by hand. Any failure throws, and the transaction takes everything
 * back. One audit entry says what the plan did (ids only: no names).
 */
export async function applyRosterPlan(db: Db, actor: Actor, runId: string, now: Date, today: Day): Promise<PlanApplyAnswer> {
  const [locked] = await db.select().from(planRuns).where(eq(planRuns.id, runId)).for("update");
  if (!locked) throw notFound("plan");
  const run = effectiveRun(locked, now);
  if (run.kind !== "roster" || !run.supporterId || run.year === null) {
    throw invalid([{ path: "id", code: "not_allowed", params: { reason: "plan_not_roster" }, message: "only a roster plan can be applied" }]);
  }
  if (run.status !== "done" || !run.result) {
    throw invalid([
      { path: "id", code: "not_allowed", params: { reason: "plan_not_finished", status: run.status }, message: `the plan is ${run.status}, not done` },
    ]);
  }
  if (run.appliedAt) {
    throw conflict(
      [{ path: "id", code: "not_allowed", params: { reason: "plan_applied" }, message: "has been applied already" }],
      "The plan was applied already",
    );
  }
  const params = run.params as { departmentMaxAwayShare?: number };
  const fingerprint = await rosterFingerprint(db, run.supporterId, run.year, { departmentMaxAwayShare: params.departmentMaxAwayShare ?? 0.34, today });
  if (fingerprint !== run.rosterFingerprint) {
    throw conflict(
      [{ path: "id", code: "not_allowed", params: { reason: "roster_changed" }, message: "the roster changed since this plan was made; run it again" }],
      "The roster changed since this plan was made",
    );
  }
  const plan = run.result as RosterPlan;
  // Days gone by are facts: a plan made before today may not start or cancel a stay on or before it.
  const begun = plan.dispatches.some((d) => day(d.start) <= today);
  const droppedBegun =
    plan.dropped.length > 0 &&
    (
      await db
        .select({ id: dispatches.id })
        .from(dispatches)
        .where(and(inArray(dispatches.id, plan.dropped), lte(dispatches.plannedStart, formatDay(today))))
    ).length > 0;
  if (begun || droppedBegun) {
    throw conflict(
      [{ path: "id", code: "not_allowed", params: { reason: "plan_outdated" }, message: "the plan has stays that have begun; run it again" }],
      "The plan has stays that have begun",
    );
  }

  let cancelled = 0;
  if (plan.dropped.length) {
    const rows = await db
      .update(dispatches)
      .set({ status: "cancelled", updatedAt: now })
      .where(and(inArray(dispatches.id, plan.dropped), eq(dispatches.status, "planned")))
      .returning({ id: dispatches.id });
    cancelled = rows.length;
  }
  const dispatchIds: string[] = [];
  for (const [i, d] of plan.dispatches.entries()) {
    try {
      const { id } = await insertDispatch(db, d.agreement, {
        practitionerId: d.person,
        role: d.role,
        title: d.title,
        batch: d.batch,
        plannedStart: d.start,
        plannedEnd: d.end,
        status: "planned",
      });
      dispatchIds.push(id);
    } catch (error) {
      // Name the plan's dispatch at fault (`dispatches[3].practitionerId`); the status stays.
      if (error instanceof DomainError) {
        throw new DomainError(
          error.code,
          error.message,
          error.errors.map((e) => ({ ...e, path: `dispatches[${i}].${e.path}` })),
          error.params,
        );
      }
      throw error;
    }
  }
  await db.update(planRuns).set({ appliedAt: now, appliedBy: actor.id, updatedAt: now }).where(eq(planRuns.id, runId));
  const [supporter] = await db.select({ regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, run.supporterId));
  await audit(db, actor, {
    action: "apply",
    entity: "plan",
    entityId: runId,
    regionCode: supporter?.regionCode ?? null,
    after: { supporterId: run.supporterId, year: run.year, created: dispatchIds, cancelled: plan.dropped },
  });
  return { created: dispatchIds.length, cancelled, dispatchIds };
}
