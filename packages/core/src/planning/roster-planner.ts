import type { Bilingual } from "../assistance/messages.ts";
import type { RuleConfig, RulePack } from "../assistance/rule-packs.ts";
import { type DispatchRole, PHYSICIAN_ROLES } from "../assistance/vocabulary.ts";
import { addMonths, type Day, formatDay, type Interval, yearEnd, yearStart } from "../dates.ts";
import { TITLES, type Title } from "../registry.ts";
import { type LinearModel, ModelBuilder, type SolveResult, type SolverSummary, solverSummary } from "./linear-model.ts";
import { PLAN_MESSAGES } from "./plan-messages.ts";
import { checkRosterPlan, type PlanCheck } from "./roster-check.ts";

/**
 * The roster planner: for one supporting hospital and one year, which of its staff go where and
 * when, so that every agreement passes its rule pack, at the least disruption. It builds a
 * mixed-integer model for HiGHS and reads the solution back; it never solves (core is pure).
 *
 * The model, in words:
 * - A *stint* is one person at one agreement in one role, starting on the first of a month of the
 *   year (or the agreement's first day) and lasting exactly the pack's minimum months, so every
 *   stint meets the continuous-stay rule by construction (end = addMonths(start, N) − 1, the
 *   spec's definition). Stints overlapping the person's unavailability, their earliest start or
 *   their fixed dispatches are never generated.
 * - An existing *planned* dispatch of ours is an option too ("keep"); dropping it costs a change.
 *   Active and completed dispatches, and other supporters' dispatches, are facts.
 * - Rules: coverage of every day of the evaluated year (per elementary segment), distinct persons,
 *   the roles a pack's composition asks, seniors and size per batch, a fixed physician; nobody in
 *   two places (one row per person and stint start day, the cliques of an interval graph); a
 *   department never has more than its limit away in any month.
 * - Every rule row has a slack with a large cost, so the model always has a solution: the best
 *   plan with the fewest (and smallest) rule breaks, each named from its slack.
 * - Objective: person-months away, changes to what was planned, stints outside the agreement's
 *   specialties, and the largest department share of months away (fairness), then the slacks.
 */

export interface PlanCandidate {
  person: string;
  roles: DispatchRole[];
  title: Title;
  specialty: string | null;
  department: string;
  unavailable: Interval[];
  earliestStart: Day | null;
}

export interface PlanAgreement {
  id: string;
  code: string;
  pack: RulePack;
  start: Day;
  end: Day;
  specialties: string[];
}

export interface ExistingDispatch {
  id: string;
  agreement: string;
  person: string;
  role: DispatchRole;
  title: Title;
  start: Day;
  end: Day;
  batch: string | null;
  /** A planned dispatch of ours the plan may drop; everything else is a fact. */
  replaceable: boolean;
}

export interface RosterPlanInput {
  year: number;
  agreements: PlanAgreement[];
  candidates: PlanCandidate[];
  existing: ExistingDispatch[];
  /** Share of a department's staff that may be away at once (at least one person always may). */
  departmentMaxAwayShare: number;
  /** Department headcounts when the candidates are not the whole department (default: candidates per department). */
  departmentSizes?: Record<string, number>;
  /**
   * The day the plan is made: new stays start after it, and only planned stays that start after it
   * may be dropped (a day gone by is a fact; left uncovered, it is a named break).
   */
  today?: Day;
}

export const DEFAULT_DEPARTMENT_MAX_AWAY_SHARE = 0.34;
/**
 * A pack without a duration rule (city_to_community) still needs a stint length to plan: a
 * quarter, our default rather than a published number, the shortest stay worth a move.
 */
export const STAY_MONTHS_WITHOUT_RULE = 3;

export type PlanBreak = (
  | { rule: "full_year_coverage"; agreement: string; from: string; to: string }
  | { rule: "min_staff"; agreement: string; missing: number; required: number }
  | { rule: "composition"; agreement: string; role: DispatchRole }
  | { rule: "senior_title"; agreement: string; batch: string; missing: number; minTitle: Title }
  | { rule: "batch_size"; agreement: string; batch: string; missing: number; min: number }
  | { rule: "fixed_physician"; agreement: string; minTitle: Title }
  | { rule: "department_limit"; department: string; month: string; over: number }
  | { rule: "min_continuous_stay"; agreement: string; persons: string[]; months: number }
) & { message: Bilingual };

export interface PlannedDispatch {
  agreement: string;
  person: string;
  role: DispatchRole;
  title: Title;
  start: string;
  end: string;
  batch: string | null;
}

export interface RosterPlan {
  kind: "roster";
  year: number;
  solver: SolverSummary;
  /** True when the plan breaks no rule (the engine's checks all pass). */
  feasible: boolean;
  dispatches: PlannedDispatch[];
  kept: string[];
  dropped: string[];
  breaks: PlanBreak[];
  reasons: Bilingual[];
  checks: PlanCheck[];
  totals: { personMonths: number; changes: number; newDispatches: number };
}

/**
 * Objective weights, in points. What matters first is that every rule holds (slacks dwarf all
 * else); then how much the hospital gives up: a person-month away is 100 points and changing a
 * stay already planned costs as much as four; last, small preferences that only choose between
 * plans of the same size: a stint outside the agreement's specialties (10) and the largest
 * department share of months away per head (50 per month a head).
 */
const COST = {
  personMonth: 100,
  change: 400,
  specialtyMismatch: 10,
  fairness: 50,
  uncoveredDay: 5_000,
  missingPerson: 500_000,
  departmentOver: 200_000,
} as const;

/**
 * Among plans of the same cost, the one with earlier starts and, then, the candidates in the order
 * given: the same input always gives the same plan, and the solver is not left to wander among
 * thousands of equal ones (symmetric models are slow to prove). At most a few points in all,
 * far below the 0.1% the solve is asked to prove.
 */
const tieBreak = (daysFromStart: number, rank: number) => 0.0003 * daysFromStart + 0.001 * rank;

const titleRank = (t: Title) => TITLES.indexOf(t);
const DAYS_PER_MONTH = 365.25 / 12;

/** An option the model may choose: a new stint, or keeping an existing planned dispatch. */
interface Option {
  column: number;
  person: string;
  agreement: string;
  role: DispatchRole;
  title: Title;
  start: Day;
  end: Day;
  months: number;
  keep: ExistingDispatch | null;
}

function rule<I extends RuleConfig["id"]>(pack: RulePack, id: I): Extract<RuleConfig, { id: I }> | undefined {
  return pack.rules.find((r): r is Extract<RuleConfig, { id: I }> => r.id === id);
}

/** The stint lengths a pack allows: its continuous-stay minimum, and the fixed physician's when longer. */
function stintMonths(pack: RulePack): number[] {
  const stay = rule(pack, "min_continuous_stay")?.months;
  const fixed = rule(pack, "fixed_physician")?.months;
  const base = stay ?? fixed ?? STAY_MONTHS_WITHOUT_RULE;
  return fixed !== undefined && fixed > base ? [base, fixed] : [base];
}

const overlapsAny = (i: Interval, list: readonly Interval[]) => list.some((o) => o.start <= i.end && i.start <= o.end);

/** The evaluated period of an agreement in the year (null when they do not meet). */
export function evaluatedPeriod(agreement: Pick<PlanAgreement, "start" | "end">, year: number): Interval | null {
  const start = Math.max(yearStart(year), agreement.start);
  const end = Math.min(yearEnd(year), agreement.end);
  return start <= end ? { start, end } : null;
}

function monthKey(d: Day): string {
  return formatDay(d).slice(0, 7);
}

/** First days of the months an interval touches. */
function monthsTouched(i: Interval): Day[] {
  const out: Day[] = [];
  const first = formatDay(i.start);
  let m = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, 1) / 86_400_000;
  while (m <= i.end) {
    out.push(m);
    m = addMonths(m, 1);
  }
  return out;
}

export interface RosterModel {
  model: LinearModel;
  /**
   * The columns a priced solve starts from: every column but the new stints, and the stints that
   * start on the first day of the evaluated period or on the first of July (enough to cover a year
   * twice over); pricing adds the others that can lower the cost.
   */
  initialColumns: boolean[];
  decode(result: SolveResult): RosterPlan;
}

export function buildRosterModel(input: RosterPlanInput): RosterModel {
  const b = new ModelBuilder();
  const { year } = input;
  const candidates = new Map(input.candidates.map((c) => [c.person, c]));
  const agreements = input.agreements.filter((a) => evaluatedPeriod(a, year) !== null);
  // Only this year's planned stays are the plan's to keep or drop; other years' are facts here.
  const periodOf = new Map(agreements.map((a) => [a.id, evaluatedPeriod(a, year) as Interval]));
  const inThisYear = (d: ExistingDispatch) => {
    const p = periodOf.get(d.agreement);
    return p !== undefined && d.start <= p.end && p.start <= d.end;
  };
  const replaceable = input.existing.filter(
    (d) => d.replaceable && candidates.has(d.person) && inThisYear(d) && (input.today === undefined || d.start > input.today),
  );
  const facts = input.existing.filter((d) => !replaceable.includes(d));

  // Busy periods of each candidate that no plan can move: their facts, wherever they are.
  const busy = new Map<string, Interval[]>();
  for (const d of facts) if (candidates.has(d.person)) busy.set(d.person, [...(busy.get(d.person) ?? []), d]);

  const options: Option[] = [];

  // Keeping an existing planned dispatch saves the change cost; one that would leave a stay shorter
  // than the pack asks (merged with the person's facts there) cannot be kept.
  for (const d of replaceable) {
    const a = agreements.find((x) => x.id === d.agreement) as PlanAgreement;
    const minMonths = rule(a.pack, "min_continuous_stay")?.months;
    if (
      minMonths !== undefined &&
      !reachesMonths(
        d,
        facts.filter((f) => f.person === d.person && f.agreement === d.agreement),
        minMonths,
      )
    )
      continue;
    const months = (d.end - d.start + 1) / DAYS_PER_MONTH;
    const column = b.column(`keep_${d.id}`, { cost: months * COST.personMonth - COST.change });
    options.push({ column, person: d.person, agreement: d.agreement, role: d.role, title: d.title, start: d.start, end: d.end, months, keep: d });
  }

  // New stints.
  for (const a of agreements) {
    const period = evaluatedPeriod(a, year) as Interval;
    const alreadyCounting = new Set(facts.filter((d) => d.agreement === a.id && d.start <= period.end && period.start <= d.end).map((d) => d.person));
    const starts = new Set<Day>();
    for (const m of monthsTouched(period)) starts.add(Math.max(m, period.start));
    if (input.today !== undefined && input.today + 1 > period.start && input.today + 1 <= period.end) starts.add(input.today + 1);
    for (const [rank, c] of input.candidates.entries()) {
      if (alreadyCounting.has(c.person)) continue;
      const blocked = [...(busy.get(c.person) ?? []), ...c.unavailable];
      const mismatch = a.specialties.length > 0 && !(c.specialty && a.specialties.includes(c.specialty));
      // Besides the first of each month, a person may start the day after something of theirs ends
      // (an unavailability, a fixed stay): "free from 08-16" means from 08-16, not from 09-01.
      const own = new Set(starts);
      for (const i of blocked) if (i.end + 1 >= period.start && i.end + 1 <= period.end) own.add(i.end + 1);
      if (c.earliestStart !== null && c.earliestStart >= period.start && c.earliestStart <= period.end) own.add(c.earliestStart);
      for (const months of stintMonths(a.pack)) {
        for (const start of own) {
          if (start > period.end || (c.earliestStart !== null && start < c.earliestStart) || (input.today !== undefined && start <= input.today)) continue;
          const end = addMonths(start, months) - 1;
          if (end > a.end || overlapsAny({ start, end }, blocked)) continue;
          for (const role of c.roles) {
            const cost = months * COST.personMonth + (mismatch ? COST.specialtyMismatch : 0) + tieBreak(start - period.start, rank);
            const column = b.column(`x_${c.person}_${a.id}_${formatDay(start)}_${months}_${role}`, { cost });
            options.push({ column, person: c.person, agreement: a.id, role, title: c.title, start, end, months, keep: null });
          }
        }
      }
    }
  }

  // Slack columns, remembered with what they mean.
  const slacks: { column: number; name: (value: number) => PlanBreak | null }[] = [];
  const slack = (name: string, cost: number, upper: number, meaning: (value: number) => PlanBreak | null) => {
    const column = b.column(name, { cost, upper, integer: false });
    slacks.push({ column, name: meaning });
    return column;
  };

  // A person counts for an agreement when one of their options there is chosen: `count` is that
  // sum when they have one kind of option, else an OR column tied above and below.
  const personTerm = new Map<string, [number, number][]>();
  const countTerms = (agreement: string, pred: (o: Option) => boolean = () => true): [number, number][] => {
    const byPerson = new Map<string, Option[]>();
    for (const o of options) if (o.agreement === agreement && pred(o)) byPerson.set(o.person, [...(byPerson.get(o.person) ?? []), o]);
    const terms: [number, number][] = [];
    for (const [person, list] of byPerson) {
      const keeps = list.filter((o) => o.keep);
      if (keeps.length <= 1) {
        for (const o of list) terms.push([o.column, 1]);
        continue;
      }
      const key = `${person}|${agreement}|${list.map((o) => o.column).join(",")}`;
      let term = personTerm.get(key);
      if (!term) {
        const w = b.column(`counts_${person}_${agreement}_${personTerm.size}`, { integer: false });
        b.row(`counts_up_${w}`, [[w, 1], ...list.map((o): [number, number] => [o.column, -1])], Number.NEGATIVE_INFINITY, 0);
        for (const o of list)
          b.row(
            `counts_down_${w}_${o.column}`,
            [
              [o.column, 1],
              [w, -1],
            ],
            Number.NEGATIVE_INFINITY,
            0,
          );
        term = [[w, 1]];
        personTerm.set(key, term);
      }
      terms.push(...term);
    }
    return terms;
  };

  const codeOf = new Map(agreements.map((a) => [a.id, a.code]));
  for (const a of agreements) {
    const period = evaluatedPeriod(a, year) as Interval;
    const mine = options.filter((o) => o.agreement === a.id);
    const factsHere = facts.filter((d) => d.agreement === a.id && d.start <= period.end && period.start <= d.end);
    const code = a.code;

    // One new stint per person and agreement, and no new stint beside a kept one.
    const byPerson = new Map<string, Option[]>();
    for (const o of mine) byPerson.set(o.person, [...(byPerson.get(o.person) ?? []), o]);
    for (const [person, list] of byPerson) {
      const fresh = list.filter((o) => !o.keep);
      if (fresh.length === 0) continue;
      const keeps = list.filter((o) => o.keep);
      if (keeps.length === 0)
        b.row(
          `one_${person}_${a.id}`,
          fresh.map((o) => [o.column, 1]),
          Number.NEGATIVE_INFINITY,
          1,
        );
      for (const k of keeps)
        b.row(`one_${person}_${a.id}_${k.column}`, [...fresh.map((o): [number, number] => [o.column, 1]), [k.column, 1]], Number.NEGATIVE_INFINITY, 1);
    }

    // Coverage of each elementary segment of the evaluated period.
    if (rule(a.pack, "full_year_coverage")) {
      const cuts = new Set<Day>([period.start, period.end + 1]);
      for (const i of [...factsHere, ...mine]) {
        if (i.start > period.start && i.start <= period.end) cuts.add(i.start);
        if (i.end + 1 > period.start && i.end + 1 <= period.end) cuts.add(i.end + 1);
      }
      const sorted = [...cuts].sort((x, y) => x - y);
      for (let k = 0; k + 1 < sorted.length; k++) {
        const seg = { start: sorted[k] as Day, end: (sorted[k + 1] as Day) - 1 };
        if (factsHere.some((d) => d.start <= seg.start && d.end >= seg.end)) continue;
        const days = seg.end - seg.start + 1;
        const u = slack(`uncovered_${a.id}_${formatDay(seg.start)}`, COST.uncoveredDay * days, 1, (v) =>
          v > 0.5 ? { rule: "full_year_coverage", agreement: a.id, from: formatDay(seg.start), to: formatDay(seg.end), message: { zh: "", en: "" } } : null,
        );
        const covering = mine.filter((o) => o.start <= seg.start && o.end >= seg.end).map((o): [number, number] => [o.column, 1]);
        b.row(`cover_${a.id}_${k}`, [...covering, [u, 1]], 1, Number.POSITIVE_INFINITY);
      }
    }

    const factPersons = new Set(factsHere.map((d) => d.person));
    const minStaff = rule(a.pack, "min_staff");
    if (minStaff) {
      const need = minStaff.min - factPersons.size;
      if (need > 0) {
        const u = slack(`staff_${a.id}`, COST.missingPerson, need, (v) =>
          v > 0.5
            ? {
                rule: "min_staff",
                agreement: a.id,
                missing: Math.round(v),
                required: minStaff.min,
                message: PLAN_MESSAGES.staff(code, Math.round(v), minStaff.min),
              }
            : null,
        );
        b.row(`staff_${a.id}`, [...countTerms(a.id), [u, 1]], need, Number.POSITIVE_INFINITY);
      }
    }

    const composition = rule(a.pack, "composition");
    for (const role of composition?.roles ?? []) {
      if (factsHere.some((d) => d.role === role)) continue;
      const u = slack(`role_${a.id}_${role}`, COST.missingPerson, 1, (v) =>
        v > 0.5 ? { rule: "composition", agreement: a.id, role, message: PLAN_MESSAGES.role(code, role) } : null,
      );
      const terms = mine.filter((o) => o.role === role).map((o): [number, number] => [o.column, 1]);
      b.row(`role_${a.id}_${role}`, [...terms, [u, 1]], 1, Number.POSITIVE_INFINITY);
    }

    const fixed = rule(a.pack, "fixed_physician");
    if (fixed && !factsHere.some((d) => qualifiesAsFixedPhysician(d, fixed, facts))) {
      const u = slack(`fixed_${a.id}`, COST.missingPerson, 1, (v) =>
        v > 0.5
          ? { rule: "fixed_physician", agreement: a.id, minTitle: fixed.minTitle, message: PLAN_MESSAGES.fixedPhysician(code, fixed.minTitle, fixed.months) }
          : null,
      );
      const terms = mine
        .filter((o) => PHYSICIAN_ROLES.includes(o.role) && titleRank(o.title) >= titleRank(fixed.minTitle) && lasts(o, fixed.months))
        .map((o): [number, number] => [o.column, 1]);
      b.row(`fixed_${a.id}`, [...terms, [u, 1]], 1, Number.POSITIVE_INFINITY);
    }

    // Batches (group_county): new stints join the year's batch (the latest one when several).
    const batchSize = rule(a.pack, "batch_size");
    const senior = rule(a.pack, "senior_title");
    if (batchSize || senior) {
      const target = plannedBatch(a.id, period, input.existing);
      const keyOf = (label: string | null) => label ?? "(all)";
      const labels = new Set([...factsHere.map((d) => keyOf(d.batch)), ...mine.filter((o) => o.keep).map((o) => keyOf(o.keep?.batch ?? null)), keyOf(target)]);
      for (const label of labels) {
        const inBatch = (o: Option) => (o.keep ? keyOf(o.keep.batch) === label : keyOf(target) === label);
        const factMembers = new Set(factsHere.filter((d) => keyOf(d.batch) === label).map((d) => d.person));
        const terms = countTerms(a.id, inBatch);
        if (terms.length === 0 && factMembers.size === 0) continue;
        // The batch exists when a fact is in it, or when one of its options is chosen.
        let exists: [number, number][] = [];
        if (factMembers.size === 0) {
          const e = b.column(`batch_exists_${a.id}_${label}`);
          for (const [column] of terms)
            b.row(
              `batch_exists_${a.id}_${label}_${column}`,
              [
                [column, 1],
                [e, -1],
              ],
              Number.NEGATIVE_INFINITY,
              0,
            );
          exists = [[e, 1]];
        }
        if (batchSize) {
          const u = slack(`batch_${a.id}_${label}`, COST.missingPerson, batchSize.min, (v) =>
            v > 0.5
              ? {
                  rule: "batch_size",
                  agreement: a.id,
                  batch: label,
                  missing: Math.round(v),
                  min: batchSize.min,
                  message: PLAN_MESSAGES.batch(code, Math.round(v), batchSize.min),
                }
              : null,
          );
          const lower = batchSize.min - factMembers.size;
          const scaled = (k: number) => exists.map(([c]): [number, number] => [c, -k]);
          b.row(
            `batch_min_${a.id}_${label}`,
            [...terms, [u, 1], ...scaled(factMembers.size === 0 ? batchSize.min : 0)],
            factMembers.size === 0 ? 0 : lower,
            Number.POSITIVE_INFINITY,
          );
          b.row(`batch_max_${a.id}_${label}`, terms, Number.NEGATIVE_INFINITY, Math.max(0, batchSize.max - factMembers.size));
        }
        if (senior) {
          const factSeniors = new Set(
            factsHere.filter((d) => keyOf(d.batch) === label && titleRank(d.title) >= titleRank(senior.minTitle)).map((d) => d.person),
          ).size;
          const need = senior.count - factSeniors;
          if (need > 0) {
            const u = slack(`senior_${a.id}_${label}`, COST.missingPerson, need, (v) =>
              v > 0.5
                ? {
                    rule: "senior_title",
                    agreement: a.id,
                    batch: label,
                    missing: Math.round(v),
                    minTitle: senior.minTitle,
                    message: PLAN_MESSAGES.senior(code, Math.round(v), senior.minTitle),
                  }
                : null,
            );
            const seniorTerms = countTerms(a.id, (o) => inBatch(o) && titleRank(o.title) >= titleRank(senior.minTitle));
            const scaled = exists.map(([c]): [number, number] => [c, -need]);
            b.row(`senior_${a.id}_${label}`, [...seniorTerms, [u, 1], ...scaled], factMembers.size === 0 ? 0 : need, Number.POSITIVE_INFINITY);
          }
        }
      }
    }
  }

  // Nobody in two places: at each day an option of a person starts, at most one of their options runs.
  const byPerson = new Map<string, Option[]>();
  for (const o of options) byPerson.set(o.person, [...(byPerson.get(o.person) ?? []), o]);
  for (const [person, list] of byPerson) {
    const startDays = [...new Set(list.map((o) => o.start))];
    for (const t of startDays) {
      const running = list.filter((o) => o.start <= t && o.end >= t);
      if (running.length > 1)
        b.row(
          `once_${person}_${formatDay(t)}`,
          running.map((o) => [o.column, 1]),
          Number.NEGATIVE_INFINITY,
          1,
        );
    }
  }

  // Departments: at most max(1, ⌊share × size⌋) away in any month; fairness over months away per head.
  const deptOf = (person: string) => candidates.get(person)?.department ?? "";
  const sizes = new Map<string, number>();
  for (const c of input.candidates) sizes.set(c.department, (sizes.get(c.department) ?? 0) + 1);
  for (const [d, n] of Object.entries(input.departmentSizes ?? {})) if (sizes.has(d)) sizes.set(d, Math.max(n, sizes.get(d) ?? 0));
  const caps = new Map([...sizes].map(([d, n]) => [d, Math.max(1, Math.floor(input.departmentMaxAwayShare * n + 1e-9))]));
  const fairness = b.column("fairness", { integer: false, upper: 1e6, cost: COST.fairness });
  for (const [dept, size] of sizes) {
    const mine = options.filter((o) => deptOf(o.person) === dept);
    if (mine.length === 0) continue;
    b.row(`fair_${dept}`, [[fairness, 1], ...mine.map((o): [number, number] => [o.column, -o.months / size])], 0, Number.POSITIVE_INFINITY);
    const cap = caps.get(dept) as number;
    const monthly = new Map<Day, Option[]>();
    for (const o of mine) for (const m of monthsTouched(o)) monthly.set(m, [...(monthly.get(m) ?? []), o]);
    for (const [m, list] of monthly) {
      const monthEnd = addMonths(m, 1) - 1;
      const awayByFact = new Set(facts.filter((f) => deptOf(f.person) === dept && f.start <= monthEnd && m <= f.end).map((f) => f.person)).size;
      const room = Math.max(0, cap - awayByFact);
      if (list.length <= room) continue;
      const u = slack(`dept_${dept}_${monthKey(m)}`, COST.departmentOver, list.length, (v) =>
        v > 0.5
          ? {
              rule: "department_limit",
              department: dept,
              month: monthKey(m),
              over: Math.round(v),
              message: PLAN_MESSAGES.department(dept, monthKey(m), Math.round(v), cap),
            }
          : null,
      );
      b.row(`dept_${dept}_${monthKey(m)}`, [...list.map((o): [number, number] => [o.column, 1]), [u, -1]], Number.NEGATIVE_INFINITY, room);
    }
  }

  const model = b.build();
  const initialColumns = model.cost.map(() => true);
  for (const o of options) {
    if (o.keep) continue;
    const a = agreements.find((x) => x.id === o.agreement) as PlanAgreement;
    const period = evaluatedPeriod(a, year) as Interval;
    initialColumns[o.column] = o.start === period.start || o.start === Date.UTC(year, 6, 1) / 86_400_000;
  }
  return {
    model,
    initialColumns,
    decode(result) {
      const chosen = (column: number) => (result.values[column] ?? 0) > 0.5;
      const picked = options.filter((o) => chosen(o.column));
      const dispatches: PlannedDispatch[] = picked
        .filter((o) => !o.keep)
        .map((o) => {
          const a = agreements.find((x) => x.id === o.agreement) as PlanAgreement;
          const usesBatches = rule(a.pack, "batch_size") || rule(a.pack, "senior_title");
          return {
            agreement: o.agreement,
            person: o.person,
            role: o.role,
            title: o.title,
            start: formatDay(o.start),
            end: formatDay(o.end),
            batch: usesBatches ? plannedBatch(a.id, evaluatedPeriod(a, year) as Interval, input.existing) : null,
          };
        })
        .sort((x, y) => x.agreement.localeCompare(y.agreement) || x.start.localeCompare(y.start) || x.person.localeCompare(y.person));
      const kept = picked.filter((o) => o.keep).map((o) => (o.keep as ExistingDispatch).id);
      const dropped = replaceable.filter((d) => !kept.includes(d.id)).map((d) => d.id);
      const breaks = mergeCoverageBreaks(
        slacks.flatMap((s) => {
          const found = s.name(result.values[s.column] ?? 0);
          return found ? [found] : [];
        }),
        codeOf,
      );
      const checks = checkRosterPlan(input, { dispatches, kept, dropped });
      // Stays already recorded that are too short are facts no plan can lengthen: named as breaks,
      // not taken for planner bugs. Any other failing rule with no slack to explain it is a bug.
      const planned = new Set([...dispatches.map((d) => `${d.person}|${d.agreement}`), ...picked.map((o) => `${o.person}|${o.agreement}`)]);
      for (const c of checks) {
        for (const r of c.rules) {
          if (r.id !== "min_continuous_stay" || r.status !== "fail" || !r.persons?.every((p) => !planned.has(`${p}|${c.agreement}`))) continue;
          const months = rule((agreements.find((a) => a.id === c.agreement) as PlanAgreement).pack, "min_continuous_stay")?.months ?? 0;
          breaks.push({
            rule: "min_continuous_stay",
            agreement: c.agreement,
            persons: r.persons,
            months,
            message: PLAN_MESSAGES.shortFacts(codeOf.get(c.agreement) ?? c.agreement, r.persons.length, months),
          });
        }
      }
      const explained = (agreement: string, id: string) =>
        breaks.some((b) => "agreement" in b && b.agreement === agreement && (b.rule === id || (id === "batch_size" && b.rule === "min_staff")));
      const unexplained = checks.flatMap((c) =>
        c.rules.filter((r) => r.status === "fail" && !explained(c.agreement, r.id)).map((r) => `${codeOf.get(c.agreement)}: ${r.messageEn}`),
      );
      if (result.values.length > 0 && unexplained.length > 0 && !breaks.some((b) => b.rule === "department_limit")) {
        throw new Error(`roster planner bug: the compliance engine fails a rule the plan should keep (${unexplained.join("; ")})`);
      }
      const feasible = result.values.length > 0 && breaks.length === 0 && checks.every((c) => c.status !== "fail");
      return {
        kind: "roster",
        year,
        solver: solverSummary(result, model),
        feasible,
        dispatches,
        kept,
        dropped,
        breaks,
        reasons: reasonsFor(breaks, agreements, input, options, result),
        checks,
        totals: {
          personMonths: Math.round(picked.reduce((sum, o) => sum + o.months, 0) * 10) / 10,
          changes: dropped.length,
          newDispatches: dispatches.length,
        },
      };
    },
  };
}

/** Whether an option's stay reaches `months` by the spec's definition (always true for generated stints). */
function lasts(o: Option, months: number): boolean {
  return o.end >= addMonths(o.start, months) - 1;
}

/** Whether the stay containing `d`, merged with the person's touching or overlapping stays there, lasts `months`. */
function reachesMonths(d: Interval, others: readonly Interval[], months: number): boolean {
  const all = [d, ...others].sort((x, y) => x.start - y.start);
  let start = d.start;
  let end = d.end;
  for (let changed = true; changed; ) {
    changed = false;
    for (const o of all) {
      if (o.start <= end + 1 && o.end + 1 >= start && (o.start < start || o.end > end)) {
        start = Math.min(start, o.start);
        end = Math.max(end, o.end);
        changed = true;
      }
    }
  }
  return end >= addMonths(start, months) - 1;
}

/** Whether a fact already gives the agreement its fixed physician (title, physician role, stay long enough). */
function qualifiesAsFixedPhysician(d: ExistingDispatch, rule: Extract<RuleConfig, { id: "fixed_physician" }>, facts: ExistingDispatch[]): boolean {
  if (!PHYSICIAN_ROLES.includes(d.role) || titleRank(d.title) < titleRank(rule.minTitle)) return false;
  return reachesMonths(
    d,
    facts.filter((f) => f.person === d.person && f.agreement === d.agreement),
    rule.months,
  );
}

/** The batch label new stints of an agreement join: the latest label used in the year, else none. */
function plannedBatch(agreement: string, period: Interval, existing: readonly ExistingDispatch[]): string | null {
  const inYear = existing.filter((d) => d.agreement === agreement && d.start <= period.end && period.start <= d.end && d.batch);
  inYear.sort((x, y) => y.start - x.start);
  return inYear[0]?.batch ?? null;
}

/** Adjacent uncovered segments of an agreement become one range, with its sentence. */
function mergeCoverageBreaks(breaks: PlanBreak[], codeOf: Map<string, string>): PlanBreak[] {
  const others = breaks.filter((b) => b.rule !== "full_year_coverage");
  const gaps = breaks.filter((b): b is Extract<PlanBreak, { rule: "full_year_coverage" }> => b.rule === "full_year_coverage");
  gaps.sort((x, y) => x.agreement.localeCompare(y.agreement) || x.from.localeCompare(y.from));
  const merged: Extract<PlanBreak, { rule: "full_year_coverage" }>[] = [];
  for (const g of gaps) {
    const last = merged[merged.length - 1];
    const dayAfter = last ? formatDay(Date.parse(last.to) / 86_400_000 + 1) : null;
    if (last && last.agreement === g.agreement && dayAfter === g.from) last.to = g.to;
    else merged.push({ ...g });
  }
  for (const g of merged) g.message = PLAN_MESSAGES.coverage(codeOf.get(g.agreement) ?? g.agreement, g.from, g.to);
  return [...merged, ...others];
}

/**
 * The summary a coordinator reads first: role shortages across agreements ("2 discipline leaders
 * for 3 agreements"), then each break that is not part of such a shortage.
 */
function reasonsFor(breaks: PlanBreak[], agreements: PlanAgreement[], input: RosterPlanInput, options: Option[], result: SolveResult): Bilingual[] {
  if (agreements.length === 0) return [PLAN_MESSAGES.noAgreements(input.year)];
  if (result.values.length === 0) return [];
  if (breaks.length === 0) return [PLAN_MESSAGES.allMet()];
  const reasons: Bilingual[] = [];
  const roleBreaks = breaks.filter((b): b is Extract<PlanBreak, { rule: "composition" }> => b.rule === "composition");
  const roles = [...new Set(roleBreaks.map((b) => b.role))];
  for (const role of roles) {
    const needing = agreements.filter(
      (a) => rule(a.pack, "composition")?.roles.includes(role) && !input.existing.some((d) => !d.replaceable && d.agreement === a.id && d.role === role),
    ).length;
    const available = new Set(options.filter((o) => o.role === role).map((o) => o.person)).size;
    reasons.push(PLAN_MESSAGES.roleShortage(role, available, needing));
  }
  for (const b of breaks) if (b.rule !== "composition") reasons.push(b.message);
  return reasons;
}
