/**
 * The planner's answers (issue 17), written by hand from the shared shape until the server's routes
 * are in the OpenAPI contract; then these become `Answer<"/plans/{id}">` and friends.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface SolverSummary {
  status: "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  heapBytes: number;
  columns: number;
  rows: number;
}

export interface PlannedDispatch {
  agreement: string;
  person: string;
  role: string;
  title: string;
  start: string;
  end: string;
  batch: string | null;
}

export interface PlanBreak {
  rule: string;
  agreement?: string;
  message: Bilingual;
  [key: string]: unknown;
}

export interface RosterPlan {
  kind: "roster";
  year: number;
  solver: SolverSummary;
  feasible: boolean;
  dispatches: PlannedDispatch[];
  kept: string[];
  dropped: string[];
  breaks: PlanBreak[];
  reasons: Bilingual[];
  checks: {
    agreement: string;
    status: "pass" | "fail" | "at_risk";
    rules: { id: string; status: "pass" | "fail" | "at_risk"; message: string; messageEn: string }[];
  }[];
  totals: { personMonths: number; changes: number; newDispatches: number };
}

export interface PairingPlan {
  kind: "pairing";
  regionCode: string;
  year: number;
  solver: SolverSummary;
  pairs: { recipient: string; supporter: string; existing: boolean; distanceKm: number; covers: string[]; why: Bilingual }[];
  unmet: { recipient: string; specialty: string; why: Bilingual }[];
  totals: { recipients: number; supporters: number; pairs: number; newPairs: number; unmetNeeds: number; distanceKm: number };
}

export interface PlanRun {
  id: string;
  kind: "roster" | "pairing";
  status: "running" | "done" | "failed";
  supporterId: string | null;
  regionCode: string | null;
  year: number | null;
  params: Record<string, unknown>;
  result: RosterPlan | PairingPlan | null;
  error: string | null;
  people?: Record<string, { name: string; title: string; department: string }>;
  agreements?: Record<string, { code: string; recipientName: string }>;
  institutions?: Record<string, { name: string; regionCode: string }>;
  createdAt: string;
  finishedAt: string | null;
  appliedAt: string | null;
}

export type PlanRunSummary = Omit<PlanRun, "result" | "people" | "agreements" | "institutions"> & { supporterName?: string | null };

export interface AppliedPlan {
  created: number;
  cancelled: number;
  dispatchIds: string[];
}
