import type { HypertensionOutput } from "@medbridge/core";

export interface ChronicPatient {
  id: string;
  institutionId: string;
  name: string;
  sex: "male" | "female";
  birthDate: string;
  idNumber: string;
  phone: string | null;
  conditions: string[];
  riskFactors: string[];
  enrolledOn: string;
  lastVisitOn: string | null;
  lastControlled: boolean | null;
  nextDueOn: string | null;
}

export interface Visit {
  id: string;
  visitOn: string;
  sbp: number;
  dbp: number;
  edition: string;
  nextDueOn: string;
  recordedBy?: string;
  currentDrugs: { class: string; name: string; atMaxDose: boolean }[];
  recommendation: HypertensionOutput;
}
