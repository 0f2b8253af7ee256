import {
  addMonths,
  allows,
  BP_GRADES,
  CDS_ACTIONS,
  CONDITIONS,
  callStateAfterVisit,
  conflict,
  DRUG_CLASSES,
  day,
  EDITIONS,
  evaluateHypertension,
  forbidden,
  formatDay,
  type HypertensionInput,
  type InstitutionKind,
  invalid,
  notFound,
  type Principal,
  parseHypertensionInput,
  provinceOf,
  RISK_FACTORS,
  RISKS,
  readScope,
  SETTINGS,
  SYMPTOMS,
} from "@medbridge/core";
import { and, asc, desc, eq, gte, isNotNull, like, lte, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { inRegion, scopeCondition } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import { chinaDate } from "../clock.ts";
import { decrypt } from "../crypto.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { chronicPatients, chronicVisits, institutions } from "../db/schema.ts";
import { pgErrorCode } from "../db/transaction.ts";
import { closeFollowUps, openFollowUpsOf } from "../follow-ups.ts";
import { DateString, PageQuery, StringEnum, Timestamp, Uuid } from "../http/schemas.ts";
import { indexPatient, type PatientKeys, sealIdNumber } from "../patient-index.ts";
import { PersonInput, personProblems } from "../patients.ts";
import { CallStateSchema, callStateColumns, callStateOf, onCallList } from "./calls.ts";
import type { DischargeRecord } from "./landing.ts";

/** The register is kept where the patients live: village clinics, township and community centres. */
export const GRASSROOTS: InstitutionKind[] = ["village_clinic", "township_health_center", "community_health_center"];

export const ChronicPatientInput = Type.Object(
  {
    patient: PersonInput,
    conditions: Type.Optional(Type.Array(StringEnum(CONDITIONS), { maxItems: CONDITIONS.length, uniqueItems: true })),
    riskFactors: Type.Optional(Type.Array(StringEnum(RISK_FACTORS), { maxItems: RISK_FACTORS.length, uniqueItems: true })),
    smsConsent: Type.Optional(Type.Boolean({ description: "The patient agrees to SMS reminders (default: no)" })),
  },
  { additionalProperties: false },
);

/** A visit: today's readings and drugs. Age, sex, conditions and risk factors come from the register. */
export const VisitInput = Type.Object(
  {
    visitOn: Type.Optional(DateString),
    edition: Type.Optional(StringEnum(EDITIONS)),
    readings: Type.Array(
      Type.Object(
        { sbp: Type.Integer(), dbp: Type.Integer(), setting: Type.Optional(StringEnum(SETTINGS)), treated: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
    symptoms: Type.Optional(Type.Array(StringEnum(SYMPTOMS), { uniqueItems: true })),
    currentDrugs: Type.Optional(
      Type.Array(
        Type.Object(
          { class: StringEnum(DRUG_CLASSES), name: Type.String({ minLength: 1, maxLength: 60 }), atMaxDose: Type.Boolean() },
          { additionalProperties: false },
        ),
        { maxItems: 8 },
      ),
    ),
    weeksOnCurrentRegimen: Type.Optional(Type.Number({ minimum: 0, maximum: 5200 })),
    labs: Type.Optional(
      Type.Object(
        { potassium: Type.Optional(Type.Number()), egfr: Type.Optional(Type.Number()), acr: Type.Optional(Type.Number()) },
        { additionalProperties: false },
      ),
    ),
    pregnant: Type.Optional(Type.Boolean()),
    breastfeeding: Type.Optional(Type.Boolean()),
    /** Replaces the patient's conditions from this visit on (a new diagnosis, say). */
    conditions: Type.Optional(Type.Array(StringEnum(CONDITIONS), { uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const PatientListQuery = Type.Object(
  {
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
    q: PageQuery.q,
    /**
     * overdue: past the next due date; week: due within the next 7 days or overdue — the call list,
     * without patients off it or not to be called before a later day; off: patients off the list.
     */
    due: Type.Optional(StringEnum(["overdue", "week", "off"] as const)),
  },
  { additionalProperties: false },
);

export const ChronicPatientSchema = Type.Object({
  id: Uuid,
  institutionId: Uuid,
  patientId: Type.Union([Uuid, Type.Null()], { description: "The person in the patient index (null only for a row the linking has not reached)" }),
  name: Type.String(),
  sex: Type.String(),
  birthDate: Type.String(),
  idNumber: Type.Union([Type.String(), Type.Null()], { description: "Masked unless the caller treats the patient; null without an ID card" }),
  phone: Type.Union([Type.String(), Type.Null()]),
  smsConsent: Type.Boolean({ description: "Whether the patient agreed to SMS reminders" }),
  smsConsentAt: Type.Union([Timestamp, Type.Null()], { description: "When the patient last gave or withdrew consent" }),
  conditions: Type.Array(Type.String()),
  riskFactors: Type.Array(Type.String()),
  enrolledOn: Type.String(),
  lastVisitOn: Type.Union([Type.String(), Type.Null()]),
  lastControlled: Type.Union([Type.Boolean(), Type.Null()]),
  nextDueOn: Type.Union([Type.String(), Type.Null()]),
  ...CallStateSchema.properties,
  followUp: Type.Union(
    [
      Type.Object({
        dueOn: Type.String({ description: "Contact the patient by this day (referral.md: within 14 days)" }),
        referralId: Uuid,
      }),
      Type.Null(),
    ],
    { description: "The open follow-up task of a patient sent back down from hospital (出院后随访): the call list's item for it" },
  ),
});

export const ControlRateQuery = Type.Object(
  { regionCode: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{5}$" })), institutionId: Type.Optional(Uuid), asOf: Type.Optional(DateString) },
  { additionalProperties: false },
);

const BloodPressure = Type.Object({ sbp: Type.Number(), dbp: Type.Number() });

/** The engine's recommendation (core's HypertensionOutput), with the trace of the rules that decided it. */
export const RecommendationSchema = Type.Object({
  diagnosis: StringEnum(["confirmed", "needs_more_readings", "not_hypertension"] as const),
  grade: StringEnum(BP_GRADES),
  risk: Type.Union([StringEnum(RISKS), Type.Null()]),
  target: BloodPressure,
  ifTolerated: Type.Optional(BloodPressure),
  controlled: Type.Boolean(),
  action: StringEnum(CDS_ACTIONS),
  suggestedClasses: Type.Array(StringEnum(DRUG_CLASSES), { description: "Best first: the choice, then the alternatives" }),
  avoidClasses: Type.Array(Type.Object({ class: StringEnum(DRUG_CLASSES), reason: Type.String() })),
  followUpDays: Type.Object({ min: Type.Number(), max: Type.Number() }),
  mayDeferWeeks: Type.Optional(Type.Number()),
  trace: Type.Array(Type.Object({ rule: Type.String(), source: Type.String(), detail: Type.String() })),
});

/** A recorded visit as recordVisit answers it. */
export const RecordedVisitSchema = Type.Object({
  id: Uuid,
  visitOn: Type.String(),
  sbp: Type.Number(),
  dbp: Type.Number(),
  edition: StringEnum(EDITIONS),
  nextDueOn: Type.String(),
  recommendation: RecommendationSchema,
});

/** A visit in the patient's list (listVisits): who recorded it and the drugs taken then. */
export const VisitSchema = Type.Object({
  ...Type.Omit(RecordedVisitSchema, ["edition", "sbp", "dbp", "recommendation"]).properties,
  recommendation: Type.Union([RecommendationSchema, Type.Null()], { description: "Null for a discharge without a blood pressure: the engine did not run" }),
  kind: StringEnum(["follow_up", "discharge"] as const, { description: "A visit at the institution, or the hospital's discharge summary" }),
  discharge: Type.Union(
    [
      Type.Object({
        referralId: Uuid,
        summary: Type.String(),
        hospital: Type.String({ description: "The hospital that sent the patient back down" }),
        dueRule: StringEnum(["guideline", "no_bp"] as const, {
          description: "The engine's interval from the BP at discharge, or refer_*'s 14 days without one",
        }),
      }),
      Type.Null(),
    ],
    { description: "What the hospital sent with a discharge visit; null for other visits" },
  ),
  sbp: Type.Union([Type.Number(), Type.Null()]),
  dbp: Type.Union([Type.Number(), Type.Null()]),
  edition: Type.String(),
  recordedBy: Type.String(),
  currentDrugs: Type.Array(Type.Object({ class: StringEnum(DRUG_CLASSES), name: Type.String(), atMaxDose: Type.Boolean() })),
  symptoms: Type.Array(StringEnum(SYMPTOMS), { description: "The symptoms recorded at the visit (a referral's summary starts from them)" }),
});

const Rate = Type.Union([Type.Number(), Type.Null()], { description: "controlled / patients, 3 decimals; null without patients" });

/** The control rate of a region or institution, and per institution (controlRate). */
export const ControlRateSchema = Type.Object({
  asOf: Type.String(),
  since: Type.String({ description: "Only a last visit on or after this day counts as controlled" }),
  patients: Type.Integer(),
  controlled: Type.Integer(),
  rate: Rate,
  byInstitution: Type.Array(
    Type.Object({ institutionId: Uuid, institutionName: Type.String(), patients: Type.Integer(), controlled: Type.Integer(), rate: Rate }),
  ),
});

type PatientRow = typeof chronicPatients.$inferSelect;

type FollowUp = { dueOn: string; referralId: string } | null;

function toApi(row: PatientRow, principal: Principal, key: Buffer, followUp: FollowUp, listing = false) {
  const clear = !listing && allows(principal, "read", "patient_identity", { regionCode: row.regionCode, institutionIds: [row.institutionId] });
  return {
    id: row.id,
    institutionId: row.institutionId,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    patientId: row.patientId,
    idNumber: clear && row.idCipher ? decrypt(key, row.idCipher) : row.idMasked,
    phone: row.phone,
    smsConsent: row.smsConsent,
    smsConsentAt: row.smsConsentAt,
    conditions: row.conditions,
    riskFactors: row.riskFactors,
    enrolledOn: row.enrolledOn,
    lastVisitOn: row.lastVisitOn,
    lastControlled: row.lastControlled,
    nextDueOn: row.nextDueOn,
    ...callStateOf(row),
    followUp,
  };
}

/** Enrols a patient at the caller's (grassroots) institution; the same ID number twice is a 409. */
export async function enrolPatient(db: Db, actor: Actor, principal: Principal, keys: PatientKeys, input: Static<typeof ChronicPatientInput>, now: Date) {
  if (!principal.institutionId) throw forbidden("register_grassroots_only", "Patients are registered by staff of a grassroots institution");
  const [home] = await db
    .select({ kind: institutions.kind, regionCode: institutions.regionCode })
    .from(institutions)
    .where(eq(institutions.id, principal.institutionId));
  if (!home || !GRASSROOTS.includes(home.kind as InstitutionKind))
    throw forbidden("register_grassroots_only", "The chronic-care register is kept at village clinics and township or community health centres");
  const problems = personProblems(input.patient, now, "patient.");
  if (problems.length) throw invalid(problems);
  const patientId = await indexPatient(db, keys, input.patient);
  const sealed = sealIdNumber(keys.dataKey, input.patient.idNumber);
  try {
    const [row] = await db
      .insert(chronicPatients)
      .values({
        institutionId: principal.institutionId,
        patientId,
        name: input.patient.name.trim(),
        sex: input.patient.sex,
        birthDate: input.patient.birthDate,
        idCipher: sealed.cipher,
        idMasked: sealed.masked,
        phone: input.patient.phone ?? null,
        smsConsent: input.smsConsent ?? false,
        smsConsentAt: input.smsConsent === undefined ? null : now,
        conditions: input.conditions ?? [],
        riskFactors: input.riskFactors ?? [],
        enrolledOn: chinaDate(now),
        regionCode: home.regionCode,
        provinceCode: provinceOf(home.regionCode),
      })
      .returning();
    const patient = row as PatientRow;
    await audit(db, actor, {
      action: "create",
      entity: "chronic_patient",
      entityId: patient.id,
      regionCode: home.regionCode,
      ...(input.smsConsent !== undefined && { after: { smsConsent: input.smsConsent } }),
    });
    return toApi(patient, principal, keys.dataKey, null);
  } catch (error) {
    if (pgErrorCode(error) === "23505")
      throw conflict([{ path: "patient.idNumber", code: "duplicate", params: { scope: "register" }, message: "is already in this institution's register" }]);
    throw error;
  }
}

export async function listPatients(db: Db, principal: Principal, key: Buffer, q: Static<typeof PatientListQuery>, today: string) {
  const where: (SQL | undefined)[] = [eq(chronicPatients.active, true)];
  where.push(scopeCondition(readScope(principal, "chronic_patient"), { region: chronicPatients.regionCode, institution: chronicPatients.institutionId }));
  if (q.q?.trim()) where.push(like(chronicPatients.name, `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.due === "overdue") where.push(sql`${chronicPatients.nextDueOn} < ${today}`, onCallList(today));
  if (q.due === "week") where.push(lte(chronicPatients.nextDueOn, formatDay(day(today) + 7)), onCallList(today));
  if (q.due === "off") where.push(isNotNull(chronicPatients.offListReason));
  const condition = and(...where);
  const result = await paged(
    q.page,
    q.pageSize,
    db
      .select()
      .from(chronicPatients)
      .where(condition)
      .orderBy(asc(chronicPatients.nextDueOn), asc(chronicPatients.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(chronicPatients).where(condition),
  );
  // Lists carry masked ID numbers only; a patient sent back down shows the open follow-up task.
  const followUps = await openFollowUpsOf(db, result.items);
  return { ...result, items: result.items.map((r) => toApi(r, principal, key, followUps.get(r.id) ?? null, true)) };
}

/** One patient; reading personal details is audit-logged. */
export async function readPatient(db: Db, actor: Actor, principal: Principal, key: Buffer, id: string) {
  const [row] = await db.select().from(chronicPatients).where(eq(chronicPatients.id, id));
  if (!row) throw notFound("patient");
  await audit(db, actor, { action: "read_patient", entity: "chronic_patient", entityId: id });
  return toApi(row, principal, key, (await openFollowUpsOf(db, [row])).get(id) ?? null);
}

export const ageOn = (birthDate: string, on: string) => {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

/**
 * Records a visit: the engine evaluates it with the register's facts (age on the visit day, sex,
 * conditions, risk factors; a registered patient is diagnosed), the recommendation is stored with
 * its edition, and the patient's next due date and control status move on. The visit is the
 * contact an open follow-up task after a discharge asks for: the task is done.
 */
export async function recordVisit(db: Db, actor: Actor, id: string, body: Static<typeof VisitInput>, today: string, now: Date) {
  const [patient] = await db.select().from(chronicPatients).where(eq(chronicPatients.id, id)).for("update");
  if (!patient) throw notFound("patient");
  const visitOn = body.visitOn ?? today;
  if (visitOn > today) throw invalid([{ path: "visitOn", code: "in_future", message: "is in the future" }]);
  const conditions = body.conditions ?? patient.conditions;
  const raw = {
    ...(body.edition && { edition: body.edition }),
    asOf: today,
    patient: {
      age: ageOn(patient.birthDate, visitOn),
      sex: patient.sex,
      pregnant: body.pregnant ?? false,
      breastfeeding: body.breastfeeding ?? false,
    },
    readings: body.readings.map((r) => ({ date: visitOn, setting: "office", ...r })),
    diagnosedHypertension: true,
    conditions,
    riskFactors: patient.riskFactors,
    symptoms: body.symptoms ?? [],
    currentDrugs: body.currentDrugs ?? [],
    ...(body.weeksOnCurrentRegimen !== undefined && { weeksOnCurrentRegimen: body.weeksOnCurrentRegimen }),
    labs: body.labs ?? {},
  };
  // The engine's validation names fields as the visit does (readings[0].sbp, labs.potassium …).
  const input: HypertensionInput = parseHypertensionInput(raw, { today });
  const recommendation = evaluateHypertension(input);
  const office = input.readings.filter((r) => r.setting === "office");
  const sbp = Math.round(office.reduce((s, r) => s + r.sbp, 0) / office.length);
  const dbp = Math.round(office.reduce((s, r) => s + r.dbp, 0) / office.length);
  const nextDueOn = formatDay(day(visitOn) + recommendation.followUpDays.max);
  const [visit] = await db
    .insert(chronicVisits)
    .values({
      patientId: id,
      institutionId: patient.institutionId,
      visitOn,
      input,
      edition: input.edition,
      recommendation,
      action: recommendation.action,
      controlled: recommendation.controlled,
      sbp,
      dbp,
      nextDueOn,
      recordedBy: actor.name,
    })
    .returning({ id: chronicVisits.id });
  // A visit entered late (older than the last one) is kept but does not move the patient's status back.
  if (!patient.lastVisitOn || visitOn >= patient.lastVisitOn) {
    await db
      .update(chronicPatients)
      .set({
        lastVisitOn: visitOn,
        lastControlled: recommendation.controlled,
        conditions,
        ...callStateColumns(callStateAfterVisit(nextDueOn)),
        updatedAt: new Date(),
      })
      .where(eq(chronicPatients.id, id));
  }
  await closeFollowUps(db, id, visitOn, now);
  await audit(db, actor, {
    action: "visit",
    entity: "chronic_patient",
    entityId: id,
    regionCode: patient.regionCode,
    after: { visitOn, action: recommendation.action, edition: input.edition },
  });
  return { id: (visit as { id: string }).id, visitOn, sbp, dbp, edition: input.edition, nextDueOn, recommendation };
}

export async function listVisits(db: Db, patientId: string) {
  const rows = await db
    .select()
    .from(chronicVisits)
    .where(eq(chronicVisits.patientId, patientId))
    .orderBy(desc(chronicVisits.visitOn), desc(chronicVisits.createdAt))
    .limit(100);
  return rows.map((v) => {
    const input = v.input as Pick<HypertensionInput, "currentDrugs" | "symptoms"> & { discharge?: DischargeRecord };
    // A discharge without a BP stores which interval was taken instead of a recommendation (landing.ts).
    const evaluated = v.kind !== "discharge" || v.sbp !== null;
    return {
      id: v.id,
      visitOn: v.visitOn,
      kind: v.kind as "follow_up" | "discharge",
      sbp: v.sbp,
      dbp: v.dbp,
      edition: v.edition,
      nextDueOn: v.nextDueOn,
      recordedBy: v.recordedBy,
      currentDrugs: input.currentDrugs ?? [],
      symptoms: input.symptoms ?? [],
      recommendation: evaluated ? (v.recommendation as ReturnType<typeof evaluateHypertension>) : null,
      discharge:
        v.kind === "discharge" && input.discharge
          ? {
              referralId: v.referralId as string,
              summary: input.discharge.summary,
              hospital: input.discharge.hospital,
              dueRule: evaluated ? ("guideline" as const) : ("no_bp" as const),
            }
          : null,
    };
  });
}

/**
 * Control rate (hypertension.md): patients whose last BP within 3 months is controlled / patients
 * under care, for an institution or a region, with the figure per institution. Reads the register's
 * kept status (one indexed pass over patients), never the visits.
 */
export async function controlRate(db: Db, scope: { regionCode?: string; institutionId?: string }, asOf: string) {
  const since = formatDay(addMonths(day(asOf), -3));
  const where = and(
    eq(chronicPatients.active, true),
    scope.institutionId ? eq(chronicPatients.institutionId, scope.institutionId) : undefined,
    scope.regionCode ? inRegion(chronicPatients.regionCode, scope.regionCode) : undefined,
  );
  const rows = await db
    .select({
      institutionId: chronicPatients.institutionId,
      institutionName: sql<string>`min(${institutions.name})`,
      patients: sql<number>`count(*)::int`,
      controlled: sql<number>`(count(*) filter (where ${chronicPatients.lastControlled} and ${gte(chronicPatients.lastVisitOn, since)}))::int`,
    })
    .from(chronicPatients)
    .innerJoin(institutions, eq(institutions.id, chronicPatients.institutionId))
    .where(where)
    .groupBy(chronicPatients.institutionId)
    .orderBy(asc(sql`min(${institutions.name})`));
  const patients = rows.reduce((s, r) => s + r.patients, 0);
  const controlled = rows.reduce((s, r) => s + r.controlled, 0);
  const rate = (c: number, n: number) => (n ? Math.round((c / n) * 1000) / 1000 : null);
  return {
    asOf,
    since,
    patients,
    controlled,
    rate: rate(controlled, patients),
    byInstitution: rows.map((r) => ({ ...r, rate: rate(r.controlled, r.patients) })),
  };
}
