import { notFound } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { Db } from "./db/connection.ts";
import { StringEnum, Uuid } from "./http/schemas.ts";
import { patientFamily } from "./patient-index.ts";

/**
 * A patient's path (就诊路径): one timeline across institutions of the referrals, the hospital stays
 * they led to, the register (enrolment and visits) and the telemedicine consultations about the
 * person and any record merged into theirs. Read only by clinicians of institutions that treated
 * the patient (the `patient_path` policy); the route audits every read.
 */

export const PATH_EVENT_KINDS = ["referral", "stay", "enrolment", "visit", "consultation"] as const;
export type PathEventKind = (typeof PATH_EVENT_KINDS)[number];

const Institution = Type.Object({ id: Uuid, name: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PathEventSchema = Type.Object({
  kind: StringEnum(PATH_EVENT_KINDS),
  /** The day (register) or instant (referral, stay, consultation) the event happened, ISO 8601. */
  at: Type.String(),
  /** A stay's last day, when it has ended. */
  until: Nullable(Type.String()),
  institution: Institution,
  /** The other institution: a referral's receiver, a consultation's supporter. */
  other: Nullable(Institution),
  /** referral: up|down; visit: follow_up|discharge; consultation: its kind. */
  detail: Nullable(Type.String()),
  status: Nullable(Type.String()),
  /** ICD-10 of a referral; blood pressure of a visit ("150/95"). */
  code: Nullable(Type.String()),
  /** The record behind the event, for a link (referral id, register entry id, session id). */
  recordId: Uuid,
});

export const PatientPathSchema = Type.Object({
  patient: Type.Object({
    id: Uuid,
    localId: Nullable(Type.String()),
    name: Type.String(),
    sex: Type.String(),
    birthDate: Type.String(),
    idNumber: Nullable(Type.String({ description: "Masked" })),
    homeCounty: Nullable(Type.String()),
  }),
  /** Records merged into this one (their events are in the path). */
  merged: Type.Array(Type.Object({ id: Uuid, localId: Nullable(Type.String()) })),
  institutions: Type.Array(Institution),
  events: Type.Array(PathEventSchema),
});
export type PatientPath = Static<typeof PatientPathSchema>;
type PathEvent = Static<typeof PathEventSchema>;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

interface EventRow {
  kind: PathEventKind;
  at: string;
  until: string | null;
  institution_id: string;
  institution_name: string;
  other_id: string | null;
  other_name: string | null;
  detail: string | null;
  status: string | null;
  code: string | null;
  record_id: string;
}

/** The path, newest first. */
export async function patientPath(db: Db, id: string): Promise<PatientPath> {
  const family = await patientFamily(db, id);
  const ids = sql.join(
    family.map((f) => sql`${f}::uuid`),
    sql`, `,
  );
  const [patient] = rowsOf<{
    id: string;
    local_id: string | null;
    name: string;
    sex: string;
    birth_date: string;
    id_masked: string | null;
    home_county: string | null;
  }>(await db.execute(sql`select id::text, local_id, name, sex, birth_date::text, id_masked, home_county from patients where id = ${id}::uuid`));
  if (!patient) throw notFound("patient");
  const merged = rowsOf<{ id: string; local_id: string | null }>(
    await db.execute(sql`select id::text, local_id from patients where id in (${ids}) and id <> ${id}::uuid order by created_at`),
  );
  const events = rowsOf<EventRow>(
    await db.execute(sql`
      select 'referral' as kind, to_char(coalesce(r.submitted_at, r.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, null as until,
             r.from_institution_id::text as institution_id, f.name as institution_name, r.to_institution_id::text as other_id, t.name as other_name,
             r.direction as detail, r.status, r.reason_icd10 as code, r.id::text as record_id
      from referrals r join institutions f on f.id = r.from_institution_id join institutions t on t.id = r.to_institution_id
      where r.patient_id in (${ids})
      union all
      -- A stay ends when its referral was completed, never before the bed's day (a completion recorded early).
      select 'stay', b.date::text,
             (select greatest(b.date, max((e.at at time zone 'Asia/Shanghai')::date))::text from referral_events e where e.referral_id = r.id and e.to_status = 'completed'),
             r.to_institution_id::text, t.name, null, null, b.ward, r.status, r.reason_icd10, r.id::text
      from referrals r join beds b on b.id = r.bed_id join institutions t on t.id = r.to_institution_id
      where r.patient_id in (${ids}) and r.status in ('scheduled', 'completed')
      union all
      select 'enrolment', c.enrolled_on::text, null, c.institution_id::text, i.name, null, null, null, case when c.active then 'active' else 'inactive' end, null, c.id::text
      from chronic_patients c join institutions i on i.id = c.institution_id
      where c.patient_id in (${ids})
      union all
      select 'visit', v.visit_on::text, null, v.institution_id::text, i.name, null, null, v.kind,
             case when v.sbp is null then null when v.controlled then 'controlled' else 'not_controlled' end,
             case when v.sbp is null then null else v.sbp || '/' || v.dbp end, c.id::text
      from chronic_visits v join chronic_patients c on c.id = v.patient_id join institutions i on i.id = v.institution_id
      where c.patient_id in (${ids})
      union all
      select 'consultation', to_char(coalesce(s.starts_at, s.requested_start, s.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), null,
             s.recipient_id::text, ri.name, s.supporter_id::text, si.name, s.kind, s.status, null, s.id::text
      from telemedicine_sessions s join institutions ri on ri.id = s.recipient_id join institutions si on si.id = s.supporter_id
      where s.patient_id in (${ids})
      order by 2 desc, 1`),
  );
  const institutions = new Map<string, string>();
  const toEvent = (r: EventRow): PathEvent => {
    institutions.set(r.institution_id, r.institution_name);
    if (r.other_id) institutions.set(r.other_id, r.other_name ?? "");
    return {
      kind: r.kind,
      at: r.at,
      until: r.until,
      institution: { id: r.institution_id, name: r.institution_name },
      other: r.other_id ? { id: r.other_id, name: r.other_name ?? "" } : null,
      detail: r.detail,
      status: r.status,
      code: r.code,
      recordId: r.record_id,
    };
  };
  return {
    patient: {
      id: patient.id,
      localId: patient.local_id,
      name: patient.name,
      sex: patient.sex,
      birthDate: patient.birth_date,
      idNumber: patient.id_masked,
      homeCounty: patient.home_county,
    },
    merged: merged.map((m) => ({ id: m.id, localId: m.local_id })),
    events: events.map(toEvent),
    institutions: [...institutions].map(([iid, name]) => ({ id: iid, name })),
  };
}
