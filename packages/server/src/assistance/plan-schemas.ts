import { DEFAULT_PAGE_SIZE, DISPATCH_ROLES, MAX_PAGE_SIZE, TITLES } from "@medbridge/core";
import { type Static, Type } from "typebox";
import { MAX_PAGE, StringEnum, Timestamp, Uuid } from "../http/schemas.ts";

/**
 * The plan routes' request and answer shapes (api17): bounded inputs, and the stored plans
 * (core's RosterPlan / PairingPlan) as the contract the web reads them by.
 */

export const PLAN_KINDS = ["roster", "pairing"] as const;
export const PLAN_STATUSES = ["running", "done", "failed"] as const;
const SOLVE_STATUSES = ["optimal", "time_limit", "infeasible", "unbounded", "error"] as const;
const RULE_STATUSES = ["pass", "fail", "at_risk"] as const;

export const ROSTER_DEFAULTS = { timeLimitSeconds: 30, departmentMaxAwayShare: 0.34 } as const;
export const PAIRING_DEFAULTS = { timeLimitSeconds: 60, keepExisting: true } as const;
const TIME_LIMIT = { minimum: 1, maximum: 300 };

export const RosterPlanRequest = Type.Object(
  {
    supporterId: Uuid,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    timeLimitSeconds: Type.Optional(
      Type.Integer({
        ...TIME_LIMIT,
        default: ROSTER_DEFAULTS.timeLimitSeconds,
        description: "The solver's time limit; the best plan found by then is answered",
      }),
    ),
    departmentMaxAwayShare: Type.Optional(
      Type.Number({
        minimum: 0.05,
        maximum: 1,
        default: ROSTER_DEFAULTS.departmentMaxAwayShare,
        description: "Largest share of a department's staff away at once (at least one person always may)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type RosterPlanRequest = Static<typeof RosterPlanRequest>;

export const PairingPlanRequest = Type.Object(
  {
    regionCode: Type.String({ pattern: "^([1-9][0-9]{5}|000000)$", description: "A province, prefecture or county code, or 000000 for the nation" }),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: "Defaults to this year" })),
    keepExisting: Type.Optional(Type.Boolean({ default: PAIRING_DEFAULTS.keepExisting })),
    timeLimitSeconds: Type.Optional(Type.Integer({ ...TIME_LIMIT, default: PAIRING_DEFAULTS.timeLimitSeconds })),
  },
  { additionalProperties: false },
);
export type PairingPlanRequest = Static<typeof PairingPlanRequest>;

export const PlanListQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(PLAN_KINDS)),
    supporterId: Type.Optional(Uuid),
    page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuery>;

const Words = Type.Object({ zh: Type.String(), en: Type.String() });
const Solver = Type.Object({
  status: StringEnum(SOLVE_STATUSES),
  objective: Type.Union([Type.Number(), Type.Null()]),
  bound: Type.Union([Type.Number(), Type.Null()]),
  gap: Type.Union([Type.Number(), Type.Null()]),
  seconds: Type.Number(),
  heapBytes: Type.Number(),
  columns: Type.Integer(),
  rows: Type.Integer(),
});

export const RosterPlanSchema = Type.Object({
  kind: Type.Literal("roster"),
  year: Type.Integer(),
  solver: Solver,
  feasible: Type.Boolean({ description: "True when the plan breaks no rule" }),
  dispatches: Type.Array(
    Type.Object({
      agreement: Uuid,
      person: Uuid,
      role: StringEnum(DISPATCH_ROLES),
      title: StringEnum(TITLES),
      start: Type.String({ format: "date" }),
      end: Type.String({ format: "date" }),
      batch: Type.Union([Type.String(), Type.Null()]),
    }),
    { description: "New planned dispatches" },
  ),
  kept: Type.Array(Uuid, { description: "Existing planned dispatches the plan keeps" }),
  dropped: Type.Array(Uuid, { description: "Existing planned dispatches the plan cancels" }),
  breaks: Type.Array(
    Type.Object(
      {
        rule: StringEnum(["full_year_coverage", "min_staff", "composition", "senior_title", "batch_size", "fixed_physician", "department_limit"] as const),
        message: Words,
      },
      {
        additionalProperties: true,
        description:
          "A rule the best plan still breaks: agreement, and from/to, missing/required, role, batch, minTitle, department/month/over as the rule has",
      },
    ),
  ),
  reasons: Type.Array(Words, { description: "Why no plan keeps every rule, in sentences a coordinator reads" }),
  checks: Type.Array(
    Type.Object({
      agreement: Type.String(),
      status: StringEnum(RULE_STATUSES),
      rules: Type.Array(Type.Object({ id: Type.String(), status: StringEnum(RULE_STATUSES), message: Type.String(), messageEn: Type.String() })),
    }),
    { description: "The compliance engine's verdict on each agreement as the plan leaves it" },
  ),
  totals: Type.Object({ personMonths: Type.Number(), changes: Type.Integer(), newDispatches: Type.Integer() }),
});

export const PairingPlanSchema = Type.Object({
  kind: Type.Literal("pairing"),
  regionCode: Type.String(),
  year: Type.Integer(),
  solver: Solver,
  pairs: Type.Array(
    Type.Object({
      recipient: Uuid,
      supporter: Uuid,
      existing: Type.Boolean(),
      distanceKm: Type.Number(),
      covers: Type.Array(Type.String(), { description: "Specialties of the recipient's needs this supporter covers" }),
      why: Words,
    }),
  ),
  unmet: Type.Array(
    Type.Object({ recipient: Uuid, specialty: Type.String({ description: "Empty for a recipient with no needs that got no supporter" }), why: Words }),
  ),
  totals: Type.Object({
    recipients: Type.Integer(),
    supporters: Type.Integer(),
    pairs: Type.Integer(),
    newPairs: Type.Integer(),
    unmetNeeds: Type.Integer(),
    distanceKm: Type.Number(),
  }),
});

const RunFields = {
  id: Uuid,
  kind: StringEnum(PLAN_KINDS),
  status: StringEnum(PLAN_STATUSES),
  supporterId: Type.Union([Uuid, Type.Null()]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  year: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  finishedAt: Type.Union([Timestamp, Type.Null()]),
  appliedAt: Type.Union([Timestamp, Type.Null()]),
};

export const PlanRunSchema = Type.Object({
  ...RunFields,
  params: Type.Object({}, { additionalProperties: true, description: "The request as the planner took it, defaults filled in" }),
  result: Type.Union([RosterPlanSchema, PairingPlanSchema, Type.Null()]),
  people: Type.Record(Type.String(), Type.Object({ name: Type.String(), title: StringEnum(TITLES), department: Type.String() }), {
    description: "Roster runs: the supporter's staff named in the plan, read now (never stored with the plan)",
  }),
  agreements: Type.Record(Type.String(), Type.Object({ code: Type.String(), recipientName: Type.String() }), {
    description: "Roster runs: the plan's agreements",
  }),
  institutions: Type.Record(Type.String(), Type.Object({ name: Type.String(), regionCode: Type.String() }), {
    description: "The institutions named in the plan (pairing runs: recipients and supporters; roster runs: the supporter)",
  }),
});
export type PlanRunAnswer = Static<typeof PlanRunSchema>;

export const PlanRunSummarySchema = Type.Object({
  ...RunFields,
  supporterName: Type.Union([Type.String(), Type.Null()]),
  feasible: Type.Union([Type.Boolean(), Type.Null()], { description: "Roster runs that are done: whether the plan breaks no rule" }),
});

export const PlanApplyAnswer = Type.Object({
  created: Type.Integer(),
  cancelled: Type.Integer(),
  dispatchIds: Type.Array(Uuid, { description: "The dispatches created, in the plan's order" }),
});
export type PlanApplyAnswer = Static<typeof PlanApplyAnswer>;
