import type { paths } from "./api-schema.d.ts";

/**
 * The API's answers as the server's schemas say them: every type here is read off the generated
 * api-schema.d.ts (`npm run contract`), none is written by hand, so a server change the web does
 * not follow fails `tsc -p packages/web`.
 */

/** The API's routes as api() takes them, without the /api/v1 prefix. */
type Routes = { [P in keyof paths as P extends `/api/v1${infer Route}` ? Route : never]: paths[P] };
export type Route = keyof Routes;
type Method = "get" | "post" | "put" | "patch" | "delete";
type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** What a route answers on success (200, or 201 for a create). */
export type Answer<R extends Route, M extends Method = "get"> = Routes[R][M] extends { responses: infer Responses }
  ? Responses extends { 200: infer Ok }
    ? Json<Ok>
    : Responses extends { 201: infer Created }
      ? Json<Created>
      : never
  : never;

/** A page of a list: `items` and where they stand in the whole (the server's PageOf). */
export type Page<T> = Omit<Answer<"/institutions">, "items"> & { items: T[] };

export type Me = Answer<"/me">;
export type Region = Answer<"/regions">["items"][number];
export type RegionWithPath = Answer<"/regions/{code}">;
export type Institution = Answer<"/institutions/{id}">;
export type Practitioner = Answer<"/practitioners/{id}">;
export type Alliance = Answer<"/alliances/{id}">;
export type User = Answer<"/users/{id}">;
export type ApiToken = Answer<"/api-tokens">["items"][number];
export type AuditEntry = Answer<"/audit">["items"][number];
export type Agreement = Answer<"/agreements/{id}">;
export type ComplianceReport = Answer<"/agreements/{id}/compliance">;
export type RuleResult = ComplianceReport["rules"][number];
export type ComplianceBoard = Answer<"/compliance">;
export type CoverageWarnings = Answer<"/compliance/warnings">;
export type RulePack = Answer<"/rule-packs">["items"][number];
export type ServiceCredit = Answer<"/practitioners/{id}/service-credit">;
export type Dispatch = Answer<"/agreements/{id}/dispatches">["items"][number];
export type AttendanceRecord = Answer<"/agreements/{id}/attendance">["items"][number];
export type Referral = Answer<"/referrals/{id}">;
export type Slot = Answer<"/slots">["items"][number];
export type Bed = Answer<"/beds">["items"][number];
export type Notifications = Answer<"/notifications">;
export type ChronicPatient = Answer<"/htn/patients/{id}">;
export type Visit = Answer<"/htn/patients/{id}/visits">["items"][number];
export type ChronicCall = Answer<"/htn/patients/{id}/calls">["items"][number];
export type RecordedCall = Answer<"/htn/patients/{id}/calls", "post">;
export type HypertensionOutput = Answer<"/cds/hypertension/evaluate", "post">;
export type Session = Answer<"/telemedicine/{id}">;
export type CalendarEvent = Answer<"/institutions/{id}/calendar">["items"][number];
export type TouringCompliance = Answer<"/touring/compliance">;
export type Technique = Answer<"/techniques">["items"][number];
export type Training = Answer<"/trainings">["items"][number];
export type Placement = Answer<"/further-study">["items"][number];
export type IndicatorValues = Answer<"/indicators/{id}/values">;
export type Ranking = Answer<"/rankings/supporters">;
