import type { Entity, Reach, TwoSidedRecord } from "@medbridge/core";

/** Shapes of the API's answers (the server's OpenAPI document is the reference). */
export interface Permissions {
  read: Reach;
  write: Reach;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  regionCode: string | null;
  regionName: string | null;
  institutionId: string | null;
  institutionName: string | null;
  practitionerId: string | null;
  /** Someone else set the password: the user must choose their own before anything else. */
  mustChangePassword: boolean;
  permissions: Record<Entity, Permissions>;
  sides: Record<TwoSidedRecord, boolean>;
}

export interface Region {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface Institution {
  id: string;
  name: string;
  kind: string;
  grade: string | null;
  regionCode: string;
  regionName: string;
  regionPath: string;
  address: string | null;
  beds: number | null;
  departments: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  assessments?: { year: number; level: string }[];
}

export interface Practitioner {
  id: string;
  name: string;
  licenseNo: string | null;
  profession: string;
  title: string;
  specialty: string | null;
  institutionId: string;
  institutionName: string;
  regionCode: string;
  active: boolean;
  sites: { institutionId: string; institutionName: string; kind: string }[];
}

export interface Alliance {
  id: string;
  name: string;
  kind: string;
  leadInstitutionId: string;
  leadInstitutionName: string;
  regionCode: string;
  active: boolean;
  memberCount: number;
  members?: { institutionId: string; institutionName: string; kind: string; regionCode: string; joinedOn: string; leftOn: string | null }[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  regionCode: string | null;
  regionName: string | null;
  institutionId: string | null;
  institutionName: string | null;
  active: boolean;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

export interface Party {
  id: string;
  name: string;
  regionCode: string;
  kind: string;
}

export interface Agreement {
  id: string;
  code: string;
  packId: string;
  mode: string;
  startsOn: string;
  endsOn: string;
  specialties: string[];
  status: string;
  regionCode: string;
  recipient: Party;
  supporters: Party[];
}

export type { ComplianceReport, RuleResult } from "@medbridge/core";

export interface Dispatch {
  id: string;
  agreementId: string;
  practitionerId: string;
  practitionerName: string;
  role: string;
  title: string;
  batch: string | null;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  status: string;
}

export interface AttendanceRecord {
  id: string;
  practitionerName: string;
  date: string;
  activities: string[];
  patients: number | null;
  trainees: number | null;
  note: string | null;
  status: string;
}

export interface Referral {
  id: string;
  direction: "up" | "down";
  priority: "routine" | "urgent" | "green_channel";
  status: string;
  fromInstitutionId: string;
  fromInstitutionName: string;
  toInstitutionId: string;
  toInstitutionName: string;
  department: string;
  patient: { name: string; sex: string; birthDate: string; idNumber: string; phone: string | null; homeCounty: string | null };
  reason: { icd10: string; text: string };
  summary: string | null;
  slotId: string | null;
  bedId: string | null;
  parentId: string | null;
  attachments?: Attachment[];
  submittedAt: string | null;
  slaDeadline: string | null;
  allowedActions: string[];
  createdAt: string;
}

export interface Bed {
  id: string;
  institutionId: string;
  institutionName: string;
  ward: string;
  date: string;
  reserved: number;
  booked: number;
  available: number;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface Slot {
  id: string;
  institutionId: string;
  institutionName: string;
  department: string;
  date: string;
  reserved: number;
  booked: number;
  available: number;
  releasedAt: string | null;
}
