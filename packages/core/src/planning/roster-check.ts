import { evaluateCompliance, type RuleStatus } from "../assistance/compliance.ts";
import type { Dispatch, Roster } from "../assistance/roster.ts";
import type { RuleId, RulePack } from "../assistance/rule-packs.ts";
import { day } from "../dates.ts";
import { evaluatedPeriod, type PlannedDispatch, type RosterPlanInput } from "./roster-planner.ts";

/**
 * Rules judged from check-ins (days on site each week, nominal days) cannot be planned: a plan
 * only says who is stationed when. They are judged once the stays run; a plan is checked against
 * the pack's other rules.
 */
const JUDGED_FROM_CHECK_INS: readonly RuleId[] = ["weekly_days_on_site", "nominal_days"];

export interface PlanCheck {
  agreement: string;
  status: RuleStatus;
  /** `persons`: the offenders of min_continuous_stay, by id. */
  rules: { id: RuleId; status: RuleStatus; message: string; messageEn: string; persons?: string[] }[];
}

export function stationingRules(pack: RulePack): RulePack {
  return { ...pack, rules: pack.rules.filter((r) => !JUDGED_FROM_CHECK_INS.includes(r.id)) };
}

/**
 * The compliance engine's verdict on each agreement as the plan would leave it: its facts, the
 * planned dispatches kept, and the new ones. The planner shows no plan without this check.
 */
export function checkRosterPlan(input: RosterPlanInput, plan: { dispatches: PlannedDispatch[]; kept: string[]; dropped: string[] }): PlanCheck[] {
  const dropped = new Set(plan.dropped);
  const checks: PlanCheck[] = [];
  for (const a of input.agreements) {
    const existing: Dispatch[] = input.existing
      .filter((d) => d.agreement === a.id && !dropped.has(d.id))
      .map((d) => ({ person: d.person, role: d.role, title: d.title, start: d.start, end: d.end, batch: d.batch ?? undefined }));
    const planned: Dispatch[] = plan.dispatches
      .filter((d) => d.agreement === a.id)
      .map((d) => ({ person: d.person, role: d.role, title: d.title, start: day(d.start), end: day(d.end), batch: d.batch ?? undefined }));
    const roster: Roster = { agreement: { id: a.id, pack: a.pack.id, start: a.start, end: a.end }, dispatches: [...existing, ...planned], attendance: null };
    if (!evaluatedPeriod(a, input.year)) continue;
    const report = evaluateCompliance({ roster, pack: stationingRules(a.pack), year: input.year });
    checks.push({
      agreement: a.id,
      status: report.status,
      rules: report.rules.map((r) => ({
        id: r.id,
        status: r.status,
        message: r.message,
        messageEn: r.messageEn,
        ...(r.id === "min_continuous_stay" && { persons: (r.offenders as { person: string }[]).map((o) => o.person) }),
      })),
    });
  }
  return checks;
}
