import { type Action, DomainError, type Entity, mayEver } from "@medbridge/core";
import type { FastifyInstance } from "fastify";

/**
 * The route table of access: what each operation of the API does, in the policy's terms.
 * - `public`: answers without signing in (health, sign-in);
 * - `self`: the caller's own account and inbox (me, password, notifications, a stationed doctor's
 *   check-in), for anyone signed in;
 * - `reference`: data that is the same for everyone signed in (regions, the indicator catalogue,
 *   the hypertension calculator, which stores nothing);
 * - `[action, entity]`: the policy decides (core/access.ts). A role that may never perform the
 *   action on the entity is refused here, before the body is even validated; the handler then
 *   checks the record itself (requireAccessTo) or scopes its list (readScope).
 *
 * Every route must have an entry (checked when the route is added), and the access matrix test
 * sends every caller to every route listed here and expects exactly what the policy says.
 */
export type RouteAccess = "public" | "self" | "reference" | readonly [Action, Entity];

export const ROUTE_ACCESS = {
  getLiveness: "public",
  getReadiness: "public",
  login: "public",
  logout: "public",
  getMe: "self",
  changePassword: "self",
  listNotifications: "self",
  markNotificationRead: "self",
  checkIn: "self",
  listOwnAttendance: "self",
  listRegions: "reference",
  getRegion: "reference",
  listIndicators: "reference",
  evaluateHypertension: "reference",
  getReminderStatus: "reference",
  // The SMS gateway reports deliveries without an account; the handler checks its signature.
  receiveSmsDeliveryReport: "public",

  listInstitutions: ["read", "institution"],
  createInstitution: ["write", "institution"],
  getInstitution: ["read", "institution"],
  updateInstitution: ["write", "institution"],
  setInstitutionLocation: ["write", "institution"],
  setInstitutionAssessment: ["write", "assessment"],
  importInstitutions: ["write", "institution_standing"],
  listAlliances: ["read", "alliance"],
  createAlliance: ["write", "alliance"],
  getAlliance: ["read", "alliance"],
  updateAlliance: ["write", "alliance"],
  addAllianceMember: ["write", "alliance"],
  updateAllianceMember: ["write", "alliance"],
  listPractitioners: ["read", "practitioner"],
  createPractitioner: ["write", "practitioner"],
  getPractitioner: ["read", "practitioner"],
  updatePractitioner: ["write", "practitioner"],
  importPractitioners: ["write", "practitioner"],
  // What the planners read (issue 17, registry/planning-inputs-routes.ts): a staff member's profile is
  // practitioner data; a recipient's needs are read like its assessment and written like its record;
  // a supporter's capacity is registry data; the province pairings are read by whoever may plan and
  // set nationwide only (the handler asks for a nationwide reach on plan).
  getPractitionerPlanning: ["read", "practitioner"],
  setPractitionerPlanning: ["write", "practitioner"],
  getCapabilityNeeds: ["read", "assessment"],
  setCapabilityNeeds: ["write", "institution"],
  getSupportCapacity: ["read", "institution"],
  setSupportCapacity: ["write", "institution"],
  listProvincePairings: ["read", "plan"],
  setProvincePairings: ["write", "plan"],

  listUsers: ["read", "user"],
  createUser: ["write", "user"],
  getUser: ["read", "user"],
  updateUser: ["write", "user"],
  listApiTokens: ["read", "api_token"],
  createApiToken: ["write", "api_token"],
  revokeApiToken: ["write", "api_token"],
  listAuditEntries: ["read", "audit"],

  listAgreements: ["read", "agreement"],
  createAgreement: ["write", "agreement"],
  getAgreement: ["read", "agreement"],
  updateAgreement: ["write", "agreement"],
  listDispatches: ["read", "agreement"],
  createDispatch: ["write", "dispatch"],
  updateDispatch: ["write", "dispatch"],
  getAgreementCompliance: ["read", "agreement"],
  getComplianceBoard: ["read", "agreement"],
  listAgreementFlags: ["read", "agreement"],
  exportComplianceBoard: ["read", "agreement"],
  listCoverageWarnings: ["read", "agreement"],
  // Which side vouches for attendance is the two-sided rule (actingSide), decided in the handler.
  reviewAttendance: ["read", "agreement"],
  listAttendance: ["read", "agreement"],
  // The work log: one's own lines are written by the stationed person (the handler resolves the
  // practitioner); reads are scoped in the handler (own lines, or the agreements' scope), and the
  // month's sign-off is the receiving side's, decided on the record like attendance.
  listWorkLog: ["read", "agreement"],
  getWorkLogOptions: "self",
  createWorkLine: "self",
  updateWorkLine: "self",
  deleteWorkLine: "self",
  listWorkMonths: ["read", "agreement"],
  reviewWorkMonth: ["read", "agreement"],
  // Who rates a stay is the two-sided rule (actingSide: the recipient's coordinator), decided in
  // the handler; what a reader sees of the ratings (own, aggregate or nothing) likewise.
  rateStay: ["read", "agreement"],
  listStayRatings: ["read", "agreement"],
  listRulePacks: ["read", "rule_pack"],
  copyRulePack: ["write", "rule_pack"],
  getServiceCredit: ["read", "practitioner"],
  getServiceCreditCertificate: ["read", "practitioner"],
  getAgreementWorkTotals: ["read", "agreement"],
  // A stationed person's month: its plan is their own (handler: the signed-in practitioner, 403 for
  // those who may read it); the report is read by the person, the parties' coordinators, officials.
  saveWorkMonthPlan: "self",
  getWorkMonthReport: ["read", "agreement"],
  getWorkMonthReportPdf: ["read", "agreement"],
  getAgreementMonthlyReportPdf: ["read", "agreement"],
  // Planner runs (issue 17): the handler checks the run's target (its supporter, or its region).
  planRoster: ["write", "plan"],
  planPairing: ["write", "plan"],
  listPlans: ["read", "plan"],
  getPlan: ["read", "plan"],
  applyPlan: ["write", "plan"],

  createReferral: ["write", "referral"],
  listReferrals: ["read", "referral"],
  suggestPartners: ["read", "institution"],
  getReferral: ["read", "referral"],
  downloadReferralAttachment: ["read", "referral"],
  getReferralHistory: ["read", "referral"],
  // Who moves a referral on is the two-sided rule (actingSide: the sender submits, the receiver
  // accepts…), decided in the handler on the record; a stranger to it learns nothing (404).
  transitionReferral: ["read", "referral"],
  getReferralStats: ["read", "count"],
  publishSlots: ["write", "reserved_pool"],
  listSlots: ["read", "reserved_pool"],
  releaseSlot: ["write", "reserved_pool"],
  publishBeds: ["write", "reserved_pool"],
  listBeds: ["read", "reserved_pool"],

  enrolChronicPatient: ["write", "chronic_patient"],
  listChronicPatients: ["read", "chronic_patient"],
  getChronicPatient: ["read", "chronic_patient"],
  listChronicVisits: ["read", "chronic_patient"],
  recordChronicVisit: ["write", "chronic_patient"],
  listChronicCalls: ["read", "chronic_patient"],
  recordChronicCall: ["write", "chronic_patient"],
  setSmsConsent: ["write", "chronic_patient"],
  listSmsReminders: ["read", "chronic_patient"],
  getControlRate: ["read", "count"],

  setMeetingTemplate: ["write", "outreach"],
  requestTelemedicineSession: ["write", "outreach"],
  listTelemedicineSessions: ["read", "outreach"],
  getTelemedicineSession: ["read", "outreach"],
  // Likewise: which coordinator may move a session on is decided on the record (actingSide).
  actOnTelemedicineSession: ["read", "outreach"],
  createTouringTeam: ["write", "outreach"],
  listTouringTeams: ["read", "outreach"],
  recordTouringVisit: ["write", "outreach"],
  listTouringVisits: ["read", "outreach"],
  deleteTouringVisit: ["write", "outreach"],
  deleteTraining: ["write", "outreach"],
  importTouringVisits: ["write", "outreach"],
  importTrainingAttendance: ["write", "outreach"],
  getTouringCompliance: ["read", "outreach"],
  getTouringRules: ["read", "rule_pack"],
  setTouringRules: ["write", "rule_pack"],
  recordTraining: ["write", "outreach"],
  listTrainings: ["read", "outreach"],
  recordFurtherStudy: ["write", "outreach"],
  listFurtherStudy: ["read", "outreach"],
  recordTechnique: ["write", "outreach"],
  listTechniques: ["read", "outreach"],
  reportTechniqueCases: ["write", "outreach"],
  getInstitutionCalendar: ["read", "outreach"],
  getInstitutionCalendarIcs: ["read", "outreach"],

  importCountyVisits: ["write", "indicator"],
  importAssessments: ["write", "assessment"],
  rankSupporters: ["read", "indicator"],
  exportSupporterRanking: ["read", "indicator"],
  getRegionReport: ["read", "indicator"],
  getIndicatorValues: ["read", "indicator"],
  exportIndicatorValues: ["read", "indicator"],

  setWebhook: ["write", "webhook"],

  lookupPatient: ["read", "patient"],
  countPatients: ["read", "count"],
  getPatientPath: ["read", "patient_path"],
  listPatientMerges: ["read", "patient"],
  mergePatient: ["write", "patient"],
  undoPatientMerge: ["write", "patient"],
} as const satisfies Record<string, RouteAccess>;

export type OperationId = keyof typeof ROUTE_ACCESS;

/**
 * Whether an `:id` in a path names a record of the entity (whose existence a refusal must not
 * reveal) or something public, like an indicator of the catalogue.
 */
export const HAS_RECORDS: Record<Entity, boolean> = {
  institution: true,
  assessment: true,
  alliance: true,
  practitioner: true,
  user: true,
  audit: true,
  api_token: true,
  agreement: true,
  dispatch: true,
  rule_pack: true,
  referral: true,
  reserved_pool: true,
  chronic_patient: true,
  outreach: true,
  indicator: false,
  count: false,
  patient_identity: true,
  patient: true,
  patient_path: true,
  institution_standing: true,
  webhook: true,
  plan: true,
};

/** The access entry of an operation, if the table has one. */
export function routeAccess(operationId: string | undefined): RouteAccess | undefined {
  return operationId !== undefined && Object.hasOwn(ROUTE_ACCESS, operationId) ? ROUTE_ACCESS[operationId as OperationId] : undefined;
}

/**
 * What the route table answers a caller whose role may never do what the route does, as the one
 * access check does for a record: a read of a record named in the path is 404 (its existence is not
 * revealed), anything else 403. `null`: the route is open to the role (the handler decides about
 * the record).
 */
export function refusalOf(access: RouteAccess, principal: Parameters<typeof mayEver>[0], namesRecord: boolean): 403 | 404 | null {
  if (typeof access === "string") return null;
  const [action, entity] = access;
  if (mayEver(principal, action, entity)) return null;
  return action === "read" && namesRecord && HAS_RECORDS[entity] ? 404 : 403;
}

/**
 * Refuses every route without an entry when it is added (a new route must say what it does), and
 * applies the table to every request after the caller is known.
 */
export function registerRouteAccess(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    if (hidden && route.config?.public) return;
    const operationId = (route.schema as { operationId?: string } | undefined)?.operationId;
    const access = routeAccess(operationId);
    if (!access) throw new Error(`${route.method} ${route.url}: no operationId with an entry in ROUTE_ACCESS (route-access.ts)`);
    if ((access === "public") !== (route.config?.public === true)) throw new Error(`${route.method} ${route.url}: ROUTE_ACCESS and config.public disagree`);
  });
  app.addHook("preValidation", async (request) => {
    const principal = request.principal;
    if (!principal) return;
    const access = routeAccess((request.routeOptions.schema as { operationId?: string } | undefined)?.operationId);
    if (!access) return;
    const refusal = refusalOf(access, principal, /\/:id(\/|$|\.)/.test(request.routeOptions.url ?? ""));
    if (refusal === 404) throw new DomainError("not_found", "Not found");
    if (refusal === 403) throw new DomainError("forbidden", "Your role may not do this", [], { reason: "role" });
  });
}
