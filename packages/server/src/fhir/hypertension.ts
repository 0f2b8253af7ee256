import { formatDay, readScope } from "@medbridge/core";
import type { Condition, Observation, ObservationComponent } from "@medplum/fhirtypes";
import { and, desc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { requireAccessTo, scopeCondition } from "../access.ts";
import { audit } from "../audit.ts";
import { chinaDay, chinaMidnight } from "../clock.ts";
import type { Db } from "../db/connection.ts";
import { chronicPatients, chronicVisits, patients, referrals } from "../db/schema.ts";
import { livePatientId } from "../patient-index.ts";
import { FhirError, issue } from "./outcome.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, dateRange, idCondition, pageOf, patientCondition, type SearchRequest, type SearchValue, token } from "./search.ts";

/**
 * The hypertension register through the FHIR door (read and search only; the register is written
 * through its own REST routes):
 *
 * - `Observation` ← a register visit's blood pressure, as the R4 vital-signs blood pressure
 *   profile (http://hl7.org/fhir/StructureDefinition/bp). Observation.id = the visit's id: a visit
 *   stores one blood pressure (the mean of its office readings, as the register keeps it), so each
 *   visit is at most one Observation. A visit without a blood pressure (a discharge summary that
 *   came without one) is no Observation.
 * - `Condition` ← the register entry (chronic_patients row): the hypertension under the
 *   institution's care. Condition.id = the register entry's id.
 *
 * Both follow the register's access exactly (the policy entity chronic_patient: the clinicians and
 * coordinator of the registering institution, the national admin; officials never) and its audit
 * (`read_patient` on the register entry, as getChronicPatient writes it).
 */

export const LOINC = "http://loinc.org";
export const UCUM = "http://unitsofmeasure.org";
export const ICD10 = "http://hl7.org/fhir/sid/icd-10";
export const OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
export const CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
export const CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
export const CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
export const BP_PROFILE = "http://hl7.org/fhir/StructureDefinition/bp";

export const BP_PANEL = { system: LOINC, code: "85354-9", display: "Blood pressure panel with all children optional" } as const;
export const SYSTOLIC = { system: LOINC, code: "8480-6", display: "Systolic blood pressure" } as const;
export const DIASTOLIC = { system: LOINC, code: "8462-4", display: "Diastolic blood pressure" } as const;
const FINAL = { system: "http://hl7.org/fhir/observation-status", code: "final" } as const;
const VITAL_SIGNS = { system: OBSERVATION_CATEGORY, code: "vital-signs", display: "Vital Signs" } as const;
/**
 * The register does not store a diagnosis code: it is the hypertension register (a patient sent
 * down lands in it for any of I10–I15, but the code stays on the referral), so every entry is I10.
 */
export const HYPERTENSION = { system: ICD10, code: "I10", display: "Essential (primary) hypertension" } as const;
const PROBLEM_LIST = { system: CONDITION_CATEGORY, code: "problem-list-item", display: "Problem List Item" } as const;
const CONFIRMED = { system: CONDITION_VERIFICATION, code: "confirmed", display: "Confirmed" } as const;
/**
 * An entry on the register is under care: active. One taken off it is `inactive` (the required
 * value set's general code; the register does not know whether the condition resolved or went
 * into remission — a patient who moved away still has hypertension).
 */
const CLINICAL = {
  active: { system: CONDITION_CLINICAL, code: "active", display: "Active" },
  inactive: { system: CONDITION_CLINICAL, code: "inactive", display: "Inactive" },
} as const;

const mmHg = (value: number) => ({ value, unit: "mmHg", system: UCUM, code: "mm[Hg]" });
const version = (at: Date | string) => String(new Date(at).getTime());
const instant = (at: Date | string) => new Date(at).toISOString();

// ---------------------------------------------------------------------------------------------
// Shared search pieces

/** Where each register row's person is in the patient index now (a merged record leads to the one it was merged into). */
async function liveSubjects(db: Db, rows: readonly { patientId: string | null; mergedInto: string | null }[]): Promise<Map<string, string>> {
  const live = new Map<string, string>();
  for (const { patientId, mergedInto } of rows) {
    if (!patientId || live.has(patientId)) continue;
    live.set(patientId, mergedInto ? ((await livePatientId(db, mergedInto)) ?? mergedInto) : patientId);
  }
  return live;
}

/**
 * A token/reference/date parameter's condition with its modifier: `:not` negates, `:missing`
 * asks whether the element is absent — never, for the elements these resources always carry.
 */
function withModifier(occurrence: SearchValue, parts: () => SQL[]): SQL {
  if (occurrence.modifier === "missing") return occurrence.values[0] === "true" ? sql`false` : sql`true`;
  const condition = anyOf(parts());
  return occurrence.modifier === "not" ? sql`not ${condition}` : condition;
}

/** A token matching one fixed coding: `system|code`, `code`, `|code` (no system: never here), `system|`. */
function matchesCoding(text: string, coding: { system: string; code: string }): boolean {
  const { system, code } = token(text);
  if (system === null) return false;
  if (system !== undefined && system !== coding.system) return false;
  return code === undefined || code === coding.code;
}

/** `patient=`/`subject=`: the register rows of that person in the patient index (and of the records merged into theirs). */
/**
 * A date search on an element that is a whole China calendar day (the visit date): the element
 * is the interval [day 00:00, next day 00:00) Beijing time and each prefix compares intervals as
 * R4 search says (eq: the value contains the day; gt: the day ends after the value's range;
 * ge: gt or eq; sa: the day starts after it; …). So `ge2026-03-05` includes a visit on 5 March,
 * `gt2026-03-05` does not, and `lt`/`le` mirror them.
 */
export function dayCondition(parameter: string, column: PgColumn | SQL, values: readonly string[]): SQL {
  const parts = values.map((text) => {
    const { prefix, start, end } = dateRange(parameter, text);
    // The first day that begins at or after an instant, and the day an instant falls in.
    const floor = (at: Date) => chinaDay(at);
    const ceil = (at: Date) => (chinaMidnight(chinaDay(at)).getTime() === at.getTime() ? chinaDay(at) : chinaDay(at) + 1);
    const d = formatDay;
    // Days fully inside the value's range: [ceil(start), floor(end) - 1].
    const within = sql`(${column} >= ${d(ceil(start))} and ${column} < ${d(floor(end))})`;
    switch (prefix) {
      case "eq":
        return within;
      case "ne":
        return sql`not ${within}`;
      case "gt":
        return sql`${column} >= ${d(floor(end))}`;
      case "sa":
        return sql`${column} >= ${d(ceil(end))}`;
      case "ge":
        return sql`(${column} >= ${d(floor(end))} or ${within})`;
      case "lt":
        return sql`${column} < ${d(ceil(start))}`;
      case "eb":
        return sql`${column} < ${d(floor(start))}`;
      case "le":
        return sql`(${column} < ${d(ceil(start))} or ${within})`;
      default:
        // ap: overlaps the value's range.
        return sql`(${column} >= ${d(floor(start))} and ${column} < ${d(ceil(end))})`;
    }
  });
  return anyOf(parts);
}

/** Audits a read of register data: one `read_patient` per register entry, as the REST read of a patient writes it. */
async function auditReads(ctx: FhirContext, entryIds: readonly string[]): Promise<void> {
  const unique = [...new Set(entryIds)];
  await audit(
    ctx.db,
    ctx.actor,
    unique.map((entityId) => ({ action: "read_patient", entity: "chronic_patient", entityId })),
  );
}

function notFound(type: string, id: string): FhirError {
  return new FhirError(404, [issue("not-found", `${type}/${id} not found`)]);
}

// ---------------------------------------------------------------------------------------------
// Observation ← a visit's blood pressure

interface VisitRow {
  id: string;
  entryId: string;
  patientId: string | null;
  mergedInto: string | null;
  institutionId: string;
  hospitalId: string | null;
  visitOn: string;
  sbp: number | null;
  dbp: number | null;
  createdAt: Date | string;
}

function visitSelect(db: Db) {
  return db
    .select({
      id: chronicVisits.id,
      entryId: chronicVisits.patientId,
      patientId: chronicPatients.patientId,
      mergedInto: patients.mergedInto,
      institutionId: chronicVisits.institutionId,
      // A discharge visit's blood pressure was taken at the hospital that sent the patient down.
      hospitalId: referrals.fromInstitutionId,
      visitOn: chronicVisits.visitOn,
      sbp: chronicVisits.sbp,
      dbp: chronicVisits.dbp,
      createdAt: chronicVisits.createdAt,
    })
    .from(chronicVisits)
    .innerJoin(chronicPatients, eq(chronicPatients.id, chronicVisits.patientId))
    .leftJoin(patients, eq(patients.id, chronicPatients.patientId))
    .leftJoin(referrals, eq(referrals.id, chronicVisits.referralId));
}

/** What makes a visit an Observation: a blood pressure, and a person in the patient index to be its subject. */
const IS_OBSERVATION = and(isNotNull(chronicVisits.sbp), isNotNull(chronicVisits.dbp), isNotNull(chronicPatients.patientId)) as SQL;

export function toObservation(row: VisitRow, subject: string): Observation {
  const component = (coding: typeof SYSTOLIC | typeof DIASTOLIC, value: number): ObservationComponent => ({
    code: { coding: [{ ...coding }] },
    valueQuantity: mmHg(value),
  });
  return {
    resourceType: "Observation",
    id: row.id,
    // A visit is recorded once and never changed: its version is its recording.
    meta: { versionId: version(row.createdAt), lastUpdated: instant(row.createdAt), profile: [BP_PROFILE] },
    status: "final",
    category: [{ coding: [{ ...VITAL_SIGNS }], text: "Vital Signs" }],
    code: { coding: [{ ...BP_PANEL }], text: "血压 Blood pressure" },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime: row.visitOn,
    issued: instant(row.createdAt),
    performer: [{ reference: `Organization/${row.hospitalId ?? row.institutionId}` }],
    component: [component(SYSTOLIC, row.sbp as number), component(DIASTOLIC, row.dbp as number)],
  };
}

function observationConditions(db: Db, search: SearchRequest): Promise<SQL[]> {
  return Promise.all(
    [...search.params].flatMap(([name, occurrences]) =>
      occurrences.map(async (occurrence): Promise<SQL> => {
        const { values } = occurrence;
        switch (name) {
          case "_id":
            return withModifier(occurrence, () => [idCondition(chronicVisits.id, values)]);
          case "_lastUpdated":
            return occurrence.modifier === "missing" ? withModifier(occurrence, () => []) : dateCondition(name, chronicVisits.createdAt, values);
          case "patient":
          case "subject":
            return occurrence.modifier === "missing" ? withModifier(occurrence, () => []) : patientCondition(db, chronicPatients.patientId as PgColumn, values);
          case "code":
            return withModifier(occurrence, () => values.map((v) => (matchesCoding(v, BP_PANEL) ? sql`true` : sql`false`)));
          case "category":
            return withModifier(occurrence, () => values.map((v) => (matchesCoding(v, VITAL_SIGNS) ? sql`true` : sql`false`)));
          case "status":
            return withModifier(occurrence, () => values.map((v) => (matchesCoding(v, FINAL) ? sql`true` : sql`false`)));
          case "date":
            return occurrence.modifier === "missing" ? withModifier(occurrence, () => []) : dayCondition(name, chronicVisits.visitOn, values);
          default:
            return sql`true`;
        }
      }),
    ),
  );
}

export const observationResource: ResourceDef = {
  type: "Observation",
  entity: "chronic_patient",
  documentation:
    "A hypertension register visit's blood pressure (the R4 vital-signs BP profile: LOINC 85354-9 with 8480-6 and 8462-4 in mm[Hg]); " +
    "id = the visit's id (one blood pressure per visit: the mean of its office readings). A visit without a blood pressure is no Observation. " +
    "Read and searched by the registering institution's staff; every read is audited.",
  supportedProfile: [BP_PROFILE],
  read: async (ctx, id) => {
    const [found] = await ctx.db.select({ entryId: chronicVisits.patientId }).from(chronicVisits).where(eq(chronicVisits.id, id));
    if (!found) throw notFound("Observation", id);
    // The register's own check (404 out of scope), before anything about the visit is told.
    await requireAccessTo(ctx.db, ctx.principal, "read", "chronic_patient", [found.entryId]);
    const [row] = await visitSelect(ctx.db).where(and(eq(chronicVisits.id, id), IS_OBSERVATION));
    if (!row) throw notFound("Observation", id);
    await auditReads(ctx, [row.entryId]);
    const subjects = await liveSubjects(ctx.db, [row]);
    return toObservation(row, subjects.get(row.patientId as string) as string);
  },
  search: {
    params: [
      { name: "patient", type: "reference", documentation: "The person (Patient/<patient index id>)" },
      { name: "subject", type: "reference", documentation: "The same as patient" },
      { name: "code", type: "token", documentation: "http://loinc.org|85354-9 (the only code served)" },
      { name: "category", type: "token", documentation: "vital-signs (observation-category)" },
      { name: "status", type: "token", documentation: "final (every visit is)" },
      { name: "date", type: "date", documentation: "The visit day (China time), with prefixes; results are sorted by it, newest first" },
    ],
    run: async (ctx, search) => {
      const where = and(
        IS_OBSERVATION,
        scopeCondition(readScope(ctx.principal, "chronic_patient"), { region: chronicPatients.regionCode, institution: chronicPatients.institutionId }),
        ...(await observationConditions(ctx.db, search)),
      );
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () =>
          visitSelect(ctx.db)
            .where(where)
            .orderBy(desc(chronicVisits.visitOn), desc(chronicVisits.createdAt), desc(chronicVisits.id))
            .limit(search.count)
            .offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(chronicVisits).innerJoin(chronicPatients, eq(chronicPatients.id, chronicVisits.patientId)).where(where),
      );
      await auditReads(
        ctx,
        rows.map((r) => r.entryId),
      );
      const subjects = await liveSubjects(ctx.db, rows);
      return { resources: rows.map((r) => toObservation(r, subjects.get(r.patientId as string) as string)), total };
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Condition ← a register entry

interface EntryRow {
  id: string;
  patientId: string | null;
  mergedInto: string | null;
  active: boolean;
  enrolledOn: string;
  updatedAt: Date | string;
}

function entrySelect(db: Db) {
  return db
    .select({
      id: chronicPatients.id,
      patientId: chronicPatients.patientId,
      mergedInto: patients.mergedInto,
      active: chronicPatients.active,
      enrolledOn: chronicPatients.enrolledOn,
      updatedAt: chronicPatients.updatedAt,
    })
    .from(chronicPatients)
    .leftJoin(patients, eq(patients.id, chronicPatients.patientId));
}

export function toCondition(row: EntryRow, subject: string): Condition {
  return {
    resourceType: "Condition",
    id: row.id,
    meta: { versionId: version(row.updatedAt), lastUpdated: instant(row.updatedAt) },
    clinicalStatus: { coding: [{ ...(row.active ? CLINICAL.active : CLINICAL.inactive) }] },
    verificationStatus: { coding: [{ ...CONFIRMED }] },
    category: [{ coding: [{ ...PROBLEM_LIST }] }],
    code: { coding: [{ ...HYPERTENSION }], text: "高血压 Hypertension" },
    subject: { reference: `Patient/${subject}` },
    // The day the institution entered the patient in its register (R4 recorder/asserter may not be an Organization).
    recordedDate: row.enrolledOn,
  };
}

function conditionConditions(db: Db, search: SearchRequest): Promise<SQL[]> {
  return Promise.all(
    [...search.params].flatMap(([name, occurrences]) =>
      occurrences.map(async (occurrence): Promise<SQL> => {
        const { values } = occurrence;
        switch (name) {
          case "_id":
            return withModifier(occurrence, () => [idCondition(chronicPatients.id, values)]);
          case "_lastUpdated":
            return occurrence.modifier === "missing" ? withModifier(occurrence, () => []) : dateCondition(name, chronicPatients.updatedAt, values);
          case "patient":
          case "subject":
            return occurrence.modifier === "missing" ? withModifier(occurrence, () => []) : patientCondition(db, chronicPatients.patientId as PgColumn, values);
          case "code":
            return withModifier(occurrence, () => values.map((v) => (matchesCoding(v, HYPERTENSION) ? sql`true` : sql`false`)));
          case "category":
            return withModifier(occurrence, () => values.map((v) => (matchesCoding(v, PROBLEM_LIST) ? sql`true` : sql`false`)));
          case "verification-status":
            return withModifier(occurrence, () => values.map((v) => (matchesCoding(v, CONFIRMED) ? sql`true` : sql`false`)));
          case "clinical-status":
            return withModifier(occurrence, () =>
              values.map((v) =>
                matchesCoding(v, CLINICAL.active)
                  ? eq(chronicPatients.active, true)
                  : matchesCoding(v, CLINICAL.inactive)
                    ? eq(chronicPatients.active, false)
                    : sql`false`,
              ),
            );
          default:
            return sql`true`;
        }
      }),
    ),
  );
}

export const conditionResource: ResourceDef = {
  type: "Condition",
  entity: "chronic_patient",
  documentation:
    "A patient's hypertension on an institution's chronic-care register (ICD-10 I10, confirmed, problem-list-item; recordedDate = the enrolment): " +
    "id = the register entry's id; clinicalStatus active while on the register, inactive once taken off. " +
    "Read and searched by the registering institution's staff; every read is audited.",
  read: async (ctx, id) => {
    await requireAccessTo(ctx.db, ctx.principal, "read", "chronic_patient", [id]);
    const [row] = await entrySelect(ctx.db).where(and(eq(chronicPatients.id, id), isNotNull(chronicPatients.patientId)));
    if (!row) throw notFound("Condition", id);
    await auditReads(ctx, [row.id]);
    const subjects = await liveSubjects(ctx.db, [row]);
    return toCondition(row, subjects.get(row.patientId as string) as string);
  },
  search: {
    params: [
      { name: "patient", type: "reference", documentation: "The person (Patient/<patient index id>)" },
      { name: "subject", type: "reference", documentation: "The same as patient" },
      { name: "code", type: "token", documentation: "http://hl7.org/fhir/sid/icd-10|I10 (the register's diagnosis)" },
      { name: "clinical-status", type: "token", documentation: "active (on the register) or inactive (taken off it)" },
      { name: "verification-status", type: "token", documentation: "confirmed (every entry is)" },
      { name: "category", type: "token", documentation: "problem-list-item (condition-category)" },
    ],
    run: async (ctx, search) => {
      const where = and(
        isNotNull(chronicPatients.patientId),
        scopeCondition(readScope(ctx.principal, "chronic_patient"), { region: chronicPatients.regionCode, institution: chronicPatients.institutionId }),
        ...(await conditionConditions(ctx.db, search)),
      );
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () => entrySelect(ctx.db).where(where).orderBy(desc(chronicPatients.enrolledOn), desc(chronicPatients.id)).limit(search.count).offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(chronicPatients).where(where),
      );
      await auditReads(
        ctx,
        rows.map((r) => r.id),
      );
      const subjects = await liveSubjects(ctx.db, rows);
      return { resources: rows.map((r) => toCondition(r, subjects.get(r.patientId as string) as string)), total };
    },
  },
};
