import { CARE_LEVEL } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { builtOnce } from "../db/built-once.ts";
import type { Db } from "../db/connection.ts";
import { auditLog, institutions, patients, referralEvents, referrals } from "../db/schema.ts";
import { notificationInserts } from "../notify/notify.ts";
import { changeDeliveries } from "../notify/subscriptions.ts";
import { MAX_MERGE_HOPS } from "../patient-index.ts";

const p = (name: string) => sql.placeholder(name);

/**
 * The referral create in one statement, the busiest write of the platform: the patient found or
 * added to the index (unless the caller already indexed them: `givenPatientId`), the referral, its
 * event, its audit entry (who referred whom, never the ID number), and — when it is submitted at
 * once — the receiver's notification and webhook delivery, and the FHIR subscriptions' deliveries.
 * One statement is atomic without a transaction, and one round trip; its text is built once
 * (db/built-once.ts). The referral id is made in Node, so every side effect can name it.
 *
 * The patient upsert is the one of `indexPatient` (patient-index.ts): newer contact details are
 * kept, the name and birth date stay as first given; a record merged into another is followed to
 * the live one, as `livePatientId` does.
 */
function createStatement(submitted: boolean) {
  // Side effects read the inserted row: a refused create leaves none.
  const created = sql`exists (select 1 from inserted)`;
  const sideEffects = [
    sql`insert into ${referralEvents} (referral_id, at, actor_id, actor_name, action, from_status, to_status)
        select id, ${p("now")}, ${p("actorId")}, ${p("actorName")}, ${submitted ? "submit" : "create"}, null, status from inserted`,
    sql`insert into ${auditLog} (actor_id, actor_name, action, entity, entity_id, region_code, after, request_id)
        select ${p("actorId")}, ${p("actorName")}, 'create', 'referral', id, region_code, ${p("audit")}::jsonb, ${p("requestId")} from inserted`,
    ...(submitted ? notificationInserts(p("toInstitutionId"), "incoming", p("id"), "referral.incoming", p("notification"), created) : []),
    changeDeliveries({
      event: `referral.${submitted ? "submitted" : "draft"}`,
      payload: p("change"),
      status: submitted ? "submitted" : "draft",
      fromInstitutionId: p("fromInstitutionId"),
      toInstitutionId: p("toInstitutionId"),
      seenByOwner: submitted,
      when: created,
    }),
  ];
  const level = (alias: string) =>
    sql.raw(
      `case ${alias}.kind ${Object.entries(CARE_LEVEL)
        .map(([kind, level]) => `when '${kind}' then ${level}`)
        .join(" ")} end`,
    );
  return sql`
    with sides as (
      select f.region_code, f.name as from_name, t.name as to_name
      from ${institutions} f join ${institutions} t on t.id = ${p("toInstitutionId")}
      where f.id = ${p("fromInstitutionId")} and t.id <> f.id and t.active
        and case when ${p("direction")} = 'up' then ${level("t")} > ${level("f")} else ${level("t")} < ${level("f")} end),
    indexed as (
      insert into ${patients} (id_hash, id_cipher, id_masked, name, sex, birth_date, phone, home_county)
      select ${p("idHash")}, ${p("idCipher")}, ${p("idMasked")}, ${p("patientName")}, ${p("patientSex")}, ${p("patientBirthDate")}, ${p("patientPhone")}, ${p("patientHomeCounty")}
      from sides where ${p("givenPatientId")}::uuid is null
      on conflict (id_hash) do update set phone = coalesce(excluded.phone, ${patients}.phone),
        home_county = coalesce(excluded.home_county, ${patients}.home_county), updated_at = now()
      returning id, merged_into),
    live as (
      select coalesce(${p("givenPatientId")}::uuid, (
        with recursive chain (id, merged_into, hop) as (
          select id, merged_into, 0 from indexed
          union all
          select r.id, r.merged_into, chain.hop + 1 from chain join ${patients} r on r.id = chain.merged_into where chain.hop < ${sql.raw(String(MAX_MERGE_HOPS))})
        select id from chain where merged_into is null limit 1), (select id from indexed)) as id
      from sides),
    inserted as (
      insert into ${referrals} (id, direction, priority, status, from_institution_id, from_user_id, to_institution_id, department,
        patient_id, patient_name, patient_sex, patient_birth_date, patient_id_cipher, patient_id_masked, patient_phone, patient_home_county,
        reason_icd10, reason_text, summary, slot_id, bed_id, parent_id, submitted_at, sla_deadline, region_code, province_code, created_at, updated_at)
      select ${p("id")}, ${p("direction")}, ${p("priority")}, ${submitted ? "submitted" : "draft"}, ${p("fromInstitutionId")}, ${p("fromUserId")},
        ${p("toInstitutionId")}, ${p("department")}, live.id, ${p("patientName")}, ${p("patientSex")}, ${p("patientBirthDate")}, ${p("patientIdCipher")},
        ${p("idMasked")}, ${p("patientPhone")}, ${p("patientHomeCounty")}, ${p("reasonIcd10")}, ${p("reasonText")}, ${p("summary")}, ${p("slotId")},
        ${p("bedId")}, ${p("parentId")}, ${p("submittedAt")}, ${p("slaDeadline")}, sides.region_code, left(sides.region_code, 2) || '0000', ${p("now")}, ${p("now")}
      from sides, live
      returning id, status, patient_id, region_code),
    ${sql.join(
      sideEffects.map((statement, i) => sql`${sql.raw(`side_effect_${i}`)} as (${statement})`),
      sql`, `,
    )}
    select inserted.patient_id as "patientId", sides.from_name as "fromName", sides.to_name as "toName" from inserted, sides`;
}

/** Values of the statement: every placeholder above (timestamps as ISO text, absent values null). */
export type CreateValues = Record<
  | "id"
  | "now"
  | "actorId"
  | "actorName"
  | "audit"
  | "requestId"
  | "notification"
  | "change"
  | "fromInstitutionId"
  | "toInstitutionId"
  | "idHash"
  | "idCipher"
  | "idMasked"
  | "patientIdCipher"
  | "patientName"
  | "patientSex"
  | "patientBirthDate"
  | "patientPhone"
  | "patientHomeCounty"
  | "givenPatientId"
  | "direction"
  | "priority"
  | "fromUserId"
  | "department"
  | "reasonIcd10"
  | "reasonText"
  | "summary"
  | "slotId"
  | "bedId"
  | "parentId"
  | "submittedAt"
  | "slaDeadline",
  string | null
>;

type Created = { patientId: string; fromName: string; toName: string };
const statements = { draft: builtOnce<Created>(() => createStatement(false)), submitted: builtOnce<Created>(() => createStatement(true)) };

/**
 * Runs the create statement: the live patient record the referral points to and the two
 * institutions' names, or undefined when the institutions refuse it (the receiver unknown or
 * inactive, the sender itself, or not a higher level for an up-referral, a lower one for a down).
 */
export async function insertReferral(db: Db, submitted: boolean, values: CreateValues): Promise<Created | undefined> {
  const [row] = await statements[submitted ? "submitted" : "draft"](db, values);
  return row;
}
