import { DomainError, notFound } from "@medbridge/core";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { institutions, planRuns } from "../db/schema.ts";

/**
 * A planner run's life: asked for (a `running` row with a deadline), worked in this process (the
 * solve happens in the solver thread), finished (`done` with its result, or `failed` with a
 * message). The row, not the process, is the truth: any server process answers `GET /plans/{id}`,
 * and a run whose process died (still `running` past its deadline) reads as failed.
 */

export type PlanKind = "roster" | "pairing";
export type PlanStatus = "running" | "done" | "failed";
export type PlanRunRow = typeof planRuns.$inferSelect;

/** Time a run gets beyond its solver's time limit (loading, modelling, decoding) before it counts as lost. */
export const RUN_DEADLINE_GRACE_MS = 60_000;
/** What a run lost with its process says. */
export const RUN_STOPPED_MESSAGE = "the server stopped before the plan was finished";

export interface RunRequest {
  kind: PlanKind;
  supporterId: string | null;
  regionCode: string | null;
  year: number | null;
  /** The request as the planner took it (defaults filled in), shown back with the run. */
  params: Record<string, unknown>;
  /** The province whose officials may read the run (null for a national run). */
  provinceCode: string | null;
  requestedBy: string;
  timeLimitSeconds: number;
}

export interface RunOutcome {
  result: unknown;
  /** The roster the plan was made from (roster runs). */
  fingerprint?: string | null;
}

export interface RunOptions {
  now: () => Date;
  /** How long the request waits for the run before answering 202 (ms). */
  waitMs: number;
  /** Where an unexpected failure is logged (the message kept on the run says less). */
  logError: (error: unknown) => void;
}

/** Runs still working in this process (tests and shutdown can wait for them). */
const inFlight = new Set<Promise<void>>();
/**
 * The time limits of the runs in flight here: they share the solver thread, so a run may wait for
 * those before it, and its deadline (past which readers take it for dead) allows for that wait.
 */
let secondsInFlight = 0;

/** Resolves once every run started in this process has finished and been written. */
export async function runsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/**
 * Creates the run, starts `work` and waits for it up to `waitMs`. Answers whether it finished in
 * that time. The work's promise never rejects: its failure is written on the run.
 */
export async function startRun(db: Db, request: RunRequest, work: () => Promise<RunOutcome>, options: RunOptions): Promise<{ id: string; finished: boolean }> {
  const [row] = await db
    .insert(planRuns)
    .values({
      kind: request.kind,
      status: "running",
      supporterId: request.supporterId,
      regionCode: request.regionCode,
      year: request.year,
      params: request.params,
      deadline: new Date(options.now().getTime() + (secondsInFlight + request.timeLimitSeconds) * 1000 + RUN_DEADLINE_GRACE_MS),
      requestedBy: request.requestedBy,
      provinceCode: request.provinceCode,
    })
    .returning({ id: planRuns.id });
  const id = (row as { id: string }).id;
  let finished = false;
  secondsInFlight += request.timeLimitSeconds;
  const running = (async () => {
    try {
      const outcome = await work();
      await finish(db, id, { status: "done", result: outcome.result, rosterFingerprint: outcome.fingerprint ?? null, error: null }, options.now());
    } catch (error) {
      options.logError(error);
      await finish(db, id, { status: "failed", result: null, rosterFingerprint: null, error: failureMessage(error) }, options.now()).catch(options.logError);
    } finally {
      finished = true;
      secondsInFlight -= request.timeLimitSeconds;
    }
  })();
  inFlight.add(running);
  running.finally(() => inFlight.delete(running)).catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, options.waitMs))))]);
  clearTimeout(timer);
  return { id, finished };
}

async function finish(
  db: Db,
  id: string,
  outcome: { status: PlanStatus; result: unknown; rosterFingerprint: string | null; error: string | null },
  at: Date,
): Promise<void> {
  await db
    .update(planRuns)
    .set({ ...outcome, finishedAt: at, updatedAt: at })
    .where(and(eq(planRuns.id, id), eq(planRuns.status, "running")));
}

/**
 * What a failed run says: our own errors' messages (they name fields and rules, never people),
 * the solver's, or a plain sentence — never a stack.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  if (error instanceof Error && /^the solver\b/.test(error.message)) return error.message.slice(0, 300);
  return "the planner failed unexpectedly";
}

/** A run as readers see it: a `running` row past its deadline is a run whose process stopped. */
export function effectiveRun<R extends Pick<PlanRunRow, "status" | "deadline" | "error">>(row: R, now: Date): R {
  if (row.status === "running" && row.deadline.getTime() < now.getTime()) return { ...row, status: "failed", error: RUN_STOPPED_MESSAGE };
  return row;
}

export async function getRun(db: Db, id: string, now: Date): Promise<PlanRunRow> {
  const [row] = await db.select().from(planRuns).where(eq(planRuns.id, id));
  if (!row) throw notFound("plan");
  return effectiveRun(row, now);
}

/**
 * A page of runs, newest first, under the caller's scope condition (which may name the supporter's
 * `institutions` row, joined here) and the filters asked; results are left out but for a roster
 * plan's verdict.
 */
export async function listRuns(db: Db, scope: SQL | undefined, filters: { kind?: PlanKind; supporterId?: string; page: number; pageSize: number }, now: Date) {
  const where = and(
    scope,
    filters.kind ? eq(planRuns.kind, filters.kind) : undefined,
    filters.supporterId ? eq(planRuns.supporterId, filters.supporterId) : undefined,
  );
  const page = await paged(
    filters.page,
    filters.pageSize,
    db
      .select({
        id: planRuns.id,
        kind: planRuns.kind,
        status: planRuns.status,
        supporterId: planRuns.supporterId,
        supporterName: institutions.name,
        regionCode: planRuns.regionCode,
        year: planRuns.year,
        error: planRuns.error,
        deadline: planRuns.deadline,
        feasible: sql<boolean | null>`(${planRuns.result} ->> 'feasible')::boolean`,
        createdAt: planRuns.createdAt,
        finishedAt: planRuns.finishedAt,
        appliedAt: planRuns.appliedAt,
      })
      .from(planRuns)
      .leftJoin(institutions, eq(institutions.id, planRuns.supporterId))
      .where(where)
      .orderBy(desc(planRuns.createdAt), desc(planRuns.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(planRuns).leftJoin(institutions, eq(institutions.id, planRuns.supporterId)).where(where),
  );
  return {
    ...page,
    items: page.items.map((r) => {
      const { deadline: _, ...run } = effectiveRun(r, now);
      return { ...run, kind: run.kind as PlanKind, status: run.status as PlanStatus };
    }),
  };
}
