import type { Answer } from "../types.ts";

/** The planner's answers (issue 17), read off the contract like every other answer (types.ts). */
export type PlanRun = Answer<"/plans/{id}">;
export type PlanRunSummary = Answer<"/plans">["items"][number];
export type AppliedPlan = Answer<"/plans/{id}/apply", "post">;
export type RosterPlan = Extract<NonNullable<PlanRun["result"]>, { kind: "roster" }>;
export type PairingPlan = Extract<NonNullable<PlanRun["result"]>, { kind: "pairing" }>;
export type SolverSummary = RosterPlan["solver"];
/** A sentence in both languages, as the planner writes its reasons, breaks and whys. */
export type Bilingual = RosterPlan["reasons"][number];
