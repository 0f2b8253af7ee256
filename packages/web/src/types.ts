/** Shapes of the API's answers (the server's OpenAPI document is the reference). */
export interface Permissions {
  read: boolean;
  write: boolean;
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
  permissions: Record<string, Permissions>;
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
