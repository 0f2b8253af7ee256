import { randomUUID } from "node:crypto";
import {
  actingSide,
  allowedActions,
  allows,
  CARE_LEVEL,
  conflict,
  DRUG_CLASSES,
  expiryWarningLeadMinutes,
  type FieldError,
  forbidden,
  formatDay,
  type InstitutionKind,
  invalid,
  MASK_KEEPS,
  notFound,
  OPEN_STATUSES,
  PLAUSIBLE,
  PRIORITIES,
  type Principal,
  type Priority,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  type ReferralAction,
  type ReferralStatus,
  type Side,
  slaDeadline,
  transition,
  viewStatuses,
  WORKLIST_VIEWS,
  worklistSearch,
} from "@medbridge/core";
import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import { chinaDay } from "../clock.ts";
import { decrypt, lookupHash } from "../crypto.ts";
import { builtOnce } from "../db/built-once.ts";
import type { Db } from "../db/connection.ts";
import { partSlices } from "../db/paging.ts";
import { beds, institutions, referralEvents, referrals, slots } from "../db/schema.ts";
import { likeContains } from "../db/search.ts";
import { inTransaction } from "../db/transaction.ts";
import { FOLLOW_UP_WITHIN_DAYS, type LandDischarge, openFollowUp } from "../follow-ups.ts";
import { PageQuery, StringEnum, Text, Uuid } from "../http/schemas.ts";
import { type NotificationKind, notify, referralNotificationPayload } from "../notify/notify.ts";
import { referralChanged, referralChangePayload } from "../notify/subscriptions.ts";
import { indexPatient, type PatientKeys, sealIdNumber } from "../patient-index.ts";
import { HomeCounty, homeCountyProblems, PersonFields, personProblems } from "../patients.ts";
import { AttachmentSchema, AttachmentsInput, decodeAttachments, listAttachments, storeAttachments } from "./attachments.ts";
import { insertReferral } from "./create-statement.ts";
import { bookUnit, unbookUnit } from "./pool.ts";

export const PatientInput = Type.Object(
  {
    ...PersonFields,
    /** The county of the patient's home address (for out-of-county figures); never taken from the ID number. */
    homeCounty: Type.Optional(HomeCounty),
  },
  { additionalProperties: false },
);

export const ReferralInput = Type.Object(
  {
    direction: StringEnum(["up", "down"] as const),
    priority: StringEnum(PRIORITIES),
    toInstitutionId: Uuid,
    department: Text(40),
    patient: PatientInput,
    reason: Type.Object({ icd10: Type.String({ pattern: "^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$" }), text: Text(200) }, { additionalProperties: false }),
    summary: Type.Optional(Text(5000, 0)),
    submit: Type.Optional(Type.Boolean({ default: false })),
    /** Book a reserved slot (or bed) of the receiver now, so the patient leaves with it; held until the visit. */
    slotId: Type.Optional(Uuid),
    bedId: Type.Optional(Uuid),
    /** Set by a completed up-referral that sends the patient back down. */
    parentId: Type.Optional(Uuid),
    attachments: Type.Optional(AttachmentsInput),
  },
  { additionalProperties: false },
);
export type ReferralInput = Static<typeof ReferralInput>;

export const TransitionInput = Type.Object(
  {
    action: StringEnum(REFERRAL_ACTIONS.filter((a) => a !== "expire")),
    note: Type.Optional(Text(1000, 0)),
    slotId: Type.Optional(Uuid),
    bedId: Type.Optional(Uuid),
    /** With `complete`: send the patient back down with this summary (creates the linked down-referral). */
    downReferral: Type.Optional(
      Type.Object(
        {
          summary: Text(5000),
          department: Type.Optional(Text(40)),
          /** The discharge medications: a register the patient lands in records them with the discharge. */
          medications: Type.Optional(
            Type.Array(Type.Object({ class: StringEnum(DRUG_CLASSES), name: Text(60), atMaxDose: Type.Boolean() }, { additionalProperties: false }), {
              maxItems: 8,
            }),
          ),
          /** The blood pressure at discharge (mmHg): a register the patient lands in judges the next visit from it. */
          bp: Type.Optional(
            Type.Object(
              {
                sbp: Type.Integer({ minimum: PLAUSIBLE.sbp.min, maximum: PLAUSIBLE.sbp.max }),
                dbp: Type.Integer({ minimum: PLAUSIBLE.dbp.min, maximum: PLAUSIBLE.dbp.max }),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** What the schema cannot say about a down-referral's discharge data, each problem naming its field. */
function downReferralProblems(down: NonNullable<Static<typeof TransitionInput>["downReferral"]>): FieldError[] {
  const problems: FieldError[] = [];
  down.medications?.forEach((m, i) => {
    if (!m.name.trim()) problems.push({ path: `downReferral.medications[${i}].name`, code: "required", message: "must be a drug name" });
  });
  if (down.bp && down.bp.sbp <= down.bp.dbp)
    problems.push({ path: "downReferral.bp.sbp", code: "implausible", params: { other: "dbp" }, message: "must be higher than dbp (likely an entry error)" });
  return problems;
}

export const ReferralSchema = Type.Object({
  id: Uuid,
  direction: StringEnum(["up", "down"] as const),
  priority: StringEnum(PRIORITIES),
  status: StringEnum(REFERRAL_STATUSES),
  fromInstitutionId: Uuid,
  fromInstitutionName: Type.String(),
  toInstitutionId: Uuid,
  toInstitutionName: Type.String(),
  department: Type.String(),
  patient: Type.Object({
    id: Type.Union([Uuid, Type.Null()], { description: "The person in the patient index (null only for a row the linking has not reached)" }),
    name: Type.String(),
    sex: Type.String(),
    birthDate: Type.String(),
    idNumber: Type.Union([Type.String(), Type.Null()], { description: "Masked unless the caller treats the patient; null without an ID card" }),
    phone: Type.Union([Type.String(), Type.Null()]),
    homeCounty: Type.Union([Type.String(), Type.Null()]),
  }),
  reason: Type.Object({ icd10: Type.String(), text: Type.String() }),
  summary: Type.Union([Type.String(), Type.Null()]),
  slotId: Type.Union([Type.String(), Type.Null()]),
  bedId: Type.Union([Type.String(), Type.Null()]),
  booking: Type.Union(
    [
      Type.Object({
        kind: StringEnum(["slot", "bed"] as const),
        institutionName: Type.String({ description: "The receiving hospital, where the patient goes" }),
        unit: Type.String({ description: "The department of a slot, the ward of a bed" }),
        date: Type.String(),
      }),
      Type.Null(),
    ],
    { description: "The reserved outpatient slot or bed booked for the patient; null until one is" },
  ),
  parentId: Type.Union([Type.String(), Type.Null()]),
  /** On the single-referral read only: the down-referral that sent this up-referral's patient back. */
  downReferralId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  slaDeadline: Type.Union([Type.String(), Type.Null()]),
  allowedActions: Type.Array(Type.String()),
  /** On the single-referral read only; lists leave it out. */
  attachments: Type.Optional(Type.Array(AttachmentSchema)),
  createdAt: Type.String(),
});

export const ReferralListQuery = Type.Object(
  {
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
    role: StringEnum(["incoming", "outgoing"] as const, { default: "incoming" }),
    direction: Type.Optional(StringEnum(["up", "down"] as const)),
    status: Type.Optional(StringEnum(REFERRAL_STATUSES)),
    priority: Type.Optional(StringEnum(PRIORITIES)),
    department: Type.Optional(Text(40)),
    view: Type.Optional(
      StringEnum(WORKLIST_VIEWS, {
        description:
          "action: what still waits on someone, in the order to deal with it; finished: completed, rejected, cancelled, expired, latest first; all (default): both, in that order",
      }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          "A patient's name (part of it), or the last 2–4 characters of their ID number (those who see masked numbers only: the last 2). A whole ID number is refused: look it up in the patient index.",
      }),
    ),
  },
  { additionalProperties: false },
);

/** Which side of a referral the caller acts for (null: neither, or a role that does not act on referrals). */
export function sideOf(principal: Principal, r: { fromInstitutionId: string; toInstitutionId: string }): Side | null {
  return actingSide(principal, "referral", { sender: r.fromInstitutionId, receiver: r.toInstitutionId });
}

/**
 * Creates (and with `submit` submits) a referral. Returns it in the API's shape, built from the
 * inserted row, so answering the request needs no second read. `indexedPatientId`: the person is
 * already in the patient index (the FHIR door's `subject` reference) — kept as is, so a person
 * without an ID card keeps their local identifier instead of being indexed anew.
 */
export async function createReferral(
  db: Db,
  actor: Actor,
  principal: Principal,
  keys: PatientKeys,
  input: ReferralInput,
  now: Date,
  indexedPatientId?: string,
) {
  const fromId = principal.institutionId;
  if (!fromId) throw forbidden("referral_staff_only", "Only staff of an institution can refer a patient");
  const personErrors: FieldError[] = personProblems(input.patient, now, "patient.");
  const errors: FieldError[] = [];
  if (input.patient.homeCounty) errors.push(...(await homeCountyProblems(db, input.patient.homeCounty, "patient.homeCounty")));
  if (input.slotId && input.bedId)
    errors.push({ path: "bedId", code: "not_allowed", params: { reason: "slot_or_bed_not_both" }, message: "book either a slot or a bed, not both" });
  const attachments = decodeAttachments(input.attachments);
  errors.push(...attachments.errors);
  // The two institutions are checked by the create statement itself (one round trip less on the
  // busiest write); only a refused or invalid request reads them here, to say what is wrong.
  if (personErrors.length || errors.length) throw invalid([...personErrors, ...(await sideProblems(db, fromId, input)), ...errors]);
  const submitted = input.submit ?? false;
  const person = input.patient;
  // A booking or files add statements: then all of it is one transaction. Without them the create
  // is one statement (create-statement.ts), atomic on its own.
  // A person without an ID number is indexed first (a local identifier, retried on a clash).
  const needsTransaction = Boolean(input.slotId || input.bedId || attachments.decoded.length || (!person.idNumber && !indexedPatientId));
  return maybeInTransaction(db, needsTransaction, async (tx) => {
    // A booking is checked after the institutions, as before they moved into the statement: a bad
    // receiver is named, not hidden behind "no such slot" or "full".
    if (input.slotId || input.bedId) {
      const problems = await sideProblems(tx, fromId, input);
      if (problems.length) throw invalid(problems);
    }
    const givenPatientId = indexedPatientId ?? (person.idNumber ? null : await indexPatient(tx, keys, person));
    const booked = input.slotId
      ? await bookUnit(tx, "slot", input.slotId, input.toInstitutionId)
      : input.bedId
        ? await bookUnit(tx, "bed", input.bedId, input.toInstitutionId)
        : null;
    // The id is made here so that the event, the notification and the audit entry can name it.
    const id = randomUUID();
    const status = submitted ? "submitted" : "draft";
    // The index's record and the referral each keep their own ciphertext of the number.
    const forIndex = givenPatientId ? { cipher: null } : sealIdNumber(keys.dataKey, person.idNumber);
    const sealed = sealIdNumber(keys.dataKey, person.idNumber);
    const slaAt = submitted ? slaDeadline(now, input.priority) : null;
    // What the referral holds of the request, as stored and as answered.
    const fields = {
      direction: input.direction,
      priority: input.priority,
      department: input.department.trim(),
      patientName: person.name.trim(),
      patientSex: person.sex,
      patientBirthDate: person.birthDate,
      patientPhone: person.phone ?? null,
      patientHomeCounty: person.homeCounty ?? null,
      reasonIcd10: input.reason.icd10,
      reasonText: input.reason.text.trim(),
      summary: input.summary ?? null,
      slotId: input.slotId ?? null,
      bedId: input.bedId ?? null,
      parentId: input.parentId ?? null,
    };
    const inserted = await insertReferral(tx, submitted, {
      ...fields,
      id,
      now: now.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      requestId: actor.requestId,
      audit: JSON.stringify({ direction: input.direction, priority: input.priority, toInstitutionId: input.toInstitutionId, submitted }),
      notification: referralNotificationPayload("incoming", { id, status, priority: input.priority }),
      change: referralChangePayload({ id, status }),
      fromInstitutionId: fromId,
      toInstitutionId: input.toInstitutionId,
      fromUserId: principal.userId,
      givenPatientId,
      idHash: person.idNumber && !givenPatientId ? lookupHash(keys.indexKey, person.idNumber) : null,
      idCipher: forIndex.cipher,
      idMasked: sealed.masked,
      patientIdCipher: sealed.cipher,
      // The Clock's time, like the submission and every transition (the database's now() is the
      // transaction's start: a referral created submitted looked changed before it was submitted).
      submittedAt: submitted ? now.toISOString() : null,
      slaDeadline: slaAt ? slaAt.toISOString() : null,
    });
    if (!inserted) {
      const problems = await sideProblems(tx, fromId, input);
      if (problems.length) throw invalid(problems);
      throw new Error("referral create: the statement refused institutions that the check finds fine");
    }
    await storeAttachments(tx, id, attachments.decoded);
    // The answer is built from what was inserted: no read back.
    const created: Row = {
      ...fields,
      id,
      status,
      fromInstitutionId: fromId,
      fromInstitutionName: inserted.fromName,
      toInstitutionId: input.toInstitutionId,
      toInstitutionName: inserted.toName,
      patientId: inserted.patientId,
      patientIdCipher: sealed.cipher,
      patientIdMasked: sealed.masked,
      submittedAt: submitted ? now : null,
      slaDeadline: slaAt,
      createdAt: now,
      bookingUnit: booked?.unit ?? null,
      bookingDate: booked?.date ?? null,
    };
    return { ...toApi(created, principal, keys.dataKey), attachments: await listAttachments(tx, id, attachments.decoded.length > 0) };
  });
}

/** What is wrong with the two institutions of a new referral: the sender's own, and the receiver. */
async function sideProblems(db: Db, fromId: string, input: ReferralInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.toInstitutionId === fromId)
    errors.push({ path: "toInstitutionId", code: "same_as", params: { other: "institution" }, message: "must be another institution" });
  const rows = await referralSides(db, { from: fromId, to: input.toInstitutionId });
  const from = rows.find((r) => r.id === fromId);
  const to = rows.find((r) => r.id === input.toInstitutionId);
  if (!from) throw forbidden("referral_staff_only", "Only staff of an institution can refer a patient");
  if (!to?.active) errors.push({ path: "toInstitutionId", code: "not_found", params: { entity: "institution" }, message: "no such active institution" });
  else {
    const up = CARE_LEVEL[to.kind as InstitutionKind] > CARE_LEVEL[from.kind as InstitutionKind];
    const down = CARE_LEVEL[to.kind as InstitutionKind] < CARE_LEVEL[from.kind as InstitutionKind];
    if (input.direction === "up" && !up)
      errors.push({ path: "direction", code: "wrong_kind", params: { expected: "higher_level" }, message: "an up-referral must go to a higher level of care" });
    if (input.direction === "down" && !down)
      errors.push({ path: "direction", code: "wrong_kind", params: { expected: "lower_level" }, message: "a down-referral must go to a lower level of care" });
  }
  return errors;
}

/** The two institutions of a new referral, read when the create is refused. */
const referralSides = builtOnce<{ id: string; name: string; kind: string; regionCode: string; active: boolean }>(
  () => sql`select id, name, kind, region_code as "regionCode", active from ${institutions} where id in (${sql.placeholder("from")}, ${sql.placeholder("to")})`,
);

/** `work` in a transaction when it needs one, else on `db` as it is. */
function maybeInTransaction<T>(db: Db, needed: boolean, work: (tx: Db) => Promise<T>): Promise<T> {
  return needed ? inTransaction(db, work) : work(db);
}

/** A referral as the API shows it, with its institutions' names and booked unit (the FHIR door reads the same). */
export const columns = {
  id: referrals.id,
  direction: referrals.direction,
  priority: referrals.priority,
  status: referrals.status,
  fromInstitutionId: referrals.fromInstitutionId,
  fromInstitutionName: sql<string>`(select name from ${institutions} where ${institutions.id} = ${referrals.fromInstitutionId})`,
  toInstitutionId: referrals.toInstitutionId,
  toInstitutionName: sql<string>`(select name from ${institutions} where ${institutions.id} = ${referrals.toInstitutionId})`,
  department: referrals.department,
  patientId: referrals.patientId,
  patientName: referrals.patientName,
  patientSex: referrals.patientSex,
  patientBirthDate: referrals.patientBirthDate,
  patientIdCipher: referrals.patientIdCipher,
  patientIdMasked: referrals.patientIdMasked,
  patientPhone: referrals.patientPhone,
  patientHomeCounty: referrals.patientHomeCounty,
  reasonIcd10: referrals.reasonIcd10,
  reasonText: referrals.reasonText,
  summary: referrals.summary,
  slotId: referrals.slotId,
  bedId: referrals.bedId,
  // The booked unit, each read by its primary key.
  bookingUnit: sql<
    string | null
  >`coalesce((select ${slots.department} from ${slots} where ${slots.id} = ${referrals.slotId}), (select ${beds.ward} from ${beds} where ${beds.id} = ${referrals.bedId}))`,
  bookingDate: sql<
    string | null
  >`coalesce((select ${slots.date}::text from ${slots} where ${slots.id} = ${referrals.slotId}), (select ${beds.date}::text from ${beds} where ${beds.id} = ${referrals.bedId}))`,
  parentId: referrals.parentId,
  submittedAt: referrals.submittedAt,
  slaDeadline: referrals.slaDeadline,
  createdAt: referrals.createdAt,
};
type Row = Awaited<ReturnType<typeof selectRows>>[number];
const selectRows = (db: Db, where: SQL | undefined) => db.select(columns).from(referrals).where(where);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The API shape. The ID number is decrypted only for clinicians of the two institutions
 * (referral.md, privacy); everyone else sees the masked form.
 */
function toApi(row: Row, principal: Principal, key: Buffer, listing = false) {
  const side = sideOf(principal, row);
  const clear = !listing && allows(principal, "read", "patient_identity", { regionCode: null, institutionIds: [row.fromInstitutionId, row.toInstitutionId] });
  return {
    id: row.id,
    direction: row.direction as "up" | "down",
    priority: row.priority as Priority,
    status: row.status as ReferralStatus,
    fromInstitutionId: row.fromInstitutionId,
    fromInstitutionName: row.fromInstitutionName,
    toInstitutionId: row.toInstitutionId,
    toInstitutionName: row.toInstitutionName,
    department: row.department,
    patient: {
      id: row.patientId,
      name: row.patientName,
      sex: row.patientSex,
      birthDate: row.patientBirthDate,
      idNumber: clear && row.patientIdCipher ? decrypt(key, row.patientIdCipher) : row.patientIdMasked,
      phone: row.patientPhone,
      homeCounty: row.patientHomeCounty,
    },
    reason: { icd10: row.reasonIcd10, text: row.reasonText },
    summary: row.summary,
    slotId: row.slotId,
    bedId: row.bedId,
    booking:
      (row.slotId || row.bedId) && row.bookingUnit && row.bookingDate
        ? { kind: row.slotId ? ("slot" as const) : ("bed" as const), institutionName: row.toInstitutionName, unit: row.bookingUnit, date: row.bookingDate }
        : null,
    parentId: row.parentId,
    submittedAt: iso(row.submittedAt),
    slaDeadline: iso(row.slaDeadline),
    allowedActions: side ? allowedActions(row.status as ReferralStatus, side) : [],
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * One referral; reading patient details is itself audit-logged. The answer to a write the caller
 * just made (create, transition) is not a new read and is not logged again: the write is.
 */
export async function readReferral(db: Db, actor: Actor, principal: Principal, key: Buffer, id: string, options = { audited: true }) {
  const [row] = await selectRows(db, eq(referrals.id, id));
  if (!row) throw notFound("referral");
  if (options.audited) await audit(db, actor, { action: "read_patient", entity: "referral", entityId: id });
  return { ...toApi(row, principal, key), downReferralId: await downReferralOf(db, row), attachments: await listAttachments(db, id) };
}

/**
 * The down-referral an up-referral's completion created: made by the receiver, back to the sender,
 * for the same person. Found through the patient's index (or the receiver's outgoing referrals
 * for a row the linking has not reached) rather than a scan for its parent_id.
 */
async function downReferralOf(db: Db, row: Row): Promise<string | null> {
  if (row.direction !== "up" || row.status !== "completed") return null;
  const [down] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        row.patientId ? eq(referrals.patientId, row.patientId) : eq(referrals.fromInstitutionId, row.toInstitutionId),
        eq(referrals.fromInstitutionId, row.toInstitutionId),
        eq(referrals.parentId, row.id),
      ),
    )
    .limit(1);
  return down?.id ?? null;
}

/**
 * The parts of a worklist in display order (core/referral/worklist.ts), each with its statuses and
 * an order of plain columns: the ones to answer (green channel first, then the SLA deadline soonest),
 * each other open status by booked visit soonest, then every other status (the finished ones)
 * together, latest first. Ties go by priority, age, id, so the order is total.
 */
function worklistParts(open: readonly string[], others: string[]): { statuses: string[]; order: SQL[] }[] {
  const visit = sql`${columns.bookingDate} nulls last`;
  return [
    ...open.map((status) => ({
      statuses: [status],
      order:
        status === "submitted"
          ? [asc(referrals.priorityRank), asc(referrals.slaDeadline), visit, asc(referrals.createdAt), asc(referrals.id)]
          : [visit, asc(referrals.priorityRank), asc(referrals.createdAt), asc(referrals.id)],
    })),
    { statuses: others, order: [desc(referrals.updatedAt), asc(referrals.priorityRank), asc(referrals.createdAt), asc(referrals.id)] },
  ];
}

/**
 * The caller's worklist, incoming or outgoing, in the order to deal with it (core/referral/worklist.ts):
 * what still waits on someone first — the ones to answer (green channel first, then the SLA deadline
 * soonest), then those awaiting the patient (booked visit soonest) — then the finished ones, latest
 * first. `view` keeps one of the two parts; `q` finds a patient by name or ID-number tail.
 */
export async function listReferrals(db: Db, principal: Principal, key: Buffer, q: Static<typeof ReferralListQuery>) {
  const mine = principal.institutionId;
  if (!mine) throw forbidden("worklists_for_institutions", "Worklists belong to institutions; officials see counts in the indicators");
  const open = OPEN_STATUSES[q.role];
  const side = q.role === "incoming" ? eq(referrals.toInstitutionId, mine) : eq(referrals.fromInstitutionId, mine);
  const inView = viewStatuses(q.role, q.view ?? "all").filter((status) => !q.status || status === q.status);
  const filters: SQL[] = [];
  if (q.direction) filters.push(eq(referrals.direction, q.direction));
  if (q.priority) filters.push(eq(referrals.priority, q.priority));
  if (q.department) filters.push(eq(referrals.department, q.department));
  if (q.q !== undefined) filters.push(await patientSearch(db, principal, key, mine, and(side, inArray(referrals.status, inView), ...filters), q.q));
  // The list is made of parts, each in an order of plain columns: each open status on its own in its
  // place, then the finished ones together. A part's query names its status with `=` (PostgreSQL
  // before 17 reads no index in order past an IN on its second column), so the page of the ones to
  // answer comes straight off referrals_incoming_idx (to, status, priority, SLA) and the finished
  // ones off referrals_incoming_updated_idx, never by sorting every row. One count by status gives
  // the total and where each part starts; only the parts the page reaches are read.
  const counts = await db
    .select({ status: referrals.status, n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(side, inArray(referrals.status, inView), ...filters))
    .groupBy(referrals.status);
  const counted = new Map(counts.map((c) => [c.status, Number(c.n)]));
  const parts = worklistParts(
    open,
    [...counted.keys()].filter((status) => !open.includes(status as never)),
  );
  const sizes = parts.map((part) => part.statuses.reduce((sum, status) => sum + (counted.get(status) ?? 0), 0));
  const pages = await Promise.all(
    partSlices(sizes, (q.page - 1) * q.pageSize, q.pageSize).map(({ part, offset, limit }) => {
      const { statuses, order } = parts[part] as (typeof parts)[number];
      const status = statuses.length === 1 ? eq(referrals.status, statuses[0] as string) : inArray(referrals.status, statuses);
      return db
        .select(columns)
        .from(referrals)
        .where(and(side, status, ...filters))
        .orderBy(...order)
        .limit(limit)
        .offset(offset);
    }),
  );
  // Lists never carry ID numbers in clear: the masked form is enough to tell patients apart.
  const items = pages.flat().map((r) => toApi(r, principal, key, true));
  return { items, total: sizes.reduce((a, b) => a + b, 0), page: q.page, pageSize: q.pageSize };
}

/** An ID-number tail search decrypts at most this many candidates (those whose masked tail matches). */
const TAIL_CANDIDATES = 5000;

/**
 * The worklist's patient search. A name is matched in the stored name (LIKE within the worklist's
 * own rows). An ID tail of up to MASK_KEEPS characters is matched on the masked form; a longer one
 * (up to 4, for those who see numbers in clear) first narrows to the rows whose masked tail matches
 * — about 1 in 110 — and decrypts only those: no clear tail beyond the mask is stored (with the birth
 * date and home county it would rebuild the number) and no request decrypts the whole list.
 */
async function patientSearch(db: Db, principal: Principal, key: Buffer, mine: string, scope: SQL | undefined, text: string): Promise<SQL> {
  const seesIdNumbers = allows(principal, "read", "patient_identity", { regionCode: null, institutionIds: [mine] });
  const search = worklistSearch(text, seesIdNumbers);
  if (search.kind === "refused") {
    const message =
      search.code === "too_short"
        ? "an ID-number tail needs at least 2 characters"
        : `search by the last ${search.limit} characters of an ID number at most${seesIdNumbers ? "; look a whole number up in the patient index" : " (the ones you see)"}`;
    throw invalid([{ path: "q", code: search.code, params: { limit: search.limit }, message }]);
  }
  if (search.kind === "name") {
    const pattern = likeContains(search.name);
    return /[A-Za-z]/.test(search.name) ? sql`${referrals.patientName} ilike ${pattern}` : sql`${referrals.patientName} like ${pattern}`;
  }
  const masked = sql`right(${referrals.patientIdMasked}, ${Math.min(search.tail.length, MASK_KEEPS)}) = ${search.tail.slice(-MASK_KEEPS)}`;
  if (search.tail.length <= MASK_KEEPS) return masked;
  const candidates = await db.select({ id: referrals.id, cipher: referrals.patientIdCipher }).from(referrals).where(and(scope, masked)).limit(TAIL_CANDIDATES);
  const ids = candidates.filter((c) => c.cipher && decrypt(key, c.cipher).endsWith(search.tail)).map((c) => c.id);
  return ids.length ? inArray(referrals.id, ids) : sql`false`;
}

export async function history(db: Db, id: string) {
  const events = await db.select().from(referralEvents).where(eq(referralEvents.referralId, id)).orderBy(asc(referralEvents.at), asc(referralEvents.id));
  return events.map((e) => ({ at: new Date(e.at).toISOString(), actor: e.actorName, action: e.action, from: e.fromStatus, to: e.toStatus, note: e.note }));
}

/**
 * Applies an action: the state machine decides, the row lock keeps two people from moving the same
 * referral at once, `schedule` books a reserved unit, `complete` may send the patient back down.
 */
export async function applyTransition(
  db: Db,
  actor: Actor,
  principal: Principal,
  keys: PatientKeys,
  id: string,
  body: Static<typeof TransitionInput>,
  now: Date,
  landings: readonly LandDischarge[] = [],
): Promise<void> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id)).for("update");
  if (!row) throw notFound("referral");
  const side = sideOf(principal, row);
  if (!side) throw forbidden("referral_sides_only", "Only the two institutions act on a referral");
  if (body.action === "complete" && body.downReferral) {
    const problems = downReferralProblems(body.downReferral);
    if (row.direction !== "up")
      problems.unshift({
        path: "downReferral",
        code: "not_allowed",
        params: { reason: "only_up_referral_returns" },
        message: "only an up-referral sends the patient back down",
      });
    if (problems.length) throw invalid(problems);
  }
  const status = row.status as ReferralStatus;
  // A unit the sender booked with the referral is already held: scheduling confirms it.
  const held = row.slotId || row.bedId ? { slotId: row.slotId ?? undefined, bedId: row.bedId ?? undefined } : null;
  const next = transition(status, body.action, side, body.action === "schedule" && held ? { ...body, ...held } : body);
  const changes: Partial<typeof referrals.$inferInsert> = { status: next, updatedAt: now };
  if (body.action === "submit") Object.assign(changes, { submittedAt: now, slaDeadline: slaDeadline(now, row.priority as Priority) });
  if (body.action === "accept") changes.acceptedAt = now;
  if (body.action === "schedule" && !held) {
    if (body.slotId) {
      await bookUnit(db, "slot", body.slotId, row.toInstitutionId);
      changes.slotId = body.slotId;
    } else {
      await bookUnit(db, "bed", body.bedId as string, row.toInstitutionId);
      changes.bedId = body.bedId as string;
    }
  }
  if (body.action === "complete") changes.outcome = body.note ?? null;
  // The other side hears about it: the receiver of a submission, the sender of an answer.
  const told: Partial<Record<ReferralAction, NotificationKind>> = {
    submit: "incoming",
    accept: "accepted",
    reject: "rejected",
    schedule: "scheduled",
    complete: "completed",
  };
  const kind = told[body.action];
  if (kind) await notify(db, body.action === "submit" ? row.toInstitutionId : row.fromInstitutionId, kind, { id, status: next, priority: row.priority });
  // Every change, whoever made it, reaches the subscribed systems of both sides.
  await referralChanged(db, { id, from: status, status: next, fromInstitutionId: row.fromInstitutionId, toInstitutionId: row.toInstitutionId });
  // A referral that ends before the visit gives its held unit back to the reserved pool.
  if ((next === "rejected" || next === "cancelled") && held) await releaseHeld(db, row);
  await db.update(referrals).set(changes).where(eq(referrals.id, id));
  await db
    .insert(referralEvents)
    // The event's time is the Clock's, like the referral's own timestamps (the history and the path read it).
    .values({
      referralId: id,
      at: now,
      actorId: actor.id,
      actorName: actor.name,
      action: body.action,
      fromStatus: status,
      toStatus: next,
      note: body.note ?? null,
    });
  await audit(db, actor, { action: body.action, entity: "referral", entityId: id, regionCode: row.regionCode, before: { status }, after: { status: next } });

  if (body.action === "complete" && body.downReferral) {
    const idNumber = row.patientIdCipher ? decrypt(keys.dataKey, row.patientIdCipher) : undefined;
    const patient = {
      name: row.patientName,
      sex: row.patientSex as "female" | "male",
      birthDate: row.patientBirthDate,
      ...(idNumber ? { idNumber } : { noIdCard: true as const }),
      ...(row.patientPhone && { phone: row.patientPhone }),
      ...(row.patientHomeCounty && { homeCounty: row.patientHomeCounty }),
    };
    const down = await createReferral(
      db,
      actor,
      principal,
      keys,
      {
        direction: "down",
        priority: "routine",
        toInstitutionId: row.fromInstitutionId,
        department: body.downReferral.department ?? "全科医疗科",
        patient,
        // The reason the patient goes back down is what the hospital says at discharge (the whole summary follows).
        reason: { icd10: row.reasonIcd10, text: dischargeReason(body.downReferral.summary) },
        summary: body.downReferral.summary,
        submit: true,
        parentId: id,
      },
      now,
    );
    // The patient lands in a register of the receiving institution if one keeps such patients
    // (the hypertension register, registered by app.ts); its follow-up task is then opened now,
    // as that register entry's call-list item, instead of when the down-referral is completed.
    const followUpDueOn = formatDay(chinaDay(now) + FOLLOW_UP_WITHIN_DAYS);
    for (const land of landings) {
      const chronicPatientId = await land(db, actor, {
        downReferralId: down.id,
        institutionId: row.fromInstitutionId,
        hospitalName: down.fromInstitutionName,
        patientId: down.patient.id as string,
        person: patient,
        icd10: row.reasonIcd10,
        summary: body.downReferral.summary,
        medications: (body.downReferral.medications ?? []).map((m) => ({ ...m, name: m.name.trim() })),
        bp: body.downReferral.bp ?? null,
        followUpDueOn,
        today: formatDay(chinaDay(now)),
      });
      if (chronicPatientId) {
        await openFollowUp(db, {
          referralId: down.id,
          institutionId: row.fromInstitutionId,
          dueOn: followUpDueOn,
          chronicPatientId,
          provinceCode: row.provinceCode,
          now,
        });
        break;
      }
    }
  }
  // A completed down-referral asks the grassroots institution to contact the patient within 14
  // days — unless its patient landed in a register, whose task was opened with the landing.
  if (body.action === "complete" && row.direction === "down") {
    await openFollowUp(db, {
      referralId: id,
      institutionId: row.toInstitutionId,
      dueOn: formatDay(chinaDay(now) + FOLLOW_UP_WITHIN_DAYS),
      chronicPatientId: null,
      provinceCode: row.provinceCode,
      now,
    });
  }
}

/**
 * The sender books a reserved slot or bed for its own referral before the receiver has answered
 * (a draft or submitted referral that holds nothing yet): what `createReferral` does with a slotId
 * or bedId, for a referral made first (the FHIR door: an Appointment after its ServiceRequest). The
 * unit is held like one booked at creation: the receiver's `schedule` confirms it; a rejection,
 * cancellation or expiry gives it back. The same `bookUnit`, so the pool is never overbooked.
 */
export async function holdUnit(db: Db, actor: Actor, principal: Principal, id: string, unit: { kind: "slot" | "bed"; id: string }, now: Date): Promise<void> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id)).for("update");
  if (!row) throw notFound("referral");
  const side = sideOf(principal, row);
  if (!side) throw forbidden("referral_sides_only", "Only the two institutions act on a referral");
  if (side !== "sender")
    throw forbidden("referral_side", "Only the sending institution books a unit before the referral is accepted", { action: "schedule", side: "sender" });
  const status = row.status as ReferralStatus;
  if (status !== "draft" && status !== "submitted") {
    const allowed = allowedActions(status, side);
    throw conflict(
      [
        {
          path: "action",
          code: "conflict_state",
          params: { entity: "referral", action: "schedule", state: status, allowed },
          message: `not allowed in state ${status}`,
        },
      ],
      `The sender books a unit only while the referral is a draft or submitted; it is ${status}`,
    );
  }
  const path = unit.kind === "slot" ? "slotId" : "bedId";
  if (row.slotId || row.bedId)
    throw conflict([{ path, code: "duplicate", params: { scope: "system" }, message: "the referral already holds a reserved slot or bed" }]);
  await bookUnit(db, unit.kind, unit.id, row.toInstitutionId);
  await db
    .update(referrals)
    .set({ [unit.kind === "slot" ? "slotId" : "bedId"]: unit.id, updatedAt: now })
    .where(eq(referrals.id, id));
  // In the referral's history (its versions count events): who booked which unit, the state unchanged.
  await db
    .insert(referralEvents)
    .values({ referralId: id, at: now, actorId: actor.id, actorName: actor.name, action: "book", fromStatus: status, toStatus: status });
  await audit(db, actor, { action: "book", entity: "referral", entityId: id, regionCode: row.regionCode, after: { [path]: unit.id } });
}

/** A discharge summary as a down-referral's reason: one line, at most the reason's 200 characters. */
export function dischargeReason(summary: string): string {
  const line = summary.replace(/\s+/g, " ").trim();
  return [...line].length <= 200 ? line : `${[...line].slice(0, 199).join("")}…`;
}

async function releaseHeld(db: Db, row: { slotId: string | null; bedId: string | null }): Promise<void> {
  if (row.slotId) await unbookUnit(db, "slot", row.slotId);
  if (row.bedId) await unbookUnit(db, "bed", row.bedId);
}

/**
 * Runs one job step per referral, each in its own transaction; a step that fails leaves its referral
 * as it was and does not stop the others. Failures go to `onError`, or are thrown together at the end.
 */
async function perReferral(db: Db, ids: string[], step: (tx: Db, id: string) => Promise<boolean>, onError?: (id: string, error: unknown) => void) {
  let done = 0;
  const failures: unknown[] = [];
  for (const id of ids) {
    try {
      if (await inTransaction(db, (tx) => step(tx, id))) done++;
    } catch (error) {
      if (onError) onError(id, error);
      else failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} referral job step(s) failed`);
  return done;
}

/** The SLA clock acts as "system" in events and the audit log. */
const SYSTEM: Actor = { id: null, name: "system", requestId: null };

/**
 * Tells the receiver once when a submitted referral enters the last quarter of its SLA. Safe to rerun,
 * and to run in several server processes at once: each referral is warned in a transaction holding
 * its row (SKIP LOCKED, so a row another process holds is left to it).
 */
export async function warnExpiringSoon(db: Db, now: Date, onError?: (id: string, error: unknown) => void): Promise<number> {
  const lead = (p: Priority) =>
    sql`(${referrals.priority} = ${p} and ${referrals.slaDeadline} <= ${new Date(now.getTime() + expiryWarningLeadMinutes(p) * 60_000)})`;
  const due = and(
    eq(referrals.status, "submitted"),
    isNull(referrals.expiryWarnedAt),
    sql`${referrals.slaDeadline} > ${now}`,
    sql`(${sql.join(PRIORITIES.map(lead), sql` or `)})`,
  );
  const ids = await db.select({ id: referrals.id }).from(referrals).where(due);
  return perReferral(
    db,
    ids.map((r) => r.id),
    async (tx, id) => {
      const [row] = await tx
        .select({ to: referrals.toInstitutionId, priority: referrals.priority })
        .from(referrals)
        .where(and(eq(referrals.id, id), due))
        .for("update", { skipLocked: true });
      if (!row) return false;
      await tx.update(referrals).set({ expiryWarnedAt: now }).where(eq(referrals.id, id));
      await notify(tx, row.to, "expiring", { id, status: "submitted", priority: row.priority });
      return true;
    },
    onError,
  );
}

/**
 * The SLA clock: a submitted referral past its deadline expires the way the API moves one — in its
 * own transaction, with its row locked, through the state machine, with an event, an audit entry,
 * the sender's notification and its held slot or bed given back — so a failure midway leaves it
 * submitted and whole. SKIP LOCKED and the re-checked condition make each referral expire exactly
 * once however many server processes run this.
 */
export async function expireOverdue(db: Db, now: Date, onError?: (id: string, error: unknown) => void): Promise<number> {
  const overdue = and(eq(referrals.status, "submitted"), lt(referrals.slaDeadline, now));
  const ids = await db.select({ id: referrals.id }).from(referrals).where(overdue).orderBy(asc(referrals.slaDeadline));
  return perReferral(
    db,
    ids.map((r) => r.id),
    async (tx, id) => {
      const [row] = await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.id, id), overdue))
        .for("update", { skipLocked: true });
      if (!row) return false;
      const status = row.status as ReferralStatus;
      const next = transition(status, "expire", "system");
      await tx.update(referrals).set({ status: next, updatedAt: now }).where(eq(referrals.id, id));
      await tx.insert(referralEvents).values({
        referralId: id,
        at: now,
        actorId: null,
        actorName: SYSTEM.name,
        action: "expire",
        fromStatus: status,
        toStatus: next,
        note: "no answer within the SLA",
      });
      await audit(tx, SYSTEM, { action: "expire", entity: "referral", entityId: id, regionCode: row.regionCode, before: { status }, after: { status: next } });
      await notify(tx, row.fromInstitutionId, "expired", { id, status: next, priority: row.priority });
      await referralChanged(tx, { id, from: status, status: next, fromInstitutionId: row.fromInstitutionId, toInstitutionId: row.toInstitutionId });
      await releaseHeld(tx, row);
      return true;
    },
    onError,
  );
}
